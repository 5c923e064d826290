#!/bin/sh
# End to end with real ninja and real GNU make, through the stand-in
# launcher: every test runs even when some fail, the exit status says
# whether any failed, a second run reruns exactly the failed tests and the
# tests whose inputs changed, and an unchanged manifest causes no work.
. "$COSIM_TOP/tests/lib.sh"
d=$(scratch rerun)
cd "$d" || exit 1
export STANDIN_LOG="$d/runs.log"

manifest() {	# manifest T2CMD T4CMD [EXTRA]
	cat >tests.ini <<EOT
[cosimgen]
builddir = out

[test:t1]
command = true

[test:t2]
command = $1

[test:t3]
command = echo three
depends = input.txt

[test:t4]
command = $2
$3
EOT
}
runs() { sort "$STANDIN_LOG" 2>/dev/null | tr '\n' ' '; : >"$STANDIN_LOG"; }
echo data >input.txt

# --- ninja ---
manifest false 'exit 3'
check "ninja: cosimgen writes build.ninja" "$COSIMGEN" --launcher "$STANDIN" tests.ini
ninja >ninja1.out 2>&1
rc=$?
[ "$rc" -ne 0 ] && ok "ninja: exits non-zero when a test failed" ||
    fail "ninja: exits non-zero when a test failed" "rc=$rc"
same "ninja: every test runs although some fail (no -k)" \
    "t1 pass t2 fail t3 pass t4 fail " "$(runs)"
same "ninja: the summary's last line counts" "2 passed, 2 failed" \
    "$(tail -n 1 out/summary.txt)"
grep -q '^2 passed, 2 failed$' ninja1.out && ok "ninja: summary printed" ||
    fail "ninja: summary printed" "$(cat ninja1.out)"

ninja >ninja2.out 2>&1
rc=$?
same "ninja: a second run reruns exactly the failed tests" \
    "t2 fail t4 fail " "$(runs)"
[ "$rc" -ne 0 ] && ok "ninja: and still exits non-zero" ||
    fail "ninja: and still exits non-zero" "rc=$rc"

manifest true 'exit 3'
ninja >ninja3.out 2>&1
same "ninja: editing the manifest regenerates and reruns the edited and failed tests" \
    "t2 pass t4 fail " "$(runs)"
grep -q REGEN ninja3.out && ok "ninja: build.ninja regenerated in the same run" ||
    fail "ninja: build.ninja regenerated in the same run" "$(cat ninja3.out)"

manifest true true
ninja >ninja4.out 2>&1
rc=$?
same "ninja: fixing the last failure reruns only it" "t4 pass " "$(runs)"
same "ninja: exits 0 when all passed" 0 "$rc"
same "ninja: summary after a partial rerun still counts every test" \
    "4 passed, 0 failed" "$(tail -n 1 out/summary.txt)"

ninja >ninja5.out 2>&1
grep -q 'no work to do' ninja5.out && ok "ninja: all passed: second run does no work" ||
    fail "ninja: all passed: second run does no work" "$(cat ninja5.out)"

"$COSIMGEN" --launcher "$STANDIN" tests.ini
ninja >ninja6.out 2>&1
grep -q 'no work to do' ninja6.out && same "ninja: re-running cosimgen on an unchanged manifest causes no work" "" "$(runs)" ||
    fail "ninja: re-running cosimgen on an unchanged manifest causes no work" "$(cat ninja6.out)"

sleep 1; echo more >>input.txt
ninja >/dev/null 2>&1
same "ninja: touching a 'depends' file reruns only that test" "t3 pass " "$(runs)"

rm out/tests/t1/spec
ninja >/dev/null 2>&1
[ -f out/tests/t1/spec ] && ok "ninja: a deleted spec file is written again" ||
    fail "ninja: a deleted spec file is written again"
runs >/dev/null

ninja test/t2 >/dev/null 2>&1; runs >/dev/null
rm -f out/tests/t2/stamp
ninja test/t2 >/dev/null 2>&1
same "ninja: test/NAME runs one test" "t2 pass " "$(runs)"

# A broken edit: ninja fails with the manifest error and the old
# build.ninja keeps working.
cp build.ninja build.ninja.before
manifest true true 'timout = 3'
ninja >ninja7.out 2>&1
rc=$?
[ "$rc" -ne 0 ] && grep -q "tests.ini:16: error: unknown key 'timout' in \[test:t4\] (did you mean 'timeout'?)" ninja7.out &&
    ok "ninja: a broken edit fails with the manifest error" ||
    fail "ninja: a broken edit fails with the manifest error" "rc=$rc" "$(cat ninja7.out)"
cmp -s build.ninja build.ninja.before && ok "ninja: the old build.ninja is left as it was" ||
    fail "ninja: the old build.ninja is left as it was"
ninja -t query cosim-check >/dev/null 2>&1 && ok "ninja: the old build.ninja still loads" ||
    fail "ninja: the old build.ninja still loads"
cat >>tests.ini <<'EOT'
[test:t5]
command = echo five
EOT
sed -i 's/^timout = 3$//' tests.ini
runs >/dev/null
ninja >ninja8.out 2>&1
same "ninja: after the fix, a new test is generated and run in one invocation" \
    "t5 pass " "$(runs)"

# --- make ---
md=$(scratch rerun-make)
cd "$md" || exit 1
export STANDIN_LOG="$md/runs.log"
echo data >input.txt
cat >Makefile <<'EOT'
all: mine
mine:
	@echo users own target
check: cosim-check
include cosim.mk
EOT
manifest false 'exit 3'
check "make: cosimgen -G make writes cosim.mk" "$COSIMGEN" -G make --launcher "$STANDIN" tests.ini -o cosim.mk
make -n cosim-check >/dev/null 2>&1 && ok "make: make -n accepts the fragment" ||
    fail "make: make -n accepts the fragment" "$(make -n cosim-check 2>&1 | tail -5)"
make -s all | grep -q 'users own target' && ok "make: the user's default target is untouched" ||
    fail "make: the user's default target is untouched"
make -j16 check >make1.out 2>&1
rc=$?
[ "$rc" -ne 0 ] && ok "make: exits non-zero when a test failed" || fail "make: exits non-zero when a test failed"
same "make: every test runs although some fail" "t1 pass t2 fail t3 pass t4 fail " "$(runs)"
make -j16 check >make2.out 2>&1
same "make: a second run reruns exactly the failed tests" "t2 fail t4 fail " "$(runs)"
sleep 1
manifest true true
make -j16 check >make3.out 2>&1
rc=$?
same "make: editing the manifest regenerates and reruns the edited and failed tests" "t2 pass t4 pass " "$(runs)"
same "make: exits 0 when all passed" 0 "$rc"
make -j16 check >make4.out 2>&1
same "make: all passed: a second run runs nothing" "" "$(runs)"
make cosim-test-t1 >/dev/null 2>&1
same "make: cosim-test-NAME of a passed test does nothing" "" "$(runs)"
grep -q -- '-G make' make4.out && fail "make: a touched manifest is regenerated once, not on every run" "$(cat make4.out)" ||
    ok "make: a touched manifest is regenerated once, not on every run"
rm out/tests/t3/spec
make -j16 check >make5.out 2>&1
[ -f out/tests/t3/spec ] && ok "make: a deleted spec file is written again" ||
    fail "make: a deleted spec file is written again" "$(cat make5.out)"
same "make: and only that test reruns" "t3 pass " "$(runs)"
