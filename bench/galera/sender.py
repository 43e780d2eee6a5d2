#!/usr/bin/env python3
"""Sends numbered messages over parallel SMTP sessions for bench/galera-failover.sh and writes
one line per transaction: number, start and end time (epoch seconds), the reply code that ended it
(the end of DATA, or MAIL/RCPT/DATA when one of them was refused; 0 when the connection failed),
and the reply text. Usage: sender.py HOST PORT SESSIONS SECONDS SENDER RECIPIENT OUT
"""
import itertools
import smtplib
import sys
import threading
import time

host, port, sessions, seconds, sender, recipient, out = sys.argv[1:8]
port, sessions, seconds = int(port), int(sessions), float(seconds)
numbers = itertools.count(1)
lock = threading.Lock()
lines = open(out, "w", buffering=1)
end = time.time() + seconds
PAYLOAD = "".join("line %03d of the galera failover test, to make the message a few kB\r\n" % i
                  for i in range(60))


def record(n, t0, code, text):
    with lock:
        lines.write("%d\t%.3f\t%.3f\t%d\t%s\n" % (n, t0, time.time(), code,
                                                   " ".join(str(text).split())[:200]))


def message(n):
    return ("From: <%s>\r\nTo: <%s>\r\nSubject: gf-%d\r\nMessage-ID: <gf-%d@galera.test>\r\n\r\n%s"
            % (sender, recipient, n, n, PAYLOAD))


def reply(resp):
    return resp.decode("ascii", "replace") if isinstance(resp, bytes) else resp


def worker():
    smtp = None
    while time.time() < end:
        if smtp is None:
            try:
                smtp = smtplib.SMTP(host, port, timeout=60)
                smtp.ehlo("gf-client.test")
            except (OSError, smtplib.SMTPException):
                smtp = None
                time.sleep(0.2)
                continue
        n = next(numbers)
        t0 = time.time()
        try:
            code, resp = smtp.mail(sender)
            if code == 250:
                code, resp = smtp.rcpt(recipient)
                if code in (250, 251):
                    code, resp = smtp.data(message(n))
            if code != 250:
                smtp.rset()
            record(n, t0, code, reply(resp))
            if code == 421:
                smtp.close()
                smtp = None
        except smtplib.SMTPDataError as e:  # DATA itself refused (not 354)
            record(n, t0, e.smtp_code, reply(e.smtp_error))
        except (OSError, smtplib.SMTPException) as e:
            # The session broke without a reply to the message: the client would retry it.
            record(n, t0, 0, repr(e))
            try:
                smtp.close()
            except OSError:
                pass
            smtp = None
    if smtp is not None:
        try:
            smtp.quit()
        except (OSError, smtplib.SMTPException):
            pass


threads = [threading.Thread(target=worker) for _ in range(sessions)]
for t in threads:
    t.start()
for t in threads:
    t.join()
