#!/bin/sh
# Compiles, with real ninja, GNU make, Verilator and Icarus: a design that
# does not compile is a result. A plain ninja runs the other designs'
# tests, gives each test of a failed design an error that names the
# compiler's first error and its log, in every report, and exits
# non-zero; once the source is fixed, only that design recompiles and only
# its tests rerun. An executable of an earlier compile never runs after a
# bad edit. Icarus designs recompile when an `include`d file changes. A
# hanging compile is stopped by compile_timeout, with all it started;
# changing compile_timeout recompiles nothing, yet the next compile has
# the new value. The make fragment gives Verilator make's jobserver and
# reports a failed compile too. The timeline places each compile from its own start.
. "$COSIM_TOP/tests/lib.sh"
for tool in verilator iverilog; do
	if ! command -v $tool >/dev/null 2>&1; then
		skip "compile suite" "$tool is not installed"
		exit 0
	fi
done
tag="cosim-compile-$$"
export COMPILE_MARK="$tag"
# what ran: "KIND NAME" per compile and test, sorted, on one line
ran() {
	sed -n 's/^\[[0-9]*\/[0-9]*\] \(VERILATE\|IVERILOG\|COMPILE\) \(.*\)$/\1 \2/p
	    s/^\[[0-9]*\/[0-9]*\] TEST \(.*\/tests\/\)\{0,1\}\([^/ ]*\).*$/TEST \2/p' "$1" |
	    sort | tr '\n' ' '
}

sources() {	# sources: the three designs as they start
	mkdir -p rtl/inc
	cat >rtl/good.sv <<'EOT'
module good;
  initial begin $display("good ran"); $finish; end
endmodule
EOT
	printf 'module vbad;\n  wire x\n  assign x = 1;\nendmodule\n' >rtl/vbad.sv
	printf 'module ibad;\n  reg r\n  initial $finish;\nendmodule\n' >rtl/ibad.v
	cat >rtl/inc.v <<'EOT'
`include "w.vh"
module inc;
  initial begin $display("w=%0d", `W); $finish; end
endmodule
EOT
	echo '`define W 8' >rtl/inc/w.vh
}

# statuses: each test's status as its result says
statuses() {
	for t in g1 g2 i1 ib1 ib2 vb1; do
		printf '%s=%s ' $t "$(sed -n 's/^status //p' cosim-out/tests/$t/result 2>/dev/null)"
	done
}

manifest() {	# manifest: four designs, two of which do not compile
	cat >tests.ini <<'EOT'
[cosimgen]
ready   = none
timeout = 60

[design:good]
sources = rtl/good.sv
top     = good

[design:vbad]
sources = rtl/vbad.sv
top     = vbad

[design:ibad]
simulator = icarus
sources   = rtl/ibad.v
top       = ibad

[design:inc]
simulator    = icarus
sources      = rtl/inc.v
top          = inc
include_dirs = rtl/inc

[test:g1]
design = good

[test:g2]
design = good

[test:vb1]
design = vbad

[test:ib1]
design = ibad

[test:ib2]
design = ibad

[test:i1]
design = inc
EOT
}

d=$(scratch compile)
cd "$d" || exit 1
sources
manifest
check "cosimgen" "$COSIMGEN" --launcher "$COSIM_TOP/cosim-run" tests.ini

# --- a plain ninja with two designs that do not compile ---
ninja -j2 >ninja1.out 2>&1
rc=$?
[ "$rc" -ne 0 ] && ok "plain ninja: exits non-zero when a design does not compile" ||
    fail "plain ninja: exits non-zero when a design does not compile" "rc=$rc" \
    "$(tail -n 20 ninja1.out)"
same "plain ninja: every test ran, the good designs' tests too" \
    "g1=pass g2=pass i1=pass ib1=error ib2=error vb1=error " \
    "$(statuses)"
grep -q 'FAILED compile of vbad: %Error: rtl/vbad.sv:3' ninja1.out &&
    ok "ninja shows the failed compile with its first error" ||
    fail "ninja shows the failed compile with its first error" "$(cat ninja1.out)"

vlog=$(sed -n 's/^compile_log //p' cosim-out/tests/vb1/result)
ilog=$(sed -n 's/^compile_log //p' cosim-out/tests/ib1/result)
[ -n "$vlog" ] && [ -n "$ilog" ] && grep -q '^%Error: rtl/vbad.sv:3' "cosim-out/$vlog" &&
    grep -q 'rtl/ibad.v:3: syntax error' "cosim-out/$ilog" &&
    ok "the compile logs are kept in the builddir" ||
    fail "the compile logs are kept in the builddir" "vb1: $vlog, ib1: $ilog"

s=cosim-out/summary.txt
grep -q "^ERROR    vb1: design vbad did not compile: %Error: rtl/vbad.sv:3:3: syntax error" $s &&
    grep -q "^ERROR    ib1: design ibad did not compile: rtl/ibad.v:3: syntax error" $s &&
    ok "summary: each test of a failed design is an error with the first error" ||
    fail "summary: each test of a failed design is an error with the first error" "$(cat $s)"
grep -q "^FAIL     compile of vbad: %Error: rtl/vbad.sv:3:3: syntax error" $s &&
    grep -q "^         log:   cosim-out/$vlog:[0-9]" $s &&
    ok "summary: the failed compile comes with its log and the error's line" ||
    fail "summary: the failed compile comes with its log and the error's line" "$(cat $s)"
[ "$(grep -n 'compile of vbad' $s | cut -d: -f1)" -lt "$(grep -n 'ERROR    vb1' $s | cut -d: -f1)" ] &&
    ok "summary: compiles before tests" || fail "summary: compiles before tests" "$(cat $s)"
same "summary: the last line counts the failed compiles" \
    "3 passed, 0 failed, 3 errors, 2 compiles failed" "$(tail -n 1 $s)"

if command -v xmllint >/dev/null 2>&1; then
	check "report.xml passes the JUnit schema" \
	    xmllint --noout --schema "$COSIM_TOP/tests/schema/junit.xsd" cosim-out/report.xml
else
	skip "report.xml passes the JUnit schema" "xmllint is not installed"
fi
check "report.xml: the failed design's tests are errors naming the first error" "$PYTHON" -c '
import sys, xml.etree.ElementTree as ET
cases = {c.get("name"): c for c in ET.parse("cosim-out/report.xml").iter("testcase")}
for t in ("vb1", "ib1", "ib2"):
    e = cases[t].find("error")
    assert e is not None and "did not compile" in e.get("message"), t
    assert "syntax error" in e.get("message"), t
    assert "compile.log" in cases[t].find("system-err").text, t
assert cases["g1"].find("error") is None and cases["g1"].find("failure") is None
'
check "results.json: test errors, and each compile with its status and time" "$PYTHON" -c '
import json
d = json.load(open("cosim-out/results.json"))
t = {x["name"]: x for x in d["tests"]}
for n in ("vb1", "ib1", "ib2"):
    assert t[n]["status"] == "error", n
    assert t[n]["reason"].startswith("design "), t[n]["reason"]
    assert "did not compile" in t[n]["reason"], n
    assert t[n]["log"].endswith("/compile.log"), t[n]["log"]
    assert isinstance(t[n]["compile_log_line"], int), t[n]
c = {x["designs"][0]: x for x in d["compiles"] if x["designs"]}
assert c["good"]["status"] == "pass" and c["good"]["duration_ms"] > 0, c["good"]
assert c["vbad"]["status"] == "fail", c["vbad"]
assert c["vbad"]["reason"].startswith("%Error: rtl/vbad.sv:3:3"), c["vbad"]
assert c["ibad"]["status"] == "fail" and c["ibad"]["log_line"] >= 1, c["ibad"]
assert c["inc"]["status"] == "pass", c["inc"]
'
grep -q 'design vbad did not compile' cosim-out/report.html &&
    grep -q '<table id="compiles">' cosim-out/report.html &&
    grep -q '<td>vbad</td><td class="st fail">fail' cosim-out/report.html &&
    ok "report.html: the compiles' table and the tests' errors" ||
    fail "report.html: the compiles' table and the tests' errors"

# the timeline: every bar from its own start and duration; none overlaps
# another in its slot
# A Verilator design is two edges (the model, the link); its result spans
# both, in time and in what they used.
check "usage: a Verilator design's result counts its model's CPU and memory, not only the link's" "$PYTHON" -c '
import glob
for mt in glob.glob("cosim-out/designs/*/model.time"):
    start, ms, cpu, rss = map(int, open(mt).read().split())
    r = dict(l.rstrip("\n").split(" ", 1) for l in open(mt.replace("model.time", "result")) if " " in l)
    assert cpu > 0 and int(r["cpu_ms"]) >= cpu, (mt, cpu, r.get("cpu_ms"))
    assert int(r["max_rss_kb"]) >= rss, (mt, rss, r.get("max_rss_kb"))
    break
else:
    raise SystemExit("no model.time")
'
check "report.html: the timeline places each compile from its own start" "$PYTHON" -c '
import json, re
d = json.load(open("cosim-out/results.json"))
html = open("cosim-out/report.html").read()
items = [(x["start_epoch_ms"], x["duration_ms"]) for x in d["compiles"] if x["ran_this_time"]]
items += [(x["start_epoch_ms"], x["duration_ms"]) for x in d["tests"] if x["ran_this_time"]]
first = min(s for s, _ in items)
span = max(s + u for s, u in items) - first
bars = re.findall(r"<rect x=\"([0-9.]+)\" y=\"([0-9]+)\" width=\"([0-9.]+)\"[^>]*><title>([^<]*)</title>", html)
c = [x for x in d["compiles"] if x["designs"] == ["good"]][0]
x = [float(b[0]) for b in bars if b[3].startswith("compile good ")]
assert len(x) == 1, bars
want = 60 + 1000.0 * (c["start_epoch_ms"] - first) / span
assert abs(x[0] - want) < 1.5, (x[0], want)
lanes = {}
for bx, by, bw, _ in bars:
    lanes.setdefault(by, []).append((float(bx), float(bx) + float(bw)))
for spans in lanes.values():
    spans.sort()
    for a, b in zip(spans, spans[1:]):
        assert b[0] >= a[1] - 1.0, ("overlap", a, b)
'

"$COSIMGEN" report --filter 'design:ibad' cosim-out >filter1.out 2>&1
rc=$?
[ "$rc" -eq 1 ] && grep -q '^FAIL     compile of ibad' filter1.out &&
    ! grep -q 'compile of vbad' filter1.out &&
    ok "report --filter: a design's failed compile comes with its tests" ||
    fail "report --filter: a design's failed compile comes with its tests" \
    "rc=$rc" "$(cat filter1.out)"
"$COSIMGEN" report --filter 'g*' cosim-out >filter2.out 2>&1
same "report --filter: tests of designs that compiled pass alone" \
    "0 2 passed, 0 failed" "$? $(cat filter2.out)"

ninja cosim-compile >compile1.out 2>&1
rc=$?
[ "$rc" -ne 0 ] && grep -q 'FAILED compile of ibad' compile1.out &&
    ok "ninja cosim-compile exits non-zero when a compile fails" ||
    fail "ninja cosim-compile exits non-zero when a compile fails" "rc=$rc" \
    "$(cat compile1.out)"

# --- an include edited: the Icarus design recompiles, its test reruns ---
sleep 1
echo '`define W 9' >rtl/inc/w.vh
ninja -j2 >ninja2.out 2>&1
case "$(ran ninja2.out)" in
*"IVERILOG inc "*"TEST i1 "*) ok "an edited include recompiles the Icarus design and reruns its test" ;;
*) fail "an edited include recompiles the Icarus design and reruns its test" "$(cat ninja2.out)" ;;
esac
grep -q '^w=9$' cosim-out/tests/i1/run/sim.out &&
    ok "and the test ran the new build" || fail "and the test ran the new build"

# --- a make fragment beside the ninja graph: ninja leaves the dependency
# files in place, so make too recompiles after an include is edited ---
"$COSIMGEN" -G make --launcher "$COSIM_TOP/cosim-run" -o cosim.mk tests.ini \
    >/dev/null 2>&1
sleep 1
echo '`define W 8' >rtl/inc/w.vh
make -f cosim.mk -j2 cosim-check >make0.out 2>&1
grep -q '^w=8$' cosim-out/tests/i1/run/sim.out &&
    ok "make after ninja: an edited include recompiles the Icarus design" ||
    fail "make after ninja: an edited include recompiles the Icarus design" \
    "$(cat make0.out)"

# --- the bridge's VPI module fails to build while the tests do not run: the
# Icarus tests, which all load it, show that failure ---
mkdir -p fakebin
printf '#!/bin/sh\necho "vpi.c:1: error: no room" >&2\nexit 1\n' >fakebin/iverilog-vpi
chmod +x fakebin/iverilog-vpi
rm -f cosim-out/vpi/cosim_bridge.vpi
PATH="$PWD/fakebin:$PATH" ninja cosim-compile >compile3.out 2>&1
"$COSIMGEN" report cosim-out >report3.out 2>&1
grep -q "^ERROR    i1: the bridge's VPI module did not compile: " report3.out &&
    ok "a failed VPI module: the Icarus tests that ran before it are errors" ||
    fail "a failed VPI module: the Icarus tests that ran before it are errors" \
    "$(cat compile3.out report3.out)"

# --- a compile fails while its tests do not run (ninja cosim-compile): the
# report shows that failure for them, not their verdict on the old build ---
vvp=$(sed -n 's/^sim //p' cosim-out/tests/i1/spec)
echo '`define W (' >rtl/inc/w.vh
ninja cosim-compile >compile2.out 2>&1
"$COSIMGEN" report cosim-out >report2.out 2>&1
rc=$?
[ $rc -ne 0 ] && grep -q '^ERROR    i1: design inc did not compile: ' report2.out &&
    ok "a compile fails, its tests not run: the report shows them as errors" ||
    fail "a compile fails, its tests not run: the report shows them as errors" \
    "rc=$rc" "$(cat report2.out)"
same "and so does results.json" "error design inc did not compile" \
    "$("$PYTHON" -c 'import json,sys
t = [t for t in json.load(open("cosim-out/results.json"))["tests"] if t["name"] == "i1"][0]
print(t["status"], t["reason"].split(":")[0])')"

# --- a bad edit of a design that compiled: its old build never runs ---
ninja -j2 >ninja3.out 2>&1
same "a bad edit: the test of the design that compiled before is an error" error \
    "$(sed -n 's/^status //p' cosim-out/tests/i1/result)"
[ ! -e "$vvp" ] && ok "a bad edit: the old build is gone" ||
    fail "a bad edit: the old build is gone" "$vvp is still there"
grep -q '^w=' cosim-out/tests/i1/run/sim.out 2>/dev/null &&
    fail "a bad edit: the old build did not run" "$(cat cosim-out/tests/i1/run/sim.out)" ||
    ok "a bad edit: the old build did not run"

# --- the sources fixed: only those designs recompile, only their tests rerun ---
printf 'module vbad;\n  wire x;\n  assign x = 1;\n  initial $finish;\nendmodule\n' >rtl/vbad.sv
printf 'module ibad;\n  reg r;\n  initial $finish;\nendmodule\n' >rtl/ibad.v
echo '`define W 10' >rtl/inc/w.vh
ninja -j2 >ninja4.out 2>&1
rc=$?
same "fixed: ninja passes" "0 $(printf '6 passed, 0 failed')" "$rc $(tail -n 1 cosim-out/summary.txt)"
same "fixed: only the fixed designs recompile and only their tests rerun" \
    "IVERILOG ibad IVERILOG inc TEST i1 TEST ib1 TEST ib2 TEST vb1 VERILATE vbad " \
    "$(ran ninja4.out)"
ninja cosim-compile >compile2.out 2>&1
same "ninja cosim-compile passes once every design compiles" 0 $?
check "results.json: no compile failed" "$PYTHON" -c '
import json
d = json.load(open("cosim-out/results.json"))
assert all(c["status"] == "pass" for c in d["compiles"]), d["compiles"]
# four designs, the Verilator runtime and the VPI module every Icarus run
# loads
assert len(d["compiles"]) == 6, d["compiles"]
'

# a simulator that is not there, run by hand: not compiled, not run
rm -f "$(sed -n 's/^sim //p' cosim-out/tests/i1/spec)"
"$COSIM_TOP/cosim-run" cosim-out/tests/i1/spec >byhand.out 2>&1
same "by hand, a missing simulator: exit 1" 1 $?
grep -q '^error   i1 (.*): design inc has not been compiled: .* is missing  \[.*\]$' byhand.out &&
    ok "by hand, a missing simulator: the design has not been compiled" ||
    fail "by hand, a missing simulator: the design has not been compiled" "$(cat byhand.out)"

# --- a compile that hangs ---
h=$(scratch compile-hang)
cd "$h" || exit 1
cat >tests.ini <<'EOT'
[cosimgen]
ready = none

[design:hang]
simulator       = custom
sources         = tests.ini
compile         = sh -c 'sleep 300' & sleep 300; touch {sim}
run             = {sim}
compile_timeout = 2
kill_grace      = 1

[test:h1]
design = hang
EOT
check "hang: cosimgen" "$COSIMGEN" --launcher "$COSIM_TOP/cosim-run" tests.ini
ninja >ninja.out 2>&1
rc=$?
[ "$rc" -ne 0 ] && ok "hang: ninja ends, non-zero" || fail "hang: ninja ends, non-zero" "rc=$rc"
grep -q '^TIMEOUT  compile of hang: timed out after [0-9.]* s (compile_timeout 2.0 s)$' \
    cosim-out/summary.txt && ok "hang: a timed-out compile in the summary" ||
    fail "hang: a timed-out compile in the summary" "$(cat cosim-out/summary.txt)"
grep -q '^ERROR    h1: design hang did not compile: timed out' cosim-out/summary.txt &&
    ok "hang: its test is an error" || fail "hang: its test is an error" "$(cat cosim-out/summary.txt)"
same "hang: nothing the compile started is left running" 0 "$(leaks_of "COMPILE_MARK=$tag")"

# an interrupt stops a compile as it stops a test
sed -i 's/^compile_timeout = 2$/compile_timeout = 0/' tests.ini
ninja >ninja-int.out 2>&1 &
pid=$!
i=0
while [ "$(leaks_of "COMPILE_MARK=$tag")" -lt 4 ] && [ $i -lt 100 ]; do
	sleep 0.1
	i=$((i + 1))
done
kill -INT $pid
wait $pid
grep -q '^status interrupted$' cosim-out/designs/*/result &&
    ok "interrupted: the compile's result says so" ||
    fail "interrupted: the compile's result says so" "$(cat cosim-out/designs/*/result)" \
    "$(cat ninja-int.out)"
same "interrupted: nothing the compile started is left running" 0 \
    "$(leaks_of "COMPILE_MARK=$tag")"

# cosim-run killed outright in the middle of a compile: its result says
# the compile did not finish, and the next run ends what it left
compile_pid() {
	for _p in /proc/[0-9]*; do
		tr '\0' ' ' <"$_p/cmdline" 2>/dev/null | grep -q -- '--compile ' &&
		    tr '\0' '\n' <"$_p/environ" 2>/dev/null | grep -qx "COMPILE_MARK=$tag" &&
		    { echo "${_p#/proc/}"; return; }
	done
}
ninja >ninja-kill.out 2>&1 &
pid=$!
i=0
while [ "$(leaks_of "COMPILE_MARK=$tag")" -lt 4 ] && [ $i -lt 100 ]; do
	sleep 0.1
	i=$((i + 1))
done
kill -KILL "$(compile_pid)"
wait $pid
grep -q '^reason the compile did not finish' cosim-out/designs/*/result &&
    grep -q '^status error$' cosim-out/designs/*/result &&
    ok "killed: the compile's result says it did not finish" ||
    fail "killed: the compile's result says it did not finish" \
    "$(cat cosim-out/designs/*/result)"
sed -i 's/^compile_timeout = 0$/compile_timeout = 2/' tests.ini
ninja >ninja-after.out 2>&1
same "killed: the next run ends what the killed one left" 0 \
    "$(leaks_of "COMPILE_MARK=$tag")"

# --- a compile's limits are not inputs of the compile ---
# Changing compile_timeout recompiles nothing; the next compile (here
# after an edit of its source) uses the new value.
l=$(scratch compile-limits)
cd "$l" || exit 1
echo 0 >delay
echo one >src.txt
cat >tests.ini <<'EOT'
[cosimgen]
ready = none

[design:quick]
simulator       = custom
sources         = src.txt
compile         = sleep $(cat delay) && touch {sim}
run             = true
compile_timeout = 30

[test:q1]
design = quick
EOT
check "limits: cosimgen" "$COSIMGEN" --launcher "$COSIM_TOP/cosim-run" tests.ini
ninja >ninja1.out 2>&1
same "limits: the first ninja compiles and runs" "COMPILE quick TEST q1 " "$(ran ninja1.out)"
sed -i 's/^compile_timeout = 30$/compile_timeout = 1/' tests.ini
ninja >ninja2.out 2>&1
same "limits: a changed compile_timeout recompiles nothing" "" "$(ran ninja2.out)"
echo 10 >delay
echo two >src.txt
ninja >ninja3.out 2>&1
grep -q '^TIMEOUT  compile of quick: timed out after [0-9.]* s (compile_timeout 1.0 s)$' \
    cosim-out/summary.txt && ok "limits: the next compile has the new compile_timeout" ||
    fail "limits: the next compile has the new compile_timeout" "$(cat cosim-out/summary.txt)"

# --- the first error, as cosim-run --compile finds it in a log ---
f=$(scratch compile-first-error)
cd "$f" || exit 1
# first_error COMMAND: the reason of a compile that runs COMMAND
first_error() {
	rm -rf out
	mkdir out
	echo 'designs/x 0 100 x' >out/compiles.list
	printf 'cosim-compile 1\nid designs/x\nbuilddir out\ndir out/designs/x\n' >spec
	printf 'output out/designs/x/sim\ncommand %s\n' "$1" >>spec
	"$COSIM_TOP/cosim-run" --compile spec >/dev/null
	sed -n 's/^reason //p' out/designs/x/result
}
same "first error: gcc's, not make's after it" "foo.c:3:5: error: expected ';'" \
    "$(first_error "echo 'In file included from x.h:1,'; echo \"foo.c:3:5: error: expected ';'\" >&2; echo 'make: *** [x] Error 1'; exit 2")"
same "first error: the linker's" "main.o: in function 'f': x.c:(.text+0x5): undefined reference to 'g'" \
    "$(first_error "echo \"main.o: in function 'f': x.c:(.text+0x5): undefined reference to 'g'\"; echo 'collect2: error: ld returned 1 exit status'; exit 1")"
same "first error: a Verilator warning made fatal" "%Warning-WIDTH: a.sv:3:9: Operator ASSIGN expects 8 bits" \
    "$(first_error "echo '%Warning-WIDTH: a.sv:3:9: Operator ASSIGN expects 8 bits'; echo '%Error: Exiting due to 1 warning(s)'; exit 1")"
same "first error: Icarus' I give up" "a.v:9: I give up." \
    "$(first_error "echo 'a.v:9: I give up.'; exit 2")"
same "first error: else the last line" "something went wrong" \
    "$(first_error "echo starting; echo 'something went wrong'; echo; exit 3")"
same "first error: a silent failure says so" "the compile exited with status 3 and printed nothing" \
    "$(first_error "exit 3")"
same "first error: exit 0 without the output is a failure" \
    "the compile exited 0 but did not write out/designs/x/sim" "$(first_error "true")"
first_error "mkdir -p out/designs/x && touch out/designs/x/sim" >/dev/null
same "first error: a compile that wrote its output passes" pass \
    "$(sed -n 's/^status //p' out/designs/x/result)"

# --- GNU make: the jobserver reaches Verilator, a failed compile is a result ---
m=$(scratch compile-make)
cd "$m" || exit 1
sources
manifest
printf 'check: cosim-check\ninclude cosim.mk\n' >Makefile
check "make: cosimgen -G make" "$COSIMGEN" -G make --launcher "$COSIM_TOP/cosim-run" \
    -o cosim.mk tests.ini
make -j2 check >make1.out 2>&1
rc=$?
[ "$rc" -ne 0 ] && ok "make: exits non-zero when a design does not compile" ||
    fail "make: exits non-zero when a design does not compile" "$(cat make1.out)"
grep -q 'jobserver unavailable' make1.out &&
    fail "make -j2: no jobserver warning from Verilator's make" "$(cat make1.out)" ||
    ok "make -j2: no jobserver warning from Verilator's make"
same "make: the good designs pass, the failed designs' tests are errors" \
    "g1=pass g2=pass i1=pass ib1=error ib2=error vb1=error " \
    "$(statuses)"
grep -q '^FAIL     compile of ibad: rtl/ibad.v:3: syntax error' cosim-out/summary.txt &&
    ok "make: the failed compile is in the summary" ||
    fail "make: the failed compile is in the summary" "$(cat cosim-out/summary.txt)"
sleep 1
echo '`define W 9' >rtl/inc/w.vh
make -j2 check >make2.out 2>&1
grep -q '^w=9$' cosim-out/tests/i1/run/sim.out &&
    ok "make: an edited include recompiles the Icarus design" ||
    fail "make: an edited include recompiles the Icarus design" "$(cat make2.out)"

# --- a Verilator top whose name Verilator encodes: the executable is found ---
o=$(scratch compile-odd-top)
cd "$o" || exit 1
printf 'module t__x;\n  initial begin $display("odd top ran"); $finish; end\nendmodule\n' >t.sv
cat >tests.ini <<'EOT'
[cosimgen]
ready = none

[design:odd]
sources = t.sv
top     = t__x

[test:odd1]
design = odd
EOT
"$COSIMGEN" --launcher "$COSIM_TOP/cosim-run" tests.ini && ninja >ninja.out 2>&1
same "a top named t__x compiles and its test passes" "pass" \
    "$(sed -n 's/^status //p' cosim-out/tests/odd1/result)"
