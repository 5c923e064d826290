#!/usr/bin/env python3
"""bench/history.py BUILDDIR RUNS - give BUILDDIR/history RUNS runs: the
run it records (the last) and RUNS - 1 earlier runs of every test written
before it, one a day, for benchmarks of what reads the history. In each
earlier run a test has the verdict of its result, except 1 in 50 tests,
which has the other one (a pass for a failure, a failure for a pass);
durations vary by up to a half around the result's. Each record has the
keys of the recorded run's record of its test, so the file is as large
as the writer of this tree makes it."""
import os
import random
import sys


def fields(line):
    f = line.rstrip("\n").split("\t")
    return f[0], dict(x.split("=", 1) for x in f[1:] if "=" in x)


def line(kind, kv):
    return "\t".join([kind] + ["%s=%s" % (k, v) for k, v in kv]) + "\n"


def main():
    out, runs = sys.argv[1], int(sys.argv[2])
    path = os.path.join(out, "history")
    lines = open(path).read().splitlines(True)
    if not lines or not lines[0].startswith("cosimgen-history"):
        sys.exit("%s is not a history" % path)
    head, body = lines[0], lines[1:]
    last_run = [i for i, l in enumerate(body) if l.startswith("run\t")][-1]
    kind, run = fields(body[last_run])
    tests = [fields(l)[1] for l in body[last_run + 1:] if l.startswith("test\t")]
    rng = random.Random(1)
    day = 86400 * 1000
    start, end = int(run["start_ms"]), int(run["end_ms"])
    text = [head]
    for k in range(1, runs):
        shift = (runs - k) * day
        text.append(line("run", [("id", k), ("start_ms", start - shift),
                                 ("end_ms", end - shift),
                                 ("cosimgen", run.get("cosimgen", "")),
                                 ("host", run.get("host", ""))]))
        for t in tests:
            status = t["status"]
            sig = t.get("signature", "")
            if rng.random() < 0.02:
                if status == "pass":
                    status = "fail"
                    sig = "ERROR: t<n> went wrong"
                else:
                    status, sig = "pass", ""
            d = int(t.get("duration_ms") or 0)
            d = max(0, int(d * rng.uniform(0.5, 1.5)))
            # the keys of the recorded run's record, as its writer left
            # them out or put them
            rec = dict(t)
            rec.pop("run", None)
            rec["status"] = status
            rec["duration_ms"] = d
            rec.pop("signature", None)
            if sig:
                rec["signature"] = sig
            text.append(line("test", list(rec.items())))
    kv = dict(run)
    kv["id"] = runs
    text.append(line("run", list(kv.items())))
    for l in body[last_run + 1:]:
        kind, t = fields(l)
        if "run" in t:
            t["run"] = runs
        text.append(line(kind, list(t.items())))
    tmp = path + ".tmp"
    open(tmp, "w").write("".join(text))
    os.replace(tmp, path)


main()
