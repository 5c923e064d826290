#!/bin/sh
# Waves on demand, with real ninja, GNU make, Verilator and Icarus:
# waves/NAME builds the design's waves variant (only then) and reruns the
# test with its seed and plusargs into BUILDDIR/tests/NAME/waves/, whose
# waveform holds the design's signals; the test's own result and stamp
# are untouched, a plain ninja builds no variant, a second waves/NAME
# does nothing; a test that stops ($stop) or times out still leaves a
# closed waveform; waves_on_failure reruns at most N failing tests from
# the report, which names their waveforms; -G make offers the same.
. "$COSIM_TOP/tests/lib.sh"
for tool in verilator iverilog ninja make; do
	if ! command -v $tool >/dev/null 2>&1; then
		skip "waves suite" "$tool is not installed"
		exit 0
	fi
done
d=$(scratch waves)
cd "$d" || exit 1
fst() { python3 "$COSIM_TOP/tests/waves/fstinfo.py" "$1"; }
# the end time an FST records (0: never closed), and whether it names
# the signals clk and count
fst_says() {
	[ -f "$1" ] || { echo "no $1"; return; }
	echo "$(fst "$1" | sed -n 's/^end //p') $(fst "$1" | grep -cx 'signal \(clk\|count\)')"
}
mkdir rtl
cat >rtl/tb.sv <<'EOT'
module tb;
  reg clk = 0;
  integer count = 0, seed = 0;
  always #5 clk = ~clk;
  initial if ($value$plusargs("seed=%d", seed)) $display("seed=%0d", seed);
  always @(posedge clk) begin
    count <= count + 1;
    if (count == 40) begin
      if ($test$plusargs("stop")) $stop;
`ifdef VERILATOR
      if ($test$plusargs("hang")) $system("sleep 60");
`endif
      $finish;
    end
  end
endmodule
EOT
cat >tests.ini <<'EOT'
[cosimgen]
builddir = out
ready = none
flags = -Wno-fatal

[design:v]
sources = rtl/tb.sv
top = tb

[design:i]
simulator = icarus
sources = rtl/tb.sv
top = tb
flags =

[test:v_pass]
design = v
plusargs = +extra=1

[test:v_stop]
design = v
plusargs = +stop

[test:v_hang]
design = v
plusargs = +hang
timeout = 2

[test:i_pass]
design = i

[test:i_stop]
design = i
plusargs = +stop

[test:cmd]
command = true
EOT
check "cosimgen writes the graph and the waves graph" \
    "$COSIMGEN" --launcher "$COSIM_TOP/cosim-run" tests.ini
same "waves/NAME for each test of a design, none for a command test" \
    "waves/i_pass waves/i_stop waves/v_hang waves/v_pass waves/v_stop" \
    "$(sed -n 's/^build \(waves\/[^:]*\): cosim_waves.*/\1/p' build.ninja | sort | tr '\n' ' ' | sed 's/ $//')"
ninja >plain.out 2>&1
variants=$(sed -n 's/^build \([^:]*\): cosim_\(link\|icarus\) .*/\1/p' out/waves.ninja)
n=0
for v in $variants; do [ -e "$v" ] && n=$((n + 1)); done
same "a plain ninja builds no waves variant" "0 2" \
    "$n $(echo $variants | wc -w)"
same "a plain ninja: the verdicts" "pass crash timeout pass fail" \
    "$(for t in v_pass v_stop v_hang i_pass i_stop; do field $t status; done | tr '\n' ' ' | sed 's/ $//')"
before=$(cksum out/tests/v_pass/result out/tests/v_pass/stamp; ls -l --time-style=+%s.%N out/tests/v_pass/stamp)

ninja waves/v_pass >w1.out 2>&1
same "waves/v_pass: an FST, closed, with the design's signals" "405 2" \
    "$(fst_says out/tests/v_pass/waves/waves.fst)"
same "waves/v_pass: the same seed as the test's run" \
    "$(grep seed= out/tests/v_pass/run/sim.out)" \
    "$(grep seed= out/tests/v_pass/waves/run/sim.out)"
same "waves/v_pass: the test's plusargs" "1" \
    "$(grep -c '+extra=1' out/tests/v_pass/waves/repro.sh)"
same "waves/v_pass: the test's result and stamp untouched" "$before" \
    "$(cksum out/tests/v_pass/result out/tests/v_pass/stamp; ls -l --time-style=+%s.%N out/tests/v_pass/stamp)"
same "waves/v_pass: its own result names the waveform" \
    "tests/v_pass/waves/waves.fst" "$(sed -n 's/^waves //p' out/tests/v_pass/waves/result)"
same "after waves/v_pass, a plain ninja would rerun only the failed tests" \
    "i_stop v_hang v_stop" \
    "$(ninja -n 2>&1 | sed -n 's/.*TEST //p' | sort | tr '\n' ' ' | sed 's/ $//')"
m1=$(ls -l --time-style=+%s.%N out/tests/v_pass/waves/waves.fst)
ninja waves/v_pass >w2.out 2>&1
same "a second waves/v_pass does nothing" "ninja: no work to do. $m1" \
    "$(tail -n 1 w2.out) $(ls -l --time-style=+%s.%N out/tests/v_pass/waves/waves.fst)"

ninja waves/v_stop waves/v_hang waves/i_pass waves/i_stop >w3.out 2>&1
same "waves of a test that stops: crash (abort), the waveform closed" "crash 400 2" \
    "$(sed -n 's/^status //p' out/tests/v_stop/waves/result) $(fst_says out/tests/v_stop/waves/waves.fst)"
same "waves of a test that times out: the waveform closed at SIGTERM" \
    "timeout 405 2" \
    "$(sed -n 's/^status //p' out/tests/v_hang/waves/result) $(fst_says out/tests/v_hang/waves/waves.fst)"
same "Icarus: the dump module's FST holds the design's signals" "405 2" \
    "$(fst_says out/tests/i_pass/waves/waves.fst)"
same "Icarus: a test that stops leaves a closed waveform" "fail 405 2" \
    "$(sed -n 's/^status //p' out/tests/i_stop/waves/result) $(fst_says out/tests/i_stop/waves/waves.fst)"
same "the waves runs leave their stamps, whatever the verdict" "4" \
    "$(ls out/tests/v_stop/waves/stamp out/tests/v_hang/waves/stamp out/tests/i_pass/waves/stamp out/tests/i_stop/waves/stamp | wc -l)"
ninja >plain2.out 2>&1
grep -A4 '^CRASH *v_stop' out/summary.txt >entry.out
same "the report names the waveform of a failing test" \
    "         waves: out/tests/v_stop/waves/waves.fst" "$(grep 'waves:' entry.out)"
same "results.json has it" "1" \
    "$(grep -c '"waves": "out/tests/v_stop/waves/waves.fst"' out/results.json)"
same "report.xml has it as a property" "1" \
    "$(grep -c 'name="v_stop.waves" value="out/tests/v_stop/waves/waves.fst"' out/report.xml)"
same "report.html links it" "1" \
    "$(grep -c 'href="tests/v_stop/waves/waves.fst"' out/report.html)"
same "the repro script names waves/NAME" "1" \
    "$(grep -c '^# With waves: ninja waves/v_stop' out/tests/v_stop/repro.sh)"
same "a command test has no waves/NAME" "1" \
    "$(ninja waves/cmd 2>&1 | grep -c "unknown target 'waves/cmd'")"

# waves_on_failure = 2: three tests fail, the first two in the report's
# order get waves
rm -rf out/tests/*/waves
sed 's/^ready = none$/ready = none\nwaves_on_failure = 2/' tests.ini >t2.ini && mv t2.ini tests.ini
printf '\n[test:v_stop2]\ndesign = v\nplusargs = +stop +again\n' >>tests.ini
ninja >auto.out 2>&1
same "waves_on_failure = 2: two failing tests get waves, no more" "2" \
    "$(ls -d out/tests/*/waves/waves.fst 2>/dev/null | wc -l)"
same "and the report names both" "2" "$(grep -c '^         waves: ' out/summary.txt)"
same "the verdicts stay" "crash timeout fail" \
    "$(for t in v_stop v_hang i_stop; do field $t status; done | tr '\n' ' ' | sed 's/ $//')"
same "the last line is still the counts" "3 passed, 1 failed, 1 timed out, 2 crashed" \
    "$(tail -n 1 out/summary.txt)"

# a failing test that has no waves/NAME (a command test, first in the
# report's order) takes no place among them, nor stops the others
rm -rf out/tests/*/waves
printf '\n[test:a_cmd]\ncommand = false\npriority = 100\n' >>tests.ini
ninja >auto2.out 2>&1
same "a failing command test does not take the place of one with waves" "2" \
    "$(ls -d out/tests/*/waves/waves.fst 2>/dev/null | wc -l)"
# the waves runs are not the suite run's: its max_failures does not
# stop them
rm -rf out/tests/*/waves
"$COSIMGEN" run --max-failures 2 -j1 >mf.out 2>&1
same "cosimgen run --max-failures 2: the failing test still gets its waves" "1" \
    "$(ls -d out/tests/*/waves/waves.fst 2>/dev/null | wc -l)"
grep -q "wrote no waveform" out/summary.txt &&
    fail "and no waves run was stopped by max_failures" "$(cat mf.out)" ||
    ok "and no waves run was stopped by max_failures"
sed -i '/^\[test:a_cmd\]/,$d' tests.ini
# a waveform of an earlier build of the design is named as such: the
# test's spec is the same, its RTL is not
sed -i 's/^waves_on_failure = 2$/waves_on_failure = 0/' tests.ini
cp rtl/tb.sv rtl/tb.sv.keep
sed 's/count == 40/count == 41/' rtl/tb.sv.keep >rtl/tb.sv
ninja >stale.out 2>&1
grep -q "waves: .*/waves/waves.fst is of an earlier build" out/summary.txt &&
    ok "a waveform of an earlier build of the design is named as such" ||
    fail "a waveform of an earlier build of the design is named as such" \
    "$(cat out/summary.txt)"
mv rtl/tb.sv.keep rtl/tb.sv
ninja >stale2.out 2>&1
sed -i 's/^waves_on_failure = 0$/waves_on_failure = 2/' tests.ini

# -G make
rm -rf out/tests/i_pass/waves
check "cosimgen -G make" "$COSIMGEN" -G make --launcher "$COSIM_TOP/cosim-run" \
    -o cosim.mk tests.ini
make -f cosim.mk cosim-waves-i_pass >make.out 2>&1
same "make cosim-waves-i_pass: the waveform" "405 2" \
    "$(fst_says out/tests/i_pass/waves/waves.fst)"
