#!/bin/sh
# No stale or impossible pass: a run that did not finish, a result of an
# older spec, a result the disk had no room for, a launcher stopped or
# signalled by its own test, a log scan that cannot finish, an unusable
# timeout multiplier, and a manifest value the graph cannot carry. Plain
# command tests only (no simulator to compile); flag files in the test
# directory switch a test's misbehaviour on and off between runs.
. "$COSIM_TOP/tests/lib.sh"
d=$(scratch verdicts)
cd "$d" || exit 1
RUN="$(dirname "$COSIMGEN")/cosim-run"
# report_says NAME STATUS REGEX: `cosimgen report` exits non-zero, prints
# NAME's line with STATUS and a reason matching REGEX, counts no pass for
# it, and results.json and report.xml agree.
report_says() {
	"$COSIMGEN" report out >report.out 2>&1
	rc=$?
	line=$(grep "^$2 *$1: " report.out)
	if [ "$rc" -ne 0 ] && echo "$line" | grep -Eq -- "$3" &&
	    tail -n 1 report.out | grep -q "^0 passed" &&
	    "$PYTHON" - "$1" "$2" <<'EOT' >>report.out 2>&1 &&
import json, sys
t = {x["name"]: x for x in json.load(open("out/results.json"))["tests"]}
assert t[sys.argv[1]]["status"] == sys.argv[2].lower(), t[sys.argv[1]]
EOT
	    grep -q "<testcase name=\"$1\"" out/report.xml &&
	    ! grep -A1 "<testcase name=\"$1\"" out/report.xml | grep -q '/>$'; then
		ok "report: $1 is $2 ($3), and exits $rc"
	else
		fail "report: $1 is $2 ($3)" "exit status $rc" "$(cat report.out)"
	fi
}

cat >tests.ini <<'EOT'
[cosimgen]
builddir = out
timeout = 3

[test:victim]
command = test ! -e {srcdir}/kill || kill -KILL $PPID; sleep 0.2
EOT
"$COSIMGEN" tests.ini
ninja >ninja.out 2>&1
expect victim pass

# cosim-run killed outright in the middle of the test (as by the OOM
# killer): the next report must not show the last run's pass.
touch kill
rm -f out/tests/victim/stamp
ninja test/victim >ninja.out 2>&1
report_says victim ERROR 'last run did not finish'
rm kill
ninja test/victim >ninja.out 2>&1
expect victim pass

# A spec changed since the result: not run since; then a run of the new
# spec that is killed.
sed -i 's/^timeout = 3$/timeout = 4/' tests.ini
"$COSIMGEN" tests.ini
report_says victim NOTRUN 'not run since its spec changed'
sed -i 's/^timeout = 4$/timeout = 5/' tests.ini
touch kill
ninja test/victim >ninja.out 2>&1
report_says victim ERROR 'last run did not finish'
rm kill

# A disk too full for the result (a file size limit: write fails with
# EFBIG, SIGXFSZ ignored): result.prev keeps the last result whole, and
# the report shows no pass.
cat >>tests.ini <<'EOT'

[test:full]
command = test ! -e {srcdir}/full || seq -f %0190g 10; test ! -e {srcdir}/full
EOT
"$COSIMGEN" tests.ini
ninja test/full >ninja.out 2>&1
expect full pass
cp out/tests/full/result passed.result
touch full
(trap '' XFSZ; ulimit -f 4 && "$RUN" --stamp out/tests/full/stamp out/tests/full/spec) >full.out 2>&1
if cmp -s passed.result out/tests/full/result.prev; then
	ok "disk full: result.prev keeps the last result whole"
else
	fail "disk full: result.prev keeps the last result whole" \
	    "$(ls -l out/tests/full)" "$(cat out/tests/full/result.prev)"
fi
report_says full ERROR 'cannot write the result.*File too large'
rm full

# Misbehaving tests under a real ninja: one stops its launcher (and has it
# continued after its timeout), one sends it SIGTERM, one has a fail
# pattern that backtracks without end; the others still run, and so does
# the report.
cat >>tests.ini <<'EOT'

[test:stopper]
command = test ! -e {srcdir}/stop || { L=$PPID; (sleep 5; kill -CONT $L) & kill -STOP $L; }; echo stopped
timeout = 2

[test:terminator]
command = kill -TERM $PPID; sleep 0.3; echo still here

[test:backtracker]
command = $PYTHON -c "print(('a' * 30 + 'b\n') * 200, end='')"
fail_patterns = '^(a|aa)+$'
timeout = 30

[test:bystander]
command = echo fine
EOT
sed -i "s|\$PYTHON|$PYTHON|" tests.ini
"$COSIMGEN" tests.ini
touch stop
ninja test/stopper >ninja.out 2>&1
expect stopper timeout 'saw the test end .* past its timeout of 2.0 s'
# --scan-only goes back to the verdict before the scan, which holds the
# late end: still a timeout, no stamp
"$RUN" --scan-only out/tests/stopper/spec >scan.out 2>&1
same "scan-only: a late end stays a timeout (exit 1)" 1 "$?"
expect stopper timeout 'saw the test end .* past its timeout of 2.0 s'
[ ! -e out/tests/stopper/stamp ] && ok "scan-only: a late end makes no stamp" ||
    fail "scan-only: a late end makes no stamp" "$(cat scan.out)"
rm stop
ninja -j1 >ninja.out 2>&1
same "signal: ninja is not interrupted by a test" "" "$(grep 'interrupted' ninja.out)"
expect terminator error 'sent cosim-run signal 15 \(Terminated\)'
"$RUN" --scan-only out/tests/terminator/spec >scan.out 2>&1
same "scan-only: a test that signalled its launcher stays an error (exit 1)" 1 "$?"
expect terminator error 'sent cosim-run signal 15 \(Terminated\)'
[ ! -e out/tests/terminator/stamp ] &&
    ok "scan-only: a test that signalled its launcher makes no stamp" ||
    fail "scan-only: a test that signalled its launcher makes no stamp" "$(cat scan.out)"
expect bystander pass
expect stopper pass
tail -n 1 out/summary.txt | grep -q '^4 passed, 0 failed, 2 errors$' &&
    ok "signal: the report ran and counts every test" ||
    fail "signal: the report ran and counts every test" "$(cat ninja.out)"
expect backtracker error "pattern '\^\(a\|aa\)\+\\$' cannot be evaluated on test.out:1"

# An unusable COSIM_TIMEOUT_MULTIPLIER is an error, not an unlimited run.
for m in 1e300 inf 1e-300 nan 0 -2 3x; do
	COSIM_TIMEOUT_MULTIPLIER=$m "$RUN" out/tests/bystander/spec >/dev/null 2>&1
	same "multiplier $m: cosim-run exits 1" 1 "$?"
	expect bystander error "COSIM_TIMEOUT_MULTIPLIER='$m' cannot be used"
done
COSIM_TIMEOUT_MULTIPLIER=2.5 "$RUN" out/tests/bystander/spec >/dev/null 2>&1
expect bystander pass

# --scan-only rescans a run of the same test only: a change of the patterns
# alone is rescanned; any other change (here the command, which now fails)
# needs a run, and --scan-only says so, exits non-zero and makes no stamp.
cat >>tests.ini <<'EOT'

[test:changer]
command = echo hello; exit 0
EOT
"$COSIMGEN" tests.ini
ninja test/changer >ninja.out 2>&1
expect changer pass
printf 'fail_patterns = ^hello\n' >>tests.ini
"$COSIMGEN" tests.ini
"$RUN" --scan-only out/tests/changer/spec >scan.out 2>&1
same "scan-only: a new pattern alone is rescanned (exit 1)" 1 "$?"
expect changer fail "matches '\^hello'"
sed -i -e '/^fail_patterns = ^hello$/d' \
    -e 's/^command = echo hello; exit 0$/command = echo hello; exit 1/' tests.ini
"$COSIMGEN" tests.ini
"$RUN" --scan-only out/tests/changer/spec >scan.out 2>&1
rc=$?
if [ "$rc" -ne 0 ] && [ ! -e out/tests/changer/stamp ] &&
    grep -q 'the test changed since its last run (not only its patterns): run it' scan.out; then
	ok "scan-only: a changed command is not rescanned (exit $rc)"
else
	fail "scan-only: a changed command is not rescanned" "exit $rc" "$(cat scan.out)"
fi
ninja test/changer >ninja.out 2>&1
expect changer fail 'exited with status 1'

# A fatal error of cosim-run (its run directory cannot be made) on a disk
# too full for even the short result (a long builddir and name make it
# long): the report says the run did not finish, not that the spec changed.
b4=out4/$(printf '%0170d' 0)
t4=fatal$(printf '%0175d' 0)
printf '[cosimgen]\nbuilddir = %s\n\n[test:%s]\ncommand = true\n' "$b4" "$t4" >fatal.ini
"$COSIMGEN" fatal.ini -o fatal.ninja
echo not a directory >"$b4/tests/$t4/run"
(trap '' XFSZ; ulimit -f 1 && "$RUN" "$b4/tests/$t4/spec") >fatal.out 2>&1
"$COSIMGEN" report "$b4" >report.out 2>&1
grep -q "^ERROR *$t4: .*last run did not finish" report.out &&
    ok "fatal on a full disk: the report says the run did not finish" ||
    fail "fatal on a full disk: the report says the run did not finish" \
    "$(cat fatal.out)" "$(cat report.out)"

# The compile mode of cosim-run holds to the same: an unusable multiplier
# is a failed compile, and a compiler that signals cosim-run fails it
# without stopping the suite.
cat >compile.ini <<'EOT'
[cosimgen]
builddir = out3

[design:sim]
simulator = custom
compile = printf '#!/bin/sh\necho hi\n' >{sim}; chmod +x {sim}; test ! -e {srcdir}/term || kill -TERM $PPID; sleep 0.3
run = {sim}
ready = none

[test:simulated]
design = sim
EOT
"$COSIMGEN" compile.ini -o compile.ninja
COSIM_TIMEOUT_MULTIPLIER=inf ninja -f compile.ninja >compile.out 2>&1
grep -q "^FAILED compile of sim: COSIM_TIMEOUT_MULTIPLIER='inf' cannot be used" compile.out &&
    ok "compile: an unusable multiplier fails the compile" ||
    fail "compile: an unusable multiplier fails the compile" "$(cat compile.out)"
touch term
ninja -f compile.ninja >compile.out 2>&1
grep -q '^FAILED compile of sim: the compile sent cosim-run signal 15 (Terminated)' compile.out &&
    ! grep -q 'interrupted' compile.out && grep -q '^0 passed, 0 failed, 1 error' compile.out &&
    ok "compile: a compiler that signals cosim-run fails the compile, and the report runs" ||
    fail "compile: a compiler that signals cosim-run fails the compile, and the report runs" "$(cat compile.out)"
rm term

# A real interrupt of ninja still stops the run.
cat >long.ini <<'EOT'
[cosimgen]
builddir = out2

[test:long]
command = echo started; sleep 30
EOT
"$COSIMGEN" long.ini -o long.ninja
ninja -f long.ninja >long.out 2>&1 &
ninja=$!
i=0
while [ $i -lt 200 ] && ! grep -qs started out2/tests/long/run/test.out; do
	sleep 0.1
	i=$((i + 1))
done
kill -INT $ninja
wait $ninja
rc=$?
[ "$rc" -ne 0 ] && ok "ctrl-c: ninja exits non-zero" ||
    fail "ctrl-c: ninja exits non-zero" "$(cat long.out)"
grep -q 'interrupted by user' long.out && ok "ctrl-c: ninja says it was interrupted" ||
    fail "ctrl-c: ninja says it was interrupted" "$(cat long.out)"
sed -n 's/^status //p' out2/tests/long/result | grep -qx interrupted &&
    ok "ctrl-c: the test is interrupted" ||
    fail "ctrl-c: the test is interrupted" "$(cat out2/tests/long/result)"

# A carriage return in a value: a located error, and the graph stays.
mkdir cr
printf '[design:d]\nsimulator = custom\ncompile = make\rsim\nrun = ./sim\n\n[test:t]\ndesign = d\n' >cr/tests.ini
echo sentinel >cr/build.ninja
(cd cr && "$COSIMGEN" tests.ini) >cr.out 2>&1
same "cr: exit status 2" 2 "$?"
grep -q '^tests.ini:3: error: control character 0x0d (carriage return)' cr.out &&
    ok "cr: a located error" || fail "cr: a located error" "$(cat cr.out)"
same "cr: build.ninja left as it was" sentinel "$(cat cr/build.ninja)"

# A skip pattern that explained a simulator dying at startup: once the
# pattern is gone, --scan-only goes back to the startup failure, never
# keeps the skip (a pass) the pattern made.
s=$(scratch verdicts-startup-skip)
cd "$s" || exit 1
cat >tests.ini <<'EOT'
[cosimgen]
builddir = out

[design:dies]
simulator = custom
run       = sh -c 'echo SKIPME; exit 1'
ready     = file

[test:t]
design        = dies
skip_patterns = SKIPME
EOT
"$COSIMGEN" --launcher "$RUN" tests.ini && ninja >ninja.out 2>&1
expect t skip 'matches skip pattern'
sed -i '/^skip_patterns/d' tests.ini
"$COSIMGEN" --launcher "$RUN" tests.ini
"$RUN" --scan-only out/tests/t/spec >scan.out 2>&1
rc=$?
[ $rc -eq 1 ] && [ ! -e out/tests/t/stamp ] &&
    [ "$(field t status)" = fail ] && [ "$(field t stage)" = startup ] &&
    ok "scan-only: without its skip pattern, a startup failure is one again" ||
    fail "scan-only: without its skip pattern, a startup failure is one again" \
    "exit $rc" "$(cat scan.out)" "$(cat out/tests/t/result)"

# An interrupt that comes while a timeout's grace period runs, with a log
# past its limit: it is an interrupt, not a log-limit failure.
cat >tests.ini <<'EOT'
[cosimgen]
builddir   = out
timeout    = 1
kill_grace = 3s
log_limit  = 1000

[test:noisy]
command = trap '' TERM; sleep 1.5; head -c 100000 /dev/zero | tr '\0' x; sleep 5
EOT
"$COSIMGEN" --launcher "$RUN" tests.ini
"$RUN" --stamp out/tests/noisy/stamp out/tests/noisy/spec >run.out 2>&1 &
pid=$!
sleep 1.3
kill -INT $pid
wait $pid
rc=$?
same "an interrupt in a grace period stays one (exit 130)" 130 "$rc"
expect noisy interrupted 'interrupted by signal 2'
