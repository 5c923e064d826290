#!/bin/sh
# Fixtures, end to end with real ninja and real processes: a setup runs
# once before the first test that needs it and a cleanup after the last,
# even when tests fail or time out; a failed setup makes its tests errors
# with its log, and the next run tries again; a server the setup starts
# lives through the tests and is gone after the cleanup; Ctrl-C runs the
# cleanup within kill_grace and leaves no process; after everything was
# killed outright, the next run cleans up first. Order and content only:
# the waits below are safety nets, never assertions on time.
. "$COSIM_TOP/tests/lib.sh"
d=$(scratch fixtures)
base=$d
cd "$d" || exit 1

# wait_for CMD...: until CMD succeeds, for 60 s at most.
wait_for() {
	_w=0
	while ! "$@" 2>/dev/null; do
		_w=$((_w + 1))
		[ $_w -ge 600 ] && return 1
		sleep 0.1
	done
}
# count FILE WORD: lines of FILE that are WORD.
count() { grep -cx "$2" "$1" 2>/dev/null || true; }
# pids_of NAME=VALUE: the processes that carry that entry in their
# environment
pids_of() {
	for _e in /proc/[0-9]*/environ; do
		if { tr "\\0" "\\n" <"$_e"; } 2>/dev/null | grep -qx "$1"; then
			_p=${_e#/proc/}
			echo "${_p%/environ}"
		fi
	done
}
# alive PID: whether the process runs (and is no zombie)
alive() {
	[ -n "$1" ] && kill -0 "$1" 2>/dev/null &&
	    ! grep -q '^State:.*Z' "/proc/$1/status" 2>/dev/null
}
# started N: N tests have written their start file
started() { [ "$(ls started.* 2>/dev/null | wc -l)" -ge "$1" ]; }

# The test program: records its start and end in the events file,
# waits until N tests started (so that they overlap), checks the
# fixture's server, then does what its first word says.
cat >t.sh <<'EOT'
#!/bin/sh
d=$1 what=$2 n=$3
echo "start $COSIM_TEST" >>"$d/events"
echo "$COSIM_FIXTURE_DB" >"$d/dir.$COSIM_TEST"
touch "$d/started.$COSIM_TEST"
i=0
while [ "$(ls "$d"/started.* | wc -l)" -lt "$n" ] && [ $i -lt 600 ]; do
	sleep 0.1
	i=$((i + 1))
done
if [ -n "$COSIM_FIXTURE_DB" ]; then
	kill -0 "$(cat "$COSIM_FIXTURE_DB/server.pid")" &&
	    echo "server up for $COSIM_TEST" >>"$d/events"
fi
[ -f "$d/hang" ] && sleep 300
echo "end $COSIM_TEST" >>"$d/events"
case $what in
fail) exit 1 ;;
flaky) [ -f "$d/flaked" ] || { touch "$d/flaked"; exit 1; } ;;
hang) sleep 300 ;;
esac
exit 0
EOT
chmod +x t.sh

# The fixture's setup starts a server (a sleep that stays behind) and
# records it; its cleanup records itself. SETUP_EXTRA and CLEANUP_EXTRA
# run after; suite writes them into the manifest (paths from
# COSIM_BUILDDIR: a manifest line is at most 197 bytes).
fixture_ini() {	# fixture_ini [SETUP_EXTRA [CLEANUP_EXTRA [KILL_GRACE]]]
	fx_setup="echo setup >>\"\$COSIM_BUILDDIR/../events\"; sleep 300 & echo \$! >server.pid; echo server started; ${1:-:}"
	fx_cleanup="echo cleanup >>\"\$COSIM_BUILDDIR/../events\"; ${2:-:}"
	fx_grace=${3:-2}
}
# suite T:WHAT[:db]...: a manifest of tests running t.sh, all of them
# meeting (MEET of them when set); those with :db use the fixture db
# that fixture_ini described.
suite() {
	n=${MEET:-$#}
	printf '[cosimgen]\nbuilddir = out\n\n[fixture:db]\nsetup = %s\ncleanup = %s\ntimeout = 30\nkill_grace = %s\n' \
	    "$fx_setup" "$fx_cleanup" "$fx_grace" >tests.ini
	for t in "$@"; do
		name=${t%%:*} rest=${t#*:}
		printf '\n[test:%s]\ncommand = {srcdir}/../t.sh {srcdir} %s %s\ntimeout = %s\n' \
		    "$name" "${rest%%:*}" "$n" \
		    "$(case $rest in hang*) echo 3 ;; *) echo 120 ;; esac)" >>tests.ini
		case $rest in *:db) echo "fixtures = db" >>tests.ini ;; esac
		case $rest in flaky*) echo "retries = 2" >>tests.ini ;; esac
	done
	"$COSIMGEN" tests.ini
}
fresh() { d=$base/$1 && mkdir "$d" && cd "$d"; }

# --- once for four overlapping tests, a failing one among them ---
fresh once
fixture_ini
suite a:pass:db b:fail:db c:pass:db e:pass:db
ninja -j4 >ninja.out 2>&1
same "4 tests at -j4: the setup runs once" 1 "$(count events setup)"
same "4 tests at -j4: the cleanup runs once" 1 "$(count events cleanup)"
same "the setup runs before the first test starts" setup "$(head -n 1 events)"
same "the cleanup runs after the last test ends (a failing one among them)" \
    cleanup "$(tail -n 1 events)"
same "the server the setup started is up during every test" 4 \
    "$(grep -c '^server up for' events)"
srv=$(cat out/fixtures/db/run/server.pid)
alive "$srv" && fail "the server is gone after the cleanup" "pid $srv runs" ||
    ok "the server is gone after the cleanup"
same "every test gets COSIM_FIXTURE_DB, the fixture's run directory" \
    "$d/out/fixtures/db/run" "$(sort -u dir.a dir.b dir.c dir.e)"
same "the fixture is down after the run" "phase down" \
    "$(grep '^phase' out/fixtures/db/state)"
expect b fail
same "the setup's record says pass" pass \
    "$(sed -n 's/^status //p' out/fixtures/db/setup.result)"
grep -q 'server started' out/fixtures/db/setup.log &&
    ok "the setup's output is in setup.log" ||
    fail "the setup's output is in setup.log" "$(cat out/fixtures/db/setup.log)"
same "the cleanup's record says pass" pass \
    "$(sed -n 's/^status //p' out/fixtures/db/cleanup.result)"

# --- a test that times out still gets the cleanup; -j1: around each ---
fresh timeout
fixture_ini
MEET=1 suite h:hang:db p:pass:db
ninja -j1 >ninja.out 2>&1
expect h timeout
same "-j1: setup and cleanup around each test, the timed-out one too" \
    "setup start h end h cleanup setup start p end p cleanup" \
    "$(grep -v '^server up' events | tr '\n' ' ' | sed 's/ $//')"
: >events
ninja -j1 test/p >ninja2.out 2>&1
grep -q 'no work to do' ninja2.out && same "a ninja with nothing to rerun runs no setup" "" "$(cat events)" ||
    fail "a ninja with nothing to rerun runs no setup" "$(cat ninja2.out)"

# --- a disabled test, or one whose design did not compile, sets nothing up ---
fresh inert
fixture_ini
MEET=1 suite d:pass:db
echo "disabled = yes" >>tests.ini
printf '\n[design:broken]\nsimulator = custom\ncompile = false\nrun = true\nready = none\n\n[test:nc]\ndesign = broken\nfixtures = db\n' >>tests.ini
"$COSIMGEN" tests.ini
ninja -j2 >ninja.out 2>&1
expect d skip
expect nc error
same "a disabled test and one whose design did not compile run no setup" \
    "" "$(cat events 2>/dev/null)"

# --- retries: the fixture stays up from the first attempt to the last ---
fresh retries
fixture_ini
MEET=1 suite r:flaky:db
ninja >ninja.out 2>&1
expect r flaky
same "retries: one setup before the first attempt, one cleanup after the last" \
    "setup start r end r start r end r cleanup" \
    "$(grep -v '^server up' events | tr '\n' ' ' | sed 's/ $//')"
same "retries: the server is up for every attempt" 2 \
    "$(grep -c '^server up for r' events)"

# --- a failed setup ---
fresh failed
fixture_ini "echo 'cannot bind the port' >&2; exit 3"
MEET=1 suite x:pass:db y:pass:db plain:pass
ninja -j3 >ninja.out 2>&1
same "a failed setup runs once in a run of the suite" 1 "$(count events setup)"
expect x error '^fixture db: setup failed: the setup exited with status 3$'
expect y error '^fixture db: setup failed: the setup exited with status 3$'
same "its tests never start" "" "$(grep '^start [xy]' events)"
same "the result names the fixture" db "$(field x fixture)"
same "the result names the setup's log" fixtures/db/setup.log \
    "$(field y fixture_log)"
grep -q '^fixture_log_tail cannot bind the port$' out/tests/y/result &&
    ok "the result holds the end of the setup's log" ||
    fail "the result holds the end of the setup's log" "$(cat out/tests/y/result)"
[ ! -e out/tests/x/stamp ] && ok "their stamps stay unset" ||
    fail "their stamps stay unset"
expect plain pass
same "a test without the fixture is unaffected (and gets no COSIM_FIXTURE_DB)" \
    "" "$(cat dir.plain)"
srv=$(cat out/fixtures/db/run/server.pid 2>/dev/null)
alive "$srv" && fail "what the failed setup started is killed" "pid $srv runs" ||
    ok "what the failed setup started is killed"
same "no cleanup after a failed setup" 0 "$(count events cleanup)"
grep -q '^FAILED setup of fixture db: the setup exited with status 3' ninja.out &&
    ok "the failed setup is told once" ||
    fail "the failed setup is told once" "$(cat ninja.out)"
grep -A1 '^ERROR    x: fixture db: setup failed' ninja.out | tail -n 1 |
    grep -q 'log: *out/fixtures/db/setup.log' &&
    ok "the report points to the setup's log" ||
    fail "the report points to the setup's log" "$(cat ninja.out)"
fixture_ini : "echo 'db would not stop' >&2; exit 4"
MEET=1 suite x:pass:db y:pass:db plain:pass
ninja >ninja2.out 2>&1
[ "$(count events setup)" -ge 2 ] && ok "the next run tries the setup again" ||
    fail "the next run tries the setup again" "$(cat events)"
expect x pass
expect y pass
grep -q '^FAILED cleanup of fixture db: the cleanup exited with status 4' ninja2.out &&
    ok "a failed cleanup is told" || fail "a failed cleanup is told" "$(cat ninja2.out)"
grep -q '^WARNING  cleanup of fixture db' ninja2.out &&
    ok "a failed cleanup is a warning in the report, not a failed test" ||
    fail "a failed cleanup is a warning in the report, not a failed test" "$(cat ninja2.out)"
same "the summary counts no failure for it" "3 passed, 0 failed" \
    "$(grep -E '^[0-9]+ passed' ninja2.out | tail -n 1 | sed 's/, [0-9]* warnings*//')"

# --- Ctrl-C: the cleanup runs within kill_grace, nothing is left ---
fresh ctrlc
# a cleanup that hangs: stopped after kill_grace
fixture_ini : "sleep 300" 1
suite i1:pass:db i2:pass:db i3:pass:db
touch hang
FXTEST=ctrlc setsid ninja -j3 >ninja.out 2>&1 &
npid=$!
if wait_for started 3; then
	srv=$(cat out/fixtures/db/run/server.pid)
	kill -INT -$npid
	{ wait $npid; } 2>/dev/null
	rc=$?
	[ "$rc" -ne 0 ] && ok "ctrl-c: ninja stops with an error" ||
	    fail "ctrl-c: ninja stops with an error" "rc=$rc"
	same "ctrl-c: the cleanup ran once" 1 "$(count events cleanup)"
	same "ctrl-c: a cleanup that hangs is stopped after kill_grace" \
	    timeout "$(sed -n 's/^status //p' out/fixtures/db/cleanup.result)"
	alive "$srv" && fail "ctrl-c: the server is gone" "pid $srv runs" ||
	    ok "ctrl-c: the server is gone"
	same "ctrl-c: no process left behind" "" "$(pids_of FXTEST=ctrlc)"
	same "ctrl-c: the fixture is down" "phase down" \
	    "$(grep '^phase' out/fixtures/db/state)"
	expect i1 interrupted
else
	fail "ctrl-c: the tests start" "$(cat ninja.out)"
	kill -KILL -$npid
fi

# --- Ctrl-C while the setup runs: it stops at once, no cleanup ---
fresh setupint
fixture_ini 'touch "$COSIM_BUILDDIR/../insetup"; sleep 300'
suite s1:pass:db s2:pass:db
FXTEST=setupint setsid ninja -j2 >ninja.out 2>&1 &
npid=$!
if wait_for test -f insetup; then
	srv=$(cat out/fixtures/db/run/server.pid)
	kill -INT -$npid
	{ wait $npid; } 2>/dev/null
	expect s1 interrupted
	expect s2 interrupted
	same "ctrl-c in the setup: no process left behind" "" \
	    "$(pids_of FXTEST=setupint)"
	same "ctrl-c in the setup: no cleanup, no test started" "setup" \
	    "$(cat events)"
	same "ctrl-c in the setup: the fixture is down" "phase down" \
	    "$(grep '^phase' out/fixtures/db/state)"
	same "ctrl-c in the setup: its record says interrupted" interrupted \
	    "$(sed -n 's/^status //p' out/fixtures/db/setup.result)"
else
	fail "ctrl-c in the setup: the setup starts" "$(cat ninja.out)"
	kill -KILL -$npid
fi

# --- killed outright: the next run cleans up first ---
fresh killed
fixture_ini
suite k1:pass:db k2:pass:db
touch hang
FXTEST=killed setsid ninja -j2 >ninja.out 2>&1 &
npid=$!
if wait_for started 2; then
	srv=$(cat out/fixtures/db/run/server.pid)
	# ninja, the launchers and the tests; the server stays, as it would.
	# All stopped first, then killed: a launcher whose ninja died first
	# would otherwise wind its run down (it is told its parent ended)
	victims=
	for p in $(pids_of FXTEST=killed); do
		[ "$p" = "$srv" ] || victims="$victims $p"
	done
	for p in $victims; do kill -STOP "$p" 2>/dev/null; done
	for p in $victims; do kill -KILL "$p" 2>/dev/null; done
	{ wait $npid; } 2>/dev/null
	alive "$srv" && ok "killed: the server outlived everything else" ||
	    fail "killed: the server outlived everything else"
	same "killed: the fixture was left up" "phase up" \
	    "$(grep '^phase' out/fixtures/db/state)"
	rm -f hang started.*
	: >events
	ninja -j2 >ninja2.out 2>&1
	same "killed: the next run cleans up first, then sets up" \
	    "cleanup setup" "$(grep -E '^(setup|cleanup)$' events | head -n 2 | tr '\n' ' ' | sed 's/ $//')"
	grep -q 'fixture db was left up by a run that was killed: cleaning up first' ninja2.out &&
	    ok "killed: the launcher says so" ||
	    fail "killed: the launcher says so" "$(cat ninja2.out)"
	alive "$srv" && fail "killed: the old server is gone" "pid $srv runs" ||
	    ok "killed: the old server is gone"
	expect k1 pass
	expect k2 pass
	same "killed: then set up and cleaned up as usual" cleanup \
	    "$(tail -n 1 events)"
else
	fail "killed: the tests start" "$(cat ninja.out)"
	kill -KILL -$npid
fi
for p in $(pids_of FXTEST=killed); do kill -KILL "$p" 2>/dev/null; done
cd "$base" || exit 1
