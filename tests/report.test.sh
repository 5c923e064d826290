#!/bin/sh
# Reports: a run holding every status, checked in report.xml (against the
# JUnit schema in tests/schema), results.json, report.html (in headless
# Chromium) and the console summary; --filter; label targets; the exit
# status of ninja; and a partial rerun of 100 tests with real ninja.
. "$COSIM_TOP/tests/lib.sh"
SCHEMA="$COSIM_TOP/tests/schema/junit.xsd"

d=$(scratch report)
cd "$d" || exit 1
cat >tests.ini <<'EOF'
[cosimgen]
builddir = out

[test:ok]
command = true
labels = smoke

[test:bad]
command = sh -c 'echo "ERROR: boom"; exit 0'
labels = smoke

[test:slow]
command = sleep 10
timeout = 0.3

[test:segv]
command = sh -c 'echo "bits=42" >>"$COSIM_PROPERTIES"; echo "dying <now> & \"gone\""; kill -SEGV $$'

[test:skip77]
command = sh -c 'exit 77'

[test:skippat]
command = echo no license available
skip_patterns = no\slicense

[test:known]
command = false
expect = fail

[test:fixed]
command = true
expect = fail

[test:broken]
command = true

[test:intr]
command = sleep 30

[test:never]
command = true
EOF
"$COSIMGEN" tests.ini || exit 1
# error: the run directory cannot be made (a file holds its place)
: >out/tests/broken/run
# interrupted: Ctrl-C reaches the launcher while the test runs
"$COSIM_TOP/cosim-run" out/tests/intr/spec >intr.out 2>&1 &
pid=$!
sleep 0.5
kill -INT $pid
wait $pid
ninja -k 0 test/ok test/bad test/slow test/segv test/skip77 test/skippat \
    test/known test/fixed test/broken >ninja.out 2>&1
"$COSIMGEN" report out >report.out 2>&1
rc=$?
same "report: exits 1 when tests failed" 1 "$rc"
same "report: the last line counts every kind" \
    "2 passed, 2 failed, 2 skipped, 1 timed out, 1 crashed, 2 errors, 1 not run" \
    "$(tail -n 1 report.out)"
check "report: a scan failure names its stream:line log and repro" \
    grep -qx '         log:   out/tests/bad/run/test.out:1' report.out
check "report: ... and the repro script" \
    grep -qx '         repro: out/tests/bad/repro.sh' report.out
check "report: a timeout is listed with its reason" \
    grep -q '^TIMEOUT  slow: timed out after' report.out
check "report: xpass is a failure" grep -q '^XPASS    fixed: passed, but' report.out
check "report: xfail and skips are not listed" sh -c \
    '! grep -Eq "^[A-Z]+ +(known|skip77|skippat|ok)[: ]" report.out'
same "report: summary.txt is what was printed" "$(cat report.out)" \
    "$(cat out/summary.txt)"

# The JUnit file against the schema, then its content.
if xmllint --noout --schema "$SCHEMA" out/report.xml >xmllint.out 2>&1; then
	ok "junit: report.xml is valid against the junit-10 rules"
else
	fail "junit: report.xml is valid against the junit-10 rules" \
	    "$(cat xmllint.out)"
fi
cat >check_junit.py <<'EOF'
import json, sys
import xml.etree.ElementTree as ET
res = {t["name"]: t for t in json.load(open("out/results.json"))["tests"]}
root = ET.parse("out/report.xml").getroot()
want = {"pass": None, "xfail": None, "skip": "skipped", "fail": "failure",
        "xpass": "failure", "timeout": "failure", "crash": "error",
        "error": "error", "interrupted": "error", "notrun": "error"}
seen = set()
for case in root.iter("testcase"):
    name = case.get("name")
    seen.add(name)
    st = res[name]["status"]
    kids = [k for k in case if k.tag in ("failure", "error", "skipped")]
    tag = kids[0].tag if kids else None
    if tag != want[st]:
        sys.exit("%s: status %s written as %s" % (name, st, tag))
    if tag in ("failure", "error") and kids[0].get("type") != st:
        sys.exit("%s: type %s, not %s" % (name, kids[0].get("type"), st))
if seen != set(res):
    sys.exit("tests differ: %s vs %s" % (sorted(seen), sorted(res)))
suite = root.find("testsuite")
counts = {k: int(suite.get(k)) for k in ("tests", "failures", "errors", "skipped")}
if counts != {"tests": 11, "failures": 3, "errors": 4, "skipped": 2}:
    sys.exit("suite counts %s" % counts)
props = {p.get("name"): p.get("value") for p in root.iter("property")}
if props.get("segv.bits") != "42":
    sys.exit("properties %s" % props)
out = [c for c in root.iter("testcase") if c.get("name") == "segv"][0]
if 'dying <now> & "gone"' not in out.find("system-out").text:
    sys.exit("segv system-out: %r" % out.find("system-out").text)
EOF
check "junit: every status has its element and type; counts, properties, log tails" \
    "$PYTHON" check_junit.py

cat >check_json.py <<'EOF'
import json, sys
d = json.load(open("out/results.json"))
st = {t["name"]: t["status"] for t in d["tests"]}
exp = {"ok": "pass", "bad": "fail", "slow": "timeout", "segv": "crash",
       "skip77": "skip", "skippat": "skip", "known": "xfail",
       "fixed": "xpass", "broken": "error", "intr": "interrupted",
       "never": "notrun"}
if st != exp:
    sys.exit("statuses %s" % st)
t = {x["name"]: x for x in d["tests"]}
if t["segv"]["properties"] != {"bits": "42"}:
    sys.exit("segv %s" % t["segv"])
if t["bad"]["fail_match"] != "test.out:1: ERROR: boom":
    sys.exit("bad %s" % t["bad"])
if t["ok"]["label"] != ["smoke"] or not isinstance(t["ok"]["duration_ms"], int):
    sys.exit("ok %s" % t["ok"])
if d["summary"] != open("out/summary.txt").read().splitlines()[-1]:
    sys.exit("summary %r" % d["summary"])
EOF
check "json: every status, properties of a crash, typed fields, the summary" \
    "$PYTHON" check_json.py

# --filter shows a subset and writes nothing.
before=$(stat -c %Y.%y out/results.json)
"$COSIMGEN" report --filter 'label:smoke' out >filter.out 2>&1
same "filter: label:smoke" "1 passed, 1 failed" "$(tail -n 1 filter.out)"
"$COSIMGEN" report --filter 'sk*' out >filter.out 2>&1
same "filter: a name pattern (skips only: exit 0)" "0:0 passed, 0 failed, 2 skipped" \
    "$?:$(tail -n 1 filter.out)"
"$COSIMGEN" report --filter 'status:crash' out >filter.out 2>&1
same "filter: status:crash" "0 passed, 0 failed, 1 crashed" "$(tail -n 1 filter.out)"
same "filter: no report file is rewritten" "$before" \
    "$(stat -c %Y.%y out/results.json)"
"$COSIMGEN" report --filter 'status:bogus' out >filter.out 2>&1
same "filter: a filter that matches nothing is an error" \
    "1:cosimgen: report: no test matches 'status:bogus' (a name pattern, or label:, design: or status: and a pattern)" \
    "$?:$(head -n 1 filter.out)"
same "filter: a status filter that matches nothing lists the statuses" \
    "cosimgen: report: the statuses are pass, fail, flaky, timeout, crash, error, interrupted, skip, xfail, xpass and notrun" \
    "$(tail -n 1 filter.out)"
"$COSIMGEN" report --bogus out >filter.out 2>&1
same "filter: an unknown option is a usage error" 2 "$?"

# The page in a real browser: it renders, its script ran, and the rows it
# counts by status are what results.json counts.
if command -v chromium >/dev/null 2>&1; then
	browse --dump-dom "file://$d/out/report.html" >dom.html
	cat >check_html.py <<'EOF'
import json, re, sys
dom = open("dom.html").read()
m = re.search(r'<div id="dom-counts"[^>]*>', dom)
if not m or 'data-ready="yes"' not in m.group(0):
    sys.exit("the page's script did not run: %r" % (m and m.group(0)))
got = dict(re.findall(r'data-([a-z-]+)="(\d+)"', m.group(0)))
d = json.load(open("out/results.json"))
want = {k.replace(" ", "-"): str(v) for k, v in d["counts"].items() if v}
want["rows"] = str(len(d["tests"]))
if got != want:
    sys.exit("page counts %s, results.json %s" % (got, want))
if dom.count("<rect") < 9:
    sys.exit("timeline has %d bars" % dom.count("<rect"))
page = open("out/report.html").read()
if re.search(r'(src|href)="(https?:|//)', page):
    sys.exit("the page loads something from the network")
EOF
	check "html: Chromium runs the page; its counts match results.json" \
	    "$PYTHON" check_html.py
	screenshot "$d/shot.png" "file://$d/out/report.html"
	check "html: Chromium draws it" sh -c '[ "$(stat -c %s shot.png)" -gt 20000 ]'
else
	skip "html: Chromium runs the page" "chromium is not installed (apt-get install chromium)"
fi

# ninja's exit status follows the report: 0 when every test passed, was
# skipped or failed as expected; label targets run their tests only.
d2=$(scratch report-green)
cd "$d2" || exit 1
printf '[cosimgen]\nbuilddir = out\n\n[test:a]\ncommand = true\nlabels = fast\n\n[test:b]\ncommand = false\nexpect = fail\n\n[test:c]\ncommand = sh -c "exit 77"\nlabels = fast\n\n[test:d]\ncommand = true\n' >tests.ini
"$COSIMGEN" tests.ini && ninja label/fast >ninja.out 2>&1
same "labels: label/fast runs its tests only" "a c" \
    "$(cd out/tests && ls -d */result 2>/dev/null | cut -d/ -f1 | tr '\n' ' ' | sed 's/ $//')"
ninja >ninja.out 2>&1
same "exit: ninja exits 0 with xfail and skip" 0 "$?"
same "exit: ... and says so" "3 passed, 0 failed, 1 skipped" "$(tail -n 1 ninja.out)"

# A partial rerun: the second ninja reruns the 2 failed tests of 100 and
# the report still covers all 100, marking the 2; a test removed from the
# manifest leaves the report.
d3=$(scratch report-rerun)
cd "$d3" || exit 1
{
	printf '[cosimgen]\nbuilddir = out\n\n'
	i=0
	while [ $i -lt 100 ]; do
		case $i in
		13|57) printf '[test:t%d]\ncommand = test -e {srcdir}/fixed\n\n' $i ;;
		*) printf '[test:t%d]\ncommand = true\n\n' $i ;;
		esac
		i=$((i + 1))
	done
} >tests.ini
"$COSIMGEN" tests.ini && ninja -j4 >ninja1.out 2>&1
check "rerun: the first run fails 2" grep -qx "98 passed, 2 failed" ninja1.out
cp out/results.json first.json
sleep 0.05
: >fixed
ninja -j4 >ninja2.out 2>&1
same "rerun: the second run runs only the 2 failed tests" 2 \
    "$(grep -c 'TEST ' ninja2.out)"
same "rerun: and reports all 100" "100 passed, 0 failed" "$(tail -n 1 ninja2.out)"
cat >check_rerun.py <<'EOF'
import json, sys
a = {t["name"]: t for t in json.load(open("first.json"))["tests"]}
b = {t["name"]: t for t in json.load(open("out/results.json"))["tests"]}
ran = sorted(n for n, t in b.items() if t["ran_this_time"])
if ran != ["t13", "t57"]:
    sys.exit("ran this time: %s" % ran)
kept = [n for n in b if n not in ("t13", "t57")
        and b[n]["start_epoch_ms"] != a[n]["start_epoch_ms"]]
if len(b) != 100 or kept:
    sys.exit("%d tests; results not kept: %s" % (len(b), kept))
EOF
check "rerun: results.json keeps the 98 and marks the 2 that ran" "$PYTHON" check_rerun.py
same "rerun: the timeline shows the 2 tests that ran" 2 "$(grep -c '<rect' out/report.html)"
"$COSIMGEN" report out >/dev/null 2>&1
same "rerun: a report by hand, with nothing run since, shows that run again" 2 \
    "$(grep -c '<rect' out/report.html)"
awk 'BEGIN{skip=0} /^\[test:t99\]$/{skip=1; next} /^\[/{skip=0} !skip' tests.ini >tests2.ini
mv tests2.ini tests.ini
ninja -j4 >ninja3.out 2>&1
same "rerun: a removed test leaves the report" "99 passed, 0 failed" \
    "$(tail -n 1 ninja3.out)"
check "rerun: ... and every report file" sh -c \
    '! grep -q "\"t99\"" out/results.json && ! grep -q "name=\"t99\"" out/report.xml && ! grep -q ">t99<" out/report.html'

# Damaged and odd results: a result cut after its first line, garbage,
# values out of range, a property without '=', a key of a newer writer, a
# status with markup, and a test that never ran (its labels come from its
# spec). The report names each problem, and every file it writes still
# parses.
d4=$(scratch report-damaged)
cd "$d4" || exit 1
printf '[cosimgen]\nbuilddir = out\n\n[test:a]\ncommand = true\nlabels = smoke\n\n[test:b]\ncommand = true\n\n[test:c]\ncommand = true\n\n[test:d]\ncommand = true\nlabels = smoke\n\n[test:e]\ncommand = true\n' >tests.ini
"$COSIMGEN" tests.ini && ninja >ninja.out 2>&1
printf 'cosim-result 1\n' >out/tests/a/result
head -c 3000 /dev/urandom >out/tests/b/result
sed -i 's/^duration_ms .*/duration_ms -1500/; s/^start_epoch_ms .*/start_epoch_ms 9223372036854775807/' \
    out/tests/c/result
printf 'property novalue\ntest_exit 015\nport +15\nleftovers_killed 1234567890123456\nlater_ms 12\n' \
    >>out/tests/c/result
rm out/tests/d/result
sed -i 's|^status .*|status </title><script>alert(1)</script>|' out/tests/e/result
"$COSIMGEN" report out >damaged.out 2>&1
same "damaged: the report exits 1" 1 "$?"
same "damaged: each problem counted" "1 passed, 1 failed, 2 errors, 1 not run" \
    "$(tail -n 1 damaged.out)"
check "damaged: a result cut short is named" \
    grep -q '^ERROR    a: its result file holds no status' damaged.out
check "damaged: garbage is named" \
    grep -q '^ERROR    b: its result file is damaged' damaged.out
check "damaged: report.xml is still valid" \
    xmllint --noout --schema "$SCHEMA" out/report.xml
check "damaged: results.json still parses, numbers where the result has them (not of more than 15 digits, not of unknown keys)" \
    "$PYTHON" -c 'import json; t = {x["name"]: x for x in json.load(open("out/results.json"))["tests"]}; c = t["c"]; assert c["duration_ms"] == -1500 and c["test_exit"] == 0 and c["port"] == "+15" and c["properties"] == {}, c; assert c["leftovers_killed"] == "1234567890123456" and c["later_ms"] == "12", c; assert t["d"]["label"] == ["smoke"], t["d"]'
check "damaged: markup in a status stays text in the page" sh -c \
    '! grep -q "<script>alert" out/report.html && grep -q "&lt;script&gt;alert" out/report.html'
"$COSIMGEN" report --filter 'label:smoke' out >filter.out 2>&1
same "damaged: a test that never ran is found by the labels of its spec" \
    "1:0 passed, 0 failed, 1 error, 1 not run" "$?:$(tail -n 1 filter.out)"
