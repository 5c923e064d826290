#!/bin/sh
# Verilator's runtime, built once: with real ninja, GNU make and Verilator.
# Designs compiled with the same options link one libverilated.a built in
# BUILDDIR/runtime/HASH and build no runtime objects of their own; a design
# with other options (--trace) gets a runtime of its own. A design with
# delays, one with svdpi functions and $dist_uniform (whose support it
# builds itself), one with neither and one traced all link and pass; their models compile while the runtime builds, and a
# link of their own waits for it. The runtime's depfile names Verilator's
# own sources, so a new Verilator rebuilds it; an edit of a design
# rebuilds that design only. An option g++ does not take fails the
# runtime and the designs, each reported. The make fragment builds the
# runtime too. With stand-ins for verilator and make: COSIM_COMPILE_JOBS
# gives the runtime the compile pool and the designs their share of it;
# a runtime that fails while its designs compile makes each design an
# error that names it, its error and log, without running the link, and
# once it compiles the next ninja links them; a deleted runtime rebuilds.
. "$COSIM_TOP/tests/lib.sh"
if ! command -v verilator >/dev/null 2>&1; then
	skip "runtime suite" "verilator is not installed"
	exit 0
fi
cd "$(scratch runtime)" || exit 1
mkdir rtl
cat >rtl/delays.sv <<'EOT'
module delays;
  initial begin #10 $display("delays ran at %0t", $time); $finish; end
endmodule
EOT
cat >rtl/dpi.sv <<'EOT'
module dpi;
  import "DPI-C" context function int twice(int x);
  integer seed = 7, r;
  initial begin
    r = $dist_uniform(seed, 0, 3);
    $display("dpi ran: %0d", twice(21) + 0 * r);
    $finish;
  end
endmodule
EOT
cat >rtl/twice.c <<'EOT'
#include "svdpi.h"
#ifdef __cplusplus
extern "C"
#endif
int twice(int x) { return svGetScope() ? 2 * x : 0; }
EOT
cat >rtl/plain.sv <<'EOT'
module plain;
  initial begin $display("plain ran"); $finish; end
endmodule
EOT
cat >rtl/traced.sv <<'EOT'
module traced;
  reg [3:0] n = 0;
  initial begin
    $dumpfile("traced.vcd");
    $dumpvars(0, traced);
    repeat (3) #1 n = n + 1;
    $display("traced ran");
    $finish;
  end
endmodule
EOT
# (Verilator compiles a C file in its own directory: by absolute path)
manifest() {	# manifest [FLAGS]: four designs, a test each
	cat >tests.ini <<EOT
[cosimgen]
ready   = none
timeout = 60
flags   = -Wno-fatal $1

[design:delays]
sources = rtl/delays.sv
top     = delays

[design:dpi]
sources = rtl/dpi.sv $PWD/rtl/twice.c
top     = dpi

[design:plain]
sources = rtl/plain.sv
top     = plain

[design:traced]
sources = rtl/traced.sv
top     = traced
flags   = -Wno-fatal --trace $1

[test:t_delays]
design = delays
pass_patterns = ^delays ran at 10\$

[test:t_dpi]
design = dpi
pass_patterns = ^dpi ran: 42\$

[test:t_plain]
design = plain
pass_patterns = ^plain ran\$

[test:t_traced]
design = traced
pass_patterns = ^traced ran\$
EOT
}
manifest ""
check "cosimgen" "$COSIMGEN" tests.ini
ninja -j2 >ninja1.out 2>&1
same "ninja passes" 0 $?
same "every design links and runs: 4 passed, 0 failed" "4 passed, 0 failed" \
    "$(tail -n 1 ninja1.out)"
same "two runtimes: the designs' options, and those with --trace" 2 \
    "$(grep -c '\] VERILATOR runtime/' ninja1.out)"
same "two runtime directories" 2 "$(ls cosim-out/runtime | wc -l)"
# the designs' models compile while the runtimes build: at -j2 with the
# pool of 2, one model starts with the first runtime (ninja starts both)
"$PYTHON" - cosim-out <<'EOT' >overlap.out 2>&1
import json, os, sys
out = sys.argv[1]
c = {x["dir"]: x for x in json.load(open(out + "/results.json"))["compiles"]}
n = 0
for d, x in c.items():
    if not d.startswith("designs/"):
        continue
    needs = [l.split(" ", 1)[1].strip() for l in open(os.path.join(out, d, "spec"))
             if l.startswith("needs ")][0]
    rt = c[needs]
    n += x["start_epoch_ms"] < rt["start_epoch_ms"] + rt["duration_ms"]
print(n)
EOT
n=$(cat overlap.out)
[ "$n" -ge 1 ] 2>/dev/null && ok "a design compiles while the runtime builds (its link waits)" ||
    fail "a design compiles while the runtime builds (its link waits)" "$(cat overlap.out)"
[ -s "$(ls -d cosim-out/designs/*/ | head -n 1)link.log" ] || [ -e "$(ls -d cosim-out/designs/*/ | head -n 1)link.log" ] &&
    ok "each design's link has its own log" || fail "each design's link has its own log" "$(ls cosim-out/designs/*/)"
# the runtime has what most designs need; the one design that uses svdpi
# functions builds their support at its link
d=$(sed -n 's|^sim cosim-out/designs/\([0-9a-f]*\)/.*|\1|p' cosim-out/tests/t_dpi/spec)
same "only the design that uses svdpi functions built a runtime object, that one" \
    "cosim-out/designs/$d/verilated_dpi.o" \
    "$(ls cosim-out/designs/*/verilated*.o 2>/dev/null | tr '\n' ' ' | sed 's/ $//')"
for rt in cosim-out/runtime/*; do
	[ -s "$rt/libverilated.a" ] && ok "runtime ${rt##*/}: libverilated.a" ||
	    fail "runtime ${rt##*/}: libverilated.a" "$(ls "$rt")"
done
[ -s cosim-out/tests/t_traced/run/traced.vcd ] &&
    ok "the traced design wrote its VCD through its own runtime" ||
    fail "the traced design wrote its VCD through its own runtime" \
        "$(ls cosim-out/tests/t_traced/run)"
vroot=$(verilator --getenv VERILATOR_ROOT)
n=0
for rt in cosim-out/runtime/*; do
	grep -q "$vroot/include/verilated.h" "$rt/deps.d" &&
	    grep -q "$vroot/include/verilated.cpp" "$rt/deps.d" && n=$((n + 1))
done
same "each runtime's depfile names Verilator's sources: a new Verilator rebuilds it" \
    2 "$n"

ninja -j2 >ninja2.out 2>&1
same "a second ninja does nothing" "ninja: no work to do." "$(tail -n 1 ninja2.out)"
sleep 1
echo '// edited' >>rtl/plain.sv
ninja -j2 >ninja3.out 2>&1
same "an edited design recompiles alone, not the runtime" \
    "VERILATE plain" \
    "$(sed -n 's/^\[[0-9]*\/[0-9]*\] \(VERILATE.*\|VERILATOR.*\)$/\1/p' ninja3.out | tr '\n' ' ' | sed 's/ $//')"

# the runtime rebuilt in its own directory (its library deleted): it
# builds again, and the designs link it again
rm -f cosim-out/runtime/*/libverilated.a
ninja -j2 >ninja3b.out 2>&1
same "a deleted runtime builds again in its directory, and its designs relink" \
    "4 passed, 0 failed" "$(tail -n 1 ninja3b.out)"

# an option the C++ compiler does not take: the runtime and each design
# fail with its error, the runtime under its own name
manifest "-CFLAGS -fcosim-no-such-option"
"$COSIMGEN" tests.ini >/dev/null 2>&1
ninja -j2 >ninja4.out 2>&1
[ $? -ne 0 ] && ok "a bad option: ninja exits non-zero" ||
    fail "a bad option: ninja exits non-zero" "$(tail -n 20 ninja4.out)"
r=cosim-out/tests/t_plain/result
grep -q '^status error$' $r && grep -q '^reason design plain did not compile: .*fcosim-no-such-option' $r &&
    ok "a bad option: the test is an error with the compiler's message" ||
    fail "a bad option: the test is an error with the compiler's message" "$(cat $r)"
grep -q "^FAIL     compile of the Verilator runtime in runtime/[0-9a-f]*: .*fcosim-no-such-option" \
    cosim-out/summary.txt &&
    ok "a bad option: the summary names the runtime's failed compile" ||
    fail "a bad option: the summary names the runtime's failed compile" "$(cat cosim-out/summary.txt)"
manifest ""
"$COSIMGEN" tests.ini >/dev/null 2>&1
ninja -j2 >ninja5.out 2>&1
same "fixed: everything passes again" "4 passed, 0 failed" "$(tail -n 1 ninja5.out)"

# the make fragment, from an empty build directory
rm -rf cosim-out
"$COSIMGEN" -G make -o cosim.mk tests.ini >/dev/null 2>&1
printf 'check: cosim-check\ninclude cosim.mk\n' >Makefile
make -j2 check >make.out 2>&1
same "the make fragment builds the runtime and passes" 1 \
    "$(grep -c '^4 passed, 0 failed$' make.out)"
same "make: two runtimes" 2 "$(grep -c '^VERILATOR runtime/' make.out)"

# Stand-ins for verilator and make record what they were given and make
# the outputs, so that a runtime can fail while its designs compile
mkdir -p fakebin jobs1 jobs3 rtfail
cat >fakebin/verilator <<'EOT'
#!/bin/sh
# stand-in: record -j's value; the runtime's stub (--prefix) fails when
# FAIL_RUNTIME is set; a design's model is PREFIX__ALL.a in --Mdir
mdir= j= top= prefix=
while [ $# -gt 0 ]; do
	case $1 in
	-j) j=$2; shift ;;
	--Mdir) mdir=$2; shift ;;
	--top-module) top=$2; shift ;;
	--prefix) prefix=$2; shift ;;
	esac
	shift
done
[ -z "$j" ] || echo "verilator -j $j" >>"$FAKE_LOG"
if [ -n "$prefix" ]; then
	[ -z "${FAIL_RUNTIME:-}" ] || { echo "%Error: no runtime here"; exit 1; }
	exit 0
fi
mkdir -p "$mdir" && : >"$mdir/V${top}__ALL.a"
EOT
cat >fakebin/make <<'EOT'
#!/bin/sh
# stand-in for the runtime's make and the link: record -j's value, make
# the library or the executable
dir= j= goal=
while [ $# -gt 0 ]; do
	case $1 in
	-C) dir=$2; shift ;;
	-j) j=$2; shift ;;
	-f) shift ;;
	-*|*=*) ;;
	*) goal=$1 ;;
	esac
	shift
done
if [ "$goal" = cosim-runtime ]; then
	echo "make -j $j runtime" >>"$FAKE_LOG"
	: >"$dir/libverilated.a" && : >"$dir/cosim_runtime.d"
else
	echo "make -j $j link" >>"$FAKE_LOG"
	printf '#!/bin/sh\necho ran\n' >"$dir/$goal" && chmod +x "$dir/$goal"
fi
EOT
chmod +x fakebin/verilator fakebin/make
fake_suite() {	# fake_suite DIR N: a manifest of N designs, built with the stand-ins
	(cd "$1" && {
		printf '[cosimgen]\nready = none\ncompile_jobs = 4\n\n'
		i=0
		while [ $i -lt "$2" ]; do
			printf '[design:d%s]\nsources = d.sv\ntop = d%s\n\n' $i $i
			printf '[test:t%s]\ndesign = d%s\npass_patterns = ^ran$\n\n' $i $i
			i=$((i + 1))
		done
	} >tests.ini && : >d.sv && "$COSIMGEN" tests.ini >/dev/null 2>&1 &&
	    FAKE_LOG=$PWD/fake.log PATH="$PWD/../fakebin:$PATH" ninja >ninja.out 2>&1)
}
# COSIM_COMPILE_JOBS: the compile pool's width, shared by the compiles
# that run side by side, reaches each Verilator command
jobs_of() {
	fake_suite "$1" "$2" && sort "$1/fake.log" | uniq -c | sed 's/^ *//' | tr '\n' ';'
}
same "compile_jobs = 4, one design: the runtime, the design and its link get 4 jobs" \
    "1 make -j 4 link;1 make -j 4 runtime;1 verilator -j 4;" "$(jobs_of jobs1 1)"
same "compile_jobs = 4, three designs side by side: 1 job each, the runtime 4" \
    "3 make -j 1 link;1 make -j 4 runtime;3 verilator -j 1;" "$(jobs_of jobs3 3)"

# a runtime that does not compile while its designs do: their links are
# errors that name it, without running
FAIL_RUNTIME=1 fake_suite rtfail 2
[ $? -ne 0 ] && ok "a failed runtime: ninja exits non-zero" ||
    fail "a failed runtime: ninja exits non-zero" "$(cat rtfail/ninja.out)"
r=rtfail/cosim-out/tests/t0/result
grep -q '^status error$' $r &&
    grep -q '^reason design d0 did not compile: it links cosim-out/runtime/[0-9a-f]*, which did not compile: %Error: no runtime here$' $r &&
    grep -q '^compile_log runtime/[0-9a-f]*/compile.log$' $r &&
    ok "a failed runtime: its design's test is an error that names the runtime, its error and log" ||
    fail "a failed runtime: its design's test is an error that names the runtime, its error and log" "$(cat $r)"
same "a failed runtime: no link ran" "" "$(grep link rtfail/fake.log)"
grep -q '^FAILED compile of d1: it links cosim-out/runtime/[0-9a-f]*, which did not compile: %Error: no runtime here (log: cosim-out/runtime/[0-9a-f]*/compile.log:1)$' rtfail/ninja.out &&
    ok "a failed runtime: ninja shows each design's failed compile" ||
    fail "a failed runtime: ninja shows each design's failed compile" "$(cat rtfail/ninja.out)"
# once the runtime compiles, the next ninja links and runs them: the
# links' own errors do not stand in their way
(cd rtfail && FAKE_LOG=$PWD/fake.log PATH="$PWD/../fakebin:$PATH" ninja >ninja2.out 2>&1)
same "a failed runtime, fixed: the next ninja links and passes" "2 passed, 0 failed" \
    "$(tail -n 1 rtfail/ninja2.out)"
d=$(sed -n 's|^sim cosim-out/designs/\([0-9a-f]*\)/.*|\1|p' rtfail/cosim-out/tests/t0/spec)
grep -q '^command OBJCACHE=.* make ' "rtfail/cosim-out/designs/$d/result" &&
    ok "the link's result names the link's command" ||
    fail "the link's result names the link's command" "$(cat "rtfail/cosim-out/designs/$d/result")"
