#!/bin/sh
# Ninja killed outright: `kill -9` of ninja alone, while six tests and a
# compile run (each launcher in the process group ninja gave it). The
# launchers lose their parent and end their runs as on an interrupt, and
# an immediate rerun takes over their records: it passes every test and
# the compile, with no "already running", the first run's results are
# replaced, and nothing of the first run is left. A second ninja on the
# same build directory while the first one runs still says "already
# running" (the first one's launcher has its ninja), and leaves it alone.
# A launcher that does not end (stopped) is sent SIGTERM and SIGCONT
# after its kill_grace and a margin, and its record taken over. A node's
# launcher under Slurm is waited for; and with a Slurm cluster, the rerun
# after `kill -9` of ninja alone passes there too.
. "$COSIM_TOP/tests/lib.sh"
d=$(scratch stale)
cd "$d" || exit 1
tests="t1 t2 t3 t4 t5 t6"

# sleepers DIR NAME...: a [test:NAME] for each NAME that notes its start
# in DIR (DIR/started.NAME), then sleeps $STALE_SECS
sleepers() {
	_dir=$1
	shift
	for _t; do
		printf '[test:%s]\ncommand = touch "%s/started.%s"; sleep $STALE_SECS\n\n' \
		    "$_t" "$_dir" "$_t"
	done
}
# started NAME...: whether each NAME (a test, or c for the compile) began
started() {
	for _s; do
		[ -f "started.$_s" ] || return 1
	done
}
# children PID: the pid and start time of each child of PID, a line each
children() {
	for _c in $(cat "/proc/$1/task/$1/children" 2>/dev/null); do
		echo "$_c $(awk '{ print $22 }' "/proc/$_c/stat" 2>/dev/null)"
	done
}
# left: how many of the first run's processes still run: the pids of
# first.pids whose start time is still theirs, and every process whose
# environment holds a run id of first.ids
left() {
	_n=0
	while read -r _p _t; do
		[ "$(awk '{ print $22 }' "/proc/$_p/stat" 2>/dev/null)" = "$_t" ] &&
		    ! grep -q '^State:.*Z' "/proc/$_p/status" 2>/dev/null &&
		    _n=$((_n + 1))
	done <first.pids
	for _e in /proc/[0-9]*/environ; do
		{ tr '\0' '\n' <"$_e"; } 2>/dev/null | grep -qxF -f first.ids &&
		    _n=$((_n + 1))
	done
	echo $_n
}
# rerun NAME JOBS: ninja ($npid) killed outright, then at once ninja
# -jJOBS again, quickly: it passes, and no test is already running
rerun() {
	kill -KILL $npid
	wait $npid 2>/dev/null
	STALE_SECS=0 ninja -j"$2" >ninja2.out 2>&1
	same "$1: ninja passes" 0 $?
	grep -q 'already running' ninja2.out &&
	    fail "$1: no test is already running" "$(grep 'already running' ninja2.out | head -3)" ||
	    ok "$1: no test is already running"
}
nothing_left() { [ "$(left)" = 0 ]; }

{
	printf '[cosimgen]\nbuilddir = out\ntimeout = 120\nready = none\nkill_grace = 0.5\n\n'
	printf '[design:d]\nsimulator = custom\nrun = true\n'
	printf 'compile = touch "%s/started.c"; sleep $STALE_SECS; : >{sim}\n\n' "$d"
	printf '[test:t0]\ndesign = d\n\n'
	sleepers "$d" $tests
} >tests.ini
"$COSIMGEN" tests.ini >gen.out 2>&1 || fail "cosimgen" "$(cat gen.out)"

# --- kill -9 of ninja alone, then at once ninja again ---
STALE_SECS=30 ninja -j7 >ninja1.out 2>&1 &
npid=$!
if wait_for 60 started c $tests; then
	# the launchers (ninja's children), what they started, their ids
	children $npid >first.pids
	: >first.ids
	for f in out/tests/*/pids out/designs/*/pids; do
		[ -f "$f" ] || continue
		sed -n 1p "$f" >>first.ids
		grep -E '^[0-9]+ [0-9]+$' "$f" >>first.pids
	done
	same "first run: six tests and a compile run" 7 "$(wc -l <first.ids)"
	n=$(left)
	[ "$n" -ge 14 ] && ok "first run: its launchers and processes are seen ($n)" ||
	    fail "first run: its launchers and processes are seen" "$n: $(cat first.pids)"
	rerun rerun 7
	for t in t0 $tests; do
		expect $t pass
	done
	same "rerun: the compile's result is the rerun's" pass \
	    "$(sed -n 's/^status //p' out/designs/*/result | head -n 1)"
	wait_for 10 nothing_left
	same "rerun: nothing of the first run is left" 0 "$(left)"
else
	fail "first run: the tests and the compile start" "$(cat ninja1.out)"
	kill -KILL $npid 2>/dev/null
fi
# whatever the first run left (only a launcher that does not end would)
while read -r p t; do
	[ "$(awk '{ print $22 }' "/proc/$p/stat" 2>/dev/null)" = "$t" ] &&
	    kill -KILL "$p" 2>/dev/null
done <first.pids

# --- two ninjas at once: the second finds the first one's run ---
rm -f started.* out/tests/t1/stamp
STALE_SECS=30 ninja test/t1 >ninja3.out 2>&1 &
n1=$!
if wait_for 60 started t1; then
	launcher=$(children $n1)
	STALE_SECS=0 ninja test/t1 >ninja4.out 2>&1
	[ $? -ne 0 ] && grep -q 't1 is already running: cosim-run pid [0-9]* holds' ninja4.out &&
	    ok "concurrent: the second ninja says already running, and who holds it" ||
	    fail "concurrent: the second ninja says already running, and who holds it" "$(cat ninja4.out)"
	p=${launcher% *}
	[ -n "$launcher" ] && [ "$(children $n1)" = "$launcher" ] &&
	    ok "concurrent: the first one's run goes on" ||
	    fail "concurrent: the first one's run goes on" "$launcher / $(children $n1)"
	kill -TERM $n1
	wait $n1 2>/dev/null
	expect t1 interrupted
else
	fail "concurrent: the first ninja's test starts" "$(cat ninja3.out)"
	kill -KILL $n1 2>/dev/null
fi

# --- a launcher that cannot end on its own (stopped) when its ninja is
# killed outright: after its kill_grace and a margin, the rerun sends it
# SIGTERM (and SIGCONT), and takes its record over ---
rm -f started.* out/tests/t1/stamp
STALE_SECS=30 ninja test/t1 >ninja5.out 2>&1 &
n1=$!
if wait_for 60 started t1; then
	launcher=$(children $n1)
	lp=${launcher%% *}
	kill -STOP "$lp"
	# a process of this shell joins the launcher's process group, which
	# is then not orphaned when ninja dies, and so not continued by the
	# kernel (SIGHUP, SIGCONT): the launcher stays stopped
	"$PYTHON" -c 'import os, sys, time
os.setpgid(0, int(sys.argv[1]))
open(sys.argv[2], "w").close()
time.sleep(300)' "$lp" joined &
	helper=$!
	wait_for 10 test -f joined
	kill -KILL $n1
	wait $n1 2>/dev/null
	STALE_SECS=0 ninja test/t1 >ninja6.out 2>&1
	same "taken over: ninja passes" 0 $?
	expect t1 pass
	echo "$launcher" >first.pids
	: >first.ids
	wait_for 10 nothing_left
	same "taken over: the stopped launcher is gone" 0 "$(left)"
	kill -KILL "$lp" $helper 2>/dev/null
	wait $helper 2>/dev/null || :
else
	fail "taken over: the first ninja's test starts" "$(cat ninja5.out)"
	kill -KILL $n1 2>/dev/null
fi

# --- a node's launcher under Slurm keeps its parent (Slurm's step
# daemon) while its supervisor stops it: one holding the record (a record
# with a step line, here of a made-up step) is waited for, and the second
# run goes on once it ended ---
rm -f started.*
STALE_SECS=30 SLURM_JOB_ID=999 SLURM_STEP_ID=0 "$COSIM_TOP/cosim-run" --node \
    out/tests/t1/spec >node.out 2>&1 &
np=$!
if wait_for 60 started t1 && wait_for 10 grep -qx 'step 999.0' out/tests/t1/pids; then
	(sleep 1; kill -TERM $np) &
	STALE_SECS=0 "$COSIM_TOP/cosim-run" out/tests/t1/spec >second.out 2>&1
	same "node: a second run waits for a node's launcher to end, then runs" \
	    0 $?
	expect t1 pass
else
	fail "node: the node's launcher starts" "$(cat node.out)"
fi
kill -KILL $np 2>/dev/null
wait $np 2>/dev/null

# --- a launcher whose parent was gone before it started (a shell that
# put it in the background and exited): its record names init as its
# parent, which is no ninja still running its run: a rerun takes the
# record over, as from a launcher that lost its ninja ---
rm -f started.* out/tests/t1/stamp
mark="STALE_ORPHAN=$$"
env "$mark" STALE_SECS=30 sh -c '(sleep 0.5; exec "$0" --stamp out/tests/t1/stamp out/tests/t1/spec >orphan.out 2>&1) &' \
    "$COSIM_TOP/cosim-run"
if ! wait_for 60 started t1; then
	fail "orphan at start: its test starts" "$(cat orphan.out)"
elif [ "$(sed -n 's/^launcher [0-9]* [0-9]* \([0-9]*\) .*/\1/p' out/tests/t1/pids)" != 1 ]; then
	skip "orphan at start: the rerun takes its record over" \
	    "a subreaper, not init, took it: $(grep launcher out/tests/t1/pids)"
else
	STALE_SECS=0 "$COSIM_TOP/cosim-run" --stamp out/tests/t1/stamp \
	    out/tests/t1/spec >rerun.out 2>&1
	same "orphan at start: the rerun takes its record over" 0 $?
	grep -q 'pid 1 that started it' rerun.out &&
	    fail "orphan at start: init is never said to have started a run" "$(cat rerun.out)" ||
	    ok "orphan at start: init is never said to have started a run"
	expect t1 pass
fi
wait_for 10 test "$(leaks_of "$mark")" = 0
same "orphan at start: nothing of it is left" 0 "$(leaks_of "$mark")"

# --- a launcher started from a thread that then ends, while its
# program goes on (a pool of workers): its run is not interrupted (the
# parent-death signal follows the thread that forked) ---
rm -f started.* out/tests/t1/stamp
STALE_SECS=2 "$PYTHON" -c 'import os, subprocess, sys, threading, time
box = []
def start():
	box.append(subprocess.Popen(sys.argv[1:]))
	# until the launcher runs its test (it has asked for the signal),
	# or ended, for a minute at most
	end = time.time() + 60
	while not os.path.exists("started.t1") and \
	    box[0].poll() is None and time.time() < end:
		time.sleep(0.05)
t = threading.Thread(target=start)
t.start()
t.join()
sys.exit(box[0].wait())' "$COSIM_TOP/cosim-run" out/tests/t1/spec >thread.out 2>&1
same "thread: a launcher whose parent thread ended runs its test to the end" 0 $?
expect t1 pass

# --- a launcher whose parent exits (a repro script run from a shell
# that exits): it ends its run, and leaves nothing running ---
mkdir -p "$d/orphaned"
cd "$d/orphaned" || exit 1
printf '[cosimgen]\nbuilddir = out\n\n[test:o]\ncommand = sleep 5; touch "%s/finished"\n' \
    "$d/orphaned" >tests.ini
"$COSIMGEN" tests.ini >gen.out 2>&1
mark="STALE_MARK=$$"
env "$mark" sh -c '"$0" out/tests/o/spec >run.out 2>&1 & sleep 1' "$COSIM_TOP/cosim-run"
wait_for 20 test "$(leaks_of "$mark")" = 0
same "orphaned: nothing of its run is left" 0 "$(leaks_of "$mark")"
[ ! -f finished ] && ok "orphaned: its test did not run to its end" ||
    fail "orphaned: its test did not run to its end" "$(cat out/tests/o/result 2>/dev/null)"
st=$(sed -n 's/^status //p' out/tests/o/result 2>/dev/null)
case "$st" in
""|interrupted) ok "orphaned: no result, or interrupted ($st)" ;;
*) fail "orphaned: no result, or interrupted" "$(cat out/tests/o/result)" ;;
esac
cd "$d" || exit 1

# --- the last user of a fixture, killed ninja's launcher, runs the
# fixture's cleanup as it ends, for up to the fixture's kill_grace (12 s,
# far more than the test's 0.5 s and the margin): the rerun waits for it,
# so the cleanup runs to its end once, and then once for the rerun ---
mkdir -p "$d/fixture"
cd "$d/fixture" || exit 1
{
	printf '[cosimgen]\nbuilddir = out\ntimeout = 120\nkill_grace = 0.5\n\n'
	printf '[fixture:f]\nsetup = true\nkill_grace = 12\n'
	printf 'cleanup = echo start >>"%s/cleanup.log"; sleep $CLEAN_SECS; echo end >>"%s/cleanup.log"\n\n' \
	    "$d/fixture" "$d/fixture"
	sleepers "$d/fixture" u
	printf 'fixtures = f\n'
} >tests.ini
"$COSIMGEN" tests.ini >gen.out 2>&1 || fail "fixture: cosimgen" "$(cat gen.out)"
CLEAN_SECS=7 STALE_SECS=30 ninja >ninja1.out 2>&1 &
npid=$!
if wait_for 60 started u; then
	export CLEAN_SECS=0
	rerun fixture 1
	expect u pass
	same "fixture: the killed run's cleanup ran to its end, then the rerun's" \
	    "start end start end" "$(echo $(cat cleanup.log))"
else
	fail "fixture: the test starts" "$(cat ninja1.out)"
	kill -KILL $npid 2>/dev/null
fi
cd "$d" || exit 1

# --- under Slurm: the supervisors lose their ninja, and stop their
# steps; the rerun's node launchers wait for the old ones' records ---
need_slurm "slurm: a Slurm cluster" || exit 0
mkdir -p "$d/slurm"
cd "$d/slurm" || exit 1
rm -f started.*
{
	printf '[cosimgen]\nbuilddir = out\nexecutor = slurm\ntimeout = 120\n'
	printf 'kill_grace = 0.5\n\n'
	sleepers "$d/slurm" s1 s2
} >tests.ini
"$COSIMGEN" tests.ini >gen.out 2>&1 || fail "slurm: cosimgen" "$(cat gen.out)"
STALE_SECS=30 ninja -j2 >ninja1.out 2>&1 &
npid=$!
if wait_for 60 started s1 s2; then
	children $npid >first.pids
	: >first.ids
	for t in s1 s2; do
		wait_for 10 grep -q '^step ' out/tests/$t/pids
		sed -n 1p out/tests/$t/pids >>first.ids
	done
	rerun slurm 2
	expect s1 pass
	expect s2 pass
	wait_for 10 nothing_left
	same "slurm: nothing of the first run is left" 0 "$(left)"
else
	fail "slurm: the tests start" "$(cat ninja1.out)"
	kill -KILL $npid 2>/dev/null
fi

# --- under Slurm, an old supervisor slow to stop (stopped here until its
# node's run has ended and a rerun's could have taken the test's
# directory over): the rerun's supervisor waits for it, so the old one's
# stop reaches no step of the rerun ---
rm -f started.* out/tests/s1/stamp out/tests/s2/stamp
STALE_SECS=5 ninja -j2 >ninja1.out 2>&1 &
npid=$!
if wait_for 60 started s1 s2; then
	sup=
	for _c in $(cat "/proc/$npid/task/$npid/children" 2>/dev/null); do
		tr '\0' ' ' <"/proc/$_c/cmdline" | grep -q 'tests/s1/' && sup=$_c
	done
	srun=$(cat "/proc/$sup/task/$sup/children" 2>/dev/null)
	kill -STOP "$sup" $srun
	kill -KILL $npid
	wait $npid 2>/dev/null
	STALE_SECS=5 ninja -j2 >ninja2.out 2>&1 &
	n2=$!
	sleep 8
	kill -CONT "$sup"
	sleep 1
	kill -CONT $srun
	wait $n2
	same "slow supervisor: the rerun passes" 0 $?
	expect s1 pass
	expect s2 pass
else
	fail "slow supervisor: the tests start" "$(cat ninja1.out)"
	kill -KILL $npid 2>/dev/null
fi
