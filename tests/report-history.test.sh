#!/bin/sh
# The run history the report keeps: one run per report that has new
# results, with a record per test that ran (status, duration, seed,
# fingerprint = the spec's hash, attempts), nothing when no result is new,
# at most N runs (--history-runs), in the file --history names; a file
# there that is not a history is left alone with a warning.
. "$COSIM_TOP/tests/lib.sh"

d=$(scratch report-history)
cd "$d" || exit 1
cat >tests.ini <<'EOF'
[cosimgen]
builddir = out

[test:good]
command = true

[test:bad]
command = false

[test:napper]
command = sleep 0.2
EOF
"$COSIMGEN" tests.ini >gen.out 2>&1 && ninja >ninja1.out 2>&1
# runs FILE: how many runs the history FILE holds
runs() { grep -c '^run	' "$1"; }
same "history: the first report adds one run" 1 "$(runs out/history)"
# check_hist.py FILE ID NAMES: the last run of FILE is run ID, of the
# tests NAMES (comma-separated), each recorded as its result says.
cat >check_hist.py <<'EOF'
import socket, sys
path, want_run = sys.argv[1], int(sys.argv[2])
lines = open(path).read().split("\n")
if lines[0] != "cosimgen-history 1":
    sys.exit("magic %r" % lines[0])
runs, tests = [], []
for l in lines[1:]:
    if not l:
        continue
    f = l.split("\t")
    rec = dict(x.split("=", 1) for x in f[1:])
    if f[0] == "test":
        # a record belongs to the run before it
        rec.setdefault("run", runs[-1]["id"])
        rec.setdefault("attempts", "1")
        rec.setdefault("signature", "")
    (runs if f[0] == "run" else tests).append(rec)
run = runs[-1]
mine = [t for t in tests if t["run"] == run["id"]]
want = sys.argv[3].split(",")
if int(run["id"]) != want_run or sorted(t["name"] for t in mine) != sorted(want):
    sys.exit("run %s: %s, not %d: %s" % (run["id"], [t["name"] for t in mine], want_run, want))
res = {}
for name in want:
    r = {}
    for l in open("out/tests/%s/result" % name):
        k, _, v = l.rstrip("\n").partition(" ")
        r.setdefault(k, v)
    res[name] = r
for t in mine:
    r = res[t["name"]]
    exp = {"status": r["status"], "duration_ms": r["duration_ms"],
           "seed": r["seed"], "fingerprint": r["spec_hash"], "attempts": "1",
           # a failure's signature: here the launcher's reason, its
           # exit status normalised
           "signature": "test exited with status <n>"
           if r["status"] == "fail" else ""}
    got = {k: t.get(k) for k in exp}
    if got != exp:
        sys.exit("%s: %s, not %s" % (t["name"], got, exp))
starts = [int(r["start_epoch_ms"]) for r in res.values()]
if int(run["start_ms"]) != min(starts) or int(run["end_ms"]) < max(starts):
    sys.exit("run times %s vs starts %s" % (run, starts))
if run["host"] != socket.gethostname() or not run["cosimgen"]:
    sys.exit("run %s" % run)
EOF
check "history: a record per test with the result's status, duration, seed, spec hash, attempts, a failure's signature; the run's times, host, version" \
    "$PYTHON" check_hist.py out/history 1 good,bad,napper
check "history: the durations recorded are the results'" sh -c \
    "grep -q 'name=napper	status=pass	duration_ms=[1-9][0-9][0-9]' out/history"

cp out/history before
"$COSIMGEN" report out >report2.out 2>&1
check "history: a report with no new result adds nothing" cmp -s before out/history
"$COSIMGEN" report --filter 'bad' out >filter.out 2>&1
check "history: a filtered report adds nothing" cmp -s before out/history

"$COSIM_TOP/cosim-run" out/tests/bad/spec >/dev/null 2>&1
"$COSIMGEN" report out >report3.out 2>&1
check "history: after one test ran, the next report adds a run of that test" \
    "$PYTHON" check_hist.py out/history 2 bad
same "history: ... and keeps the first" 2 "$(runs out/history)"

# A test that did not run to its end has no duration in the history.
cp out/history before
for t in good napper; do
	sed -i "s/^start_epoch_ms .*/start_epoch_ms $(date +%s%3N)/" out/tests/$t/result
done
sed -i 's/^status .*/status notrun/' out/tests/napper/result
"$COSIMGEN" report out >report4.out 2>&1
check "history: a test not run is recorded without a duration" sh -c \
    "tail -n 2 out/history | grep -q 'name=napper	status=notrun	seed=' &&
     tail -n 2 out/history | grep -q 'name=good	status=pass	duration_ms='"
cp before out/history

# --history FILE and --history-runs N: 60 reports, each after one run of a
# test, keep the last 50 runs
mkdir ci
last_end() {
	sed -n 's/^run	.*	end_ms=\([0-9]*\)	.*/\1/p' ci/cache.hist 2>/dev/null |
	    tail -n 1
}
start_of() { sed -n 's/^start_epoch_ms //p' "out/tests/$1/result"; }
i=0
while [ $i -lt 60 ]; do
	end=$(last_end) tries=0
	"$COSIM_TOP/cosim-run" out/tests/good/spec >/dev/null 2>&1
	# a run that starts before the last recorded end is not new (a
	# clock set back): run it again, so that each report has one
	while [ -n "$end" ] && [ "$(start_of good)" -le "$end" ] &&
	    [ $tries -lt 5 ]; do
		sleep 0.1
		"$COSIM_TOP/cosim-run" out/tests/good/spec >/dev/null 2>&1
		tries=$((tries + 1))
	done
	"$COSIMGEN" report --history ci/cache.hist --history-runs 50 out \
	    >/dev/null 2>>reports.err
	i=$((i + 1))
done
same "history-runs: 60 reports, 50 runs kept" 50 "$(runs ci/cache.hist)"
same "history-runs: the newest, 11 to 60" "11 60" \
    "$(sed -n 's/^run	id=\([0-9]*\).*/\1/p' ci/cache.hist | sed -n '1p;$p' | tr '\n' ' ' | sed 's/ $//')"
check "history-runs: the last run holds the test that ran" \
    "$PYTHON" check_hist.py ci/cache.hist 60 good
# a record belongs to the run record before it: the oldest run's record
# comes first, so none is left without its run
same "history-runs: every test record belongs to a run kept" "run	id=11" \
    "$(sed -n '2s/^\(run	id=[0-9]*\).*/\1/p' ci/cache.hist)"
check "history: --history leaves the builddir's own alone" sh -c \
    "[ \$(grep -c '^run	' out/history) -eq 2 ] && [ ! -s reports.err ]"
"$COSIMGEN" report --history-runs 49 out >runs.out 2>&1
same "history-runs: fewer than 50 is a usage error" \
    "2:cosimgen: report: --history-runs takes a number of runs from 50 to 1000000, not '49'" \
    "$?:$(head -n 1 runs.out)"

# A file at the history path that is not a history: a warning, the
# report as always, the file as it was.
d2=$(scratch report-history-foreign)
cd "$d2" || exit 1
printf '[cosimgen]\nbuilddir = out\n\n[test:a]\ncommand = true\n' >tests.ini
"$COSIMGEN" tests.ini >gen.out 2>&1 && ninja >ninja.out 2>&1
printf 'precious data\n' >mine.txt
cp mine.txt mine.orig
rm -f out/results.json
"$COSIMGEN" report --history mine.txt out >report.out 2>report.err
same "foreign: the report still passes" 0 "$?"
same "foreign: ... and says so" "1 passed, 0 failed" "$(tail -n 1 report.out)"
check "foreign: the report files are written" test -s out/results.json
check "foreign: the file is left as it was" cmp -s mine.txt mine.orig
same "foreign: a warning names it" \
    "cosimgen: report: warning: cannot read the history mine.txt: it is not a cosimgen history (left as it is; name another file with --history, or remove it); the run is not recorded" \
    "$(cat report.err)"
