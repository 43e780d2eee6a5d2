#!/usr/bin/env bash
# FilterMX log search at scale: seeds ROWS message-log rows into a private MariaDB, then times the
# common searches through the REST API and the batched log purge.
#
#   bench/logsearch/run.sh                 # 5,000,000 rows, 200 queries per search type
#   REUSE=1 bench/logsearch/run.sh         # keep the rows seeded by an earlier run; measure only
#   ROWS=500000 QUERIES=100 bench/logsearch/run.sh
#
# Starts a private MariaDB (bench/target/logsearch/mariadb, port 23307) and a private FilterMX on
# it (SMTP 23525, HTTP 23080, management 23990) so that the schema migrations run, loads the rows
# with LOAD DATA, adds the domains through the API, and reports p50/p95/p99/max per search type
# against the target p95 < 300 ms. Everything it starts is stopped on exit; data and results stay
# in bench/target/logsearch. See bench/README.md, "Log search benchmark".
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
HERE="$ROOT/bench/logsearch"
OUT="$ROOT/bench/target/logsearch"

ROWS="${ROWS:-5000000}"              # message_log rows to seed
DAYS="${DAYS:-30}"                   # the rows span this many days, ending at seeding time
QUERIES="${QUERIES:-200}"            # measured queries per search type
WARMUP="${WARMUP:-30}"               # unmeasured queries per search type before measuring
REUSE="${REUSE:-0}"                  # 1 = keep the rows of an earlier run if they are all there
PURGE="${PURGE:-1}"                  # 0 = skip the purge measurement
TARGET_MS="${TARGET_MS:-300}"        # p95 target per search type
# The private MariaDB starts with the test suite's 256 MB buffer pool; a 5-million-row log is
# several GB, and an operator would size the pool for it. Raised at runtime (SET GLOBAL).
DB_BUFFER_POOL="${DB_BUFFER_POOL:-2G}"
DB_PORT="${BENCH_DB_PORT:-23307}"
SMTP_PORT="${BENCH_SMTP_PORT:-23525}"
HTTP_PORT="${BENCH_HTTP_PORT:-23080}"
MANAGEMENT_PORT="${BENCH_MANAGEMENT_PORT:-23990}"

DB_DIR="$OUT/mariadb"
GEN_DIR="$OUT/gen"
QUERY_DIR="$OUT/queries"
RESULT="$OUT/result.txt"
CREDENTIALS="$OUT/credentials"      # admin and domain passwords, kept for REUSE=1 runs
SEEDED="$OUT/seeded"                # rows and time span of the seeded data

usage() { sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; }
case "${1:-}" in
  -h|--help) usage; exit 0 ;;
  "") ;;
  *) echo "logsearch: unknown argument $1" >&2; usage >&2; exit 2 ;;
esac

say() { printf 'logsearch: %s\n' "$*"; }
die() { printf 'logsearch: %s\n' "$*" >&2; exit 1; }

for name in ROWS DAYS QUERIES WARMUP TARGET_MS DB_PORT SMTP_PORT HTTP_PORT MANAGEMENT_PORT; do
  [[ "${!name}" =~ ^[0-9]+$ ]] || die "$name must be a whole number, not '${!name}'"
done
[ "$ROWS" -ge 10000 ] || die "ROWS must be at least 10000"
[ "$DAYS" -ge 9 ] || die "DAYS must be at least 9 (7-day windows plus the purged day)"
[ "$QUERIES" -ge 1 ] || die "QUERIES must be at least 1"

# --- tools -------------------------------------------------------------------------------------
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

# Root over the private server's socket: LOAD DATA, SET GLOBAL, sampling, purge.
sql() { mariadb --no-defaults --protocol=socket --socket="$DB_DIR/mysqld.sock" -uroot --batch --skip-column-names "$@"; }

# --- the FilterMX instance ---------------------------------------------------------------------
export FILTERMX_DATA="$OUT/data"
export FILTERMX_BIND=127.0.0.1
export FILTERMX_SMTP_PORT="$SMTP_PORT"
export FILTERMX_HTTP_PORT="$HTTP_PORT"
export FILTERMX_MANAGEMENT_PORT="$MANAGEMENT_PORT"
# Not listening yet, but kept off the defaults of a demo instance and of the test suite.
export FILTERMX_SUBMISSION_PORT=23587 FILTERMX_SUBMISSIONS_PORT=23465
export FILTERMX_IMAP_PORT=23143 FILTERMX_IMAPS_PORT=23993
export FILTERMX_NODE_NAME=logbench
export FILTERMX_DNS=127.0.0.1:15353   # loopback only: lookups fail fast, nothing leaves the machine
export FILTERMX_HOSTNAME=bench.filtermx.test
export FILTERMX_ENGINES=off   # no rspamd/clamd/spamd that happen to run here: built-in filter only
export FILTERMX_DB_URL="jdbc:mariadb://127.0.0.1:$DB_PORT/filtermx"
export FILTERMX_DB_USER=filtermx FILTERMX_DB_PASSWORD=filtermx   # as mariadb-private.sh creates them
# The seeded rows span DAYS days up to seeding time; the default 30-day retention would start
# purging them during a later REUSE=1 run and race the measurement. The purge is measured apart.
export FILTERMX_LOG_RETENTION=3650d
API="http://127.0.0.1:$HTTP_PORT/api/v1"

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

# Builds with "package", not the launcher's "install": the build then never replaces the
# snapshot artifacts in ~/.m2 that another checkout on this machine may be testing with.
build_if_needed() {
  local ear="$ROOT/ear/target/filtermx.ear"
  if [ ! -x "$ROOT/wildfly-config/target/server/bin/standalone.sh" ] || [ ! -f "$ear" ] || \
     [ -n "$(find "$ROOT"/smtp-connector "$ROOT"/ejb "$ROOT"/web "$ROOT"/ear "$ROOT"/wildfly-config \
              -path '*/target' -prune -o -type f -newer "$ear" -print -quit 2>/dev/null)" ]; then
    say "building FilterMX (mvn package, a few minutes)"
    (cd "$ROOT" && mvn -B -q -DskipTests package -pl wildfly-config -am) >"$OUT/build.log" 2>&1 || {
      tail -n 40 "$OUT/build.log" >&2; die "build failed; see $OUT/build.log"; }
  fi
}

start_database() {
  if port_in_use "$DB_PORT" && [ ! -f "$DB_DIR/mysqld.pid" ]; then
    die "port $DB_PORT is in use; set BENCH_DB_PORT"
  fi
  say "starting a private MariaDB on 127.0.0.1:$DB_PORT ($DB_DIR)"
  MARIADB_STARTED=1
  "$ROOT/scripts/mariadb-private.sh" start "$DB_DIR" "$DB_PORT"
  sql -e "SET GLOBAL innodb_buffer_pool_size = $(numfmt --from=iec "$DB_BUFFER_POOL")"
  # LOAD DATA LOCAL needs it on both sides (the client gets --local-infile=1 below).
  sql -e "SET GLOBAL local_infile = 1"
}

start_gateway() {
  "$ROOT/filtermx" stop >/dev/null 2>&1 || true   # a leftover of an interrupted run
  for port in "$SMTP_PORT" "$HTTP_PORT" "$MANAGEMENT_PORT"; do
    port_in_use "$port" && die "port $port on 127.0.0.1 is in use; stop what holds it or set BENCH_*_PORT"
  done
  say "starting FilterMX (HTTP $HTTP_PORT; the schema migrations run on start)"
  GATEWAY_STARTED=1
  "$ROOT/filtermx" start >"$OUT/start.log" 2>&1 || { cat "$OUT/start.log" >&2; die "FilterMX did not start"; }
}

random_secret() { od -An -N12 -tx1 /dev/urandom | tr -d ' \n'; }

# The admin password only takes effect when the first admin is created, so a REUSE=1 run must
# use the one of the run that created the database.
load_credentials() {
  if [ -f "$CREDENTIALS" ]; then
    # shellcheck source=/dev/null
    . "$CREDENTIALS"
  else
    ADMIN_PASSWORD="bench-$(random_secret)"
    DOMAIN_PASSWORD="domain-$(random_secret)"
    (umask 077; printf 'ADMIN_PASSWORD=%s\nDOMAIN_PASSWORD=%s\n' "$ADMIN_PASSWORD" "$DOMAIN_PASSWORD" >"$CREDENTIALS")
  fi
  export FILTERMX_ADMIN_PASSWORD="$ADMIN_PASSWORD"
}

api() { curl -sS -u "admin:$ADMIN_PASSWORD" -H 'Content-Type: application/json' "$@"; }

# --- seeding -------------------------------------------------------------------------------------
# True when an earlier run seeded ROWS rows into this database and they are all still there.
seeded_already() {
  [ -f "$SEEDED" ] && [ -f "$CREDENTIALS" ] || return 1
  local rows
  rows=$(sql filtermx -e "SELECT COUNT(*) FROM message_log" 2>/dev/null) || return 1
  [ "$rows" = "$ROWS" ] && grep -q "^ROWS=$ROWS\$" "$SEEDED"
}

seed() {
  local t0 t1 t2 t3 end_ms
  end_ms=$(date +%s%3N)
  rm -rf "$GEN_DIR"
  say "generating $ROWS rows over $DAYS days (java Gen.java)"
  t0=$(now)
  java -Xmx512m "$HERE/Gen.java" "$ROWS" "$GEN_DIR" "$end_ms" "$DAYS"
  t1=$(now)
  say "loading them (LOAD DATA LOCAL INFILE)"
  # The bench's own session and server settings for a bulk load, set back afterwards: no
  # per-row unique and foreign-key checks (the generator's ids agree by construction), a larger
  # redo log and no flush per commit. One LOAD DATA per empty table lets InnoDB bulk-load it.
  sql -e "SET GLOBAL innodb_flush_log_at_trx_commit = 2; SET GLOBAL innodb_log_file_size = 1073741824"
  sql --local-infile=1 filtermx <<SQL
SET unique_checks = 0, foreign_key_checks = 0;
LOAD DATA LOCAL INFILE '$GEN_DIR/message_log.tsv' INTO TABLE message_log CHARACTER SET utf8mb4
  FIELDS TERMINATED BY '\t' LINES TERMINATED BY '\n'
  (id, queue_id, message_id, direction, domain, client_ip, helo, sender, recipients, subject, size_bytes,
   status, reason, score, verdict, verdict_reasons, received_at, updated_at);
LOAD DATA LOCAL INFILE '$GEN_DIR/log_recipient.tsv' INTO TABLE log_recipient CHARACTER SET utf8mb4
  FIELDS TERMINATED BY '\t' LINES TERMINATED BY '\n' (address, received_at, log_id);
LOAD DATA LOCAL INFILE '$GEN_DIR/message_event.tsv' INTO TABLE message_event CHARACTER SET utf8mb4
  FIELDS TERMINATED BY '\t' LINES TERMINATED BY '\n' (id, log_id, occurred_at, status, remote, detail);
SQL
  t2=$(now)
  sql -e "SET GLOBAL innodb_flush_log_at_trx_commit = 1"   # as mariadb-private.sh and production
  sql filtermx -e "ANALYZE TABLE message_log, log_recipient, message_event" >/dev/null
  t3=$(now)
  cp "$GEN_DIR/domains.tsv" "$OUT/domains.tsv"
  rm -rf "$GEN_DIR"   # several GB of TSV
  SEED_SUMMARY="generate $(elapsed "$t0" "$t1") s, load $(elapsed "$t1" "$t2") s, analyze $(elapsed "$t2" "$t3") s, total $(elapsed "$t0" "$t3") s"
  printf 'ROWS=%s\nDAYS=%s\nEND_MS=%s\nSEED_SUMMARY="%s"\n' "$ROWS" "$DAYS" "$end_ms" "$SEED_SUMMARY" >"$SEEDED"
  say "seeded in $SEED_SUMMARY"
}

# Every domain of the log is a hosted domain, as in a real deployment; the two domain logins are
# the biggest domain and the tenth biggest.
add_domains() {
  say "adding the $(wc -l <"$OUT/domains.tsv") domains through the API"
  cut -f2 "$OUT/domains.tsv" | xargs -P 4 -I{} curl -sS -o /dev/null -w '%{http_code}\n' \
      -u "admin:$ADMIN_PASSWORD" -H 'Content-Type: application/json' -X POST "$API/domains" \
      -d '{"name":"{}","destinations":[{"host":"127.0.0.1","port":2626}]}' >"$OUT/domains.status"
  grep -qv '^201$' "$OUT/domains.status" && die "adding domains failed: $(sort "$OUT/domains.status" | uniq -c | tr '\n' ' ')"
  local d status
  for d in "$LOGIN1" "$LOGIN2"; do
    status=$(api -o "$OUT/settings.json" -w '%{http_code}' -X PUT "$API/domains/$d/settings" \
      -d "{\"password\":\"$DOMAIN_PASSWORD\"}")
    [ "$status" = 200 ] || [ "$status" = 204 ] || die "setting the password of $d failed: HTTP $status $(cat "$OUT/settings.json")"
  done
}

# --- query parameters ----------------------------------------------------------------------------
iso() { date -u -d "@$1" +%Y-%m-%dT%H:%M:%SZ; }

# Draws the parameters from the seeded rows: random log ids, so that domains, senders and
# recipients come up as often as they carry mail (the big ones, with the most rows to wade
# through, most often). Writes one URL query string per line and search type.
make_queries() {
  local count=$((WARMUP + QUERIES)) max_id min_s max_s window=$((7 * 86400))
  rm -rf "$QUERY_DIR"; mkdir -p "$QUERY_DIR"
  # The stored times are UTC wall-clock values, hence the session time zone.
  read -r max_id min_s max_s < <(sql filtermx -e "SET time_zone = '+00:00';
    SELECT MAX(id), UNIX_TIMESTAMP(MIN(received_at)) DIV 1, UNIX_TIMESTAMP(MAX(received_at)) DIV 1 FROM message_log")
  local ids
  ids=$(awk -v n="$((2 * count))" -v max="$max_id" -v seed="$RANDOM" 'BEGIN { srand(seed); for (i = 0; i < n; i++) printf "%s%d", (i ? "," : ""), 1 + int(rand() * max) }')
  sql filtermx -e "SELECT m.domain, m.sender, m.message_id,
        (SELECT r.address FROM log_recipient r WHERE r.log_id = m.id ORDER BY r.address LIMIT 1)
      FROM message_log m WHERE m.id IN ($ids) ORDER BY RAND() LIMIT $count" >"$QUERY_DIR/sample.tsv"
  # Random 7-day windows inside the seeded span, one per query.
  awk -v n="$count" -v lo="$min_s" -v hi="$((max_s - window))" -v seed="$RANDOM" \
    'BEGIN { srand(seed); for (i = 0; i < n; i++) print int(lo + rand() * (hi - lo)) }' >"$QUERY_DIR/starts"
  local i=0 domain sender mid rcpt since until start
  while IFS=$'\t' read -r domain sender mid rcpt && read -r start <&3; do
    since=$(iso "$start"); until=$(iso "$((start + window))")
    printf 'domain=%s&since=%s&until=%s\n' "$domain" "$since" "$until" >>"$QUERY_DIR/domain_range"
    printf 'domain=%s&since=%s&until=%s&status=QUARANTINED\n' "$domain" "$since" "$until" >>"$QUERY_DIR/domain_range_quarantined"
    printf 'recipient=%s\n' "$rcpt" >>"$QUERY_DIR/recipient"
    printf 'sender=%s\n' "$sender" >>"$QUERY_DIR/sender"
    printf 'messageId=%s\n' "$mid" >>"$QUERY_DIR/message_id"
    i=$((i + 1))
  done <"$QUERY_DIR/sample.tsv" 3<"$QUERY_DIR/starts"
  [ "$i" -ge "$count" ] || die "drew only $i of $count samples"
  # The two domain logins search their own domain (no domain parameter), each with its own
  # warm-up; together QUERIES measured queries, alternating between the two.
  awk -v n="$((2 * WARMUP + QUERIES))" -v lo="$min_s" -v hi="$((max_s - window))" -v seed="$RANDOM" \
    'BEGIN { srand(seed); for (i = 0; i < n; i++) print int(lo + rand() * (hi - lo)) }' >"$QUERY_DIR/login_starts"
  : >"$QUERY_DIR/login1"; : >"$QUERY_DIR/login2"
  i=0
  while read -r start; do
    since=$(iso "$start"); until=$(iso "$((start + window))")
    printf 'since=%s&until=%s\n' "$since" "$until" >>"$QUERY_DIR/login$((i % 2 + 1))"
    i=$((i + 1))
  done <"$QUERY_DIR/login_starts"
}

# --- measuring -----------------------------------------------------------------------------------
# run_queries NAME USER PASSWORD FILE: one curl per line of FILE (GET /log?LINE&limit=100); the
# first WARMUP lines are warm-up. Writes "seconds rows last_id query" per query to
# $QUERY_DIR/NAME.times (the warm-up ones to NAME.warmup); an HTTP status other than 200 fails
# the run.
run_queries() {
  local name=$1 user=$2 password=$3 file=$4 n=0 line code secs rows last
  local out
  : >"$QUERY_DIR/$name.warmup"; : >"$QUERY_DIR/$name.times"
  while IFS= read -r line; do
    read -r code secs < <(curl -sS -o "$QUERY_DIR/body.json" -w '%{http_code} %{time_total}\n' \
      -u "$user:$password" "$API/log?$line&limit=100")
    [ "$code" = 200 ] || die "$name: HTTP $code for /log?$line: $(head -c 300 "$QUERY_DIR/body.json")"
    n=$((n + 1))
    out="$QUERY_DIR/$name.times"
    [ "$n" -gt "$WARMUP" ] || out="$QUERY_DIR/$name.warmup"
    rows=$(grep -oE '"id": *[0-9]+' "$QUERY_DIR/body.json" | wc -l || true)   # 0 rows: grep fails
    last=$(grep -oE '"id": *[0-9]+' "$QUERY_DIR/body.json" | tail -n 1 | grep -oE '[0-9]+$' || true)
    printf '%s %s %s %s\n' "$secs" "$rows" "${last:-0}" "$line" >>"$out"
  done <"$file"
}

# One result line: name, count, mean rows per page, p50 p95 p99 max (ms, nearest rank), PASS/FAIL.
summarize() {
  local name=$1 label=$2
  sort -n -k1,1 "$QUERY_DIR/$name.times" | awk -v name="$label" -v target="$TARGET_MS" '
    { t[NR] = $1 * 1000; rows += $2 }
    function pct(p,   k) { k = int(p * NR + 0.999999); if (k < 1) k = 1; return t[k] }
    END {
      p95 = pct(0.95)
      printf "%-42s %5d %6.1f %8.1f %8.1f %8.1f %8.1f  %s\n", name, NR, rows / NR, pct(0.50), p95,
             pct(0.99), t[NR], (p95 < target ? "PASS" : "FAIL")
    }'
}

measure() {
  say "measuring: $QUERIES queries per search type after $WARMUP warm-up queries (curl per query)"
  LOAD_BEFORE=$(uptime | sed 's/.*load average: //')
  run_queries domain_range admin "$ADMIN_PASSWORD" "$QUERY_DIR/domain_range"
  # Page 2 of each full first page of (a): the same query with before=<its last id>, run right
  # after (a) so that no other series has read its rows yet (e reads the same windows); the
  # warm-up is page 2 of (a)'s warm-up queries.
  { awk '$2 == 100 { print $4 "&before=" $3 }' "$QUERY_DIR/domain_range.warmup" | head -n "$WARMUP"
    awk '$2 == 100 { print $4 "&before=" $3 }' "$QUERY_DIR/domain_range.times"; } >"$QUERY_DIR/page2"
  [ "$(wc -l <"$QUERY_DIR/page2")" -gt "$WARMUP" ] || die "too few full first pages for page 2"
  run_queries page2 admin "$ADMIN_PASSWORD" "$QUERY_DIR/page2"
  run_queries login1 "$LOGIN1" "$DOMAIN_PASSWORD" "$QUERY_DIR/login1"
  run_queries login2 "$LOGIN2" "$DOMAIN_PASSWORD" "$QUERY_DIR/login2"
  cat "$QUERY_DIR/login1.times" "$QUERY_DIR/login2.times" >"$QUERY_DIR/login_range.times"
  run_queries recipient admin "$ADMIN_PASSWORD" "$QUERY_DIR/recipient"
  run_queries sender admin "$ADMIN_PASSWORD" "$QUERY_DIR/sender"
  run_queries message_id admin "$ADMIN_PASSWORD" "$QUERY_DIR/message_id"
  run_queries domain_range_quarantined admin "$ADMIN_PASSWORD" "$QUERY_DIR/domain_range_quarantined"
  LOAD_AFTER=$(uptime | sed 's/.*load average: //')
}

# --- purge -----------------------------------------------------------------------------------------
# The batches of JpaMessageLogRepository.purge, statement for statement, in a stored procedure
# (one client round trip for the whole run, so the figure is the database's work): select up to
# 500 ids older than the cutoff that no quarantined or spooled message refers to, oldest first,
# then delete their events, their recipients and the entries by literal id lists, one
# transaction per batch, committed with innodb_flush_log_at_trx_commit = 1. The oldest day is
# copied aside first and put back afterwards so that REUSE=1 finds all rows again.
measure_purge() {
  local cutoff t0 t1 result
  cutoff=$(sql filtermx -e "SELECT MIN(received_at) + INTERVAL 1 DAY FROM message_log")
  say "purge: saving the rows received before $cutoff (the oldest day)"
  sql <<SQL
CREATE DATABASE IF NOT EXISTS logbench;
DROP TABLE IF EXISTS logbench.saved_log, logbench.saved_recipient, logbench.saved_event;
CREATE TABLE logbench.saved_log AS SELECT * FROM filtermx.message_log WHERE received_at < '$cutoff';
CREATE TABLE logbench.saved_recipient AS SELECT r.* FROM filtermx.log_recipient r JOIN logbench.saved_log s ON s.id = r.log_id;
CREATE TABLE logbench.saved_event AS SELECT e.* FROM filtermx.message_event e JOIN logbench.saved_log s ON s.id = e.log_id;
DROP PROCEDURE IF EXISTS logbench.purge_log;
DELIMITER //
CREATE PROCEDURE logbench.purge_log(IN cutoff DATETIME(3), IN batch INT, OUT purged BIGINT, OUT batches INT)
BEGIN
  DECLARE ids TEXT;
  SET purged = 0, batches = 0;
  SET SESSION group_concat_max_len = 1048576;
  batches_loop: LOOP
    START TRANSACTION;
    SELECT GROUP_CONCAT(id ORDER BY received_at, id) INTO ids FROM (
      SELECT m.id, m.received_at FROM filtermx.message_log m WHERE m.received_at < cutoff
        AND NOT EXISTS (SELECT 1 FROM filtermx.quarantine_message q WHERE q.log_id = m.id)
        AND NOT EXISTS (SELECT 1 FROM filtermx.spool_message s WHERE s.log_id = m.id)
        ORDER BY m.received_at, m.id LIMIT batch) b;
    IF ids IS NULL THEN
      COMMIT;
      LEAVE batches_loop;
    END IF;
    SET @stmt = CONCAT('DELETE FROM filtermx.message_event WHERE log_id IN (', ids, ')');
    PREPARE s FROM @stmt; EXECUTE s; DEALLOCATE PREPARE s;
    SET @stmt = CONCAT('DELETE FROM filtermx.log_recipient WHERE log_id IN (', ids, ')');
    PREPARE s FROM @stmt; EXECUTE s; DEALLOCATE PREPARE s;
    SET @stmt = CONCAT('DELETE FROM filtermx.message_log WHERE id IN (', ids, ')');
    PREPARE s FROM @stmt; EXECUTE s; SET purged = purged + ROW_COUNT(); DEALLOCATE PREPARE s;
    COMMIT;
    SET batches = batches + 1;
  END LOOP;
END//
DELIMITER ;
SQL
  local saved_rows saved_rcpt saved_events
  read -r saved_rows saved_rcpt saved_events < <(sql -e "SELECT (SELECT COUNT(*) FROM logbench.saved_log),
      (SELECT COUNT(*) FROM logbench.saved_recipient), (SELECT COUNT(*) FROM logbench.saved_event)")
  say "purge: deleting $saved_rows entries ($saved_rcpt recipients, $saved_events events) in batches of 500"
  t0=$(now)
  result=$(sql -e "CALL logbench.purge_log('$cutoff', 500, @purged, @batches); SELECT @purged, @batches")
  t1=$(now)
  local purged batches secs
  read -r purged batches <<<"$result"
  secs=$(elapsed "$t0" "$t1")
  PURGE_SUMMARY="$purged entries (+ $saved_rcpt recipients, $saved_events events) in $batches batches of 500: ${secs} s, $(awk -v n="$purged" -v t="$secs" 'BEGIN { printf "%.0f", n / t }') entries/s"
  say "purge: $PURGE_SUMMARY"
  say "purge: putting the rows back"
  sql <<'SQL'
SET foreign_key_checks = 0;
INSERT INTO filtermx.message_log SELECT * FROM logbench.saved_log;
INSERT INTO filtermx.log_recipient SELECT * FROM logbench.saved_recipient;
INSERT INTO filtermx.message_event SELECT * FROM logbench.saved_event;
DROP DATABASE logbench;
SQL
}

# --- main ------------------------------------------------------------------------------------------
mkdir -p "$OUT"
build_if_needed
if [ "$REUSE" != 1 ]; then
  "$ROOT/filtermx" stop >/dev/null 2>&1 || true
  "$ROOT/scripts/mariadb-private.sh" stop "$DB_DIR" "$DB_PORT" >/dev/null 2>&1 || true
  rm -rf "$DB_DIR" "$FILTERMX_DATA" "$CREDENTIALS" "$SEEDED" "$OUT/domains.tsv"
fi
start_database
if [ "$REUSE" = 1 ] && ! seeded_already; then
  say "REUSE=1 but the database does not hold the $ROWS seeded rows; seeding afresh"
  "$ROOT/scripts/mariadb-private.sh" reset "$DB_DIR" "$DB_PORT"
  rm -rf "$FILTERMX_DATA" "$CREDENTIALS" "$SEEDED" "$OUT/domains.tsv"
  REUSE=0
fi
load_credentials
start_gateway
if [ "$REUSE" = 1 ]; then
  # shellcheck source=/dev/null
  . "$SEEDED"
  say "reusing the $ROWS rows seeded earlier (seeding took: $SEED_SUMMARY)"
else
  seed
fi
LOGIN1=$(sed -n 1p "$OUT/domains.tsv" | cut -f2)
LOGIN2=$(sed -n 10p "$OUT/domains.tsv" | cut -f2)
[ "$REUSE" = 1 ] || add_domains

make_queries
measure
PURGE_SUMMARY="not measured (PURGE=0)"
[ "$PURGE" = 1 ] && measure_purge

{
  echo "FilterMX log search, $(date -u +%Y-%m-%dT%H:%M:%SZ), commit $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)$(git -C "$ROOT" diff --quiet HEAD 2>/dev/null || echo ' with local changes')"
  echo "  rows: $ROWS message_log, $(sql filtermx -e "SELECT COUNT(*) FROM log_recipient") log_recipient, $(sql filtermx -e "SELECT COUNT(*) FROM message_event") message_event over $DAYS days"
  echo "  seeding: $SEED_SUMMARY"
  echo "  machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.1f GB", $2 / 1048576 }' /proc/meminfo), MariaDB buffer pool $DB_BUFFER_POOL"
  echo "  load average before / after the searches: $LOAD_BEFORE / $LOAD_AFTER"
  echo "  domain logins: $LOGIN1 (biggest domain), $LOGIN2 (10th)"
  echo "  times: curl's time_total per request (includes connection set-up), limit=100, ms"
  printf '%-42s %5s %6s %8s %8s %8s %8s  %s\n' "search" "n" "rows" "p50" "p95" "p99" "max" "p95<${TARGET_MS}ms"
  summarize domain_range "(a) domain + 7 days, admin"
  summarize login_range "(a) 7 days, domain login"
  summarize recipient "(b) recipient"
  summarize sender "(c) sender"
  summarize message_id "(d) message-id"
  summarize domain_range_quarantined "(e) domain + 7 days + QUARANTINED"
  summarize page2 "(f) page 2 of (a) via before="
  echo "  purge: $PURGE_SUMMARY"
} | tee "$RESULT"
say "result saved in $RESULT; the queries and their times in $QUERY_DIR"
