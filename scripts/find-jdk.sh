# Sourced by ./ferry and ./run-tests: sets JAVA_HOME to a JDK >= 21, or explains and exits.
# Order: $JAVA_HOME, the java on PATH, then every JDK under /usr/lib/jvm, /opt and /usr/local
# (newest first). A JDK (with javac) is needed because Ferry is built from source on first use.

ferry_java_major() { # $1 = a java binary; prints its major version or nothing
  "$1" -XshowSettings:properties -version 2>&1 |
    sed -n 's/^ *java\.specification\.version = \([0-9][0-9]*\).*/\1/p' | head -n 1
}

ferry_find_jdk() {
  local candidates=() c seen=" " major best="" best_major=0 java_on_path
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  if java_on_path=$(command -v java 2>/dev/null); then
    java_on_path=$(readlink -f "$java_on_path")
    candidates+=("${java_on_path%/bin/java}")
  fi
  for c in /usr/lib/jvm/* /opt/java/* /opt/jdk* /usr/local/jdk* /usr/local/java/*; do
    [ -d "$c" ] && candidates+=("$(readlink -f "$c")")
  done
  local tried=()
  for c in "${candidates[@]}"; do
    case "$seen" in *" $c "*) continue ;; esac
    seen="$seen$c "
    [ -x "$c/bin/java" ] && [ -x "$c/bin/javac" ] || continue
    major=$(ferry_java_major "$c/bin/java")
    [ -n "$major" ] || continue
    tried+=("$c ($major)")
    if [ "$major" -ge 21 ]; then
      # $JAVA_HOME wins if it qualifies; otherwise take the newest
      if [ -n "${JAVA_HOME:-}" ] && [ "$c" = "$(readlink -f "$JAVA_HOME")" ]; then
        best="$c"; best_major=$major; break
      fi
      if [ "$major" -gt "$best_major" ]; then best="$c"; best_major=$major; fi
    fi
  done
  if [ -z "$best" ]; then
    {
      echo "ferry: needs a JDK 21 or newer (java and javac), and found none."
      if [ ${#tried[@]} -gt 0 ]; then echo "  JDKs seen: ${tried[*]}"; fi
      echo "  Install one, e.g.: apt-get install openjdk-21-jdk-headless   (or Temurin 21+),"
      echo "  or point JAVA_HOME at one."
    } >&2
    exit 3
  fi
  export JAVA_HOME="$best"
  export PATH="$JAVA_HOME/bin:$PATH"
}

ferry_find_jdk
