#!/bin/sh
# What a test said when it failed (a result's message and traceback, which
# cosim-run takes from cocotb) in every report: under the test's entry of
# the console summary (the message, bounded, and the frame in the test's
# own file), in report.xml (the exception type, the message attribute, the
# text; valid against tests/schema), results.json (a string and an array)
# and report.html (collapsed, escaped). From result files written by hand,
# with XML and HTML specials, newlines, long lines and a long traceback.
. "$COSIM_TOP/tests/lib.sh"
SCHEMA="$COSIM_TOP/tests/schema/junit.xsd"

d=$(scratch report-cocotb)
cd "$d" || exit 1
{
	printf '[cosimgen]\nbuilddir = out\n\n'
	for t in fifo.test_fill fifo.test_long fifo.test_once fifo.test_ok \
	    fifo.test_xfail fifo.test_retry plain pyscript; do
		printf '[test:%s]\ncommand = true\n\n' $t
	done
} >tests.ini
"$COSIMGEN" tests.ini >gen.out 2>&1 || fail "cocotb report: the suite generates" \
    "$(cat gen.out)"
now=$(date +%s%3N)
T=out/tests
# The tests named NAME.FUNCTION are a cocotb module's: their specs name it.
for t in fifo.test_fill fifo.test_long fifo.test_once fifo.test_ok \
    fifo.test_xfail fifo.test_retry; do
	printf 'cocotb_test %s\ncocotb_module test_fifo\ncocotb_path tests\n' \
	    "${t#fifo.}" >>$T/$t/spec
done

# frames FILE LINE...: traceback keys, a frame at each line of FILE
frames() {
	_f=$1
	shift
	for _l in "$@"; do
		printf 'traceback   File "%s", line %s, in f%s\n' "$_f" "$_l" "$_l"
		printf 'traceback     check(<x> & "y")\n'
	done
}

# fifo.test_fill: as cocotb 2 says it, through a helper of another file,
# and through a second function of the test's own file
put_result $T/fifo.test_fill fifo.test_fill fail \
    'cocotb: test_fill failed: AssertionError: x is not four <&> "q"' \
    message 'AssertionError: x is not four <&> "q"\nassert 3 == 4'
{
	echo 'traceback Traceback (most recent call last):'
	frames "$d/tests/test_fifo.py" 14 30
	frames "$d/tests/helpers.py" 2
	echo 'traceback AssertionError: x is not four <&> "q"'
	echo 'traceback assert 3 == 4'
} >>$T/fifo.test_fill/result
# fifo.test_long: 8 lines of message, one of 229 characters (the 200th
# byte inside one), 61 lines of traceback, outside the current directory
x199=$(printf 'x%.0s' $(seq 199))
e30=$(printf '\303\251%.0s' $(seq 30))
put_result $T/fifo.test_long fifo.test_long fail \
    'cocotb: test_long failed: ValueError: deep' \
    message "ValueError: deep\\n$x199$e30\\nthree\\nfour\\nfive\\nsix\\nseven\\neight\\n"
{
	echo 'traceback Traceback (most recent call last):'
	frames /opt/elsewhere/test_fifo.py $(seq 101 130)
	echo 'traceback ValueError: deep'
} >>$T/fifo.test_long/result
# fifo.test_once: a one-line message its reason says; a dotted type
put_result $T/fifo.test_once fifo.test_once fail \
    'cocotb: test_once failed: cocotb.result.TestFailure: gave up' \
    message 'cocotb.result.TestFailure: gave up'
frames "$d/tests/test_fifo.py" 44 >>$T/fifo.test_once/result
# passes, one with what it said when it failed as expected
put_result $T/fifo.test_ok fifo.test_ok pass ''
put_result $T/fifo.test_xfail fifo.test_xfail xfail \
    'cocotb: failed as expected (AssertionError)' \
    message 'AssertionError: as expected <b>'
frames "$d/tests/test_fifo.py" 60 >>$T/fifo.test_xfail/result
# fifo.test_retry: failed twice, each attempt with its own message
put_result $T/fifo.test_retry fifo.test_retry fail \
    'cocotb: test_retry failed: AssertionError: second try' \
    attempts 2 message 'AssertionError: second try'
put_result $T/fifo.test_retry/attempt.1 fifo.test_retry fail \
    'cocotb: test_retry failed: KeyError: first try' \
    message 'KeyError: first try'
frames "$d/tests/test_fifo.py" 70 >>$T/fifo.test_retry/attempt.1/result
# plain: not a cocotb test; a message that names no exception type
put_result $T/plain plain fail 'test exited with status 1' \
    message 'x mismatch: got 3, want 4\nat cycle 12'
# pyscript: not a cocotb test either, with a traceback: its innermost frame
put_result $T/pyscript pyscript fail 'test exited with status 1' \
    message 'RuntimeError: no reply'
frames "$d/host/client.py" 8 >>$T/pyscript/result
frames "$d/host/lib.py" 3 >>$T/pyscript/result

"$COSIMGEN" report out >report.out 2>&1
echo "exit $?" >rc.txt

# The console: the message and the frame under the entry, before its log.
cat >want.txt <<'EOF'
FAIL     fifo.test_fill: cocotb: test_fill failed: AssertionError: x is not four <&> "q"
         message: AssertionError: x is not four <&> "q"
                  assert 3 == 4
         at:    tests/test_fifo.py:30
         log:   out/tests/fifo.test_fill/run/sim.out
         repro: out/tests/fifo.test_fill/repro.sh
EOF
grep -A5 '^FAIL     fifo.test_fill:' report.out >got.txt
printf 'exit 1\n2 passed, 6 failed\n' >>want.txt
{ cat rc.txt; tail -n 1 report.out; } >>got.txt
check "console: the message's lines and the innermost frame in the test's own file, before the log; the last line and the exit status as before" \
    cmp want.txt got.txt
cat >want.txt <<EOF
FAIL     fifo.test_long: cocotb: test_long failed: ValueError: deep
         message: ValueError: deep
                  $x199...
                  three
                  four
                  five
                  (3 more lines)
         at:    /opt/elsewhere/test_fifo.py:130
EOF
grep -A7 '^FAIL     fifo.test_long:' report.out >got.txt
check "console: five lines at most, each of 200 bytes at most, cut between characters; a frame outside the current directory keeps its path" \
    cmp want.txt got.txt
check "console: a one-line message the reason says is not repeated, the frame is; nothing for the tests that passed" sh -c \
    "grep -A1 '^FAIL     fifo.test_once:' report.out | tail -n 1 |
     grep -qx '         at:    tests/test_fifo.py:44' &&
     grep -A1 '^FAIL     fifo.test_retry:' report.out | tail -n 1 | grep -q '^         log:' &&
     ! grep -q 'fifo.test_ok\|fifo.test_xfail\|as expected' report.out"
check "console: a message without a type or a traceback, and a frame of any file when the spec names no module" sh -c \
    "grep -A3 '^FAIL     plain:' report.out | sed -n '2,3p' | tr '\\n' '|' |
     grep -qx '         message: x mismatch: got 3, want 4|                  at cycle 12|' &&
     grep -A2 '^FAIL     pyscript:' report.out | sed -n 3p |
     grep -qx '         at:    host/lib.py:3'"

# report.xml: valid, and what each failure says.
cat >check_junit.py <<'EOF'
import sys
import xml.etree.ElementTree as ET
root = ET.parse("out/report.xml").getroot()
case = {c.get("name"): c for c in root.iter("testcase")}
def failure(name):
    f = case[name].find("failure")
    if f is None:
        sys.exit("%s: no failure" % name)
    return f
want = {"fifo.test_fill": "AssertionError", "fifo.test_long": "ValueError",
        "fifo.test_once": "cocotb.result.TestFailure", "fifo.test_retry": "AssertionError",
        "plain": "fail", "pyscript": "RuntimeError"}
for name, t in want.items():
    if failure(name).get("type") != t:
        sys.exit("%s: type %r, not %r" % (name, failure(name).get("type"), t))
rf = case["fifo.test_retry"].find("rerunFailure")
if rf is None or rf.get("type") != "KeyError":
    sys.exit("fifo.test_retry: rerunFailure %r" % (rf is not None and rf.attrib))
if sys.argv[1] == "type":
    sys.exit(0)
msg = {"fifo.test_fill": 'cocotb: test_fill failed: AssertionError: x is not four <&> "q"',
       "fifo.test_once": "cocotb: test_once failed: cocotb.result.TestFailure: gave up",
       "plain": "test exited with status 1: x mismatch: got 3, want 4",
       "pyscript": "test exited with status 1: RuntimeError: no reply"}
for name, m in msg.items():
    if failure(name).get("message") != m:
        sys.exit("%s: message %r, not %r" % (name, failure(name).get("message"), m))
if sys.argv[1] == "message":
    sys.exit(0)
tb = ["Traceback (most recent call last):"]
for f, l in (("tests/test_fifo.py", 14), ("tests/test_fifo.py", 30), ("tests/helpers.py", 2)):
    tb += ['  File "%s/%s", line %d, in f%d' % (sys.argv[2], f, l, l), '    check(<x> & "y")']
tb += ['AssertionError: x is not four <&> "q"', "assert 3 == 4"]
body = ('AssertionError: x is not four <&> "q"\nassert 3 == 4\n\n' + "\n".join(tb) +
        '\n\ncocotb: test_fill failed: AssertionError: x is not four <&> "q"')
if failure("fifo.test_fill").text != body:
    sys.exit("fifo.test_fill: text\n%s\nnot\n%s" % (failure("fifo.test_fill").text, body))
long = failure("fifo.test_long").text
if long.count("\n") != 8 + 1 + 62 + 1 or "x" * 199 + "\u00e9" * 30 + "\n" not in long:
    sys.exit("fifo.test_long: text %r" % long)
st = rf.find("stackTrace").text
if not st.startswith("KeyError: first try\n\nTraceback") and not st.startswith("KeyError: first try\n\n  File"):
    sys.exit("fifo.test_retry: stackTrace %r" % st)
if case["fifo.test_xfail"].find("failure") is not None or \
        case["fifo.test_ok"].find("failure") is not None:
    sys.exit("a failure for a test that passed")
EOF
check "junit: valid against the schema; the type is the exception's when the message starts with one (an attempt's too), else the status" \
    sh -c "xmllint --noout --schema '$SCHEMA' out/report.xml && '$PYTHON' check_junit.py type"
check "junit: the message attribute adds the message's first line unless the reason says it" \
    "$PYTHON" check_junit.py message
check "junit: the text starts with the message and the traceback, whole (an attempt's stack trace too)" \
    "$PYTHON" check_junit.py text "$d"

# results.json: the message a string, the traceback an array of strings.
cat >check_json.py <<'EOF'
import json, sys
t = {x["name"]: x for x in json.load(open("out/results.json"))["tests"]}
f = t["fifo.test_fill"]
if f.get("message") != 'AssertionError: x is not four <&> "q"\nassert 3 == 4':
    sys.exit("message %r" % f.get("message"))
tb = f.get("traceback")
if not isinstance(tb, list) or len(tb) != 9 or not all(isinstance(l, str) for l in tb) \
        or tb[1] != '  File "%s/tests/test_fifo.py", line 14, in f14' % sys.argv[1]:
    sys.exit("traceback %r" % tb)
if len(t["fifo.test_long"]["traceback"]) != 62 or "\u00e9" * 30 not in t["fifo.test_long"]["message"]:
    sys.exit("fifo.test_long %r" % t["fifo.test_long"])
if "message" in t["fifo.test_ok"] or "traceback" in t["fifo.test_ok"] or \
        "traceback" in t["plain"] or t["plain"]["message"] != "x mismatch: got 3, want 4\nat cycle 12":
    sys.exit("fifo.test_ok %r, plain %r" % (t["fifo.test_ok"], t["plain"]))
EOF
check "json: message a string, traceback an array of strings, as the result holds them" \
    "$PYTHON" check_json.py "$d"

# report.html: in the test's reason cell, collapsed, escaped.
cat >check_html.py <<'EOF'
import re, sys
from html.parser import HTMLParser
page = open("out/report.html").read()
said = {}
class P(HTMLParser):
    row = name = None
    cell = 0
    where = None
    def handle_starttag(self, tag, a):
        a = dict(a)
        if tag == "tr" and "data-tally" in a:
            self.row, self.cell, self.name = True, 0, ""
        elif self.row and tag == "td":
            self.cell += 1
        elif self.row and tag == "details":
            said[self.name] = {"open": "open" in a, "class": a.get("class"),
                               "summary": "", "pre": "", "cell": self.cell}
        elif self.row and tag in ("summary", "pre"):
            self.where = tag
    def handle_endtag(self, tag):
        if tag == "tr":
            self.row = None
        elif tag in ("summary", "pre"):
            self.where = None
    def handle_data(self, data):
        if self.row and self.cell == 1:
            self.name += data
        elif self.row and self.where:
            said[self.name][self.where] += data
P(convert_charrefs=True).feed(page)
s = said.get("fifo.test_fill")
if not s or s["open"] or s["class"] != "said" or s["summary"] != "message and traceback" \
        or s["cell"] != 8:
    sys.exit("fifo.test_fill: %r" % s)
want = 'AssertionError: x is not four <&> "q"\nassert 3 == 4\n\nTraceback (most recent call last):'
if not s["pre"].startswith(want) or not s["pre"].endswith('line 2, in f2\n    check(<x> & "y")\n'
        'AssertionError: x is not four <&> "q"\nassert 3 == 4'):
    sys.exit("fifo.test_fill pre %r" % s["pre"])
if "seven\neight\n\nTraceback" not in said.get("fifo.test_long", {}).get("pre", ""):
    sys.exit("fifo.test_long pre %r" % said.get("fifo.test_long"))
if "<x>" in page or "<b>" in page:
    sys.exit("unescaped text in the page")
if said.get("plain", {}).get("summary") != "message" or \
        said.get("fifo.test_xfail", {}).get("pre", "").find("as expected &lt;b&gt;") >= 0 or \
        "AssertionError: as expected <b>" not in said.get("fifo.test_xfail", {}).get("pre", "") or \
        "fifo.test_ok" in said:
    sys.exit("plain %r, xfail %r" % (said.get("plain"), said.get("fifo.test_xfail")))
EOF
check "html: the message and the traceback in the reason cell, collapsed, preformatted, escaped" \
    "$PYTHON" check_html.py
