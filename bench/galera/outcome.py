#!/usr/bin/env python3
"""Judges a bench/galera-failover.sh run: every message answered 250 must be at the sink, no
answer may be a 5xx, and the time from the kill until mail is accepted again is measured.
Usage: outcome.py SENT_FILE SINK_DIR KILL_EPOCH [REJOIN_EPOCH]; prints the figures, exits 1 if a
rule is broken. With REJOIN_EPOCH (when the killed node was synced again), the answers after it are
counted apart: they are not part of the failover.
"""
import collections
import os
import re
import sys

sent_file, sink_dir, kill_at = sys.argv[1], sys.argv[2], float(sys.argv[3])
rejoin_at = float(sys.argv[4]) if len(sys.argv) > 4 else float("inf")
rows = []
with open(sent_file) as f:
    for line in f:
        n, t0, t1, code, text = (line.rstrip("\n").split("\t") + [""])[:5]
        rows.append((int(n), float(t0), float(t1), int(code), text))
rows.sort(key=lambda r: r[2])

accepted = {r[0] for r in rows if r[3] == 250}
subject = re.compile(rb"^Subject: gf-(\d+)\r?$", re.M)
at_sink = collections.Counter()
for root, _, files in os.walk(sink_dir):
    for name in files:
        with open(os.path.join(root, name), "rb") as f:
            for m in subject.finditer(f.read()):
                at_sink[int(m.group(1))] += 1

before = [r for r in rows if r[2] < kill_at]
after = [r for r in rows if kill_at <= r[2] < rejoin_at]
rejoined = [r for r in rows if r[2] >= rejoin_at]
failed_after = [r for r in after if r[3] != 250]
codes = collections.Counter("no reply" if r[3] == 0 else str(r[3]) for r in rows if r[3] != 250)
permanent = [r for r in rows if 500 <= r[3] < 600]
missing = sorted(accepted - set(at_sink))
duplicated = sum(1 for n in accepted if at_sink[n] > 1)
print("transactions           : %d (%d before the kill, %d after it, %d after the rejoin)"
      % (len(rows), len(before), len(after), len(rejoined)))
print("answered 250           : %d" % len(accepted))
print("not answered 250       : %s" % (", ".join("%s x%d" % kv for kv in sorted(codes.items())) or "none"))
for code, text in sorted({(r[3], r[4]) for r in rows if r[3] != 250})[:8]:
    print("    %s %s" % (code or "no reply:", text[:150]))
if failed_after:
    last_failure = max(r[2] for r in failed_after)
    recovered = [r for r in after if r[3] == 250 and r[1] >= last_failure]
    print("first failure after kill: %+.2f s" % (min(r[2] for r in failed_after) - kill_at))
    print("last failure after kill : %+.2f s" % (last_failure - kill_at))
    if recovered:
        print("accepted again after    : %.2f s (first 250 of a transaction begun after the last failure)"
              % (min(r[2] for r in recovered) - kill_at))
    else:
        print("accepted again after    : never (no 250 after the last failure)")
else:
    first = [r for r in after if r[3] == 250]
    print("no failure after the kill; first 250 after it at %+.2f s" % ((first[0][2] - kill_at) if first else float("nan")))
longest = max((b[2] - a[2] for a, b in zip([r for r in rows if r[3] == 250], [r for r in rows if r[3] == 250][1:])
               if kill_at <= b[2] < rejoin_at), default=0.0)
print("longest gap between 250s (kill to rejoin): %.2f s" % longest)
if rejoined:
    print("after the rejoin       : %d answered 250, %d not"
          % (sum(1 for r in rejoined if r[3] == 250), sum(1 for r in rejoined if r[3] != 250)))
print("at the sink            : %d of the %d answered 250 (%d missing, %d delivered twice)"
      % (len(accepted) - len(missing), len(accepted), len(missing), duplicated))
if missing:
    print("missing numbers        : %s" % " ".join(map(str, missing[:30])))
ok = not missing and not permanent and any(r[3] == 250 for r in after)
print("RESULT                 : %s" % ("PASS" if ok else "FAIL"))
sys.exit(0 if ok else 1)
