#!/bin/sh
# Reports of what retries, fixtures and fail-fast leave in the builddir,
# from result files written by hand: flaky tests (a pass after a failed
# attempt) and tests that failed every attempt, with their attempt.K/
# directories, in the summary, report.xml (Surefire's flakyFailure and
# rerunFailure elements, valid against tests/schema), results.json and
# report.html; a test a fixture's setup kept from running points to the
# setup log; a fixture cleanup that failed is a warning; a test not run
# for max_failures keeps its reason. Then retries end to end, with real
# ninja and cosim-run.
. "$COSIM_TOP/tests/lib.sh"
SCHEMA="$COSIM_TOP/tests/schema/junit.xsd"

d=$(scratch report-retries)
cd "$d" || exit 1
{
	printf '[cosimgen]\nbuilddir = out\n\n'
	for t in ok_plain ok_wobbly ok_crashy stubborn fixt capped; do
		printf '[test:%s]\ncommand = true\n\n' $t
	done
} >tests.ini
"$COSIMGEN" tests.ini >gen.out 2>&1 && ninja >ninja.out 2>&1 ||
    fail "retries: the suite runs" "$(cat gen.out ninja.out)"
now=$(date +%s%3N)

T=out/tests
# ok_wobbly: failed, then passed (2 attempts)
put_result $T/ok_wobbly ok_wobbly flaky \
    'passed on attempt 2 of 2; attempt 1 failed: test exited with status 1' \
    attempts 2 test_out_tail 'all good'
put_result $T/ok_wobbly/attempt.1 ok_wobbly fail 'test exited with status 1' \
    test_exit 1 test_err_tail 'boom <&> "1"'
mkdir -p $T/ok_wobbly/attempt.1/run
echo 'boom <&> "1"' >$T/ok_wobbly/attempt.1/run/test.err
# ok_crashy: crashed, timed out, then passed (3 attempts)
put_result $T/ok_crashy ok_crashy flaky \
    'passed on attempt 3 of 3; attempt 1 crashed: test killed by signal 11' \
    attempts 3
put_result $T/ok_crashy/attempt.1 ok_crashy crash 'test killed by signal 11 (Segmentation fault)' \
    test_signal 11
put_result $T/ok_crashy/attempt.2 ok_crashy timeout 'timed out after 1 s' \
    test_signal 15 fail_match 'test.out:3: FATAL: stuck'
# stubborn: failed all 3 attempts; the second one's result was not kept
put_result $T/stubborn stubborn fail 'test exited with status 2' attempts 3 \
    test_exit 2 test_err_tail 'third failure'
put_result $T/stubborn/attempt.1 stubborn crash 'test killed by signal 6 (Aborted)' \
    test_signal 6 test_err_tail 'first failure'
# fixt: its fixture's setup failed
put_result $T/fixt fixt error 'fixture db: setup failed: setup exited with status 3' \
    fixture db fixture_log fixtures/db/setup.log \
    fixture_log_tail 'db: cannot bind <port>'
sed -i 's/^stage test/stage fixture/' $T/fixt/result
# capped: not run, max_failures
put_result $T/capped capped notrun \
    'not run: 2 tests failed in this run (max_failures = 2)'
sed -i '/^seed\|^duration_ms/d' $T/capped/result
# fixtures: db's cleanup failed, cache's passed
for f in db cache; do
	mkdir -p out/fixtures/$f
	st=pass rs=
	[ $f = db ] && st=fail rs='cleanup exited with status 3'
	printf 'cosim-result 1\nname %s\nstatus %s\nreason %s\nlog fixtures/%s/cleanup.log\nstart_epoch_ms %s\nduration_ms 40\nexit %s\n' \
	    $f $st "$rs" $f "$now" "$([ $st = pass ] && echo 0 || echo 3)" \
	    >out/fixtures/$f/cleanup.result
done

"$COSIMGEN" report out >report.out 2>&1
same "retries: the report exits 1 (a test failed)" 1 "$?"
same "retries: flaky counted apart, after failed" \
    "1 passed, 1 failed, 2 flaky, 1 error, 1 not run" "$(tail -n 1 report.out)"
check "flaky: listed with its reason" grep -qx \
    'FLAKY    ok_wobbly: passed on attempt 2 of 2; attempt 1 failed: test exited with status 1' \
    report.out
check "flaky: ... the attempt that failed" grep -qx \
    '         attempt 1: fail: test exited with status 1' report.out
check "flaky: ... and its log" grep -qx \
    '         attempt 1 log: out/tests/ok_wobbly/attempt.1/run/test.err' report.out
check "flaky: an attempt's first match, at its line" sh -c \
    "grep -qx '         attempt 2 first match: test.out:3: FATAL: stuck' report.out &&
     grep -qx '         attempt 2 log: out/tests/ok_crashy/attempt.2/run/test.out:3' report.out"
check "flaky: no repro of the last attempt, which passed" sh -c \
    '! grep -q "repro: out/tests/ok_" report.out'
check "retries: a test that failed every attempt lists each" sh -c \
    "grep -qx '         attempt 1: crash: test killed by signal 6 (Aborted)' report.out &&
     grep -qx '         attempt 2: error: its result was not kept' report.out &&
     grep -qx '         repro: out/tests/stubborn/repro.sh' report.out"
check "fixture: a failed setup points to its log, with no repro" sh -c \
    "grep -A1 '^ERROR    fixt: fixture db: setup failed' report.out | tail -n 1 |
     grep -qx '         log:   out/fixtures/db/setup.log' &&
     ! grep -q 'repro: out/tests/fixt/' report.out"
check "fixture: a failed cleanup is a warning with its log" sh -c \
    "grep -A1 '^WARNING  cleanup of fixture db (fail): cleanup exited with status 3' report.out |
     tail -n 1 | grep -qx '         log:   out/fixtures/db/cleanup.log' &&
     ! grep -q 'fixture cache' report.out"
check "notrun: the reason of max_failures" grep -qx \
    'NOTRUN   capped: not run: 2 tests failed in this run (max_failures = 2)' report.out

"$COSIMGEN" report --filter 'ok_*' out >filter.out 2>&1
same "flaky: not a failure: passes and flaky ones exit 0" \
    "0:1 passed, 0 failed, 2 flaky" "$?:$(tail -n 1 filter.out)"
"$COSIMGEN" report --filter 'status:flaky' out >filter.out 2>&1
same "flaky: status:flaky selects them" "0:0 passed, 0 failed, 2 flaky" \
    "$?:$(tail -n 1 filter.out)"

check "junit: report.xml with flaky and rerun elements is valid" \
    xmllint --noout --schema "$SCHEMA" out/report.xml
cat >check_junit.py <<'EOF'
import sys
import xml.etree.ElementTree as ET
root = ET.parse("out/report.xml").getroot()
case = {c.get("name"): c for c in root.iter("testcase")}
def kids(n):
    return [(k.tag, k.get("type")) for k in case[n]
            if k.tag not in ("system-out", "system-err")]
def want(n, exp):
    if kids(n) != exp:
        sys.exit("%s: %s, not %s" % (n, kids(n), exp))
want("ok_plain", [])
want("ok_wobbly", [("flakyFailure", "fail")])
want("ok_crashy", [("flakyError", "crash"), ("flakyFailure", "timeout")])
want("stubborn", [("failure", "fail"), ("rerunError", "crash"),
                  ("rerunError", "error")])
want("fixt", [("error", "error")])
want("capped", [("error", "notrun")])
f = case["ok_wobbly"].find("flakyFailure")
if f.get("message") != "test exited with status 1":
    sys.exit("message %r" % f.get("message"))
st = f.find("stackTrace").text
if not st.startswith("attempt 1 of 2: fail: test exited with status 1") or \
        "log: out/tests/ok_wobbly/attempt.1/run/test.err" not in st:
    sys.exit("stackTrace %r" % st)
if 'boom <&> "1"' not in f.find("system-err").text:
    sys.exit("flaky system-err %r" % f.find("system-err").text)
t = case["ok_crashy"].findall("flakyFailure")[0].find("stackTrace").text
if "first match: test.out:3: FATAL: stuck" not in t or t.find(":3") < 0:
    sys.exit("timeout stackTrace %r" % t)
err = case["fixt"].find("system-err").text
if "==> setup.log (last lines) <==" not in err or "cannot bind <port>" not in err:
    sys.exit("fixt system-err %r" % err)
if case["capped"].find("error").get("message") != \
        "not run: 2 tests failed in this run (max_failures = 2)":
    sys.exit("capped %r" % case["capped"].find("error").attrib)
suite = root.find("testsuite")
counts = {k: int(suite.get(k)) for k in ("tests", "failures", "errors")}
if counts != {"tests": 6, "failures": 1, "errors": 2}:
    sys.exit("suite counts %s" % counts)
props = {p.get("name"): p.get("value") for p in root.iter("property")}
if props.get("ok_wobbly.attempts") != "2" or "ok_plain.attempts" in props:
    sys.exit("properties %s" % props)
EOF
check "junit: flakyFailure/flakyError per failed attempt of a flaky test, rerunFailure/rerunError of one that failed them all, setup log, notrun reason" \
    "$PYTHON" check_junit.py

cat >check_json.py <<'EOF'
import json, sys
d = json.load(open("out/results.json"))
if d["counts"].get("flaky") != 2 or d["counts"]["failed"] != 1:
    sys.exit("counts %s" % d["counts"])
t = {x["name"]: x for x in d["tests"]}
w = t["ok_wobbly"]
if w["status"] != "flaky" or w["attempts"] != 2:
    sys.exit("ok_wobbly %s" % w)
if w["earlier_attempts"] != [{"attempt": 1, "status": "fail",
        "reason": "test exited with status 1", "duration_ms": 250,
        "log": "out/tests/ok_wobbly/attempt.1/run/test.err",
        "result": "out/tests/ok_wobbly/attempt.1/result"}]:
    sys.exit("ok_wobbly attempts %s" % w["earlier_attempts"])
c = t["ok_crashy"]["earlier_attempts"]
if [a["status"] for a in c] != ["crash", "timeout"] or \
        c[1]["fail_match"] != "test.out:3: FATAL: stuck" or c[1]["log_line"] != 3:
    sys.exit("ok_crashy attempts %s" % c)
if "earlier_attempts" in t["ok_plain"]:
    sys.exit("ok_plain %s" % t["ok_plain"])
f = t["fixt"]
if f["fixture"] != "db" or f["fixture_log"] != "fixtures/db/setup.log" or \
        f["log"] != "out/fixtures/db/setup.log":
    sys.exit("fixt %s" % f)
if t["capped"]["status"] != "notrun" or \
        t["capped"]["reason"] != "not run: 2 tests failed in this run (max_failures = 2)":
    sys.exit("capped %s" % t["capped"])
cl = {x["fixture"]: x for x in d["fixture_cleanups"]}
if cl["db"]["status"] != "fail" or cl["db"]["log"] != "out/fixtures/db/cleanup.log" \
        or cl["db"]["reason"] != "cleanup exited with status 3" or cl["cache"]["status"] != "pass":
    sys.exit("cleanups %s" % cl)
EOF
check "json: flaky counted, attempts and each earlier attempt, the fixture's setup log, cleanups, the notrun reason" \
    "$PYTHON" check_json.py

cat >check_html.py <<'EOF'
import re, sys
from html.parser import HTMLParser
page = open("out/report.html").read()
rows = {}
class P(HTMLParser):
    row = None
    def handle_starttag(self, tag, a):
        a = dict(a)
        if tag == "tr" and "data-tally" in a:
            self.row = {"tally": a["data-tally"], "links": [], "text": ""}
        elif tag == "a" and self.row is not None:
            self.row["links"].append(a["href"])
    def handle_endtag(self, tag):
        if tag == "tr" and self.row is not None:
            rows[self.row["text"].split()[0]] = self.row
            self.row = None
    def handle_data(self, data):
        if self.row is not None:
            self.row["text"] += data + " "
P().feed(page)
w = rows["ok_wobbly"]
if w["tally"] != "flaky" or "tests/ok_wobbly/attempt.1/run/test.err" not in w["links"]:
    sys.exit("ok_wobbly row %s" % w)
if "attempt 1: fail : test exited with status 1" not in re.sub(r"\s+", " ", w["text"]):
    sys.exit("ok_wobbly text %r" % w["text"])
s = rows["stubborn"]
if "tests/stubborn/attempt.2/run" not in s["links"]:
    sys.exit("stubborn row %s" % s)
if "<title>ok_wobbly, attempt 1 \u2014 fail, 0.250 s</title>" not in page:
    sys.exit("no bar for the earlier attempt in the timeline")
if '<td class="st flaky">flaky</td>' not in page:
    sys.exit("no flaky status cell")
m = re.search(r'<table id="cleanups">.*?</table>', page, re.S)
if not m or "fixtures/db/cleanup.log" not in m.group(0) or \
        "fixtures/db/cleanup.result" not in m.group(0) or \
        "cleanup exited with status 3" not in m.group(0):
    sys.exit("cleanups table %r" % (m and m.group(0)))
if "fixtures/db/setup.log" not in rows["fixt"]["links"]:
    sys.exit("fixt row %s" % rows["fixt"])
if "max_failures = 2" not in rows["capped"]["text"]:
    sys.exit("capped row %s" % rows["capped"])
if list(rows)[:6] != ["stubborn", "fixt", "capped", "ok_wobbly", "ok_crashy", "ok_plain"]:
    sys.exit("order %s" % list(rows))
EOF
check "html: flaky rows, attempts with links to their logs and bars in the timeline, the cleanups table, setup log, notrun reason" \
    "$PYTHON" check_html.py

# End to end, with real ninja and cosim-run: retries = N makes a test that
# fails once flaky, and one that fails every time a failure with its
# earlier attempts; each report format and the history say so.
d2=$(scratch report-retries-e2e)
cd "$d2" || exit 1
cat >wobbly.sh <<'EOF'
#!/bin/sh
# fails on its first attempt, passes on the next
if [ "$COSIM_ATTEMPT" = 1 ]; then
	echo "wobbly: attempt $COSIM_ATTEMPT fails" >&2
	exit 1
fi
echo "wobbly: attempt $COSIM_ATTEMPT passes"
EOF
cat >tests.ini <<'EOF'
[cosimgen]
builddir = out

[test:solid]
command = true

[test:wobbly]
command = sh {srcdir}/wobbly.sh
retries = 2

[test:hopeless]
command = sh -c 'echo "hopeless: attempt $COSIM_ATTEMPT" >&2 && exit 3'
retries = 1
EOF
"$COSIMGEN" tests.ini >gen.out 2>&1
same "e2e: cosimgen takes retries =" 0 "$?"
ninja >ninja.out 2>&1
same "e2e: ninja fails for the test that failed every attempt" 1 "$?"
same "e2e: the summary counts the flaky test apart" \
    "1 passed, 1 failed, 1 flaky" "$(tail -n 1 out/summary.txt)"
check "e2e: the flaky test is listed with the attempt that failed and its log" sh -c \
    "grep -q '^FLAKY    wobbly: passed on attempt 2 of 3' ninja.out &&
     grep -qx '         attempt 1 log: out/tests/wobbly/attempt.1/run/test.err' ninja.out &&
     grep -qx 'wobbly: attempt 1 fails' out/tests/wobbly/attempt.1/run/test.err"
check "e2e: the failed test lists its earlier attempt" \
    grep -qx '         attempt 1: fail: test exited with status 3' ninja.out
check "e2e: report.xml is valid" xmllint --noout --schema "$SCHEMA" out/report.xml
cat >check_e2e.py <<'EOF'
import json, sys
import xml.etree.ElementTree as ET
root = ET.parse("out/report.xml").getroot()
case = {c.get("name"): c for c in root.iter("testcase")}
tags = lambda n: [k.tag for k in case[n] if k.tag not in ("system-out", "system-err")]
if tags("wobbly") != ["flakyFailure"] or tags("hopeless") != ["failure", "rerunFailure"]:
    sys.exit("junit %s %s" % (tags("wobbly"), tags("hopeless")))
if "wobbly: attempt 1 fails" not in case["wobbly"].find("flakyFailure/system-err").text:
    sys.exit("flaky system-err")
t = {x["name"]: x for x in json.load(open("out/results.json"))["tests"]}
w = t["wobbly"]
if w["status"] != "flaky" or w["attempts"] != 2 or \
        [a["status"] for a in w["earlier_attempts"]] != ["fail"]:
    sys.exit("json wobbly %s" % w)
if [a["status"] for a in t["hopeless"]["earlier_attempts"]] != ["fail"]:
    sys.exit("json hopeless %s" % t["hopeless"])
hist = [l.split("\t") for l in open("out/history").read().splitlines()[1:]]
rec = {dict(x.split("=", 1) for x in f[1:])["name"]: dict(x.split("=", 1) for x in f[1:])
       for f in hist if f[0] == "test"}
if rec["wobbly"]["status"] != "flaky" or rec["wobbly"]["attempts"] != "2" or \
        rec["hopeless"]["attempts"] != "2":
    sys.exit("history %s" % rec)
EOF
check "e2e: JUnit flakyFailure and rerunFailure, JSON attempts, history records" \
    "$PYTHON" check_e2e.py
