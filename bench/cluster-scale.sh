#!/usr/bin/env bash
# FilterMX scale-out: the same inbound load through one node, then through two nodes of one
# cluster, on one MariaDB; what each costs per message, and a projection for N nodes.
#
#   bench/cluster-scale.sh
#   MESSAGES=10000 WARMUP=4000 bench/cluster-scale.sh
#   NODE_CORES=8 DB_CORES=16 bench/cluster-scale.sh      (the machines of the projection)
#
# Starts a private MariaDB, an smtp-sink and node A (FilterMX through the launcher, cluster
# members A and B listed, B not yet running). (a) sends WARMUP, then MESSAGES messages through A
# over SESSIONS sessions. Then it starts node B, waits until both log the same two-member cluster
# view, and (b) sends WARMUP through each node, then the same MESSAGES split over both nodes' SMTP
# ports (SESSIONS/2 sessions each). Before each measured run both configurations stand idle for
# IDLE seconds, to measure what the nodes cost when no mail flows (the per-node caches' polls).
# Per configuration it reports messages/s, the CPU per message of the WildFly processes and of
# MariaDB (utime + stime from /proc), MariaDB's statements per message (SHOW GLOBAL STATUS deltas)
# and the load average; then a projection: a node takes NODE_CORES / its CPU per message, the
# database DB_CORES / its CPU per statement (measured here) in statements per second, so N nodes
# add up linearly until the database's bound. Both nodes share this machine's cores, so the
# throughput of (b) cannot grow here; the CPU per message shows what a node costs.
# Everything it starts is stopped on exit. See bench/README.md.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="$ROOT/bench/target/cluster-scale"
BENCH_NAME=cluster-scale

MESSAGES="${MESSAGES:-6000}"      # measured messages per configuration
WARMUP="${WARMUP:-3000}"          # messages per node before measuring (the JIT's warm-up)
SESSIONS="${SESSIONS:-10}"        # SMTP sessions in all; split over the nodes in (b)
SIZE="${SIZE:-5120}"              # payload bytes per message
IDLE="${IDLE:-10}"                # seconds of idle measurement before each measured run
NODE_CORES="${NODE_CORES:-$(nproc)}"  # cores of one node's machine in the projection
DB_CORES="${DB_CORES:-$(nproc)}"      # cores of the database's machine in the projection
MAX_NODES="${MAX_NODES:-8}"       # rows of the projection
DRAIN_TIMEOUT="${BENCH_DRAIN_TIMEOUT:-600}"
# Every port is the base plus a fixed step: node A's at +25.., node B's at +125.., 127.0.0.1 only.
PORT_BASE="${BENCH_PORT_BASE:-26500}"
SINK_PORT=$((PORT_BASE + 27))
DB_PORT=$((PORT_BASE + 7))
# common.sh checks and frees node A's ports by these names.
SMTP_PORT=$((PORT_BASE + 25)) HTTP_PORT=$((PORT_BASE + 81)) MANAGEMENT_PORT=$((PORT_BASE + 91))
DOMAIN=bench.test

# shellcheck source=bench/lib/common.sh
. "$ROOT/bench/lib/common.sh"

check_numbers MESSAGES WARMUP SESSIONS SIZE IDLE NODE_CORES DB_CORES MAX_NODES PORT_BASE DRAIN_TIMEOUT
[ "$SESSIONS" -ge 2 ] && [ "$SESSIONS" -le 10 ] || die "SESSIONS must be 2 to 10 (FilterMX allows 10 connections per client IP and node)"
[ "$MESSAGES" -ge "$SESSIONS" ] || die "MESSAGES must be at least SESSIONS"
[ "$SIZE" -ge 1 ] || die "SIZE must be at least 1"
[ "$NODE_CORES" -ge 1 ] && [ "$DB_CORES" -ge 1 ] || die "NODE_CORES and DB_CORES must be at least 1"
[ "$PORT_BASE" -ge 1024 ] && [ "$PORT_BASE" -le 65000 ] || die "BENCH_PORT_BASE must be 1024 to 65000"
need_tools smtp-source smtp-sink mariadbd mariadb

# --- the two nodes ------------------------------------------------------------------------------
# Node X's ports: the base + OFFSET (25 for A, 125 for B) for SMTP, and the others beside it.
node_offset() { case "$1" in a) echo 25 ;; b) echo 125 ;; esac; }
node_smtp() { echo $((PORT_BASE + $(node_offset "$1"))); }
node_http() { echo $((PORT_BASE + $(node_offset "$1") + 56)); }
node_cluster_port() { echo $((PORT_BASE + $(node_offset "$1") + 45)); }
node_dir() { echo "$OUT/node-$1"; }

ADMIN_PASSWORD="bench-$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"
MEMBERS="127.0.0.1[$(node_cluster_port a)],127.0.0.1[$(node_cluster_port b)]"

# node_env X: the launcher's settings for node X (in the current shell: call it in a subshell).
node_env() {
  local smtp
  smtp=$(node_smtp "$1")
  export FILTERMX_DATA
  FILTERMX_DATA=$(node_dir "$1")
  export FILTERMX_NODE_NAME="scale-$1"
  export FILTERMX_BIND=127.0.0.1
  export FILTERMX_SMTP_PORT="$smtp" FILTERMX_HTTP_PORT=$((smtp + 56)) FILTERMX_MANAGEMENT_PORT=$((smtp + 66))
  export FILTERMX_SUBMISSION_PORT=$((smtp + 10)) FILTERMX_SUBMISSIONS_PORT=$((smtp + 12))
  export FILTERMX_IMAP_PORT=$((smtp + 14)) FILTERMX_IMAPS_PORT=$((smtp + 16))
  export FILTERMX_CLUSTER_BIND=127.0.0.1 FILTERMX_CLUSTER_PORT=$((smtp + 45))
  export FILTERMX_CLUSTER_MEMBERS="$MEMBERS"
  export FILTERMX_DNS="127.0.0.1:$((PORT_BASE + 53))"   # nothing listens: lookups fail fast
  export FILTERMX_HOSTNAME="scale-$1.filtermx.test"
  export FILTERMX_ENGINES=off
  unset FILTERMX_RSPAMD_URL FILTERMX_CLAMD FILTERMX_SPAMD
  export FILTERMX_ADMIN_PASSWORD="$ADMIN_PASSWORD"
  export FILTERMX_SECRETS_KEY_FILE="$OUT/secrets.key"   # one key file for the cluster
  export FILTERMX_DB_URL="jdbc:mariadb://127.0.0.1:$DB_PORT/filtermx"
  export FILTERMX_DB_USER=filtermx FILTERMX_DB_PASSWORD=filtermx
}

NODES_STARTED=""
start_node() {
  say "starting node $1 (SMTP 127.0.0.1:$(node_smtp "$1"), JGroups $(node_cluster_port "$1"), data $(node_dir "$1"))"
  NODES_STARTED="$NODES_STARTED $1"
  ( node_env "$1"; "$ROOT/filtermx" start >"$OUT/start-$1.log" 2>&1 ) ||
    { cat "$OUT/start-$1.log" >&2; die "node $1 did not start"; }
}
stop_node() { ( node_env "$1"; "$ROOT/filtermx" stop >/dev/null 2>&1 ) || true; }

# The JVM of node X: the launcher's pid file holds standalone.sh, java is in its process group.
node_java_pid() { pgrep -g "$(cat "$(node_dir "$1")/filtermx.pid")" -f 'jboss-modules' | head -n 1; }

# Waits until node X's latest cluster view (ClusterMembership logs it) names both nodes.
await_view() {
  local log view deadline=$((SECONDS + 120))
  log="$(node_dir "$1")/server/log/server.log"
  while [ $SECONDS -lt $deadline ]; do
    view=$(grep -o 'cluster view: .*' "$log" 2>/dev/null | tail -n 1 || true)
    case "$view" in *scale-a*scale-b*|*scale-b*scale-a*) echo "$view"; return 0 ;; esac
    sleep 1
  done
  die "node $1 never saw both nodes; last ${view:-no view}"
}

# --- MariaDB's counters -------------------------------------------------------------------------
COUNTERS="Questions Com_select Com_insert Com_update Com_delete Com_insert_select Com_commit Com_rollback Innodb_data_fsyncs"
db_counters() {
  mariadb --no-defaults --protocol=socket --socket="$OUT/mariadb/mysqld.sock" -uroot -N -B -e \
    "SHOW GLOBAL STATUS WHERE Variable_name IN ('$(sed "s/ /','/g" <<<"$COUNTERS")')" |
    awk '{ printf "%s=%s ", $1, $2 }'
}
# counter NAME "K=V K=V ...": the value of NAME.
counter() { tr ' ' '\n' <<<"$2" | awk -F= -v k="$1" '$1 == k { v = $2 } END { print v + 0 }'; }
delta() { echo $(( $(counter "$1" "$3") - $(counter "$1" "$2") )); }
div() { awk -v a="$1" -v b="$2" -v f="${3:-%.2f}" 'BEGIN { if (b > 0) printf f, a / b; else print "n/a" }'; }

# --- sending ------------------------------------------------------------------------------------
# send COUNT SESSIONS NODE...: COUNT messages split evenly over the nodes, SESSIONS split too,
# each node's share by its own smtp-source, all at once; fails if any smtp-source fails.
send() {
  local count=$1 sessions=$2 node pids="" rc=0 n
  shift 2
  n=$#
  for node in "$@"; do
    "$(tool smtp-source)" -c -d -s $((sessions / n)) -m $((count / n)) -l "$SIZE" -M bench-client.test \
      -f bench-sender@example.com -t "user@$DOMAIN" "127.0.0.1:$(node_smtp "$node")" \
      >"$OUT/source-$node.out" 2>&1 &
    pids="$pids $!"
  done
  for node in $pids; do wait "$node" || rc=$?; done
  [ "$rc" -eq 0 ] || { tr '\r' '\n' <"$OUT/source-$1.out" | grep -v '^[0-9]*$' >&2 || true; die "smtp-source failed (exit $rc)"; }
}

# measure LABEL NODE...: warm-up, the idle window, then MESSAGES through the nodes; prints the
# configuration's block of the result and leaves its figures in the variables R_<name>.
measure() {
  local label=$1 node pids cpu0 cpu1 db0 db1 c0 c1 t0 t1 base n=$(( $# - 1 ))
  shift
  say "($label) warm-up: $WARMUP messages through each of node(s) $*"
  base=$(sink_count)
  send $((WARMUP * n)) "$SESSIONS" "$@"
  wait_for_sink $((base + WARMUP * n)) "$DRAIN_TIMEOUT" >/dev/null
  sleep 3   # the last deliveries' status updates
  pids="" ; for node in "$@"; do pids="$pids $(node_java_pid "$node")"; done
  DB_PID=$(cat "$OUT/mariadb/mysqld.pid")

  say "($label) idle for $IDLE s"
  c0=$(db_counters); cpu0=$(cpu_ms $pids); db0=$(cpu_ms "$DB_PID"); t0=$(now)
  sleep "$IDLE"
  c1=$(db_counters); cpu1=$(cpu_ms $pids); db1=$(cpu_ms "$DB_PID"); t1=$(now)
  R_IDLE_S=$(elapsed "$t0" "$t1")
  R_IDLE_Q=$(div "$(delta Questions "$c0" "$c1")" "$(awk -v s="$R_IDLE_S" -v n="$n" 'BEGIN { print s * n }')")
  R_IDLE_CPU=$(div $((cpu1 - cpu0)) "$(awk -v s="$R_IDLE_S" -v n="$n" 'BEGIN { print s * n }')" "%.1f")
  R_IDLE_DBCPU=$(div $((db1 - db0)) "$R_IDLE_S" "%.1f")

  say "($label) sending $MESSAGES messages of $SIZE bytes over $SESSIONS sessions through node(s) $*"
  base=$(sink_count)
  load_sampler_start
  c0=$(db_counters); cpu0=$(cpu_ms $pids); db0=$(cpu_ms "$DB_PID"); t0=$(now)
  send "$MESSAGES" "$SESSIONS" "$@"
  local t_accepted t_delivered
  t_accepted=$(now)
  t_delivered=$(wait_for_sink $((base + MESSAGES)) "$DRAIN_TIMEOUT")
  sleep 2   # the deliveries' status updates commit just after the sink's reply
  c1=$(db_counters); cpu1=$(cpu_ms $pids); db1=$(cpu_ms "$DB_PID"); t1=$(now)
  load_sampler_stop
  R_LOAD=$(load_summary)

  R_SECONDS=$(elapsed "$t0" "$t_delivered")
  R_RATE=$(rate "$MESSAGES" "$R_SECONDS")
  R_ACCEPT_RATE=$(rate "$MESSAGES" "$(elapsed "$t0" "$t_accepted")")
  R_CPU=$(div $((cpu1 - cpu0)) "$MESSAGES")
  R_DBCPU=$(div $((db1 - db0)) "$MESSAGES")
  R_Q=$(div "$(delta Questions "$c0" "$c1")" "$MESSAGES")
  # Statements per message net of the idle polls the nodes would have made in the same time.
  R_QNET=$(awk -v q="$(delta Questions "$c0" "$c1")" -v idle="$R_IDLE_Q" -v n="$n" -v s="$(elapsed "$t0" "$t1")" -v m="$MESSAGES" \
    'BEGIN { printf "%.2f", (q - idle * n * s) / m }')
  R_MS_PER_Q=$(div $((db1 - db0)) "$(delta Questions "$c0" "$c1")" "%.4f")
  R_FSYNC=$(div "$(delta Innodb_data_fsyncs "$c0" "$c1")" "$MESSAGES")
  local detail="" k
  for k in Com_select Com_insert Com_update Com_delete Com_insert_select Com_commit Com_rollback; do
    detail="$detail${detail:+, }${k#Com_} $(div "$(delta "$k" "$c0" "$c1")" "$MESSAGES")"
  done
  {
    echo "($label) $n node(s), $MESSAGES messages x $SIZE bytes over $SESSIONS sessions ($((SESSIONS / n)) per node), after $WARMUP warm-up per node"
    echo "  rate                    : $R_RATE msg/s end to end ($R_SECONDS s), accepted at $R_ACCEPT_RATE msg/s"
    echo "  WildFly CPU per message : $R_CPU ms (all nodes' JVMs together)"
    echo "  MariaDB CPU per message : $R_DBCPU ms ($R_MS_PER_Q ms per statement)"
    echo "  statements per message  : $R_Q ($detail); $R_QNET net of the idle polls; $R_FSYNC InnoDB fsyncs"
    echo "  idle, per node          : $R_IDLE_Q statements/s, $R_IDLE_CPU ms CPU/s; MariaDB $R_IDLE_DBCPU ms CPU/s (${R_IDLE_S} s)"
    echo "  load                    : $R_LOAD; $(load_average) at the end"
  } | tee -a "$OUT/result.txt"
}

cleanup() {
  local rc=$?
  set +e
  trap - EXIT INT TERM
  load_sampler_stop
  local node
  for node in $NODES_STARTED; do stop_node "$node"; done
  bench_cleanup
  [ "$rc" -eq 0 ] || say "failed; logs: $OUT/node-*/server/log/server.log, $OUT/source-*.out" >&2
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# --- the run ------------------------------------------------------------------------------------
mkdir -p "$OUT"
stop_node a; stop_node b
"$ROOT/scripts/mariadb-private.sh" stop "$OUT/mariadb" "$DB_PORT" >/dev/null 2>&1 || true
for port in "$SINK_PORT" "$DB_PORT" "$(node_smtp a)" "$(node_http a)" "$(node_smtp b)" "$(node_http b)" \
            "$(node_cluster_port a)" "$(node_cluster_port b)"; do
  port_in_use "$port" && die "port $port on 127.0.0.1 is in use; stop what holds it or set BENCH_PORT_BASE"
done
rm -rf "$(node_dir a)" "$(node_dir b)" "$OUT/result.txt" "$OUT"/source-*.out
# The secrets key file every node of a cluster shares (operator guide, "Scaling out").
( umask 077; printf '1 %s\n' "$(head -c 32 /dev/urandom | base64 -w0)" >"$OUT/secrets.key" )

start_sink
start_mariadb
start_node a
API="http://127.0.0.1:$(node_http a)/api/v1"
FILTERMX_ADMIN_PASSWORD="$ADMIN_PASSWORD"
add_domain "$DOMAIN"
echo "FilterMX scale-out, $(date -u +%Y-%m-%dT%H:%M:%SZ), $(commit_line); $(machine_line)" | tee "$OUT/result.txt"

measure a a
A_CPU=$R_CPU A_DBCPU=$R_DBCPU A_Q=$R_Q A_RATE=$R_RATE

start_node b
say "node a: $(await_view a)"
say "node b: $(await_view b)"
measure b a b

# --- the projection -----------------------------------------------------------------------------
# From (b), the cluster's own figures: a node's bound is its cores over its CPU per message (idle
# cost left aside: a few ms per second); the database's, its cores over the CPU per statement
# measured here, less the idle polls of N nodes, over the statements per message.
{
  echo "projection for N nodes of $NODE_CORES cores and one MariaDB of $DB_CORES cores (from (b)):"
  awk -v cpu="$R_CPU" -v q="$R_QNET" -v msq="$R_MS_PER_Q" -v idleq="$R_IDLE_Q" \
      -v nc="$NODE_CORES" -v dc="$DB_CORES" -v max="$MAX_NODES" 'BEGIN {
    node = nc * 1000 / cpu      # msg/s one node sustains: each message is handled by one node
    dbq = dc * 1000 / msq                               # statements/s the database sustains
    printf "  one node                : %.0f msg/s (%d cores / %.2f ms of WildFly CPU per message)\n", node, nc, cpu
    printf "  the database            : %.0f statements/s (%d cores / %.4f ms of MariaDB CPU per statement)\n", dbq, dc, msq
    printf "  per message             : %.2f statements; each node polls %.1f statements/s when idle\n", q, idleq
    printf "  %5s %14s %14s %14s\n", "nodes", "nodes bound", "DB bound", "projected"
    knee = 0
    for (n = 1; n <= max; n++) {
      db = (dbq - n * idleq) / q
      p = (n * node < db) ? n * node : db
      if (!knee && n * node >= db) knee = n
      printf "  %5d %10.0f msg/s %10.0f msg/s %10.0f msg/s\n", n, n * node, db, p
    }
    if (knee) printf "  linear up to %d node(s); from %d nodes on the database is the bound\n", knee - 1, knee
    else printf "  linear for all %d nodes shown: the database is not the bound yet\n", max
  }'
  echo "  (a) to (b): WildFly CPU per message $A_CPU -> $R_CPU ms, MariaDB $A_DBCPU -> $R_DBCPU ms, statements $A_Q -> $R_Q, $A_RATE -> $R_RATE msg/s on the same cores"
} | tee -a "$OUT/result.txt"
say "result saved in $OUT/result.txt"
