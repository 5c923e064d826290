#!/bin/sh
# cosim-run under executor = slurm, on a private cluster (need_slurm) and
# with real ninja: the supervisor where ninja runs, srun, and the launcher
# on the node (cosim-run --node). Each scenario has a directory of its
# own with its manifest and builddir "out". Every process a test starts
# carries LEAKMARK=<tag>, to check that nothing is left running.
#
# First, without Slurm: a pid record names its host, and only that host
# sweeps it.
. "$COSIM_TOP/tests/lib.sh"
d=$(scratch slurm-run)
cd "$d" || exit 1
tag="cosim-slurm-$$-$(date +%s)"
leaks() { leaks_of "LEAKMARK=$tag"; }
here=$(uname -n)

# wait_for SECONDS CMD...: until CMD succeeds, for SECONDS at most.
wait_for() {
	_w=$(($1 * 10))
	shift
	while ! "$@" 2>/dev/null; do
		_w=$((_w - 1))
		[ $_w -le 0 ] && return 1
		sleep 0.1
	done
}
# no_leaks: nothing with this suite's mark runs, within 10 s
no_leaks() { wait_for 10 test "$(leaks)" = 0; }
# scenario NAME: a fresh directory for it, made the current one
scenario() {
	mkdir -p "$d/$1"
	cd "$d/$1" || exit 1
}
# manifest [LINE...]: tests.ini from what stdin gives, after the
# [cosimgen] section every scenario shares and the LINEs added to it
manifest() {
	{
		printf '[cosimgen]\nbuilddir = out\nexecutor = slurm\n'
		printf 'env = LEAKMARK=%s\n' "$tag"
		for _l in "$@"; do
			printf '%s\n' "$_l"
		done
		echo
		cat
	} >tests.ini
}
# alive PID: the process runs (a zombie does not)
alive() {
	[ -r "/proc/$1/stat" ] && ! awk '{ exit $3 != "Z" }' "/proc/$1/stat"
}

gone() { ! alive "$1"; }

# ---- pid records and hosts (no Slurm needed) -------------------------
scenario hosts
cat >tests.ini <<'EOT'
[cosimgen]
builddir = out

[test:t]
command = true
EOT
"$COSIMGEN" tests.ini
"$COSIM_TOP/cosim-run" out/tests/t/spec >/dev/null
sed -n 2p out/tests/t/pids | grep -qx "host $here" &&
    ok "pid record: its second line names the host" ||
    fail "pid record: its second line names the host" "$(cat out/tests/t/pids)"
same "result: host is the launcher's" "$here" "$(field t host)"
# an orphan of a killed run: the record lacks done (and the orphan has
# the record's run id: only a process of the run is swept)
env LEAKMARK="$tag" COSIM_RUN_ID=x sleep 300 &
orphan=$!
start=$(awk '{ print $22 }' "/proc/$orphan/stat")
printf 'COSIM_RUN_ID=x\nhost %s\n%s %s\n' other-node.invalid "$orphan" \
    "$start" >out/tests/t/pids
"$COSIM_TOP/cosim-run" out/tests/t/spec >/dev/null
alive "$orphan" &&
    ok "pid record: one made on another host is not swept here" ||
    fail "pid record: one made on another host is not swept here"
printf 'COSIM_RUN_ID=x\nhost %s\n%s %s\n' "$here" "$orphan" "$start" \
    >out/tests/t/pids
"$COSIM_TOP/cosim-run" out/tests/t/spec >/dev/null
wait_for 10 gone "$orphan" &&
    ok "pid record: one made on this host is swept" ||
    fail "pid record: one made on this host is swept"
kill "$orphan" 2>/dev/null
wait "$orphan" 2>/dev/null

need_slurm "slurm-run: a Slurm cluster" || exit 0
# Slurm's commands take SLURM_CONF; ninja, cosim-run, srun and the node
# all see it.

# ---- a pass and a fail under salloc and ninja ------------------------
scenario basic
manifest <<EOT
[test:passes]
cpus = 2
command = sh -c 'echo "step \$SLURM_JOB_ID.\$SLURM_STEP_ID cpus \$SLURM_CPUS_PER_TASK"'

[test:fails]
command = sh -c 'echo bad; exit 3'
EOT
"$COSIMGEN" tests.ini
salloc -N1 -n4 --quiet sh -c 'echo "$SLURM_JOB_ID" >alloc; exec ninja' \
    >ninja1.out 2>&1
expect passes pass
expect fails fail "status 3"
job=$(cat alloc)
grep -Eq "^step $job\.[0-9]+ cpus 2\$" out/tests/passes/run/test.out &&
    ok "salloc: the test ran as a step of the allocation, with its cpus" ||
    fail "salloc: the test ran as a step of the allocation, with its cpus" \
    "allocation $job" "$(cat out/tests/passes/run/test.out)"
grep -Eq '^pass +passes ' ninja1.out &&
    grep -Eq '^fail +fails .*status 3' ninja1.out &&
    ok "salloc: the node's console lines reach ninja" ||
    fail "salloc: the node's console lines reach ninja" "$(cat ninja1.out)"
[ -f out/tests/passes/stamp ] && [ ! -f out/tests/fails/stamp ] &&
    ok "salloc: a stamp for the pass only" ||
    fail "salloc: a stamp for the pass only" "$(ls out/tests/*)"
same "salloc: the result names the node's host" "$here" "$(field passes host)"
grep -Eqx "step $job\.[0-9]+" out/tests/passes/pids &&
    grep -qx "host $here" out/tests/passes/pids &&
    ok "salloc: the node's pid record names its host and step" ||
    fail "salloc: the node's pid record names its host and step" \
    "$(cat out/tests/passes/pids)"
! grep -v '^    ${SLURM_JOB_ID:+"SLURM_JOB_ID=$SLURM_JOB_ID"} \\$' out/tests/fails/repro.sh |
    grep -q 'SLURM_JOB_ID\|SLURM_STEP_ID' &&
    grep -q "SLURM_CONF=" out/tests/fails/repro.sh &&
    ok "repro: without the job's Slurm variables, with SLURM_CONF" ||
    fail "repro: without the job's Slurm variables, with SLURM_CONF" \
    "$(grep SLURM out/tests/fails/repro.sh)"
pass_start=$(field passes start_epoch_ms)
fail_start=$(field fails start_epoch_ms)
salloc -N1 -n4 --quiet ninja >ninja2.out 2>&1
[ "$(field passes start_epoch_ms)" = "$pass_start" ] &&
    [ "$(field fails start_epoch_ms)" != "$fail_start" ] &&
    ok "salloc: a second ninja reruns only the failure" ||
    fail "salloc: a second ninja reruns only the failure" "$(cat ninja2.out)"
expect fails fail "status 3"
no_leaks && ok "salloc: nothing left running" ||
    fail "salloc: nothing left running" "$(leaks) left"

# ---- a job of its own, outside an allocation -------------------------
scenario own
manifest <<EOT
[resource:sim]
count = 2
slurm_license = cosimlic

[test:licensed]
resources = sim
cpus = 2
memory = 100M
srun_args = --comment=cosim
command = sh -c 'scontrol show job "\$SLURM_JOB_ID" | tr " " "\\n" | grep -E "^(Licenses|MinMemoryNode|Comment)="; echo "name=\$SLURM_JOB_NAME cpus=\$SLURM_CPUS_PER_TASK"'
EOT
"$COSIMGEN" tests.ini
ninja >ninja.out 2>&1
expect licensed pass
grep -qx 'Licenses=cosimlic:1' out/tests/licensed/run/test.out &&
    ok "own job: it asks for the test's licence" ||
    fail "own job: it asks for the test's licence" \
    "$(cat out/tests/licensed/run/test.out)"
grep -qx 'name=cosim:licensed cpus=2' out/tests/licensed/run/test.out &&
    grep -qx 'MinMemoryNode=100M' out/tests/licensed/run/test.out &&
    grep -qx 'Comment=cosim' out/tests/licensed/run/test.out &&
    ok "own job: named after the test, with its cpus, memory and srun_args" ||
    fail "own job: named after the test, with its cpus, memory and srun_args" \
    "$(cat out/tests/licensed/run/test.out)"

# ---- a timeout and a crash, on the node as locally -------------------
scenario verdicts
manifest "kill_grace = 500ms" <<EOT
[design:segv]
simulator = custom
run = sh -c 'kill -SEGV \$\$'
ready = none

[test:hangs]
timeout = 1
command = sh -c 'sleep 300 & exec sleep 300'

[test:crashes]
design = segv
EOT
"$COSIMGEN" tests.ini
ninja -j2 >ninja.out 2>&1
expect hangs timeout "timed out after"
expect crashes crash "simulator killed by signal 11"
no_leaks && ok "timeout: the test's tree is killed on the node" ||
    fail "timeout: the test's tree is killed on the node" "$(leaks) left"

# ---- compiles through srun -------------------------------------------
scenario compile
if command -v iverilog >/dev/null; then
	manifest <<EOT
[design:counter]
simulator = icarus
sources   = $COSIM_TOP/examples/rtl/counter.sv $COSIM_TOP/examples/tb/counter_tb.sv
top       = counter_tb
flags     =
ready     = none

[design:typo]
simulator = icarus
sources   = $COSIM_TOP/examples/rtl/adder.sv $COSIM_TOP/examples/broken/tb/typo_tb.sv
top       = typo_tb
flags     =
ready     = none

[test:counter]
design = counter

[test:typo]
design = typo
EOT
	"$COSIMGEN" tests.ini
	ninja >ninja.out 2>&1
	expect counter pass
	expect typo error "design typo did not compile: .*syntax error"
	cres=$(grep -l '^design counter$' out/designs/*/result)
	tres=$(grep -l '^design typo$' out/designs/*/result)
	[ -n "$cres" ] && grep -qx 'status pass' "$cres" &&
	    grep -qx "host $here" "$cres" &&
	    grep -Eq '^step [0-9]+\.[0-9]+$' "$(dirname "$cres")/pids" &&
	    ok "compile: through srun, with the node's host" ||
	    fail "compile: through srun, with the node's host" \
	    "$(cat "$cres" "$(dirname "$cres")/pids")"
	[ -n "$tres" ] && grep -qx 'status fail' "$tres" &&
	    grep -q '^reason .*syntax error' "$tres" &&
	    grep -Eq '^step [0-9]+\.[0-9]+$' "$(dirname "$tres")/pids" &&
	    ok "compile: a failing compile through srun quotes the compiler" ||
	    fail "compile: a failing compile through srun quotes the compiler" \
	    "$(cat "$tres")"
	grep -q '^FAILED compile of typo: .*syntax error' ninja.out &&
	    ok "compile: the node's FAILED line reaches ninja" ||
	    fail "compile: the node's FAILED line reaches ninja" "$(cat ninja.out)"
	# srun itself fails for the compile: a failed compile that names
	# srun.log, and its test is blocked by it
	sed 's/^top       = counter_tb$/&\nslurm_partition = nosuch/
	    s/^design = counter$/&\nslurm_partition = test/' tests.ini >t &&
	    mv t tests.ini
	rm -f out/tests/counter/srun.log
	ninja >ninja2.out 2>&1
	grep -qx 'status error' "$cres" &&
	    grep -q '^reason Slurm: .*[Ii]nvalid partition' "$cres" &&
	    grep -q '^log designs/.*/srun.log$' "$cres" &&
	    ok "compile: srun's own failure is a failed compile naming srun.log" ||
	    fail "compile: srun's own failure is a failed compile naming srun.log" \
	    "$(cat "$cres")"
	expect counter error "design counter did not compile: Slurm: "
	[ ! -e out/tests/counter/srun.log ] &&
	    ok "compile: a test of a design that did not compile asks Slurm for nothing" ||
	    fail "compile: a test of a design that did not compile asks Slurm for nothing" \
	    "$(cat out/tests/counter/srun.log)"
	# both the compile and the test ask for a partition that is not
	# there: the test is blocked by its compile, not an error of its own
	sed 's/^slurm_partition = test$/slurm_partition = nosuch/' tests.ini >t &&
	    mv t tests.ini
	ninja >ninja3.out 2>&1
	expect counter error "design counter did not compile: Slurm: .*[Ii]nvalid partition"
	# the design compiles; the test's own step cannot start: its log is
	# srun's, in the report too
	awk '!done && $0 == "slurm_partition = nosuch" {
		$0 = "slurm_partition = test"; done = 1 } { print }' tests.ini >t &&
	    mv t tests.ini
	ninja >ninja4.out 2>&1
	expect counter error "^Slurm: .*[Ii]nvalid partition"
	grep -qx 'log tests/counter/srun.log' out/tests/counter/result &&
	    ok "slurm: a step that cannot start: its result names srun.log" ||
	    fail "slurm: a step that cannot start: its result names srun.log" \
	    "$(cat out/tests/counter/result)"
	grep -q '^ *log: *out/tests/counter/srun.log$' ninja4.out &&
	    ok "slurm: and the summary points to it" ||
	    fail "slurm: and the summary points to it" "$(cat ninja4.out)"
	grep -q '"log": *"out/tests/counter/srun.log"' out/results.json &&
	    ok "slurm: and results.json" ||
	    fail "slurm: and results.json" "$(grep -n srun out/results.json)"
else
	skip "slurm-run: compiles through srun" "iverilog is not installed"
fi

# ---- the step or its job cancelled from outside ----------------------
# scancel JOB.STEP kills the step's processes outright (SIGKILL): the node
# leaves no result, and the supervisor's says what srun said. scancel JOB
# sends SIGCONT and SIGTERM first: the node's launcher is interrupted.
scenario cancel
manifest "kill_grace = 500ms" <<EOT
[test:cancelled]
command = sh -c 'echo started; sleep 300 & sleep 300'
EOT
"$COSIMGEN" tests.ini
# cancel WHAT: run the test, and once it started, scancel its step or job
cancel() {
	rm -f out/tests/cancelled/run/test.out
	ninja >ninja.out 2>&1 &
	ninja=$!
	if ! wait_for 60 grep -qs started out/tests/cancelled/run/test.out; then
		fail "scancel $1: the test started" "$(cat ninja.out)"
		kill $ninja
	elif [ "$1" = step ]; then
		scancel "$(sed -n 's/^step //p' out/tests/cancelled/pids)"
	else
		scancel --name=cosim:cancelled
	fi
	wait $ninja
	st=$(field cancelled status)
	case $st in
	interrupted|error) ok "scancel $1: the result says so ($st: $(field cancelled reason))" ;;
	*) fail "scancel $1: the result says so" "status '$st'" \
	    "$(cat out/tests/cancelled/result ninja.out 2>&1)" ;;
	esac
	no_leaks && ok "scancel $1: nothing left running" ||
	    fail "scancel $1: nothing left running" "$(leaks) left"
}
cancel step
expect cancelled error "^Slurm: STEP [0-9]+\.[0-9]+ ON .* CANCELLED AT .*\(srun exit [0-9]+, recorded on the submitting host\)$"
cancel job
# a cancel that did not come from ninja (scancel, Slurm's time limit) is
# the test's error, with Slurm's line, and the build goes on to its report
expect cancelled error "^Slurm: (JOB|STEP) [0-9.]+ ON .* CANCELLED AT "
grep -q '^0 passed, 0 failed, 1 error$' ninja.out &&
    ok "scancel job: the build goes on to its report" ||
    fail "scancel job: the build goes on to its report" "$(cat ninja.out)"

# ---- the run of the suite is ninja's, not the node's -----------------
# max_failures counts the failures of one ninja run although each test's
# launcher runs under a slurmstepd of its own; so does a fixture whose
# setup failed: it is not set up again for every test
scenario failfast
manifest "max_failures = 2" <<EOT
[test:f1]
command = false

[test:f2]
command = false

[test:f3]
command = false

[test:f4]
command = false

[test:f5]
command = false
EOT
"$COSIMGEN" tests.ini
salloc -N1 -n1 --quiet ninja -j1 >ninja.out 2>&1
grep -q '^0 passed, 2 failed, 3 not run$' ninja.out &&
    ok "max_failures: two failures, then the rest do not run" ||
    fail "max_failures: two failures, then the rest do not run" "$(tail -n 20 ninja.out)"
scenario fixture
manifest "fixtures = broken" <<EOT
[fixture:broken]
setup = sh -c 'echo once >>$PWD/../setups; exit 1'

[test:u1]
command = true

[test:u2]
command = true

[test:u3]
command = true
EOT
"$COSIMGEN" tests.ini
rm -f ../setups
salloc -N1 -n1 --quiet ninja -j1 >ninja.out 2>&1
same "fixture: a setup that failed is not tried again by each test" 1 \
    "$(wc -l <../setups)"

# ---- steps of an allocation with memory run side by side ------------
# salloc --mem gives the whole allocation's memory to each step unless a
# step asks for its own: two tests that wait for each other pass only
# when they run at once
scenario memory
manifest "timeout = 30" <<EOT
[test:m1]
command = sh -c 'touch $d/m1; while [ ! -e $d/m2 ]; do sleep 0.1; done'

[test:m2]
command = sh -c 'touch $d/m2; while [ ! -e $d/m1 ]; do sleep 0.1; done'
EOT
"$COSIMGEN" tests.ini
rm -f "$d/m1" "$d/m2"
salloc -N1 -n2 --mem=1G --quiet ninja -j2 >ninja.out 2>&1
expect m1 pass
expect m2 pass

# ---- repro.sh inside an allocation: a step of it ---------------------
salloc -N1 -n1 --quiet sh -c 'echo "$SLURM_JOB_ID" >alloc; sh out/tests/m1/repro.sh' \
    >repro.out 2>&1
same "repro: inside an allocation, the test runs as a step of it" \
    "$(cat alloc)" "$(sed -n 's/^step \([0-9]*\)\..*/\1/p' out/tests/m1/pids)"

# ---- Ctrl-C of ninja under salloc ------------------------------------
# Three CPUs for four tests: three run, one waits for a CPU (its step is
# pending). SIGINT to ninja reaches each supervisor; each running step
# ends through its node's launcher, the pending one through srun.
scenario ctrlc
manifest "kill_grace = 1s" <<EOT
[test:t1]
command = sh -c 'sleep 300 & sleep 300'

[test:t2]
command = sh -c 'trap "" TERM; sleep 300'

[test:t3]
command = sleep 300

[test:t4]
command = sleep 300
EOT
"$COSIMGEN" tests.ini
salloc -N1 -n3 --quiet sh -c 'echo $$ >ninja.pid; exec ninja -j4' \
    >ninja.out 2>&1 &
salloc=$!
running() {
	[ "$(grep -lsx 'done' out/tests/t*/pids | wc -l)" = 0 ] &&
	    [ "$(grep -ls '^[0-9]' out/tests/t*/pids | wc -l)" -ge 3 ]
}
if wait_for 60 running; then
	ids=$(head -qn 1 out/tests/t*/pids)
	kill -INT "$(cat ninja.pid)"
	t0=$(date +%s%N)
	wait $salloc
	echo "# ninja ended $((($(date +%s%N) - t0) / 1000000)) ms after SIGINT"
	for t in t1 t2 t3 t4; do
		expect $t interrupted
	done
	if wait_for 60 test -z "$(squeue -h)"; then
		ok "ctrl-c: no job or step is left"
	else
		fail "ctrl-c: no job or step is left" "$(squeue; squeue -s)"
	fi
	no_leaks && ok "ctrl-c: nothing left running" ||
	    fail "ctrl-c: nothing left running" "$(leaks) left"
	left=0
	for id in $ids; do
		left=$((left + $(leaks_of "$id")))
	done
	same "ctrl-c: no process holds a node run's COSIM_RUN_ID" 0 "$left"
else
	fail "ctrl-c: three steps ran" "$(cat ninja.out; squeue -s)"
	kill "$(cat ninja.pid)"
	wait $salloc
fi

# ---- Ctrl-C with the controller down ---------------------------------
# Slurm can pass on neither scancel nor srun's kill: the supervisor's
# request to stop in the build directory reaches the node's launcher,
# which stops its test as on any interrupt. (The controller stays down:
# the next scenario needs it so.)
scenario ctrlc_down
manifest "kill_grace = 1s" <<EOT
[test:d1]
command = sh -c 'echo started; sleep 300 & sleep 300'
EOT
"$COSIMGEN" tests.ini
salloc -N1 -n1 --quiet sh -c 'echo $$ >ninja.pid; exec ninja' >ninja.out 2>&1 &
salloc=$!
if wait_for 60 grep -qs started out/tests/d1/run/test.out; then
	ctld=$(cat "$slurm_dir/slurmctld.bg")
	kill "$ctld"
	wait_for 20 sh -c "! kill -0 $ctld"
	kill -INT "$(cat ninja.pid)"
	wait_for 60 sh -c "! kill -0 $(cat ninja.pid)"
	expect d1 interrupted
	no_leaks && ok "ctrl-c, controller down: nothing left running" ||
	    fail "ctrl-c, controller down: nothing left running" "$(leaks) left"
else
	fail "ctrl-c, controller down: the test started" "$(cat ninja.out)"
	kill "$(cat ninja.pid)"
fi
kill "$salloc" 2>/dev/null

# ---- a dead controller (last: the cluster is gone after it) ----------
scenario dead
manifest <<EOT
[test:unreachable]
command = true
EOT
"$COSIMGEN" tests.ini
ctld=$(cat "$slurm_dir/slurmctld.bg")
kill "$ctld" 2>/dev/null
wait_for 20 sh -c "! kill -0 $ctld"
timeout 120 ninja >ninja.out 2>&1
rc=$?
[ $rc -ne 124 ] && ok "dead controller: ninja ends (srun gives up)" ||
    fail "dead controller: ninja ends (srun gives up)" "$(cat ninja.out)"
expect unreachable error \
    "^Slurm: Unable to allocate resources: Unable to contact slurm controller \(connect failure\) \(srun exit 1, recorded on the submitting host\)$"
same "dead controller: the result names the submitting host" "$here" \
    "$(field unreachable host)"
grep -q 'Unable to contact slurm controller' ninja.out &&
    grep -q 'Unable to contact slurm controller' out/tests/unreachable/srun.log &&
    ok "dead controller: srun's message in srun.log and to ninja" ||
    fail "dead controller: srun's message in srun.log and to ninja" \
    "$(cat ninja.out)"
[ ! -f out/tests/unreachable/stamp ] && ok "dead controller: no stamp" ||
    fail "dead controller: no stamp"
