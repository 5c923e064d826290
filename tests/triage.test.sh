#!/bin/sh
# Triage across runs, through real runs of cosimgen, ninja and cosim-run:
# tests whose outcome a control file decides (an input of the test, in
# its depends: a change reruns it, and its inputs change) fail and pass
# from run to run; the report marks each failure new or known, each test
# that failed last run and passes now fixed, a test that passed and
# failed with the same inputs unstable (alt, whose control file is no
# input of it; one whose inputs or command changed with its outcome is
# not),
# groups the failures into buckets by signature, lists the fixed ones,
# says how many failures are new, and gives the same marks when made
# again with nothing run; results.json and report.html carry it all.
. "$COSIM_TOP/tests/lib.sh"

d=$(scratch triage)
cd "$d" || exit 1
mkdir ctl
# manifest CMD: the suite, with CMD the command of the test chg
manifest() {
	{
		printf '[cosimgen]\nbuilddir = out\nfail_patterns = test:ERROR\n'
		printf '\n[test:ok]\ncommand = true\n'
		printf '\n[test:chg]\ncommand = %s\n' "$1"
		for t in a b c alt g1 g2 g3 g4 g5 g6; do
			printf '\n[test:%s]\ncommand = sh -c %s\n' \
			    "$t" "'cat {srcdir}/ctl/$t; test \"\$(cat {srcdir}/ctl/$t)\" = pass'"
			[ $t = alt ] || printf 'depends = ctl/%s\n' $t
		done
	} >tests.ini
}
# set T TEXT...: the control file of T: "pass", or the line it prints and
# fails with
set_ctl() {
	_t=$1
	shift
	echo "$*" >"ctl/$_t"
}
for t in c g1 g2 g3 g4 g5 g6; do set_ctl $t pass; done
set_ctl a ERROR: checksum mismatch, expected 0x1f got 12
set_ctl b ERROR: checksum mismatch, expected 0x20 got 13
set_ctl alt ERROR: alt broke at 100 ns
manifest false
# go N: generate and run; the report's summary into sumN
go() {
	"$COSIMGEN" tests.ini >gen$1.out 2>&1
	ninja >ninja$1.out 2>&1
	cp out/summary.txt sum$1
}
# marks: NAME:MARK[+unstable] of every test with a mark, from results.json
cat >marks.py <<'EOF'
import json, sys
d = json.load(open(sys.argv[1] if len(sys.argv) > 1 else "out/results.json"))
print(" ".join(t["name"] + ":" + t.get("mark", "-") +
               ("+unstable" if t.get("unstable") else "")
               for t in d["tests"] if "mark" in t or "unstable" in t))
EOF
marks() { "$PYTHON" marks.py "$@"; }

go 1
same "run 1: every failure is new (no history)" \
    "chg:new a:new b:new alt:new" "$(marks)"
same "run 1: the line before the counts says so" \
    "4 new failures, 0 known|8 passed, 4 failed" "$(tail -n 2 sum1 | tr '\n' '|' | sed 's/|$//')"
check "run 1: without history, no mark on the entries (all are new)" grep -qx 'FAIL     a: test exited with status 1' sum1
check "run 1: four failures: no buckets in the summary" sh -c '! grep -q "^BUCKET" sum1'

# run 2: a passes, b still fails, c fails now, alt passes, chg's command
# changes and it passes
set_ctl a pass
set_ctl c ERROR: bad state 7
set_ctl alt pass
manifest true
go 2
same "run 2: a fixed, b known, c new; a test that failed and passed with the same inputs is unstable, one whose inputs or command changed is not" \
    "chg:fixed a:fixed b:known c:new alt:fixed+unstable" "$(marks)"
same "run 2: the line of new failures, then the counts" \
    "1 new failure, 1 known; 3 fixed since the last run; 1 unstable test|10 passed, 2 failed" \
    "$(tail -n 2 sum2 | tr '\n' '|' | sed 's/|$//')"
check "run 2: the entries' marks, at the end of their first line" sh -c \
    "grep -qx 'FAIL     b: test exited with status 1 \[known\]' sum2 &&
     grep -qx 'FAIL     c: test exited with status 1 \[new\]' sum2"
check "run 2: the fixed buckets, with the tests that pass now" sh -c \
    "grep -qx 'FIXED    1 test: ERROR: alt broke at <n> ns; pass now: alt' sum2 &&
     grep -qx 'FIXED    1 test: test exited with status <n>; pass now: chg' sum2"
cp out/results.json results2.json
cp out/history history2
"$COSIMGEN" report out >report2b.out 2>&1
check "a report again with nothing run records no run" cmp -s history2 out/history
same "a report again with nothing run gives the same marks" \
    "$(marks results2.json)" "$(marks)"
check "... and the same summary" cmp -s sum2 out/summary.txt

# run 3: six tests fail with lines that differ only in numbers, the same
# problem as b's; alt fails again, chg's command and outcome go back
for i in 1 2 3 4 5 6; do set_ctl g$i ERROR: checksum mismatch, expected 0x$i$i got $i$i$i; done
set_ctl alt ERROR: alt broke at 250 ns
rm -f out/tests/alt/stamp	# alt passed: it runs again, its inputs as they were
manifest false
go 3
same "run 3: the marks (the six failed with new inputs: new; alt failed with the inputs it passed with: unstable; a passed and did not run: no mark)" \
    "chg:new b:known c:known alt:new+unstable g1:new g2:new g3:new g4:new g5:new g6:new" \
    "$(marks)"
check "run 3: ten failures: the buckets come first, most tests first, each with an example's log and repro" \
    sh -c "head -n 3 sum3 | tr '\n' '|' | grep -qx 'BUCKET   7 tests, known: ERROR: checksum mismatch, expected 0x<n> got <n>|         e.g. b   log: out/tests/b/run/test.out:1|                  repro: out/tests/b/repro.sh|'"
check "run 3: a bucket of one new test" \
    grep -qx 'BUCKET   1 test, new: ERROR: alt broke at <n> ns' sum3
check "run 3: the buckets before the entries" sh -c \
    "[ \$(grep -n '^BUCKET' sum3 | tail -n 1 | cut -d: -f1) -lt \$(grep -n '^FAIL' sum3 | head -n 1 | cut -d: -f1) ]"
same "run 3: the line of new failures" \
    "8 new failures, 2 known; 1 unstable test|2 passed, 10 failed" \
    "$(tail -n 2 sum3 | tr '\n' '|' | sed 's/|$//')"

cat >check_json.py <<'EOF'
import json, sys
d = json.load(open("out/results.json"))
b = d["buckets"]
want = [(7, "known", "ERROR: checksum mismatch, expected 0x<n> got <n>"),
        (1, "new", "ERROR: alt broke at <n> ns"),
        (1, "known", "ERROR: bad state <n>"),
        (1, "new", "test exited with status <n>")]
got = [(x["count"], x["mark"], x["signature"]) for x in b]
if got != want:
    sys.exit("buckets %s, not %s" % (got, want))
if b[0]["tests"] != ["b", "g1", "g2", "g3", "g4", "g5", "g6"]:
    sys.exit("tests %s" % b[0]["tests"])
ex = b[0]["example"]
if ex != {"test": "b", "log": "out/tests/b/run/test.out", "log_line": 1,
          "repro": "out/tests/b/repro.sh"}:
    sys.exit("example %s" % ex)
for t in d["tests"]:
    if "signature" in t:
        x = b[t["bucket"]]
        if x["signature"] != t["signature"] or t["name"] not in x["tests"]:
            sys.exit("%s: bucket %s" % (t["name"], x))
    elif "bucket" in t:
        sys.exit("%s: a bucket without a signature" % t["name"])
if d["fixed_buckets"] != []:
    sys.exit("fixed %s" % d["fixed_buckets"])
EOF
check "results.json: the buckets (count, mark, signature, tests, example), each test's signature and bucket" \
    "$PYTHON" check_json.py
cp out/results.json results3.json

# --unstable-runs 1: only the previous record counts
"$COSIMGEN" report --unstable-runs 1 out >unstable1.out 2>&1
same "--unstable-runs 1: alt passed in its previous record, with the same inputs" \
    "chg:new b:known c:known alt:new+unstable g1:new g2:new g3:new g4:new g5:new g6:new" \
    "$(marks)"
"$COSIMGEN" report --unstable-runs 0 out >unstable0.out 2>&1
same "--unstable-runs 0 is a usage error" \
    "2:cosimgen: report: --unstable-runs takes a number of runs from 1 to 1000000, not '0'" \
    "$?:$(head -n 1 unstable0.out)"
"$COSIMGEN" report out >/dev/null 2>&1

# The page: the buckets section before the tests' table, each bucket a
# <details> with its tests; the marks as badges the filter finds.
check "html: a Failure buckets section before the tests" sh -c \
    "grep -o '<h2>[A-Za-z ]*</h2>' out/report.html | tr '\n' ' ' | grep -q 'Failure buckets</h2> <h2>Tests'"
if command -v chromium >/dev/null 2>&1; then
	browse --dump-dom "file://$d/out/report.html" >dom.html
	cat >check_html.py <<'EOF'
import re, sys
dom = open("dom.html").read()
sec = dom[dom.index('id="buckets"'):dom.index('<h2>Tests</h2>')]
det = re.findall(r'<details class="bucket" data-mark="(\w+)" data-count="(\d+)">', sec)
if det != [("known", "7"), ("new", "1"), ("known", "1"), ("new", "1")]:
    sys.exit("buckets %s" % det)
first = sec[:sec.index("</details>")]
if first.count("<tr>") != 7 or 'href="tests/g6/repro.sh"' not in first or 'href="tests/g6/run/test.out"' not in first:
    sys.exit("the first bucket's tests: %s" % first)
rows = dom[dom.index('<table id="tests"'):]
if not re.search(r'<tr data-status="fail"[^>]*><td>alt</td><td class="st fail">fail</td>[^\n]*?<td class="reason"><span class="mark new">new</span> <span class="mark unstable">unstable</span> ', rows):
    sys.exit("no badges in alt's row")
m = re.search(r'<div id="dom-counts"[^>]*>', dom)
if not m or 'data-ready="yes"' not in m.group(0):
    sys.exit("the page's script did not run")
EOF
	check "html (Chromium): a <details> per bucket with its tests, log and repro links; marks as badges in the tests' table" \
	    "$PYTHON" check_html.py
	screenshot "$d/shot.png" "file://$d/out/report.html"
	check "html: Chromium draws it" sh -c '[ "$(stat -c %s shot.png)" -gt 20000 ]'
else
	skip "html: Chromium runs the page" "chromium is not installed (apt-get install chromium)"
fi

# Many failures: the summary stays bounded (BUCKETS_SHOWN buckets, then
# how many more).
d2=$(scratch triage-many)
cd "$d2" || exit 1
{
	printf '[cosimgen]\nbuilddir = out\n'
	i=0
	while [ $i -lt 30 ]; do
		printf '\n[test:t%s]\ncommand = sh -c "echo problem %s; exit 1"\nfail_patterns = test:problem\n' $i $(printf '%s' $i | tr 0-9 a-j)
		i=$((i + 1))
	done
	# and two that share one
	printf '\n[test:s%s]\ncommand = sh -c "echo problem shared; exit 1"\nfail_patterns = test:problem\n' 1 2
} >tests.ini
"$COSIMGEN" tests.ini >gen.out 2>&1 && ninja >ninja.out 2>&1
same "31 buckets: 20 listed, the largest first, then how many more" \
    "BUCKET   2 tests, new: problem shared|19|BUCKET   and 11 more (results.json and report.html list them all)" \
    "$(grep -m1 '^BUCKET' out/summary.txt)|$(grep -c '^BUCKET   1 test, new: ' out/summary.txt)|$(grep '^BUCKET   and' out/summary.txt)"

# Failures that share no signature: buckets of one test each would only
# repeat the entries, so none is listed.
d3=$(scratch triage-distinct)
cd "$d3" || exit 1
{
	printf '[cosimgen]\nbuilddir = out\n'
	for i in a b c d e f g; do
		printf '\n[test:t%s]\ncommand = sh -c "echo problem %s; exit 1"\nfail_patterns = test:problem\n' $i $i
	done
} >tests.ini
"$COSIMGEN" tests.ini >gen.out 2>&1 && ninja >ninja.out 2>&1
same "7 failures, 7 signatures: no bucket listed, 7 entries" "0|7" \
    "$(grep -c '^BUCKET' out/summary.txt)|$(grep -c '^FAIL     t' out/summary.txt)"
