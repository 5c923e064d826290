#!/bin/sh
# Retries and stress runs in cosim-run, under real ninja: a test that fails
# and then passes is flaky with its failed attempt kept; one that always
# fails ends failed after every attempt; a timed-out attempt is retried;
# errors and skips are not; COSIM_REPEAT stops at the first failing
# repeat; an interrupt during an attempt ends the run and leaves nothing.
# Each test counts its attempts in a file of its own.
. "$COSIM_TOP/tests/lib.sh"
d=$(scratch retry)
cd "$d" || exit 1
tag="cosim-retry-$$-$(date +%s)"
mkdir bin

# bin/attempt NAME PASS_FROM [sleep]: count this attempt in NAME.count,
# note what it got, and pass from attempt PASS_FROM on (0: never); before
# that, sleep when told to (for a timeout), else fail.
cat >bin/attempt <<'EOT'
#!/bin/sh
f=$TOPDIR/$1.count
n=$(($(cat "$f" 2>/dev/null || echo 0) + 1))
echo $n >"$f"
echo "attempt=$COSIM_ATTEMPT arg=$4 seed=$COSIM_SEED" >>"$TOPDIR/$1.seen"
echo "attempt $n"
[ "$2" -gt 0 ] && [ $n -ge "$2" ] && exit 0
[ -n "$3" ] && exec sleep "$3"
exit 1
EOT
# bin/fails_at NAME K: count this run in NAME.count; fail the K-th.
cat >bin/fails_at <<'EOT'
#!/bin/sh
f=$TOPDIR/$1.count
n=$(($(cat "$f" 2>/dev/null || echo 0) + 1))
echo $n >"$f"
[ $n -ne "$2" ]
EOT
chmod +x bin/attempt bin/fails_at

cat >tests.ini <<EOT
[cosimgen]
builddir = out
timeout = 20
kill_grace = 200ms
retries = 2
env = TOPDIR=$d LEAKMARK=$tag

[test:flaky]
command = $d/bin/attempt flaky 2 '' {attempt}

[test:always]
command = $d/bin/attempt always 0

[test:slow_once]
command = $d/bin/attempt slow_once 2 30
timeout = 1

[test:skips]
command = sh -c 'exit 77'

[test:passes]
command = $d/bin/attempt passes 1
EOT
check "retry: cosimgen" "$COSIMGEN" tests.ini
ninja -j3 >ninja1.out 2>&1

expect flaky flaky 'passed on attempt 2 of 3; attempt 1: fail: test exited with status 1'
same "flaky: attempts 2" 2 "$(field flaky attempts)"
same "flaky: attempt 1 kept, failed" fail \
    "$(sed -n 's/^status //p' out/tests/flaky/attempt.1/result)"
same "flaky: attempt 1's log kept" "attempt 1" "$(cat out/tests/flaky/attempt.1/run/test.out)"
same "flaky: the last attempt's log is the test's" "attempt 2" "$(cat out/tests/flaky/run/test.out)"
same "flaky: the archived result names its run directory" \
    "$d/out/tests/flaky/attempt.1/run" \
    "$(sed -n 's/^rundir //p' out/tests/flaky/attempt.1/result)"
[ -e out/tests/flaky/attempt.1/repro.sh ] && [ ! -e out/tests/flaky/attempt.2 ] &&
    ok "flaky: only the failed attempt is archived, with its repro script" ||
    fail "flaky: only the failed attempt is archived, with its repro script" "$(ls out/tests/flaky)"
[ -e out/tests/flaky/stamp ] && ok "flaky: counts as a pass (stamp made)" ||
    fail "flaky: counts as a pass (stamp made)"
same "flaky: COSIM_ATTEMPT and {attempt} give the attempt, the seed stays" \
    "attempt=1 arg=1 attempt=2 arg=2 1" \
    "$(cut -d' ' -f1,2 flaky.seen | tr '\n' ' ')$(cut -d' ' -f3 flaky.seen | sort -u | wc -l)"
grep -q '^fail    flaky (.*, attempt 1 of 3): test exited with status 1$' ninja1.out &&
    grep -q '^flaky   flaky (.*, 2 attempts): passed on attempt 2' ninja1.out &&
    ok "flaky: a line per attempt, the last one says how many ran" ||
    fail "flaky: a line per attempt, the last one says how many ran" "$(cat ninja1.out)"
grep -q '^# Last run:  flaky$' out/tests/flaky/repro.sh &&
    ok "flaky: the repro script says flaky" || fail "flaky: the repro script says flaky"

expect always fail 'test exited with status 1'
same "always: attempts = retries + 1" 3 "$(field always attempts)"
same "always: ran three times" 3 "$(cat always.count)"
[ -d out/tests/always/attempt.1 ] && [ -d out/tests/always/attempt.2 ] &&
    [ ! -e out/tests/always/attempt.3 ] && [ ! -e out/tests/always/stamp ] &&
    ok "always: two attempts archived, no stamp" ||
    fail "always: two attempts archived, no stamp" "$(ls out/tests/always)"

expect slow_once flaky 'attempt 1: timeout: timed out after'
same "slow_once: attempt 1 timed out" timeout \
    "$(sed -n 's/^status //p' out/tests/slow_once/attempt.1/result)"
expect skips skip
same "skips: a skip is not retried" "" "$(field skips attempts | grep -v '^1$')"
[ ! -e out/tests/skips/attempt.1 ] && ok "skips: nothing archived" || fail "skips: nothing archived"
expect passes pass
same "passes: one attempt" "1 1" "$(cat passes.count) $(field passes attempts)"

# --scan-only rescans the last attempt: a flaky result stays flaky
"$COSIM_TOP/cosim-run" --scan-only out/tests/flaky/spec >scan.out 2>&1
same "scan-only: a flaky result stays flaky" "0 flaky" "$? $(field flaky status)"

# A second run starts the test afresh: the attempt.K/ of the last one go.
echo 0 >always.count
sed -i 's|attempt always 0|attempt always 1|' tests.ini
ninja -j3 >ninja2.out 2>&1
expect always pass
[ ! -e out/tests/always/attempt.1 ] && [ ! -e out/tests/always/attempt.2 ] &&
    ok "always: the attempts of the run before are gone" ||
    fail "always: the attempts of the run before are gone" "$(ls out/tests/always)"

# Stress: COSIM_REPEAT=N runs a test up to N times and stops at the first
# failure, which is the test's result.
cat >stress.ini <<EOT
[cosimgen]
builddir = out
timeout = 20
env = TOPDIR=$d

[test:third_fails]
command = $d/bin/fails_at third 3
retries = 3

[test:steady]
command = true
EOT
rm -rf out build.ninja
check "stress: cosimgen" "$COSIMGEN" stress.ini
COSIM_REPEAT=5 ninja -j2 >ninja3.out 2>&1
expect third_fails fail '^failed on repeat 3 of 5: test exited with status 1$'
same "stress: it stopped at the failing repeat (retries do not apply)" 3 "$(field third_fails attempts)"
same "stress: the repeats before it are kept, they passed" "pass pass" \
    "$(sed -n 's/^status //p' out/tests/third_fails/attempt.1/result out/tests/third_fails/attempt.2/result | tr '\n' ' ' | sed 's/ $//')"
expect steady pass '^passed 5 of 5 repeats$'
same "stress: a steady test runs every repeat" 5 "$(field steady attempts)"
rm -f out/tests/steady/stamp
COSIM_REPEAT=x ninja test/steady >ninja4.out 2>&1
expect steady error "COSIM_REPEAT='x' cannot be used"

# An interrupt while an attempt runs (in its own copy of cosim-run) ends
# the run as interrupted, and nothing is left running.
cat >int.ini <<EOT
[cosimgen]
builddir = out
timeout = 20
env = LEAKMARK=$tag

[test:hangs]
command = sh -c 'touch started; exec sleep 60'
retries = 2
EOT
rm -rf out build.ninja
check "interrupt: cosimgen" "$COSIMGEN" int.ini
"$COSIM_TOP/cosim-run" out/tests/hangs/spec >int.out 2>&1 &
pid=$!
i=0
while [ ! -e out/tests/hangs/run/started ] && [ $i -lt 200 ]; do
	sleep 0.05
	i=$((i + 1))
done
kill -INT $pid
wait $pid
rc=$?
same "interrupt: cosim-run ends through the signal" 130 "$rc"
expect hangs interrupted 'interrupted by signal 2'
same "interrupt: no process left behind" 0 "$(leaks_of "LEAKMARK=$tag")"
# ninja's Ctrl-C signals the whole process group: the launcher and its copy
rm -f out/tests/hangs/run/started
setsid "$COSIM_TOP/cosim-run" out/tests/hangs/spec >int2.out 2>&1 &
pid=$!
i=0
while [ ! -e out/tests/hangs/run/started ] && [ $i -lt 200 ]; do
	sleep 0.05
	i=$((i + 1))
done
kill -INT -$pid
wait $pid
same "interrupt of the group: cosim-run ends through the signal" 130 "$?"
expect hangs interrupted 'interrupted by signal 2'
same "interrupt of the group: no process left behind" 0 "$(leaks_of "LEAKMARK=$tag")"

# A copy of cosim-run that runs an attempt and is killed outright (as the
# out-of-memory killer does) leaves no result: the launcher that forked it
# writes an error, and kills what the attempt left.
cat >bin/kills_launcher <<'EOT'
#!/bin/sh
sleep 60 &
kill -KILL $PPID
exec sleep 60
EOT
chmod +x bin/kills_launcher
cat >lost.ini <<EOT
[cosimgen]
builddir = out
timeout = 60
env = LEAKMARK=$tag

[test:lost]
command = $d/bin/kills_launcher
retries = 2
EOT
rm -rf out build.ninja
check "lost: cosimgen" "$COSIMGEN" lost.ini
"$COSIM_TOP/cosim-run" --stamp out/tests/lost/stamp out/tests/lost/spec >lost.out 2>&1
same "lost: cosim-run fails" 125 $?
expect lost error '^cosim-run failed: attempt 1 was killed by signal 9 \(Killed\)$'
same "lost: no process left behind" 0 "$(leaks_of "LEAKMARK=$tag")"
