#!/bin/sh
# The UVM-aware verdict: a UVM report summary that counts a UVM_ERROR or
# a UVM_FATAL fails the test where no line matched, its counts are in the
# result and in every report, and the built-in patterns fail a UVM_ERROR
# or UVM_FATAL report line but neither summary's zero-count lines. Through
# real cosim-run and real ninja, against a fake simulator that prints real
# UVM report text (tests/fake/fakeuvm.py), then through Icarus.
. "$COSIM_TOP/tests/lib.sh"
d=$(scratch uvm)
cd "$d" || exit 1
RUN="$(dirname "$COSIMGEN")/cosim-run"
UVM="$PYTHON $COSIM_TOP/tests/fake/fakeuvm.py"

# counts TEST WARNINGS ERRORS FATALS: the result's UVM counts ("-" for
# none: no summary seen).
counts() {
	got="$(field "$1" uvm_warnings) $(field "$1" uvm_errors) $(field "$1" uvm_fatals)"
	want="$2 $3 $4"
	[ "$want" = "- - -" ] && want="  "
	same "$1: UVM counts (warnings errors fatals) $2 $3 $4" "$want" "$got"
}

{
	printf '[cosimgen]\nbuilddir = out\nsimulator = custom\ntimeout = 5\n'
	for m in clean warnings errors fatal fatal-count line-error catcher \
	    uvm12 transcript split twice cut hang; do
		printf '\n[design:%s]\nrun = %s %s\nready = none\n' "$m" "$UVM" "$m"
		printf '\n[test:%s]\ndesign = %s\n' "$m" "$m"
	done
	cat <<'EOT'
timeout = 1

; the summary is the testbench's own verdict: not one of the patterns
[test:errors_no_defaults]
design = errors
default_patterns = no

[test:errors_expected]
design = errors
expect = fail
EOT
} >tests.ini
"$COSIMGEN" tests.ini >gen.out 2>&1 || fail "cosimgen" "$(cat gen.out)"
ninja -k 0 >ninja.out 2>&1
same "ninja fails when a UVM summary counts errors" 1 "$?"

expect clean pass
counts clean 0 0 0
expect warnings pass
counts warnings 3 0 0
expect errors fail '^UVM report summary: 2 UVM_ERROR, 0 UVM_FATAL \(sim\.out:5\)$'
counts errors 0 2 0
expect fatal fail "^sim\.out:4 matches 'UVM_.*': UVM_FATAL tb\.sv\(52\) @ 80: .*; UVM report summary: 0 UVM_ERROR, 1 UVM_FATAL \(sim\.out:6\)$"
counts fatal 0 0 1
expect fatal-count fail '^UVM report summary: 0 UVM_ERROR, 1 UVM_FATAL'
expect line-error fail "^sim\.out:4 matches 'UVM_.*': UVM_ERROR tb\.sv\(12\) @ 100: "
counts line-error - - -
expect catcher pass
counts catcher 0 0 0
expect uvm12 fail '^UVM report summary: 1 UVM_ERROR, 0 UVM_FATAL \(sim\.out:5\)$'
expect transcript fail '^UVM report summary: 1 UVM_ERROR, 0 UVM_FATAL'
counts transcript 0 1 0
expect split fail '^UVM report summary: 2 UVM_ERROR, 0 UVM_FATAL'
counts split 0 2 0
expect twice fail '^UVM report summary: 1 UVM_ERROR, 0 UVM_FATAL \(sim\.out:18\)$'
counts twice 0 1 0
expect cut pass
counts cut - - -
expect hang timeout
counts hang - - -
expect errors_no_defaults fail '^UVM report summary: 2 UVM_ERROR'
expect errors_expected xfail 'failed as expected: UVM report summary: 2 UVM_ERROR'

# --scan-only reads the summary again and keeps its counts.
"$RUN" --scan-only out/tests/errors/spec >scan.out 2>&1
same "scan-only: the summary fails the test again (exit 1)" 1 "$?"
expect errors fail '^UVM report summary: 2 UVM_ERROR'
counts errors 0 2 0

# The reports: the console's reason, results.json's numbers, report.xml's
# properties and report.html's reason cell.
"$COSIMGEN" report out >report.out 2>&1
if grep -Eq '^FAIL +errors: UVM report summary: 2 UVM_ERROR, 0 UVM_FATAL' report.out; then
	ok "report: the console gives the summary's counts as the reason"
else
	fail "report: the console gives the summary's counts as the reason" \
	    "$(cat report.out)"
fi
check "results.json: the counts as numbers, only where a summary was seen" \
    "$PYTHON" - <<'EOT'
import json
t = {x["name"]: x for x in json.load(open("out/results.json"))["tests"]}
assert (t["errors"]["uvm_errors"], t["errors"]["uvm_fatals"],
        t["errors"]["uvm_warnings"]) == (2, 0, 0), t["errors"]
assert t["warnings"]["uvm_warnings"] == 3 and t["warnings"]["status"] == "pass"
assert t["fatal"]["uvm_fatals"] == 1, t["fatal"]
for name in ("line-error", "cut", "hang"):
    assert not any(k.startswith("uvm_") for k in t[name]), t[name]
EOT
check "report.xml: the counts as properties" "$PYTHON" - <<'EOT'
import xml.etree.ElementTree as ET
p = {e.get("name"): e.get("value") for e in ET.parse("out/report.xml").iter("property")}
assert (p["errors.uvm_errors"], p["errors.uvm_fatals"],
        p["errors.uvm_warnings"]) == ("2", "0", "0"), p
assert p["warnings.uvm_warnings"] == "3", p
assert "line-error.uvm_errors" not in p, p
EOT
if grep -q '<span class="uvm">UVM report summary: 0 UVM_ERROR, 0 UVM_FATAL, 3 UVM_WARNING</span>' out/report.html &&
    [ "$(grep -c '<span class="uvm">' out/report.html)" -eq 12 ]; then
	ok "report.html: the counts in each reason cell with a summary"
else
	fail "report.html: the counts in each reason cell with a summary" \
	    "$(grep -o '<span class="uvm">[^<]*' out/report.html)"
fi

# A real simulator: an Icarus testbench that $displays the summary, as
# UVM's report server would, and $finish-es (exit 0).
if ! command -v iverilog >/dev/null 2>&1; then
	skip "Icarus: a summary counting errors fails the test" "iverilog is not installed"
	exit 0
fi
mkdir -p real
cd real || exit 1
cat >uvm_tb.sv <<'EOT'
module uvm_tb;
  initial begin
    $display("UVM_INFO tb.sv(3) @ 0: uvm_test_top [TEST] running");
    $display("");
    $display("--- UVM Report Summary ---");
    $display("");
    $display("** Report counts by severity");
    $display("UVM_INFO :%5d", 1);
    $display("UVM_WARNING :%5d", 0);
    $display("UVM_ERROR :%5d", `ERRORS);
    $display("UVM_FATAL :%5d", 0);
    $display("** Report counts by id");
    $display("[TEST] %5d", 1);
    $finish;
  end
endmodule
EOT
{
	printf '[cosimgen]\nbuilddir = out\nsimulator = icarus\nready = none\n'
	for e in 3:icarus_errors 0:icarus_clean; do
		printf '\n[design:%s]\nsources = uvm_tb.sv\ntop = uvm_tb\n' "${e#*:}"
		printf 'defines = ERRORS=%s\n\n[test:%s]\ndesign = %s\n' \
		    "${e%%:*}" "${e#*:}" "${e#*:}"
	done
} >tests.ini
"$COSIMGEN" tests.ini >gen.out 2>&1 || fail "cosimgen (Icarus)" "$(cat gen.out)"
ninja -k 0 >ninja.out 2>&1
same "Icarus: ninja fails" 1 "$?"
expect icarus_errors fail '^UVM report summary: 3 UVM_ERROR, 0 UVM_FATAL \(sim\.out:3\)$'
counts icarus_errors 0 3 0
expect icarus_clean pass
counts icarus_clean 0 0 0
