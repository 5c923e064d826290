#!/bin/sh
# The README's example suites through a real Slurm cluster (a private
# single-node one, tests/slurm/cluster.sh), as a cluster user runs them:
# `cosimgen --executor slurm` and ninja inside an allocation
# (`salloc ... ninja`), every compile and every test a job step. The
# results are those of a local run: the example suite passes (with one
# more test that proves it ran in a step), a second run does nothing, no
# simulator outlives its test, and examples/broken fails each test the
# way it fails locally, compile failure included; with cocotb 1.x, the
# cocotb example on Icarus gives its local counts too. Then one report of
# the example suite from a batch job: `sbatch --wait` of the same ninja.
. "$COSIM_TOP/tests/lib.sh"
for tool in verilator iverilog iverilog-vpi ghdl ninja; do
	if ! command -v $tool >/dev/null 2>&1; then
		skip "slurm examples" "$tool is not installed"
		exit 0
	fi
done
need_slurm "slurm examples" || exit 0
d=$(scratch slurm-examples)
cp -R "$COSIM_TOP/examples/." "$d/"
rm -rf "$d/cosim-out" "$d/build.ninja" "$d"/.ninja_* "$d/cocotb/cosim-out"
cd "$d" || exit 1
tag="cosim-slurm-examples-$$"
export EXAMPLES_MARK="$tag"
leaks() { leaks_of "EXAMPLES_MARK=$tag"; }
# a test that passes only in a job step of the allocation
cat >>tests.ini <<'EOT'

[test:in_a_job_step]
command = sh -c 'test -n "$SLURM_STEP_ID" && test "$SLURM_JOB_ID" = "$ALLOC"'
EOT

check "slurm examples: cosimgen --executor slurm" \
    "$COSIMGEN" --executor slurm --launcher "$COSIM_TOP/cosim-run" tests.ini
salloc -N1 -n2 --quiet sh -c 'ALLOC=$SLURM_JOB_ID ninja -j2' >ninja1.out 2>&1
same "slurm examples: the suite passes in an allocation" 0 $?
tail -n 1 ninja1.out | grep -q '^29 passed, 0 failed$' &&
    ok "slurm examples: 29 passed, 0 failed" ||
    fail "slurm examples: 29 passed, 0 failed" "$(tail -n 30 ninja1.out)"
same "slurm examples: every compile ran through srun (its srun.log is there)" \
    14 "$(ls cosim-out/designs/*/srun.log cosim-out/vpi/srun.log 2>/dev/null | wc -l)"
same "slurm examples: every test's result names the host it ran on" 29 \
    "$(grep -l "^host $(hostname)\$" cosim-out/tests/*/result | wc -l)"
same "slurm examples: no simulator outlives its test" 0 "$(leaks)"
same "slurm examples: nothing is left in the queue" "" "$(squeue -h)"
salloc -N1 -n2 --quiet sh -c 'ALLOC=$SLURM_JOB_ID ninja -j2' >ninja2.out 2>&1
grep -q 'no work to do' ninja2.out && ok "slurm examples: a second run does nothing" ||
    fail "slurm examples: a second run does nothing" "$(cat ninja2.out)"

# the nightly form: a batch job runs the same ninja; the report is the
# same, written by the job
rm -f cosim-out/tests/*/stamp
sbatch --wait --quiet -N1 -n2 -o sbatch.out \
    --wrap 'ALLOC=$SLURM_JOB_ID ninja -j2' >/dev/null 2>&1
same "slurm examples: a batch job runs the suite again" 0 $?
tail -n 1 sbatch.out | grep -q '^29 passed, 0 failed$' &&
    ok "slurm examples: the batch job's output ends 29 passed, 0 failed" ||
    fail "slurm examples: the batch job's output ends 29 passed, 0 failed" \
        "$(tail -n 20 sbatch.out)"
same "slurm examples: the batch job compiled nothing again" 0 \
    "$(grep -c '\] \(VERILATE\|IVERILOG\|GHDL\) ' sbatch.out)"

# examples/broken: the same verdicts as a local run
cd "$d/broken" || exit 1
"$COSIMGEN" --executor slurm --launcher "$COSIM_TOP/cosim-run" -o broken.ninja tests.ini
salloc -N1 -n2 --quiet ninja -f broken.ninja -j2 >broken.out 2>&1
[ $? -ne 0 ] && ok "slurm broken: ninja exits non-zero" ||
    fail "slurm broken: ninja exits non-zero"
sum="0 passed, 4 failed, 1 timed out, 1 crashed, 1 error, 1 compile failed"
grep -q "^$sum\$" broken.out && ok "slurm broken: $sum, as locally" ||
    fail "slurm broken: $sum, as locally" "$(tail -n 12 broken.out)"
for t in client_assertion:fail testbench_error:fail testbench_error_vhdl:fail \
    testbench_fatal:crash \
    hang:timeout failure_in_log:fail does_not_compile:error; do
	same "slurm broken: ${t%%:*} is ${t#*:}" "${t#*:}" \
	    "$(sed -n 's/^status //p' "cosim-out/tests/${t%%:*}/result")"
done
same "slurm broken: no simulator outlives its test" 0 "$(leaks)"
same "slurm broken: nothing is left in the queue" "" "$(squeue -h)"

# the cocotb example on Icarus, with cocotb 1.x
if need_cocotb "slurm cocotb example" 1; then
	cd "$d/cocotb" || exit 1
	sed '/^\[design:fifo_verilator\]/,/^$/d; /^\[test:fifo_verilator\]/,/^$/d' \
	    tests.ini >icarus.ini
	PATH=$(dirname "$COCOTB_CONFIG"):$PATH "$COSIMGEN" --executor slurm \
	    --launcher "$COSIM_TOP/cosim-run" -o icarus.ninja icarus.ini >gen.out 2>&1
	same "slurm cocotb example: cosimgen" 0 $?
	salloc -N1 -n2 --quiet ninja -f icarus.ninja -j2 >cocotb.out 2>&1
	tail -n 1 cocotb.out | grep -q '^8 passed, 0 failed, 1 skipped$' &&
	    ok "slurm cocotb example: 8 passed, 0 failed, 1 skipped, as locally" ||
	    fail "slurm cocotb example: 8 passed, 0 failed, 1 skipped, as locally" \
	        "$(tail -n 20 cocotb.out)"
	same "slurm cocotb example: no simulator outlives its test" 0 "$(leaks)"
fi
