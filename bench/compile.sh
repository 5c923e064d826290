#!/bin/bash
# bench/compile.sh [acc|big] - what compiling Verilator designs costs.
# The design is bench/acc.sv (an accumulator and its self-checking
# testbench, a toy) or, with "big", the ~4,700 lines of 120 modules that
# bench/bigdesign.py writes (the design's own C++ then matters). Each is
# built at three widths (W = 8, 16, 32: three distinct designs) with 10
# tests each (a seed and +n= cycles). Paired, alternating, every run cold
# (fresh build directories), no compiler cache (CCACHE_DISABLE=1):
#   1. one design against three (cosimgen + ninja -j2 cosim-compile):
#      what a second and third design add. Goal: <= 1.3x.
#   2. the 3 x 10 suite, cosimgen + ninja -j2 against pytest-xdist -n 2
#      with a call-once compile fixture (each design compiled by the first
#      worker that needs it, under a lock, `verilator --binary -j 2`, the
#      other waiting for it). Goal: the peer >= 2.5x cosimgen's time.
#   3. the same two with a warm ccache on both sides (a private
#      CCACHE_DIR, warmed by one run of each; the build directories stay
#      fresh).
#   4. where the time goes: one cold cosimgen run's compile durations
#      (the shared runtime, each design) from its results.json.
# Prints medians (with min and max) and the median of the pair ratios;
# asserts nothing. RUNS (default 3) pairs after one warm-up pair.
#
# pytest and pytest-xdist: PEER_PYTHON names a python that has them
# (default: the venv bench/cocotb.sh makes, else ~/.cache/cosimgen-bench/
# pytest, made with python3 -m venv and pip install pytest pytest-xdist).
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
kind=${1:-acc}
runs=${RUNS:-3}
case $kind in acc|big) ;; *) echo "usage: bench/compile.sh [acc|big]" >&2; exit 2 ;; esac
[ -x "$top/cosimgen" ] && [ -x "$top/cosim-run" ] || { echo "build first: make"; exit 1; }
command -v verilator >/dev/null || { echo "verilator not found"; exit 1; }

peer_python() {
	for p in "${PEER_PYTHON:-}" "$HOME/.cache/cosimgen-bench/cocotb-1.9.2/bin/python" \
	    "$HOME/.cache/cosimgen-bench/pytest/bin/python"; do
		[ -n "$p" ] && [ -x "$p" ] && "$p" -c 'import pytest, xdist' 2>/dev/null &&
		    { echo "$p"; return; }
	done
	python3 -m venv "$HOME/.cache/cosimgen-bench/pytest" >&2 &&
	    "$HOME/.cache/cosimgen-bench/pytest/bin/pip" -q install pytest pytest-xdist >&2 &&
	    echo "$HOME/.cache/cosimgen-bench/pytest/bin/python"
}
py=$(peer_python) || { echo "needs pytest and pytest-xdist (PEER_PYTHON)"; exit 1; }

w=$(mktemp -d "${TMPDIR:-/tmp}/cosim-compile.XXXXXX")
trap 'rm -rf "$w"' EXIT
if [ "$kind" = big ]; then
	python3 "$top/bench/bigdesign.py" "$w/design.sv" 120
	tb=big_tb n=20000
else
	cp "$top/bench/acc.sv" "$w/design.sv"
	tb=acc_tb n=200000
fi
widths="8 16 32"
tests=10

manifest() {	# manifest WIDTH...: a design per width, 10 tests each
	printf '[cosimgen]\nbuilddir = out\nready = none\nflags = -Wno-fatal\n\n'
	for wd in "$@"; do
		printf '[design:w%s]\nsources = design.sv\ntop = %s\nparams = W=%s\n\n' \
		    "$wd" "$tb" "$wd"
		for ((i = 0; i < tests; i++)); do
			printf '[test:w%s_%d]\ndesign = w%s\nplusargs = +seed=%d +n=%d\n' \
			    "$wd" "$i" "$wd" "$i" "$n"
			printf 'pass_patterns = ^PASS\n\n'
		done
	done
}
mkdir -p "$w/one" "$w/three" "$w/py"
cp "$w/design.sv" "$w/one/"
cp "$w/design.sv" "$w/three/"
manifest 8 >"$w/one/tests.ini"
# shellcheck disable=SC2086
manifest $widths >"$w/three/tests.ini"

cat >"$w/py/test_suite.py" <<EOT
import fcntl, os, subprocess
import pytest

SRC = "$w/design.sv"
TOP = "$tb"
BUILD = os.path.join(os.path.dirname(os.path.abspath(__file__)), "build")


def simulator(width):
    """The design at this width, compiled once for all workers."""
    os.makedirs(BUILD, exist_ok=True)
    mdir = os.path.join(BUILD, "w%d" % width)
    exe = os.path.join(mdir, "V" + TOP)
    with open(mdir + ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not os.path.exists(exe):
            subprocess.run(["verilator", "--binary", "-j", "2", "-Wno-fatal",
                            "--Mdir", mdir, "--top-module", TOP,
                            "-GW=%d" % width, SRC],
                           check=True, capture_output=True)
    return exe


@pytest.mark.parametrize("width", [${widths// /, }])
@pytest.mark.parametrize("seed", range($tests))
def test_design(width, seed):
    r = subprocess.run([simulator(width), "+seed=%d" % seed, "+n=$n"],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 0 and r.stdout.startswith("PASS"), r.stdout
EOT

fresh="rm -rf out build.ninja .ninja_log"
cg_compile="$top/cosimgen tests.ini >/dev/null && ninja -j2 cosim-compile"
cg_suite="$top/cosimgen tests.ini >/dev/null && ninja -j2"
px="$py -m pytest -q -n 2 -p no:cacheprovider test_suite.py"

round() {	# round LABEL WHAT [GOAL1 GOAL2]: the comparisons, under the
	# caller's ccache setting (the goals are the issue's, for cold runs)
	echo "== $1 ($2)"
	echo
	echo "A = three designs, B = one design (cosimgen + ninja -j2 cosim-compile)"
	PAIR_LABEL="$kind, $1: 3 designs / 1 design" PAIR_GOAL="${3:-}" \
	python3 "$top/bench/pair.py" "$runs" \
	    "cd $w/three && $fresh" "cd $w/three && $cg_compile" \
	    "cd $w/one && $fresh" "cd $w/one && $cg_compile"
	echo
	echo "A = pytest-xdist -n 2 with a call-once compile fixture, B = cosimgen + ninja -j2"
	echo "    (the 3 x $tests suite)"
	PAIR_LABEL="$kind, $1: pytest-xdist call-once / cosimgen, 3 x $tests" \
	PAIR_GOAL="${4:-}" python3 "$top/bench/pair.py" "$runs" \
	    "cd $w/py && rm -rf build" "cd $w/py && $px" \
	    "cd $w/three && $fresh" "cd $w/three && $cg_suite"
	echo
}

echo "design: $kind ($(wc -l <"$w/design.sv") lines), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo
CCACHE_DISABLE=1 round cold "fresh build directories, no compiler cache" \
    "<= 1.3" ">= 2.5"
if command -v ccache >/dev/null; then
	export CCACHE_DIR="$w/ccache" OBJCACHE=ccache
	unset CCACHE_DISABLE
	(cd "$w/three" && eval "$fresh" && eval "$cg_suite" >/dev/null 2>&1)
	(cd "$w/py" && rm -rf build && eval "$px" >/dev/null 2>&1)
	(cd "$w/one" && eval "$fresh" && eval "$cg_compile" >/dev/null 2>&1)
	round "ccache warm" "fresh build directories, a warm ccache on both sides: the peer's verilator finds it through OBJCACHE"
	unset CCACHE_DIR OBJCACHE
else
	echo "(ccache is not installed: no warm-cache comparison)"
	echo
fi

echo "== where the time goes (one cold run of the 3 x $tests suite, no compiler cache)"
(cd "$w/three" && eval "$fresh" && CCACHE_DISABLE=1 eval "$cg_suite" >/dev/null 2>&1) || true
python3 - "$w/three/out/results.json" <<'EOT'
import json, sys
d = json.load(open(sys.argv[1]))
for c in d["compiles"]:
    what = "runtime" if c["dir"].startswith("runtime/") else " ".join(c["designs"])
    print("  compile %-8s %6.2f s" % (what, c["duration_ms"] / 1000))
t = [r["duration_ms"] for r in d["tests"] if r.get("duration_ms") is not None]
print("  tests: %d, %.2f s in all, %.3f s each on average" % (len(t), sum(t) / 1000, sum(t) / 1000 / max(len(t), 1)))
EOT
