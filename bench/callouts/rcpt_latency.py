#!/usr/bin/env python3
"""RCPT latency of recipient verification, for bench/callouts.sh.

  rcpt_latency.py destination PORT COUNT_FILE
      a destination that verifies its recipients: 250 to RCPT for u<digits>@..., 550 5.1.1 for any
      other address (so the gateway's random catch-all probe is refused); writes the number of
      RCPTs it was asked to COUNT_FILE twice a second.
  rcpt_latency.py probe HOST PORT RATE SESSIONS PER_CONNECTION LABEL ADDRESS...
      sends MAIL FROM / RCPT TO / RSET for each address, open loop at RATE per second spread over
      SESSIONS connections (reconnecting every PER_CONNECTION transactions), and prints the
      percentiles of the time from writing RCPT TO to reading its reply, with the replies' codes.
"""
import socket
import socketserver
import sys
import threading
import time


def destination(port, count_file):
    asked = [0]
    lock = threading.Lock()

    class Handler(socketserver.StreamRequestHandler):
        def handle(self):
            self.wfile.write(b"220 dest.test ESMTP\r\n")
            for raw in self.rfile:
                line = raw.decode("ascii", "replace").strip()
                verb = line[:4].upper()
                if verb in ("EHLO", "HELO"):
                    self.wfile.write(b"250 dest.test\r\n")
                elif verb == "MAIL":
                    self.wfile.write(b"250 2.1.0 Ok\r\n")
                elif verb == "RCPT":
                    with lock:
                        asked[0] += 1
                    address = line[line.find("<") + 1:line.rfind(">")].lower()
                    local = address.split("@")[0]
                    ok = local.startswith("u") and local[1:].isdigit()
                    self.wfile.write(b"250 2.1.5 Ok\r\n" if ok else b"550 5.1.1 unknown\r\n")
                elif verb == "QUIT":
                    self.wfile.write(b"221 2.0.0 Bye\r\n")
                    return
                else:
                    self.wfile.write(b"250 2.0.0 Ok\r\n")

    class Server(socketserver.ThreadingTCPServer):
        allow_reuse_address = True
        daemon_threads = True

    with Server(("127.0.0.1", port), Handler) as server:
        threading.Thread(target=server.serve_forever, daemon=True).start()
        while True:
            time.sleep(0.5)
            with open(count_file, "w") as out:
                out.write(f"{asked[0]}\n")


class Session:
    def __init__(self, host, port):
        self.sock = socket.create_connection((host, port), timeout=60)
        self.file = self.sock.makefile("rb")
        self.reply()
        self.command("EHLO bench-client.test")

    def reply(self):
        while True:
            line = self.file.readline().decode("ascii", "replace")
            if not line:
                raise IOError("connection closed")
            if len(line) < 4 or line[3] != "-":
                return line.strip()

    def command(self, text):
        self.sock.sendall((text + "\r\n").encode("ascii"))
        return self.reply()

    def close(self):
        try:
            self.command("QUIT")
        except Exception:
            pass
        self.sock.close()


def probe(host, port, rate, sessions, per_connection, label, addresses):
    interval = 1.0 / rate
    start = time.monotonic() + 0.5
    lock = threading.Lock()
    next_index = [0]
    results = []
    codes = {}
    late = [0.0]

    def worker():
        session, used = None, 0
        while True:
            with lock:
                i = next_index[0]
                if i >= len(addresses):
                    break
                next_index[0] += 1
            due = start + i * interval
            wait = due - time.monotonic()
            if wait > 0:
                time.sleep(wait)
            if session is None or used >= per_connection:
                if session:
                    session.close()
                session, used = Session(host, port), 0
            used += 1
            session.command("MAIL FROM:<bench-sender@example.com>")
            t0 = time.monotonic()
            reply = session.command(f"RCPT TO:<{addresses[i]}>")
            took = time.monotonic() - t0
            session.command("RSET")
            with lock:
                results.append(took)
                codes[reply[:3]] = codes.get(reply[:3], 0) + 1
                late[0] = max(late[0], t0 - due)
        if session:
            session.close()

    threads = [threading.Thread(target=worker) for _ in range(sessions)]
    t_begin = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.monotonic() - t_begin
    results.sort()

    def pct(p):
        return results[min(len(results) - 1, int(p / 100.0 * len(results)))] * 1000

    print(
        f"{label:<24}: {len(results)} RCPT at {len(results) / wall:.1f}/s (asked {rate}/s),"
        f" p50 {pct(50):.2f} ms, p90 {pct(90):.2f} ms, p99 {pct(99):.2f} ms,"
        f" max {results[-1] * 1000:.2f} ms; replies {dict(sorted(codes.items()))};"
        f" most behind schedule {late[0] * 1000:.0f} ms"
    )


if __name__ == "__main__":
    if sys.argv[1] == "destination":
        destination(int(sys.argv[2]), sys.argv[3])
    else:
        _, _, host, port, rate, sessions, per_connection, label, *addresses = sys.argv
        probe(host, int(port), float(rate), int(sessions), int(per_connection), label, addresses)
