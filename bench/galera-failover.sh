#!/usr/bin/env bash
# FilterMX over a three-node MariaDB Galera cluster: the database node it writes to is killed
# (kill -9) under load.
#
#   bench/galera-failover.sh
#
# Starts a private three-node Galera cluster (scripts/galera-local.sh), a smtp-sink that keeps
# each message, and a private FilterMX whose FILTERMX_DB_URL lists the three nodes
# (jdbc:mariadb:sequential://...). SESSIONS parallel SMTP sessions send numbered messages for
# SECONDS seconds; after KILL_AFTER seconds the Galera node that holds FilterMX's connections is
# killed with kill -9; REJOIN_AFTER seconds later it is started again and rejoins the cluster
# while the load goes on (FilterMX's pool then holds connections to two nodes). It then checks that every message answered 250 reached the sink, that no
# answer was a 5xx, and measures the time until mail was accepted again. Everything it started is
# stopped on exit; data and logs stay in bench/target/galera. Takes about 5 minutes. Not part of
# the CI suite (see ADR 0053); docs/operator-guide.md, "Replicated MariaDB (Galera)".
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="$ROOT/bench/target/galera"
BENCH_NAME=galera-failover
SESSIONS="${SESSIONS:-6}"          # parallel SMTP sessions (FilterMX allows 10 per client IP)
SECONDS_TOTAL="${DURATION:-90}"    # seconds of sending
KILL_AFTER="${KILL_AFTER:-20}"     # seconds of sending before the kill
REJOIN_AFTER="${REJOIN_AFTER:-20}" # seconds after the kill before the killed node starts again (0: never)
DRAIN_TIMEOUT="${BENCH_DRAIN_TIMEOUT:-300}"
SINK_PORT="${BENCH_SINK_PORT:-22676}"
SMTP_PORT="${BENCH_SMTP_PORT:-22575}"
HTTP_PORT="${BENCH_HTTP_PORT:-28130}"
MANAGEMENT_PORT="${BENCH_MANAGEMENT_PORT:-30040}"
GALERA_PORT="${BENCH_GALERA_PORT:-24306}"   # SQL ports GALERA_PORT..+2; see scripts/galera-local.sh
DB_PORT="$GALERA_PORT"
DOMAIN=bench.test

# shellcheck source=lib/common.sh
. "$ROOT/bench/lib/common.sh"
check_numbers SESSIONS SECONDS_TOTAL KILL_AFTER REJOIN_AFTER DRAIN_TIMEOUT SINK_PORT SMTP_PORT HTTP_PORT MANAGEMENT_PORT GALERA_PORT
[ "$SESSIONS" -ge 1 ] && [ "$SESSIONS" -le 10 ] || die "SESSIONS must be 1 to 10 (FilterMX allows 10 connections per client IP)"
[ "$KILL_AFTER" -lt "$SECONDS_TOTAL" ] || die "KILL_AFTER must be less than DURATION"
need_tools smtp-sink mariadbd
command -v python3 >/dev/null || die "python3 is required"
[ -f /usr/lib/galera/libgalera_smm.so ] || die "the Galera provider is missing (Debian package galera-4)"

gateway_env
hosts="127.0.0.1:$GALERA_PORT,127.0.0.1:$((GALERA_PORT + 1)),127.0.0.1:$((GALERA_PORT + 2))"
# Sequential: every connection goes to the first node that answers and is synced
# (galeraAllowedState=4), so all writes go through one node; see ADR 0053.
export FILTERMX_DB_URL="jdbc:mariadb:sequential://$hosts/filtermx?galeraAllowedState=4&connectTimeout=3000"
GALERA="$OUT/cluster"

cleanup() {
  local rc=$?
  set +e
  trap - EXIT INT TERM
  [ -n "${SENDER_PID:-}" ] && kill "$SENDER_PID" 2>/dev/null
  load_sampler_stop
  if [ -n "$GATEWAY_STARTED" ]; then "$ROOT/filtermx" stop >/dev/null 2>&1 || true; fi
  if [ -n "$SINK_PID" ]; then kill "$SINK_PID" 2>/dev/null; wait "$SINK_PID" 2>/dev/null; fi
  if [ -n "$MARIADB_STARTED" ]; then "$ROOT/scripts/galera-local.sh" stop "$GALERA" "$GALERA_PORT" >/dev/null 2>&1 || true; fi
  [ "$rc" -eq 0 ] || say "failed; logs: $FILTERMX_DATA/server/log/server.log, $GALERA/node*/error.log, $OUT/sent.tsv" >&2
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

mkdir -p "$OUT"
"$ROOT/filtermx" stop >/dev/null 2>&1 || true
"$ROOT/scripts/galera-local.sh" stop "$GALERA" "$GALERA_PORT" >/dev/null 2>&1 || true
for port in "$SINK_PORT" "$SMTP_PORT" "$HTTP_PORT" "$MANAGEMENT_PORT" "$GALERA_PORT" $((GALERA_PORT + 1)) $((GALERA_PORT + 2)); do
  port_in_use "$port" && die "port $port on 127.0.0.1 is in use; stop what holds it or set the BENCH_*_PORT variables"
done
rm -rf "$FILTERMX_DATA" "$GALERA" "$OUT/sink" "$OUT/sent.tsv" "$OUT/result.txt"

# --- the sink: keeps every message in its own file -------------------------------------------
mkdir -p "$OUT/sink"
sink_args=(-c -d "$OUT/sink/%H%M/m.")
if [ "$(id -u)" -eq 0 ]; then
  sink_args+=(-u nobody)   # smtp-sink insists on dropping root; nobody must write the dumps
  chmod 777 "$OUT/sink"
fi
"$(tool smtp-sink)" "${sink_args[@]}" "127.0.0.1:$SINK_PORT" 1000 >"$OUT/sink.out" 2>"$OUT/sink.err" &
SINK_PID=$!
for _ in $(seq 1 50); do port_in_use "$SINK_PORT" && break; sleep 0.1; done
kill -0 "$SINK_PID" 2>/dev/null || die "smtp-sink did not start: $(cat "$OUT/sink.err")"

# --- the cluster and the gateway -----------------------------------------------------------------
say "starting a three-node Galera cluster on 127.0.0.1:$GALERA_PORT-$((GALERA_PORT + 2)) ($GALERA)"
MARIADB_STARTED=1
"$ROOT/scripts/galera-local.sh" start "$GALERA" "$GALERA_PORT"
start_gateway
add_domain "$DOMAIN"

# The node holding FilterMX's connections: the one with the most sessions of the filtermx user.
connections() {
  mariadb --no-defaults --protocol=socket --socket="$GALERA/node$1/mysqld.sock" -uroot -N -B \
    -e "SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE USER = 'filtermx'" 2>/dev/null || echo 0
}

load_sampler_start
say "sending over $SESSIONS sessions for $SECONDS_TOTAL s; killing the busy Galera node after $KILL_AFTER s"
python3 "$ROOT/bench/galera/sender.py" 127.0.0.1 "$SMTP_PORT" "$SESSIONS" "$SECONDS_TOTAL" \
  gf-sender@example.com "user@$DOMAIN" "$OUT/sent.tsv" &
SENDER_PID=$!
sleep "$KILL_AFTER"
victim=1 most=-1
for n in 1 2 3; do
  c=$(connections "$n"); say "  node$n: $c connections of the filtermx user"
  if [ "$c" -gt "$most" ]; then victim=$n; most=$c; fi
done
kill_at=$(now)
kill -9 "$(cat "$GALERA/node$victim/mysqld.pid")"
say "killed node$victim (kill -9) at $(date -u +%H:%M:%S.%N | cut -c1-12)"
sleep 10
for n in 1 2 3; do [ "$n" = "$victim" ] || say "  node$n after the kill: $(connections "$n") connections"; done
rejoin_at=""
if [ "$REJOIN_AFTER" -gt 0 ]; then
  sleep $((REJOIN_AFTER > 10 ? REJOIN_AFTER - 10 : 0))
  say "starting node$victim again"
  t=$(now)
  "$ROOT/scripts/galera-local.sh" start "$GALERA" "$GALERA_PORT"
  rejoin_at=$(now)
  say "node$victim synced again after $(elapsed "$t" "$rejoin_at") s"
fi
wait "$SENDER_PID"; SENDER_PID=""
for n in 1 2 3; do say "  node$n at the end: $(connections "$n") connections"; done
load_sampler_stop

say "sending ended; waiting up to $DRAIN_TIMEOUT s for every accepted message at the sink"
deadline=$((SECONDS + DRAIN_TIMEOUT))
until python3 "$ROOT/bench/galera/outcome.py" "$OUT/sent.tsv" "$OUT/sink" "$kill_at" $rejoin_at >/dev/null; do
  [ $SECONDS -lt $deadline ] || break
  sleep 2
done
{
  echo "FilterMX over Galera, node killed under load, $(date -u +%Y-%m-%dT%H:%M:%SZ), $(commit_line)"
  echo "  database URL           : $FILTERMX_DB_URL"
  echo "  load                   : $SESSIONS sessions for $SECONDS_TOTAL s, node$victim killed after $KILL_AFTER s${rejoin_at:+, started again $REJOIN_AFTER s later (synced $(elapsed "$kill_at" "$rejoin_at") s after the kill)}"
  echo "  Galera options         : ${GALERA_OPTIONS:-defaults (evs.suspect_timeout PT5S)}"
  log="$FILTERMX_DATA/server/log/server.log"
  echo "  certification failures : $(grep -c '^Caused by: .*Deadlock found' "$log" || true) 'Deadlock found' causes in server.log; $(grep -c 'rolled back by the database' "$log" || true) transaction(s) run again (ADR 0053)"
  python3 "$ROOT/bench/galera/outcome.py" "$OUT/sent.tsv" "$OUT/sink" "$kill_at" $rejoin_at || true
  echo "  errors in server.log   : $(grep -c ' ERROR ' "$FILTERMX_DATA/server/log/server.log" || true), warnings $(grep -c ' WARN ' "$FILTERMX_DATA/server/log/server.log" || true)"
  echo "  while sending          : $(load_summary)"
  echo "  machine                : $(machine_line)"
} | tee "$OUT/result.txt"
grep -q 'RESULT *: PASS' "$OUT/result.txt"
