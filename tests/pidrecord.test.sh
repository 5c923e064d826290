#!/bin/sh
# The pid record's sweep kills only what is the run's: a record forged in
# the build directory, naming an unrelated process and its process group
# (pid and start time from /proc) with a made-up run id, kills nothing,
# while the leftovers of a launcher killed outright are all ended by the
# next run, even one that cleared its environment but stayed in the
# process group of a process that kept it.
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

# --- genuine: a launcher killed outright mid-run ---
kept="83$$" cleared="84$$" escaped="85$$"
cat >tests.ini <<EOT
[cosimgen]
builddir = out
timeout = 60

[test:t]
command = setsid sleep $escaped & env -i sleep $cleared & touch "$d/started"; exec sleep $kept
EOT
"$COSIMGEN" tests.ini >gen.out 2>&1
rm -f started
"$COSIM_TOP/cosim-run" out/tests/t/spec >run.out 2>&1 &
lpid=$!
if wait_for 20 test -f started && wait_for 10 all_up "$kept" "$cleared" "$escaped"; then
	kill -KILL $lpid
	wait $lpid 2>/dev/null
	same "killed: its test's processes run on" 3 \
	    "$(($(running "$kept") + $(running "$cleared") + $(running "$escaped")))"
	rm -f out/tests/t/stamp
	sed -i "s/^command = .*/command = true/" tests.ini
	"$COSIMGEN" tests.ini >gen.out 2>&1
	ninja >ninja3.out 2>&1
	same "killed: the next run passes" pass "$(field t status)"
	same "killed: the process that kept the run id is ended" 0 "$(running "$kept")"
	same "killed: one that left the group but kept the run id is ended" 0 \
	    "$(running "$escaped")"
	same "killed: one that cleared its environment in the group of one that kept it is ended" 0 \
	    "$(running "$cleared")"
else
	fail "killed: the test starts" "$(cat run.out)"
	kill -KILL $lpid 2>/dev/null
fi
