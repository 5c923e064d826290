#!/bin/sh
# The example suite of the README, with real Verilator and Icarus, in a
# copy of examples/: every test passes, each distinct recipe compiles once,
# and a second ninja does nothing.
. "$COSIM_TOP/tests/lib.sh"
for tool in verilator iverilog; do
	if ! command -v $tool >/dev/null 2>&1; then
		skip "example suite" "$tool is not installed"
		exit 0
	fi
done
d=$(scratch examples)
cp -R "$COSIM_TOP/examples/." "$d/"
rm -rf "$d/cosim-out" "$d/build.ninja" "$d"/.ninja_*
cd "$d" || exit 1
check "examples: cosimgen" "$COSIMGEN" --launcher "$COSIM_TOP/cosim-run" tests.ini
recipes=$(grep -c '^build .*: cosim_\(verilator\|icarus\) ' build.ninja)
same "examples: 6 designs, 5 distinct recipes, 5 compile edges" 5 "$recipes"
ninja -j2 >ninja1.out 2>&1
rc=$?
same "examples: the suite passes" 0 "$rc"
tail -n 1 ninja1.out | grep -q '^9 passed, 0 failed$' && ok "examples: 9 passed, 0 failed" ||
    fail "examples: 9 passed, 0 failed" "$(tail -n 20 ninja1.out)"
same "examples: what ran: 5 compiles" 5 "$(grep -c '\] \(VERILATE\|IVERILOG\) ' ninja1.out)"
ninja -j2 >ninja2.out 2>&1
grep -q 'no work to do' ninja2.out && ok "examples: a second ninja does nothing" ||
    fail "examples: a second ninja does nothing" "$(cat ninja2.out)"
