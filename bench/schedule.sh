#!/bin/bash
# bench/schedule.sh - how close the order of the tests gets a run to its
# shortest possible time. Two suites of sleep tests in shuffled manifest
# order:
#   short: 30 tests of 0.2 s and 10 of 2 s at -j4 (bound 6.5 s);
#   long:  10 tests of 2 to 10 s at -j2.
# Each is run, in the same round, by
#   - plain ninja on a hand-written graph in manifest order (no schedule);
#   - cosimgen + ninja twice from an empty builddir (the second run,
#     `cosimgen run --force`, has the first run's history);
#   - CTest on a CMake project of the same tests, twice (the second run
#     has Testing/Temporary/CTestCostData.txt).
# Prints each makespan (wall clock of the command) as a ratio to the
# lower bound max(longest test, total / jobs), the medians over the
# rounds (ROUNDS, default 3, for short; ROUNDS_LONG, default 1, for
# long; 0 leaves a suite out), and cosimgen's second run
# against CTest's. Asserts nothing. Goal: <= 1.05x the bound and no
# worse than CTest.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
w=$(mktemp -d "${TMPDIR:-/tmp}/cosim-schedule.XXXXXX")
trap 'rm -rf "$w"' EXIT
command -v ctest >/dev/null && command -v cmake >/dev/null ||
    { echo "cmake and ctest not found (apt-get install cmake)"; exit 1; }
[ -x "$top/cosimgen" ] && [ -x "$top/cosim-run" ] || { echo "build first: make"; exit 1; }

# suite NAME SEED SPEC...: "NAME DURATION" lines, shuffled with SEED; a
# SPEC is COUNTxSECONDS, or RAND:COUNT:MIN:MAX (whole seconds)
suite() {
	python3 - "$@" <<'PY'
import random, sys
name, seed, specs = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
rng = random.Random(seed)
d = []
for s in specs:
    if s.startswith("RAND:"):
        _, n, lo, hi = s.split(":")
        d += [float(rng.randint(int(lo), int(hi))) for _ in range(int(n))]
    else:
        n, sec = s.split("x")
        d += [float(sec)] * int(n)
rng.shuffle(d)
for i, x in enumerate(d):
    print("%s_%02d %g" % (name, i, x))
PY
}

# now: seconds since the epoch, to the nanosecond
now() { date +%s.%N; }
# timed CMD...: the seconds CMD took (its output dropped)
timed() {
	local t0 t1
	t0=$(now)
	"$@" >/dev/null 2>&1 || true
	t1=$(now)
	echo "$t0 $t1" | awk '{printf "%.3f", $2 - $1}'
}

# setup DIR LIST: the three forms of the suite in LIST under DIR
setup() {
	local d=$1 list=$2
	rm -rf "$d"
	mkdir -p "$d/plain" "$d/cg" "$d/ct/src" "$d/ct/build"
	{
		printf 'rule sleep\n  command = sleep $d && touch $out\n'
		printf '  description = TEST $out\n'
		while read -r n s; do
			printf 'build %s: sleep\n  d = %s\n' "$n" "$s"
		done <"$list"
	} >"$d/plain/build.ninja"
	{
		printf '[cosimgen]\nbuilddir = out\n\n'
		while read -r n s; do
			printf '[test:%s]\ncommand = sleep %s\n\n' "$n" "$s"
		done <"$list"
	} >"$d/cg/tests.ini"
	{
		printf 'cmake_minimum_required(VERSION 3.13)\n'
		printf 'project(schedule NONE)\nenable_testing()\n'
		while read -r n s; do
			printf 'add_test(NAME %s COMMAND sleep %s)\n' "$n" "$s"
		done <"$list"
	} >"$d/ct/src/CMakeLists.txt"
	(cd "$d/ct/build" && cmake -G Ninja ../src >/dev/null)
}

median() { sort -g | awk '{v[NR] = $1} END {m = int((NR + 1) / 2); printf "%.3f", NR % 2 ? v[m] : (v[m] + v[m + 1]) / 2}'; }

# bench NAME JOBS ROUNDS SPEC...
bench() {
	local name=$1 jobs=$2 rounds=$3 list r bound d
	shift 3
	[ "$rounds" -gt 0 ] || return 0
	list="$w/$name.list"
	suite "$name" 12 "$@" >"$list"
	bound=$(awk -v j="$jobs" '{t += $2; if ($2 > m) m = $2} END {b = t / j; printf "%.3f", (b > m ? b : m)}' "$list")
	echo "== $name: $(wc -l <"$list") tests ($*) in shuffled order, -j$jobs;" \
	    "lower bound max(longest, total/jobs) = ${bound} s"
	: >"$w/$name.times"
	for ((r = 1; r <= rounds; r++)); do
		d="$w/$name.$r"
		setup "$d" "$list"
		{
			printf 'plain %s\n' "$(cd "$d/plain" && timed ninja -j"$jobs")"
			printf 'cg1 %s\n' "$(cd "$d/cg" && timed sh -c "'$top/cosimgen' tests.ini && ninja -j$jobs")"
			printf 'ct1 %s\n' "$(cd "$d/ct/build" && timed ctest -j"$jobs" -Q)"
			printf 'cg2 %s\n' "$(cd "$d/cg" && timed "$top/cosimgen" run --force -j "$jobs")"
			printf 'ct2 %s\n' "$(cd "$d/ct/build" && timed ctest -j"$jobs" -Q)"
		} >>"$w/$name.times"
	done
	row() {
		local m
		m=$(awk -v k="$1" '$1 == k {print $2}' "$w/$name.times" | median)
		printf '  %-42s %8.2f s  %6.3fx bound\n' "$2" "$m" \
		    "$(echo "$m $bound" | awk '{print $1 / $2}')"
	}
	row plain "plain ninja, manifest order"
	row cg1 "cosimgen + ninja, first run (no history)"
	row cg2 "cosimgen run --force, second run (history)"
	row ct1 "ctest, first run"
	row ct2 "ctest, second run (CTestCostData.txt)"
	printf '  %-42s %8.3fx\n' "cosimgen / ctest, second runs" \
	    "$(paste <(awk '$1 == "cg2" {print $2}' "$w/$name.times" | median) \
	        <(awk '$1 == "ct2" {print $2}' "$w/$name.times" | median) |
	        awk '{print $1 / $2}')"
	[ "$rounds" -gt 1 ] && echo "  (medians of $rounds rounds)"
	echo
}

bench short 4 "${ROUNDS:-3}" 30x0.2 10x2
bench long 2 "${ROUNDS_LONG:-1}" RAND:10:2:10
