#!/usr/bin/env bash
# Private instances of the external scanning engines for the integration tests, each with its
# own configuration, data, pid and log files under DIR and its own loopback port, so they neither
# need nor disturb the system's services:
#   clamd   127.0.0.1:13310  with only a locally written EICAR signature (no freshclam download)
#   rspamd  127.0.0.1:21333 (normal worker), 127.0.0.1:21334 (controller), Bayes in a private
#           redis-server on 127.0.0.1:16379 that keeps nothing on disk
#   spamd   127.0.0.1:10783  SpamAssassin with Debian's rules, local tests only (optional), plus
#           the configuration lines in ENGINES_SPAMD_CF if set
# Usage: engines.sh start|stop|status DIR
#        engines.sh install-system   (root; what `./filtermx engines install` runs, see below)
# The ports above are defaults: ENGINES_CLAMD_PORT, ENGINES_RSPAMD_PORT,
# ENGINES_RSPAMD_CONTROLLER_PORT, ENGINES_REDIS_PORT and ENGINES_SPAMD_PORT override them (start
# writes the ports into the configuration under DIR, so use one DIR per set of ports).
# start installs missing Debian packages, starts what is not running yet, checks each engine
# with a test message (EICAR, GTUBE) and prints the endpoints as FILTERMX_* assignments on
# stdout (progress goes to stderr), so `eval "$(scripts/engines.sh start DIR)"` configures a
# shell. stop ends only the processes whose pid files start wrote under DIR.
set -euo pipefail

action="${1:-}"
dir="${2:-}"
if [ "$action" = install-system ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "engines: install-system installs and starts system services: run it as root" >&2
    exit 1
  fi
  dir=/var/log/filtermx-engines   # the system install keeps its apt.log here
elif [ -z "$action" ] || [ -z "$dir" ]; then
  echo "usage: $0 start|stop|status DIR | install-system" >&2
  exit 2
fi
mkdir -p "$dir"
dir="$(cd "$dir" && pwd)"

# The defaults are the integration tests' ports; a benchmark that runs beside them picks others.
CLAMD_PORT="${ENGINES_CLAMD_PORT:-13310}"
RSPAMD_PORT="${ENGINES_RSPAMD_PORT:-21333}"
RSPAMD_CONTROLLER_PORT="${ENGINES_RSPAMD_CONTROLLER_PORT:-21334}"
REDIS_PORT="${ENGINES_REDIS_PORT:-16379}"
SPAMD_PORT="${ENGINES_SPAMD_PORT:-10783}"

# The EICAR anti-virus test file, kept as hex so no scanner flags this script.
EICAR_HEX=58354f2150254041505b345c505a58353428505e2937434329377d24454943\
41522d5354414e444152442d414e544956495255532d544553542d46494c45212448\
2b482a
# SpamAssassin's and rspamd's GTUBE spam test string.
GTUBE='XJS*C4JDBQADN1.NSBN3*2IDNEN*GTUBE-STANDARD-ANTI-UBE-TEST-EMAIL*C.34X'

log() { echo "engines: $*" >&2; }
fail() { echo "engines: $*" >&2; exit 1; }

# The pid in a pid file, if that process is alive and is the named program.
running() {
  local pidfile="$1" program="$2" pid
  [ -f "$pidfile" ] || return 1
  pid="$(tr -dc 0-9 <"$pidfile")"
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 1
  grep -q "$program" "/proc/$pid/cmdline" 2>/dev/null || return 1
  echo "$pid"
}

# Waits up to $1 tenths of a second for the command after it to succeed.
wait_until() {
  local tenths="$1"
  shift
  for _ in $(seq 1 "$tenths"); do
    if "$@" >/dev/null 2>&1; then return 0; fi
    sleep 0.1
  done
  "$@" >/dev/null 2>&1
}

installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'ok installed'; }

# apt_install REQUIRED... -- OPTIONAL...: installs the missing ones (root only); a failed
# optional package is only reported. Output goes to $dir/apt.log.
apt_install() {
  local required=() optional=() missing=() p part=required
  for p in "$@"; do
    if [ "$p" = -- ]; then part=optional; continue; fi
    installed "$p" && continue
    missing+=("$p")
    if [ "$part" = required ]; then required+=("$p"); else optional+=("$p"); fi
  done
  [ ${#missing[@]} -eq 0 ] && return 1
  [ "$(id -u)" -eq 0 ] || fail "missing packages ${missing[*]}: run as root or install them"
  log "installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q >>"$dir/apt.log" 2>&1 || log "apt-get update failed, trying the cached lists"
  if [ ${#required[@]} -gt 0 ]; then
    apt-get install -y -q --no-install-recommends "${required[@]}" >>"$dir/apt.log" 2>&1 \
      || fail "apt-get install failed, see $dir/apt.log"
  fi
  if [ ${#optional[@]} -gt 0 ]; then
    apt-get install -y -q --no-install-recommends "${optional[@]}" >>"$dir/apt.log" 2>&1 \
      || log "${optional[*]} did not install (optional), see $dir/apt.log"
  fi
  return 0
}

# Installs what is missing; a Debian host with systemd starts each new package's service at
# once, listening on the default ports and (freshclam) reaching for the network, so those are
# stopped again: the tests use the private instances only.
install_packages() {
  local p
  apt_install clamav-daemon clamdscan rspamd redis-server redis-tools curl -- spamd spamc || return 0
  for p in clamav-daemon clamav-freshclam rspamd redis-server spamd; do
    if [ -d /run/systemd/system ]; then
      systemctl disable --now "$p" >/dev/null 2>&1 || true
    elif [ -x "/etc/init.d/$p" ] && "/etc/init.d/$p" status >/dev/null 2>&1; then
      "/etc/init.d/$p" stop >/dev/null 2>&1 || true
    fi
  done
}

# Sends one clamd command (z-form, NUL-terminated) with an optional INSTREAM body from stdin.
clamd_says() {
  # The program is an argument: stdin carries the stream.
  python3 -c '
import socket, struct, sys
port, command = int(sys.argv[1]), sys.argv[2]
with socket.create_connection(("127.0.0.1", port), timeout=10) as s:
    s.sendall(b"z" + command.encode() + b"\0")
    if command == "INSTREAM":
        data = sys.stdin.buffer.read()
        s.sendall(struct.pack(">I", len(data)) + data + struct.pack(">I", 0))
    reply = b""
    while not reply.endswith(b"\0"):
        chunk = s.recv(4096)
        if not chunk:
            break
        reply += chunk
print(reply.rstrip(b"\0").decode())
' "$CLAMD_PORT" "$@"
}

eicar() { python3 -c "import sys; sys.stdout.buffer.write(bytes.fromhex('$EICAR_HEX'))"; }

start_clamd() {
  local d="$dir/clamd"
  if running "$d/clamd.pid" clamd >/dev/null; then return 0; fi
  mkdir -p "$d/clamdb" "$d/tmp"
  # An .ndb body signature: clamd needs at least one valid database and this is all it gets.
  printf 'Eicar-Test-Signature:0:*:%s\n' "$EICAR_HEX" >"$d/clamdb/eicar.ndb"
  cat >"$d/clamd.conf" <<EOF
TCPSocket $CLAMD_PORT
TCPAddr 127.0.0.1
DatabaseDirectory $d/clamdb
TemporaryDirectory $d/tmp
PidFile $d/clamd.pid
LogFile $d/clamd.log
LogTime yes
Foreground no
SelfCheck 0
# The client's default limit (ClamdSettings), which is also Debian's clamd.conf value.
StreamMaxLength 25M
EOF
  log "starting clamd on 127.0.0.1:$CLAMD_PORT"
  clamd --config-file="$d/clamd.conf" >>"$d/clamd.out" 2>&1 || {
    tail -20 "$d/clamd.log" "$d/clamd.out" >&2
    fail "clamd did not start"
  }
  wait_until 300 clamd_says PING || fail "clamd does not answer PING, see $d/clamd.log"
}

check_clamd() {
  local found clean
  found="$(eicar | clamd_says INSTREAM)"
  clean="$(printf 'Subject: hello\r\n\r\nhello\r\n' | clamd_says INSTREAM)"
  case "$found" in *"Eicar-Test-Signature"*FOUND) ;; *) fail "clamd missed EICAR: $found" ;; esac
  [ "$clean" = "stream: OK" ] || fail "clamd did not pass a clean message: $clean"
  log "clamd: EICAR -> $found; clean -> $clean"
}

start_redis() {
  local d="$dir/redis"
  if running "$d/redis.pid" redis-server >/dev/null; then return 0; fi
  mkdir -p "$d"
  log "starting redis-server on 127.0.0.1:$REDIS_PORT"
  redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --save '' --appendonly no \
    --daemonize yes --pidfile "$d/redis.pid" --logfile "$d/redis.log" --dir "$d" >/dev/null
  wait_until 100 sh -c "redis-cli -p $REDIS_PORT ping | grep -q PONG" \
    || fail "redis-server does not answer, see $d/redis.log"
}

write_rspamd_config() {
  local d="$1"
  mkdir -p "$d/etc/local.d" "$d/db" "$d/run" "$d/log"
  # Debian's rspamd.conf with the workers on private ports and without proxy and fuzzy workers.
  cat >"$d/etc/rspamd.conf" <<EOF
.include "\$CONFDIR/common.conf"
options {
    pidfile = "\$RUNDIR/rspamd.pid";
    .include "\$CONFDIR/options.inc"
    .include(try=true; priority=1,duplicate=merge) "\$LOCAL_CONFDIR/local.d/options.inc"
}
logging {
    type = "file";
    filename = "\$LOGDIR/rspamd.log";
    .include "\$CONFDIR/logging.inc"
}
worker "normal" {
    bind_socket = "127.0.0.1:$RSPAMD_PORT";
    count = 2;
    .include "\$CONFDIR/worker-normal.inc"
}
worker "controller" {
    bind_socket = "127.0.0.1:$RSPAMD_CONTROLLER_PORT";
    .include "\$CONFDIR/worker-controller.inc"
}
EOF
  echo "servers = \"127.0.0.1:$REDIS_PORT\";" >"$d/etc/local.d/redis.conf"
  # Greylisting would answer "soft reject" to every first message; DNS is not reachable in
  # the test environment, so lookups give up quickly.
  echo 'enabled = false;' >"$d/etc/local.d/greylist.conf"
  # ENGINES_RSPAMD_NAMESERVER (host:port) replaces the system's resolvers, e.g. with a loopback
  # port where nothing listens, so that no lookup leaves the machine (each times out as above).
  local nameserver=""
  if [ -n "${ENGINES_RSPAMD_NAMESERVER:-}" ]; then
    nameserver=" nameserver = [\"$ENGINES_RSPAMD_NAMESERVER\"];"
  fi
  echo "dns { timeout = 0.5s; retransmits = 1;$nameserver }" >"$d/etc/local.d/options.inc"
  # ENGINES_RSPAMD_LOCAL_D: a directory whose files are added to rspamd's local.d (e.g. scores).
  if [ -n "${ENGINES_RSPAMD_LOCAL_D:-}" ]; then
    cp "$ENGINES_RSPAMD_LOCAL_D"/* "$d/etc/local.d/"
  fi
}

start_rspamd() {
  local d="$dir/rspamd" privileges=()
  if running "$d/run/rspamd.pid" rspamd >/dev/null; then return 0; fi
  write_rspamd_config "$d"
  if [ "$(id -u)" -eq 0 ]; then
    # rspamd refuses root workers: use the package's user when it can reach DIR.
    chown -R _rspamd:_rspamd "$d/db" "$d/run" "$d/log"
    if runuser -u _rspamd -- test -w "$d/db"; then
      privileges=(-u _rspamd -g _rspamd)
    else
      privileges=(--insecure)
    fi
  fi
  log "starting rspamd on 127.0.0.1:$RSPAMD_PORT and :$RSPAMD_CONTROLLER_PORT"
  rspamd -c "$d/etc/rspamd.conf" "${privileges[@]}" --var=LOCAL_CONFDIR="$d/etc" \
    --var=DBDIR="$d/db" --var=RUNDIR="$d/run" --var=LOGDIR="$d/log" >>"$d/rspamd.out" 2>&1 || {
    tail -20 "$d/rspamd.out" "$d/log/rspamd.log" >&2 2>/dev/null
    fail "rspamd did not start"
  }
  wait_until 600 sh -c "curl -sf http://127.0.0.1:$RSPAMD_PORT/ping | grep -q pong" \
    || fail "rspamd does not answer /ping, see $d/log/rspamd.log"
  wait_until 100 sh -c "curl -sf http://127.0.0.1:$RSPAMD_CONTROLLER_PORT/ping | grep -q pong" \
    || fail "rspamd's controller does not answer /ping, see $d/log/rspamd.log"
}

check_rspamd() {
  local reply
  reply="$(printf 'From: a@example.org\r\nTo: b@example.net\r\nSubject: test\r\n\r\n%s\r\n' \
    "$GTUBE" | curl -s --max-time 20 --data-binary @- -H 'IP: 192.0.2.1' \
    -H 'From: a@example.org' -H 'Rcpt: b@example.net' \
    "http://127.0.0.1:$RSPAMD_PORT/checkv2")"
  case "$reply" in *'"action":"reject"'*'"GTUBE"'*) ;; *) fail "rspamd missed GTUBE: $reply" ;; esac
  log "rspamd: GTUBE -> $(printf '%s' "$reply" | grep -o '"score":[0-9.]*,"required_score":[0-9.]*,"action":"[a-z ]*"')"
}

start_spamd() {
  local d="$dir/spamd" user=() extra=() line home
  if running "$d/spamd.pid" spamd >/dev/null; then return 0; fi
  command -v spamd >/dev/null || return 1
  mkdir -p "$d/home"
  home="$d/home"
  if [ "$(id -u)" -eq 0 ]; then
    # spamd drops root for debian-spamd, who cannot reach DIR below a private directory (such
    # as /root): its helper home then goes to a directory of its own in the temp directory.
    chown debian-spamd:debian-spamd "$d/home"
    if ! runuser -u debian-spamd -- test -w "$d/home" 2>/dev/null; then
      home="$(mktemp -d "${TMPDIR:-/tmp}/filtermx-spamd-XXXXXX")"
      chown debian-spamd:debian-spamd "$home"
    fi
    user=(--username=debian-spamd --groupname=debian-spamd)
  fi
  # ENGINES_SPAMD_CF: SpamAssassin configuration lines, one a line, added to Debian's (--cf).
  while IFS= read -r line; do
    [ -n "$line" ] && extra+=("--cf=$line")
  done <<<"${ENGINES_SPAMD_CF:-}"
  log "starting spamd on 127.0.0.1:$SPAMD_PORT"
  spamd --daemonize --listen="127.0.0.1:$SPAMD_PORT" --pidfile="$d/spamd.pid" \
    --min-children=1 --max-children=2 --local --nouser-config --helper-home-dir="$home" \
    --syslog="$d/spamd.log" "${user[@]}" "${extra[@]}" >>"$d/spamd.out" 2>&1 || return 1
  wait_until 300 spamc -d 127.0.0.1 -p "$SPAMD_PORT" -K
}

check_spamd() {
  local symbols
  symbols="$(printf 'Subject: test\r\n\r\n%s\r\n' "$GTUBE" | spamc -d 127.0.0.1 -p "$SPAMD_PORT" -y)"
  case "$symbols" in *GTUBE*) ;; *) log "spamd missed GTUBE: $symbols"; return 1 ;; esac
  log "spamd: GTUBE -> $symbols"
}

stop_one() {
  local pidfile="$1" program="$2" pid
  pid="$(running "$pidfile" "$program")" || return 0
  log "stopping $program ($pid)"
  kill "$pid"
  for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
  log "$program ($pid) did not stop"
  return 1
}

# --- the system's own services, for production ------------------------------------------------
# The packages' services at their standard loopback addresses, which the launcher detects:
# rspamd 127.0.0.1:11333 (controller :11334) with Bayes in redis-server 127.0.0.1:6379, clamd
# 127.0.0.1:3310, spamd 127.0.0.1:783. Settings an operator already made are kept: files in
# rspamd's local.d are only written when missing, and clamd gets its TCP socket through the
# package's own debconf questions (or two lines in clamd.conf when debconf does not manage it).

# service_up NAME: enabled and (re)started, with systemd or the package's init script.
service_up() {
  if [ -d /run/systemd/system ]; then
    systemctl enable "$1" >/dev/null 2>&1 || true
    systemctl restart "$1" || log "$1 did not start: see journalctl -u $1"
  elif [ -x "/etc/init.d/$1" ]; then
    "/etc/init.d/$1" restart >/dev/null 2>&1 || "/etc/init.d/$1" start || log "$1 did not start"
  else
    log "no systemd and no /etc/init.d/$1: start $1 yourself"
  fi
}

# The answers to clamav-daemon's own questions: clamd on TCP, 127.0.0.1:3310.
clamd_preseed() {
  printf '%s\n' 'clamav-daemon clamav-daemon/TcpOrLocal select TCP' \
    'clamav-daemon clamav-daemon/TCPSocket string 3310' \
    'clamav-daemon clamav-daemon/TCPAddr string 127.0.0.1' | debconf-set-selections
}

clamd_tcp() {
  local conf=/etc/clamav/clamd.conf
  clamd_preseed
  if ! grep -q '^TCPSocket 3310' "$conf" 2>/dev/null && installed clamav-daemon; then
    dpkg-reconfigure -f noninteractive clamav-daemon >>"$dir/apt.log" 2>&1 || true
  fi
  if ! grep -q '^TCPSocket' "$conf"; then
    printf 'TCPSocket 3310\nTCPAddr 127.0.0.1\n' >>"$conf"
  fi
  grep -q '^TCPAddr 127.0.0.1' "$conf" || log "warning: $conf has a TCPAddr other than 127.0.0.1: clamd may listen beyond loopback"
}

install_system() {
  command -v apt-get >/dev/null || fail "install-system needs Debian or Ubuntu (apt-get)"
  # Preseeded before the package is installed, so its first configuration already has TCP.
  installed clamav-daemon || clamd_preseed
  # Debian 12 has spamd in its own package; older releases have it in spamassassin.
  local spamd_package=spamd
  apt-cache show spamd >/dev/null 2>&1 || spamd_package=spamassassin
  apt_install rspamd redis-server clamav-daemon clamav-freshclam curl -- "$spamd_package" || true
  clamd_tcp
  # rspamd's Bayes lives in redis (loopback, Debian's default bind); greylisting does nothing
  # useful behind FilterMX (docs/operator-guide.md, "External engines").
  mkdir -p /etc/rspamd/local.d
  [ -e /etc/rspamd/local.d/redis.conf ] || echo 'servers = "127.0.0.1:6379";' >/etc/rspamd/local.d/redis.conf
  [ -e /etc/rspamd/local.d/greylist.conf ] || echo 'enabled = false;' >/etc/rspamd/local.d/greylist.conf
  # Debian's rspamd workers bind localhost:11333/11334, redis 127.0.0.1 and ::1, spamd
  # 127.0.0.1:783 (its default --listen): all loopback already.
  service_up redis-server
  service_up rspamd
  # clamd needs signatures before it starts: freshclam fetches them (from the network).
  if ! ls /var/lib/clamav/main.c[vl]d >/dev/null 2>&1; then
    log "fetching ClamAV's signatures with freshclam (a few minutes the first time)"
    if [ -d /run/systemd/system ]; then systemctl stop clamav-freshclam >/dev/null 2>&1 || true; fi
    freshclam --quiet || log "freshclam failed: clamd cannot start without signatures; run freshclam again"
  fi
  service_up clamav-freshclam
  service_up clamav-daemon
  if command -v spamd >/dev/null || [ -x /usr/sbin/spamd ]; then service_up spamd; fi
  # clamd loads its signatures for up to a minute or two before it answers.
  log "waiting for the engines to answer (clamd takes up to two minutes to load its signatures)"
  CLAMD_PORT=3310
  wait_until 1800 clamd_says PING \
    || log "clamd does not answer on 127.0.0.1:3310 yet"
}

case "$action" in
install-system)
  install_system
  ;;
start)
  install_packages
  start_clamd
  check_clamd
  start_redis
  start_rspamd
  check_rspamd
  spamd=""
  if start_spamd && check_spamd; then
    spamd="127.0.0.1:$SPAMD_PORT"
  else
    log "spamd not available (optional), see $dir/spamd"
  fi
  echo "FILTERMX_CLAMD=127.0.0.1:$CLAMD_PORT"
  echo "FILTERMX_RSPAMD_URL=http://127.0.0.1:$RSPAMD_PORT"
  echo "FILTERMX_RSPAMD_CONTROLLER_URL=http://127.0.0.1:$RSPAMD_CONTROLLER_PORT"
  echo "FILTERMX_SPAMD=$spamd"
  ;;
stop)
  status=0
  stop_one "$dir/spamd/spamd.pid" spamd || status=1
  stop_one "$dir/rspamd/run/rspamd.pid" rspamd || status=1
  stop_one "$dir/redis/redis.pid" redis-server || status=1
  stop_one "$dir/clamd/clamd.pid" clamd || status=1
  exit "$status"
  ;;
status)
  for entry in clamd/clamd.pid:clamd redis/redis.pid:redis-server \
    rspamd/run/rspamd.pid:rspamd spamd/spamd.pid:spamd; do
    if pid="$(running "$dir/${entry%%:*}" "${entry##*:}")"; then
      echo "${entry##*:} running ($pid)"
    else
      echo "${entry##*:} stopped"
    fi
  done
  ;;
*)
  echo "usage: $0 start|stop|status DIR" >&2
  exit 2
  ;;
esac
