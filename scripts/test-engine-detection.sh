#!/usr/bin/env bash
# Checks the launcher's engine detection (./filtermx engines status, FILTERMX_ENGINES) against
# fake rspamd, clamd and spamd listeners on free loopback ports, moved there with the launcher's
# FILTERMX_PROBE_* test variables. Needs python3 for the listeners; starts no server.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$(mktemp -d)"
fake_pid=""
trap '[ -n "$fake_pid" ] && kill "$fake_pid" 2>/dev/null; rm -rf "$work"' EXIT

# Three listeners, each answering its engine's ping once the request is complete.
python3 - "$work/ports" <<'PY' &
import socket, sys, threading
answers = [(b"\r\n\r\n", b"HTTP/1.0 200 OK\r\nContent-Length: 5\r\n\r\npong\n"),
           (b"\n", b"PONG\n"),
           (b"\r\n\r\n", b"SPAMD/1.5 0 PONG\r\n")]
def serve(server, end, reply):
    while True:
        c, _ = server.accept()
        data = b""
        while end not in data:
            chunk = c.recv(4096)
            if not chunk:
                break
            data += chunk
        c.sendall(reply)
        c.close()
ports = []
for end, reply in answers:
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    s.listen(5)
    ports.append(str(s.getsockname()[1]))
    threading.Thread(target=serve, args=(s, end, reply), daemon=True).start()
with open(sys.argv[1] + ".tmp", "w") as f:
    f.write(" ".join(ports) + "\n")
import os
os.rename(sys.argv[1] + ".tmp", sys.argv[1])
threading.Event().wait()
PY
fake_pid=$!
for _ in $(seq 1 100); do [ -f "$work/ports" ] && break; sleep 0.1; done
read -r rspamd clamd spamd <"$work/ports"
# A port nobody listens on: one of the fakes', closed again.
closed=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')

failures=0
# check NAME EXPECTED-LAST-LINE VARIABLE=VALUE...: runs `./filtermx engines status` with the
# variables and compares the line saying which engines run and start would use.
check() {
  local name=$1 expected=$2 out
  shift 2
  out=$(env -u FILTERMX_RSPAMD_URL -u FILTERMX_CLAMD -u FILTERMX_SPAMD -u FILTERMX_ENGINES \
    FILTERMX_DATA="$work/data" FILTERMX_PROBE_CLAMD_SOCKET="$work/none.ctl" "$@" \
    "$ROOT/filtermx" engines status 2>&1 || true)
  if [ "$(tail -n 1 <<<"$out")" = "filtermx: external engines: $expected" ]; then
    echo "ok   $name"
  else
    echo "FAIL $name: expected '$expected', got:"; sed 's/^/       /' <<<"$out"
    failures=$((failures + 1))
  fi
}
at="FILTERMX_PROBE_RSPAMD=127.0.0.1:$rspamd FILTERMX_PROBE_CLAMD=127.0.0.1:$clamd FILTERMX_PROBE_SPAMD=127.0.0.1:$spamd"
# shellcheck disable=SC2086
{
check "all three answer" "rspamd http://127.0.0.1:$rspamd, clamd 127.0.0.1:$clamd, spamd 127.0.0.1:$spamd" $at
check "detection off" "none (built-in filter only)" $at FILTERMX_ENGINES=off
check "explicit settings win" "rspamd http://127.0.0.1:$rspamd, clamd 192.0.2.1:3310" $at FILTERMX_CLAMD=192.0.2.1:3310 FILTERMX_SPAMD=
check "explicit with detection off" "spamd 127.0.0.1:1783" $at FILTERMX_ENGINES=off FILTERMX_SPAMD=127.0.0.1:1783
check "nothing listens" "none (built-in filter only)" FILTERMX_PROBE_RSPAMD=127.0.0.1:$closed FILTERMX_PROBE_CLAMD=127.0.0.1:$closed FILTERMX_PROBE_SPAMD=127.0.0.1:$closed
check "wrong protocol answers" "none (built-in filter only)" FILTERMX_PROBE_RSPAMD=127.0.0.1:$clamd FILTERMX_PROBE_CLAMD=127.0.0.1:$spamd FILTERMX_PROBE_SPAMD=127.0.0.1:$rspamd
}
# No listener must cost (almost) nothing: status with three closed ports against the launcher
# doing nothing (a usage error), on a machine that may be busy.
timed() {
  local start=$EPOCHREALTIME
  env FILTERMX_DATA="$work/data" FILTERMX_PROBE_RSPAMD=127.0.0.1:$closed FILTERMX_PROBE_CLAMD=127.0.0.1:$closed \
    FILTERMX_PROBE_SPAMD=127.0.0.1:$closed "$ROOT/filtermx" "$@" >/dev/null 2>&1 || true
  awk -v a="$start" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.2f", b - a }'
}
# The quickest of three runs each, since the machine may be busy.
fastest() { local a b c; a=$(timed "$@"); b=$(timed "$@"); c=$(timed "$@"); printf '%s\n' "$a" "$b" "$c" | sort -g | head -n 1; }
base=$(fastest no-such-command)
took=$(fastest engines status)
if awk -v t="$took" -v b="$base" 'BEGIN { exit !(t - b < 1.0) }'; then
  echo "ok   nothing listens: ${took}s (launcher alone ${base}s)"
else
  echo "FAIL nothing listens took ${took}s (launcher alone ${base}s)"; failures=$((failures + 1))
fi
if env FILTERMX_DATA="$work/data" FILTERMX_ENGINES=maybe "$ROOT/filtermx" engines status >/dev/null 2>&1; then
  echo "FAIL FILTERMX_ENGINES=maybe was accepted"; failures=$((failures + 1))
else
  echo "ok   FILTERMX_ENGINES=maybe refused"
fi
[ "$failures" -eq 0 ] && echo "all passed" || { echo "$failures failed"; exit 1; }
