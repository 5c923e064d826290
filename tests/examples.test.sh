#!/bin/sh
# The example suite of the README, with real Verilator, Icarus and GHDL, in a
# copy of examples/: every test passes, each distinct recipe compiles once,
# a second ninja does nothing, touching one HDL file recompiles only the
# designs using it and reruns only their tests, a plusargs change reruns
# one test and compiles nothing, and no simulator outlives its test.
# Then examples/broken, each test failing its own way, and the cocotb
# example (examples/cocotb) with real cocotb 1.x and 2.x, and make demo's
# one line where there is no cocotb.
. "$COSIM_TOP/tests/lib.sh"
for tool in verilator iverilog iverilog-vpi ghdl; do
	if ! command -v $tool >/dev/null 2>&1; then
		skip "example suite" "$tool is not installed"
		exit 0
	fi
done
d=$(scratch examples)
cp -R "$COSIM_TOP/examples/." "$d/"
rm -rf "$d/cosim-out" "$d/build.ninja" "$d"/.ninja_* "$d/broken"
cd "$d" || exit 1
tag="cosim-examples-$$"
export EXAMPLES_MARK="$tag"
leaks() { leaks_of "EXAMPLES_MARK=$tag"; }
# ran OUTFILE: the sorted names of the tests and compiles that ran
ran() { sed -n 's/^\[[0-9]*\/[0-9]*\] \(TEST\|VERILATE\|IVERILOG\|GHDL\|VPI\) /\1 /p' "$1" | sort | tr '\n' ' '; }
compiles() { grep -c '\] \(VERILATE\|IVERILOG\|GHDL\) ' "$1"; }
tests_ran() { grep -c '\] TEST ' "$1"; }

check "examples: cosimgen" "$COSIMGEN" --launcher "$COSIM_TOP/cosim-run" tests.ini
same "examples: 16 designs, 13 distinct recipes, 13 compile edges" 13 \
    "$(grep -c '^build .*: cosim_\(verilator\|icarus\|ghdl\) ' build.ninja)"
same "examples: the two GHDL designs, differing in generics, share one" 1 \
    "$(grep -c '^build .*: cosim_ghdl ' build.ninja)"
same "examples: the bridge's VPI module is built once for Icarus" 1 \
    "$(grep -c '^build .*: cosim_vpi ' build.ninja)"
same "examples: label/smoke names its 3 tests" \
    "adder8_default cosim_adder8_edges cosim_fifo8_fill" \
    "$(ninja -t query label/smoke | sed -n 's|.*/tests/\(.*\)/stamp$|\1|p' | sort | tr '\n' ' ' | sed 's/ $//')"
ninja -j2 >ninja1.out 2>&1
same "examples: the suite passes at -j2" 0 $?
tail -n 1 ninja1.out | grep -q '^28 passed, 0 failed$' && ok "examples: 28 passed, 0 failed" ||
    fail "examples: 28 passed, 0 failed" "$(tail -n 30 ninja1.out)"
same "examples: what ran: 13 compiles" 13 "$(compiles ninja1.out)"
# the 7 Verilator designs share one build of Verilator's runtime
same "examples: and one Verilator runtime" 1 \
    "$(grep -c '\] VERILATOR runtime/' ninja1.out)"
same "examples: no simulator outlives its test" 0 "$(leaks)"
grep -q '^property width=16$' cosim-out/tests/cosim_adder16_random/result &&
    ok "examples: a co-simulation test's properties reach its result" ||
    fail "examples: a co-simulation test's properties reach its result"

same "examples: the timeline shows the 13 compiles, the runtime and the VPI module" 15 \
    "$(grep -c '<title>compile ' cosim-out/report.html)"
same "examples: and the 28 tests" 28 \
    "$(grep -c ' pass, [0-9.]* s</title>' cosim-out/report.html)"

"$COSIMGEN" report "$PWD/cosim-out/" >/dev/null 2>&1
same "examples: by hand, with the builddir spelled otherwise, the same compiles" \
    15 "$(grep -c '<title>compile ' cosim-out/report.html)"

ninja -j2 >ninja2.out 2>&1
grep -q 'no work to do' ninja2.out && ok "examples: a second ninja does nothing" ||
    fail "examples: a second ninja does nothing" "$(cat ninja2.out)"

sleep 1
touch rtl/fifo.sv
ninja -j2 >ninja3.out 2>&1
same "examples: touching rtl/fifo.sv recompiles the 3 FIFO designs only" 3 "$(compiles ninja3.out)"
same "examples: and reruns their 7 tests only" 7 "$(tests_ran ninja3.out)"
grep '\] TEST ' ninja3.out | grep -v 'fifo' >/dev/null &&
    fail "examples: no test of another design reran" "$(ran ninja3.out)" ||
    ok "examples: no test of another design reran"

sed -i 's/^plusargs = +n=5000$/plusargs = +n=6000/' tests.ini
ninja -j2 >ninja4.out 2>&1
same "examples: a plusargs change recompiles nothing" 0 "$(compiles ninja4.out)"
same "examples: and reruns that one test" "TEST adder8_long " "$(ran ninja4.out)"
same "examples: no simulator outlives its test, after the reruns" 0 "$(leaks)"

# examples/broken: each test fails in its own way, with the right status
# and reason.
b=$(scratch examples-broken)
cp -R "$COSIM_TOP/examples/." "$b/"
rm -rf "$b/cosim-out" "$b/broken/cosim-out"
cd "$b/broken" || exit 1
"$COSIMGEN" --launcher "$COSIM_TOP/cosim-run" -o broken.ninja tests.ini
ninja -f broken.ninja -j2 >broken.out 2>&1
[ $? -ne 0 ] && ok "broken: ninja exits non-zero" || fail "broken: ninja exits non-zero"
sum="0 passed, 4 failed, 1 timed out, 1 crashed, 1 error, 1 compile failed"
grep -q "^$sum\$" broken.out && ok "broken: $sum" ||
    fail "broken: $sum" "$(tail -n 12 broken.out)"
bexpect() {	# bexpect TEST STATUS REASON-REGEX
	st=$(sed -n 's/^status //p' "cosim-out/tests/$1/result")
	rs=$(sed -n 's/^reason //p' "cosim-out/tests/$1/result")
	if [ "$st" = "$2" ] && echo "$rs" | grep -Eq -- "$3"; then
		ok "broken: $1: $2 ($3)"
	else
		fail "broken: $1: $2 ($3)" "status: $st" "reason: $rs"
	fi
}
bexpect client_assertion fail 'test exited with status 1'
grep -q '^test_err_tail AssertionError: 2 + 2: the simulator said 4, the test wanted 5$' \
    cosim-out/tests/client_assertion/result &&
    ok "broken: client_assertion: the assertion is in the result" ||
    fail "broken: client_assertion: the assertion is in the result"
bexpect testbench_error fail "sim.out:1 matches '\\^ERROR:'"
bexpect testbench_error_vhdl fail "sim.out:1 matches .*\\(assertion error\\): 200 \\+ 100 gave 300, expected 299"
bexpect testbench_fatal crash 'simulator killed by signal 6 \(Aborted\): Verilator aborts on \$stop'
bexpect hang timeout 'timed out after'
bexpect failure_in_log fail "test.out:2 matches"
bexpect does_not_compile error 'design typo_icarus did not compile: tb/typo_tb.sv:6: syntax error'
check "broken: the summary names the failed compile and its log" \
    grep -q '^         log:   cosim-out/designs/[0-9a-f]*/compile.log:1$' broken.out
same "broken: no simulator outlives its test" 0 "$(leaks)"

# The repro script of a failing co-simulation test reproduces its failure
# on its own: from another directory, with an empty environment, the
# simulator is started, the port injected and the test fails the same way.
before=$(sed -n 's/^start_epoch_ms //p' cosim-out/tests/failure_in_log/result)
(cd / && env -i /bin/sh "$b/broken/cosim-out/tests/failure_in_log/repro.sh") \
    >repro.out 2>&1
same "repro: the script exits 1, as the test failed" 1 "$?"
check "repro: it says so" grep -q '^fail    failure_in_log .*test.out:2 matches' repro.out
after=$(sed -n 's/^start_epoch_ms //p' cosim-out/tests/failure_in_log/result)
[ "$after" != "$before" ] && ok "repro: the test ran again" ||
    fail "repro: the test ran again" "start $before, then $after"
bexpect failure_in_log fail "test.out:2 matches"
check "repro: the simulator was reached on a port of this run" \
    grep -q '^port [1-9][0-9]*$' cosim-out/tests/failure_in_log/result
same "repro: no simulator outlives it" 0 "$(leaks)"

# --- examples/cocotb: the cocotb example, with real cocotb: 1.x on Icarus
# and Verilator; 2.x, which needs a Verilator newer than 5.036, through
# make demo's script (the Icarus half where Verilator is older); and that
# script where there is no cocotb ---
# cocotb_tree NAME: a tree with cosimgen, the example and its design; cd there
cocotb_tree() {
	c=$(scratch "$1")
	mkdir -p "$c/examples"
	cp -R "$COSIM_TOP/examples/rtl" "$COSIM_TOP/examples/cocotb" "$c/examples/"
	(cd "$c/examples/cocotb" && rm -rf cosim-out build.ninja .ninja_log \
	    .ninja_deps icarus.ini __pycache__)
	ln -s "$COSIMGEN" "$c/cosimgen"
	cd "$c" || exit 1
}
# statuses: "TEST STATUS" of every test with a result, sorted, on one line
statuses() {
	for r in examples/cocotb/cosim-out/tests/*/result; do
		[ -f "$r" ] || continue
		t=${r%/result}
		printf '%s %s\n' "${t##*/}" "$(sed -n 's/^status //p' "$r")"
	done | LC_ALL=C sort | tr '\n' ',' | sed 's/,$//; s/,/, /g'
}
# want DESIGN...: the statuses the example's tests must have
want() {
	for dn in "$@"; do
		printf '%s.test_almost_full skip, ' "$dn"
		for t in fill order pop_empty push_pop_same_cycle; do
			printf '%s.test_%s pass, ' "$dn" "$t"
		done
		printf '%s.test_push_pop_when_full xfail, ' "$dn"
		for t in random reset wraparound; do
			printf '%s.test_%s pass, ' "$dn" "$t"
		done
	done | sed 's/, $//'
}
summary() { tail -n 1 "$1" | grep -q "^$2\$" && ok "$3: $2" || fail "$3: $2" "$(tail -n 30 "$1")"; }

if need_cocotb "cocotb example, cocotb 1.x" 1; then
	cocotb_tree examples-cocotb1
	cd examples/cocotb || exit 1
	sed -i "s|^builddir = cosim-out\$|&\\ncocotb_config = $COCOTB_CONFIG|" tests.ini
	check "cocotb 1.x: cosimgen" "$COSIMGEN" tests.ini
	ninja -j2 >ninja1.out 2>&1
	same "cocotb 1.x: the example passes at -j2" 0 $?
	summary ninja1.out "16 passed, 0 failed, 2 skipped" "cocotb 1.x"
	cd ../.. || exit 1
	same "cocotb 1.x: every test of the module, on both simulators, its own status" \
	    "$(want fifo_icarus fifo_verilator)" "$(statuses)"
	cd examples/cocotb || exit 1
	same "cocotb 1.x: one compile a simulator" 2 "$(compiles ninja1.out)"
	ninja -j2 >ninja2.out 2>&1
	grep -q 'no work to do' ninja2.out && ok "cocotb 1.x: a second ninja does nothing" ||
	    fail "cocotb 1.x: a second ninja does nothing" "$(cat ninja2.out)"
	same "cocotb 1.x: no simulator outlives its test" 0 "$(leaks)"
fi

if need_cocotb "cocotb example, cocotb 2.x" 2; then
	cocotb_tree examples-cocotb2
	sh examples/cocotb/demo.sh "$COCOTB_CONFIG" >demo.out 2>&1
	same "cocotb 2.x: make demo's script passes" 0 $?
	if awk -v v="$(verilator --version | awk '{ print $2 }')" 'BEGIN { exit !(v < 5.036) }'; then
		check "cocotb 2.x: Verilator is too old for it: one line says so" \
		    grep -q '^cocotb example: cocotb 2\.[0-9.]* needs Verilator 5.036 or newer, not [0-9.]*: the Icarus tests only$' demo.out
		summary demo.out "8 passed, 0 failed, 1 skipped" "cocotb 2.x, Icarus"
		same "cocotb 2.x: every test of the module on Icarus, its own status" \
		    "$(want fifo_icarus)" "$(statuses)"
	else
		summary demo.out "16 passed, 0 failed, 2 skipped" "cocotb 2.x"
		same "cocotb 2.x: every test of the module, on both simulators, its own status" \
		    "$(want fifo_icarus fifo_verilator)" "$(statuses)"
	fi
	same "cocotb 2.x: no simulator outlives its test" 0 "$(leaks)"
fi

# Without cocotb, make demo's cocotb half is one line and a success: the
# README's set-up must work on a machine without cocotb.
cocotb_tree examples-nococotb
out=$(sh examples/cocotb/demo.sh "$PWD/no/cocotb-config" 2>&1)
same "no cocotb: make demo's script succeeds" 0 $?
same "no cocotb: and says it skipped the example in one line" \
    "cocotb example skipped: cocotb is not installed (pip install cocotb; or make demo COCOTB_CONFIG=/path/to/bin/cocotb-config)" \
    "$out"
[ ! -e examples/cocotb/cosim-out ] && ok "no cocotb: nothing ran" || fail "no cocotb: nothing ran"
(cd "$COSIM_TOP" && make -n demo COCOTB_CONFIG=/x/cocotb-config) >make.out 2>&1
check "make demo runs the cocotb example's script with COCOTB_CONFIG" \
    grep -qx "sh examples/cocotb/demo.sh '/x/cocotb-config'" make.out
