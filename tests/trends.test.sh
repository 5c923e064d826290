#!/bin/sh
# Trends over runs: the launcher measures the CPU time and the peak memory
# of a test's whole process tree (a grandchild's CPU included) into its
# result, the history and results.json; over several runs whose outcomes
# change, results.json's trends give a run per run with its tallies and
# the suite's pass rate, each test's statuses aligned with them, and the
# slowest tests with their change against their earlier records; the page
# shows the section, the charts and a strip per test in Chromium.
. "$COSIM_TOP/tests/lib.sh"

d=$(scratch trends)
cd "$d" || exit 1
echo 0.3 >dur
cat >tests.ini <<'EOF'
[cosimgen]
builddir = out

[test:burn]
command = sh -c 'i=0; while [ $i -lt 300000 ]; do i=$((i+1)); done'

; the CPU is a background child's, which the test waits for
[test:grand]
command = sh -c '(i=0; while [ $i -lt 300000 ]; do i=$((i+1)); done) & wait'

[test:mem]
command = python3 -c 'x = bytearray(200 * 1024 * 1024); x[::4096] = b"a" * len(x[::4096])'

[test:flip]
command = test -f {srcdir}/flip.ok

; the same inputs each run, a duration the file dur sets
[test:slow]
command = sh -c 'sleep $(cat {srcdir}/dur)'
EOF
"$COSIMGEN" tests.ini >gen.out 2>&1 && ninja >ninja1.out 2>&1
same "run 1: flip fails" "fail" "$(sed -n 's/^status //p' out/tests/flip/result)"

# usage.py: the CPU time and peak memory in the result, the history's
# last run and results.json agree, and are what the tests used.
cat >usage.py <<'EOF'
import json, sys
hist = {}
for l in open("out/history"):
    f = l.rstrip("\n").split("\t")
    if f[0] == "test":
        r = dict(x.split("=", 1) for x in f[1:])
        hist[r["name"]] = r
js = {t["name"]: t for t in json.load(open("out/results.json"))["tests"]}
def res(name):
    r = {}
    for l in open("out/tests/%s/result" % name):
        k, _, v = l.rstrip("\n").partition(" ")
        r.setdefault(k, v)
    return r
name, key, low = sys.argv[1], sys.argv[2], int(sys.argv[3])
got = (int(res(name).get(key, 0)), int(hist[name].get(key, 0)),
       js[name].get(key, 0))
if got[0] <= low or len(set(got)) != 1:
    sys.exit("%s %s: result, history, results.json: %s, want > %d"
             % (name, key, got, low))
EOF
check "usage: a test that burns CPU has cpu_ms > 100" \
    "$PYTHON" usage.py burn cpu_ms 100
check "usage: a grandchild's CPU counts" \
    "$PYTHON" usage.py grand cpu_ms 100
check "usage: a test that holds 200 MiB has max_rss_kb above it" \
    "$PYTHON" usage.py mem max_rss_kb 204800
check "usage: a test that sleeps uses little CPU" \
    sh -c '[ "$(sed -n "s/^cpu_ms //p" out/tests/slow/result)" -lt 100 ] 2>/dev/null ||
        ! grep -q "^cpu_ms " out/tests/slow/result'

# run 2: everything again, all pass, slow takes twice its time
: >flip.ok
echo 0.6 >dur
"$COSIMGEN" run --force >ninja2.out 2>&1
# run 3: only flip again, which fails again
rm -f flip.ok
"$COSIMGEN" run --force flip >ninja3.out 2>&1
cp out/results.json run3.json
cp out/report.html run3.html

cat >runs.py <<'EOF'
import json, sys
d = json.load(open("run3.json"))
runs = [(r["id"], r["tests"], r["passed"], r["failed"], r["pass_rate"],
         r["current"]) for r in d["trends"]["runs"]]
want = [(1, 5, 4, 1, 0.8, False), (2, 5, 5, 0, 1.0, False),
        (3, 1, 0, 1, 0.8, True)]
if runs != want:
    sys.exit("runs %s, want %s" % (runs, want))
for r in d["trends"]["runs"]:
    if not 0 < r["wall_ms"] == r["end_epoch_ms"] - r["start_epoch_ms"]:
        sys.exit("wall time %s" % r)
EOF
check "trends: a run per run, its tallies, the suite's pass rate after it" \
    "$PYTHON" runs.py

cat >strip.py <<'EOF'
import json, sys
t = {x["name"]: x for x in json.load(open("run3.json"))["tests"]}
want = {"flip": ["fail", "pass", "fail"], "burn": ["pass", "pass", None]}
for name, w in want.items():
    if t[name]["history"] != w:
        sys.exit("%s: %s, want %s" % (name, t[name]["history"], w))
cpu = t["burn"]["history_cpu_ms"]
if not (cpu[0] > 100 and cpu[1] > 100 and cpu[2] is None):
    sys.exit("burn's CPU over the runs: %s" % cpu)
EOF
check "trends: a test's statuses over the runs, and its CPU time" \
    "$PYTHON" strip.py

cat >slowest.py <<'EOF'
import json, sys
s = json.load(open("run3.json"))["trends"]["slowest"]
slow = [x for x in s if x["name"] == "slow"]
if s[0]["duration_ms"] < s[-1]["duration_ms"] or not slow:
    sys.exit("slowest %s" % s)
x = slow[0]
# run 1's 0.3 s is its past; run 2's 0.6 s its result now
if not (250 <= x["mean_ms"] <= 600 and x["duration_ms"] >= 600 and
        x["change"].startswith("+") and int(x["change"][1:-1]) >= 30):
    sys.exit("slow: %s" % x)
flip = [x for x in s if x["name"] == "flip"]
if flip and flip[0]["change"] == "new":
    sys.exit("flip has earlier records: %s" % flip)
EOF
check "trends: the slowest tests with their change in duration" \
    "$PYTHON" slowest.py
check "html: a strip per test, a letter a run" \
    grep -q '<td class="strip" data-h="fpf">' run3.html

"$COSIMGEN" report --trend-runs 2 out >report4.out 2>&1
check "--trend-runs 2: the last two runs" "$PYTHON" -c '
import json, sys
r = json.load(open("out/results.json"))["trends"]["runs"]
sys.exit([x["id"] for x in r] != [2, 3] or r[1]["current"])'
"$COSIMGEN" report --trend-runs 0 out >bad.out 2>&1
same "--trend-runs 0 is a usage error" 2 "$?"

if command -v chromium >/dev/null 2>&1; then
	cp run3.html out/report.html
	browse --dump-dom "file://$d/out/report.html" >dom.html
	cat >check_dom.py <<'EOF'
import re, sys
dom = open("dom.html").read()
for what in ('<h2 id="trends">Trends</h2>', '<svg id="trend-rate"',
             '<svg id="trend-time"', '<table id="slowest"'):
    if what not in dom:
        sys.exit("no %s" % what)
if dom.count('class="trend-point"') != 3 or dom.count('class="trend-bar"') != 3:
    sys.exit("not a point and a bar per run")
row = re.search(r'<td class="strip" data-h="fpf">(.*?)</td>', dom)
cells = re.findall(r'<i class="h-([a-z]+)" title="([^"]*)"></i>',
                   row.group(1) if row else "")
want = [("fail", "run 1: fail"), ("pass", "run 2: pass"),
        ("fail", "run 3 (this run): fail")]
if cells != want:
    sys.exit("flip's strip cells %s, want %s" % (cells, want))
if len(re.findall(r'<td class="strip"', dom)) != 5:
    sys.exit("not a strip per test")
EOF
	check "html: Chromium shows the trends and draws each strip's cells" \
	    "$PYTHON" check_dom.py
	printf '<!DOCTYPE html><html><body></body></html>\n' >blank.html
	screenshot "$d/blank.png" "file://$d/blank.html"
	screenshot "$d/shot.png" "file://$d/out/report.html#trends"
	check "html: the trends draw more than a blank page" sh -c \
	    '[ "$(stat -c %s shot.png)" -gt "$(( $(stat -c %s blank.png) * 4 ))" ]'
else
	skip "html: Chromium shows the trends" "chromium is not installed (apt-get install chromium)"
fi
