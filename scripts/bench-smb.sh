#!/usr/bin/env bash
# Benchmark: Ferry's SMB front end vs Samba smbd serving the same directory, same smbclient, same run.
#
#   scripts/bench-smb.sh [--backend local|smb] [--rounds N] [--size MIB] [--files N] [--no-warmup]
#                        [--no-sign] [--keep] [--tmp DIR]
#
# Starts (on 127.0.0.1, free ports) an smbd (own state dirs, one user, one share on a temp directory
# D) and a Ferry (`ferry serve`) with an SMB front end (one user, `signing: enabled`) serving D
# through one backend: with --backend local (the default) a local-directory backend on D's parent
# with an export mapped to D itself; with --backend smb an smb:// backend on that same smbd share
# (client -> Ferry's SMB front end -> Ferry's smbj client -> smbd, so Ferry adds a network hop to
# every call and the ratio is the proxy's whole cost). Then it runs N rounds (default 3),
# alternating which server goes first, of:
#   put   smbclient `put` of a SIZE MiB file (default 512), the smbclient run timed from outside
#   get   smbclient `get` of that file into a local file, timed from outside
#   meta-create  one smbclient session running a generated command file: mkdir, FILES `put`s of a
#         64-byte file (default 1000), `ls`; timed as a whole, reported as files/s
#   meta-remove  one smbclient session: FILES `del`s and `rmdir`; timed as a whole, files/s
# and prints, per operation, the median of the rounds for each server and Ferry/smbd as a
# throughput ratio (> 1 means Ferry is faster). Sizes and bytes are checked outside the timed part
# (cmp of the file on D and of the copy read back; the metadata files' count on D, the `ls`
# output, and that the directory is gone).
#
# Signing: smbclient runs with --client-protection=sign, so it requires signing and both servers
# sign every message (smbd's default `server signing = default` and Ferry's `signing: enabled`
# both sign when the client asks); --no-sign runs smbclient with its defaults instead, so neither
# server signs. Both servers offer encryption; smbclient does not ask for it. The dialect is the
# highest both speak, 3.1.1; smbclient offers only AES-128-CMAC for signing, because smbd would
# otherwise choose AES-128-GMAC, which Ferry does not implement yet (so both sign alike).
# The dialect and signing each server negotiated
# are printed (from `smbclient -d 10`, outside the measurements).
#
# Nothing is dropped from the page cache: every file read back was just written, so both servers
# read from the same warm cache. Every run writes fresh file names. Before the measured rounds one
# unrecorded warm-up round of the same size runs against both servers (JIT-warm Ferry);
# --no-warmup skips it.
#
# Not a test: the test suite never runs it. Needs root (installs missing Debian packages samba and
# smbclient; adds the Unix account smbtest that smbpasswd needs, as the test fixture does). Ferry
# is built if needed and run by ./ferry, so FERRY_JAVA_OPTS (e.g.
# -XX:StartFlightRecording=filename=/tmp/f.jfr,settings=profile) reaches its JVM. Everything
# started here is stopped on exit, including on Ctrl-C; --keep keeps the temp dir (configs, logs,
# raw per-round results in results.txt).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"

rounds=3
backend=local
size_mib=512
files=1000
warmup=1
sign=1
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
    --no-sign) sign=0; shift ;;
    --keep) keep=1; shift ;;
    --tmp) tmp_parent="${2:?}"; shift 2 ;;
    -h|--help) usage 0 ;;
    *) echo "bench-smb: unknown option: $1" >&2; usage 2 >&2 ;;
  esac
done
case "$backend" in local|smb) ;; *) echo "bench-smb: --backend is local or smb, not '$backend'" >&2; exit 2 ;; esac
for v in "$rounds" "$size_mib" "$files"; do
  case "$v" in ''|*[!0-9]*) echo "bench-smb: --rounds/--size/--files need positive integers" >&2; exit 2 ;; esac
  [ "$v" -gt 0 ] || { echo "bench-smb: --rounds/--size/--files need positive integers" >&2; exit 2; }
done

log() { printf 'bench-smb: %s\n' "$*" >&2; }

load_before="$(cut -d' ' -f1-3 /proc/loadavg)"

# ---------------------------------------------------------------- packages, account
if [ "$(id -u)" -ne 0 ]; then
  log "needs root (smbd's user account, smbpasswd, Debian packages)"
  exit 3
fi
need_pkgs=()
for p in samba smbclient; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || need_pkgs+=("$p")
done
if [ ${#need_pkgs[@]} -gt 0 ]; then
  log "installing ${need_pkgs[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_pkgs[@]}" >/dev/null
fi
smb_user=smbtest            # the account the backend-pool test fixture uses too
smb_pass='Passw0rd!'
id "$smb_user" >/dev/null 2>&1 || useradd -M -s /usr/sbin/nologin "$smb_user"
ferry_user=bench
ferry_pass="bench-$RANDOM$RANDOM"

# ---------------------------------------------------------------- cleanup
T="$(mktemp -d "$tmp_parent/ferry-bench-smb.XXXXXX")"
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
# Ports are drawn below the kernel's ephemeral range: a port in it can be taken at any moment as
# the local end of an outgoing connection (Ferry's own smb:// client, smbclient), which a connect
# test does not see.
ephemeral_low=$(cut -f1 /proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || echo 32768)
[ "$ephemeral_low" -gt 21000 ] || ephemeral_low=32768
free_port() { # $1 = variable to set to a port nobody listens on (and we have not handed out)
  local p
  while :; do
    p=$((20000 + RANDOM % (ephemeral_low - 20000)))
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

# ---------------------------------------------------------------- Ferry jar
. "$root/scripts/find-jdk.sh"
log "building Ferry if needed (./ferry --help)"
"$root/ferry" --help >/dev/null
ferry_rev="$(git -C "$root" describe --always --dirty 2>/dev/null || echo "?")"   # what was built

# ---------------------------------------------------------------- layout
srv="$T/srv"          # Ferry's local backend root
D="$srv/data"         # the directory both servers serve
S="$T/smbd"           # smbd's own state
mkdir -p "$D" "$T/ferry-state" "$T/logs" "$T/out" "$T/cmd"
for sub in lock state cache private pid ncalrpc log; do mkdir -p "$S/$sub"; done
chmod 0777 "$D"
share_smbd=share
share_ferry=bench

# smbclient's own configuration (not the machine's /etc/samba/smb.conf): SMB2/3 only, and only
# AES-128-CMAC offered for SMB 3.1.1 signing: smbd would otherwise pick AES-128-GMAC, which Ferry
# does not implement yet, and the two servers would sign with different algorithms.
cat >"$T/client.conf" <<EOF
[global]
   client min protocol = SMB2_02
   client max protocol = SMB3_11
   client smb3 signing algorithms = AES-128-CMAC
EOF

# ---------------------------------------------------------------- smbd
free_port s_port
cat >"$S/smb.conf" <<EOF
[global]
   server role = standalone server
   smb ports = $s_port
   interfaces = 127.0.0.1
   bind interfaces only = yes
   disable netbios = yes
   lock directory = $S/lock
   state directory = $S/state
   cache directory = $S/cache
   private dir = $S/private
   pid directory = $S/pid
   ncalrpc dir = $S/ncalrpc
   log file = $S/log/log.%m
   passdb backend = tdbsam:$S/private/passdb.tdb
   map to guest = Bad User
   load printers = no
   printing = bsd
   printcap name = /dev/null
   disable spoolss = yes
   server min protocol = SMB2_02
   server max protocol = SMB3_11
   kernel oplocks = no
   kernel share modes = no
[$share_smbd]
   path = $D
   read only = no
   guest ok = no
   valid users = $smb_user
   force user = root
   vfs objects = streams_xattr
   ea support = yes
EOF
printf '%s\n%s\n' "$smb_pass" "$smb_pass" | smbpasswd -c "$S/smb.conf" -s -a "$smb_user" >/dev/null
log "starting smbd on 127.0.0.1:$s_port"
# setsid: smbd runs without a process group of its own (--no-process-group) and on SIGTERM signals
# its whole group, which would otherwise be this script's and its caller's.
setsid smbd --foreground --no-process-group -s "$S/smb.conf" </dev/null >"$T/logs/smbd.log" 2>&1 &
pids+=($!)
wait_port "$s_port" "${pids[-1]}" smbd "$T/logs/smbd.log"

# ---------------------------------------------------------------- Ferry
free_port f_smb
free_port f_nfs
free_port f_admin
if [ "$backend" = smb ]; then
  backend_conf="    url: smb://127.0.0.1:$s_port/$share_smbd
    username: $smb_user
    password: '$smb_pass'"
  export_path=/
else
  backend_conf="    url: file://$srv"
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
smb:
  port: $f_smb
  signing: enabled
backends:
  - name: bench
$backend_conf
exports:
  - name: $share_ferry
    backend: bench
    path: $export_path
users:
  - name: $ferry_user
    password: '$ferry_pass'
EOF
chmod 600 "$T/ferry.yaml"
log "starting Ferry on 127.0.0.1:$f_smb (SMB), $backend backend${FERRY_JAVA_OPTS:+ (FERRY_JAVA_OPTS=$FERRY_JAVA_OPTS)}"
"$root/ferry" serve --config "$T/ferry.yaml" </dev/null >"$T/logs/ferry.log" 2>&1 &
pids+=($!)
wait_port "$f_smb" "${pids[-1]}" Ferry "$T/logs/ferry.log"

# ---------------------------------------------------------------- workload
# server name -> "SHARE PORT USER PASSWORD"
declare -A target=([smbd]="$share_smbd $s_port $smb_user $smb_pass" [ferry]="$share_ferry $f_smb $ferry_user $ferry_pass")
protection=()
[ "$sign" -eq 1 ] && protection=(--client-protection=sign)
results="$T/results.txt"   # lines: round server op value unit
: >"$results"

smbc() { # $1 server, rest: smbclient arguments; output appended to the log
  local s="$1" share port user pass
  shift
  read -r share port user pass <<<"${target[$s]}"
  smbclient "//127.0.0.1/$share" -p "$port" -U "$user%$pass" -s "$T/client.conf" "${protection[@]}" "$@"
}

run_smbc() { # $1 server, $2 what, rest: smbclient arguments; fail loudly
  local s="$1" what="$2"
  shift 2
  if ! smbc "$s" "$@" >>"$T/logs/smbclient-$s.log" 2>&1; then
    log "smbclient $what through $s failed; the end of $T/logs/smbclient-$s.log:"
    tail -n 5 "$T/logs/smbclient-$s.log" >&2
    exit 1
  fi
  # smbclient -c reports some command failures only in its output (exit status 0)
  if tail -n 20 "$T/logs/smbclient-$s.log" | grep -q 'NT_STATUS_[A-Z_]*' ; then
    log "smbclient $what through $s reported an error; the end of $T/logs/smbclient-$s.log:"
    tail -n 5 "$T/logs/smbclient-$s.log" >&2
    exit 1
  fi
}

make_source() { # $1 MiB -> path
  local f="$T/src-$1.bin"
  [ -f "$f" ] || head -c "$(($1 * 1024 * 1024))" /dev/urandom >"$f"
  echo "$f"
}

record() { # round server op value unit
  [ "$1" = warmup ] || echo "$*" >>"$results"
}

now() { date +%s.%N; }
rate() { awk -v n="$1" -v a="$2" -v z="$3" 'BEGIN { printf "%.2f", n / (z - a) }'; }

small="$T/small.bin"
head -c 64 /dev/urandom >"$small"

run_server() { # $1 round label, $2 server, $3 MiB, $4 files
  local r="$1" s="$2" mib="$3" nf="$4" src name out t0 t1 dir i n
  src=$(make_source "$mib")
  name="put-$s-$r.bin"

  t0=$(now)
  run_smbc "$s" put -c "put $src $name"
  t1=$(now)
  record "$r" "$s" put "$(rate "$mib" "$t0" "$t1")" MiB/s
  cmp -s "$src" "$D/$name" || { log "put through $s: $D/$name differs from the source"; exit 1; }

  out="$T/out/$name"
  rm -f "$out"
  t0=$(now)
  run_smbc "$s" get -c "get $name $out"
  t1=$(now)
  record "$r" "$s" get "$(rate "$mib" "$t0" "$t1")" MiB/s
  cmp -s "$src" "$out" || { log "get through $s: the copy differs from the source"; exit 1; }
  rm -f "$out" "$D/$name"

  dir="meta-$s-$r"
  {
    echo "mkdir $dir"
    echo "cd $dir"
    for ((i = 0; i < nf; i++)); do printf 'put %s f%05d\n' "$small" "$i"; done
    echo "ls"
  } >"$T/cmd/create"
  {
    echo "cd $dir"
    for ((i = 0; i < nf; i++)); do printf 'del f%05d\n' "$i"; done
    echo "cd .."
    echo "rmdir $dir"
  } >"$T/cmd/remove"

  : >"$T/logs/ls-$s.out"
  t0=$(now)
  if ! smbc "$s" <"$T/cmd/create" >"$T/logs/ls-$s.out" 2>&1; then
    log "smbclient meta-create through $s failed; see $T/logs/ls-$s.out"
    exit 1
  fi
  t1=$(now)
  record "$r" "$s" meta-create "$(rate "$nf" "$t0" "$t1")" files/s
  grep -q NT_STATUS_ "$T/logs/ls-$s.out" && { log "meta-create through $s: $(grep -m1 NT_STATUS_ "$T/logs/ls-$s.out")"; exit 1; }
  n=$(find "$D/$dir" -type f -size 64c | wc -l)
  [ "$n" -eq "$nf" ] || { log "meta-create through $s: $n of $nf files on $D/$dir"; exit 1; }
  n=$(grep -c ' f[0-9]\{5\} ' "$T/logs/ls-$s.out" || true)
  [ "$n" -eq "$nf" ] || { log "meta-create through $s: ls listed $n of $nf files"; exit 1; }

  t0=$(now)
  if ! smbc "$s" <"$T/cmd/remove" >>"$T/logs/smbclient-$s.log" 2>&1; then
    log "smbclient meta-remove through $s failed; see $T/logs/smbclient-$s.log"
    exit 1
  fi
  t1=$(now)
  record "$r" "$s" meta-remove "$(rate "$nf" "$t0" "$t1")" files/s
  [ ! -e "$D/$dir" ] || { log "meta-remove through $s: $D/$dir still exists"; exit 1; }
}

# What each server negotiated (outside the measurements), from smbclient -d 10 of one `ls`
# session: the dialect, and how many messages smbclient signed or checked ("signed SMB2 message"
# lines; about 2 when only SESSION_SETUP is signed, a dozen when every message is).
negotiated() { # $1 server
  local out
  out=$(smbc "$1" -d 10 -c 'ls' 2>&1 || true)
  printf '%s: dialect %s, %s messages signed in one ls session (sign_algo_id %s)\n' "$1" \
    "$(sed -n 's/.*negotiated dialect\[\([^]]*\)\].*/\1/p' <<<"$out" | head -n 1)" \
    "$(grep -c 'signed SMB2 message' <<<"$out" || true)" \
    "$(sed -n 's/.*signed SMB2 message (sign_algo_id=\([0-9]*\)).*/\1/p' <<<"$out" | sort -u | tr '\n' ' ' | sed 's/ $//')"
}

if [ "$warmup" -eq 1 ]; then
  log "warm-up (not recorded): $size_mib MiB, $files files, against both servers"
  run_server warmup smbd "$size_mib" "$files"
  run_server warmup ferry "$size_mib" "$files"
fi

for r in $(seq 1 "$rounds"); do
  if [ $((r % 2)) -eq 1 ]; then order="smbd ferry"; else order="ferry smbd"; fi
  for s in $order; do
    log "round $r/$rounds: $s ($size_mib MiB, $files files)"
    run_server "r$r" "$s" "$size_mib" "$files"
  done
done

# ---------------------------------------------------------------- report
pkg_version() { dpkg-query -W -f='${Version}' "$1" 2>/dev/null || echo '?'; }
echo
echo "Ferry SMB vs smbd, same smbclient, $rounds rounds, $size_mib MiB, $files files ($(date -u +%Y-%m-%dT%H:%MZ))"
echo "machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo) RAM," \
  "kernel $(uname -r); load before the run: $load_before"
echo "JDK: $("$JAVA_HOME/bin/java" -version 2>&1 | head -n 1) ($JAVA_HOME)${FERRY_JAVA_OPTS:+; FERRY_JAVA_OPTS=$FERRY_JAVA_OPTS}"
echo "samba $(pkg_version samba), smbclient $(pkg_version smbclient), Ferry $ferry_rev on a $backend backend;" \
  "smbclient ${protection[*]:-with default protection}"
negotiated smbd
negotiated ferry
echo
awk '
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
    printf "| %-11s | %-7s | %13s | %13s | %10s |\n", "operation", "unit", "smbd (median)", "Ferry (median)", "Ferry/smbd"
    printf "|%s|%s|%s|%s|%s|\n", "-------------", "---------", "--------------:", "---------------:", "-----------:"
    for (i = 1; i <= nops; i++) {
      op = ops[i]; g = median("smbd" SUBSEP op); f = median("ferry" SUBSEP op)
      printf "| %-11s | %-7s | %13.1f | %14.1f | %9.2fx |\n", op, unit[op], g, f, (g > 0 ? f / g : 0)
    }
  }' "$results"
echo
echo "Per round (round server op value unit):"
sed 's/^/  /' "$results"
