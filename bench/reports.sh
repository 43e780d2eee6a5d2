#!/usr/bin/env bash
# Report run benchmark: one due run over USERS email users with HELD held messages each.
#
#   bench/reports.sh
#   USERS=2000 HELD=5 FORMAT=pdf bench/reports.sh
#
# Starts one smtp-sink and a private FilterMX instance on a private MariaDB, adds bench.test
# (routed to the sink), seeds USERS daily report users and USERS x HELD held spam messages
# received yesterday (UTC) straight into the database (INSERT ... SELECT from MariaDB's sequence
# tables, seconds instead of hours of SMTP), then starts the due run with POST /reports/runs.
# Measures reports rendered and handed to the spool per second (sent records written), the time
# until the last report reached the sink, and, all the while, an SMTP probe (EHLO, MAIL, RCPT,
# DATA of a small message to a second domain, QUIT; every second) to show the relay still
# answers. Target: USERS=10000 HELD=20 in under 10 minutes on 2 cores. Everything it starts is
# stopped on exit.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="$ROOT/bench/target/reports"
BENCH_NAME=reports

USERS="${USERS:-10000}"                 # email users with a daily report
HELD="${HELD:-20}"                      # held messages per user, received yesterday
FORMAT="${FORMAT:-html}"                # the users' report format: html or pdf
SINK_PORT="${BENCH_SINK_PORT:-46027}"
SMTP_PORT="${BENCH_SMTP_PORT:-46025}"
HTTP_PORT="${BENCH_HTTP_PORT:-46081}"
MANAGEMENT_PORT="${BENCH_MANAGEMENT_PORT:-46091}"
DB_PORT="${BENCH_DB_PORT:-46307}"
RUN_TIMEOUT="${BENCH_RUN_TIMEOUT:-1800}"
DOMAIN=bench.test
PROBE_DOMAIN=probe.test
PROBE_RCPT="probe@$PROBE_DOMAIN"
DEAD_PORT="${BENCH_DEAD_PORT:-46029}"   # nothing listens: the probes stay queued, apart from the reports

usage() { sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'; }
for arg in "$@"; do
  case "$arg" in
    -h|--help) usage; exit 0 ;;
    *) echo "reports: unknown argument $arg" >&2; usage >&2; exit 2 ;;
  esac
done

# shellcheck source=bench/lib/common.sh
. "$ROOT/bench/lib/common.sh"

check_numbers USERS HELD DEAD_PORT SINK_PORT SMTP_PORT HTTP_PORT MANAGEMENT_PORT DB_PORT RUN_TIMEOUT
[ "$USERS" -ge 1 ] || die "USERS must be at least 1"
case "$FORMAT" in html|pdf) ;; *) die "FORMAT must be html or pdf" ;; esac
need_tools smtp-sink mariadbd
command -v python3 >/dev/null || die "python3 is required (the SMTP probe)"

RESULT="$OUT/result.txt"
PROBE_PID=""

cleanup() {
  local rc=$?
  set +e
  trap - EXIT INT TERM
  [ -n "$PROBE_PID" ] && kill "$PROBE_PID" 2>/dev/null
  bench_cleanup
  [ "$rc" -eq 0 ] || say "failed; logs: $OUT/data/server/log/server.log, $OUT/sink.err, $OUT/probe.txt" >&2
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

gateway_env
prepare_run "$SINK_PORT" "$SMTP_PORT" "$HTTP_PORT" "$MANAGEMENT_PORT" "$DB_PORT"
rm -f "$OUT"/probe.txt "$RESULT"

# Root over the private server's socket.
sql() { mariadb --no-defaults --protocol=socket --socket="$OUT/mariadb/mysqld.sock" -uroot --batch --skip-column-names filtermx "$@"; }

start_sink
start_mariadb
start_gateway
add_domain "$DOMAIN"
# The probes' domain routes to a port where nothing listens, so that the sink counts reports only.
status=$(api -o "$OUT/probe-domain.json" -w '%{http_code}' -X POST "$API/domains" \
  -d "{\"name\":\"$PROBE_DOMAIN\",\"destinations\":[{\"host\":\"127.0.0.1\",\"port\":$DEAD_PORT}]}" || true)
[ "$status" = 201 ] || die "adding $PROBE_DOMAIN failed with HTTP $status: $(cat "$OUT/probe-domain.json")"

# The run every node makes after it starts (ReportSchedule) finds nobody yet; wait for it, so that
# it does not share the measured run's work.
for _ in $(seq 1 120); do
  grep -q "report run for .* done in" "$FILTERMX_DATA/server/log/server.log" 2>/dev/null && break
  sleep 1
done

# --- seeding -------------------------------------------------------------------------------------
# Message i (1..USERS*HELD) is for user ((i-1) mod USERS)+1, received yesterday between 02:00
# and 22:00 UTC (inside the day the daily run reports on, whatever the time zone of the run),
# held as spam: a log entry, its recipient row, the held copy and its recipient row, as the
# filter writes them. seq_1_to_N is MariaDB's Sequence engine.
say "seeding $USERS users and $((USERS * HELD)) held messages"
t_seed=$(now)
MESSAGES=$((USERS * HELD))
sql >/dev/null <<SQL
SET unique_checks = 0, foreign_key_checks = 0;
INSERT INTO email_user (address, domain_id, report_frequency, report_format, created_at)
  SELECT CONCAT('user', seq, '@$DOMAIN'), d.id, 'daily', '$FORMAT', UTC_TIMESTAMP(3) - INTERVAL 2 DAY
  FROM seq_1_to_$USERS JOIN domain d ON d.name = '$DOMAIN';
SET @day = CAST(UTC_DATE() - INTERVAL 1 DAY AS DATETIME);
SET @log = (SELECT COALESCE(MAX(id), 0) FROM message_log);
SET @held = (SELECT COALESCE(MAX(id), 0) FROM quarantine_message);
INSERT INTO message_log (id, queue_id, message_id, direction, domain, client_ip, helo, sender, recipients,
    subject, size_bytes, status, reason, score, verdict, verdict_reasons, received_at, updated_at)
  SELECT @log + seq, CONCAT('benchq', seq), CONCAT('bench-', seq, '@spam.example'), 'INBOUND', '$DOMAIN',
    '192.0.2.7', 'spam.example', CONCAT('offers', seq % 97, '@spam.example'),
    CONCAT('user', ((seq - 1) % $USERS) + 1, '@$DOMAIN'), CONCAT('Cheap offer number ', seq), 5120,
    'QUARANTINED', NULL, 9.5, 'QUARANTINE', 'BAYES_SPAM(5.0) URIBL(4.5)',
    @day + INTERVAL (7200 + seq % 72000) SECOND, @day + INTERVAL (7200 + seq % 72000) SECOND
  FROM seq_1_to_$MESSAGES;
INSERT INTO log_recipient (address, received_at, log_id)
  SELECT recipients, received_at, id FROM message_log WHERE id > @log;
INSERT INTO quarantine_message (id, queue_id, log_id, domain, direction, sender, recipients, subject, verdict,
    score, reasons, size_bytes, created_at, expires_at, released_at, content)
  SELECT @held + (id - @log), queue_id, id, domain, 'INBOUND', sender, recipients, subject, 'QUARANTINE',
    9.5, 'BAYES_SPAM(5.0) URIBL(4.5)', 5120, received_at, received_at + INTERVAL 30 DAY, NULL,
    CONCAT('From: ', sender, '\r\nTo: ', recipients, '\r\nSubject: ', subject, '\r\n\r\nBuy now.\r\n')
  FROM message_log WHERE id > @log;
INSERT INTO quarantine_recipient (address, quarantine_id, released_at)
  SELECT recipients, id, NULL FROM quarantine_message WHERE id > @held;
ANALYZE TABLE email_user, message_log, log_recipient, quarantine_message, quarantine_recipient;
SQL
t_seeded=$(now)
say "seeded in $(elapsed "$t_seed" "$t_seeded") s"

# --- the SMTP probe --------------------------------------------------------------------------------
# One small message a second through the relay while the run works; each line: epoch seconds,
# milliseconds for the whole conversation, the final reply code (or the error).
python3 - "$SMTP_PORT" "$PROBE_RCPT" "$OUT/probe.txt" <<'PY' &
import smtplib, sys, time
port, rcpt, out = int(sys.argv[1]), sys.argv[2], sys.argv[3]
msg = "From: probe@example.com\r\nTo: %s\r\nSubject: probe\r\n\r\nstill there?\r\n" % rcpt
with open(out, "a", buffering=1) as f:
    while True:
        t0 = time.monotonic()
        try:
            with smtplib.SMTP("127.0.0.1", port, timeout=60) as s:
                s.ehlo("probe.example.com")
                s.sendmail("probe@example.com", [rcpt], msg)
            code = "250"
        except Exception as e:
            code = type(e).__name__
        f.write("%.3f %.1f %s\n" % (time.time(), (time.monotonic() - t0) * 1000, code))
        time.sleep(max(0.0, 1.0 - (time.monotonic() - t0)))
PY
PROBE_PID=$!
sleep 5   # a few probes before the run, as the baseline

# --- the run ---------------------------------------------------------------------------------------
sent_count() { sql -e "SELECT COUNT(*) FROM report_sent WHERE subject LIKE '%@$DOMAIN'"; }
load_sampler_start
sink0=$(sink_count)
say "starting the due run (POST /reports/runs)"
t0=$(now)
status=$(api -o "$OUT/run.json" -w '%{http_code}' -X POST "$API/reports/runs" || true)
[ "$status" = 202 ] || die "POST /reports/runs answered $status: $(cat "$OUT/run.json")"
deadline=$((SECONDS + RUN_TIMEOUT))
last=0 last_t=$t0
while :; do
  n=$(sent_count)
  if [ "$n" -ne "$last" ]; then last=$n last_t=$(now); fi
  [ "$n" -ge "$USERS" ] && break
  [ $SECONDS -lt $deadline ] || die "only $n of $USERS reports recorded after ${RUN_TIMEOUT}s"
  sleep 1
done
t_spooled=$last_t
t_delivered=$(wait_for_sink $((sink0 + USERS)) "$RUN_TIMEOUT")
kill "$PROBE_PID" 2>/dev/null || true; wait "$PROBE_PID" 2>/dev/null || true; PROBE_PID=""
load_sampler_stop

spool_s=$(elapsed "$t0" "$t_spooled")
total_s=$(elapsed "$t0" "$t_delivered")
# Probe figures during the run only (from the run's start to the last report recorded).
probe_tried=$(awk -v a="$t0" -v b="$t_spooled" '$1 >= a && $1 <= b' "$OUT/probe.txt" | wc -l)
probe_stats=$(awk -v a="$t0" -v b="$t_spooled" '$1 >= a && $1 <= b && $3 == "250" { print $2 }' "$OUT/probe.txt" \
  | sort -g | awk -v n="$probe_tried" '{ v[NR] = $1 }
    END { if (!NR) { printf "no probe answered (%d tried)", n; exit }
          p90 = int(NR * 0.9); if (p90 < 1) p90 = 1
          printf "%d of %d answered 250; p50 %.0f ms, p90 %.0f ms, max %.0f ms", NR, n, v[int((NR + 1) / 2)], v[p90], v[NR] }')
failures=$(grep -c "failed and was not sent" "$FILTERMX_DATA/server/log/server.log" 2>/dev/null || true)

{
  echo "FilterMX report run, $(date -u +%Y-%m-%dT%H:%M:%SZ), $(commit_line)"
  echo "  subjects               : $USERS users of $DOMAIN, daily, $FORMAT; $HELD held messages each (seeded in $(elapsed "$t_seed" "$t_seeded") s)"
  echo "  rendered and spooled   : $USERS in $spool_s s: $(rate "$USERS" "$spool_s") reports/s"
  echo "  delivered to the sink  : all $USERS in $total_s s (target under 600 s: $(awk -v t="$total_s" 'BEGIN { print (t < 600) ? "met" : "NOT met" }'))"
  echo "  SMTP probe during run  : $probe_stats"
  echo "  reports failed (log)   : ${failures:-0}"
  echo "  load during the run    : $(load_summary)"
  echo "  machine                : $(machine_line)"
} | tee "$RESULT"
say "result saved in $RESULT"
