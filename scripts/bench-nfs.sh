#!/usr/bin/env bash
# Benchmark: Ferry vs nfs-ganesha serving the same directory, same libnfs client, same run.
#
#   scripts/bench-nfs.sh [--backend local|nfs] [--rounds N] [--size MIB] [--files N] [--no-warmup]
#                        [--keep] [--tmp DIR]
#
# Starts (on 127.0.0.1, free ports) an nfs-ganesha (VFS FSAL, NFSv3) exporting a temp directory
# D and a Ferry serving D too, through one backend: with --backend local (the default) a local
# directory backend on D's parent with an export mapped to D itself; with --backend nfs an nfs://
# backend on that same ganesha export (Ferry's NFS front end -> Ferry's NFSv3 client -> ganesha, so
# Ferry adds a network hop to every call and the ratio is the proxy's whole cost). Then it runs
# N rounds (default 3), alternating which server goes first, of:
#   put   SIZE MiB (default 256) written by scripts/bench/nfsbench.c (libnfs sync API, 1 MiB chunks)
#   get   the same file read back by nfsbench (size verified)
#   meta  create+write / stat / remove of FILES small files (default 2000) by nfsbench
#   cp-in / cp-out  the same SIZE MiB with Debian's nfs-cp (a second client view; timed from outside,
#         so each figure includes process start and MOUNT)
# and prints, per operation, the median of the rounds for each server and Ferry/ganesha as a
# throughput ratio (> 1 means Ferry is faster).
#
# Nothing is dropped from the page cache: the source file, and every file read back, was just
# written, so both servers read from the same warm cache. Every run writes fresh file names.
# Before the measured rounds one unrecorded warm-up round of the same size runs against both
# servers, so the figures are for a JIT-warm Ferry; --no-warmup skips it.
#
# Not a test: the test suite never runs it. Needs root to install missing Debian packages
# (nfs-ganesha nfs-ganesha-vfs rpcbind libnfs-dev libnfs-utils gcc); nfsbench is compiled into
# the temp dir. Ferry is built if needed (./ferry builds it) and run by ./ferry, so
# FERRY_JAVA_OPTS (e.g. -XX:StartFlightRecording=filename=/tmp/f.jfr) reaches its JVM.
# Everything started here is stopped on exit, including on Ctrl-C; --keep keeps the temp dir
# (configs, logs, raw per-round results in results.txt).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"

rounds=3
backend=local
size_mib=256
files=2000
warmup=1
keep=0
tmp_parent="${TMPDIR:-/tmp}"

usage() { # $1 exit code
  sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed -e '/^set -euo/d' -e 's/^# \{0,1\}//'
  exit "$1"
}

while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) rounds="${2:?}"; shift 2 ;;
    --backend) backend="${2:?}"; shift 2 ;;
    --size) size_mib="${2:?}"; shift 2 ;;
    --files) files="${2:?}"; shift 2 ;;
    --no-warmup) warmup=0; shift ;;
    --keep) keep=1; shift ;;
    --tmp) tmp_parent="${2:?}"; shift 2 ;;
    -h|--help) usage 0 ;;
    *) echo "bench-nfs: unknown option: $1" >&2; usage 2 >&2 ;;
  esac
done
case "$backend" in local|nfs) ;; *) echo "bench-nfs: --backend is local or nfs, not '$backend'" >&2; exit 2 ;; esac
for v in "$rounds" "$size_mib" "$files"; do
  case "$v" in ''|*[!0-9]*) echo "bench-nfs: --rounds/--size/--files need positive integers" >&2; exit 2 ;; esac
  [ "$v" -gt 0 ] || { echo "bench-nfs: --rounds/--size/--files need positive integers" >&2; exit 2; }
done

log() { printf 'bench-nfs: %s\n' "$*" >&2; }

load_before="$(cut -d' ' -f1-3 /proc/loadavg)"

# ---------------------------------------------------------------- packages
need_pkgs=()
for p in nfs-ganesha nfs-ganesha-vfs rpcbind libnfs-dev libnfs-utils gcc; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || need_pkgs+=("$p")
done
if [ ${#need_pkgs[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    log "missing Debian packages: ${need_pkgs[*]} (run as root to install them, or apt-get install them)"
    exit 3
  fi
  log "installing ${need_pkgs[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_pkgs[@]}" >/dev/null
fi

# ---------------------------------------------------------------- cleanup
T="$(mktemp -d "$tmp_parent/ferry-bench.XXXXXX")"
pids=()        # everything we start, stopped in reverse order
stop_all() {
  local rc=$? i pid n
  trap - EXIT INT TERM HUP
  for ((i = ${#pids[@]} - 1; i >= 0; i--)); do
    pid="${pids[$i]}"
    kill -0 "$pid" 2>/dev/null || continue
    kill -TERM "$pid" 2>/dev/null || true
    for n in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  if [ "$keep" -eq 1 ]; then
    log "kept $T"
  else
    rm -rf "$T"
  fi
  exit "$rc"
}
trap stop_all EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

# ---------------------------------------------------------------- helpers
port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
taken_ports=" "
free_port() { # $1 = variable to set to a port nobody listens on (and we have not handed out)
  local p
  while :; do
    p=$((20000 + RANDOM % 40000))
    case "$taken_ports" in *" $p "*) continue ;; esac
    port_busy "$p" && continue
    taken_ports="$taken_ports$p "
    printf -v "$1" '%s' "$p"
    return
  done
}
wait_port() { # $1 port, $2 pid, $3 what, $4 log
  local i
  for i in $(seq 1 600); do
    port_busy "$1" && return 0
    if ! kill -0 "$2" 2>/dev/null; then
      log "$3 exited before listening on port $1; its log ($4):"
      tail -n 30 "$4" >&2 || true
      exit 1
    fi
    sleep 0.1
  done
  log "$3 did not listen on port $1 within 60 s; its log ($4):"
  tail -n 30 "$4" >&2 || true
  exit 1
}

# ---------------------------------------------------------------- build nfsbench
nfsbench="$T/nfsbench"
gcc -O2 -Wall -o "$nfsbench" "$here/bench/nfsbench.c" -lnfs

# ---------------------------------------------------------------- Ferry jar
. "$root/scripts/find-jdk.sh"
log "building Ferry if needed (./ferry --help)"
"$root/ferry" --help >/dev/null

# ---------------------------------------------------------------- layout
srv="$T/srv"          # Ferry's backend root
D="$srv/data"         # the directory both servers serve
mkdir -p "$D" "$T/ganesha/recov" "$T/ferry-state" "$T/logs" "$T/out"
chmod 0777 "$D"
export_ferry=/bench     # Ferry's export name
export_ganesha="$D"     # ganesha mounts NFSv3 clients by Path (Pseudo is for NFSv4)

# ---------------------------------------------------------------- rpcbind
if ! rpcinfo -p 127.0.0.1 >/dev/null 2>&1; then
  log "starting rpcbind (nfs-ganesha refuses to start without one)"
  mkdir -p /run/rpcbind
  /sbin/rpcbind -f -w >"$T/logs/rpcbind.log" 2>&1 &
  pids+=($!)
  for i in $(seq 1 50); do rpcinfo -p 127.0.0.1 >/dev/null 2>&1 && break; sleep 0.1; done
fi

# ---------------------------------------------------------------- nfs-ganesha
free_port g_nfs
free_port g_mnt
cat >"$T/ganesha/ganesha.conf" <<EOF
NFS_CORE_PARAM {
  NFS_Port = $g_nfs; MNT_Port = $g_mnt; Bind_Addr = 127.0.0.1; Protocols = 3;
  Enable_NLM = false; Enable_RQUOTA = false; Enable_UDP = false;
}
NFSV4 { Graceless = true; RecoveryBackend = fs; RecoveryRoot = $T/ganesha/recov; }
NFS_KRB5 { Active_krb5 = false; }
EXPORT {
  Export_Id = 1; Path = $D; Pseudo = $export_ganesha; Access_Type = RW; Squash = No_Root_Squash;
  Protocols = 3; Transports = TCP; SecType = sys; FSAL { Name = VFS; }
}
EOF
log "starting nfs-ganesha on 127.0.0.1:$g_nfs (mount $g_mnt)"
ganesha.nfsd -F -f "$T/ganesha/ganesha.conf" -L "$T/logs/ganesha.log" -p "$T/ganesha/ganesha.pid" \
  -N NIV_EVENT </dev/null >"$T/logs/ganesha.out" 2>&1 &
pids+=($!)
wait_port "$g_nfs" "${pids[-1]}" nfs-ganesha "$T/logs/ganesha.log"
wait_port "$g_mnt" "${pids[-1]}" nfs-ganesha "$T/logs/ganesha.log"

# ---------------------------------------------------------------- Ferry
free_port f_nfs
free_port f_admin
if [ "$backend" = nfs ]; then
  backend_url="nfs://127.0.0.1:$g_nfs$D?mountport=$g_mnt"
  export_path=/
else
  backend_url="file://$srv"
  export_path="/$(basename "$D")"
fi
cat >"$T/ferry.yaml" <<EOF
listen: 127.0.0.1
state-dir: $T/ferry-state
nfs:
  port: $f_nfs
admin:
  port: $f_admin
  listen: 127.0.0.1
backends:
  - name: bench
    url: $backend_url
exports:
  - name: ${export_ferry#/}
    backend: bench
    path: $export_path
EOF
log "starting Ferry on 127.0.0.1:$f_nfs${FERRY_JAVA_OPTS:+ (FERRY_JAVA_OPTS=$FERRY_JAVA_OPTS)}"
"$root/ferry" serve --config "$T/ferry.yaml" </dev/null >"$T/logs/ferry.log" 2>&1 &
pids+=($!)
wait_port "$f_nfs" "${pids[-1]}" Ferry "$T/logs/ferry.log"

# ---------------------------------------------------------------- workload
# server name -> "EXPORT NFSPORT MOUNTPORT"
declare -A target=([ganesha]="$export_ganesha $g_nfs $g_mnt" [ferry]="$export_ferry $f_nfs $f_nfs")
results="$T/results.txt"   # lines: round server op value unit
: >"$results"

make_source() { # $1 MiB -> path
  local f="$T/src-$1.bin"
  [ -f "$f" ] || head -c "$(($1 * 1024 * 1024))" /dev/urandom >"$f"
  echo "$f"
}

nfs_url() { # $1 server, $2 path inside the export
  local e n m
  read -r e n m <<<"${target[$1]}"
  echo "nfs://127.0.0.1$e$2?version=3&nfsport=$n&mountport=$m"
}

record() { # round server op value unit
  [ "$1" = warmup ] || echo "$*" >>"$results"
}

field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p"; }

bench() { # nfsbench with its stderr in the log; on failure show the log's tail and stop
  if ! "$nfsbench" "$@" 2>>"$T/logs/nfsbench.log"; then
    log "nfsbench $1 failed; the end of $T/logs/nfsbench.log:"
    tail -n 5 "$T/logs/nfsbench.log" >&2
    return 1
  fi
}

run_server() { # $1 round label, $2 server, $3 MiB, $4 files
  local r="$1" s="$2" mib="$3" nf="$4" e n m src name out line t0 t1 secs
  read -r e n m <<<"${target[$s]}"
  src=$(make_source "$mib")
  name="/put-$s-$r.bin"

  line=$(bench put "$src" 127.0.0.1 "$e" "$name" "$n" "$m")
  record "$r" "$s" put "$(field mibps <<<"$line")" MiB/s
  cmp -s "$src" "$D$name" || { log "put through $s: $D$name differs from the source"; exit 1; }

  line=$(bench get /dev/null 127.0.0.1 "$e" "$name" "$n" "$m")
  record "$r" "$s" get "$(field mibps <<<"$line")" MiB/s
  rm -f "$D$name"

  bench meta 127.0.0.1 "$e" "/meta-$s-$r" "$nf" "$n" "$m" |
    while read -r line; do
      record "$r" "$s" "$(field op <<<"$line")" "$(field opsps <<<"$line")" ops/s
    done

  name="cp-$s-$r.bin"
  t0=$(date +%s.%N)
  nfs-cp "$src" "$(nfs_url "$s" "/$name")" >>"$T/logs/nfs-cp.log" 2>&1 ||
    { log "nfs-cp in through $s failed; see $T/logs/nfs-cp.log"; exit 1; }
  t1=$(date +%s.%N)
  record "$r" "$s" cp-in "$(awk -v b="$mib" -v a="$t0" -v z="$t1" 'BEGIN { printf "%.2f", b / (z - a) }')" MiB/s
  cmp -s "$src" "$D/$name" || { log "nfs-cp through $s: $D/$name differs from the source"; exit 1; }

  out="$T/out/$name"
  rm -f "$out"
  t0=$(date +%s.%N)
  nfs-cp "$(nfs_url "$s" "/$name")" "$out" >>"$T/logs/nfs-cp.log" 2>&1 ||
    { log "nfs-cp out through $s failed; see $T/logs/nfs-cp.log"; exit 1; }
  t1=$(date +%s.%N)
  record "$r" "$s" cp-out "$(awk -v b="$mib" -v a="$t0" -v z="$t1" 'BEGIN { printf "%.2f", b / (z - a) }')" MiB/s
  cmp -s "$src" "$out" || { log "nfs-cp out through $s: the copy differs from the source"; exit 1; }
  rm -f "$out" "$D/$name"
}

if [ "$warmup" -eq 1 ]; then
  log "warm-up (not recorded): $size_mib MiB, $files files, against both servers"
  run_server warmup ganesha "$size_mib" "$files"
  run_server warmup ferry "$size_mib" "$files"
fi

for r in $(seq 1 "$rounds"); do
  if [ $((r % 2)) -eq 1 ]; then order="ganesha ferry"; else order="ferry ganesha"; fi
  for s in $order; do
    log "round $r/$rounds: $s ($size_mib MiB, $files files)"
    run_server "r$r" "$s" "$size_mib" "$files"
  done
done

# ---------------------------------------------------------------- report
pkg_version() { dpkg-query -W -f='${Version}' "$1" 2>/dev/null || echo '?'; }
echo
echo "Ferry vs nfs-ganesha, same libnfs client, $rounds rounds, $size_mib MiB, $files files ($(date -u +%Y-%m-%dT%H:%MZ))"
echo "machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo) RAM," \
  "kernel $(uname -r); load before the run: $load_before"
echo "JDK: $("$JAVA_HOME/bin/java" -version 2>&1 | head -n 1) ($JAVA_HOME)${FERRY_JAVA_OPTS:+; FERRY_JAVA_OPTS=$FERRY_JAVA_OPTS}"
echo "nfs-ganesha $(pkg_version nfs-ganesha), libnfs $(pkg_version libnfs-dev), Ferry $(git -C "$root" describe --always --dirty 2>/dev/null || echo "?") on a $backend backend"
echo
awk -v rounds="$rounds" '
  function median(key,   n, i, j, t, a) {
    n = split(vals[key], a, " ")
    for (i = 2; i <= n; i++) { t = a[i]; for (j = i - 1; j >= 1 && a[j] + 0 > t + 0; j--) a[j + 1] = a[j]; a[j + 1] = t }
    return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
  }
  {
    key = $2 SUBSEP $3
    vals[key] = (key in vals) ? vals[key] " " $4 : $4
    unit[$3] = $5
    if (!($3 in seen)) { seen[$3] = 1; ops[++nops] = $3 }
  }
  END {
    printf "| %-9s | %-6s | %14s | %14s | %13s |\n", "operation", "unit", "ganesha (med)", "Ferry (med)", "Ferry/ganesha"
    printf "|%s|%s|%s|%s|%s|\n", "-----------", "--------", "---------------:", "---------------:", "--------------:"
    for (i = 1; i <= nops; i++) {
      op = ops[i]; g = median("ganesha" SUBSEP op); f = median("ferry" SUBSEP op)
      printf "| %-9s | %-6s | %14.1f | %14.1f | %12.2fx |\n", op, unit[op], g, f, (g > 0 ? f / g : 0)
    }
  }' "$results"
echo
echo "Per round (round server op value unit):"
sed 's/^/  /' "$results"
