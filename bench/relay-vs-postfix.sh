#!/usr/bin/env bash
# End-to-end relay throughput: FilterMX (built-in filtering, MariaDB) against a plain Postfix relay.
#
#   bench/relay-vs-postfix.sh
#
# Starts one smtp-sink, a private FilterMX instance with a private MariaDB, and a private
# Postfix instance (its own config, queue and data directories in bench/target/relay/postfix,
# durable queue, no filtering), both relaying bench.test to that sink. Then ROUNDS times:
# MESSAGES messages with smtp-source into FilterMX, then the same into Postfix, each timed from
# the first message sent until the sink has counted the round's last message. Prints each
# round's msg/s, the medians and the ratio FilterMX/Postfix. Needs root (Postfix's master).
# Everything it starts is stopped on exit. See bench/README.md.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="$ROOT/bench/target/relay"
BENCH_NAME=relay

MESSAGES="${MESSAGES:-4000}"            # messages per round and target
ROUNDS="${ROUNDS:-3}"                   # rounds; each sends to FilterMX, then to Postfix
SESSIONS="${SESSIONS:-10}"              # parallel SMTP sessions (FilterMX allows 10 per client IP)
SIZE="${SIZE:-5120}"                    # payload bytes per message
WARMUP="${WARMUP:-10000}"               # messages sent to each before measuring
JIT_RATE="${JIT_RATE:-20}"              # then FilterMX is warmed further until its JIT compiles fewer methods than this per 2000 messages
WARMUP_LIMIT="${WARMUP_LIMIT:-300}"     # ... or for at most this many seconds
SINK_PORT="${BENCH_SINK_PORT:-45027}"
SMTP_PORT="${BENCH_SMTP_PORT:-45025}"
HTTP_PORT="${BENCH_HTTP_PORT:-45081}"
MANAGEMENT_PORT="${BENCH_MANAGEMENT_PORT:-45091}"
DB_PORT="${BENCH_DB_PORT:-45307}"
POSTFIX_PORT="${BENCH_POSTFIX_PORT:-45125}"
DRAIN_TIMEOUT="${BENCH_DRAIN_TIMEOUT:-600}"
DOMAIN=bench.test
RECIPIENT="user@$DOMAIN"
SENDER="bench-sender@example.com"

usage() { sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; }
for arg in "$@"; do
  case "$arg" in
    -h|--help) usage; exit 0 ;;
    *) echo "relay-vs-postfix: unknown argument $arg" >&2; usage >&2; exit 2 ;;
  esac
done

# shellcheck source=bench/lib/common.sh
. "$ROOT/bench/lib/common.sh"

check_numbers MESSAGES ROUNDS SESSIONS SIZE WARMUP JIT_RATE WARMUP_LIMIT SINK_PORT SMTP_PORT HTTP_PORT MANAGEMENT_PORT DB_PORT POSTFIX_PORT DRAIN_TIMEOUT
[ "$MESSAGES" -ge 1 ] && [ "$ROUNDS" -ge 1 ] && [ "$SIZE" -ge 1 ] && [ "$SESSIONS" -ge 1 ] || die "MESSAGES, ROUNDS, SIZE and SESSIONS must be at least 1"
# smtp-source cannot choose its source address, so every session comes from 127.0.0.1, and
# FilterMX answers the 11th concurrent one with 421 (ra.xml maxConnectionsPerIp).
[ "$SESSIONS" -le 10 ] || die "SESSIONS=$SESSIONS: FilterMX allows 10 concurrent connections per client IP and smtp-source connects from 127.0.0.1 only; use 10 or fewer"
[ "$(id -u)" -eq 0 ] || die "Postfix's master daemon must start as root (it runs its services as mail_owner=postfix)"
id postfix >/dev/null 2>&1 || need_tools postfix
need_tools smtp-source smtp-sink mariadbd postfix
SMTP_SOURCE="$(tool smtp-source)"
POSTFIX="$(tool postfix)"

PF="$OUT/postfix"
PF_CONF="$PF/etc"
RESULT="$OUT/result.txt"
SOURCE_PID="" POSTFIX_STARTED=""

cleanup() {
  local rc=$?
  set +e
  trap - EXIT INT TERM
  [ -n "$SOURCE_PID" ] && kill "$SOURCE_PID" 2>/dev/null
  [ -n "$POSTFIX_STARTED" ] && "$POSTFIX" -c "$PF_CONF" stop >/dev/null 2>&1
  bench_cleanup
  [ "$rc" -eq 0 ] || say "failed; logs: $OUT/data/server/log/server.log, $PF/maillog, $OUT/source.out, $OUT/sink.err" >&2
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

gateway_env
# A Postfix left by an interrupted run holds the port.
[ -f "$PF_CONF/main.cf" ] && "$POSTFIX" -c "$PF_CONF" stop >/dev/null 2>&1 || true
prepare_run "$SINK_PORT" "$SMTP_PORT" "$HTTP_PORT" "$MANAGEMENT_PORT" "$DB_PORT" "$POSTFIX_PORT"
rm -rf "$PF" "$OUT"/source*.out "$OUT"/warmup*.out "$RESULT"

# --- Postfix: a plain relay for bench.test to the sink ----------------------------------------
# Postfix's own defaults otherwise: durable queue (cleanup fsyncs every queue file before smtpd
# answers 250), no content_filter, no milters, no header/body checks. No chroot, so that nothing
# needs copying into the queue directory. No DNS: the next hop is [127.0.0.1]:port, client
# names are not looked up.
write_postfix_config() {
  mkdir -p "$PF_CONF" "$PF/spool" "$PF/lib"
  chown postfix:postfix "$PF/lib"; chmod 700 "$PF/lib"
  cat >"$PF_CONF/main.cf" <<EOF
# Written by bench/relay-vs-postfix.sh: a private relay instance, nothing else uses it.
compatibility_level = 3.6
queue_directory = $PF/spool
data_directory = $PF/lib
mail_owner = postfix
setgid_group = postdrop
maillog_file = $PF/maillog
maillog_file_prefixes = $PF
myhostname = postfix-bench.filtermx.test
mydomain = filtermx.test
myorigin = \$myhostname
mydestination =
local_recipient_maps =
alias_maps =
alias_database =
inet_interfaces = 127.0.0.1
inet_protocols = ipv4
mynetworks = 127.0.0.0/8
relay_domains = $DOMAIN
relayhost = [127.0.0.1]:$SINK_PORT
smtp_host_lookup = native
smtpd_peername_lookup = no
smtpd_client_connection_count_limit = 1000
smtpd_client_connection_rate_limit = 0
smtpd_client_message_rate_limit = 0
biff = no
EOF
  # The services of Debian's master.cf that a relay uses, chroot off; smtpd on our port.
  cat >"$PF_CONF/master.cf" <<EOF
# service type  private unpriv  chroot  wakeup  maxproc command
127.0.0.1:$POSTFIX_PORT inet n - n - 100 smtpd
pickup    unix  n       -       n       60      1       pickup
cleanup   unix  n       -       n       -       0       cleanup
qmgr      unix  n       -       n       300     1       qmgr
rewrite   unix  -       -       n       -       -       trivial-rewrite
bounce    unix  -       -       n       -       0       bounce
defer     unix  -       -       n       -       0       bounce
trace     unix  -       -       n       -       0       bounce
verify    unix  -       -       n       -       1       verify
flush     unix  n       -       n       1000?   0       flush
proxymap  unix  -       -       n       -       -       proxymap
proxywrite unix -       -       n       -       1       proxymap
smtp      unix  -       -       n       -       -       smtp
relay     unix  -       -       n       -       -       smtp
showq     unix  n       -       n       -       -       showq
error     unix  -       -       n       -       -       error
retry     unix  -       -       n       -       -       error
discard   unix  -       -       n       -       -       discard
anvil     unix  -       -       n       -       1       anvil
scache    unix  -       -       n       -       1       scache
postlog   unix-dgram n  -       n       -       1       postlogd
EOF
}

# postfix(1) reports errors to syslog, or to stderr only when it is a terminal: give it one.
postfix_cmd() { script -qec "$POSTFIX -c $PF_CONF $*" /dev/null; }

start_sink
say "starting a private Postfix relay on 127.0.0.1:$POSTFIX_PORT ($PF)"
write_postfix_config
postfix_cmd check >"$OUT/postfix-check.log" 2>&1 || { cat "$OUT/postfix-check.log" >&2; die "postfix check failed"; }
POSTFIX_STARTED=1
postfix_cmd start >"$OUT/postfix-start.log" 2>&1 || { cat "$OUT/postfix-start.log" "$PF/maillog" >&2; die "Postfix did not start"; }
for _ in $(seq 1 50); do port_in_use "$POSTFIX_PORT" && break; sleep 0.2; done
port_in_use "$POSTFIX_PORT" || { cat "$PF/maillog" >&2; die "Postfix is not listening on $POSTFIX_PORT"; }

start_mariadb
start_gateway
add_domain "$DOMAIN"
JAVA_PID=$(gateway_java_pid)
[ -n "$JAVA_PID" ] || die "cannot find the server's JVM"

postfix_pids() {
  local master
  master=$(tr -d ' ' <"$PF/spool/pid/master.pid" 2>/dev/null) || return 0
  echo "$master" $(pgrep -P "$master" || true)
}
gateway_pids() { echo "$JAVA_PID" "$(cat "$OUT/mariadb/mysqld.pid")"; }

# send TARGET PORT COUNT LABEL: smtp-source COUNT messages to PORT and waits until the sink has
# them all; sets ACCEPT_S and TOTAL_S (seconds from the start of smtp-source).
send() {
  local port=$1 count=$2 label=$3 sessions=$SESSIONS baseline t0 t_accepted t_delivered rc=0
  [ "$sessions" -le "$count" ] || sessions=$count
  baseline=$(sink_count)
  local cpu0 jvm0
  if [ "$port" = "$SMTP_PORT" ]; then cpu0=$(cpu_ms $(gateway_pids)); jvm0=$(cpu_ms "$JAVA_PID"); else cpu0=$(cpu_ms $(postfix_pids)); fi
  t0=$(now)
  "$SMTP_SOURCE" -c -d -s "$sessions" -m "$count" -l "$SIZE" -M bench-client.test \
    -f "$SENDER" -t "$RECIPIENT" "127.0.0.1:$port" >"$OUT/source-$label.out" 2>&1 &
  SOURCE_PID=$!
  wait "$SOURCE_PID" || rc=$?
  SOURCE_PID=""
  t_accepted=$(now)
  if [ "$rc" -ne 0 ]; then
    tr '\r' '\n' <"$OUT/source-$label.out" | grep -v '^[0-9]*$' >&2 || true
    die "smtp-source into $label failed (exit $rc)"
  fi
  t_delivered=$(wait_for_sink $((baseline + count)) "$DRAIN_TIMEOUT")
  # CPU per message: FilterMX's JVM and its MariaDB; Postfix's master and all its services.
  if [ "$port" = "$SMTP_PORT" ]; then
    CPU_PER_MSG=$(awk -v a="$cpu0" -v b="$(cpu_ms $(gateway_pids))" -v n="$count" 'BEGIN { printf "%.2f", (b - a) / n }')
    JVM_PER_MSG=$(awk -v a="$jvm0" -v b="$(cpu_ms "$JAVA_PID")" -v n="$count" 'BEGIN { printf "%.2f", (b - a) / n }')
  else
    CPU_PER_MSG=$(awk -v a="$cpu0" -v b="$(cpu_ms $(postfix_pids))" -v n="$count" 'BEGIN { printf "%.2f", (b - a) / n }')
  fi
  ACCEPT_S=$(elapsed "$t0" "$t_accepted")
  TOTAL_S=$(elapsed "$t0" "$t_delivered")
}

# Methods compiled by the JIT so far. On 2 cores its one C2 thread competes with the load, and
# FilterMX's hot code (WildFly, Hibernate, the JDBC driver, the filters) keeps it compiling for
# minutes: measuring before it is done measures the warm-up, not the server a provider runs for
# months. So FilterMX is warmed in batches until a batch of 2000 messages compiles few methods.
jit_compiles() { jcmd "$JAVA_PID" PerfCounter.print 2>/dev/null | sed -n 's/^sun.ci.totalCompiles=//p'; }
EXTRA_WARMUP=0
LAST_JIT_BATCH="?"
if [ "$WARMUP" -gt 0 ]; then
  say "warm-up: $WARMUP messages into each"
  send "$SMTP_PORT" "$WARMUP" filtermx-warmup
  send "$POSTFIX_PORT" "$WARMUP" postfix-warmup
  warm_start=$(date +%s)
  while [ $(( $(date +%s) - warm_start )) -lt "$WARMUP_LIMIT" ]; do
    before=$(jit_compiles)
    send "$SMTP_PORT" 2000 filtermx-warmup-more
    EXTRA_WARMUP=$((EXTRA_WARMUP + 2000))
    LAST_JIT_BATCH=$(( $(jit_compiles) - before ))
    say "warm-up: the JIT compiled $LAST_JIT_BATCH methods during 2000 more messages"
    [ "$LAST_JIT_BATCH" -ge "$JIT_RATE" ] || break
  done
  sleep 1   # lets FilterMX close the warm-up connections before all 10 slots are needed again
fi

load_sampler_start
FMX_RATES="" PF_RATES="" ROWS="" FMX_CPUS="" FMX_JVMS="" PF_CPUS=""
for round in $(seq 1 "$ROUNDS"); do
  send "$SMTP_PORT" "$MESSAGES" "filtermx-$round"
  fmx_rate=$(rate "$MESSAGES" "$TOTAL_S"); fmx_accept=$(rate "$MESSAGES" "$ACCEPT_S")
  fmx_cpu=$CPU_PER_MSG fmx_jvm=$JVM_PER_MSG
  say "round $round: FilterMX $fmx_rate msg/s end to end ($TOTAL_S s; accepted at $fmx_accept msg/s)"
  sleep 1
  send "$POSTFIX_PORT" "$MESSAGES" "postfix-$round"
  pf_rate=$(rate "$MESSAGES" "$TOTAL_S"); pf_accept=$(rate "$MESSAGES" "$ACCEPT_S"); pf_cpu=$CPU_PER_MSG
  say "round $round: Postfix  $pf_rate msg/s end to end ($TOTAL_S s; accepted at $pf_accept msg/s)"
  FMX_RATES="$FMX_RATES $fmx_rate" PF_RATES="$PF_RATES $pf_rate"
  FMX_CPUS="$FMX_CPUS $fmx_cpu" FMX_JVMS="$FMX_JVMS $fmx_jvm" PF_CPUS="$PF_CPUS $pf_cpu"
  ROWS="$ROWS$(printf '  round %-2s               : FilterMX %7s msg/s (accepted %7s, CPU %6s ms/msg)   Postfix %7s msg/s (accepted %7s, CPU %5s ms/msg)' \
    "$round" "$fmx_rate" "$fmx_accept" "$fmx_cpu" "$pf_rate" "$pf_accept" "$pf_cpu")"$'\n'
  sleep 1
done

load_sampler_stop
fmx_median=$(median "$FMX_RATES"); pf_median=$(median "$PF_RATES")
ratio=$(awk -v a="$fmx_median" -v b="$pf_median" 'BEGIN { printf "%.2f", a / b }')
verdict=$(awk -v r="$ratio" 'BEGIN { print (r >= 1.0) ? "met" : "NOT met" }')
# The queues must be empty: every message of the runs went through end to end exactly once.
pf_queue=$(find "$PF/spool/incoming" "$PF/spool/active" "$PF/spool/deferred" -type f 2>/dev/null | wc -l)
expected=$(( 2 * (WARMUP + ROUNDS * MESSAGES) + EXTRA_WARMUP ))

{
  echo "FilterMX vs Postfix relay throughput, $(date -u +%Y-%m-%dT%H:%M:%SZ), $(commit_line)"
  echo "  messages per round     : $MESSAGES x $SIZE bytes, $SESSIONS sessions from 127.0.0.1, $ROUNDS rounds (after $WARMUP warm-up each, FilterMX $EXTRA_WARMUP more until the JIT compiled fewer than $JIT_RATE methods per 2000; last batch $LAST_JIT_BATCH)"
  echo "  FilterMX               : built-in filtering, MariaDB (innodb_flush_log_at_trx_commit=1)"
  echo "  Postfix                : Postfix $("$(tool postconf)" -c "$PF_CONF" -h mail_version 2>/dev/null || echo "?"), plain relay, durable queue, no filtering"
  printf '%s' "$ROWS"
  echo "  median end to end      : FilterMX $fmx_median msg/s, Postfix $pf_median msg/s"
  echo "  ratio FilterMX/Postfix : $ratio (target >= 1.0: $verdict)"
  echo "  median CPU per message : FilterMX $(median "$FMX_CPUS") ms (JVM $(median "$FMX_JVMS") ms, the rest MariaDB), Postfix $(median "$PF_CPUS") ms (master and its services)"
  echo "  sink received          : $(sink_count) of $expected; Postfix queue files left: $pf_queue"
  echo "  load during the rounds : $(load_summary)"
  echo "  machine                : $(machine_line)"
} | tee "$RESULT"
[ "$(sink_count)" -eq "$expected" ] || say "warning: the sink received $(sink_count) messages for $expected sent" >&2
say "result saved in $RESULT"
