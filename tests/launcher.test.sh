#!/bin/sh
# cosim-run against fake simulators and fake tests (tests/fake): for each
# way a test or simulator can misbehave, the recorded status and reason are
# right, a result exists, and afterwards no process started by the test is
# alive (every process carries LEAKMARK=<tag> in its environment).
. "$COSIM_TOP/tests/lib.sh"
d=$(scratch launcher)
cd "$d" || exit 1
tag="cosim-leak-$$-$(date +%s)"
SIM="$PYTHON $COSIM_TOP/tests/fake/fakesim.py"
TST="$PYTHON $COSIM_TOP/tests/fake/faketest.py"

# leaks: how many processes still carry this run's mark
leaks() { leaks_of "LEAKMARK=$tag"; }

cat >tests.ini <<EOT
[cosimgen]
builddir = out
simulator = custom
timeout = 4
startup_timeout = 2
kill_grace = 300ms
env = LEAKMARK=$tag

[design:sock]
run = $SIM socket

[design:file]
run = $SIM file
ready = file

[design:port]
run = $SIM port
ready = port

[design:die]
run = $SIM die
ready = file

[design:nocfg]
run = $SIM no-cfg
ready = file

[design:nolisten]
run = $SIM cfg-no-listen
ready = file

[design:quitearly]
run = $SIM quit-early 0.3

[design:ignoreterm]
run = $SIM ignore-term

[design:abort]
run = $SIM abort
ready = none

[test:sock_client]
design = sock
command = $TST client

[test:file_client]
design = file
command = $TST client

[test:port_client]
design = port
command = $TST client

[test:sim_dies_before_ready]
design = die
command = $TST client

; the simulator says why it died: a skip pattern turns that into a skip
[test:sim_dies_skips]
design = die
command = $TST client
skip_patterns = 'sim.err:dying before ready'

[test:sim_never_writes_cfg]
design = nocfg
command = $TST client

[test:sim_never_accepts]
design = nolisten
command = $TST client

[test:sim_exits_during_test]
design = quitearly
command = sleep 0.8; $TST client

[test:test_never_connects]
design = sock
command = $TST quiet

[test:sim_ignores_term]
design = ignoreterm
command = $TST quiet

[test:sim_aborts]
design = abort

[test:hang]
command = $TST hang

[test:segfault]
command = $TST segv

[test:abort]
command = $TST abort

[test:exit3]
command = $TST exit3

[test:sigkill_itself]
command = $TST sigkill

[test:ignores_term]
command = $TST ignore-term

[test:setsid_grandchild]
command = $TST setsid

[test:double_fork_daemon]
command = $TST daemon

[test:properties_then_crash]
command = $TST props-crash

[test:failure_pattern]
command = $TST print 'ERROR: the widget broke'

[test:zero_errors]
command = $TST print '0 errors, 3 errors found'

[test:warning_pattern]
command = $TST print 'WARN: slow clock'
warn_patterns = 'test.out:^WARN:'

[test:pass_pattern_missing]
command = $TST print 'done'
pass_patterns = 'test.out:^ALL TESTS PASSED$'

[test:idle]
command = echo start; sleep 10
idle_timeout = 1

[test:background_child_keeps_log]
command = (sleep 1000 &) ; echo started
EOT
check "launcher: cosimgen" "$COSIMGEN" tests.ini
ninja -j4 >ninja.out 2>&1
expect sock_client pass
expect file_client pass
expect port_client pass
expect sim_dies_before_ready fail 'exited with status 3 before it was ready'
[ "$(field sim_dies_before_ready stage)" = startup ] && grep -q '^sim_err_tail fakesim: dying before ready' out/tests/sim_dies_before_ready/result &&
    ok "sim_dies_before_ready: stage startup, with the tail of its log" ||
    fail "sim_dies_before_ready: stage startup, with the tail of its log" "$(cat out/tests/sim_dies_before_ready/result)"
expect sim_dies_skips skip "sim.err:1 matches skip pattern 'sim.err:dying before ready'"
expect sim_never_writes_cfg timeout 'no cosim.cfg'
expect sim_never_accepts timeout 'nothing listened on port'
expect sim_exits_during_test fail 'test exited with status 1'
expect test_never_connects pass
[ "$(field test_never_connects sim_stopped)" = yes ] && ok "test_never_connects: the simulator was stopped in teardown" ||
    fail "test_never_connects: the simulator was stopped in teardown"
expect sim_ignores_term pass
expect sim_aborts crash 'simulator killed by signal 6'
expect hang timeout 'timed out after'
expect segfault crash 'signal 11'
expect abort crash 'signal 6'
expect exit3 fail 'exited with status 3'
expect sigkill_itself crash 'signal 9'
expect ignores_term timeout 'timed out'
expect setsid_grandchild pass
[ "$(field setsid_grandchild leftovers_killed)" -ge 1 ] 2>/dev/null && ok "setsid_grandchild: its leftover was killed" ||
    fail "setsid_grandchild: its leftover was killed" "$(cat out/tests/setsid_grandchild/result)"
expect double_fork_daemon pass
[ "$(field double_fork_daemon leftovers_killed)" -ge 1 ] 2>/dev/null && ok "double_fork_daemon: the daemon was killed" ||
    fail "double_fork_daemon: the daemon was killed"
expect properties_then_crash crash 'signal 11'
grep -q '^property answer=42$' out/tests/properties_then_crash/result &&
    grep -q '^property board=fake$' out/tests/properties_then_crash/result &&
    ok "properties_then_crash: the properties survive" ||
    fail "properties_then_crash: the properties survive" "$(cat out/tests/properties_then_crash/result)"
expect failure_pattern fail 'test.out:1 matches'
grep -q '^fail_match test.out:1: ERROR: the widget broke$' out/tests/failure_pattern/result &&
    ok "failure_pattern: the matching line is recorded" || fail "failure_pattern: the matching line is recorded"
expect zero_errors pass
expect warning_pattern pass
grep -q '^warning test.out:1: WARN: slow clock$' out/tests/warning_pattern/result &&
    ok "warning_pattern: the warning is recorded" || fail "warning_pattern: the warning is recorded"
expect pass_pattern_missing fail 'required pattern'
expect idle timeout 'no output for 1.0 s'
expect background_child_keeps_log pass
same "launcher: no process left behind" 0 "$(leaks)"
grep -q '^[0-9]* passed, [0-9]* failed' ninja.out && ok "launcher: the report ran" || fail "launcher: the report ran"

# --scan-only: rescan saved logs with new patterns, run nothing.
# A rerun would start anew: the run's start time must stay what it was.
before=$(field pass_pattern_missing start_epoch_ms)
sed -i "s|^pass_patterns = 'test.out:^ALL TESTS PASSED\$'|pass_patterns = 'test.out:^done\$'|" tests.ini
"$COSIMGEN" tests.ini
"$COSIM_TOP/cosim-run" --scan-only out/tests/pass_pattern_missing/spec >scan.out 2>&1
same "scan-only: exits 0 when the test now passes" 0 "$?"
expect pass_pattern_missing pass
after=$(field pass_pattern_missing start_epoch_ms)
[ -n "$before" ] && [ "$after" = "$before" ] && ok "scan-only: nothing reran" ||
    fail "scan-only: nothing reran" "start $before, then $after"

# A launcher that is itself killed leaves a record; the next run of the
# test ends what the killed one started.
cat >orphan.ini <<EOT
[cosimgen]
builddir = out2
env = LEAKMARK=$tag

[test:orphan]
command = $TST setsid; sleep 1000
timeout = 2
EOT
"$COSIMGEN" -o orphan.ninja orphan.ini
"$COSIM_TOP/cosim-run" out2/tests/orphan/spec >/dev/null 2>&1 &
lpid=$!
sleep 1
kill -KILL $lpid
wait $lpid 2>/dev/null
left=$(leaks)
[ "$left" -ge 2 ] && ok "orphans: a killed launcher leaves processes ($left)" ||
    fail "orphans: a killed launcher leaves processes" "found $left"
"$COSIM_TOP/cosim-run" out2/tests/orphan/spec >/dev/null 2>&1
same "orphans: the next run ends them all" 0 "$(leaks)"

# Ctrl-C to the whole ninja run at -j8.
cat >intr.ini <<EOT
[cosimgen]
builddir = out3
simulator = custom
env = LEAKMARK=$tag
timeout = 60

[design:sock]
run = $SIM socket
EOT
i=0
while [ $i -lt 8 ]; do
	printf '[test:i%d]\ndesign = sock\ncommand = %s setsid; sleep 1000\n\n' $i "$TST" >>intr.ini
	i=$((i + 1))
done
"$COSIMGEN" -o intr.ninja intr.ini
setsid ninja -f intr.ninja -j8 >intr.out 2>&1 &
npid=$!
sleep 2
kill -INT -$npid
wait $npid
rc=$?
[ "$rc" -ne 0 ] && ok "ctrl-c: ninja stops with an error" || fail "ctrl-c: ninja stops with an error"
n=0
for t in 0 1 2 3 4 5 6 7; do
	[ "$(sed -n 's/^status //p' out3/tests/i$t/result 2>/dev/null)" = interrupted ] && n=$((n + 1))
done
same "ctrl-c: every test's result says interrupted" 8 "$n"
sleep 0.2
same "ctrl-c: no process left behind" 0 "$(leaks)"

# 64 socket-mode tests at -j16: no port collision, each test reaches its
# own simulator (the answers carry the test's name).
cat >many.ini <<EOT
[cosimgen]
builddir = out4
simulator = custom
env = LEAKMARK=$tag

[design:sock]
run = $SIM socket
EOT
i=0
while [ $i -lt 64 ]; do
	printf '[test:m%02d]\ndesign = sock\ncommand = %s client\n\n' $i "$TST" >>many.ini
	i=$((i + 1))
done
"$COSIMGEN" -o many.ninja many.ini
ninja -f many.ninja -j16 >many.out 2>&1
tail -n 1 many.out | grep -q '^64 passed, 0 failed$' && ok "socket: 64 tests at -j16 all reach their own simulator" ||
    fail "socket: 64 tests at -j16 all reach their own simulator" "$(grep -v '^pass' many.out | tail -n 15)"
ports=$(cat out4/tests/*/result | grep -c '^port [1-9][0-9]*$')
same "socket: every result records its port" 64 "$ports"
same "socket: no process left behind" 0 "$(leaks)"

# --scan-only turning a pass into a failure: the result keeps what the run
# recorded, and the stamp goes, so the next ninja reruns the test.
cd "$d" || exit 1
dur=$(field zero_errors duration_ms)
sed -i "s|^command = $TST print '0 errors, 3 errors found'\$|&\nfail_patterns = 'test.out:3 errors'|" tests.ini
"$COSIMGEN" tests.ini
"$COSIM_TOP/cosim-run" --scan-only out/tests/zero_errors/spec >/dev/null 2>&1
same "scan-only: exits 1 when the test now fails" 1 "$?"
expect zero_errors fail "test.out:1 matches 'test.out:3 errors'"
"$COSIM_TOP/cosim-run" --scan-only out/tests/sim_exits_during_test/spec >/dev/null 2>&1
same "scan-only: exits 1 when a test that failed by its exit still fails" 1 "$?"
expect sim_exits_during_test fail 'test exited with status 1'
same "scan-only: the run's duration is kept" "$dur" "$(field zero_errors duration_ms)"
[ ! -e out/tests/zero_errors/stamp ] && ok "scan-only: a new failure removes the stamp" ||
    fail "scan-only: a new failure removes the stamp"

# A simulator that cannot be executed.
cat >noexec.ini <<EOT
[cosimgen]
builddir = out5
simulator = custom

[design:missing]
run = /nonexistent/simulator

[test:no_simulator]
design = missing
EOT
"$COSIMGEN" -o noexec.ninja noexec.ini
"$COSIM_TOP/cosim-run" out5/tests/no_simulator/spec >/dev/null 2>&1
same "no simulator: exit status 127" 127 $?
grep -q '^sim_exec_error No such file or directory$' out5/tests/no_simulator/result &&
    ok "no simulator: the exec error is recorded" ||
    fail "no simulator: the exec error is recorded" "$(cat out5/tests/no_simulator/result)"

# A directory named like the simulator, first in the PATH the run sets,
# and nothing runnable after it: as execvp, permission denied, 126.
mkdir -p "$d/dirbin/cosim-dir-sim"
cat >dirsim.ini <<EOT
[cosimgen]
builddir = out10
simulator = custom
env = 'PATH=$d/dirbin:/nonexistent'

[design:dirsim]
run = cosim-dir-sim

[test:dir_on_path]
design = dirsim
EOT
"$COSIMGEN" -o dirsim.ninja dirsim.ini
"$COSIM_TOP/cosim-run" out10/tests/dir_on_path/spec >/dev/null 2>&1
same "PATH: a directory named like the simulator: exit status 126" 126 $?
check "PATH: a directory named like the simulator: permission denied" \
    grep -q '^sim_exec_error Permission denied$' out10/tests/dir_on_path/result

# A program named without a slash is found through the PATH the test's
# own environment sets, not cosim-run's: for the test (spawned) and for a
# simulator that gets a socket (forked, for LISTEN_PID).
mkdir -p "$d/pathbin"
printf '#!/bin/sh\nexec %s "$@"\n' "$SIM" >"$d/pathbin/cosim-path-sim"
printf '#!/bin/sh\nexec %s "$@"\n' "$TST" >"$d/pathbin/cosim-path-test"
chmod +x "$d/pathbin/cosim-path-sim" "$d/pathbin/cosim-path-test"
cat >path.ini <<EOT
[cosimgen]
builddir = out8
simulator = custom
env = LEAKMARK=$tag 'PATH=$d/pathbin:/usr/bin:/bin'

[design:onpath]
run = cosim-path-sim socket

[test:on_path]
design = onpath
command = cosim-path-test client
EOT
"$COSIMGEN" -o path.ninja path.ini
"$COSIM_TOP/cosim-run" out8/tests/on_path/spec >/dev/null 2>&1
same "PATH: the test's own PATH finds its programs" 0 "$?"
check "PATH: the test reached its simulator" \
    grep -q '^client ok$' out8/tests/on_path/run/test.out
case ":$PATH:" in
*":$d/pathbin:"*) fail "PATH: cosim-run's own PATH lacks the directory" ;;
*) ok "PATH: cosim-run's own PATH lacks the directory" ;;
esac

# A second run of a test that is running refuses to start, and leaves the
# first one alone.
cd "$d" || exit 1
cat >twice.ini <<EOT
[cosimgen]
builddir = out6
env = LEAKMARK=$tag

[test:long]
command = sleep 2
EOT
"$COSIMGEN" -o twice.ninja twice.ini
"$COSIM_TOP/cosim-run" out6/tests/long/spec >/dev/null 2>&1 &
first=$!
sleep 0.5
"$COSIM_TOP/cosim-run" out6/tests/long/spec >second.out 2>&1
same "twice: a second run of a running test exits 125" 125 $?
grep -q 'already running' second.out && ok "twice: and says why" || fail "twice: and says why" "$(cat second.out)"
wait $first
same "twice: the first run passes undisturbed" 0 $?

# The orphan sweep finds escaped processes however large the environment.
BIGVAR=$(head -c 100000 /dev/zero | tr '\0' x)
export BIGVAR
"$COSIM_TOP/cosim-run" out2/tests/orphan/spec >/dev/null 2>&1 &
lpid=$!
sleep 1
kill -KILL $lpid
wait $lpid 2>/dev/null
"$COSIM_TOP/cosim-run" out2/tests/orphan/spec >/dev/null 2>&1
same "orphans: swept also with a 100 kB environment" 0 "$(leaks)"
unset BIGVAR

# Placeholders in a command are shell words: a source directory with a
# space in its name works.
sp=$(scratch "launcher space/in dir")
cd "$sp" || exit 1
echo hello >data.txt
printf '[cosimgen]\nbuilddir = out\n\n[test:cat]\ncommand = cat {srcdir}/data.txt\npass_patterns = test.out:^hello$\n' >tests.ini
"$COSIMGEN" tests.ini && ninja >ninja.out 2>&1
grep -q '^status pass$' out/tests/cat/result && ok "placeholders: {srcdir} with a space is one shell word" ||
    fail "placeholders: {srcdir} with a space is one shell word" "$(cat out/tests/cat/result)"
# The result before the last one stays as result.prev.
echo bye >data.txt
"$COSIM_TOP/cosim-run" out/tests/cat/spec >/dev/null 2>&1
check "result: the run before stays as result.prev" sh -c \
    'grep -q "^status fail$" out/tests/cat/result && grep -q "^status pass$" out/tests/cat/result.prev'

# After a swept run, the record starts at its beginning again: a second
# killed run in a row is swept too.
cd "$d" || exit 1
for round in 1 2; do
	"$COSIM_TOP/cosim-run" out2/tests/orphan/spec >/dev/null 2>&1 &
	lpid=$!
	sleep 1
	kill -KILL $lpid
	wait $lpid 2>/dev/null
done
head -c 13 out2/tests/orphan/pids | grep -q '^COSIM_RUN_ID=' &&
    ok "orphans: the record of a killed run starts with its run id" ||
    fail "orphans: the record of a killed run starts with its run id" "$(od -c out2/tests/orphan/pids | head -3)"
"$COSIM_TOP/cosim-run" out2/tests/orphan/spec >/dev/null 2>&1
same "orphans: two killed runs in a row are both swept" 0 "$(leaks)"
# A run that finishes marks its record "done" and leaves no old lines:
# the record is rewritten in place, never emptied.
check "orphans: a finished run's record ends in done" sh -c \
    '[ "$(tail -n 1 "$1")" = done ] && [ "$(grep -c "^COSIM_RUN_ID=" "$1")" = 1 ]' \
    sh out2/tests/orphan/pids

# A failing test that writes a huge log (no log limit): the result keeps
# short tails, and the launcher does not read the whole log into memory.
# AddressSanitizer reserves far more address space than the limit allows
# before main: under it (make check-asan) the two checks are skipped.
big=$(scratch launcher-bigLog)
cd "$big" || exit 1
if grep -q __asan_init "$COSIM_TOP/cosim-run"; then
	for what in "the test fails as itself within 120 MB" \
	    "the result keeps the last lines, and is small"; do
		skip "big log: $what" "cosim-run is built with AddressSanitizer"
	done
else
	printf '[cosimgen]\nbuilddir = out\nlog_limit = 0\n\n[test:big]\ncommand = sh -c "head -c 100000000 /dev/zero | tr \\"\\\\\\\\0\\" x; echo; seq 30; exit 1"\n' >tests.ini
	"$COSIMGEN" tests.ini && ( ulimit -v 120000; "$COSIM_TOP/cosim-run" out/tests/big/spec >run.out 2>&1 )
	check "big log: the test fails as itself within 120 MB" grep -q '^status fail$' out/tests/big/result
	check "big log: the result keeps the last lines, and is small" sh -c \
	    'grep -q "^test_out_tail 30$" out/tests/big/result && [ "$(stat -c %s out/tests/big/result)" -lt 20000 ]'
fi

# A spec without a key every run needs (cosimgen writes them all) is
# refused, and the test's result says so: an old pass must not stand.
bad=$(scratch launcher-badspec)
cd "$bad" || exit 1
printf '[cosimgen]\nbuilddir = out\n\n[test:t]\ncommand = true\n' >tests.ini
"$COSIMGEN" tests.ini && "$COSIM_TOP/cosim-run" out/tests/t/spec >/dev/null 2>&1
sed -i '/^seed /d' out/tests/t/spec
"$COSIM_TOP/cosim-run" out/tests/t/spec >run.out 2>&1
same "bad spec: cosim-run refuses a spec without a seed" 125 "$?"
check "bad spec: and says which key" grep -q "spec has no 'seed'" run.out
check "bad spec: the result is an error, not the old pass" \
    grep -qx "status error" out/tests/t/result
