#!/usr/bin/env bash
# How fast a freshly started FilterMX relays: the rate in each window after start, against the
# rate once warm.
#
#   bench/warm-start.sh
#   DURATION=600 WINDOW=10 bench/warm-start.sh
#   JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 FILTERMX_JAVA_OPTS="..." bench/warm-start.sh
#
# Starts one smtp-sink, a private MariaDB and a private FilterMX (built-in filtering) with the
# JDK of JAVA_HOME (the launcher's default otherwise) and any FILTERMX_JAVA_OPTS, and starts
# sending the moment the launcher reports the node ready: smtp-source over SESSIONS sessions,
# without pause, for DURATION seconds. Prints the messages delivered per WINDOW seconds, the
# rate in the first 60 s, the warm rate (median of the windows in the last WARM seconds) and
# the first minute as a share of the warm rate, with the time the start took and the load
# average. Everything it starts is stopped on exit. See bench/README.md.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="$ROOT/bench/target/warm-start"
BENCH_NAME=warm-start

DURATION="${DURATION:-300}"             # seconds of sending after the node is ready
WINDOW="${WINDOW:-10}"                  # seconds per reported window
WARM="${WARM:-60}"                      # the last WARM seconds give the warm rate
SESSIONS="${SESSIONS:-10}"              # parallel SMTP sessions (FilterMX allows 10 per client IP)
SIZE="${SIZE:-5120}"                    # payload bytes per message
SINK_PORT="${BENCH_SINK_PORT:-45727}"
SMTP_PORT="${BENCH_SMTP_PORT:-45725}"
HTTP_PORT="${BENCH_HTTP_PORT:-45781}"
MANAGEMENT_PORT="${BENCH_MANAGEMENT_PORT:-45791}"
DB_PORT="${BENCH_DB_PORT:-45807}"
DOMAIN=bench.test
RECIPIENT="user@$DOMAIN"
SENDER="bench-sender@example.com"

usage() { sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'; }
for arg in "$@"; do
  case "$arg" in
    -h|--help) usage; exit 0 ;;
    *) echo "warm-start: unknown argument $arg" >&2; usage >&2; exit 2 ;;
  esac
done

# shellcheck source=bench/lib/common.sh
. "$ROOT/bench/lib/common.sh"

check_numbers DURATION WINDOW WARM SESSIONS SIZE SINK_PORT SMTP_PORT HTTP_PORT MANAGEMENT_PORT DB_PORT
[ "$WINDOW" -ge 1 ] && [ "$DURATION" -ge $((WINDOW * 2)) ] || die "DURATION must be at least two windows"
[ "$DURATION" -ge 60 ] || die "DURATION must be at least 60 s (the first minute is the figure)"
[ "$WARM" -ge "$WINDOW" ] && [ "$WARM" -le $((DURATION - 60)) ] || die "WARM must be at least one window and leave the first minute out"
[ "$SESSIONS" -ge 1 ] && [ "$SESSIONS" -le 10 ] || die "SESSIONS must be 1 to 10 (FilterMX's per-IP limit; smtp-source connects from 127.0.0.1 only)"
need_tools smtp-source smtp-sink mariadbd
SMTP_SOURCE="$(tool smtp-source)"

RESULT="$OUT/result.txt"
SOURCE_PID=""
cleanup() {
  local rc=$?
  set +e
  trap - EXIT INT TERM
  [ -n "$SOURCE_PID" ] && kill "$SOURCE_PID" 2>/dev/null && wait "$SOURCE_PID" 2>/dev/null
  bench_cleanup
  [ "$rc" -eq 0 ] || say "failed; logs: $OUT/data/server/log/server.log, $OUT/source.out" >&2
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

gateway_env
prepare_run "$SINK_PORT" "$SMTP_PORT" "$HTTP_PORT" "$MANAGEMENT_PORT" "$DB_PORT"
rm -f "$RESULT" "$OUT/windows.txt"
start_sink
start_mariadb
# The JIT's work is the point: nothing may have run in this JVM before the clock starts, so the
# domain is added by the first request after start, and the clock starts with it.
t_launch=$(now)
start_gateway
t_ready=$(now)
load_sampler_start
add_domain "$DOMAIN"

# Far more messages than DURATION can take; smtp-source is stopped when the time is up. -d keeps
# each session's connection for its next message.
"$SMTP_SOURCE" -d -s "$SESSIONS" -m 100000000 -l "$SIZE" -M bench-client.test \
  -f "$SENDER" -t "$RECIPIENT" "127.0.0.1:$SMTP_PORT" >"$OUT/source.out" 2>&1 &
SOURCE_PID=$!
t0=$(now)
say "sending for $DURATION s from $(elapsed "$t_launch" "$t0") s after the start command ($(elapsed "$t_launch" "$t_ready") s until ready)"

windows=$((DURATION / WINDOW))
before=0
for w in $(seq 1 "$windows"); do
  # Sleep until the window's end on the clock of t0, so that slow polling does not stretch it.
  wait_s=$(awk -v t0="$t0" -v w="$w" -v len="$WINDOW" -v now="$(now)" 'BEGIN { d = t0 + w * len - now; printf "%.3f", (d > 0 ? d : 0) }')
  sleep "$wait_s"
  kill -0 "$SOURCE_PID" 2>/dev/null || { tr '\r' '\n' <"$OUT/source.out" | tail -n 5 >&2; die "smtp-source stopped early"; }
  count=$(sink_count)
  echo "$w $((count - before))" >>"$OUT/windows.txt"
  printf '%s: %4d-%4d s: %6d messages, %7.1f msg/s\n' "$BENCH_NAME" $(((w - 1) * WINDOW)) $((w * WINDOW)) \
    $((count - before)) "$(rate $((count - before)) "$WINDOW")"
  before=$count
done
kill "$SOURCE_PID" 2>/dev/null || true; wait "$SOURCE_PID" 2>/dev/null || true; SOURCE_PID=""
load_sampler_stop

first_minute_windows=$((60 / WINDOW))
first_minute=$(awk -v n="$first_minute_windows" '$1 <= n { s += $2 } END { print s + 0 }' "$OUT/windows.txt")
warm_windows=$((WARM / WINDOW))
warm_rates=$(awk -v from=$((windows - warm_windows)) -v len="$WINDOW" '$1 > from { printf "%.1f ", $2 / len }' "$OUT/windows.txt")
warm=$(median "$warm_rates")
first_rate=$(rate "$first_minute" $((first_minute_windows * WINDOW)))
share=$(awk -v a="$first_rate" -v b="$warm" 'BEGIN { if (b > 0) printf "%.0f %%", 100 * a / b; else print "n/a" }')
java_version=$("${JAVA_HOME:+$JAVA_HOME/bin/}java" -version 2>&1 | head -n 1)

{
  echo "FilterMX warm start, $(date -u +%Y-%m-%dT%H:%M:%SZ), $(commit_line)"
  echo "  JVM                    : $java_version; FILTERMX_JAVA_OPTS=${FILTERMX_JAVA_OPTS:-(launcher default)}"
  echo "  start until ready      : $(elapsed "$t_launch" "$t_ready") s"
  echo "  first 60 s             : $first_minute messages, $first_rate msg/s"
  echo "  warm rate              : (last $WARM s) $warm msg/s (median of $warm_windows windows of $WINDOW s)"
  echo "  first minute / warm    : $share"
  echo "  windows (msg/s)        : $(awk -v len="$WINDOW" '{ printf "%.0f ", $2 / len }' "$OUT/windows.txt")"
  echo "  messages               : $SIZE bytes, $SESSIONS sessions, MariaDB, built-in filtering"
  echo "  machine                : $(machine_line); $(load_summary)"
} | tee "$RESULT"
say "result saved in $RESULT"
