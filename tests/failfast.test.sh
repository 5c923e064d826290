#!/bin/sh
# Fail-fast under real ninja: with max_failures = 2 and `ninja -j1`, the
# tests that start after two failures record notrun without running and
# keep no stamp, so the next `ninja` runs them; COSIM_MAX_FAILURES
# overrides the manifest (0: no limit); failures are counted per run of
# the suite (COSIM_SUITE_RUN, else the ninja that started the tests).
. "$COSIM_TOP/tests/lib.sh"
d=$(scratch failfast)
cd "$d" || exit 1
RUN="$COSIM_TOP/cosim-run"

# f1 and f2 fail until fixed exists; p1..p3 pass; each notes that it ran.
cat >tests.ini <<EOT
[cosimgen]
builddir = out
timeout = 20
max_failures = 2
env = TOPDIR=$d
EOT
for t in f1 f2 p1 p2 p3; do
	case $t in
	f*) cmd="sh -c 'echo $t >>$d/ran; test -e $d/fixed'" ;;
	*) cmd="sh -c 'echo $t >>$d/ran'" ;;
	esac
	printf '[test:%s]\ncommand = %s\n' $t "$cmd" >>tests.ini
done
check "failfast: cosimgen" "$COSIMGEN" tests.ini

ninja -j1 >ninja1.out 2>&1
same "failfast: after two failures nothing more ran" "f1 f2" "$(tr '\n' ' ' <ran | sed 's/ $//')"
expect f1 fail
expect f2 fail
for t in p1 p2 p3; do
	expect $t notrun '^not run: 2 failures reached max_failures = 2$'
	[ ! -e out/tests/$t/stamp ] && [ ! -e out/tests/$t/run/test.out ] &&
	    ok "$t: no stamp, nothing started" || fail "$t: no stamp, nothing started"
done
grep -q '^notrun  p1 (' ninja1.out && ok "failfast: the line says notrun" ||
    fail "failfast: the line says notrun" "$(cat ninja1.out)"

# The failures are still there: the next ninja starts the tests that did
# not run first, so they run although the failures reach the limit again.
rm ran
ninja -j1 >ninja2.out 2>&1
same "failfast: with the failures still there, the next ninja runs the rest first" \
    "p1 p2 p3" "$(head -n 3 ran | tr '\n' ' ' | sed 's/ $//')"
for t in p1 p2 p3; do
	expect $t pass
done

touch fixed out/tests/*/spec
rm ran
ninja -j1 >ninja2.out 2>&1
same "failfast: the next ninja runs them all" "f1 f2 p1 p2 p3" \
    "$(sort ran | tr '\n' ' ' | sed 's/ $//')"
for t in f1 f2 p1 p2 p3; do
	expect $t pass
done

# COSIM_MAX_FAILURES overrides the manifest; 0 lifts the limit.
rm fixed ran
touch out/tests/*/spec
COSIM_MAX_FAILURES=1 ninja -j1 >ninja3.out 2>&1
# (the order now comes from the history: whichever failing test is first)
same "COSIM_MAX_FAILURES=1: one failure stops the rest" 1 "$(grep -c '^f' ran)"
grep '^f' ran | tail -n 1 >last
same "COSIM_MAX_FAILURES=1: the failure ran last" "$(cat last)" "$(tail -n 1 ran)"
for t in f1 f2 p1 p2 p3; do
	grep -qx $t ran || expect $t notrun '^not run: 1 failure reached max_failures = 1$'
done
rm ran
due=
for t in f1 f2 p1 p2 p3; do
	[ -e out/tests/$t/stamp ] || due="$due $t"
done
COSIM_MAX_FAILURES=0 ninja -j1 >ninja4.out 2>&1
same "COSIM_MAX_FAILURES=0: no limit: every test due ran" "${due# }" \
    "$(sort ran | tr '\n' ' ' | sed 's/ $//')"
COSIM_MAX_FAILURES=two "$RUN" out/tests/p1/spec >bad.out 2>&1
expect p1 error "COSIM_MAX_FAILURES='two' cannot be used"

# The count belongs to one run of the suite: runs by hand with the same
# COSIM_SUITE_RUN add up, another one starts from nothing.
rm -f ran
COSIM_SUITE_RUN=a "$RUN" out/tests/f1/spec >a1.out 2>&1
COSIM_SUITE_RUN=a "$RUN" out/tests/f2/spec >a2.out 2>&1
COSIM_SUITE_RUN=a "$RUN" out/tests/p1/spec >a3.out 2>&1
expect p1 notrun 'reached max_failures = 2'
COSIM_SUITE_RUN=a "$RUN" out/tests/p1/spec >/dev/null 2>&1
same "suite run: notrun exits 1 without --stamp" 1 $?
COSIM_SUITE_RUN=b "$RUN" out/tests/p1/spec >b1.out 2>&1
expect p1 pass
same "suite run: the file counts the run's failures" "suite_run a failed f1 failed f2" \
    "$(sed 1d out/failures | tr '\n' ' ' | sed 's/ $//')"

# The repro script is no part of the build it came from.
COSIM_SUITE_RUN=a COSIM_MAX_FAILURES=1 "$RUN" out/tests/p2/spec >a4.out 2>&1
expect p2 notrun
grep -q 'COSIM_SUITE_RUN\|COSIM_MAX_FAILURES' out/tests/p2/repro.sh &&
    fail "repro: no COSIM_SUITE_RUN nor COSIM_MAX_FAILURES" ||
    ok "repro: no COSIM_SUITE_RUN nor COSIM_MAX_FAILURES"
sh out/tests/p2/repro.sh >repro.out 2>&1
expect p2 pass

# Many tests kept back for one reason are one entry of the summary.
cd "$(scratch failfast-many)" || exit 1
{
	printf '[cosimgen]\nbuilddir = out\nmax_failures = 1\n\n'
	printf '[test:first]\ncommand = false\npriority = 10\n\n'
	for t in a b c d e; do printf '[test:%s]\ncommand = true\n\n' $t; done
} >tests.ini
"$COSIMGEN" tests.ini && ninja -j1 >ninja.out 2>&1
same "failfast: the tests not run for one reason are one entry" \
    "NOTRUN   5 tests: not run: 1 failure reached max_failures = 1|         a b c d e|0 passed, 1 failed, 5 not run" \
    "$( { grep -A1 '^NOTRUN' out/summary.txt; tail -n 1 out/summary.txt; } | tr '\n' '|' | sed 's/|$//')"
