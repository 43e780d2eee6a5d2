#!/usr/bin/env bash
# IMAP folder benchmark: how long a mail client waits to open a quarantine folder of 10,000
# messages and to fetch every message's envelope, as a client's first sync of a folder does.
#
#   bench/imap-folder.sh
#
# Starts one smtp-sink (the domain's route; nothing reaches it), a private MariaDB and a private
# FilterMX. Adds the domain bench.test with a domain password and a policy that holds spam, then
# gets MESSAGES messages held by sending the GTUBE test string to it with Python's smtplib
# (SESSIONS connections), and waits until the domain's IMAP INBOX holds them all. Then ROUNDS
# times, each in a new session with Python's imaplib over STARTTLS: LOGIN, SELECT INBOX, and
# UID FETCH 1:* (UID FLAGS RFC822.SIZE ENVELOPE), each timed. Everything it starts is stopped on
# exit. See bench/README.md.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="$ROOT/bench/target/imap-folder"
BENCH_NAME=imap-folder

MESSAGES="${MESSAGES:-10000}"           # messages held in the folder
ROUNDS="${ROUNDS:-3}"                   # timed opens of the folder, one session each
SESSIONS="${SESSIONS:-10}"              # parallel SMTP sessions while filling the folder
SINK_PORT="${BENCH_SINK_PORT:-46127}"
SMTP_PORT="${BENCH_SMTP_PORT:-46125}"
HTTP_PORT="${BENCH_HTTP_PORT:-46181}"
MANAGEMENT_PORT="${BENCH_MANAGEMENT_PORT:-46191}"
DB_PORT="${BENCH_DB_PORT:-46317}"
FILL_TIMEOUT="${BENCH_FILL_TIMEOUT:-1800}"   # seconds for the folder to fill
DOMAIN=bench.test

usage() { sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; }
for arg in "$@"; do
  case "$arg" in
    -h|--help) usage; exit 0 ;;
    *) echo "imap-folder: unknown argument $arg" >&2; usage >&2; exit 2 ;;
  esac
done

# shellcheck source=bench/lib/common.sh
. "$ROOT/bench/lib/common.sh"
check_numbers MESSAGES ROUNDS SESSIONS SINK_PORT SMTP_PORT HTTP_PORT MANAGEMENT_PORT DB_PORT FILL_TIMEOUT
[ "$SESSIONS" -le 10 ] || die "SESSIONS=$SESSIONS: FilterMX allows 10 concurrent connections per client IP"
[ "$MESSAGES" -ge 1 ] || die "MESSAGES must be at least 1"
need_tools smtp-sink mariadbd python3

cleanup() {
  local rc=$?
  set +e
  trap - EXIT INT TERM
  bench_cleanup
  [ "$rc" -eq 0 ] || say "failed; logs: $OUT/data/server/log/server.log, $OUT/fill.out, $OUT/rounds.out, $OUT/sink.err" >&2
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

gateway_env
IMAP_PORT=$FILTERMX_IMAP_PORT
prepare_run "$SINK_PORT" "$SMTP_PORT" "$HTTP_PORT" "$MANAGEMENT_PORT" "$DB_PORT" "$IMAP_PORT"
rm -f "$OUT"/fill.out "$OUT"/rounds.out "$OUT"/result.txt

start_sink
start_mariadb
start_gateway
add_domain "$DOMAIN"
api_ok() {   # api_ok EXPECTED_STATUS ARGS...: an API call that must answer EXPECTED_STATUS
  local expected=$1 status; shift
  status=$(api -o "$OUT/api.json" -w '%{http_code}' "$@" || true)
  [ "$status" = "$expected" ] || die "API $* answered $status: $(cat "$OUT/api.json")"
}
DOMAIN_PASSWORD="bench-$(od -An -N9 -tx1 /dev/urandom | tr -d ' \n')"
api_ok 200 -X PUT "$API/domains/$DOMAIN/filter-policy" -d '{"quarantineThreshold":5.0,"rejectThreshold":5000.0}'
api_ok 200 -X PUT "$API/domains/$DOMAIN/settings" -d "{\"password\":\"$DOMAIN_PASSWORD\"}"

# The IMAP client side, shared by the fill wait and the timed rounds.
IMAP_CLIENT='
import imaplib, ssl, sys, time
def session(port, user, password):
    context = ssl.create_default_context(); context.check_hostname = False; context.verify_mode = ssl.CERT_NONE
    t0 = time.perf_counter()
    imap = imaplib.IMAP4("127.0.0.1", port, timeout=600)
    imap.starttls(ssl_context=context)
    imap.login(user, password)
    return imap, time.perf_counter() - t0
'

say "holding $MESSAGES messages for $DOMAIN (GTUBE, $SESSIONS SMTP sessions)"
fill_start=$(now)
python3 - "$SMTP_PORT" "$MESSAGES" "$SESSIONS" "$DOMAIN" >"$OUT/fill.out" 2>&1 <<'PY' \
  || { cat "$OUT/fill.out" >&2; die "sending the messages failed"; }
import smtplib, sys, threading
port, count, sessions, domain = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
gtube = "XJS*C4JDBQADN1.NSBN3*2IDNEN*GTUBE-STANDARD-ANTI-UBE-TEST-EMAIL*C.34X"
lock = threading.Lock(); left = [count]; errors = []
def message(n):
    return ("From: Offers <offers%d@sender.example>\r\nTo: user%d@%s\r\nSubject: Special offer number %d for you\r\n"
            "Date: Fri, 27 Nov 2026 10:00:00 +0000\r\nMessage-ID: <bench-%d@sender.example>\r\nMIME-Version: 1.0\r\n"
            "Content-Type: text/plain; charset=us-ascii\r\n\r\n%s\r\n" % (n % 97, n % 50, domain, n, n, gtube)
            + "Only today: the best offers for you and your family.\r\n" * 20)
def worker():
    try:
        with smtplib.SMTP("127.0.0.1", port, timeout=120) as s:
            s.ehlo("bench-client.test")
            while True:
                with lock:
                    if left[0] == 0: return
                    left[0] -= 1; n = left[0]
                s.sendmail("offers%d@sender.example" % (n % 97), ["user%d@%s" % (n % 50, domain)], message(n))
    except Exception as e:
        errors.append(repr(e))
threads = [threading.Thread(target=worker) for _ in range(min(sessions, count))]
[t.start() for t in threads]; [t.join() for t in threads]
if errors: print("\n".join(errors)); sys.exit(1)
PY
sent_s=$(elapsed "$fill_start" "$(now)")
say "sent $MESSAGES in ${sent_s}s; waiting until the IMAP INBOX holds them all"
python3 - "$IMAP_PORT" "$DOMAIN" "$DOMAIN_PASSWORD" "$MESSAGES" "$FILL_TIMEOUT" >>"$OUT/fill.out" 2>&1 <<PY \
  || { cat "$OUT/fill.out" >&2; die "the folder did not fill"; }
$IMAP_CLIENT
port, user, password, count, timeout = int(sys.argv[1]), sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
deadline = time.time() + timeout
held = 0
while time.time() < deadline:
    imap, _ = session(port, user, password)
    typ, data = imap.status("INBOX", "(MESSAGES)")
    imap.logout()
    held = int(data[0].decode().split("MESSAGES ")[1].split(")")[0])
    if held >= count:
        print("held", held); sys.exit(0)
    time.sleep(2)
print("only", held, "of", count, "held after", timeout, "s"); sys.exit(1)
PY
held_s=$(elapsed "$fill_start" "$(now)")
say "$MESSAGES held after ${held_s}s"

load_sampler_start
python3 - "$IMAP_PORT" "$DOMAIN" "$DOMAIN_PASSWORD" "$MESSAGES" "$ROUNDS" >"$OUT/rounds.out" 2>&1 <<PY \
  || { cat "$OUT/rounds.out" >&2; die "an IMAP round failed"; }
$IMAP_CLIENT
port, user, password, count, rounds = int(sys.argv[1]), sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
for r in range(1, rounds + 1):
    imap, login_s = session(port, user, password)
    t0 = time.perf_counter()
    typ, data = imap.select("INBOX")
    select_s = time.perf_counter() - t0
    exists = int(data[0])
    t0 = time.perf_counter()
    typ, data = imap.uid("FETCH", "1:*", "(UID FLAGS RFC822.SIZE ENVELOPE)")
    fetch_s = time.perf_counter() - t0
    responses = [d for d in data if d is not None]
    octets = sum(len(p) for d in responses for p in (d if isinstance(d, tuple) else (d,)))
    fetched = sum(1 for d in responses if (d[0] if isinstance(d, tuple) else d).find(b"ENVELOPE (") >= 0)
    imap.logout()
    if typ != "OK" or exists < count or fetched < count:
        print("round", r, "failed:", typ, "exists", exists, "envelopes", fetched); sys.exit(1)
    print("ROUND %d %.3f %.3f %.3f %d %d %d" % (r, login_s, select_s, fetch_s, exists, fetched, octets))
PY
load_sampler_stop

LOGINS="" SELECTS="" FETCHES="" OPENS="" ROWS=""
while read -r _ r login_s select_s fetch_s exists fetched octets; do
  open_s=$(awk -v a="$select_s" -v b="$fetch_s" 'BEGIN { printf "%.3f", a + b }')
  LOGINS="$LOGINS $login_s" SELECTS="$SELECTS $select_s" FETCHES="$FETCHES $fetch_s" OPENS="$OPENS $open_s"
  ROWS="$ROWS$(printf '  round %-2s                 : SELECT %7.3f s   UID FETCH 1:* %7.3f s   together %7.3f s   (login %.3f s; %s messages, %s envelopes, %s octets)' \
    "$r" "$select_s" "$fetch_s" "$open_s" "$login_s" "$exists" "$fetched" "$octets")"$'\n'
done < <(grep '^ROUND ' "$OUT/rounds.out")
{
  echo "FilterMX IMAP folder benchmark, $(date -u +%Y-%m-%dT%H:%M:%SZ), $(commit_line)"
  echo "  folder                   : INBOX of the domain login $DOMAIN, $MESSAGES held messages (GTUBE, about 1.6 KB each)"
  echo "  filled                   : $MESSAGES sent in ${sent_s}s over $SESSIONS SMTP sessions, all held after ${held_s}s"
  echo "  client                   : Python imaplib over STARTTLS, a new session per round; SELECT INBOX, then UID FETCH 1:* (UID FLAGS RFC822.SIZE ENVELOPE)"
  printf '%s' "$ROWS"
  echo "  median                   : SELECT $(median "$SELECTS") s, UID FETCH $(median "$FETCHES") s, open and fetch every envelope $(median "$OPENS") s"
  echo "  load during the rounds   : $(load_summary)"
  echo "  machine                  : $(machine_line)"
} | tee "$OUT/result.txt"
say "result saved in $OUT/result.txt"
