#!/bin/sh
# Resources with several slots, under real ninja and with cosim-run
# started by hand as make would: a test that needs 2 of 3 boards gets two
# distinct ids (COSIM_RESOURCE_BOARD, {resource:board}, COSIM_SLOT, the
# result's resource line); tests never hold the same slot at once; the
# 2-board test is not starved by a stream of 1-board tests; tests that
# need two resources in either order do not deadlock; waiting is not the
# test's time; an interrupt while waiting ends the run as interrupted.
# Tests write "start NAME IDS" and "end NAME IDS" to one log, in order:
# the checks replay it, no clock is compared.
. "$COSIM_TOP/tests/lib.sh"
d=$(scratch resources)
cd "$d" || exit 1
RUN="$COSIM_TOP/cosim-run"
mkdir bin

# bin/hold NAME SECONDS [ARG]: log what it holds, note what it got, sleep.
cat >bin/hold <<'EOT'
#!/bin/sh
ids="$COSIM_RESOURCE_BOARD$COSIM_RESOURCE_LIC_A $COSIM_RESOURCE_LIC_B"
echo "start $1 $ids" >>"$TOPDIR/log"
echo "$COSIM_RESOURCE_BOARD|$COSIM_SLOT|$3" >"$TOPDIR/$1.got"
[ -n "$WAITFOR" ] && while [ ! -e "$TOPDIR/$WAITFOR" ]; do sleep 0.05; done
sleep "$2"
echo "end $1 $ids" >>"$TOPDIR/log"
EOT
chmod +x bin/hold

# overlaps: lines of the log where an id was taken while held (by name)
overlaps() {
	awk '$1 == "start" { for (i = 3; i <= NF; i++) { if (held[$i]) print; held[$i] = 1 } }
	     $1 == "end" { for (i = 3; i <= NF; i++) delete held[$i] }' log
}

# needs TEST NAME NEED IDS: make the spec of TEST need what cosimgen
# refuses to write (more slots than the resource has)
needs() {
	sed -i "/^resource /d" out/tests/$1/spec
	echo "resource $2 $3 $4" >>out/tests/$1/spec
}

{
	printf '[cosimgen]\nbuilddir = out\ntimeout = 30\nenv = TOPDIR=%s\n' "$d"
	printf '[resource:board]\nids = b0 b1 b2\n'
	# 1-board tests of unequal lengths, so that they seldom end together
	for t in s1:0.3 s2:0.45 s3:0.6 big s4:0.35 s5:0.5 s6:0.3 s7:0.45 \
	    s8:0.6 s9:0.35 s10:0.5; do
		printf '[test:%s]\n' ${t%:*}
		if [ $t = big ]; then
			printf 'resources = board:2\n'
			printf 'command = %s/bin/hold big 0.5 {resource:board}\n' "$d"
		else
			printf 'resources = board\n'
			printf 'command = %s/bin/hold %s %s\n' "$d" ${t%:*} ${t#*:}
		fi
	done
} >tests.ini
check "resources: cosimgen" "$COSIMGEN" tests.ini
ninja -j11 >ninja1.out 2>&1
for t in s1 s2 s3 big s4 s5 s6 s7 s8 s9 s10; do
	expect $t pass
done
got=$(cat big.got)
ids=${got%%|*}
set -- $ids
[ $# -eq 2 ] && [ "$1" != "$2" ] && echo " b0 b1 b2 " | grep -q " $1 " &&
    echo " b0 b1 b2 " | grep -q " $2 " &&
    ok "big: two distinct ids in COSIM_RESOURCE_BOARD ($ids)" ||
    fail "big: two distinct ids in COSIM_RESOURCE_BOARD" "$got"
same "big: {resource:board} and COSIM_SLOT (the first id)" "$ids|$1|$ids" "$got"
same "big: the result names the slots held" "board $ids" "$(field big resource)"
same "s1: one id" 1 "$(cut -d'|' -f1 s1.got | wc -w)"
same "resources: no slot held by two tests at once" "" "$(overlaps)"

# Starvation, without a pool (as make runs tests, every launcher waits):
# three 1-board tests hold the boards until go exists; the 2-board test
# queues, then seven 1-board tests do. When the boards free, the 2-board
# test is served first, not after the stream of 1-board tests.
rm -f log
for t in s1 s2 s3; do
	WAITFOR=go timeout 120 "$RUN" out/tests/$t/spec >$t.out 2>&1 &
done
# queued N: wait until N tests wait in the queue
queued() {
	i=0
	while [ "$(ls out/resources/queue 2>/dev/null | wc -l)" -ne "$1" ] && [ $i -lt 400 ]; do
		sleep 0.05
		i=$((i + 1))
	done
}
i=0
while [ "$(grep -c '^start' log 2>/dev/null)" != 3 ] && [ $i -lt 400 ]; do
	sleep 0.05
	i=$((i + 1))
done
timeout 120 "$RUN" out/tests/big/spec >big.out 2>&1 &
queued 1
n=1
for t in s4 s5 s6 s7 s8 s9 s10; do
	timeout 120 "$RUN" out/tests/$t/spec >$t.out 2>&1 &
	n=$((n + 1))
	queued $n	# one at a time: their order in the queue is known
done
touch go
wait
last_small=$(grep -n '^start s' log | tail -n 1 | cut -d: -f1)
end_big=$(grep -n '^end big' log | cut -d: -f1)
[ -n "$end_big" ] && [ "$end_big" -lt "$last_small" ] &&
    ok "big: not starved: it ended before the last 1-board test started" ||
    fail "big: not starved: it ended before the last 1-board test started" "$(cat log)"
same "starvation: no slot held by two tests at once" "" "$(overlaps)"

# Two resources, taken in either order, all or none, by launchers started
# at once without a pool (as make runs them): no deadlock.
cat >two.ini <<EOT
[cosimgen]
builddir = out
timeout = 30
env = TOPDIR=$d

[resource:lic_a]
ids = a0

[resource:lic_b]
ids = b0
EOT
# abN need lic_a and lic_b, baN the same named the other way round
for t in ab1:lic_a:lic_b ba1:lic_b:lic_a a1:lic_a b1:lic_b ab2:lic_a:lic_b \
    ba2:lic_b:lic_a a2:lic_a b2:lic_b; do
	printf '[test:%s]\ncommand = %s/bin/hold %s 0.2\nresources = %s\n' \
	    ${t%%:*} "$d" ${t%%:*} "$(echo ${t#*:} | tr : ' ')" >>two.ini
done
rm -rf out build.ninja log
check "two resources: cosimgen" "$COSIMGEN" two.ini
pids=
for t in ab1 ba1 a1 b1 ab2 ba2 a2 b2; do
	timeout 120 "$RUN" out/tests/$t/spec >$t.out 2>&1 &
	pids="$pids $!"
done
for p in $pids; do
	wait $p
done
n=0
for t in ab1 ba1 a1 b1 ab2 ba2 a2 b2; do
	[ "$(field $t status)" = pass ] && n=$((n + 1))
done
same "two resources: every test ran, none deadlocked" 8 $n
same "two resources: no slot held by two tests at once" "" "$(overlaps)"
same "two resources: COSIM_RESOURCE_<NAME> of each" "start ab1 a0 b0" \
    "$(grep '^start ab1' log)"
same "two resources: the result names both" "lic_a a0 lic_b b0" \
    "$(sed -n 's/^resource //p' out/tests/ab1/result | tr '\n' ' ' | sed 's/ $//')"

# The same under GNU make, which has no pools: every test waits in its
# launcher, holding a make job.
rm -rf out log
printf 'check: cosim-check\ninclude cosim.mk\n' >Makefile
check "two resources: cosimgen -G make" "$COSIMGEN" -G make two.ini -o cosim.mk
timeout 300 make -j8 check >make.out 2>&1
n=0
for t in ab1 ba1 a1 b1 ab2 ba2 a2 b2; do
	[ "$(field $t status)" = pass ] && n=$((n + 1))
done
same "make: every test ran, none deadlocked" 8 $n
same "make: no slot held by two tests at once" "" "$(overlaps)"

# Waiting is not the test's time; an interrupt while waiting ends the run.
cat >wait.ini <<EOT
[cosimgen]
builddir = out
env = TOPDIR=$d

[resource:board]
ids = b0

[test:holder]
resources = board
command = $d/bin/hold holder 0
env = TOPDIR=$d WAITFOR=release
timeout = 60

[test:patient]
resources = board
command = $d/bin/hold patient 0.1
timeout = 2

[test:impatient]
resources = board
command = $d/bin/hold impatient 0.1
EOT
rm -rf out build.ninja log
check "waiting: cosimgen" "$COSIMGEN" wait.ini
"$RUN" out/tests/holder/spec >holder.out 2>&1 &
holder=$!
i=0
while [ ! -e holder.got ] && [ $i -lt 400 ]; do
	sleep 0.05
	i=$((i + 1))
done
"$RUN" out/tests/patient/spec >patient.out 2>&1 &
patient=$!
queued 1
"$RUN" out/tests/impatient/spec >impatient.out 2>&1 &
impatient=$!
queued 2
kill -INT $impatient
wait $impatient
same "waiting: an interrupt while waiting ends cosim-run through it" 130 $?
expect impatient interrupted 'interrupted by signal 2'
[ ! -e impatient.got ] && ok "waiting: the interrupted test never started" ||
    fail "waiting: the interrupted test never started"
sleep 2.5	# past patient's timeout, while it waits
touch release
wait $holder
wait $patient
expect holder pass
expect patient pass
[ "$(field patient duration_ms)" -lt 2000 ] &&
    ok "waiting: the wait is not in the test's duration" ||
    fail "waiting: the wait is not in the test's duration" "$(field patient duration_ms)"
same "waiting: the queue is empty again" 0 "$(ls out/resources/queue | wc -l)"

# A need larger than the resource: an error, nothing waits.
needs patient board 2 "b0"
"$RUN" out/tests/patient/spec >toomany.out 2>&1
expect patient error "resource 'board 2 b0' cannot be used"
