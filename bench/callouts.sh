#!/usr/bin/env bash
# RCPT latency with recipient verification callouts (issue 17, ADR 0031): uncached, cached, off.
#
#   bench/callouts.sh
#   RATE=100 COUNT=2000 bench/callouts.sh
#
# Starts a private MariaDB, a private FilterMX and bench/callouts/rcpt_latency.py as the domains'
# destination (250 to u<n>@, 550 5.1.1 to anything else). verify.test has verification on,
# plain.test has it off. Then sends MAIL FROM / RCPT TO / RSET, open loop at RATE per second over
# SESSIONS connections, for COUNT new addresses of verify.test (each one a callout), the same
# addresses again (answered from the shared cache), and COUNT addresses of plain.test (no
# verification), and prints the percentiles of the RCPT round trip of each phase. RATE defaults
# to 180/s, half the maximum end-to-end rate bench/latency.sh measured (369 msg/s). The callout
# bounds are raised for the run (FILTERMX_CALLOUT_DOMAIN_RATE, FILTERMX_CALLOUT_SESSION_LIMIT):
# the benchmark measures a callout's cost, not the bounds. See bench/README.md.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="$ROOT/bench/target/callouts"
BENCH_NAME=callouts

RATE="${RATE:-180}"                     # RCPT per second (open loop)
COUNT="${COUNT:-3000}"                  # addresses per phase
SESSIONS="${SESSIONS:-8}"               # parallel SMTP sessions (at most 10 per client address)
PER_CONNECTION="${PER_CONNECTION:-500}" # transactions per connection before reconnecting
WARMUP="${WARMUP:-3000}"                # RCPTs to plain.test before measuring (JIT)
SINK_PORT="${BENCH_SINK_PORT:-46427}"   # the destination
SMTP_PORT="${BENCH_SMTP_PORT:-46425}"
HTTP_PORT="${BENCH_HTTP_PORT:-46481}"
MANAGEMENT_PORT="${BENCH_MANAGEMENT_PORT:-46491}"
DB_PORT="${BENCH_DB_PORT:-46507}"

usage() { sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'; }
for arg in "$@"; do
  case "$arg" in
    -h|--help) usage; exit 0 ;;
    *) echo "callouts: unknown argument $arg" >&2; usage >&2; exit 2 ;;
  esac
done

# shellcheck source=bench/lib/common.sh
. "$ROOT/bench/lib/common.sh"
check_numbers COUNT SESSIONS PER_CONNECTION WARMUP SINK_PORT SMTP_PORT HTTP_PORT MANAGEMENT_PORT DB_PORT
[ "$SESSIONS" -le 10 ] || die "SESSIONS=$SESSIONS: FilterMX allows 10 concurrent connections per client IP"
need_tools mariadbd python3 curl
DEST_PID=""
PROBE="$ROOT/bench/callouts/rcpt_latency.py"

cleanup() {
  local rc=$?
  set +e
  trap - EXIT INT TERM
  [ -n "$DEST_PID" ] && kill "$DEST_PID" 2>/dev/null
  bench_cleanup
  [ "$rc" -eq 0 ] || say "failed; logs: $OUT/data/server/log/server.log, $OUT/destination.err" >&2
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

gateway_env
export FILTERMX_CALLOUT_DOMAIN_RATE=100000 FILTERMX_CALLOUT_SESSION_LIMIT=1000
prepare_run "$SINK_PORT" "$SMTP_PORT" "$HTTP_PORT" "$MANAGEMENT_PORT" "$DB_PORT"
rm -f "$OUT"/result.txt

say "starting the destination on 127.0.0.1:$SINK_PORT"
python3 "$PROBE" destination "$SINK_PORT" "$OUT/asked" 2>"$OUT/destination.err" &
DEST_PID=$!
for _ in $(seq 1 50); do port_in_use "$SINK_PORT" && break; sleep 0.1; done
kill -0 "$DEST_PID" 2>/dev/null || die "the destination did not start: $(cat "$OUT/destination.err")"

start_mariadb
start_gateway
add_domain verify.test
add_domain plain.test
status=$(api -o "$OUT/api.json" -w '%{http_code}' -X PUT "$API/domains/verify.test/settings" \
  -d '{"recipientChecks":{"verifyRecipients":true}}' || true)
[ "$status" = 200 ] || die "switching verification on answered $status: $(cat "$OUT/api.json")"
sleep 3   # every node's domain cache reloads on the next lookup after the revision moved

asked() { cat "$OUT/asked" 2>/dev/null || echo 0; }
run_phase() {  # run_phase LABEL DOMAIN PREFIX
  local addresses=() i
  for i in $(seq 1 "$COUNT"); do addresses+=("$3$i@$2"); done
  python3 "$PROBE" probe 127.0.0.1 "$SMTP_PORT" "$RATE" "$SESSIONS" "$PER_CONNECTION" "$1" "${addresses[@]}"
}

if [ "$WARMUP" -gt 0 ]; then
  say "warm-up: $WARMUP RCPTs to plain.test"
  COUNT=$WARMUP run_phase warm-up plain.test w >/dev/null
fi
load_sampler_start
before=$(asked)
uncached=$(run_phase "verify.test, uncached" verify.test u)
sleep 1; after_uncached=$(asked)
cached=$(run_phase "verify.test, cached" verify.test u)
sleep 1; after_cached=$(asked)
off=$(run_phase "plain.test, off" plain.test p)
load_sampler_stop
{
  echo "FilterMX RCPT latency with recipient verification, $(date -u +%Y-%m-%dT%H:%M:%SZ), $(commit_line)"
  echo "  load                     : $COUNT addresses per phase, open loop at $RATE RCPT/s over $SESSIONS sessions from 127.0.0.1, MariaDB, destination on loopback"
  echo "  $uncached"
  echo "  $cached"
  echo "  $off"
  echo "  callouts (RCPTs the destination was asked): uncached phase $((after_uncached - before)), cached phase $((after_cached - after_uncached))"
  echo "  load during the phases   : $(load_summary)"
  echo "  machine                  : $(machine_line)"
} | tee "$OUT/result.txt"
say "result saved in $OUT/result.txt"
