#!/bin/sh
# The example suite's regression features, in a copy of examples/, with
# real Verilator, GHDL, ninja and verilator_coverage: waves on demand for
# a Verilator test and a GHDL test of the suite (the normal build and
# results untouched), and the suite generated with --coverage, its
# passing tests' data merged into the report.
. "$COSIM_TOP/tests/lib.sh"
for tool in verilator iverilog iverilog-vpi ghdl verilator_coverage; do
	if ! command -v $tool >/dev/null 2>&1; then
		skip "example suite's regressions" "$tool is not installed"
		exit 0
	fi
done
d=$(scratch examples-regress)
cp -R "$COSIM_TOP/examples/." "$d/"
rm -rf "$d/cosim-out" "$d/build.ninja" "$d"/.ninja_* "$d/broken" "$d/cocotb"
cd "$d" || exit 1
fst() { python3 "$COSIM_TOP/tests/waves/fstinfo.py" "$1"; }

# --- waves on demand: one Verilator test and one GHDL test ---
check "regress: cosimgen" "$COSIMGEN" --launcher "$COSIM_TOP/cosim-run" tests.ini
ninja -j2 test/adder8_default test/adder8_ghdl >n1.out 2>&1
same "regress: the two tests pass" "pass pass" "$(for t in adder8_default \
    adder8_ghdl; do sed -n 's/^status //p' cosim-out/tests/$t/result; done |
    tr '\n' ' ' | sed 's/ $//')"
r1=$(cat cosim-out/tests/adder8_default/result)
ninja -j2 waves/adder8_default waves/adder8_ghdl >n2.out 2>&1
same "regress: ninja waves/NAME of both" 0 $?
for t in adder8_default adder8_ghdl; do
	info=$(fst cosim-out/tests/$t/waves/waves.fst 2>&1)
	case $info in
	*"signal "*) ok "regress: $t's waveform holds signals" ;;
	*) fail "regress: $t's waveform holds signals" "$info$(tail -20 n2.out)" ;;
	esac
done
same "regress: the Verilator test's result is untouched" "$r1" \
    "$(cat cosim-out/tests/adder8_default/result)"
same "regress: one waves variant compiled (Verilator's), none for GHDL" 1 \
    "$(grep -c '\] VERILATE .*(waves)' n2.out)"
ninja -j2 >n3.out 2>&1
tail -n 1 n3.out | grep -q '^28 passed, 0 failed$' &&
    ok "regress: the suite then passes as before" ||
    fail "regress: the suite then passes as before" "$(tail -20 n3.out)"
grep -q '(waves)' n3.out &&
    fail "regress: a plain ninja builds no waves variant" "$(cat n3.out)" ||
    ok "regress: a plain ninja builds no waves variant"

# --- coverage over the example suite ---
rm -rf cosim-out build.ninja .ninja_log .ninja_deps
check "regress: cosimgen --coverage" "$COSIMGEN" --launcher \
    "$COSIM_TOP/cosim-run" --coverage tests.ini
ninja -j2 >c1.out 2>&1
tail -n 1 c1.out | grep -q '^28 passed, 0 failed$' &&
    ok "regress: the suite passes with coverage" ||
    fail "regress: the suite passes with coverage" "$(tail -20 c1.out)"
line=$(grep '^coverage: ' c1.out)
case $line in
"coverage: "*" points ("*"%) from "*" passing tests"*)
	ok "regress: the summary gives the merged coverage" ;;
*) fail "regress: the summary gives the merged coverage" "$(tail -8 c1.out)" ;;
esac
[ -s cosim-out/coverage/merged.dat ] &&
    ok "regress: the merged data is in cosim-out/coverage" ||
    fail "regress: the merged data is in cosim-out/coverage" "$(ls cosim-out)"
ls cosim-out/coverage/annotated/*adder* >/dev/null 2>&1 &&
    ok "regress: with the annotated sources" ||
    fail "regress: with the annotated sources" "$(ls -R cosim-out/coverage)"
[ -s cosim-out/tests/adder8_default/run/coverage.dat ] &&
    ok "regress: a Verilator test wrote its own data" ||
    fail "regress: a Verilator test wrote its own data"
[ -e cosim-out/tests/adder8_ghdl/run/coverage.dat ] &&
    fail "regress: a GHDL test runs without coverage" ||
    ok "regress: a GHDL test runs without coverage"
