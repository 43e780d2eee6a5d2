#!/usr/bin/env bash
# A private MariaDB server for the test suite: its own data directory, port and socket, so it
# neither needs nor disturbs a system instance. Usage: mariadb-private.sh start|stop DIR PORT
set -euo pipefail
# mariadbd lives in /usr/sbin, which is not on a normal user's PATH; the server runs as the
# calling user (--user), so any user can run the suite.
PATH="$PATH:/usr/sbin:/sbin"
action="$1"; dir="$2"; port="$3"
sock="$dir/mysqld.sock"
pidfile="$dir/mysqld.pid"

client() { mariadb --no-defaults --protocol=socket --socket="$sock" -uroot "$@"; }

case "$action" in
start)
  if [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then
    # Running and answering: nothing to do. Running but not answering is a server still shutting
    # down (a slow disk flushes its buffer pool for a while): wait for it to end, then start.
    if client -e "SELECT 1" >/dev/null 2>&1; then exit 0; fi
    pid=$(cat "$pidfile")
    for _ in $(seq 1 240); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  fi
  mkdir -p "$dir"
  if [ ! -d "$dir/data/mysql" ]; then
    mariadb-install-db --no-defaults --datadir="$dir/data" --user="$(id -un)" \
      --auth-root-authentication-method=socket --skip-test-db >"$dir/install.log" 2>&1
  fi
  # Still running (a server that is starting up): wait for it to answer below. Otherwise start
  # one; a plain background command, so that no shell of this script outlives it holding the
  # caller's output open.
  if ! { [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; }; then
    mariadbd --no-defaults --datadir="$dir/data" --user="$(id -un)" --bind-address=127.0.0.1 \
      --port="$port" --socket="$sock" --pid-file="$pidfile" --log-error="$dir/error.log" \
      --innodb-flush-log-at-trx-commit=1 --innodb-buffer-pool-size=256M --max-connections=300 \
      --skip-name-resolve >/dev/null 2>&1 &
  fi
  for _ in $(seq 1 120); do
    if client -e "SELECT 1" >/dev/null 2>&1; then break; fi
    sleep 0.5
  done
  client -e "SELECT 1" >/dev/null || { echo "mariadb did not start; see $dir/error.log" >&2; tail -20 "$dir/error.log" >&2; exit 1; }
  client <<'SQL'
CREATE DATABASE IF NOT EXISTS filtermx CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE USER IF NOT EXISTS 'filtermx'@'127.0.0.1' IDENTIFIED BY 'filtermx';
GRANT ALL PRIVILEGES ON filtermx.* TO 'filtermx'@'127.0.0.1';
SQL
  ;;
stop)
  if [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then
    pid=$(cat "$pidfile"); kill "$pid"
    # Stopped means gone: a caller that starts it again right after must not find it still
    # shutting down. A slow disk can take a while to flush the buffer pool.
    for _ in $(seq 1 240); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    if kill -0 "$pid" 2>/dev/null; then
      echo "mariadb ($pid) did not stop within 120 s; see $dir/error.log" >&2; exit 1
    fi
  fi
  ;;
reset)
  client -e "DROP DATABASE IF EXISTS filtermx; CREATE DATABASE filtermx CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;"
  ;;
*) echo "usage: $0 start|stop|reset DIR PORT" >&2; exit 2 ;;
esac
