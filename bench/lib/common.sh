# Shared by bench/relay-vs-postfix.sh, bench/latency.sh and bench/idle.sh (sourced, not run).
# The caller sets ROOT, OUT (its own directory under bench/target), BENCH_NAME and the ports
# SINK_PORT SMTP_PORT HTTP_PORT MANAGEMENT_PORT DB_PORT before sourcing it, and calls
# bench_cleanup from its EXIT trap. Everything here binds to 127.0.0.1 only.

say() { printf '%s: %s\n' "$BENCH_NAME" "$*"; }
die() { printf '%s: %s\n' "$BENCH_NAME" "$*" >&2; exit 1; }

tool() { command -v "$1" 2>/dev/null || { [ -x "/usr/sbin/$1" ] && echo "/usr/sbin/$1"; } || true; }

# need_tools NAME...: installs the test tools (scripts/install-test-deps.sh, as root) when one
# of them is missing.
need_tools() {
  local name missing=""
  for name in "$@"; do [ -n "$(tool "$name")" ] || missing="$missing $name"; done
  if [ -n "$missing" ]; then
    say "missing:$missing; installing the test tools (postfix, mariadb-server, swaks)"
    "$ROOT/scripts/install-test-deps.sh"
    for name in "$@"; do [ -n "$(tool "$name")" ] || die "$name not found after installing the test tools"; done
  fi
  command -v curl >/dev/null || die "curl is required"
}

check_numbers() {
  local name
  for name in "$@"; do
    [[ "${!name}" =~ ^[0-9]+$ ]] || die "$name must be a whole number, not '${!name}'"
  done
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
# A port is also taken while any connection uses it as its local port: 45000-45999 lies in
# Linux's ephemeral range (32768-60999), so on a busy machine some client connection may hold
# it for a while (TIME-WAIT does not matter: the servers bind with SO_REUSEADDR).
port_held() { ss -Htan "( sport = :$1 )" 2>/dev/null | grep -qv '^TIME-WAIT'; }
wait_ports_free() {
  local port deadline=$((SECONDS + 90))
  for port in "$@"; do
    while port_held "$port"; do
      [ $SECONDS -lt $deadline ] || die "port $port is still held: $(ss -Htanp "( sport = :$port )" | head -n 3)"
      sleep 1
    done
  done
}
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }
rate() { awk -v n="$1" -v t="$2" 'BEGIN { if (t > 0) printf "%.1f", n / t; else print "n/a" }'; }
median() { tr ' ' '\n' <<<"$*" | grep -v '^$' | sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.2f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
load_average() { cut -d' ' -f1-3 /proc/loadavg; }
commit_line() {
  echo "commit $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)$(git -C "$ROOT" diff --quiet HEAD 2>/dev/null || echo ' with local changes')"
}
machine_line() {
  echo "$(nproc) cores, $(awk '/MemTotal/ { printf "%.1f GB", $2 / 1048576 }' /proc/meminfo), load average $(load_average) at the end (shared machine)"
}

SINK_PID="" GATEWAY_STARTED="" MARIADB_STARTED="" LOAD_PID=""

# The machine is shared: the 1-minute load average, every 5 s, while the figures are taken.
load_sampler_start() {
  ( while :; do cut -d' ' -f1 /proc/loadavg; sleep 5; done ) >"$OUT/load.txt" &
  LOAD_PID=$!
}
load_sampler_stop() {
  if [ -n "$LOAD_PID" ]; then kill "$LOAD_PID" 2>/dev/null || true; wait "$LOAD_PID" 2>/dev/null || true; fi
  LOAD_PID=""
  return 0
}
load_summary() {
  sort -g "$OUT/load.txt" | awk '$1 != "" { v[++n] = $1; s += $1 }
    END { if (n) printf "1-min load average %.1f to %.1f, mean %.1f (%d samples, every 5 s)", v[1], v[n], s / n, n; else print "not sampled" }'
}

# --- the FilterMX instance under test ----------------------------------------------------------
# gateway_env: the settings of a private instance in $OUT/data with the caller's ports and a
# private MariaDB on DB_PORT. Other FILTERMX_* variables of the caller's environment pass through.
gateway_env() {
  export FILTERMX_DATA="$OUT/data"
  export FILTERMX_BIND=127.0.0.1
  export FILTERMX_SMTP_PORT="$SMTP_PORT"
  export FILTERMX_HTTP_PORT="$HTTP_PORT"
  export FILTERMX_MANAGEMENT_PORT="$MANAGEMENT_PORT"
  # Not listening (not built yet), but kept off everybody else's ports.
  export FILTERMX_SUBMISSION_PORT=$((SMTP_PORT + 10)) FILTERMX_SUBMISSIONS_PORT=$((SMTP_PORT + 12))
  export FILTERMX_IMAP_PORT=$((SMTP_PORT + 14)) FILTERMX_IMAPS_PORT=$((SMTP_PORT + 16))
  # No FILTERMX_CLUSTER_MEMBERS: a node alone, whose JGroups port the kernel picks (ADR 0055).
  export FILTERMX_NODE_NAME="bench-$BENCH_NAME"
  export FILTERMX_DNS="${BENCH_DNS:-127.0.0.1:45353}"   # nothing listens: lookups fail fast, nothing leaves the machine
  export FILTERMX_HOSTNAME=bench.filtermx.test
  # No engine detection: only the engines the caller sets explicitly (FILTERMX_RSPAMD_URL...).
  export FILTERMX_ENGINES=off
  FILTERMX_ADMIN_PASSWORD="bench-$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"
  export FILTERMX_ADMIN_PASSWORD
  export FILTERMX_DB_URL="jdbc:mariadb://127.0.0.1:$DB_PORT/filtermx"
  export FILTERMX_DB_USER=filtermx FILTERMX_DB_PASSWORD=filtermx
  API="http://127.0.0.1:$HTTP_PORT/api/v1"
}

api() { curl -sS -u "admin:$FILTERMX_ADMIN_PASSWORD" -H 'Content-Type: application/json' "$@"; }

# Stops an instance left in $OUT/data by an interrupted run and checks that the ports are free.
prepare_run() {
  mkdir -p "$OUT"
  "$ROOT/filtermx" stop >/dev/null 2>&1 || true
  "$ROOT/scripts/mariadb-private.sh" stop "$OUT/mariadb" "$DB_PORT" >/dev/null 2>&1 || true
  local port
  for port in "$@"; do
    port_in_use "$port" && die "port $port on 127.0.0.1 is in use; stop what holds it or set the BENCH_*_PORT variables"
  done
  wait_ports_free "$@"
  rm -rf "$FILTERMX_DATA"
}

start_mariadb() {
  say "starting a private MariaDB on 127.0.0.1:$DB_PORT ($OUT/mariadb)"
  MARIADB_STARTED=1
  "$ROOT/scripts/mariadb-private.sh" start "$OUT/mariadb" "$DB_PORT"
  "$ROOT/scripts/mariadb-private.sh" reset "$OUT/mariadb" "$DB_PORT"
}

start_gateway() {
  if [ ! -x "$ROOT/wildfly-config/target/server/bin/standalone.sh" ] || [ ! -f "$ROOT/ear/target/filtermx.ear" ]; then
    say "FilterMX is not built yet; the launcher builds it first (several minutes)"
  fi
  say "starting FilterMX (SMTP 127.0.0.1:$SMTP_PORT, HTTP $HTTP_PORT, MariaDB $DB_PORT, data $FILTERMX_DATA)"
  GATEWAY_STARTED=1
  local attempt
  for attempt in 1 2 3; do
    wait_ports_free "$SMTP_PORT" "$HTTP_PORT" "$MANAGEMENT_PORT"
    "$ROOT/filtermx" start >"$OUT/start.log" 2>&1 && return 0
    # A client connection took one of our ports as its ephemeral port in the meantime: again.
    grep -q 'Address already in use' "$FILTERMX_DATA/server/log/server.log" 2>/dev/null || break
    say "a port was taken while FilterMX started (attempt $attempt); starting again"
    "$ROOT/filtermx" stop >/dev/null 2>&1 || true
    mv "$FILTERMX_DATA/server/log/server.log" "$FILTERMX_DATA/server/log/server.log.attempt$attempt"
  done
  cat "$OUT/start.log" >&2; die "FilterMX did not start"
}

# The server's JVM: the launcher's pid file holds standalone.sh, which runs java as its child in
# the same process group.
gateway_java_pid() {
  local leader
  leader=$(cat "$FILTERMX_DATA/filtermx.pid")
  pgrep -g "$leader" -f 'jboss-modules' | head -n 1
}

# CPU time in ms used so far by the given processes, from /proc/PID/stat: utime + stime, plus
# cutime + cstime (children that have exited and were reaped: Postfix's master reaps its
# services, so their time ends up there).
TICK_MS=$(awk -v t="$(getconf CLK_TCK)" 'BEGIN { print 1000 / t }')
cpu_ms() {
  local pid total=0 ticks
  for pid in "$@"; do
    ticks=$(sed 's/^.*) //' "/proc/$pid/stat" 2>/dev/null | awk '{ print $12 + $13 + $14 + $15 }') || ticks=0
    total=$((total + ${ticks:-0}))
  done
  awk -v n="$total" -v m="$TICK_MS" 'BEGIN { printf "%.0f", n * m }'
}

# add_domain DOMAIN: routed to the sink.
add_domain() {
  local status
  status=$(api -o "$OUT/domain.json" -w '%{http_code}' -X POST "$API/domains" \
    -d "{\"name\":\"$1\",\"destinations\":[{\"host\":\"127.0.0.1\",\"port\":$SINK_PORT}]}" || true)
  [ "$status" = 201 ] || die "adding $1 failed with HTTP $status: $(cat "$OUT/domain.json")"
}

# --- the sink: counts messages, keeps nothing --------------------------------------------------
# -c prints "sess=N quit=N mesg=N" and a CR after every message.
start_sink() {
  SINK_OUT="$OUT/sink.out"
  local args=(-c)
  [ "$(id -u)" -eq 0 ] && args+=(-u nobody)   # smtp-sink insists on dropping root
  "$(tool smtp-sink)" "${args[@]}" "127.0.0.1:$SINK_PORT" 1000 >"$SINK_OUT" 2>"$OUT/sink.err" &
  SINK_PID=$!
  for _ in $(seq 1 50); do port_in_use "$SINK_PORT" && break; sleep 0.1; done
  kill -0 "$SINK_PID" 2>/dev/null || die "smtp-sink did not start: $(cat "$OUT/sink.err")"
}

sink_count() {
  local n
  n=$(tail -c 256 "$SINK_OUT" 2>/dev/null | tr '\r' '\n' | grep -o 'mesg=[0-9]*' | tail -n 1 | cut -d= -f2 || true)
  echo "${n:-0}"
}

# wait_for_sink TARGET TIMEOUT: prints the time at which the sink had counted TARGET messages.
wait_for_sink() {
  local target=$1 deadline=$((SECONDS + $2))
  while [ "$(sink_count)" -lt "$target" ]; do
    kill -0 "$SINK_PID" 2>/dev/null || die "smtp-sink exited: $(cat "$OUT/sink.err")"
    [ $SECONDS -lt $deadline ] || die "only $(sink_count) of $target messages reached the sink after ${2}s"
    sleep 0.1
  done
  now
}

# Stops what this library started; the caller's EXIT trap calls it after its own processes.
bench_cleanup() {
  load_sampler_stop
  if [ -n "$GATEWAY_STARTED" ]; then "$ROOT/filtermx" stop >/dev/null 2>&1 || true; fi
  if [ -n "$SINK_PID" ]; then kill "$SINK_PID" 2>/dev/null; wait "$SINK_PID" 2>/dev/null; fi
  if [ -n "$MARIADB_STARTED" ]; then
    "$ROOT/scripts/mariadb-private.sh" stop "$OUT/mariadb" "$DB_PORT" >/dev/null 2>&1 || true
  fi
  return 0
}
