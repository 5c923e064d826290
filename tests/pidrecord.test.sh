#!/bin/sh
# The pid record's sweep kills only what is the run's: a record forged in
# the build directory, naming an unrelated process and its process group
# (pid and start time from /proc) with a made-up run id, kills nothing,
# while the leftovers of a launcher killed outright are all ended by the
# next run, even one that cleared its environment but stayed in the
# process group of a process that kept it, and a group's leader that
# cleared its environment while a process of its group kept it. A group
# whose every process cleared its environment is what the sweep cannot
# tell the run's: it survives, as documented.
. "$COSIM_TOP/tests/lib.sh"
d=$(scratch pidrecord)
cd "$d" || exit 1
here=$(uname -n)

# alive PID: whether the process runs (and is no zombie)
alive() {
	kill -0 "$1" 2>/dev/null && ! grep -q '^State:.*Z' "/proc/$1/status" 2>/dev/null
}
# running N: how many processes run "sleep N" (N is this suite's own)
running() {
	_n=0
	for _c in /proc/[0-9]*/cmdline; do
		if [ "$({ tr '\0' ' ' <"$_c"; } 2>/dev/null)" = "sleep $1 " ]; then
			_n=$((_n + 1))
		fi
	done
	echo $_n
}
# kill_if_sleep PID N: SIGKILL the process group of PID, when PID still
# runs "sleep N" (what a test left, not a pid used again)
kill_if_sleep() {
	[ "$({ tr '\0' ' ' <"/proc/$1/cmdline"; } 2>/dev/null)" = "sleep $2 " ] &&
	    kill -KILL -"$1" 2>/dev/null
}
# all_up N...: whether one "sleep N" runs for each N
all_up() {
	for _u; do
		[ "$(running "$_u")" = 1 ] || return 1
	done
}

cat >tests.ini <<EOT
[cosimgen]
builddir = out
timeout = 60

[test:t]
command = true
EOT
"$COSIMGEN" tests.ini >gen.out 2>&1
ninja >ninja.out 2>&1
same "the test passes" pass "$(field t status)"

# --- forged: an unrelated process leading a group of two ---
lead="81$$" member="82$$"
setsid sh -c "echo \$\$ >leader.pid; sleep $member & exec sleep $lead" &
forger=$!
# both run, the leader as "sleep $lead" (exec keeps its pid and start time)
wait_for 10 all_up "$lead" "$member"
leader=$(cat leader.pid)
start=$(awk '{ print $22 }' "/proc/$leader/stat")
printf 'COSIM_RUN_ID=forged.1.2\nhost %s\n%s %s\n' "$here" "$leader" "$start" \
    >out/tests/t/pids
rm -f out/tests/t/stamp
ninja >ninja2.out 2>&1
same "forged: the test runs again and passes" pass "$(field t status)"
alive "$leader" && ok "forged: the process it names is alive" ||
    fail "forged: the process it names is alive" "$(cat ninja2.out)"
same "forged: its process group is untouched" 2 \
    "$(($(running "$lead") + $(running "$member")))"
kill -KILL -"$leader" 2>/dev/null
wait $forger 2>/dev/null

# with_command CMD: the suite's one test runs CMD
with_command() {
	printf '[cosimgen]\nbuilddir = out\ntimeout = 60\n\n[test:t]\ncommand = %s\n' \
	    "$1" >tests.ini
	"$COSIMGEN" tests.ini >gen.out 2>&1 || fail "cosimgen" "$(cat gen.out)"
}
# killed_midrun WHAT CMD N...: its launcher killed outright once CMD
# touched "started" and each "sleep N" runs, then a next run (of the
# command true) by ninja, which passes; fails (and returns 1) when CMD
# does not start
killed_midrun() {
	_what=$1 _cmd=$2
	shift 2
	with_command "$_cmd"
	rm -f started
	"$COSIM_TOP/cosim-run" out/tests/t/spec >run.out 2>&1 &
	_l=$!
	if ! { wait_for 20 test -f started && wait_for 10 all_up "$@"; }; then
		fail "$_what: the test starts" "$(cat run.out)"
		kill -KILL $_l 2>/dev/null
		return 1
	fi
	kill -KILL $_l
	wait $_l 2>/dev/null
	rm -f out/tests/t/stamp
	with_command true
	ninja >ninja.out 2>&1
	same "$_what: the next run passes" pass "$(field t status)"
}

# --- genuine: a launcher killed outright mid-run ---
kept="83$$" cleared="84$$" escaped="85$$"
if killed_midrun killed "setsid sleep $escaped & env -i sleep $cleared & touch \"$d/started\"; exec sleep $kept" \
    "$kept" "$cleared" "$escaped"; then
	same "killed: the process that kept the run id is ended" 0 "$(running "$kept")"
	same "killed: one that left the group but kept the run id is ended" 0 \
	    "$(running "$escaped")"
	same "killed: one that cleared its environment in the group of one that kept it is ended" 0 \
	    "$(running "$cleared")"
fi

# --- the recorded process (the test's shell, its group's leader)
# replaced its environment, but a process of its group kept the run id:
# the group is the run's, the leader too ---
kept="86$$" leader="87$$"
if killed_midrun "leader cleared" "sleep $kept & touch \"$d/started\"; echo \$\$ >\"$d/leader\"; exec env -i sleep $leader" \
    "$kept" "$leader"; then
	same "leader cleared: the process that kept the run id is ended" 0 \
	    "$(running "$kept")"
	same "leader cleared: the leader, which cleared its environment, is ended" 0 \
	    "$(running "$leader")"
fi
[ -s leader ] && kill_if_sleep "$(cat leader)" "$leader"

# --- every process of the group replaced its environment: nothing in
# it can be told the run's, and it survives the sweep (cosim-run.1,
# ORPHANS) ---
a="88$$" b="89$$"
if killed_midrun "all cleared" "touch \"$d/started\"; exec env -i sh -c 'echo \$\$ >$d/group; sleep $a & exec sleep $b'" \
    "$a" "$b"; then
	same "all cleared: the group survives the sweep, as documented" 2 \
	    "$(($(running "$a") + $(running "$b")))"
fi
[ -s group ] && kill_if_sleep "$(cat group)" "$b"
