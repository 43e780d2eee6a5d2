#!/usr/bin/env bash
# SMTP transaction latency at half the maximum sustainable rate.
#
#   bench/latency.sh
#   MAX_RATE=100 bench/latency.sh        # skip the search, take this as the maximum (msg/s)
#
# Starts a private smtp-sink, a private MariaDB and a private FilterMX (built-in filtering) with
# bench.test routed to the sink. Then, with bench/latency/LatencyProbe.java and CONNECTIONS
# sessions spread over SOURCES addresses 127.0.1.x: (1) finds the maximum sustainable rate, as
# fast as answered for MAX_SECONDS, counted until the sink has every message; (2) sends at half
# that rate on a fixed schedule (open loop) for SECONDS and prints the percentiles of the time
# from MAIL FROM to the 250 after the final dot, and whether p99 is under 100 ms.
# Everything it starts is stopped on exit. See bench/README.md.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="$ROOT/bench/target/latency"
BENCH_NAME=latency

CONNECTIONS="${CONNECTIONS:-20}"        # SMTP sessions of the probe
SOURCES="${SOURCES:-4}"                 # source addresses 127.0.1.1 ... (at most 9 sessions each)
SIZE="${SIZE:-5120}"                    # body bytes per message (plus about 300 of header)
WARMUP_SECONDS="${WARMUP_SECONDS:-60}"  # closed-loop warm-up before the search (JIT)
MAX_SECONDS="${MAX_SECONDS:-40}"        # length of the search for the maximum
SECONDS_AT_HALF="${SECONDS_AT_HALF:-120}" # length of the measured run at half the maximum
MAX_RATE="${MAX_RATE:-}"                # msg/s; set to skip the search
PER_CONNECTION="${PER_CONNECTION:-100}" # messages per connection before the probe reconnects
SINK_PORT="${BENCH_SINK_PORT:-45227}"
SMTP_PORT="${BENCH_SMTP_PORT:-45225}"
HTTP_PORT="${BENCH_HTTP_PORT:-45281}"
MANAGEMENT_PORT="${BENCH_MANAGEMENT_PORT:-45291}"
DB_PORT="${BENCH_DB_PORT:-45407}"
DRAIN_TIMEOUT="${BENCH_DRAIN_TIMEOUT:-300}"
DOMAIN=bench.test

usage() { sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; }
for arg in "$@"; do
  case "$arg" in
    -h|--help) usage; exit 0 ;;
    *) echo "latency: unknown argument $arg" >&2; usage >&2; exit 2 ;;
  esac
done

# shellcheck source=bench/lib/common.sh
. "$ROOT/bench/lib/common.sh"

check_numbers CONNECTIONS SOURCES SIZE WARMUP_SECONDS MAX_SECONDS SECONDS_AT_HALF PER_CONNECTION \
  SINK_PORT SMTP_PORT HTTP_PORT MANAGEMENT_PORT DB_PORT DRAIN_TIMEOUT
[ -z "$MAX_RATE" ] || [[ "$MAX_RATE" =~ ^[0-9]+([.][0-9]+)?$ ]] || die "MAX_RATE must be a number of messages per second"
[ "$SOURCES" -ge 1 ] && [ "$SOURCES" -le 250 ] || die "SOURCES must be 1 to 250"
[ "$CONNECTIONS" -le $((SOURCES * 9)) ] || die "CONNECTIONS=$CONNECTIONS over $SOURCES addresses: at most 9 per address (FilterMX allows 10 per client IP; a reconnection may briefly overlap)"
need_tools smtp-sink mariadbd
command -v java >/dev/null || die "java (17) is required"

RESULT="$OUT/result.txt"
PROBE_PID=""
cleanup() {
  local rc=$?
  set +e
  trap - EXIT INT TERM
  [ -n "$PROBE_PID" ] && kill "$PROBE_PID" 2>/dev/null
  bench_cleanup
  [ "$rc" -eq 0 ] || say "failed; logs: $OUT/data/server/log/server.log, $OUT/probe-*.out, $OUT/sink.err" >&2
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

gateway_env
prepare_run "$SINK_PORT" "$SMTP_PORT" "$HTTP_PORT" "$MANAGEMENT_PORT" "$DB_PORT"
rm -f "$OUT"/probe-*.out "$RESULT"

# Compile the probe once (java File.java would compile it on every run, inside the timing).
mkdir -p "$OUT/classes"
javac -d "$OUT/classes" "$ROOT/bench/latency/LatencyProbe.java"

start_sink
start_mariadb
start_gateway
add_domain "$DOMAIN"

LAST_SOURCE="127.0.1.$SOURCES"
# probe LABEL RATE SECONDS WARMUP: runs the probe; its output goes to probe-LABEL.out and the
# RESULT line's fields to PROBE_* variables.
probe() {
  local label=$1 out="$OUT/probe-$1.out" rc=0
  java -Xmx256m -cp "$OUT/classes" LatencyProbe --host 127.0.0.1 --port "$SMTP_PORT" \
    --sources "127.0.1.1-$LAST_SOURCE" --connections "$CONNECTIONS" --rate "$2" --seconds "$3" \
    --warmup "$4" --size "$SIZE" --per-connection "$PER_CONNECTION" --ports 45500-45999 \
    --to "user@$DOMAIN" >"$out" 2>&1 &
  PROBE_PID=$!
  wait "$PROBE_PID" || rc=$?
  PROBE_PID=""
  [ "$rc" -eq 0 ] || { cat "$out" >&2; die "the probe failed (exit $rc)"; }
  local line
  line=$(grep '^RESULT ' "$out") || { cat "$out" >&2; die "no RESULT line from the probe"; }
  for kv in ${line#RESULT }; do printf -v "PROBE_${kv%%=*}" '%s' "${kv#*=}"; done
  PROBE_TOTAL=$(grep -oE 'after [0-9]+ in' "$out" | grep -oE '[0-9]+' || echo 0)
  PROBE_TOTAL=$((PROBE_TOTAL + PROBE_count))
}

# Every message the probe had answered 250 should reach the sink before the next phase starts;
# one the filter quarantined never does, so a sink that stops counting for 20 s ends the wait.
drain() {
  local target=$1 last=-1 still=$SECONDS n deadline=$((SECONDS + DRAIN_TIMEOUT))
  while n=$(sink_count); [ "$n" -lt "$target" ]; do
    if [ "$n" -ne "$last" ]; then last=$n still=$SECONDS; fi
    if [ $((SECONDS - still)) -ge 20 ] || [ $SECONDS -ge $deadline ]; then
      say "warning: the sink has $n of $target messages and counts no more; see $API/log?status=QUARANTINED" >&2
      break
    fi
    sleep 0.1
  done
  now
}

sent=0
if [ "$WARMUP_SECONDS" -gt 0 ]; then
  say "warm-up: ${WARMUP_SECONDS}s as fast as answered"
  probe warmup 0 "$WARMUP_SECONDS" 0
  sent=$((sent + PROBE_TOTAL))
  drain "$sent" >/dev/null
fi

if [ -z "$MAX_RATE" ]; then
  say "finding the maximum: ${MAX_SECONDS}s as fast as answered over $CONNECTIONS sessions"
  t0=$(now)
  probe max 0 "$MAX_SECONDS" 0
  accepted=$PROBE_count accept_rate=$PROBE_rate
  sent=$((sent + PROBE_TOTAL))
  t_delivered=$(drain "$sent")
  e2e_rate=$(rate "$accepted" "$(elapsed "$t0" "$t_delivered")")
  # Sustainable: no faster than delivery keeps up (the end-to-end figure), measured from the
  # probe's start, which includes its ~0.2 s of connection setup.
  MAX_RATE=$(awk -v a="$accept_rate" -v e="$e2e_rate" 'BEGIN { printf "%.1f", (e < a) ? e : a }')
  say "maximum: accepted $accept_rate msg/s, delivered end to end $e2e_rate msg/s; taking $MAX_RATE"
  MAX_SOURCE="searched: accepted $accept_rate msg/s, end to end $e2e_rate msg/s over ${MAX_SECONDS}s"
  sleep 2
else
  MAX_SOURCE="given as MAX_RATE"
fi
HALF=$(awk -v m="$MAX_RATE" 'BEGIN { printf "%.1f", m / 2 }')
say "measuring: ${SECONDS_AT_HALF}s at $HALF msg/s (open loop, after 10s at that rate unmeasured)"
load_sampler_start
probe half "$HALF" "$SECONDS_AT_HALF" 10
load_sampler_stop
half_sent=$((sent + PROBE_TOTAL))
verdict=$(awk -v p="$PROBE_p99" 'BEGIN { print (p < 100) ? "yes" : "NO" }')
backlog=$(( half_sent - $(sink_count) ))

{
  echo "FilterMX SMTP transaction latency, $(date -u +%Y-%m-%dT%H:%M:%SZ), $(commit_line)"
  echo "  maximum rate           : $MAX_RATE msg/s ($MAX_SOURCE)"
  echo "  measured at            : $HALF msg/s, open loop, ${SECONDS_AT_HALF}s, $CONNECTIONS sessions from 127.0.1.1-$LAST_SOURCE, $SIZE-byte bodies, reconnect every $PER_CONNECTION messages"
  sed -n 's/^\(transactions\|MAIL FROM\|from schedule\|connection setup\|p99 per\|max per\|error\)/  &/p' "$OUT/probe-half.out"
  echo "  load per 10 s          :$(awk -v n=$(( (SECONDS_AT_HALF + 9) / 10 )) 'NR >= 3 && NR % 2 == 1 && NR <= 2 + 2 * n { printf " %.1f", $1 }' "$OUT/load.txt")"
  echo "  p99 under 100 ms       : $verdict (p50 $PROBE_p50 ms, p90 $PROBE_p90 ms, p99 $PROBE_p99 ms, p99.9 $PROBE_p999 ms, max $PROBE_max ms)"
  echo "  undelivered at the end : $backlog (sink behind the probe when the run stopped)"
  echo "  load while measuring   : $(load_summary)"
  echo "  machine                : $(machine_line)"
} | tee "$RESULT"
say "result saved in $RESULT"
