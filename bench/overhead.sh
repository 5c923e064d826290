#!/bin/bash
# bench/overhead.sh [N] - the cost of running trivial tests: N (default
# 1000) tests of /bin/true at -j2 through cosimgen + ninja + cosim-run,
# against CTest running the same tests (ctest -j2) and a bare posix_spawn
# floor, paired and alternating; then the same graph with a launcher that
# does nothing (bench/nulllauncher.c, static where it links) against
# CTest: the floor of any launcher under ninja; last, what one test's
# launcher asks of the kernel (strace, when installed). Prints medians
# and the median ratios; it asserts nothing.
# Goals (issue 15): a fresh build directory, generation and the report
# included, <= 1.3x CTest writing JUnit; every test rerun <= 0.95x CTest.
# COSIM_RUN_B=PATH adds a pair: the rerun with this tree's cosim-run
# against the same graph calling PATH (say, a cosim-run built with
# ./configure --disable-static-launcher).
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
n=${1:-1000}
runs=${RUNS:-5}
w=$(mktemp -d "${TMPDIR:-/tmp}/cosim-overhead.XXXXXX")
trap 'rm -rf "$w"' EXIT
command -v ctest >/dev/null || { echo "ctest not found (apt-get install cmake)"; exit 1; }
[ -x "$top/cosimgen" ] && [ -x "$top/cosim-run" ] || { echo "build first: make"; exit 1; }
cc -O2 -o "$w/spawnfloor" "$top/bench/spawnfloor.c"
cc -O2 -static -o "$w/nulllauncher" "$top/bench/nulllauncher.c" 2>/dev/null ||
	cc -O2 -o "$w/nulllauncher" "$top/bench/nulllauncher.c"

mkdir -p "$w/cg" "$w/ct"
{
	printf '[cosimgen]\nbuilddir = out\n\n'
	for ((i = 0; i < n; i++)); do
		printf '[test:t%d]\ncommand = /bin/true\n\n' "$i"
	done
} >"$w/cg/tests.ini"
for ((i = 0; i < n; i++)); do
	printf 'add_test(t%d "/bin/true")\n' "$i"
done >"$w/ct/CTestTestfile.cmake"

echo "$n tests of /bin/true at -j2, $runs paired runs (after one warm-up pair)"
echo "cosim-run: $(file -b "$top/cosim-run" | grep -o 'statically linked\|dynamically linked')"
echo
echo "A = cosimgen tests.ini && ninja -j2 (fresh build directory each run;"
echo "    the report edge writes JUnit, JSON and HTML)"
echo "B = ctest -j2 --output-junit"
PAIR_LABEL="$n trivial tests, fresh builddir + report / ctest --output-junit" \
PAIR_GOAL="<= 1.3" python3 "$top/bench/pair.py" "$runs" \
    "cd $w/cg && rm -rf out build.ninja .ninja_log .ninja_deps" \
    "cd $w/cg && $top/cosimgen tests.ini && ninja -j2" \
    "" "cd $w/ct && ctest -j2 -Q --output-junit $w/ct/junit.xml"
echo
echo "A = ninja -j2 alone (the graph exists; every test reruns)"
echo "B = ctest -j2"
PAIR_LABEL="$n trivial tests, every test rerun / ctest" PAIR_GOAL="<= 0.95" \
    python3 "$top/bench/pair.py" "$runs" \
    "cd $w/cg && rm -f out/tests/*/stamp" \
    "cd $w/cg && ninja -j2" \
    "" "cd $w/ct && ctest -j2 -Q"
echo
echo "A = ninja -j2 alone, B = the posix_spawn floor (same N, 2 at a time)"
PAIR_LABEL="$n trivial tests, every test rerun / posix_spawn floor" \
    python3 "$top/bench/pair.py" "$runs" \
    "cd $w/cg && rm -f out/tests/*/stamp" \
    "cd $w/cg && ninja -j2" \
    "" "$w/spawnfloor $n 2 /bin/true"
echo
echo "A = ninja -j2 on the same graph with a launcher that does nothing but"
echo "    run /bin/true and touch the stamp (the floor of any launcher: ninja"
echo "    runs each edge as /bin/sh -c 'exec LAUNCHER ...', so every test costs"
echo "    three execs, against CTest's one)"
echo "B = ctest -j2"
sed "s|^cosim_run = .*|cosim_run = $w/nulllauncher|" "$w/cg/build.ninja" >"$w/cg/null.ninja"
for ((i = 0; i < n; i++)); do printf 'test/t%d\n' "$i"; done >"$w/cg/targets"
PAIR_LABEL="$n trivial tests, a launcher that does nothing / ctest" \
    python3 "$top/bench/pair.py" "$runs" \
    "cd $w/cg && rm -f out/tests/*/stamp" \
    "cd $w/cg && ninja -f null.ninja -j2 \$(cat targets)" \
    "" "cd $w/ct && ctest -j2 -Q"

if [ -n "${COSIM_RUN_B:-}" ]; then
	echo
	echo "A = ninja -j2 alone, every test rerun, with $top/cosim-run"
	echo "B = the same with $COSIM_RUN_B"
	sed "s|^cosim_run = .*|cosim_run = $COSIM_RUN_B|" "$w/cg/build.ninja" >"$w/cg/b.ninja"
	PAIR_LABEL="$n trivial tests rerun, this cosim-run / COSIM_RUN_B" \
	    python3 "$top/bench/pair.py" "$runs" \
	    "cd $w/cg && rm -f out/tests/*/stamp" \
	    "cd $w/cg && ninja -j2 \$(cat targets)" \
	    "cd $w/cg && rm -f out/tests/*/stamp" \
	    "cd $w/cg && ninja -f b.ninja -j2 \$(cat targets)"
fi

# syscalls NAME: what one run of test t0's launcher (with its spawn
# child and /bin/true) asks of the kernel: all calls, then those on the
# file system (open, stat, mkdir, rename, ...; execve apart), by name.
fileops='^(open|openat|creat|stat|lstat|newfstatat|statx|access|faccessat2?|mkdir|mkdirat|rename|renameat2?|unlink|unlinkat|rmdir|link|linkat|symlink|readlink|readlinkat|utimensat|chdir|getcwd|getdents64|flock|ftruncate)$'
syscalls() {
	(cd "$w/cg" && strace -f -c -o "$w/st" "$top/cosim-run" --stamp \
	    out/tests/t0/stamp out/tests/t0/spec >/dev/null)
	awk -v name="$1" -v re="$fileops" '
	$1 ~ /^[0-9.]+$/ && $NF != "total" {
		all += $4
		if ($NF ~ re) { files += $4; list = list " " $NF " " $4 }
	}
	END { printf "  %s: %d calls, %d on files:%s\n", name, all, files, list }
	' "$w/st"
}
if command -v strace >/dev/null; then
	echo
	echo "One test's launcher under strace -f (/bin/true's loader included)"
	(cd "$w/cg" && rm -rf out/tests/t0/run out/tests/t0/pids \
	    out/tests/t0/result* out/tests/t0/repro.sh out/tests/t0/stamp)
	syscalls "fresh"
	(cd "$w/cg" && rm -f out/tests/t0/stamp)
	syscalls "rerun"
fi
