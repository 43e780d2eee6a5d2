#!/usr/bin/env bash
# What the per-node caches' polling costs the database: statements per second of one FilterMX
# node, by statement, idle and while it receives mail, and MariaDB's CPU for them.
#
#   bench/cache-polling.sh
#   SECONDS_IDLE=60 MESSAGES=600 bench/cache-polling.sh
#
# Starts a private MariaDB and a private FilterMX node on it, adds a domain routed to a sink,
# waits for the start-up work to end (the report run at start comes after 20 s), then takes two
# windows with MariaDB's general log on: SECONDS_IDLE seconds of nothing, then MESSAGES messages
# through one SMTP session (smtp-source). For each window it prints the Questions and Com_select
# deltas, mariadbd's CPU time from /proc, and the statements counted by their text (numbers and
# strings replaced), the caches' revision reads marked. Everything it starts is stopped on exit.
# See bench/README.md and docs/adr/0056.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="$ROOT/bench/target/cache-polling"
BENCH_NAME=cache-polling

SECONDS_IDLE="${SECONDS_IDLE:-60}"      # length of the idle window
MESSAGES="${MESSAGES:-600}"             # messages of the busy window
SINK_PORT="${BENCH_SINK_PORT:-45627}"
SMTP_PORT="${BENCH_SMTP_PORT:-45625}"
HTTP_PORT="${BENCH_HTTP_PORT:-45681}"
MANAGEMENT_PORT="${BENCH_MANAGEMENT_PORT:-45691}"
DB_PORT="${BENCH_DB_PORT:-45807}"
DOMAIN=bench.test

usage() { sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; }
for arg in "$@"; do
  case "$arg" in
    -h|--help) usage; exit 0 ;;
    *) echo "cache-polling: unknown argument $arg" >&2; usage >&2; exit 2 ;;
  esac
done

# shellcheck source=bench/lib/common.sh
. "$ROOT/bench/lib/common.sh"

check_numbers SECONDS_IDLE MESSAGES SINK_PORT SMTP_PORT HTTP_PORT MANAGEMENT_PORT DB_PORT
need_tools mariadbd smtp-sink smtp-source

cleanup() {
  local rc=$?
  set +e
  trap - EXIT INT TERM
  bench_cleanup
  exit "$rc"
}
trap cleanup EXIT INT TERM

gateway_env
sql() {
  mariadb --no-defaults --protocol=socket --socket="$OUT/mariadb/mysqld.sock" -uroot -N -B -e "$1"
}
status() { sql "SHOW GLOBAL STATUS LIKE '$1'" | cut -f2; }
mariadb_pid() { cat "$OUT/mariadb/mysqld.pid"; }

# window NAME COMMAND...: runs COMMAND with the general log on and prints what the database did.
window() {
  local name=$1 q0 s0 c0 t0 q1 s1 c1 t1 log="$OUT/$1.log"
  shift
  sql "SET GLOBAL general_log = 0; SET GLOBAL log_output = 'FILE'; SET GLOBAL general_log_file = '$log'"
  rm -f "$log"
  q0=$(status Questions) s0=$(status Com_select) c0=$(cpu_ms "$(mariadb_pid)") t0=$(now)
  sql "SET GLOBAL general_log = 1"
  "$@"
  sql "SET GLOBAL general_log = 0"
  q1=$(status Questions) s1=$(status Com_select) c1=$(cpu_ms "$(mariadb_pid)") t1=$(now)
  local secs
  secs=$(elapsed "$t0" "$t1")
  # In the deltas: the second Com_select read, the two log switches and the last Questions read.
  say "$name: $secs s, Questions +$((q1 - q0 - 4)) ($(rate $((q1 - q0 - 4)) "$secs")/s), Com_select +$((s1 - s0)), mariadbd CPU $((c1 - c0)) ms ($(awk -v c=$((c1 - c0)) -v t="$secs" 'BEGIN { printf "%.1f", c / t / 10 }')% of one core)"
  # Statements by their text: the general log's Query and Execute lines, literals folded.
  grep -E '\s(Query|Execute)\s' "$log" \
    | sed -E 's/^.*\s(Query|Execute)\s+//' \
    | sed -E "s/'[^']*'/?/g; s/\b[0-9]+(\.[0-9]+)?\b/N/g; s/\s+/ /g" \
    | cut -c1-110 | sort | uniq -c | sort -rn | head -n 25 \
    | awk -v t="$secs" '{ n = $1; $1 = ""; mark = ($0 ~ /config_revision|release_link_key|bayes_(token|weight|totals)/) ? "  <- cache" : ""; printf "  %6d  %6.2f/s %s%s\n", n, n / t, $0, mark }'
}

idle() { sleep "$SECONDS_IDLE"; }
busy() {
  "$(tool smtp-source)" -s 1 -m "$MESSAGES" -f sender@example.org -t "user@$DOMAIN" \
    "127.0.0.1:$SMTP_PORT" >"$OUT/source.log" 2>&1
  wait_for_sink "$MESSAGES" 300 >/dev/null
}

prepare_run "$SINK_PORT" "$SMTP_PORT" "$HTTP_PORT" "$MANAGEMENT_PORT" "$DB_PORT"
start_mariadb
start_sink
start_gateway
add_domain "$DOMAIN"
say "waiting 40 s for the start-up work (the report run at start, the first queue scans)"
sleep 40
load_sampler_start
window idle idle
window busy busy
load_sampler_stop
say "$(load_summary)"
say "$(commit_line); $(machine_line)"
