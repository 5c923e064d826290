#!/bin/sh
# cosim-run on cocotb tests (a spec with cocotb_test), with real cocotb
# 1.9 on Icarus and on Verilator and cocotb 2.x on Icarus, on specs
# written here and designs compiled here as common.md says cocotb's own
# runner does (one Icarus build for both versions, one Verilator build).
# Each test of tests/cocotb-run/test_dut.py shows one way a test ends:
# pass; fail, with cocotb's message and traceback in the result; xfail and
# xpass by expect_fail and expect_error; a test skip=True skips without
# running; a hang is stopped at its timeout with nothing left running; a
# module that does not import and a test that is not there are errors
# that say why; a design's $finish before the test's end fails it with
# cocotb's error, not "Test failed with RANDOM_SEED"; a sys.exit in a test
# is an error that names the log with the clue; a message and traceback
# cut at their bounds stay valid UTF-8; with cocotb 1, tests it knows by
# other names (tests/cocotb-run/test_names.py: an import, a wrapped
# function) end as they ran. The seed is the spec's and reaches cocotb; a
# rerun draws the same numbers; the variables that name the test, the seed and the
# results file are cosim-run's whatever the manifest's env says; a stale
# results file is never read; a retried test is flaky with each attempt's
# own results file; repro.sh runs the one test again; --scan-only derives
# the verdict again.
. "$COSIM_TOP/tests/lib.sh"
for tool in iverilog iverilog-vpi vvp verilator ninja; do
	if ! command -v $tool >/dev/null 2>&1; then
		skip "cocotb-run" "$tool is not installed"
		exit 0
	fi
done
# without any cocotb, one notice; else one for a version missing
if ! cocotb_config 1 >/dev/null && ! cocotb_config 2 >/dev/null; then
	need_cocotb "cocotb-run" 1
	exit 0
fi
CC1= CC2=
if need_cocotb "cocotb-run: cocotb 1.x" 1; then CC1=$COCOTB_CONFIG; fi
if need_cocotb "cocotb-run: cocotb 2.x" 2; then CC2=$COCOTB_CONFIG; fi
d=$(scratch cocotb-run)
cp "$COSIM_TOP"/tests/cocotb-run/* "$d/"
cd "$d" || exit 1
mkdir tb
mv test_dut.py test_broken.py test_names.py tb/
RUN="$(dirname "$COSIMGEN")/cosim-run"
tag="cosim-cocotb-$$"

# cosimgen's VPI module, as the graph builds it for an Icarus design
cat >vpi.ini <<'EOT'
[cosimgen]
builddir = out

[design:any]
simulator = icarus
sources = dut.sv
top = dut

[test:any]
design = any
EOT
"$COSIMGEN" vpi.ini >gen.out 2>&1 && ninja out/vpi/cosim_bridge.vpi >vpi.out 2>&1 ||
	fail "cosimgen's VPI module builds" "$(cat gen.out vpi.out)"
rm -rf out/tests

# The Icarus build, the same for both versions of cocotb.
echo '+timescale+1ns/1ps' >icarus.cmds
iverilog -g2012 -f icarus.cmds -DCOCOTB_SIM=1 -o sim.vvp -s dut dut.sv ||
	fail "the Icarus design builds"

# facts VAR CONFIG: what spec needs of the cocotb of CONFIG, as shell
# assignments to VAR_version, VAR_python, ...
facts() {
	_py=$("$2" --python-bin)
	echo "$1_version='$("$2" --version)'"
	echo "$1_python='$_py'"
	echo "$1_libpython='$("$2" --libpython)'"
	echo "$1_vpi='$("$2" --lib-name-path vpi icarus)'"
	echo "$1_lib_dir='$("$2" --lib-dir)'"
	echo "$1_share='$("$2" --share)'"
	"$_py" -c 'import sys
v = sys.prefix != sys.base_prefix
print("%s_venv=%s" % (sys.argv[1], sys.prefix if v else ""))
print("%s_home=%s" % (sys.argv[1], "" if v else sys.prefix))' "$1"
	case $("$2" --version) in
	2.*) echo "$1_entry='$("$2" --pygpi-entry-point)'" ;;
	*) echo "$1_entry=" ;;
	esac
}
[ -z "$CC1" ] || eval "$(facts c1 "$CC1")"
[ -z "$CC2" ] || eval "$(facts c2 "$CC2")"

# The Verilator build, with cocotb 1's main.
if [ -n "$CC1" ]; then
	verilator --cc --exe --build -j 1 -MAKEFLAGS -s --Mdir vout \
	    --top-module dut --vpi --public-flat-rw --prefix Vtop -o Vtop \
	    --timescale 1ns/1ps -DCOCOTB_SIM=1 \
	    -LDFLAGS "-Wl,-rpath,$c1_lib_dir -L$c1_lib_dir -lcocotbvpi_verilator" \
	    "$c1_share/lib/verilator/verilator.cpp" dut.sv >vbuild.out 2>&1 ||
		fail "the Verilator design builds with cocotb's main" \
		    "$(tail -n 20 vbuild.out)"
fi

# spec NAME CONF TEST [LINE...]: out/tests/NAME/spec, a run of TEST of
# tb/test_dut.py (a LINE "cocotb_module M" names another module) with
# seed 1234 under CONF: i1 (cocotb 1, Icarus), i2 (cocotb 2, Icarus), v1
# (cocotb 1, Verilator).
spec() {
	_n=$1 _conf=$2 _t=$3
	shift 3
	case $_conf in
	?1) _c=c1 ;;
	*) _c=c2 ;;
	esac
	mkdir -p "out/tests/$_n"
	{
		echo "cosim-spec 1"
		echo "name $_n"
		echo "design dut"
		case $_conf in
		i?) printf 'simulator icarus\nsim sim.vvp\n'
		    echo "vpi out/vpi/cosim_bridge.vpi" ;;
		v?) printf 'simulator verilator\nsim vout/Vtop\n' ;;
		esac
		printf 'ready none\nsrcdir .\nbuilddir out\n'
		echo "dir out/tests/$_n"
		printf 'timeout 30000\nstartup_timeout 30000\nidle_timeout 0\n'
		printf 'kill_grace 500\nlog_limit 67108864\nseed 1234\n'
		echo "env LEAKMARK=$tag"
		echo "cocotb_test $_t"
		case " $* " in
		*" cocotb_module "*) ;;
		*) echo "cocotb_module test_dut" ;;
		esac
		echo "cocotb_path tb"
		echo "cocotb_toplevel dut"
		eval "echo \"cocotb_version \$${_c}_version\""
		eval "echo \"cocotb_python \$${_c}_python\""
		eval "echo \"cocotb_libpython \$${_c}_libpython\""
		eval "[ -z \"\$${_c}_venv\" ] || echo \"cocotb_venv \$${_c}_venv\""
		eval "[ -z \"\$${_c}_home\" ] || echo \"cocotb_home \$${_c}_home\""
		eval "[ -z \"\$${_c}_entry\" ] || echo \"cocotb_entry \$${_c}_entry\""
		case $_conf in
		i?) eval "echo \"cocotb_vpi \$${_c}_vpi\"" ;;
		esac
		for _l in "$@"; do
			echo "$_l"
		done
	} >"out/tests/$_n/spec"
}

# run NAME...: cosim-run on each, four at a time
run() {
	printf '%s\n' "$@" | xargs -P 4 -I{} "$RUN" out/tests/{}/spec \
	    >>runs.out 2>&1
}

# has NAME KEY REGEX: a line KEY of NAME's result matches REGEX
has() {
	if sed -n "s/^$2 //p" "out/tests/$1/result" | grep -Eq -- "$3"; then
		ok "$1: $2 matches '$3'"
	else
		fail "$1: $2 matches '$3'" "$(grep "^$2 " "out/tests/$1/result")"
	fi
}

confs=
[ -z "$CC1" ] || confs="i1 v1"
[ -z "$CC2" ] || confs="$confs i2"
names=
for c in $confs; do
	spec "${c}_pass" $c test_pass
	spec "${c}_fail" $c test_fail
	spec "${c}_xfail" $c test_xfail cocotb_expect\ yes
	spec "${c}_xpass" $c test_xpass cocotb_expect\ yes
	spec "${c}_xerror" $c test_xerror cocotb_expect\ yes
	spec "${c}_xerror_passes" $c test_xerror_passes cocotb_expect\ yes
	spec "${c}_skipped" $c test_skipped disabled\ yes cocotb_skip\ yes
	spec "${c}_hang" $c test_hang timeout\ 3000
	spec "${c}_broken" $c test_any cocotb_module\ test_broken
	spec "${c}_nosuch" $c test_nosuch
	spec "${c}_flaky" $c test_flaky retries\ 1
	# the manifest's env cannot rename the test, reseed it or move its
	# results; it does set the rest, and PYTHONPATH follows the module
	spec "${c}_env" $c test_env "env RANDOM_SEED=99" \
	    "env COCOTB_RANDOM_SEED=99" "env TESTCASE=test_fail" \
	    "env COCOTB_TEST_FILTER=test_fail" "env COCOTB_RESULTS_FILE=/tmp/x" \
	    "env PYTHONPATH=/from/manifest" "env COCOTB_ANSI_OUTPUT=1"
	names="$names ${c}_pass ${c}_fail ${c}_xfail ${c}_xpass ${c}_xerror"
	names="$names ${c}_xerror_passes ${c}_skipped ${c}_hang ${c}_broken"
	names="$names ${c}_nosuch ${c}_flaky ${c}_env"
	spec "${c}_finish" $c test_finish_early
	spec "${c}_sysexit" $c test_sysexit
	spec "${c}_utf8" $c test_utf8
	names="$names ${c}_finish ${c}_sysexit ${c}_utf8"
	case $c in
	?1)	# cocotb 1 knows these by other names (test_names.py)
		spec "${c}_imported" $c test_imported cocotb_module\ test_names
		spec "${c}_wrapped" $c test_wrapped cocotb_module\ test_names
		names="$names ${c}_imported ${c}_wrapped" ;;
	esac
done
# a stale results file that says the test passed, left where cocotb
# writes it: the module does not import, so this run writes none
mkdir -p out/tests/i1_broken/run out/tests/i2_broken/run
for c in i1 i2; do
	cat >out/tests/${c}_broken/run/results.xml <<'EOT'
<testsuites><testsuite><testcase name="test_any" classname="test_broken" /></testsuite></testsuites>
EOT
done
run $names

e_acute=$(printf '\303\251')	# U+00E9 in UTF-8
for c in $confs; do
	case $c in
	?1) seeded="Seeding Python random module with supplied seed 1234" ;;
	*) seeded="Seeding Python random module with 1234" ;;
	esac
	expect ${c}_pass pass
	if grep -q "$seeded" out/tests/${c}_pass/run/sim.out; then
		ok "$c: cocotb is seeded with the spec's seed"
	else
		fail "$c: cocotb is seeded with the spec's seed" \
		    "$(head -n 20 out/tests/${c}_pass/run/sim.out)"
	fi
	expect ${c}_fail fail '^cocotb: test_fail failed: AssertionError: x is not four$'
	has ${c}_fail message '^AssertionError: x is not four(\\n|$)'
	has ${c}_fail traceback '^Traceback \(most recent call last\):$'
	has ${c}_fail traceback '^  File ".*/tb/test_dut.py", line [0-9]+, in test_fail$'
	has ${c}_fail traceback '^    assert x == 4, "x is not four"$'
	expect ${c}_xfail xfail 'cocotb: test_xfail failed as expected'
	expect ${c}_xpass xpass 'cocotb: test_xpass passed but we expected a failure'
	has ${c}_xpass message '^passed but we expected a failure$'
	expect ${c}_xerror xfail 'cocotb: test_xerror (errored|failed) as expected'
	expect ${c}_xerror_passes xpass 'passed but we expected an error'
	expect ${c}_skipped skip '^skipped by its cocotb decorator \(skip=True or skipif\): not run$'
	if [ ! -e out/tests/${c}_skipped/run/sim.out ] &&
	    [ ! -e out/tests/${c}_skipped/run/skipped-test-ran ]; then
		ok "$c: a test skip=True does not run"
	else
		fail "$c: a test skip=True does not run" "$(ls out/tests/${c}_skipped/run)"
	fi
	expect ${c}_hang timeout 'timed out after 3'
	expect ${c}_broken error "^cocotb wrote no results file: ModuleNotFoundError: No module named 'no_such_module_xyz' \(see sim\.(out|err)\)$"
	has ${c}_broken traceback 'test_broken.py", line 3, in <module>'
	# cocotb 1 writes no results file then, cocotb 2 one without it
	expect ${c}_nosuch error "^cocotb( wrote no results file: Requested test\\(s\\) \\['test_nosuch'\\] wasn't found in module\\(s\\) \\['test_dut'\\]|'s results file has no test test_nosuch of test_dut: cocotb did not run it) \\(see sim.out\\)$"
	expect ${c}_flaky flaky 'passed on attempt 2 of 2; attempt 1: fail: cocotb: test_flaky failed: AssertionError: fails on attempt 1'
	if grep -q '<failure' out/tests/${c}_flaky/attempt.1/run/results.xml &&
	    ! grep -q '<failure' out/tests/${c}_flaky/run/results.xml &&
	    grep -q '^status fail' out/tests/${c}_flaky/attempt.1/result; then
		ok "$c: each attempt has its own results file"
	else
		fail "$c: each attempt has its own results file" \
		    "$(cat out/tests/${c}_flaky/attempt.1/run/results.xml \
		    out/tests/${c}_flaky/run/results.xml)"
	fi
	# the design's $finish before the test's end: cocotb 1.9's results
	# file says only "Test failed with RANDOM_SEED=N", its log more
	case $c in
	?1) expect ${c}_finish fail '^cocotb: test_finish_early failed: Failing test at simulator request before test run completion: Simulator shut down prematurely$' ;;
	*) expect ${c}_finish fail '^cocotb: test_finish_early failed: SimFailure: .*the simulation ended prematurely' ;;
	esac
	has ${c}_finish message '^(Failing test|SimFailure)'
	# sys.exit in a test: cocotb 1 writes no results file, the clue is
	# on stderr; cocotb 2 records the SystemExit
	case $c in
	?1) expect ${c}_sysexit error '^cocotb wrote no results file: ERROR: called callback function threw exception \(see sim\.err\)$' ;;
	*) expect ${c}_sysexit fail '^cocotb: test_sysexit failed: SystemExit: 0$' ;;
	esac
	# a message and traceback lines cut at their bounds, and the log's
	# tail, cut between UTF-8 characters
	expect ${c}_utf8 fail "^cocotb: test_utf8 failed: AssertionError: x($e_acute)+ \\.\\.\\.\$"
	has ${c}_utf8 traceback "^ *($e_acute)+\\.\\.\\.\$"
	if iconv -f UTF-8 -t UTF-8 out/tests/${c}_utf8/result >/dev/null 2>&1; then
		ok "$c: a result cut at its bounds is valid UTF-8"
	else
		fail "$c: a result cut at its bounds is valid UTF-8" \
		    "$(iconv -f UTF-8 -t UTF-8 out/tests/${c}_utf8/result 2>&1 >/dev/null)"
	fi
	case $c in
	?1)	# the only testcase of the results file, the only end in the log
		expect ${c}_imported pass
		expect ${c}_wrapped fail '^cocotb: test_wrapped failed: AssertionError: the wrapped test fails$'
		has ${c}_wrapped traceback '^  File ".*/tb/test_names.py", line [0-9]+, in _fails$' ;;
	esac
	expect ${c}_env pass
	e=out/tests/${c}_env/run/env.txt
	case $c in
	?1) want="MODULE=test_dut TESTCASE=test_env RANDOM_SEED=1234" ;;
	*) want="COCOTB_TEST_MODULES=test_dut COCOTB_TEST_FILTER=^test_dut\\.test_env\$ COCOTB_RANDOM_SEED=1234" ;;
	esac
	want="$want COCOTB_RESULTS_FILE=$d/out/tests/${c}_env/run/results.xml"
	want="$want PYTHONPATH=$d/tb:/from/manifest PYTHONUNBUFFERED=1"
	want="$want COCOTB_ANSI_OUTPUT=1 TOPLEVEL_LANG=verilog"
	missing=
	for w in $want; do
		grep -qxF -- "$w" "$e" || missing="$missing $w"
	done
	if [ -z "$missing" ] && [ "$(grep -c '^\(RANDOM_SEED\|COCOTB_RANDOM_SEED\)=' "$e")" = 1 ]; then
		ok "$c: the test gets cocotb's variables, once each, the manifest's where they may"
	else
		fail "$c: the test gets cocotb's variables" "missing:$missing" \
		    "$(grep -E 'COCOTB|MODULE|TESTCASE|SEED|PYTHON' "$e")"
	fi
done
[ "$(leaks_of "LEAKMARK=$tag")" = 0 ] && ok "no process of a cocotb test is left" ||
	fail "no process of a cocotb test is left" "$(leaks_of "LEAKMARK=$tag") left"

# A rerun draws the same numbers: the seed is the spec's.
for c in $confs; do
	grep 'random value' out/tests/${c}_pass/run/sim.out | sed 's/^ *[^ ]* //' >first.txt
	run ${c}_pass
	grep 'random value' out/tests/${c}_pass/run/sim.out | sed 's/^ *[^ ]* //' >second.txt
	if [ -s first.txt ] && cmp -s first.txt second.txt; then
		ok "$c: a rerun draws the same numbers"
	else
		fail "$c: a rerun draws the same numbers" "$(cat first.txt second.txt)"
	fi
done

# repro.sh runs the one test again, with its seed.
for c in $confs; do
	rm -rf out/tests/${c}_fail/run
	sh out/tests/${c}_fail/repro.sh >repro.out 2>&1
	rc=$?
	if [ $rc = 1 ] && grep -q "running \(test_dut\.\)\?test_fail (1/1)" out/tests/${c}_fail/run/sim.out &&
	    grep -q "Seeding Python random module with .*1234" out/tests/${c}_fail/run/sim.out &&
	    grep -q '^status fail' out/tests/${c}_fail/result; then
		ok "$c: repro.sh runs the one test again, with its seed"
	else
		fail "$c: repro.sh runs the one test again" "exit $rc" "$(cat repro.out)"
	fi
done
case $confs in
*i1*)
	grep -q '^#   TESTCASE=test_fail$' out/tests/i1_fail/repro.sh &&
	    grep -q '^# Simulator: vvp .* -m cosim_bridge -m .*libcocotbvpi_icarus' out/tests/i1_fail/repro.sh &&
	    ok "repro.sh says what cocotb was given" ||
	    fail "repro.sh says what cocotb was given" "$(head -n 30 out/tests/i1_fail/repro.sh)"
	;;
esac

# --scan-only derives the verdict again: cocotb's, then the scan's.
for c in $confs; do
	"$RUN" --scan-only out/tests/${c}_fail/spec >scan.out 2>&1
	expect ${c}_fail fail '^cocotb: test_fail failed: AssertionError: x is not four$'
	has ${c}_fail message '^AssertionError: x is not four(\\n|$)'
	"$RUN" --scan-only out/tests/${c}_xfail/spec >scan.out 2>&1
	expect ${c}_xfail xfail 'cocotb: test_xfail failed as expected'
	echo "fail_pattern random value" >>out/tests/${c}_pass/spec
	"$RUN" --scan-only out/tests/${c}_pass/spec >scan.out 2>&1
	expect ${c}_pass fail "matches 'random value'"
done
