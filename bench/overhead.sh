#!/bin/bash
# bench/overhead.sh [N] - the cost of running trivial tests: N (default
# 1000) tests of /bin/true at -j2 through cosimgen + ninja + cosim-run,
# against CTest running the same tests (ctest -j2) and a bare posix_spawn
# floor, paired and alternating; last, the same graph with a launcher that
# does nothing (bench/nulllauncher.c) against CTest: the floor of any
# launcher under ninja. Prints medians and the median ratios; it asserts
# nothing. Goal: cosimgen+ninja <= 0.85x CTest.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
n=${1:-1000}
runs=${RUNS:-5}
w=$(mktemp -d "${TMPDIR:-/tmp}/cosim-overhead.XXXXXX")
trap 'rm -rf "$w"' EXIT
command -v ctest >/dev/null || { echo "ctest not found (apt-get install cmake)"; exit 1; }
[ -x "$top/cosimgen" ] && [ -x "$top/cosim-run" ] || { echo "build first: make"; exit 1; }
cc -O2 -o "$w/spawnfloor" "$top/bench/spawnfloor.c"
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
echo
echo "A = cosimgen tests.ini && ninja -j2 (fresh build directory each run)"
echo "B = ctest -j2"
python3 "$top/bench/pair.py" "$runs" \
    "cd $w/cg && rm -rf out build.ninja .ninja_log .ninja_deps" \
    "cd $w/cg && $top/cosimgen tests.ini && ninja -j2" \
    "" "cd $w/ct && ctest -j2 -Q"
echo
echo "A = ninja -j2 alone (the graph exists; every test reruns)"
echo "B = ctest -j2"
python3 "$top/bench/pair.py" "$runs" \
    "cd $w/cg && rm -f out/tests/*/stamp" \
    "cd $w/cg && ninja -j2" \
    "" "cd $w/ct && ctest -j2 -Q"
echo
echo "A = ninja -j2 alone, B = the posix_spawn floor (same N, 2 at a time)"
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
python3 "$top/bench/pair.py" "$runs" \
    "cd $w/cg && rm -f out/tests/*/stamp" \
    "cd $w/cg && ninja -f null.ninja -j2 \$(cat targets)" \
    "" "cd $w/ct && ctest -j2 -Q"
