#!/usr/bin/env bash
# Idle SMTP connections one FilterMX node holds, and the heap they take.
#
#   bench/idle.sh
#   CONNECTIONS=10000 HOLD=60 bench/idle.sh
#
# Starts a private MariaDB and a private FilterMX with FILTERMX_MAX_CONNECTIONS raised above
# CONNECTIONS, measures the server's heap after a full GC, opens CONNECTIONS SMTP sessions with
# bench/idle/IdleConnections.java (greeting, EHLO, then silence) from 127.0.10.1 onwards, 10 per
# address (FilterMX's per-IP limit), measures the heap again after a full GC while they are
# held, and checks that every session stays open for HOLD seconds. Prints connections held,
# heap before and after, and the heap per connection. Everything it starts is stopped on exit.
# See bench/README.md.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="$ROOT/bench/target/idle"
BENCH_NAME=idle

CONNECTIONS="${CONNECTIONS:-5000}"      # idle sessions to open
PER_ADDRESS="${PER_ADDRESS:-10}"        # sessions per source address (FilterMX allows 10 per IP)
HOLD="${HOLD:-30}"                      # seconds to hold them, checking each every 2 s
SINK_PORT="${BENCH_SINK_PORT:-45327}"   # the domain's destination; nothing is delivered
SMTP_PORT="${BENCH_SMTP_PORT:-45325}"
HTTP_PORT="${BENCH_HTTP_PORT:-45381}"
MANAGEMENT_PORT="${BENCH_MANAGEMENT_PORT:-45391}"
DB_PORT="${BENCH_DB_PORT:-45507}"
DOMAIN=bench.test

usage() { sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; }
for arg in "$@"; do
  case "$arg" in
    -h|--help) usage; exit 0 ;;
    *) echo "idle: unknown argument $arg" >&2; usage >&2; exit 2 ;;
  esac
done

# shellcheck source=bench/lib/common.sh
. "$ROOT/bench/lib/common.sh"

check_numbers CONNECTIONS PER_ADDRESS HOLD SINK_PORT SMTP_PORT HTTP_PORT MANAGEMENT_PORT DB_PORT
[ "$CONNECTIONS" -ge 1 ] || die "CONNECTIONS must be at least 1"
[ "$PER_ADDRESS" -ge 1 ] && [ "$PER_ADDRESS" -le 10 ] || die "PER_ADDRESS must be 1 to 10 (FilterMX's per-IP limit)"
[ $(( (CONNECTIONS + PER_ADDRESS - 1) / PER_ADDRESS )) -le 60000 ] || die "too many source addresses needed"
need_tools smtp-sink mariadbd
for t in java javac jcmd; do command -v "$t" >/dev/null || die "$t (JDK 17) is required"; done

# Each session is a file descriptor in the server's JVM and in the client's. Both inherit this
# shell's limit (the launcher starts the server from here).
wanted_fds=$((CONNECTIONS + 2000))
if [ "$(ulimit -n)" != unlimited ] && [ "$(ulimit -n)" -lt "$wanted_fds" ]; then
  ulimit -n "$wanted_fds" 2>/dev/null || ulimit -n "$(ulimit -Hn)"
  [ "$(ulimit -n)" = unlimited ] || [ "$(ulimit -n)" -ge "$wanted_fds" ] \
    || die "ulimit -n is $(ulimit -n) (hard limit $(ulimit -Hn)); $wanted_fds needed for $CONNECTIONS connections"
fi
export FILTERMX_MAX_CONNECTIONS="${FILTERMX_MAX_CONNECTIONS:-$((CONNECTIONS + 1000))}"
[ "$FILTERMX_MAX_CONNECTIONS" -ge "$CONNECTIONS" ] \
  || say "FILTERMX_MAX_CONNECTIONS=$FILTERMX_MAX_CONNECTIONS is below CONNECTIONS=$CONNECTIONS: expect the rest to be refused (421)"

RESULT="$OUT/result.txt"
CLIENT_PID=""
cleanup() {
  local rc=$?
  set +e
  trap - EXIT INT TERM
  [ -n "$CLIENT_PID" ] && kill "$CLIENT_PID" 2>/dev/null
  bench_cleanup
  [ "$rc" -eq 0 ] || say "failed; logs: $OUT/data/server/log/server.log, $OUT/client.out" >&2
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

gateway_env
prepare_run "$SINK_PORT" "$SMTP_PORT" "$HTTP_PORT" "$MANAGEMENT_PORT" "$DB_PORT"
rm -f "$OUT/client.out" "$OUT/ready" "$OUT"/heap-*.txt "$RESULT"
mkdir -p "$OUT/classes"
javac -d "$OUT/classes" "$ROOT/bench/idle/IdleConnections.java"

start_sink
start_mariadb
start_gateway
add_domain "$DOMAIN"
JAVA_PID=$(gateway_java_pid)
[ -n "$JAVA_PID" ] || die "cannot find the server's JVM"

# heap LABEL: full GC (twice: the second collects what the first's finalization released), then
# the heap in use in MB, from GC.heap_info ("garbage-first heap   total N K, used M K").
heap() {
  local file="$OUT/heap-$1.txt"
  jcmd "$JAVA_PID" GC.run >/dev/null && sleep 1 && jcmd "$JAVA_PID" GC.run >/dev/null && sleep 1
  jcmd "$JAVA_PID" GC.heap_info >"$file"
  grep -m1 -oE 'used [0-9]+K' "$file" | awk '{ printf "%.1f", $2 / 1024 }'
}
server_connections() {
  ss -Htn state established "( sport = :$SMTP_PORT )" 2>/dev/null | wc -l
}

sleep 5   # let start-up work (timers, first queue scan) settle
heap_before=$(heap before)
fds_before=$(ls "/proc/$JAVA_PID/fd" | wc -l)
rss_before=$(awk '/VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$JAVA_PID/status")
say "heap in use before: $heap_before MB; opening $CONNECTIONS connections from 127.0.10.1 on, $PER_ADDRESS per address"

load_sampler_start
java -Xmx512m -cp "$OUT/classes" IdleConnections --host 127.0.0.1 --port "$SMTP_PORT" \
  --connections "$CONNECTIONS" --per-address "$PER_ADDRESS" --first 127.0.10.1 --hold "$HOLD" \
  --ports 45000-45999 --ready "$OUT/ready" >"$OUT/client.out" 2>&1 &
CLIENT_PID=$!
while [ ! -s "$OUT/ready" ]; do
  kill -0 "$CLIENT_PID" 2>/dev/null || { cat "$OUT/client.out" >&2; die "the client exited before opening its connections"; }
  sleep 0.5
done
opened=$(awk '{ print $2 }' "$OUT/ready")
held_at_measure=$(server_connections)
heap_after=$(heap after)
fds_after=$(ls "/proc/$JAVA_PID/fd" | wc -l)
rss_after=$(awk '/VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$JAVA_PID/status")
say "opened $opened; server sees $held_at_measure established; heap in use: $heap_after MB; holding ${HOLD}s"
rc=0
wait "$CLIENT_PID" || rc=$?
CLIENT_PID=""
load_sampler_stop
line=$(grep '^RESULT ' "$OUT/client.out") || { cat "$OUT/client.out" >&2; die "no RESULT line from the client"; }
for kv in ${line#RESULT }; do printf -v "C_${kv%%=*}" '%s' "${kv#*=}"; done

per_conn=$(awk -v a="$heap_after" -v b="$heap_before" -v n="$held_at_measure" 'BEGIN { if (n > 0) printf "%.1f", (a - b) * 1024 / n; else print "n/a" }')
heap_delta=$(awk -v a="$heap_after" -v b="$heap_before" 'BEGIN { printf "%.1f", a - b }')
heap_ok=$(awk -v d="$heap_delta" 'BEGIN { print (d < 512) ? "yes" : "NO" }')
all_ok=$([ "$C_held" -eq "$CONNECTIONS" ] && [ "$C_refused" -eq 0 ] && [ "$C_dropped" -eq 0 ] && echo yes || echo NO)
max_heap=$(grep -m1 -oE 'total [0-9]+K' "$OUT/heap-after.txt" | awk '{ printf "%.0f MB committed", $2 / 1024 }')

{
  echo "FilterMX idle connections, $(date -u +%Y-%m-%dT%H:%M:%SZ), $(commit_line)"
  echo "  asked                  : $CONNECTIONS sessions (greeting, EHLO, silence), $PER_ADDRESS per source address from 127.0.10.1, FILTERMX_MAX_CONNECTIONS=$FILTERMX_MAX_CONNECTIONS"
  sed -n 's/^\(opened\|setup\|error\|dropped\)/  &/p' "$OUT/client.out"
  printf '  %-23s: %s\n' "held for ${HOLD} s" "$C_held (refused or failed $C_refused, dropped $C_dropped); all stayed open: $all_ok"
  echo "  server side            : $held_at_measure established connections on :$SMTP_PORT; JVM file descriptors $fds_before -> $fds_after"
  echo "  heap in use after GC   : before $heap_before MB, with the connections $heap_after MB ($max_heap)"
  echo "  heap they take         : $heap_delta MB, $per_conn KB per connection; under 512 MB: $heap_ok"
  echo "  server process RSS     : before $rss_before MB, with the connections $rss_after MB (includes Netty's direct buffers and thread stacks)"
  echo "  server JVM             : ${FILTERMX_JAVA_OPTS:--Xms256m -Xmx1024m (launcher default)}"
  echo "  load while held        : $(load_summary)"
  echo "  machine                : $(machine_line)"
} | tee "$RESULT"
say "result saved in $RESULT; heap details in $OUT/heap-before.txt, $OUT/heap-after.txt"
[ "$rc" -eq 0 ] || say "warning: the client reports connections lost (exit $rc)" >&2
