#!/usr/bin/env bash
# Outbound throughput: messages submitted on the submission port (587 role) and delivered by MX
# to the recipients' server, beside the inbound relay rate of the same instance.
#
#   bench/outbound.sh
#
# Starts one smtp-sink (the recipients' MX, reached through FILTERMX_MX_PORT), dnsmasq as the
# resolver (MX of remote.test -> 127.0.0.1), a private MariaDB and a private FilterMX. Adds the
# domain bench.test (route: the sink), an IP-based outgoing user for 127.0.0.1 and a password
# user. Then ROUNDS times: MESSAGES with smtp-source into the inbound port (bench.test), MESSAGES
# with smtp-source into the submission port as the IP-based user (smtp-source has no AUTH), and
# MESSAGES over STARTTLS + AUTH PLAIN with Python's smtplib as the password user. Each timed
# until the sink has them all. Everything it starts is stopped on exit. See bench/README.md.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="$ROOT/bench/target/outbound"
BENCH_NAME=outbound

MESSAGES="${MESSAGES:-2000}"            # messages per round and path
ROUNDS="${ROUNDS:-3}"
SESSIONS="${SESSIONS:-10}"              # parallel SMTP sessions
SIZE="${SIZE:-5120}"                    # payload bytes per message (smtp-source)
WARMUP="${WARMUP:-6000}"                # messages through each path before measuring
SINK_PORT="${BENCH_SINK_PORT:-46027}"
SMTP_PORT="${BENCH_SMTP_PORT:-46025}"
HTTP_PORT="${BENCH_HTTP_PORT:-46081}"
MANAGEMENT_PORT="${BENCH_MANAGEMENT_PORT:-46091}"
DB_PORT="${BENCH_DB_PORT:-46307}"
DNS_PORT="${BENCH_DNS_PORT:-46353}"
DRAIN_TIMEOUT="${BENCH_DRAIN_TIMEOUT:-600}"
DOMAIN=bench.test
REMOTE=remote.test

usage() { sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; }
for arg in "$@"; do
  case "$arg" in
    -h|--help) usage; exit 0 ;;
    *) echo "outbound: unknown argument $arg" >&2; usage >&2; exit 2 ;;
  esac
done

# shellcheck source=bench/lib/common.sh
. "$ROOT/bench/lib/common.sh"
check_numbers MESSAGES ROUNDS SESSIONS SIZE WARMUP SINK_PORT SMTP_PORT HTTP_PORT MANAGEMENT_PORT DB_PORT DNS_PORT DRAIN_TIMEOUT
[ "$SESSIONS" -le 10 ] || die "SESSIONS=$SESSIONS: FilterMX allows 10 concurrent connections per client IP"
need_tools smtp-source smtp-sink mariadbd dnsmasq python3
SMTP_SOURCE="$(tool smtp-source)"
DNS_PID=""

cleanup() {
  local rc=$?
  set +e
  trap - EXIT INT TERM
  [ -n "$DNS_PID" ] && kill "$DNS_PID" 2>/dev/null
  bench_cleanup
  [ "$rc" -eq 0 ] || say "failed; logs: $OUT/data/server/log/server.log, $OUT/source*.out, $OUT/sink.err, $OUT/dnsmasq.log" >&2
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

gateway_env
SUBMISSION_PORT=$FILTERMX_SUBMISSION_PORT
export FILTERMX_DNS="127.0.0.1:$DNS_PORT" FILTERMX_MX_PORT="$SINK_PORT"
prepare_run "$SINK_PORT" "$SMTP_PORT" "$HTTP_PORT" "$MANAGEMENT_PORT" "$DB_PORT" "$SUBMISSION_PORT"
rm -f "$OUT"/source*.out "$OUT"/result.txt

say "starting dnsmasq on 127.0.0.1:$DNS_PORT (MX of $REMOTE -> 127.0.0.1)"
dns_user=()
[ "$(id -u)" -eq 0 ] && dns_user=(--user=nobody)
"$(tool dnsmasq)" --keep-in-foreground --no-resolv --no-hosts --no-poll --bind-interfaces \
  --listen-address=127.0.0.1 --port="$DNS_PORT" "${dns_user[@]}" --pid-file= --local=/test/ \
  --mx-host="$REMOTE,mx.$REMOTE,10" --host-record="mx.$REMOTE,127.0.0.1" \
  --log-facility="$OUT/dnsmasq.log" &
DNS_PID=$!

start_sink
start_mariadb
start_gateway
add_domain "$DOMAIN"
api_ok() {   # api_ok EXPECTED_STATUS ARGS...: an API call that must answer EXPECTED_STATUS
  local expected=$1 status; shift
  status=$(api -o "$OUT/api.json" -w '%{http_code}' "$@" || true)
  [ "$status" = "$expected" ] || die "API $* answered $status: $(cat "$OUT/api.json")"
}
BENCH_PASSWORD="bench-$(od -An -N9 -tx1 /dev/urandom | tr -d ' \n')"
# Limits out of the way: the benchmark measures the path, not the limits.
LIMITS='"messagesPerHour":0,"recipientsPerHour":0,"connections":0'
api_ok 201 -X POST "$API/outgoing-users" -d "{\"domain\":\"$DOMAIN\",\"ip\":\"127.0.0.1\",$LIMITS}"
api_ok 201 -X POST "$API/outgoing-users" -d "{\"domain\":\"$DOMAIN\",\"username\":\"bench-user\",\"password\":\"$BENCH_PASSWORD\",$LIMITS}"

# smtp_source PORT COUNT LABEL SENDER RECIPIENT
smtp_source() {
  local sessions=$SESSIONS
  [ "$sessions" -le "$2" ] || sessions=$2
  "$SMTP_SOURCE" -c -d -s "$sessions" -m "$2" -l "$SIZE" -M bench-client.test \
    -f "$4" -t "$5" "127.0.0.1:$1" >"$OUT/source-$3.out" 2>&1 \
    || { tr '\r' '\n' <"$OUT/source-$3.out" | grep -v '^[0-9]*$' >&2; die "smtp-source ($3) failed"; }
}
# auth_source COUNT LABEL: COUNT messages over STARTTLS + AUTH PLAIN, SESSIONS connections
auth_source() {
  python3 - "$SUBMISSION_PORT" "$1" "$SESSIONS" "$SIZE" "$BENCH_PASSWORD" "$REMOTE" >"$OUT/source-$2.out" 2>&1 <<'PY' \
    || { cat "$OUT/source-$2.out" >&2; die "the AUTH client ($2) failed"; }
import smtplib, ssl, sys, threading
port, count, sessions, size, password, remote = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), sys.argv[5], sys.argv[6]
body = ("From: bench-user@bench.test\r\nTo: someone@%s\r\nSubject: outbound benchmark\r\n\r\n" % remote) + ("x" * 76 + "\r\n") * max(1, size // 78)
context = ssl.create_default_context(); context.check_hostname = False; context.verify_mode = ssl.CERT_NONE
lock = threading.Lock(); left = [count]; errors = []
def worker():
    try:
        with smtplib.SMTP("127.0.0.1", port, timeout=120) as s:
            s.starttls(context=context); s.login("bench-user@bench.test", password)
            while True:
                with lock:
                    if left[0] == 0: return
                    left[0] -= 1
                s.sendmail("bench-user@bench.test", ["someone@" + remote], body)
    except Exception as e:
        errors.append(repr(e))
threads = [threading.Thread(target=worker) for _ in range(min(sessions, count))]
[t.start() for t in threads]; [t.join() for t in threads]
if errors: print("\n".join(errors)); sys.exit(1)
PY
}
# timed KIND COUNT LABEL: sends COUNT messages one way and waits for them at the sink; sets TOTAL_S
timed() {
  local baseline t0
  baseline=$(sink_count); t0=$(now)
  case "$1" in
    inbound) smtp_source "$SMTP_PORT" "$2" "$3" "bench-sender@example.com" "user@$DOMAIN" ;;
    ip) smtp_source "$SUBMISSION_PORT" "$2" "$3" "sender@$DOMAIN" "someone@$REMOTE" ;;
    auth) auth_source "$2" "$3" ;;
  esac
  TOTAL_S=$(elapsed "$t0" "$(wait_for_sink $((baseline + $2)) "$DRAIN_TIMEOUT")")
}

if [ "$WARMUP" -gt 0 ]; then
  say "warm-up: $WARMUP messages through each path"
  for kind in inbound ip auth; do timed "$kind" "$WARMUP" "warmup-$kind"; done
fi
load_sampler_start
IN_RATES="" IP_RATES="" AUTH_RATES="" ROWS=""
for round in $(seq 1 "$ROUNDS"); do
  timed inbound "$MESSAGES" "inbound-$round"; in_rate=$(rate "$MESSAGES" "$TOTAL_S")
  timed ip "$MESSAGES" "ip-$round"; ip_rate=$(rate "$MESSAGES" "$TOTAL_S")
  timed auth "$MESSAGES" "auth-$round"; auth_rate=$(rate "$MESSAGES" "$TOTAL_S")
  say "round $round: inbound $in_rate msg/s, outbound (IP user) $ip_rate msg/s, outbound (AUTH, STARTTLS) $auth_rate msg/s"
  IN_RATES="$IN_RATES $in_rate" IP_RATES="$IP_RATES $ip_rate" AUTH_RATES="$AUTH_RATES $auth_rate"
  ROWS="$ROWS$(printf '  round %-2s                 : inbound %7s msg/s   outbound IP user %7s msg/s   outbound AUTH %7s msg/s' "$round" "$in_rate" "$ip_rate" "$auth_rate")"$'\n'
done
load_sampler_stop
expected=$(( 3 * (WARMUP + ROUNDS * MESSAGES) ))
{
  echo "FilterMX outbound vs inbound throughput, $(date -u +%Y-%m-%dT%H:%M:%SZ), $(commit_line)"
  echo "  messages per round       : $MESSAGES per path, $SESSIONS sessions from 127.0.0.1, $ROUNDS rounds after $WARMUP warm-up per path"
  echo "  paths                    : inbound port -> route (smtp-source); submission port as IP user -> MX (smtp-source, $SIZE bytes); STARTTLS + AUTH PLAIN -> MX (Python smtplib, about $SIZE bytes)"
  echo "  filtering                : built-in engines, outbound thresholds, DKIM off, MariaDB"
  printf '%s' "$ROWS"
  echo "  median                   : inbound $(median "$IN_RATES") msg/s, outbound IP user $(median "$IP_RATES") msg/s, outbound AUTH $(median "$AUTH_RATES") msg/s"
  echo "  sink received            : $(sink_count) of $expected"
  echo "  load during the rounds   : $(load_summary)"
  echo "  machine                  : $(machine_line)"
} | tee "$OUT/result.txt"
say "result saved in $OUT/result.txt"
