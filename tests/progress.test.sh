#!/bin/sh
# The running tally on the launcher's line under real ninja: passed and
# failed grow and left goes down to 0 in one run of the suite; the next
# ninja (the failed tests only) starts again; `cosimgen run` of some tests
# counts those; a ninja given a target, or a launcher not under ninja,
# prints no left; the estimate of the time left comes with the history;
# COSIM_PROGRESS=0 gives the line without a tally; under -j4 the tally
# adds up.
. "$COSIM_TOP/tests/lib.sh"
d=$(scratch progress)
cd "$d" || exit 1
RUN="$COSIM_TOP/cosim-run"

# f1 and f2 fail; p1..p4 pass; every test takes a little time.
printf '[cosimgen]\nbuilddir = out\ntimeout = 20\n\n' >tests.ini
for t in p1 f1 p2 p3 f2 p4; do
	case $t in
	f*) cmd="sh -c 'sleep 0.1; exit 1'" ;;
	*) cmd="sh -c 'sleep 0.1'" ;;
	esac
	printf '[test:%s]\ncommand = %s\n\n' $t "$cmd" >>tests.ini
done
check "progress: cosimgen" "$COSIMGEN" tests.ini
grep -q "^p1	0	out/tests/p1/stamp	out/tests/p1/spec$" out/progress.plan &&
    ok "plan: a test's expected duration, stamp and inputs" ||
    fail "plan: a test's expected duration, stamp and inputs" "$(cat out/progress.plan)"
same "plan: sorted by name" "f1 f2 p1 p2 p3 p4" \
    "$(sed 1d out/progress.plan | cut -f1 | tr '\n' ' ' | sed 's/ $//')"

# tallies FILE: each test line's "STATUS NAME | TALLY" without the times.
tallies() {
	sed -n 's/^\([a-z]*\) *\([^ ]*\) (.*  \[\(.*\)\]$/\1 \2 | \3/p' "$1" |
	    sed 's/; [0-9:]*\(, about [0-9:]* left\)*$//'
}
# counted FILE TOTAL: the tally each line should carry, from the lines
# before it, with TOTAL tests in the run.
counted() {
	grep -E '^(pass|fail) ' "$1" | awk -v total="$2" '{
		if ($1 == "pass") p++; else f++
		printf "%s %s | %d passed, %d failed, %d left\n", $1, $2, p, f,
		    total - p - f }'
}

ninja -j1 >ninja1.out 2>&1
same "ninja: six lines, in the order they ended, each with its tally" \
    "$(counted ninja1.out 6)" "$(tallies ninja1.out)"
same "ninja: the last says 4 passed, 2 failed, 0 left" \
    "4 passed, 2 failed, 0 left" "$(tallies ninja1.out | tail -n 1 | sed 's/.*| //')"
grep -q 'about' ninja1.out && fail "no history: no estimate" "$(cat ninja1.out)" ||
    ok "no history: no estimate"
grep -Eq '^fail    f1 \([0-9.]+s\): test exited with status 1  \[[0-9]+ passed, [0-9]+ failed, [0-9]+ left; 0:0[0-9]\]$' ninja1.out &&
    ok "a failure keeps its reason, the tally after it" ||
    fail "a failure keeps its reason, the tally after it" "$(cat ninja1.out)"
same "the tally file counts this run" "planned 6|passed 4|failed 2|notrun 0" \
    "$(grep -E '^(planned|passed|failed|notrun) ' out/progress | tr '\n' '|' | sed 's/|$//')"

# The next ninja runs the failed tests: a new tally, of two.
ninja -j1 >ninja2.out 2>&1
same "rerun of the failures: a new tally of two" \
    "$(counted ninja2.out 2)" "$(tallies ninja2.out)"
same "rerun of the failures: the first line" "0 passed, 1 failed, 1 left" \
    "$(tallies ninja2.out | head -n 1 | sed 's/.*| //')"

# With the history of two runs, the estimate comes once a few ended.
touch out/tests/*/spec
ninja -j1 >ninja3.out 2>&1
same "history: every test ran" "$(counted ninja3.out 6)" "$(tallies ninja3.out)"
same "history: lines 3 to 5 have an estimate (not the first two, not the last)" \
    "3 4 5" "$(grep -E '^(pass|fail) ' ninja3.out | grep -n 'about [0-9]*:[0-9][0-9] left\]$' |
    cut -d: -f1 | tr '\n' ' ' | sed 's/ $//')"

# cosimgen run of some tests: left counts those.
"$COSIMGEN" run -j1 --force p1 p3 f2 >run.out 2>&1
same "cosimgen run: the tally of the three selected" \
    "$(counted run.out 3)" "$(tallies run.out)"
grep -q '^p1$' out/progress.select && head -n 1 out/progress.select | grep -qx 'cosim-progress-select 1' &&
    ok "cosimgen run: the selection file" ||
    fail "cosimgen run: the selection file" "$(cat out/progress.select)"

# A ninja given a target, and a launcher run by hand, know not what the
# run holds: no left, no estimate.
rm out/tests/p2/stamp
ninja -j1 out/tests/p2/stamp >target.out 2>&1
grep -Eq '^pass    p2 \(.*\)  \[1 passed, 0 failed; [0-9]+:[0-9][0-9]\]$' target.out &&
    ok "ninja TARGET: no left" || fail "ninja TARGET: no left" "$(cat target.out)"
"$RUN" out/tests/p4/spec >hand.out 2>&1
grep -Eq '^pass    p4 \(.*\)  \[1 passed, 0 failed; [0-9]+:[0-9][0-9]\]$' hand.out &&
    ok "by hand: no left" || fail "by hand: no left" "$(cat hand.out)"
COSIM_SUITE_RUN=x "$RUN" out/tests/p4/spec >/dev/null 2>&1
COSIM_SUITE_RUN=x "$RUN" out/tests/f1/spec >hand2.out 2>&1
grep -Eq '^fail    f1 \(.*  \[1 passed, 1 failed; [0-9]+:[0-9][0-9]\]$' hand2.out &&
    ok "by hand: runs of one COSIM_SUITE_RUN add up" ||
    fail "by hand: runs of one COSIM_SUITE_RUN add up" "$(cat hand2.out)"

# A tally cut short (a row missing) or with a count it cannot read starts
# again, whole: it does not stay stuck at what it had.
head -n 4 out/progress >cut && cat cut >out/progress
COSIM_SUITE_RUN=x "$RUN" out/tests/p4/spec >cut1.out 2>&1
COSIM_SUITE_RUN=x "$RUN" out/tests/p4/spec >cut2.out 2>&1
grep -Eq '^pass    p4 \(.*\)  \[2 passed, 0 failed; [0-9]+:[0-9][0-9]\]$' cut2.out &&
    grep -q '^failed 0$' out/progress &&
    ok "a damaged tally starts again and counts on" ||
    fail "a damaged tally starts again and counts on" "$(cat cut1.out cut2.out out/progress)"
sed -i 's/^passed .*/passed 99999999999999999999999/' out/progress
COSIM_SUITE_RUN=x "$RUN" out/tests/p4/spec >big.out 2>&1
grep -Eq '^pass    p4 \(.*\)  \[1 passed, 0 failed; [0-9]+:[0-9][0-9]\]$' big.out &&
    grep -q '^passed 1$' out/progress &&
    ok "a tally with a count it cannot read starts again" ||
    fail "a tally with a count it cannot read starts again" "$(cat big.out out/progress)"

# COSIM_PROGRESS=0: the line as it was, and the tally untouched.
cp out/progress progress.before
COSIM_PROGRESS=0 "$RUN" out/tests/p4/spec >off.out 2>&1
grep -Eqx 'pass    p4 \([0-9]+\.[0-9][0-9]s\)' off.out &&
    ok "COSIM_PROGRESS=0: the line without a tally" ||
    fail "COSIM_PROGRESS=0: the line without a tally" "$(cat off.out)"
cmp -s progress.before out/progress && ok "COSIM_PROGRESS=0: the tally untouched" ||
    fail "COSIM_PROGRESS=0: the tally untouched"

# Under -j4 the lines may come in any order, but the tally adds up.
touch out/tests/*/spec
ninja -j4 >ninja4.out 2>&1
tallies ninja4.out | sed 's/.*| //' | sort >j4
same "-j4: six lines" 6 "$(wc -l <j4 | tr -d ' ')"
same "-j4: each line's passed + failed + left is six" "6 6 6 6 6 6" \
    "$(awk '{ print $1 + $3 + $5 }' j4 | tr '\n' ' ' | sed 's/ $//')"
grep -qx '4 passed, 2 failed, 0 left' j4 && ok "-j4: the last tally: 4 passed, 2 failed, 0 left" ||
    fail "-j4: the last tally: 4 passed, 2 failed, 0 left" "$(cat j4)"
same "-j4: every count from 1 to 6 once" "1 2 3 4 5 6" \
    "$(awk '{ print $1 + $3 }' j4 | sort -n | tr '\n' ' ' | sed 's/ $//')"

# Every test of a larger suite finds its own line in the plan: the
# expected durations of the tests that ended add up to those counted,
# which are the plan's.
cd "$(scratch progress-many)" || exit 1
{
	printf '[cosimgen]\nbuilddir = out\n\n'
	for i in $(seq 1 60); do
		printf '[test:t%s]\ncommand = true\n\n' $(( (i * 37) % 61 ))
	done
} >tests.ini
"$COSIMGEN" tests.ini && ninja -j2 >ninja1.out 2>&1
touch out/tests/*/spec
ninja -j2 >ninja2.out 2>&1
planned=$(sed -n 's/^planned_ms //p' out/progress)
[ "${planned:-0}" -gt 0 ] && ok "many: the plan knows durations" ||
    fail "many: the plan knows durations" "$(cat out/progress)"
same "many: the durations counted are the plan's" \
    "$(sed 1d out/progress.plan | awk -F'\t' '{ s += $2 } END { print s }')" "$planned"
same "many: the durations of the tests that ended are those counted" \
    "$planned" "$(sed -n 's/^done_ms //p' out/progress)"
same "many: the last tally" "60 passed, 0 failed, 0 left" \
    "$(grep '^pass ' ninja2.out | sed 's/.*\[\(.*\);.*/\1/' | sort -t, -k1n | tail -n 1)"
