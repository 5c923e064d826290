#!/bin/sh
# Waivers: a [waiver:NAME] covers a failure by its signature (exact, or a
# shell pattern), with a reason and an expiry; the report shows the test
# as waived (console, JUnit <skipped>, results.json, HTML) and does not
# fail for it. An expired waiver, or one whose signature or tests do not
# match, waives nothing. Bad waiver sections are errors at their lines,
# all at once; changing a waiver reruns no test.
. "$COSIM_TOP/tests/lib.sh"

d=$(scratch waivers)
cd "$d" || exit 1
# suite SIGNATURE EXPIRES [EXTRA...]: two failing tests with the same
# failure, one passing test, and one waiver
suite() {
	cat >tests.ini <<EOF
[cosimgen]
builddir = out

[test:good]
command = true

[test:fifo_a]
command = echo 'ERROR: fifo overflow at 42' >&2; exit 1

[test:fifo_b]
command = echo 'ERROR: fifo overflow at 7' >&2; exit 1

[waiver:fifo]
signature = $1
reason    = the FIFO fix lands next week
expires   = $2
EOF
	shift 2
	for line in "$@"; do
		echo "$line" >>tests.ini
	done
}
sig='ERROR: fifo overflow at <n>'
today=$(date +%Y-%m-%d)

# --- by its exact signature, through today ---
suite "$sig" "$today"
"$COSIMGEN" tests.ini >gen.out 2>&1 && ninja >run1.out 2>&1
same "exact: ninja succeeds, the failures waived" 0 "$?"
same "exact: the last line counts them as waived" "1 passed, 0 failed, 2 waived" \
    "$(tail -n 1 run1.out)"
check "exact: each is WAIVED with its reason, the waiver's and its day" grep -qx \
    "WAIVED   fifo_a: test exited with status 1 (waiver fifo: the FIFO fix lands next week, until $today)" \
    out/summary.txt
check "exact: with its log line" grep -qx \
    "         log:   out/tests/fifo_b/run/test.err:1" out/summary.txt
check "junit: a waived test is skipped, with the waiver" grep -q \
    '<skipped message="waived: test exited with status 1 (fifo: the FIFO fix lands next week)"/>' \
    out/report.xml
check "junit: the suite counts no failure" grep -q \
    'tests="3" failures="0" errors="0" skipped="2"' out/report.xml
check "junit: valid against the schema" \
    xmllint --noout --schema "$COSIM_TOP/tests/schema/junit.xsd" out/report.xml
cat >check_json.py <<'EOF'
import json, sys
d = json.load(open("out/results.json"))
want = {"name": "fifo", "reason": "the FIFO fix lands next week",
        "expires": sys.argv[1]}
t = {x["name"]: x for x in d["tests"]}
for n in ("fifo_a", "fifo_b"):
    if t[n].get("waived") != want or t[n]["status"] != "fail":
        sys.exit("%s: %s" % (n, t[n]))
if "waived" in t["good"] or d["counts"]["waived"] != 2 or d["counts"]["failed"]:
    sys.exit("good %s, counts %s" % (t["good"], d["counts"]))
EOF
check "json: a waived test keeps its status, with its waiver" \
    "$PYTHON" check_json.py "$today"
check "html: a waived test in its own colour, with the waiver's reason" \
    sh -c "grep -q '<td>fifo_a</td><td class=\"st waived\">waived (fail)</td>' out/report.html &&
    grep -q '^<span class=\"waived\">waived by fifo: the FIFO fix lands next week, until $today</span>' out/report.html &&
    grep -q '[.]waived{color:' out/report.html"

# --- by a pattern; and a signature with a '[' of its own, exactly ---
suite '*fifo overflow*' 2999-12-31 '[waiver:mem]' \
    'signature = ERROR: mem[<n>] parity' 'reason = known' \
    'expires = 2999-12-31' '[test:mem]' \
    "command = echo 'ERROR: mem[3] parity' >&2; exit 1"
"$COSIMGEN" tests.ini >gen.out 2>&1 && ninja >run2.out 2>&1
same "pattern: all three waived" "0: 1 passed, 0 failed, 3 waived" \
    "$?: $(tail -n 1 out/summary.txt)"

# --- tests = limits it ---
suite "$sig" 2999-12-31 'tests = *_b'
"$COSIMGEN" tests.ini >gen.out 2>&1 && ninja >run3.out 2>&1
same "tests: only the tests named are waived" "1: 1 passed, 1 failed, 1 waived" \
    "$?: $(tail -n 1 out/summary.txt)"
check "tests: the other one fails" grep -q '^FAIL     fifo_a: ' out/summary.txt

# --- another signature waives nothing ---
suite 'ERROR: fifo underflow at <n>' 2999-12-31
"$COSIMGEN" tests.ini >gen.out 2>&1 && ninja >run4.out 2>&1
same "no match: nothing waived" "1: 1 passed, 2 failed" "$?: $(tail -n 1 out/summary.txt)"

# --- expired: waives nothing, and says so once, before the last line ---
suite "$sig" 2000-01-01
"$COSIMGEN" tests.ini >gen.out 2>&1 && ninja >run5.out 2>&1
same "expired: nothing waived" "1: 1 passed, 2 failed" "$?: $(tail -n 1 out/summary.txt)"
same "expired: said once, before the last line" \
    "waiver fifo expired on 2000-01-01" "$(tail -n 2 out/summary.txt | head -n 1)"
same "expired: only once" 1 "$(grep -c expired out/summary.txt)"

# --- changing a waiver reruns no test ---
suite "$sig" 2999-12-31
"$COSIMGEN" tests.ini >gen.out 2>&1 && ninja >run6.out 2>&1
cp -p out/tests/good/stamp stamp.before
suite "$sig" 2999-12-30
ninja >run7.out 2>&1
same "change: the report takes the new waiver" "0: 1 passed, 0 failed, 2 waived" \
    "$?: $(tail -n 1 out/summary.txt)"
check "change: the waivers file has it" grep -qx 'expires 2999-12-30' out/waivers
check "change: the passing test did not run again" \
    sh -c '! grep -q "TEST good" run7.out && cmp -s stamp.before out/tests/good/stamp && [ ! out/tests/good/stamp -nt stamp.before ]'
cp -p out/waivers waivers.before
"$COSIMGEN" tests.ini >gen.out 2>&1
check "change: the same waivers leave the file as it was" \
    sh -c '[ ! out/waivers -nt waivers.before ]'

# --- a failed compile is not waived ---
mkdir -p rtl
printf 'module broken;\n  wire x\nendmodule\n' >rtl/broken.v
suite '*' 2999-12-31
cat >>tests.ini <<'EOF'

[design:broken]
simulator = icarus
ready     = none
sources   = rtl/broken.v
top       = broken

[test:uses_broken]
design = broken
EOF
"$COSIMGEN" tests.ini >gen.out 2>&1 && ninja >run8.out 2>&1
same "compile: a test its compile kept from running is not waived" \
    "1: 1 passed, 0 failed, 1 error, 2 waived, 1 compile failed" \
    "$?: $(tail -n 1 out/summary.txt)"

# --- without waivers, no file ---
suite "$sig" 2999-12-31
sed -i '/^\[waiver:/,$d' tests.ini
"$COSIMGEN" tests.ini >gen.out 2>&1
check "none: the waivers file is removed" test ! -e out/waivers

# --- bad sections: every error at its line, at once ---
cat >bad.ini <<'EOF'
[test:t]
command = true

[waiver:nothing]
tests = t

[waiver:bad_date]
signature = x
reason = y
expires = 2026-02-29

[waiver:empty]
signature =
reason = y
expires = 2026-01-01
tets = t
EOF
"$COSIMGEN" bad.ini >bad.out 2>&1
same "errors: exit 2" 2 "$?"
cat >bad.want <<'EOF'
bad.ini:4: error: [waiver:nothing] needs 'signature': the failure signature as the report prints it, or a shell pattern of it
bad.ini:4: error: [waiver:nothing] needs 'reason': why the failure is waived
bad.ini:4: error: [waiver:nothing] needs 'expires': the last day it holds, YYYY-MM-DD
bad.ini:10: error: 'expires' in [waiver:bad_date] is '2026-02-29', not a date YYYY-MM-DD (the waiver holds through that day)
bad.ini:13: error: 'signature' is empty in [waiver:empty]
bad.ini:16: error: unknown key 'tets' in [waiver:empty] (did you mean 'tests'?)
EOF
check "errors: each at its line" sh -c 'grep "error:" bad.out | diff bad.want -'
