#!/bin/sh
# Coverage, end to end with real Verilator, real ninja and real
# verilator_coverage: coverage = yes builds the design's coverage variant
# (another directory than the plain build: turning it on or off
# recompiles), each test's run writes its data into its run directory and
# its result names it, and the report merges the data of the passing
# tests only (a failing test covers a branch no passing one does, so the
# totals tell whether it was left out), into merged.dat and annotated
# sources, with the totals in the summary, results.json, report.xml and
# report.html. Fixing the failing test and running again merges its data
# with the kept data of the others; a retried test keeps its last
# attempt's data. cosimgen --coverage persists through the graph's
# regeneration, and coverage = yes on Icarus or a custom design is an
# error at its line.
. "$COSIM_TOP/tests/lib.sh"
for tool in verilator verilator_coverage; do
	if ! command -v $tool >/dev/null 2>&1; then
		skip "coverage suite" "$tool is not installed"
		exit 0
	fi
done
d=$(scratch coverage)
cd "$d" || exit 1
mkdir rtl
# Each mode takes a branch of its own; mode c fails unless +fixed.
# Mode r fails on its first attempt (no marker yet) and passes on the
# second, through another branch.
cat >rtl/cov_tb.sv <<'EOT'
module cov_tb;
  integer mode_a = 0, mode_b = 0, mode_c = 0, mode_r = 0, x = 0, rc;
  initial begin
    if ($test$plusargs("a")) mode_a = 1;
    if ($test$plusargs("b")) mode_b = 1;
    if ($test$plusargs("c")) mode_c = 1;
    if ($test$plusargs("r")) mode_r = 1;
    if (mode_a != 0) begin
      x = x + 1; $display("branch a");
    end
    if (mode_b != 0) begin
      x = x + 2; $display("branch b");
    end
    if (mode_c != 0) begin
      x = x + 3; $display("branch c");
      if (!$test$plusargs("fixed")) $fatal(1, "mode c is broken");
    end
    if (mode_r != 0) begin
      rc = $system("test -e ../../../../retry.mark");
      if (rc != 0) begin
        x = x + 4; $display("branch r1");
        rc = $system("touch ../../../../retry.mark");
        $fatal(1, "first attempt fails");
      end else begin
        x = x + 5; $display("branch r2");
      end
    end
    $display("x=%0d", x);
    $finish;
  end
endmodule
EOT
cat >rtl/iv_tb.sv <<'EOT'
module iv_tb;
  initial begin $display("icarus ran"); $finish; end
endmodule
EOT
manifest() {	# manifest COVERAGE C_PLUSARGS
	cat >tests.ini <<EOT
[cosimgen]
builddir = out
ready    = none
flags    = -Wno-fatal
$1

[design:cov]
sources = rtl/cov_tb.sv
top     = cov_tb

[design:icarus]
simulator = icarus
sources   = rtl/iv_tb.sv
top       = iv_tb

[test:ta]
design   = cov
plusargs = +a

[test:tb]
design   = cov
plusargs = +b

[test:tc]
design   = cov
plusargs = $2

[test:tr]
design   = cov
plusargs = +r
retries  = 1

[test:ti]
design   = icarus
EOT
}
# the points of the data files merged, and how many are covered
points() {
	verilator_coverage --write merged.tmp "$@" >/dev/null 2>&1 &&
	    awk '/^C /{n++; if ($NF > 0) c++} END {print c + 0 "/" n + 0}' \
	    merged.tmp
}
sim_of() { sed -n 's/^sim //p' "out/tests/$1/spec"; }

manifest "" "+c"
check "plain: cosimgen" "$COSIMGEN" tests.ini
plain=$(sim_of ta)
ninja >plain.out 2>&1
[ ! -e out/tests/ta/run/coverage.dat ] && ! grep -q '^coverage' out/tests/ta/result &&
    ! grep -q '^coverage' out/summary.txt &&
    ok "plain: no coverage data, result field or summary line" ||
    fail "plain: no coverage data, result field or summary line" \
    "$(cat out/summary.txt)"
rm -f retry.mark

manifest "coverage = yes" "+c"
check "coverage = yes: cosimgen" "$COSIMGEN" tests.ini
cov=$(sim_of ta)
[ -n "$cov" ] && [ "$cov" != "$plain" ] &&
    [ "$(dirname "$cov")" != "$(dirname "$plain")" ] &&
    ok "coverage = yes: the design builds in another directory" ||
    fail "coverage = yes: the design builds in another directory" \
    "plain $plain, coverage $cov"
same "coverage = yes: the Icarus design is left as it is" "" \
    "$(grep '^coverage' out/tests/ti/spec)"
ninja >cov.out 2>&1
rc=$?
[ "$rc" -ne 0 ] && grep -q "VERILATE cov" cov.out &&
    ok "coverage = yes: recompiled; the failing test fails the run" ||
    fail "coverage = yes: recompiled; the failing test fails the run" \
    "rc=$rc" "$(tail -n 20 cov.out)"
for t in ta tb tc tr; do
	f=$(sed -n 's/^coverage //p' "out/tests/$t/result")
	[ "$f" = "$d/out/tests/$t/run/coverage.dat" ] && [ -s "$f" ] &&
	    ok "data of $t in its run directory, named by its result" ||
	    fail "data of $t in its run directory, named by its result" \
	    "field: $f" "$(ls out/tests/$t/run)"
done
same "retried test: flaky, its last attempt's data kept, the first's beside it" \
    "flaky yes branch r2" \
    "$(sed -n 's/^status //p' out/tests/tr/result) $([ -s out/tests/tr/attempt.1/run/coverage.dat ] && echo yes) $(grep -h '^branch' out/tests/tr/run/sim.out)"
same "summary: the last line counts the tests" "3 passed, 0 failed, 1 flaky, 1 crashed" \
    "$(tail -n 1 out/summary.txt)"
passing=$(points out/tests/ta/run/coverage.dat out/tests/tb/run/coverage.dat \
    out/tests/tr/run/coverage.dat)
all=$(points out/tests/ta/run/coverage.dat out/tests/tb/run/coverage.dat \
    out/tests/tr/run/coverage.dat out/tests/tc/run/coverage.dat)
[ "$passing" != "$all" ] && ok "the failing test covers points no passing one does" ||
    fail "the failing test covers points no passing one does" "$passing $all"
pct() { awk -v p="$1" 'BEGIN {split(p, a, "/"); printf "%.1f", int(a[1] * 1000 / a[2]) / 10}'; }
same "summary: the merged totals of the passing tests only, one line before the last" \
    "coverage: ${passing%/*}/${passing#*/} points ($(pct "$passing")%) from 3 passing tests, 1 failing test left out" \
    "$(tail -n 2 out/summary.txt | head -n 1)"
cmp -s merged.tmp out/coverage/merged.dat 2>/dev/null
covered=$(awk '/^C /{n++; if ($NF > 0) c++} END {print c + 0 "/" n + 0}' out/coverage/merged.dat)
same "merged.dat: the passing tests' data" "$passing" "$covered"
grep -q 'branch r1' out/coverage/annotated/cov_tb.sv 2>/dev/null &&
    grep -q '%000000' out/coverage/annotated/cov_tb.sv &&
    ok "annotated sources beside it, the uncovered marked" ||
    fail "annotated sources beside it, the uncovered marked" \
    "$(ls -R out/coverage)"
json=$("$PYTHON" -c '
import json, sys
c = json.load(open("out/results.json"))["coverage"]
print("%d/%d %d %d %s" % (c["covered"], c["points"], c["tests"], c["left_out"], c["merged"]))')
same "results.json: the totals" "$passing 3 1 out/coverage/merged.dat" "$json"
grep -q "<property name=\"coverage.covered\" value=\"${passing%/*}\"/>" out/report.xml &&
    ok "report.xml: the totals as properties" ||
    fail "report.xml: the totals as properties" "$(grep coverage out/report.xml)"
grep -q "<p id=\"coverage\">coverage: ${passing%/*}/${passing#*/} points.*href=\"coverage/annotated/\"" out/report.html &&
    ok "report.html: the totals and the annotated sources" ||
    fail "report.html: the totals and the annotated sources" \
    "$(grep -o '<p id="coverage">.*' out/report.html)"
if command -v xmllint >/dev/null 2>&1; then
	check "report.xml: valid JUnit" xmllint --noout --schema \
	    "$COSIM_TOP/tests/schema/junit.xsd" out/report.xml
fi

# an unchanged report keeps the merge: the inputs did not change
touch -d @1 out/coverage/merged.dat
"$COSIMGEN" report out >/dev/null
same "report again: the merge is kept while its inputs stand" 1 \
    "$(stat -c %Y out/coverage/merged.dat)"

# the fix: tc passes now, and only it reruns; its data joins the others'
manifest "coverage = yes" "+c +fixed"
ninja >fix.out 2>&1
rc=$?
all3=$(points out/tests/ta/run/coverage.dat out/tests/tb/run/coverage.dat \
    out/tests/tr/run/coverage.dat out/tests/tc/run/coverage.dat)
same "after the fix: only tc reran, and the run passes" "0 1" \
    "$rc $(grep -c '^\[.*TEST ' fix.out)"
same "after the fix: its data merged with the kept data of the others" \
    "coverage: ${all3%/*}/${all3#*/} points ($(pct "$all3")%) from 4 passing tests" \
    "$(tail -n 2 out/summary.txt | head -n 1)"
[ "$all3" != "$passing" ] && ok "after the fix: the totals grew" ||
    fail "after the fix: the totals grew" "$passing $all3"

# --coverage on the command line, kept by the graph's regeneration
manifest "" "+c +fixed"
check "--coverage: cosimgen" "$COSIMGEN" --coverage tests.ini
same "--coverage: the coverage build" "$cov" "$(sim_of ta)"
echo "; edited" >>tests.ini
ninja >regen.out 2>&1
same "--coverage: kept when the graph regenerates itself" "$cov coverage yes" \
    "$(sim_of ta) $(grep '^coverage' out/tests/ta/spec)"
check "--no-coverage: cosimgen" "$COSIMGEN" --no-coverage tests.ini
same "--no-coverage: the plain build again" "$plain" "$(sim_of ta)"

# coverage = yes where the simulator cannot collect it
cat >err.ini <<'EOT'
[design:iv]
simulator = icarus
sources   = rtl/cov_tb.sv
top       = cov_tb
coverage  = yes

[design:own]
simulator = custom
run       = ./model
coverage  = yes

[test:a]
design = iv

[test:b]
design = own
EOT
"$COSIMGEN" -o err.ninja err.ini >err.out 2>&1
rc=$?
same "Icarus and custom: an error at each line, exit 2" \
    "2 err.ini:5: err.ini:10: " \
    "$rc $(grep -o '^err.ini:[0-9]*:' err.out | tr '\n' ' ')"
grep -q "simulator = icarus cannot collect coverage" err.out &&
    grep -q "simulator = custom cannot collect coverage" err.out &&
    ok "Icarus and custom: the errors say why" ||
    fail "Icarus and custom: the errors say why" "$(cat err.out)"
