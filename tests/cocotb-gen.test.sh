#!/bin/sh
# The generator's side of cocotb testbenches, with real cocotb 1.9 and 2.1,
# Icarus, Verilator and ninja: a section's module becomes one test per
# cocotb test (names, flags and every cocotb_* spec key, both versions, a
# 1.x TestFactory and a 2.x parametrize), test/NAME and test/NAME.TEST
# select them; the errors are located (a module that does not import, at
# its own file and line; a missing module; one without tests; no cocotb;
# too old or too new; cocotb 2 on this Verilator; a command; a design
# shared with another test); what cocotb said is remembered (a second
# generation starts no process, an edited module is asked again, and
# ninja's regeneration finds a new test); designs built for cocotb
# compile through ninja on Icarus and on Verilator, one compile for two
# designs that differ only in name; and, end to end through cosim-run,
# each test gets its status, a second ninja reruns only the failed ones,
# and editing a helper the module imports reruns the module's tests; a
# helper renamed or a module deleted makes ninja and make regenerate, not
# stop; an import that hangs is stopped at cocotb_import_timeout (where it
# hung), one that will not stop is killed with what it started, one that
# ends Python is its module's error, and the other modules are still
# discovered; an alias is one test; a module of a package is imported and
# run by its dotted name, on both versions.
# Without cocotb, only the timescale check runs (the rest is skipped with
# a notice).
. "$COSIM_TOP/tests/lib.sh"
for tool in ninja iverilog; do
	if ! command -v $tool >/dev/null 2>&1; then
		skip "cocotb-gen suite" "$tool is not installed"
		exit 0
	fi
done
d=$(scratch cocotb-gen)
cd "$d" || exit 1

# sval FILE KEY: the first value of KEY in a spec (or any KEY VALUE file)
sval() { sed -n "s/^$2 //p" "$1" | head -n 1; }
spec() { echo "out/tests/$1/spec"; }
# statuses SECTION: the status of each of its tests, in tests.list's order
statuses() {
	for _t in $(sed -n "s/^\($1\.[^ ]*\).*/\1/p" out/tests.list); do
		printf '%s ' "$(sval "out/tests/$_t/result" status)"
	done | sed 's/ $//'
}
# gen DIR: cosimgen in DIR, stdout and stderr to DIR/gen.out; its status
gen() { (cd "$1" && "$COSIMGEN" --launcher "$COSIM_TOP/cosim-run" tests.ini \
    >gen.out 2>&1); }
# errors DIR NAME LINE...: cosimgen in DIR exits 2, writes no graph and
# prints each LINE (a fixed string)
errors() {
	_dir=$1
	_name=$2
	shift 2
	gen "$_dir"
	_rc=$?
	_missing=
	for _l in "$@"; do
		grep -qxF -- "$_l" "$_dir/gen.out" || _missing="$_missing
$_l"
	done
	if [ "$_rc" -eq 2 ] && [ -z "$_missing" ] && [ ! -e "$_dir/build.ninja" ]; then
		ok "$_name"
	else
		fail "$_name" "exit $_rc; missing:$_missing" "$(cat "$_dir/gen.out")"
	fi
}

# design NAME SIMULATOR [COCOTB_CONFIG]: a section for a design of dut.sv
design() {
	printf '[design:%s]\nsimulator = %s\nsources   = dut.sv\ntop       = dut\n' \
	    "$1" "$2"
	[ -z "${3:-}" ] || printf 'cocotb_config = %s\n' "$3"
	echo
}
# top COCOTB_CONFIG: a [cosimgen] section: builddir out, that cocotb
top() { printf '[cosimgen]\nbuilddir      = out\ncocotb_config = %s\n\n' "$1"; }
# cocotb_test NAME DESIGN MODULE: a section for the tests of a module
cocotb_test() { printf '[test:%s]\ndesign = %s\ncocotb = %s\n\n' "$1" "$2" "$3"; }

cat >dut.sv <<'EOT'
module dut(input logic clk, output logic [3:0] q);
  always_ff @(posedge clk) q <= q + 1;
endmodule
EOT

# --- timescale, without cocotb: iverilog gets it from its command file ---
mkdir ts && cd ts || exit 1
cat >tb.v <<'EOT'
module tb;
  initial begin $printtimescale(tb); $finish; end
endmodule
EOT
cat >tests.ini <<'EOT'
[cosimgen]
builddir = out
ready    = none

[design:tb]
simulator = icarus
sources   = tb.v
top       = tb
timescale = 10ns/100ps

[test:ts]
design = tb
EOT
gen . && ninja >ninja.out 2>&1
grep -q 'Time scale of (tb) is 10ns / 100ps' out/tests/ts/run/sim.out &&
    ok "timescale reaches iverilog through its command file" ||
    fail "timescale reaches iverilog through its command file" \
    "$(cat gen.out ninja.out out/tests/ts/run/sim.out 2>&1 | tail -n 20)"
cd "$d" || exit 1

need_cocotb "cocotb-gen suite (cocotb 1.x)" 1 || exit 0
C1=$COCOTB_CONFIG
need_cocotb "cocotb-gen suite (cocotb 2.x)" 2 || exit 0
C2=$COCOTB_CONFIG

# --- discovery, both versions ---
mkdir disc disc/tests && cd disc || exit 1
cp ../dut.sv .
echo 'WIDTH = 4' >tests/helper.py
cat >tests/test_dut.py <<'EOT'
import cocotb
from cocotb.triggers import Timer
import helper


@cocotb.test()
async def test_pass(dut):
    await Timer(1, "ns")


@cocotb.test()
async def test_fail(dut):
    assert helper.WIDTH == 5, "WIDTH is not five"


@cocotb.test(skip=True)
async def test_skip(dut):
    pass


@cocotb.test(expect_fail=True)
async def test_xfail(dut):
    assert False


@cocotb.test(expect_error=ValueError)
async def test_xerror(dut):
    raise ValueError("expected")


if cocotb.__version__.startswith("1."):
    from cocotb.regression import TestFactory

    async def run_width(dut, width=1):
        await Timer(width, "ns")

    factory = TestFactory(run_width)
    factory.add_option("width", [8, 16])
    factory.generate_tests()
else:
    @cocotb.test()
    @cocotb.parametrize(width=[8, 16])
    async def test_width(dut, width):
        await Timer(width, "ns")
EOT
cat >tests.ini <<EOT
[cosimgen]
builddir = out

[design:d1]
simulator     = icarus
sources       = dut.sv
top           = dut
cocotb_config = $C1

[design:d2]
simulator     = icarus
sources       = dut.sv
top           = dut
cocotb_config = $C2

[test:one]
design  = d1
cocotb  = tests/test_dut.py
labels  = smoke
timeout = 42

[test:two]
design  = d2
cocotb  = tests/test_dut.py
retries = 2
EOT
check "discovery: cosimgen reads both versions' modules" gen .
same "discovery: one test per cocotb test, in the module's order" \
    "one.test_pass one.test_fail one.test_skip one.test_xfail one.test_xerror one.run_width_001 one.run_width_002 two.test_pass two.test_fail two.test_skip two.test_xfail two.test_xerror two.test_width_width_8 two.test_width_width_16 " \
    "$(cut -d' ' -f1 out/tests.list | tr '\n' ' ')"
flags() {	# flags TEST: what its spec says of it
	printf '%s|%s|%s|%s|%s' "$(sval "$(spec "$1")" cocotb_test)" \
	    "$(sval "$(spec "$1")" cocotb_skip)" "$(sval "$(spec "$1")" disabled)" \
	    "$(sval "$(spec "$1")" cocotb_expect)" "$(sval "$(spec "$1")" ready)"
}
for v in one two; do
	same "discovery ($v): the flags of each test in its spec" \
	    "test_pass||||none test_skip|yes|yes||none test_xfail|||yes|none test_xerror|||yes|none" \
	    "$(flags $v.test_pass) $(flags $v.test_skip) $(flags $v.test_xfail) $(flags $v.test_xerror)"
done
same "discovery: a 2.x parametrised test keeps cocotb's name in its spec" \
    "test_width/width=8" "$(sval "$(spec two.test_width_width_8)" cocotb_test)"
same "discovery: a 1.x TestFactory test by its name in the module" \
    "run_width_002" "$(sval "$(spec one.run_width_002)" cocotb_test)"
s1=$(spec one.test_fail) s2=$(spec two.test_fail)
same "specs: module, its directory, the design's top, the version" \
    "test_dut tests dut 1.9.2 | test_dut tests dut 2.1.0" \
    "$(sval $s1 cocotb_module) $(sval $s1 cocotb_path) $(sval $s1 cocotb_toplevel) $(sval $s1 cocotb_version) | $(sval $s2 cocotb_module) $(sval $s2 cocotb_path) $(sval $s2 cocotb_toplevel) $(sval $s2 cocotb_version)"
py1=$("$C1" --python-bin) py2=$("$C2" --python-bin)
lib2=$("$C2" --libpython)
same "specs: the Python and libpython cocotb-config reports" \
    "$py1 $py2 $lib2" \
    "$(sval $s1 cocotb_python) $(sval $s2 cocotb_python) $(sval $s2 cocotb_libpython)"
same "specs: the virtual environment, and no PYTHONHOME with it" \
    "$(dirname "$(dirname "$C1")")||$(dirname "$(dirname "$C2")")|" \
    "$(sval $s1 cocotb_venv)|$(sval $s1 cocotb_home)|$(sval $s2 cocotb_venv)|$(sval $s2 cocotb_home)"
same "specs: the PYGPI entry point for 2.x only" \
    "|$("$C2" --pygpi-entry-point)" "$(sval $s1 cocotb_entry)|$(sval $s2 cocotb_entry)"
same "specs: cocotb's VPI library for Icarus, as lib-name-path says" \
    "$("$C1" --lib-name-path vpi icarus) $("$C2" --lib-name-path vpi icarus)" \
    "$(sval $s1 cocotb_vpi) $(sval $s2 cocotb_vpi)"
same "specs: the section's keys reach each of its tests; the seed is its own" \
    "42000 42000 2 2" \
    "$(sval $s1 timeout) $(sval "$(spec one.test_pass)" timeout) $(sval $s2 retries) $(sval "$(spec two.test_width_width_16)" retries)"
[ "$(sval $s1 seed)" != "$(sval "$(spec one.test_pass)" seed)" ] &&
    ok "specs: each test has a seed of its own" ||
    fail "specs: each test has a seed of its own" "$(sval $s1 seed)"
same "tests.list: the section's labels on each test" "one.test_fail smoke" \
    "$(grep '^one.test_fail ' out/tests.list)"

# --- selection ---
ninja -t targets all >targets.out 2>&1
grep -q '^test/one: phony' targets.out && grep -q '^test/two.test_width_width_16: phony' targets.out &&
    ok "selection: test/NAME and test/NAME.TEST are targets" ||
    fail "selection: test/NAME and test/NAME.TEST are targets" "$(grep test/ targets.out)"
tests_of() { ninja -n "$1" | sed -n 's/^\[[0-9]*\/[0-9]*\] TEST //p' | sort | tr '\n' ' '; }
same "selection: ninja test/one runs the module's tests, and only them" \
    "one.run_width_001 one.run_width_002 one.test_fail one.test_pass one.test_skip one.test_xerror one.test_xfail " \
    "$(tests_of test/one)"
same "selection: ninja test/two.test_fail runs that one test" \
    "two.test_fail " "$(tests_of test/two.test_fail)"
same "selection: label/smoke is the section's tests" \
    "$(tests_of test/one)" "$(tests_of label/smoke)"
grep -q '^build out/tests/one.test_fail/stamp: cosim_test out/tests/one.test_fail/spec | out/designs/[0-9a-f]*/dut.vvp out/vpi/cosim_bridge.vpi tests/test_dut.py tests/helper.py ' build.ninja &&
    ok "a test's edge reads the module, its helper and cocotb's VPI library" ||
    fail "a test's edge reads the module, its helper and cocotb's VPI library" \
    "$(grep 'one.test_fail/stamp:' build.ninja)"
"$COSIMGEN" -G make -o cosim.mk tests.ini >make.out 2>&1
grep -q '^cosim-test-two: .*out/tests/two.test_width_width_16/stamp' cosim.mk &&
    ok "make: cosim-test-NAME runs the module's tests" ||
    fail "make: cosim-test-NAME runs the module's tests" "$(cat make.out; grep cosim-test-two cosim.mk)"

# --- the compile of a design built for cocotb, on Icarus ---
ninja cosim-compile >compile.out 2>&1
[ $? -eq 0 ] && [ "$(grep -c IVERILOG compile.out)" = 2 ] &&
    ok "Icarus: both designs built for cocotb compile through ninja" ||
    fail "Icarus: both designs built for cocotb compile through ninja" "$(cat compile.out)"
vvp=$(sval "$(spec one.test_pass)" sim)
grep -q '^:vpi_time_precision - 12;' "$vvp" &&
    ok "Icarus: the design has cocotb's timescale, 1ns/1ps" ||
    fail "Icarus: the design has cocotb's timescale, 1ns/1ps" "$(head -n 5 "$vvp")"

# --- end to end, through the launcher ---
ninja -j2 >run1.out 2>&1
same "end to end, cocotb 1.x: each test's status" \
    "pass fail skip xfail xfail pass pass" "$(statuses one)"
same "end to end, cocotb 2.x: each test's status" \
    "pass fail skip xfail xfail pass pass" "$(statuses two)"
same "end to end: the summary counts every cocotb test" \
    "10 passed, 2 failed, 2 skipped" "$(tail -n 1 out/summary.txt)"
ran() { sed -n 's/^\[[0-9]*\/[0-9]*\] TEST //p' "$1" | sort | tr '\n' ' '; }
ninja -j2 >run2.out 2>&1
same "end to end: a second ninja reruns only the failed tests" \
    "one.test_fail two.test_fail " "$(ran run2.out)"
sleep 0.01
echo 'WIDTH = 5' >tests/helper.py
ninja -j2 >run3.out 2>&1
same "end to end: editing a helper the module imports reruns the module's tests" \
    14 "$(ran run3.out | wc -w)"
same "end to end: and now they pass" "12 passed, 0 failed, 2 skipped" \
    "$(tail -n 1 out/summary.txt)"
cd "$d" || exit 1

# --- the PYTHONPATH of the section's env reaches the import ---
mkdir pypath pypath/lib && cd pypath || exit 1
cp ../dut.sv .
printf 'def answer():\n    return 42\n' >lib/shared_lib.py
printf 'import cocotb\nimport shared_lib\n\n\n@cocotb.test()\nasync def test_lib(dut):\n    assert shared_lib.answer() == 42\n' >test_lib.py
{ top "$C2"; design d icarus; cocotb_test lib d test_lib.py; } >tests.ini
errors . "PYTHONPATH: without it, the import fails where it imports" \
    "test_lib.py:2: error: ModuleNotFoundError: No module named 'shared_lib'"
echo 'env = PYTHONPATH={srcdir}/lib' >>tests.ini
gen . && ninja >run.out 2>&1
same "PYTHONPATH: with env = PYTHONPATH={srcdir}/lib, the test is found and passes" \
    "pass" "$(statuses lib)"
grep -q '^build build.ninja .* lib/shared_lib.py$' build.ninja &&
    grep -q '^build out/tests/lib.test_lib/stamp: .* lib/shared_lib.py' build.ninja &&
    ok "PYTHONPATH: the library the module imports is an input" ||
    fail "PYTHONPATH: the library the module imports is an input" "$(grep shared_lib build.ninja)"
cd "$d" || exit 1

# --- cocotb's verdict stands: its ERROR-level log lines are no failure ---
mkdir patterns && cd patterns || exit 1
cp ../dut.sv .
cat >test_log.py <<'EOT'
import cocotb


@cocotb.test()
async def test_logs_error(dut):
    dut._log.error("an error the test expects and handles")
EOT
{ top "$C1"; design d icarus; cocotb_test log d test_log.py; } >tests.ini
gen . && ninja >run.out 2>&1
same "patterns: a cocotb test that logs at ERROR level and passes in cocotb passes" \
    "pass" "$(statuses log)"
echo 'default_patterns = yes' >>tests.ini
gen . && ninja >run.out 2>&1
same "patterns: with default_patterns = yes the built-in patterns apply to it" \
    "fail" "$(statuses log)"
cd "$d" || exit 1

# --- what cocotb said is remembered ---
mkdir cache cache/bin && cd cache || exit 1
cp ../dut.sv .
log="$PWD/calls.log"
real=$("$C1" --python-bin)
cat >bin/python <<EOT
#!/bin/sh
echo python >>"$log"
exec "$real" "\$@"
EOT
cat >bin/cocotb-config <<EOT
#!/bin/sh
echo "cocotb-config \$*" >>"$log"
[ "\$1" = --python-bin ] && { echo "$PWD/bin/python"; exit 0; }
exec "$C1" "\$@"
EOT
chmod +x bin/python bin/cocotb-config
cat >test_a.py <<'EOT'
import cocotb


@cocotb.test()
async def test_one(dut):
    pass
EOT
{ top bin/cocotb-config; design d icarus; cocotb_test a d test_a.py; } >tests.ini
calls() { tr '\n' ' ' <"$log" 2>/dev/null; : >"$log"; }
gen .
same "cache: the first generation asks cocotb-config once, then Python once" \
    "cocotb-config --python-bin python " "$(calls)"
gen .
same "cache: a second generation starts no process" "" "$(calls)"
sleep 0.01
cat >>test_a.py <<'EOT'


@cocotb.test()
async def test_two(dut):
    pass
EOT
ninja build.ninja >regen.out 2>&1
same "cache: ninja regenerates after a test is added, and only Python is asked" \
    "python " "$(calls)"
grep -q '^a.test_two$' out/tests.list && ninja -t targets all | grep -q '^test/a.test_two:' &&
    ok "cache: the regenerated graph has the new test" ||
    fail "cache: the regenerated graph has the new test" "$(cat regen.out out/tests.list)"
echo 'garbage' >out/cocotb
gen .
same "cache: a corrupt cache is ignored" "cocotb-config --python-bin python " "$(calls)"
head -n 1 out/cocotb | grep -qx 'cosim-cocotb 1' && gen . && [ -z "$(calls)" ] &&
    ok "cache: and rewritten" || fail "cache: and rewritten" "$(head -n 3 out/cocotb)"
cd "$d" || exit 1

# --- errors, located ---
mkdir errs errs/sub && cd errs || exit 1
cp ../dut.sv .
printf 'import cocotb\n\n\n@cocotb.test()\nasync def t(dut)\n    pass\n' >test_syntax.py
printf 'import cocotb\nX = 1\n' >test_none.py
printf 'import cocotb\nimport helper\n' >sub/test_helper.py
printf 'def f():\n    return 1\n\n\nX = 1 / 0\n' >sub/helper.py
printf 'import cocotb\n\n\n@cocotb.test()\nasync def t(dut):\n    pass\n' >test_ok.py
{
	top "$C1"
	design d icarus
	cocotb_test syntax d test_syntax.py
	cocotb_test none d test_none.py
	cocotb_test missing d test_missing.py
	cocotb_test helper d sub/test_helper.py
	printf '[test:cmd]\ndesign  = d\ncocotb  = test_ok.py\ncommand = true\n\n'
	printf '[test:plain]\ndesign  = d\ncommand = true\n'
} >tests.ini
errors . "errors: each located, all at once" \
    "test_syntax.py:5: error: SyntaxError: expected ':'" \
    "tests.ini:12: error: cannot import cocotb module 'test_syntax.py': SyntaxError: expected ':'" \
    "tests.ini:16: error: cocotb module 'test_none.py' holds no cocotb test (an async function decorated with @cocotb.test)" \
    "tests.ini:20: error: cocotb module 'test_missing.py' not found (paths are relative to the file they are written in)" \
    "sub/helper.py:5: error: ZeroDivisionError: division by zero" \
    "tests.ini:24: error: cannot import cocotb module 'sub/test_helper.py': ZeroDivisionError: division by zero" \
    "tests.ini:29: error: test 'cmd' runs the cocotb module 'test_ok.py': it takes no 'command' (the simulation is the test)" \
    "tests.ini:32: error: test 'plain' cannot use design 'd': it is built for the cocotb tests of [test:syntax] (tests.ini:12); give 'plain' a design of its own"

mkdir clash && cp test_ok.py dut.sv clash/
{
	design d icarus "$C1"
	cocotb_test m d test_ok.py
	printf '[test:m.t]\ncommand = true\n'
} >clash/tests.ini
errors clash "errors: a cocotb test named as another test" \
    "tests.ini:11: error: two tests are named 'm.t': [test:m.t], and cocotb test 't' of [test:m] (tests.ini:9); rename one"

mkdir long && cp dut.sv long/
fn="test_$(printf '%200s' '' | tr ' ' w)"
printf 'import cocotb\n\n\n@cocotb.test()\nasync def %s(dut):\n    pass\n' "$fn" \
    >long/test_long.py
{ design d icarus "$C1"; cocotb_test l d test_long.py; } >long/tests.ini
errors long "errors: a test name too long for a directory" \
    "tests.ini:9: error: the cocotb test '$fn' of [test:l] would be named 'l.$fn', 207 characters: a test's name becomes a directory's, at most 200"

mkdir none && cp test_ok.py dut.sv none/
{ design d icarus; cocotb_test t d test_ok.py; } >none/tests.ini
(PATH=/usr/bin:/bin; errors none "errors: no cocotb-config on the PATH" \
    "tests.ini:8: error: cocotb is not installed: no cocotb-config on the PATH; pip install cocotb or set cocotb_config")

# a stand-in cocotb-config whose Python finds a cocotb of another version
mkdir -p old/fake/cocotb old/bin && cp test_ok.py dut.sv none/tests.ini old/
cat >old/bin/python <<EOT
#!/bin/sh
PYTHONPATH="$PWD/old/fake" exec "$PYTHON" "\$@"
EOT
printf '#!/bin/sh\n[ "$1" = --python-bin ] && echo "%s"\n' "$PWD/old/bin/python" >old/bin/cocotb-config
chmod +x old/bin/python old/bin/cocotb-config
echo '__version__ = "1.7.0"' >old/fake/cocotb/__init__.py
(PATH="$PWD/old/bin:$PATH"; errors old "errors: cocotb too old" \
    "tests.ini:8: error: cocotb 1.7.0 (from $PWD/old/bin/cocotb-config) is too old: cosimgen runs cocotb 1.x from 1.8, and 2.x; pip install -U cocotb, or set cocotb_config")
echo '__version__ = "3.0.0"' >old/fake/cocotb/__init__.py
(PATH="$PWD/old/bin:$PATH"; errors old "errors: cocotb too new" \
    "tests.ini:8: error: cocotb 3.0.0 (from $PWD/old/bin/cocotb-config) is too new: cosimgen runs cocotb 1.x from 1.8, and 2.x; pip install 'cocotb<3', or set cocotb_config")

if command -v verilator >/dev/null 2>&1; then
	vv=$(verilator --version | cut -d' ' -f2)
	mkdir v2 && cp test_ok.py dut.sv v2/
	{ design d verilator "$C2"; cocotb_test t d test_ok.py; } >v2/tests.ini
	case $vv in
	4.* | 5.00* | 5.01* | 5.02* | 5.030 | 5.031 | 5.032 | 5.033 | 5.034 | 5.035)
		errors v2 "errors: cocotb 2.x with Verilator $vv" \
		    "tests.ini:9: error: cocotb 2.1.0 needs Verilator 5.036 or newer, and $(command -v verilator) is Verilator $vv: use simulator = icarus for design 'd', or cocotb 1.x (from 1.8)"
		;;
	*) skip "errors: cocotb 2.x with an old Verilator" "Verilator $vv is new enough" ;;
	esac
fi
cd "$d" || exit 1

# --- a helper renamed, a module deleted: the next ninja or make goes on ---
mkdir gone gone/tb && cd gone || exit 1
cp ../dut.sv .
# uses NAME: the module imports helper NAME, which it finds
uses() {
	echo 'X = 1' >"tb/$1.py"
	printf 'import cocotb\nimport %s\n\n\n@cocotb.test()\nasync def test_a(dut):\n    assert %s.X == 1\n' \
	    "$1" "$1" >tb/test_gone.py
}
uses helper2
{ top "$C1"; design d icarus; cocotb_test g d tb/test_gone.py; } >tests.ini
cp -R . ../gone-make
gen . && ninja >run1.out 2>&1
sleep 0.01
rm tb/helper2.py
uses helper3
ninja >run2.out 2>&1
rc=$?
[ $rc -eq 0 ] && grep -q 'REGEN build.ninja' run2.out && [ "$(statuses g)" = pass ] &&
    ok "gone: a helper renamed, ninja regenerates and runs the module's tests" ||
    fail "gone: a helper renamed, ninja regenerates and runs the module's tests" \
    "exit $rc, $(statuses g)" "$(cat run2.out)"
rm tb/test_gone.py
ninja >run3.out 2>&1
grep -qxF "tests.ini:12: error: cocotb module 'tb/test_gone.py' not found (paths are relative to the file they are written in)" run3.out &&
    ! grep -q 'no known rule' run3.out &&
    ok "gone: the module deleted, the regeneration says so" ||
    fail "gone: the module deleted, the regeneration says so" "$(cat run3.out)"
cd ../gone-make || exit 1
mk() { "$COSIMGEN" -G make --launcher "$COSIM_TOP/cosim-run" -o cosim.mk tests.ini &&
    make -f cosim.mk cosim-check; }
mk >run1.out 2>&1
sleep 0.01
rm tb/helper2.py
uses helper3
make -f cosim.mk cosim-check >run2.out 2>&1
rc=$?
[ $rc -eq 0 ] && [ "$(statuses g)" = pass ] &&
    ok "gone: a helper renamed, make remakes the fragment and runs the tests" ||
    fail "gone: a helper renamed, make remakes the fragment and runs the tests" \
    "exit $rc, $(statuses g)" "$(cat run1.out run2.out)"
cd "$d" || exit 1

# --- imports that hang, that will not be stopped, that end Python: each
# an error of its module, the others discovered ---
mkdir stuck && cd stuck || exit 1
cp ../dut.sv .
printf 'import time\nimport cocotb\n\ntime.sleep(60)\n' >test_hang.py
cat >test_block.py <<'EOT'
import signal
import subprocess
import time
import cocotb

child = subprocess.Popen(["sleep", "60"])
with open("child.pid", "w") as f:
    f.write(str(child.pid))
signal.pthread_sigmask(signal.SIG_BLOCK, [signal.SIGALRM])
time.sleep(60)
EOT
printf 'import os\nimport cocotb\n\nprint("initialising the model")\nos._exit(3)\n' >test_die.py
printf 'import cocotb\n\n\n@cocotb.test()\nasync def test_a(dut):\n    pass\n' >test_ok1.py
cp test_ok1.py test_ok2.py
{
	top "$C1"
	printf 'cocotb_import_timeout = 1\n\n'
	design d icarus
	for m in hang die ok1 block ok2; do
		cocotb_test $m d test_$m.py
	done
} >tests.ini
at() { grep -n "^cocotb = test_$1.py" tests.ini | cut -d: -f1; }
start=$(date +%s)
errors . "stuck: each import stopped or ended is an error of its module, at once" \
    "test_hang.py:4: error: importing it took longer than 1 s" \
    "tests.ini:$(at hang): error: cannot import cocotb module 'test_hang.py': importing it took longer than 1 s" \
    "tests.ini:$(at die): error: cannot import cocotb module 'test_die.py': importing it ended Python (exit status 3)" \
    "tests.ini:$(at block): error: cannot import cocotb module 'test_block.py': importing it took longer than 1 s" \
    "cosimgen: 4 errors in tests.ini; build.ninja not written"
took=$(($(date +%s) - start))
[ "$took" -lt 30 ] && ok "stuck: in seconds, not at the end of the sleeps" ||
    fail "stuck: in seconds, not at the end of the sleeps" "$took s"
grep -qx 'initialising the model' gen.out &&
    ok "stuck: what the module that ended Python printed is shown" ||
    fail "stuck: what the module that ended Python printed is shown" "$(cat gen.out)"
# alive PID: the process is there and no zombie (SIGKILL takes a moment,
# and its new parent reaps it when it will)
alive() {
	kill -0 "$1" 2>/dev/null &&
	    [ "$(sed 's/.*) \(.\).*/\1/' /proc/"$1"/stat 2>/dev/null)" != Z ]
}
pid=$(cat child.pid 2>/dev/null)
n=0
while [ -n "$pid" ] && alive "$pid" && [ $n -lt 50 ]; do
	sleep 0.1
	n=$((n + 1))
done
if [ -n "$pid" ] && ! alive "$pid"; then
	ok "stuck: what a stopped import started is killed with it"
else
	[ -z "$pid" ] || kill "$pid" 2>/dev/null
	fail "stuck: what a stopped import started is killed with it" "pid '$pid'"
fi
cd "$d" || exit 1

# --- an alias of a test is that test ---
mkdir alias && cd alias || exit 1
cp ../dut.sv .
printf 'import cocotb\n\n\n@cocotb.test()\nasync def test_own(dut):\n    pass\n\ntest_alias = test_own\n' \
    >test_alias.py
{
	top "$C1"
	design d1 icarus
	design d2 icarus "$C2"
	cocotb_test one d1 test_alias.py
	cocotb_test two d2 test_alias.py
} >tests.ini
gen .
same "alias: a test under two names is one test, for 1.x and 2.x" \
    "one.test_own two.test_own " "$(cut -d' ' -f1 out/tests.list | tr '\n' ' ')"
cd "$d" || exit 1

# --- a module of a package, with relative imports ---
mkdir pkg pkg/tests pkg/tests/unit && cd pkg || exit 1
cp ../dut.sv .
: >tests/__init__.py
: >tests/unit/__init__.py
echo 'X = 1' >tests/unit/util.py
cat >tests/unit/test_rel.py <<'EOT'
import cocotb
from cocotb.triggers import Timer

from .util import X


@cocotb.test()
async def test_rel(dut):
    await Timer(X, "ns")


@cocotb.test()
async def test_two(dut):
    assert X == 2, "X is not two"
EOT
{
	top "$C1"
	design d1 icarus
	design d2 icarus "$C2"
	cocotb_test one d1 tests/unit/test_rel.py
	cocotb_test two d2 tests/unit/test_rel.py
} >tests.ini
gen .
s1=$(spec one.test_rel) s2=$(spec two.test_rel)
same "packages: imported by its name from the top package, from the directory above it" \
    "tests.unit.test_rel . tests.unit.test_rel ." \
    "$(sval $s1 cocotb_module) $(sval $s1 cocotb_path) $(sval $s2 cocotb_module) $(sval $s2 cocotb_path)"
grep -q '^build out/tests/one.test_rel/stamp: .* tests/unit/test_rel.py tests/__init__.py tests/unit/__init__.py tests/unit/util.py' build.ninja &&
    ok "packages: the packages' __init__.py and the module's helpers are inputs" ||
    fail "packages: the packages' __init__.py and the module's helpers are inputs" \
    "$(grep 'one.test_rel/stamp:' build.ninja)"
ninja >run.out 2>&1
same "packages: the tests run, on cocotb 1.x and 2.x" "pass fail pass fail" \
    "$(statuses one) $(statuses two)"
same "packages: a failure is reported at its line of the module" 2 \
    "$(grep -c '^ *at: *tests/unit/test_rel.py:14$' out/summary.txt)"
cd "$d" || exit 1

# --- the compile of a design built for cocotb, on Verilator ---
if ! command -v verilator >/dev/null 2>&1; then
	skip "Verilator: a design built for cocotb" "verilator is not installed"
	exit 0
fi
mkdir ver && cd ver || exit 1
cp ../dut.sv ../disc/tests/test_dut.py .
echo 'WIDTH = 4' >helper.py
{
	top "$C1"
	design v verilator
	design v_too verilator
	cocotb_test a v test_dut.py
	cocotb_test b v_too test_dut.py
} >tests.ini
gen .
same "Verilator: two designs that differ only in name share one compile" \
    "1 v v_too" "$(grep -c '^designs/' out/compiles.list) $(sed -n 's|^designs/[^ ]* [0-9]* [0-9]* \(jobs=[0-9]* \)\{0,1\}||p' out/compiles.list)"
ninja cosim-compile >compile.out 2>&1
rc=$?
exe=$(sval "$(spec a.test_pass)" sim)
[ $rc -eq 0 ] && [ "$(grep -c VERILATE compile.out)" = 1 ] && [ -x "$exe" ] &&
    [ "${exe##*/}" = Vtop ] &&
    ok "Verilator: the design built for cocotb compiles through ninja, once" ||
    fail "Verilator: the design built for cocotb compiles through ninja, once" \
    "$(cat compile.out)" "$(cat out/designs/*/compile.log 2>/dev/null | tail -n 20)"
ldd "$exe" 2>/dev/null | grep -q "libcocotbvpi_verilator.so => $("$C1" --lib-dir)/" &&
    ok "Verilator: linked with cocotb's VPI library, found through its rpath" ||
    fail "Verilator: linked with cocotb's VPI library, found through its rpath" "$(ldd "$exe")"
same "Verilator: a second ninja compiles nothing" "ninja: no work to do." \
    "$(ninja "$exe" 2>&1)"
ninja test/a >run.out 2>&1
same "end to end, Verilator: the module's tests run on the model built for cocotb" \
    "pass fail skip xfail xfail pass pass" "$(statuses a)"
