#!/bin/sh
# cosimgen run and cosimgen list, with real ninja and the real launcher on
# plain command tests: a PATTERN or -L LABEL runs only what it selects,
# --force runs passed tests again, --list runs nothing and says what
# would run, the run-time choices reach the launchers in their
# environment, and a PATTERN that selects nothing is an error.
. "$COSIM_TOP/tests/lib.sh"
d=$(scratch runcmd)
cd "$d" || exit 1
RUNS="$d/runs.log"

cat >tests.ini <<EOT
[cosimgen]
builddir = out

[test:fast_one]
command = echo fast_one >>$RUNS
labels = smoke quick

[test:fast_two]
command = echo fast_two >>$RUNS
labels = quick

[test:slow_one]
command = echo slow_one >>$RUNS
labels = nightly

[test:broken]
command = echo broken >>$RUNS; exit 1
labels = nightly
EOT
runs() { sort "$RUNS" 2>/dev/null | tr '\n' ' '; : >"$RUNS"; }
# results: the status of each test's result, by name
results() {
	for t in broken fast_one fast_two slow_one; do
		printf '%s=%s ' "$t" "$(field "$t" status)"
	done
}
"$COSIMGEN" tests.ini || fail "cosimgen writes build.ninja"

"$COSIMGEN" run 'fast_*' >run1.out 2>&1
rc=$?
same "run PATTERN: runs only the tests it matches" "fast_one fast_two " "$(runs)"
same "run PATTERN: exits 0 when they passed" 0 "$rc"
same "run PATTERN: prints the summary of the tests run" \
    "2 passed, 0 failed" "$(tail -n 1 run1.out)"
same "run PATTERN: the report files still cover every test" \
    "2 passed, 0 failed, 2 not run" "$(tail -n 1 out/summary.txt)"
same "run PATTERN: the run is in the history, with the tests that ran" \
    "fast_one fast_two " \
    "$(grep '^test' out/history | sed 's/.*name=\([^	]*\).*/\1/' | sort | tr '\n' ' ')"

"$COSIMGEN" run broken 'slow*' >run2.out 2>&1
rc=$?
same "run PATTERN PATTERN: runs the tests of either" "broken slow_one " "$(runs)"
[ "$rc" -ne 0 ] && ok "run PATTERN: exits non-zero when one failed" ||
    fail "run PATTERN: exits non-zero when one failed" "rc=$rc"
grep -q '^FAIL  *broken' run2.out && ok "run PATTERN: the summary names the failure" ||
    fail "run PATTERN: the summary names the failure" "$(cat run2.out)"

"$COSIMGEN" run fast_one >run3.out 2>&1
same "run PATTERN: a passed test does not run again" "" "$(runs)"
"$COSIMGEN" run --force fast_one >run4.out 2>&1
rc=$?
same "run --force PATTERN: a passed test runs again" "fast_one " "$(runs)"
same "run --force PATTERN: and passes" 0 "$rc"

"$COSIMGEN" run -L quick >/dev/null 2>&1
"$COSIMGEN" run --force -L quick >/dev/null 2>&1
same "run -L LABEL: runs the tests with the label" "fast_one fast_two " "$(runs)"
"$COSIMGEN" run --force -L smoke -L nightly >/dev/null 2>&1
same "run -L A -L B: the tests with either label" \
    "broken fast_one slow_one " "$(runs)"
"$COSIMGEN" run --force -L 'n*' 'slow*' >/dev/null 2>&1
same "run -L LABEL PATTERN: the tests that match both" "slow_one " "$(runs)"

# --list: the order, the last status, what would run; nothing runs
sums() { cat out/tests/*/result | cksum; }
before=$(sums)
"$COSIMGEN" list >list1.out 2>&1
rc=$?
same "list: exits 0" 0 "$rc"
same "list: runs nothing" "" "$(runs)"
same "list: changes no result" "$before" "$(sums)"
# (the passed ones in the graph's order, which their durations set)
same "list: the failed test first, as ninja would start it; then the rest" \
    "broken fail yes|fast_one pass no|fast_two pass no|slow_one pass no|" \
    "$(sed 1d list1.out | sed '$d' | awk '{printf "%s %s %s\n", $1, $2, $4}' |
        { read -r first; echo "$first"; sort; } | tr '\n' '|')"
same "list: says how many would run" "1 of 4 tests would run" \
    "$(tail -n 1 list1.out)"
"$COSIMGEN" run --list >list2.out 2>&1
cmp -s list1.out list2.out && ok "list: is run --list" ||
    fail "list: is run --list" "$(diff list1.out list2.out)"
"$COSIMGEN" list --force 'fast_*' >list3.out 2>&1
same "list --force PATTERN: every selected test would run" \
    "fast_one yes|fast_two yes|" \
    "$(sed 1d list3.out | sed '$d' | awk '{printf "%s %s\n", $1, $4}' | sort |
        tr '\n' '|')"
same "list --force: still runs nothing" "" "$(runs)"

# no PATTERN: the default target, the report as usual
"$COSIMGEN" run >run5.out 2>&1
same "run: no PATTERN runs what needs to run" "broken " "$(runs)"
"$COSIMGEN" run --force >run6.out 2>&1
rc=$?
same "run --force: no PATTERN runs every test again" \
    "broken fast_one fast_two slow_one " "$(runs)"
[ "$rc" -ne 0 ] && ok "run --force: exits non-zero (one failed)" ||
    fail "run --force: exits non-zero (one failed)" "rc=$rc"
grep -qx '3 passed, 1 failed' run6.out && ok "run --force: the graph's report ran" ||
    fail "run --force: the graph's report ran" "$(cat run6.out)"

# a PATTERN or a label that selects nothing
before=$(results)
"$COSIMGEN" run fast_onr >none.out 2>&1
rc=$?
same "run: a PATTERN that matches nothing exits 2" 2 "$rc"
grep -q "no test matches 'fast_onr' (near: fast_one" none.out &&
    ok "run: and names the near tests" || fail "run: and names the near tests" \
    "$(cat none.out)"
same "run: and runs nothing" "" "$(runs)"
"$COSIMGEN" run -L nightlly >none2.out 2>&1
rc=$?
[ "$rc" -eq 2 ] && grep -q "no label matches 'nightlly' (near: nightly)" none2.out &&
    ok "run: a LABEL that matches nothing is an error" ||
    fail "run: a LABEL that matches nothing is an error" "rc=$rc" "$(cat none2.out)"
"$COSIMGEN" run -L smoke 'slow*' >none3.out 2>&1
same "run: a PATTERN and a LABEL that select nothing together exit 2" 2 $?
same "run: the results are as they were" "$before" "$(results)"

(cd / && "$COSIMGEN" run -C "$d" -j 1 --force fast_two >"$d/dir.out" 2>&1)
same "run -C DIR -j N: runs there" "fast_two " "$(runs)"

# Fail-fast and repeats through the front end, with the real launcher
# (broken fails; the failed test starts first, so with -j 1 it is the
# failure that stops the rest)
"$COSIMGEN" tests.ini
runs >/dev/null
"$COSIMGEN" run --force --max-failures 1 -j 1 >ff1.out 2>&1
rc=$?
same "run --max-failures 1: after one failure no other test ran" "broken " "$(runs)"
[ "$rc" -ne 0 ] && ok "run --max-failures 1: exits non-zero" ||
    fail "run --max-failures 1: exits non-zero" "rc=$rc"
for t in fast_one fast_two slow_one; do
	expect $t notrun 'max_failures = 1'
done
"$COSIMGEN" run >ff2.out 2>&1
same "run: the next run runs the tests not run" \
    "broken fast_one fast_two slow_one " "$(runs)"
"$COSIMGEN" run --repeat 3 fast_one >rep.out 2>&1
rc=$?
same "run --repeat 3: the test ran three times" "fast_one fast_one fast_one " \
    "$(runs)"
same "run --repeat 3: and passed" 0 "$rc"
"$COSIMGEN" run --repeat 3 broken >rep2.out 2>&1
same "run --repeat 3: a failing test stops at its first failure" "broken " \
    "$(runs)"

# The run-time choices reach the launchers: a launcher that notes its
# environment, then runs cosim-run.
cat >launcher.sh <<EOT
#!/bin/sh
env | grep '^COSIM_' | sort >"$d/env.\$\$"
exec "$COSIM_TOP/cosim-run" "\$@"
EOT
chmod +x launcher.sh
"$COSIMGEN" --launcher ./launcher.sh tests.ini
rm -f env.*
"$COSIMGEN" run --force --max-failures 3 --repeat 2 -L quick >env.out 2>&1
same "run: --max-failures reaches the launchers" \
    "COSIM_MAX_FAILURES=3 COSIM_MAX_FAILURES=3 " \
    "$(cat env.* | grep MAX_FAILURES | tr '\n' ' ')"
same "run: --repeat reaches the launchers" "COSIM_REPEAT=2 COSIM_REPEAT=2 " \
    "$(cat env.* | grep REPEAT | tr '\n' ' ')"
same "run: one COSIM_SUITE_RUN for the launchers of one run" 1 \
    "$(cat env.* | grep SUITE_RUN= | sort -u | wc -l)"
first=$(cat env.* | grep SUITE_RUN=)
rm -f env.*
"$COSIMGEN" run --force fast_one >env2.out 2>&1
same "run: no --max-failures, no COSIM_MAX_FAILURES" "" \
    "$(cat env.* | grep MAX_FAILURES)"
[ -n "$first" ] && ! grep -qx "$(echo "$first" | head -n 1)" env.* &&
    ok "run: each run has its own COSIM_SUITE_RUN" ||
    fail "run: each run has its own COSIM_SUITE_RUN" "$first" "$(cat env.*)"
runs >/dev/null

# --list shows the order the graph starts tests in: priority first
cd "$(scratch runcmd-order)" || exit 1
cat >tests.ini <<EOT
[test:low]
command = true

[test:high]
command = true
priority = 10

[test:mid]
command = true
priority = 5
EOT
"$COSIMGEN" tests.ini
same "list: in the order ninja would start them (priority first)" \
    "high yes|mid yes|low yes|" \
    "$("$COSIMGEN" list | sed 1d | sed '$d' | awk '{printf "%s %s|", $1, $4}')"
"$COSIMGEN" run >/dev/null 2>&1
same "list --force: every test, in the graph's order" \
    "high pass yes|mid pass yes|low pass yes|" \
    "$("$COSIMGEN" list --force | sed 1d | sed '$d' |
        awk '{printf "%s %s %s|", $1, $2, $4}')"

# where there is no graph
cd "$(scratch runcmd-none)" || exit 1
"$COSIMGEN" run >nograph.out 2>&1
rc=$?
[ "$rc" -eq 2 ] && grep -q 'cannot read build.ninja' nograph.out &&
    ok "run: no graph here is an error that says so" ||
    fail "run: no graph here is an error that says so" "rc=$rc" "$(cat nograph.out)"

# the report filter the summary of a subset uses: A|B is either
cd "$d" || exit 1
"$COSIMGEN" report --filter 'fast_one|slow*' out >filter.out 2>&1
same "report --filter 'A|B': the tests of either" "2 passed, 0 failed" \
    "$(tail -n 1 filter.out)"

# Ctrl-C: the terminal signals the whole group (cosimgen run, ninja, the
# launchers); the run stops, the test is interrupted, nothing is left.
cd "$(scratch runcmd-int)" || exit 1
tag="cosim-runcmd-$$"
cat >tests.ini <<EOT
[cosimgen]
builddir = out
timeout = 120
env = LEAKMARK=$tag

[test:long]
command = sh -c 'touch started; exec sleep 60'
EOT
"$COSIMGEN" tests.ini
setsid "$COSIMGEN" run >int.out 2>&1 &
rpid=$!
i=0
while [ ! -e out/tests/long/run/started ] && [ $i -lt 600 ]; do
	sleep 0.1
	i=$((i + 1))
done
kill -INT -$rpid
wait $rpid
rc=$?
[ "$rc" -ne 0 ] && ok "run: Ctrl-C ends it, not with 0" ||
    fail "run: Ctrl-C ends it, not with 0" "rc=$rc" "$(cat int.out)"
grep -qx 'status interrupted' out/tests/long/result &&
    ok "run: Ctrl-C: the test is interrupted" ||
    fail "run: Ctrl-C: the test is interrupted" "$(cat out/tests/long/result 2>&1)"
same "run: Ctrl-C: nothing is left running" 0 "$(leaks_of "LEAKMARK=$tag")"
