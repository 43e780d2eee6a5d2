#!/usr/bin/env bash
# FilterMX throughput benchmark: Postfix's smtp-source -> FilterMX -> Postfix's smtp-sink.
#
#   bench/throughput.sh [--mariadb]
#
# Starts a private smtp-sink, a private FilterMX instance (own data directory, ports and node
# name; embedded H2, or a private MariaDB with --mariadb), adds the domain bench.test routed to
# the sink, sends MESSAGES messages over SESSIONS parallel SMTP sessions and reports how fast
# they were accepted (250 after a durable commit) and delivered to the sink. Everything it
# starts is stopped on exit; the data directory and logs stay in bench/target for inspection.
# See bench/README.md.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="$ROOT/bench/target"

MESSAGES="${MESSAGES:-5000}"            # messages in the measured run
SESSIONS="${SESSIONS:-10}"              # parallel SMTP sessions (FilterMX allows 10 per client IP)
SIZE="${SIZE:-5120}"                    # payload bytes per message, headers not included
WARMUP="${WARMUP:-200}"                 # messages sent and delivered before measuring (0 = none)
SINK_PORT="${BENCH_SINK_PORT:-22626}"
SMTP_PORT="${BENCH_SMTP_PORT:-22525}"
HTTP_PORT="${BENCH_HTTP_PORT:-28080}"
MANAGEMENT_PORT="${BENCH_MANAGEMENT_PORT:-29990}"
DB_PORT="${BENCH_DB_PORT:-23306}"
DRAIN_TIMEOUT="${BENCH_DRAIN_TIMEOUT:-900}"   # seconds to wait for delivery after sending ends
DOMAIN=bench.test
RECIPIENT="user@$DOMAIN"
SENDER="bench-sender@example.com"

DATABASE=h2   # see docs/operator-guide.md: use --mariadb for load figures
usage() { sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'; }
for arg in "$@"; do
  case "$arg" in
    --mariadb) DATABASE=mariadb ;;
    -h|--help) usage; exit 0 ;;
    *) echo "throughput: unknown argument $arg" >&2; usage >&2; exit 2 ;;
  esac
done

say() { printf 'bench: %s\n' "$*"; }
die() { printf 'bench: %s\n' "$*" >&2; exit 1; }

for name in MESSAGES SESSIONS SIZE WARMUP SINK_PORT SMTP_PORT HTTP_PORT MANAGEMENT_PORT DB_PORT DRAIN_TIMEOUT; do
  [[ "${!name}" =~ ^[0-9]+$ ]] || die "$name must be a whole number, not '${!name}'"
done
[ "$MESSAGES" -ge 1 ] || die "MESSAGES must be at least 1"
[ "$SIZE" -ge 1 ] || die "SIZE must be at least 1 (smtp-source refuses 0)"
[ "$SESSIONS" -ge 1 ] || die "SESSIONS must be at least 1"
# ra.xml's maxConnectionsPerIp: the 11th concurrent connection from 127.0.0.1 gets a 421 and
# smtp-source aborts on it.
[ "$SESSIONS" -le 10 ] || die "SESSIONS=$SESSIONS: FilterMX allows 10 concurrent connections per client IP; use 10 or fewer"
[ "$SESSIONS" -le "$MESSAGES" ] || SESSIONS="$MESSAGES"

# --- tools -----------------------------------------------------------------------------------
tool() { command -v "$1" 2>/dev/null || { [ -x "/usr/sbin/$1" ] && echo "/usr/sbin/$1"; } || true; }
SMTP_SOURCE="$(tool smtp-source)"; SMTP_SINK="$(tool smtp-sink)"
if [ -z "$SMTP_SOURCE" ] || [ -z "$SMTP_SINK" ] || { [ "$DATABASE" = mariadb ] && [ -z "$(tool mariadbd)" ]; }; then
  say "installing the test tools (postfix's smtp-source/smtp-sink, mariadb-server, swaks)"
  "$ROOT/scripts/install-test-deps.sh"
  SMTP_SOURCE="$(tool smtp-source)"; SMTP_SINK="$(tool smtp-sink)"
fi
if [ -z "$SMTP_SOURCE" ] || [ -z "$SMTP_SINK" ]; then
  die "smtp-source/smtp-sink not found (Debian package postfix)"
fi
command -v curl >/dev/null || die "curl is required"

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }
rate() { awk -v n="$1" -v t="$2" 'BEGIN { if (t > 0) printf "%.1f", n / t; else print "n/a" }'; }

# --- the FilterMX instance under test --------------------------------------------------------
export FILTERMX_DATA="$OUT/data"
export FILTERMX_BIND=127.0.0.1
export FILTERMX_SMTP_PORT="$SMTP_PORT"
export FILTERMX_HTTP_PORT="$HTTP_PORT"
export FILTERMX_MANAGEMENT_PORT="$MANAGEMENT_PORT"
# Not listening yet (not built), but kept off the defaults in case the test suite's or a demo
# instance runs on the same machine.
export FILTERMX_SUBMISSION_PORT=22587 FILTERMX_SUBMISSIONS_PORT=22465
export FILTERMX_IMAP_PORT=22143 FILTERMX_IMAPS_PORT=22993
export FILTERMX_NODE_NAME=bench
export FILTERMX_DNS="${BENCH_DNS:-127.0.0.1:15353}"   # loopback only: lookups fail fast, nothing leaves the machine
export FILTERMX_HOSTNAME=bench.filtermx.test
# Built-in filter only, whatever engines run on this machine's standard ports (set
# FILTERMX_RSPAMD_URL, FILTERMX_CLAMD or FILTERMX_SPAMD to measure with one).
export FILTERMX_ENGINES=off
FILTERMX_ADMIN_PASSWORD="bench-$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"
export FILTERMX_ADMIN_PASSWORD
if [ "$DATABASE" = mariadb ]; then
  export FILTERMX_DB_URL="jdbc:mariadb://127.0.0.1:$DB_PORT/filtermx"
  export FILTERMX_DB_USER=filtermx FILTERMX_DB_PASSWORD=filtermx
else
  unset FILTERMX_DB_URL FILTERMX_DB_USER FILTERMX_DB_PASSWORD   # the launcher's embedded H2
fi
API="http://127.0.0.1:$HTTP_PORT/api/v1"

SINK_OUT="$OUT/sink.out"
SOURCE_OUT="$OUT/source.out"
RESULT="$OUT/result.txt"
SINK_PID="" SOURCE_PID="" PROGRESS_PID="" GATEWAY_STARTED="" MARIADB_STARTED=""

cleanup() {
  local rc=$?
  set +e
  trap - EXIT INT TERM
  [ -n "$PROGRESS_PID" ] && kill "$PROGRESS_PID" 2>/dev/null
  [ -n "$SOURCE_PID" ] && kill "$SOURCE_PID" 2>/dev/null
  if [ -n "$GATEWAY_STARTED" ]; then "$ROOT/filtermx" stop >/dev/null 2>&1 || true; fi
  if [ -n "$SINK_PID" ]; then kill "$SINK_PID" 2>/dev/null; wait "$SINK_PID" 2>/dev/null; fi
  if [ -n "$MARIADB_STARTED" ]; then
    "$ROOT/scripts/mariadb-private.sh" stop "$OUT/mariadb" "$DB_PORT" >/dev/null 2>&1 || true
  fi
  [ "$rc" -eq 0 ] || say "failed; logs: $FILTERMX_DATA/server/log/server.log, $SOURCE_OUT, $OUT/sink.err" >&2
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# A leftover instance from an interrupted run would answer on our ports with old state.
mkdir -p "$OUT"
"$ROOT/filtermx" stop >/dev/null 2>&1 || true
for port in "$SINK_PORT" "$SMTP_PORT" "$HTTP_PORT" "$MANAGEMENT_PORT"; do
  port_in_use "$port" && die "port $port on 127.0.0.1 is in use; stop what holds it or set BENCH_*_PORT"
done
rm -rf "$FILTERMX_DATA" "$SINK_OUT" "$SOURCE_OUT" "$OUT/sink.err" "$RESULT"

# --- the sink: counts messages, keeps nothing --------------------------------------------------
# -c prints "sess=N quit=N mesg=N" followed by CR after every message; mesg counts received
# messages (each one bench.test recipient, so one per delivered message).
sink_args=(-c)
[ "$(id -u)" -eq 0 ] && sink_args+=(-u nobody)   # smtp-sink insists on dropping root
"$SMTP_SINK" "${sink_args[@]}" "127.0.0.1:$SINK_PORT" 1000 >"$SINK_OUT" 2>"$OUT/sink.err" &
SINK_PID=$!
for _ in $(seq 1 50); do port_in_use "$SINK_PORT" && break; sleep 0.1; done
kill -0 "$SINK_PID" 2>/dev/null || die "smtp-sink did not start: $(cat "$OUT/sink.err")"

sink_count() {
  local n
  n=$(tail -c 256 "$SINK_OUT" 2>/dev/null | tr '\r' '\n' | grep -o 'mesg=[0-9]*' | tail -n 1 | cut -d= -f2 || true)
  echo "${n:-0}"
}

# --- database and gateway ----------------------------------------------------------------------
if [ "$DATABASE" = mariadb ]; then
  port_in_use "$DB_PORT" && [ ! -f "$OUT/mariadb/mysqld.pid" ] && die "port $DB_PORT is in use; set BENCH_DB_PORT"
  say "starting a private MariaDB on 127.0.0.1:$DB_PORT ($OUT/mariadb)"
  MARIADB_STARTED=1
  "$ROOT/scripts/mariadb-private.sh" start "$OUT/mariadb" "$DB_PORT"
  "$ROOT/scripts/mariadb-private.sh" reset "$OUT/mariadb" "$DB_PORT"
fi

if [ ! -x "$ROOT/wildfly-config/target/server/bin/standalone.sh" ] || [ ! -f "$ROOT/ear/target/filtermx.ear" ]; then
  say "FilterMX is not built yet; the launcher builds it first (several minutes)"
fi
say "starting FilterMX (SMTP 127.0.0.1:$SMTP_PORT, HTTP $HTTP_PORT, database $DATABASE, data $FILTERMX_DATA)"
GATEWAY_STARTED=1
"$ROOT/filtermx" start >"$OUT/start.log" 2>&1 || { cat "$OUT/start.log" >&2; die "FilterMX did not start"; }

api() { curl -sS -u "admin:$FILTERMX_ADMIN_PASSWORD" -H 'Content-Type: application/json' "$@"; }

status=$(api -o "$OUT/domain.json" -w '%{http_code}' -X POST "$API/domains" \
  -d "{\"name\":\"$DOMAIN\",\"destinations\":[{\"host\":\"127.0.0.1\",\"port\":$SINK_PORT}]}" || true)
[ "$status" = 201 ] || die "adding $DOMAIN failed with HTTP $status: $(cat "$OUT/domain.json")"

# Waits until the sink has counted $1 messages; prints the time it saw that. Fails after the
# drain timeout, or at once if the sink died.
wait_for_sink() {
  local target=$1 deadline=$((SECONDS + DRAIN_TIMEOUT))
  while [ "$(sink_count)" -lt "$target" ]; do
    kill -0 "$SINK_PID" 2>/dev/null || die "smtp-sink exited: $(cat "$OUT/sink.err")"
    [ $SECONDS -lt $deadline ] || die "only $(sink_count) of $target messages reached the sink after ${DRAIN_TIMEOUT}s; see GET $API/log?status=DEFERRED and server.log"
    sleep 0.2
  done
  now
}

# The smtp-source command for $1 messages: one envelope per message with one recipient, HELO,
# payload lines of 80 bytes ending in CRLF. -d keeps each session's connection open for its
# next message (no reconnect racing the per-IP limit); -c prints a running count and a CR.
source_command() {
  local count=$1 sessions=$SESSIONS
  [ "$sessions" -le "$count" ] || sessions=$count
  SOURCE_CMD=("$SMTP_SOURCE" -c -d -s "$sessions" -m "$count" -l "$SIZE" -M bench-client.test
              -f "$SENDER" -t "$RECIPIENT" "127.0.0.1:$SMTP_PORT")
}

if [ "$WARMUP" -gt 0 ]; then
  say "warm-up: $WARMUP messages"
  source_command "$WARMUP"
  "${SOURCE_CMD[@]}" >"$OUT/warmup.out" 2>&1 || { tr '\r' '\n' <"$OUT/warmup.out" >&2; die "warm-up failed"; }
  wait_for_sink "$WARMUP" >/dev/null
  sleep 1   # lets the server close the warm-up connections before all slots are needed again
fi
baseline=$(sink_count)
target=$((baseline + MESSAGES))

say "sending $MESSAGES messages of $SIZE bytes over $SESSIONS sessions to $RECIPIENT"
( while sleep 2; do
    sent=$(tail -c 64 "$SOURCE_OUT" 2>/dev/null | tr '\r' '\n' | grep -E '^[0-9]+$' | tail -n 1 || true)
    printf 'bench:   sent %s, delivered %s\n' "${sent:-0}" "$(( $(sink_count) - baseline ))" >&2
  done ) &
PROGRESS_PID=$!

# Statements per message on MariaDB: the server's own counters before and after the measured run
# (Questions counts every statement a client sent, prepared ones included; Com_commit the
# transactions that committed).
db_counters() {
  [ "$DATABASE" = mariadb ] || return 0
  mariadb --no-defaults --protocol=socket --socket="$OUT/mariadb/mysqld.sock" -uroot -N -B -e \
    "SHOW GLOBAL STATUS WHERE Variable_name IN ('Questions','Com_select','Com_insert','Com_update','Com_delete','Com_commit','Com_insert_select','Com_set_option','Com_rollback','Com_begin')" \
    | awk '{ printf "%s=%s ", $1, $2 }'
}
counters_before=$(db_counters)

source_command "$MESSAGES"
t0=$(now)
"${SOURCE_CMD[@]}" >"$SOURCE_OUT" 2>&1 &
SOURCE_PID=$!
source_rc=0
wait "$SOURCE_PID" || source_rc=$?
t_accepted=$(now)
SOURCE_PID=""
if [ "$source_rc" -ne 0 ]; then
  tr '\r' '\n' <"$SOURCE_OUT" | grep -v '^[0-9]*$' >&2 || true
  die "smtp-source failed (exit $source_rc) after $(elapsed "$t0" "$t_accepted")s"
fi
t_delivered=$(wait_for_sink "$target")
sleep 2   # the deliveries' status updates commit just after the sink's reply
counters_after=$(db_counters)
kill "$PROGRESS_PID" 2>/dev/null || true; wait "$PROGRESS_PID" 2>/dev/null || true; PROGRESS_PID=""

accept_s=$(elapsed "$t0" "$t_accepted")
total_s=$(elapsed "$t0" "$t_delivered")
drain_s=$(elapsed "$t_accepted" "$t_delivered")
received=$(( $(sink_count) - baseline ))

# Cross-check through the message log: wait until nothing is left ACCEPTED (status updates
# commit just after the sink's reply), then count entries per status with keyset pagination.
log_count() {
  local status=$1 before="" total=0 page ids last
  while :; do
    page=$(api "$API/log?domain=$DOMAIN&status=$status&limit=500${before:+&before=$before}") || { echo "?"; return 0; }
    ids=$(grep -oE '"id": *[0-9]+' <<<"$page" | grep -oE '[0-9]+$' || true)
    [ -n "$ids" ] || break
    total=$((total + $(wc -l <<<"$ids")))
    last=$(tail -n 1 <<<"$ids")   # the page's last entry: pages are ordered by time of receipt, then id
    [ "$(wc -l <<<"$ids")" -eq 500 ] || break
    before=$last
  done
  echo "$total"
}
for _ in $(seq 1 60); do
  [ "$(log_count ACCEPTED)" -eq 0 ] && break
  sleep 0.5
done
# "Questions=10 Com_select=4 ..." before and after -> "Questions 7.9 (select 2.0, ...)" per message.
per_message() {
  awk -v before="$1" -v after="$2" -v n="$MESSAGES" 'BEGIN {
    split(before, b, " "); split(after, a, " ")
    for (i in b) { split(b[i], kv, "="); was[kv[1]] = kv[2] }
    for (i in a) { split(a[i], kv, "="); now[kv[1]] = kv[2] }
    printf "Questions %.2f (", (now["Questions"] - was["Questions"]) / n
    sep = ""
    split("Com_select Com_insert Com_update Com_delete Com_insert_select Com_commit Com_rollback Com_begin Com_set_option", names, " ")
    for (i = 1; i <= 9; i++) {
      k = names[i]; printf "%s%s %.2f", sep, substr(k, 5), (now[k] - was[k]) / n; sep = ", "
    }
    printf ")"
  }'
}
log_delivered=$(log_count DELIVERED); log_deferred=$(log_count DEFERRED)
log_bounced=$(log_count BOUNCED); log_accepted=$(log_count ACCEPTED)

{
  echo "FilterMX throughput, $(date -u +%Y-%m-%dT%H:%M:%SZ), commit $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)$(git -C "$ROOT" diff --quiet HEAD 2>/dev/null || echo ' with local changes')"
  echo "  database               : $DATABASE"
  echo "  messages               : $MESSAGES x $SIZE bytes, $SESSIONS sessions (after $WARMUP warm-up)"
  echo "  accepted in            : ${accept_s} s  ($(rate "$MESSAGES" "$accept_s") msg/s)"
  echo "  all delivered after    : ${total_s} s  ($(rate "$MESSAGES" "$total_s") msg/s end to end)"
  echo "  delivery lag after send: ${drain_s} s"
  echo "  sink received          : $received"
  echo "  log (incl. warm-up)    : delivered $log_delivered, deferred $log_deferred, bounced $log_bounced, still accepted $log_accepted"
  if [ "$DATABASE" = mariadb ]; then
    echo "  statements per message : $(per_message "$counters_before" "$counters_after")"
  fi
  echo "  machine                : $(nproc) cores, $(awk '/MemTotal/ { printf "%.1f GB", $2 / 1048576 }' /proc/meminfo)"
} | tee "$RESULT"
[ "$received" -eq "$MESSAGES" ] || say "warning: the sink received $received messages for $MESSAGES sent (redeliveries?)" >&2
expected=$((WARMUP + MESSAGES))
[ "$log_delivered" -eq "$expected" ] || say "warning: the log shows $log_delivered delivered of $expected" >&2
say "result saved in $RESULT; server log in $FILTERMX_DATA/server/log/server.log"
