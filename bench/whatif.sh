#!/usr/bin/env bash
# FilterMX what-if tester at scale: fills ROWS message-log rows of one domain over the last 30 days
# into a private MariaDB, then times the what-if API call on that domain (median of RUNS, after
# one unmeasured warm-up call) against the target of 2 seconds.
#
#   bench/whatif.sh                    # 1,000,000 rows, 5 measured calls
#   ROWS=200000 RUNS=3 bench/whatif.sh
#
# Starts a private MariaDB (bench/target/whatif/mariadb, port 23308) and a private FilterMX on it
# (SMTP 24525, HTTP 24080, management 24990) so that the schema migrations run, adds the domain
# through the API, fills the rows with one INSERT ... SELECT from MariaDB's sequence engine, and
# prints the figure with the load average. Everything it starts is stopped on exit; data and the
# result stay in bench/target/whatif. See bench/README.md, "What-if benchmark".
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="$ROOT/bench/target/whatif"

ROWS="${ROWS:-1000000}"              # message_log rows of the domain, spread over 30 days
RUNS="${RUNS:-5}"                    # measured calls; the median is the figure
TARGET_S="${TARGET_S:-2}"            # the target, in seconds
# The test suite's 256 MB buffer pool holds a fraction of a million rows; an operator would size
# the pool for the log, as bench/logsearch does. Raised at runtime (SET GLOBAL).
DB_BUFFER_POOL="${DB_BUFFER_POOL:-1G}"
DB_PORT="${BENCH_DB_PORT:-23308}"
SMTP_PORT="${BENCH_SMTP_PORT:-24525}"
HTTP_PORT="${BENCH_HTTP_PORT:-24080}"
MANAGEMENT_PORT="${BENCH_MANAGEMENT_PORT:-24990}"
DOMAIN=whatif-bench.test

DB_DIR="$OUT/mariadb"
RESULT="$OUT/result.txt"

usage() { sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; }
case "${1:-}" in
  -h|--help) usage; exit 0 ;;
  "") ;;
  *) echo "whatif: unknown argument $1" >&2; usage >&2; exit 2 ;;
esac

say() { printf 'whatif: %s\n' "$*"; }
die() { printf 'whatif: %s\n' "$*" >&2; exit 1; }

for name in ROWS RUNS TARGET_S DB_PORT SMTP_PORT HTTP_PORT MANAGEMENT_PORT; do
  [[ "${!name}" =~ ^[0-9]+$ ]] || die "$name must be a whole number, not '${!name}'"
done
[ "$ROWS" -ge 1000 ] || die "ROWS must be at least 1000"
[ "$RUNS" -ge 1 ] || die "RUNS must be at least 1"

if ! command -v mariadbd >/dev/null && [ ! -x /usr/sbin/mariadbd ]; then
  say "installing the test tools (mariadb-server and friends)"
  "$ROOT/scripts/install-test-deps.sh"
fi
export PATH="$PATH:/usr/sbin"
for tool in mariadbd mariadb curl java awk; do
  command -v "$tool" >/dev/null || die "$tool is required"
done

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }
sql() { mariadb --no-defaults --protocol=socket --socket="$DB_DIR/mysqld.sock" -uroot --batch --skip-column-names "$@"; }

mkdir -p "$OUT"
export FILTERMX_DATA="$OUT/data"
export FILTERMX_BIND=127.0.0.1
export FILTERMX_SMTP_PORT="$SMTP_PORT"
export FILTERMX_HTTP_PORT="$HTTP_PORT"
export FILTERMX_MANAGEMENT_PORT="$MANAGEMENT_PORT"
export FILTERMX_SUBMISSION_PORT=24587 FILTERMX_SUBMISSIONS_PORT=24465
export FILTERMX_IMAP_PORT=24143 FILTERMX_IMAPS_PORT=24993
export FILTERMX_NODE_NAME=whatifbench
export FILTERMX_DNS=127.0.0.1:15353   # loopback only: nothing leaves the machine
export FILTERMX_HOSTNAME=bench.filtermx.test
export FILTERMX_ENGINES=off
export FILTERMX_DB_URL="jdbc:mariadb://127.0.0.1:$DB_PORT/filtermx"
export FILTERMX_DB_USER=filtermx FILTERMX_DB_PASSWORD=filtermx   # as mariadb-private.sh creates them
ADMIN_PASSWORD="bench-$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"
export FILTERMX_ADMIN_PASSWORD="$ADMIN_PASSWORD"
API="http://127.0.0.1:$HTTP_PORT/api/v1"
api() { curl -sS -u "admin:$ADMIN_PASSWORD" -H 'Content-Type: application/json' "$@"; }

GATEWAY_STARTED="" MARIADB_STARTED=""
cleanup() {
  local rc=$?
  set +e
  trap - EXIT INT TERM
  if [ -n "$GATEWAY_STARTED" ]; then "$ROOT/filtermx" stop >/dev/null 2>&1; fi
  if [ -n "$MARIADB_STARTED" ]; then "$ROOT/scripts/mariadb-private.sh" stop "$DB_DIR" "$DB_PORT" >/dev/null 2>&1; fi
  [ "$rc" -eq 0 ] || say "failed; logs: $FILTERMX_DATA/server/log/server.log, $DB_DIR/error.log" >&2
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# "package", never "install": ~/.m2 keeps what other checkouts test with.
build_if_needed() {
  local ear="$ROOT/ear/target/filtermx.ear"
  if [ ! -x "$ROOT/wildfly-config/target/server/bin/standalone.sh" ] || [ ! -f "$ear" ] || \
     [ -n "$(find "$ROOT"/smtp-connector "$ROOT"/ejb "$ROOT"/web "$ROOT"/ear "$ROOT"/wildfly-config \
              -path '*/target' -prune -o -type f -newer "$ear" -print -quit 2>/dev/null)" ]; then
    say "building FilterMX (mvn package, a few minutes)"
    (cd "$ROOT" && mvn -B -q -o -DskipTests package -pl wildfly-config -am) >"$OUT/build.log" 2>&1 || {
      tail -n 40 "$OUT/build.log" >&2; die "build failed; see $OUT/build.log"; }
  fi
}

build_if_needed
port_in_use "$DB_PORT" && die "port $DB_PORT is in use; set BENCH_DB_PORT"
for port in "$SMTP_PORT" "$HTTP_PORT" "$MANAGEMENT_PORT"; do
  port_in_use "$port" && die "port $port on 127.0.0.1 is in use; set BENCH_*_PORT"
done
rm -rf "$DB_DIR" "$FILTERMX_DATA"
say "starting a private MariaDB on 127.0.0.1:$DB_PORT"
MARIADB_STARTED=1
"$ROOT/scripts/mariadb-private.sh" start "$DB_DIR" "$DB_PORT"
sql -e "SET GLOBAL innodb_buffer_pool_size = $(numfmt --from=iec "$DB_BUFFER_POOL")"
say "starting FilterMX (HTTP $HTTP_PORT; the schema migrations run on start)"
GATEWAY_STARTED=1
"$ROOT/filtermx" start >"$OUT/start.log" 2>&1 || { cat "$OUT/start.log" >&2; die "FilterMX did not start"; }
status=$(api -o "$OUT/domain.json" -w '%{http_code}' -X POST "$API/domains" \
  -d "{\"name\":\"$DOMAIN\",\"destinations\":[{\"host\":\"127.0.0.1\",\"port\":2626}]}")
[ "$status" = 201 ] || die "adding $DOMAIN failed: HTTP $status $(cat "$OUT/domain.json")"

# One statement from the sequence engine (seq_1_to_N): the rows arrive in time order, newest
# last, as the intake writes them. Scores spread from -2 to 18 (default thresholds 5 and 15 hold
# about a third and refuse about a sixth); 1 in 50 came through a sender allow entry, 1 in 200
# was a virus; 1 in 100 was deferred (no verdict to re-apply). 2,000 senders.
say "filling $ROWS log rows of $DOMAIN over 30 days (INSERT ... SELECT from seq_1_to_$ROWS)"
t0=$(now)
sql filtermx <<SQL
SET unique_checks = 0;
SET @end = UTC_TIMESTAMP(3), @step_us = FLOOR(30 * 86400 * 1000000 / $ROWS);
INSERT INTO message_log (queue_id, message_id, direction, domain, client_ip, helo, sender, recipients,
    subject, size_bytes, status, reason, score, verdict, verdict_reasons, received_at, updated_at,
    verdict_flags)
SELECT CONCAT('WHATIF', v.seq), CONCAT('<', v.seq, '@bench.example>'), 'INBOUND', '$DOMAIN', '192.0.2.1',
    'client.example', CONCAT('sender', v.seq MOD 2000, '@source', v.seq MOD 97, '.example'),
    CONCAT('user', v.seq MOD 50, '@$DOMAIN'), CONCAT('Message ', v.seq), 5000,
    CASE WHEN v.verdict = 'TEMPFAIL' THEN 'TEMPFAILED' WHEN v.verdict = 'QUARANTINE' THEN 'QUARANTINED'
         WHEN v.verdict = 'REJECT' THEN 'REJECTED' ELSE 'DELIVERED' END,
    NULL, v.score, v.verdict, v.reasons, v.at, v.at,
    -- VerdictFlags as the intake keeps them (V26): 1 virus, 2 sender allowed, 16 not judged.
    CASE WHEN v.verdict = 'TEMPFAIL' THEN 16 WHEN v.reasons LIKE '%VIRUS_FOUND%' THEN 1
         WHEN v.reasons LIKE '%SENDER_ALLOWLISTED%' THEN 2 ELSE 0 END
FROM (
  SELECT seq,
    @end - INTERVAL (($ROWS - seq) * @step_us) MICROSECOND AS at,
    CASE WHEN seq MOD 100 = 7 THEN 'TEMPFAIL'
         WHEN seq MOD 200 = 3 THEN 'REJECT'
         WHEN seq MOD 50 = 1 THEN 'DELIVER'
         WHEN (seq MOD 201) / 10 - 2 >= 15 THEN 'REJECT'
         WHEN (seq MOD 201) / 10 - 2 >= 5 THEN 'QUARANTINE' ELSE 'DELIVER' END AS verdict,
    CASE WHEN seq MOD 200 = 3 THEN 100 + (seq MOD 201) / 10 ELSE (seq MOD 201) / 10 - 2 END AS score,
    CASE WHEN seq MOD 200 = 3 THEN CONCAT('VIRUS_FOUND +100.0 (Eicar-Test-Signature), BAYES_50 +', (seq MOD 201) / 10)
         WHEN seq MOD 50 = 1 THEN CONCAT('BAYES_90 +', (seq MOD 201) / 10 - 2,
                                         ', SENDER_ALLOWLISTED +0.0 (domain $DOMAIN allow sender source1.example)')
         ELSE CONCAT('BAYES_', seq MOD 100, ' +', (seq MOD 201) / 10 - 2, ', HEADERS_FORGED_DATE +0.0') END AS reasons
  FROM seq_1_to_$ROWS
) v;
SQL
t1=$(now)
sql filtermx -e "ANALYZE TABLE message_log" >/dev/null
count=$(sql filtermx -e "SELECT COUNT(*) FROM message_log WHERE domain = '$DOMAIN'")
say "filled $count rows in $(elapsed "$t0" "$t1") s"
[ "$count" = "$ROWS" ] || die "expected $ROWS rows, found $count"

BODY='{"quarantineThreshold":4.0,"rejectThreshold":12.0,"addListEntries":[{"action":"BLOCK","matchOn":"SENDER","pattern":"source5.example"}]}'
# Timed with an API token, as a hosting panel calls: Basic authentication would add a PBKDF2 of the
# password (600,000 iterations) to every call, which is the login's cost, not the tester's.
TOKEN=$(api -X POST "$API/tokens" -d "{\"name\":\"whatif-bench-$$\",\"password\":\"$ADMIN_PASSWORD\"}" \
  | sed -n 's/.*"secret":"\([^"]*\)".*/\1/p')
[ -n "$TOKEN" ] || die "could not make an API token for the timed calls"
call() {
  curl -sS -o "$OUT/answer.json" -w '%{http_code} %{time_total}\n' -H "Authorization: Bearer $TOKEN" \
    -H 'Content-Type: application/json' -X POST "$API/domains/$DOMAIN/what-if" -d "$BODY"
}
read -r code first < <(call)
[ "$code" = 200 ] || die "what-if answered HTTP $code: $(head -c 300 "$OUT/answer.json")"
say "warm-up call: $first s; answer: $(head -c 400 "$OUT/answer.json")"
LOAD_BEFORE=$(uptime | sed 's/.*load average: //')
: >"$OUT/times"
for _ in $(seq "$RUNS"); do
  read -r code secs < <(call)
  [ "$code" = 200 ] || die "what-if answered HTTP $code: $(head -c 300 "$OUT/answer.json")"
  echo "$secs" >>"$OUT/times"
done
LOAD_AFTER=$(uptime | sed 's/.*load average: //')
median=$(sort -n "$OUT/times" | awk '{ t[NR] = $1 } END { print t[int((NR + 1) / 2)] }')
verdict=$(awk -v m="$median" -v t="$TARGET_S" 'BEGIN { print (m < t ? "PASS" : "FAIL") }')
{
  echo "what-if on $ROWS log rows of one domain (30 days), MariaDB, buffer pool $DB_BUFFER_POOL"
  echo "calls (s): $(tr '\n' ' ' <"$OUT/times")"
  echo "median of $RUNS: $median s (target < $TARGET_S s: $verdict); warm-up call $first s"
  echo "load average before: $LOAD_BEFORE; after: $LOAD_AFTER"
  echo "commit $(git -C "$ROOT" rev-parse --short HEAD)"
} | tee "$RESULT"
