#!/usr/bin/env bash
# A private three-node MariaDB Galera cluster on loopback ports, for tests and benchmarks: each
# node has its own data directory, socket and ports under DIR, so it neither needs nor disturbs a
# system instance (see scripts/mariadb-private.sh for the single server). Usage:
#
#   galera-local.sh start|stop|reset|status DIR BASEPORT
#
# Node N (1 to 3) answers SQL on BASEPORT+N-1 and uses BASEPORT+10+N-1 for Galera's group
# communication, BASEPORT+20+N-1 for incremental state transfer (IST) and BASEPORT+30+N-1 for
# full state transfer (SST, by rsync). `start` starts the nodes that are not running: with none
# running it bootstraps a new cluster (on the node that stopped last, node 1 after a clean
# `stop`), the others join it. So `start` after a node was killed brings that node back into the
# running cluster. `stop` stops them all, node 1 last, so that it may bootstrap next time.
# GALERA_OPTIONS adds to wsrep_provider_options, e.g. "evs.suspect_timeout=PT3S" (with PT2S
# galera-4 26.4.23 does not start: "failed to open gcomm backend connection").
# docs/operator-guide.md ("Replicated MariaDB (Galera)") explains the settings.
set -euo pipefail
# mariadbd lives in /usr/sbin, which is not on a normal user's PATH; the nodes run as the calling
# user, so any user can run them. Under root they run as a dedicated user (GALERA_USER, default
# mysql, which the mariadb-server package creates): rsync's daemon, which receives a joining
# node's state, drops root for "nobody", who could not write a root-owned data directory.
PATH="$PATH:/usr/sbin:/sbin"
RUN_USER="$(id -un)"
if [ "$(id -u)" -eq 0 ]; then RUN_USER="${GALERA_USER:-mysql}"; fi
PROVIDER="${GALERA_PROVIDER:-/usr/lib/galera/libgalera_smm.so}"
NODES=(1 2 3)

usage() { echo "usage: $0 start|stop|reset|status DIR BASEPORT" >&2; exit 2; }
[ $# -eq 3 ] || usage
action="$1"; dir="$2"; base="$3"
[[ "$base" =~ ^[0-9]+$ ]] && [ "$base" -ge 1024 ] && [ "$base" -le 65500 ] || { echo "BASEPORT must be a port number from 1024 to 65500" >&2; exit 2; }
mkdir -p "$dir"
dir="$(cd "$dir" && pwd)"

sql_port() { echo $((base + $1 - 1)); }
group_port() { echo $((base + 10 + $1 - 1)); }
ist_port() { echo $((base + 20 + $1 - 1)); }
sst_port() { echo $((base + 30 + $1 - 1)); }
node_dir() { echo "$dir/node$1"; }
pidfile() { echo "$(node_dir "$1")/mysqld.pid"; }
client() { local n=$1; shift; mariadb --no-defaults --protocol=socket --socket="$(node_dir "$n")/mysqld.sock" -uroot "$@"; }
running() { [ -f "$(pidfile "$1")" ] && kill -0 "$(cat "$(pidfile "$1")")" 2>/dev/null; }
status_of() { client "$1" -N -B -e "SHOW STATUS LIKE '$2'" 2>/dev/null | cut -f2; }
# Synced: the node has the cluster's state and takes writes (wsrep_ready=ON).
synced() { [ "$(status_of "$1" wsrep_local_state_comment)" = Synced ] && [ "$(status_of "$1" wsrep_ready)" = ON ]; }
fail() {
  local n=$1; shift
  echo "galera node $n: $*; see $(node_dir "$n")/error.log" >&2
  tail -20 "$(node_dir "$n")/error.log" >&2 2>/dev/null || true
  exit 1
}

# Each node's settings: Galera needs row-based binary logging, InnoDB and interleaved
# auto-increment locks; wsrep_mode refuses tables without a primary key and statements on
# non-InnoDB tables, which Galera would not replicate reliably, so a migration that breaks
# either rule fails here as it would in production.
write_config() {
  local n=$1 d; d="$(node_dir "$n")"
  local peers="" m
  for m in "${NODES[@]}"; do peers="$peers${peers:+,}127.0.0.1:$(group_port "$m")"; done
  cat >"$d/my.cnf" <<EOF
[mysqld]
user=$RUN_USER
datadir=$d/data
socket=$d/mysqld.sock
pid-file=$d/mysqld.pid
log-error=$d/error.log
port=$(sql_port "$n")
bind-address=127.0.0.1
skip-name-resolve
max-connections=300
innodb-buffer-pool-size=128M
innodb-flush-log-at-trx-commit=1
binlog-format=ROW
default-storage-engine=InnoDB
innodb-autoinc-lock-mode=2
wsrep-on=ON
wsrep-provider=$PROVIDER
wsrep-cluster-name=filtermx-local-$base
wsrep-cluster-address=gcomm://$peers
wsrep-node-name=node$n
wsrep-node-address=127.0.0.1:$(group_port "$n")
wsrep-provider-options=gmcast.listen_addr=tcp://127.0.0.1:$(group_port "$n");ist.recv_addr=127.0.0.1:$(ist_port "$n");gcache.size=128M${GALERA_OPTIONS:+;$GALERA_OPTIONS}
wsrep-sst-method=rsync
wsrep-sst-receive-address=127.0.0.1:$(sst_port "$n")
wsrep-mode=REQUIRED_PRIMARY_KEY,STRICT_REPLICATION
EOF
}

# Starts node $1 (bootstrapping a new cluster when $2 is "new") and waits until it is synced.
start_node() {
  local n=$1 how=$2 d; d="$(node_dir "$n")"
  mkdir -p "$d"
  write_config "$n"
  if [ "$(id -u)" -eq 0 ]; then
    id "$RUN_USER" >/dev/null 2>&1 || fail "$n" "user $RUN_USER does not exist (set GALERA_USER)"
    chown -R "$RUN_USER" "$d"
    runuser -u "$RUN_USER" -- test -w "$d" \
      || fail "$n" "$RUN_USER cannot write $d: every directory above it must be searchable by others"
  fi
  if [ ! -d "$d/data/mysql" ]; then
    mariadb-install-db --no-defaults --datadir="$d/data" --user="$RUN_USER" \
      --auth-root-authentication-method=socket --skip-test-db >"$d/install.log" 2>&1 \
      || fail "$n" "mariadb-install-db failed (see $d/install.log)"
  fi
  local extra=()
  if [ "$how" = new ]; then
    # A node that crashed (or a fresh one) is not marked safe to bootstrap; in this private
    # cluster the chosen node's data wins.
    [ -f "$d/data/grastate.dat" ] && sed -i 's/^safe_to_bootstrap: 0/safe_to_bootstrap: 1/' "$d/data/grastate.dat"
    extra=(--wsrep-new-cluster)
  fi
  # A plain background command, so that no shell of this script outlives it holding the
  # caller's output open.
  mariadbd --defaults-file="$d/my.cnf" "${extra[@]}" >/dev/null 2>&1 &
  local pid=$!
  # A joiner copies the whole state first (rsync SST), which takes a while on a busy machine.
  for _ in $(seq 1 360); do
    synced "$n" && return 0
    kill -0 "$pid" 2>/dev/null || fail "$n" "mariadbd exited"
    sleep 0.5
  done
  fail "$n" "not synced with the cluster within 180 s"
}

stop_node() {
  local n=$1
  running "$n" || return 0
  local pid; pid=$(cat "$(pidfile "$n")"); kill "$pid"
  # Stopped means gone: a caller that starts it again right after must not find it still
  # shutting down. A slow disk can take a while to flush the buffer pool.
  for _ in $(seq 1 240); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.5; done
  # A joiner stuck in a state transfer (its donor gone) ignores the request; this cluster's data
  # is the test's own, so it is killed rather than left running.
  echo "galera node $n ($pid) did not stop within 120 s, killed; see $(node_dir "$n")/error.log" >&2
  kill -9 "$pid" 2>/dev/null || true
  for _ in $(seq 1 20); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.5; done
  return 1
}

# The node a new cluster starts from: one marked safe to bootstrap (the last to stop), else 1.
first_node() {
  local n
  for n in "${NODES[@]}"; do
    grep -qs '^safe_to_bootstrap: 1' "$(node_dir "$n")/data/grastate.dat" && { echo "$n"; return; }
  done
  echo 1
}

any_synced() { local n; for n in "${NODES[@]}"; do running "$n" && synced "$n" && { echo "$n"; return 0; }; done; return 1; }

case "$action" in
start)
  command -v mariadbd >/dev/null || { echo "mariadbd not found (Debian package mariadb-server)" >&2; exit 1; }
  [ -f "$PROVIDER" ] || { echo "Galera provider $PROVIDER not found (Debian package galera-4)" >&2; exit 1; }
  command -v rsync >/dev/null || { echo "rsync not found: the joining nodes copy the state with it" >&2; exit 1; }
  for n in "${NODES[@]}"; do
    # Running but not answering is a node still shutting down (or starting): wait for it.
    if running "$n" && ! client "$n" -e "SELECT 1" >/dev/null 2>&1; then
      pid=$(cat "$(pidfile "$n")")
      for _ in $(seq 1 240); do kill -0 "$pid" 2>/dev/null || break; client "$n" -e "SELECT 1" >/dev/null 2>&1 && break; sleep 0.5; done
    fi
  done
  if ! any_synced >/dev/null; then
    first=$(first_node)
    running "$first" && fail "$first" "running but not part of a primary cluster; stop it first"
    start_node "$first" new
  fi
  for n in "${NODES[@]}"; do
    running "$n" || start_node "$n" join
    synced "$n" || fail "$n" "running but not synced"
  done
  n=$(any_synced)
  client "$n" <<'SQL'
CREATE DATABASE IF NOT EXISTS filtermx CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE USER IF NOT EXISTS 'filtermx'@'127.0.0.1' IDENTIFIED BY 'filtermx';
GRANT ALL PRIVILEGES ON filtermx.* TO 'filtermx'@'127.0.0.1';
SQL
  ;;
stop)
  rc=0
  for n in 3 2 1; do stop_node "$n" || rc=1; done
  exit $rc
  ;;
reset)
  n=$(any_synced) || { echo "no galera node under $dir is running and synced" >&2; exit 1; }
  client "$n" -e "DROP DATABASE IF EXISTS filtermx; CREATE DATABASE filtermx CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;"
  ;;
status)
  for n in "${NODES[@]}"; do
    if running "$n"; then
      printf 'node%s 127.0.0.1:%s pid %s %s, cluster size %s\n' "$n" "$(sql_port "$n")" "$(cat "$(pidfile "$n")")" \
        "$(status_of "$n" wsrep_local_state_comment)" "$(status_of "$n" wsrep_cluster_size)"
    else
      printf 'node%s 127.0.0.1:%s stopped\n' "$n" "$(sql_port "$n")"
    fi
  done
  ;;
*) usage ;;
esac
