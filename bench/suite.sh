#!/bin/bash
# bench/suite.sh [N] - a real co-simulation suite, 3 designs x N tests
# (default 40), each test a Python client making 200 requests through the
# bridge to a Verilator simulation: cosimgen + ninja -j2 against the same
# tests written the usual pytest way (pytest-xdist -n 2, a fixture that
# compiles the design into the test's tmp_path and starts the simulator).
# Cold start, then again after one test was edited. Prints both ratios;
# asserts nothing. Goal: >= 5x faster cold. Needs pytest and pytest-xdist
# (pip install pytest pytest-xdist).
set -eu
# cold means cold: no compiler cache for either side
export CCACHE_DISABLE=1
top=$(cd "$(dirname "$0")/.." && pwd)
n=${1:-40}
w=$(mktemp -d "${TMPDIR:-/tmp}/cosim-suite.XXXXXX")
trap 'rm -rf "$w"' EXIT
python3 -c 'import pytest, xdist' 2>/dev/null ||
    { echo "needs pytest and pytest-xdist: pip install pytest pytest-xdist"; exit 1; }
ex=$top/examples
t=$top/templates
mkdir -p "$w/cg" "$w/py"
cp -R "$ex/rtl" "$ex/tb" "$ex/host" "$w/cg/"

# --- the cosimgen suite ---
{
	printf '[cosimgen]\nbuilddir = out\nflags = -Wno-fatal\nenv = PYTHONPATH={templates}\n\n'
	printf '[design:adder8]\nsources = rtl/adder.sv tb/adder_cosim.sv\ntop = adder_cosim\n\n'
	printf '[design:adder16]\nsources = rtl/adder.sv tb/adder_cosim.sv\ntop = adder_cosim\nparams = WIDTH=16\n\n'
	printf '[design:fifo8]\nsources = rtl/fifo.sv tb/fifo_cosim.sv\ntop = fifo_cosim\n\n'
	for ((i = 0; i < n; i++)); do
		printf '[test:a8_%d]\ndesign = adder8\ncommand = python3 {srcdir}/host/adder_test.py 200\nseed = %d\n\n' "$i" "$i"
		printf '[test:a16_%d]\ndesign = adder16\ncommand = python3 {srcdir}/host/adder_test.py 200\nseed = %d\n\n' "$i" "$i"
		printf '[test:f8_%d]\ndesign = fifo8\ncommand = python3 {srcdir}/host/fifo_test.py random 200\nseed = %d\n\n' "$i" "$i"
	done
} >"$w/cg/tests.ini"

# --- the same tests, the pytest way ---
cat >"$w/py/test_suite.py" <<EOT
import os, random, signal, subprocess, sys, time
import pytest

EX = "$ex"
TEMPLATES = "$t"
DESIGNS = {
    "adder8": (["rtl/adder.sv", "tb/adder_cosim.sv"], "adder_cosim", []),
    "adder16": (["rtl/adder.sv", "tb/adder_cosim.sv"], "adder_cosim", ["-GWIDTH=16"]),
    "fifo8": (["rtl/fifo.sv", "tb/fifo_cosim.sv"], "fifo_cosim", []),
}
N = $n


def build_and_start(tmp_path, design):
    sources, top, params = DESIGNS[design]
    subprocess.run(["verilator", "--binary", "-j", "1", "-MAKEFLAGS", "-s",
                    "--Mdir", str(tmp_path / "obj"), "--top-module", top,
                    "-Wno-fatal", "-I" + TEMPLATES, *params,
                    *[os.path.join(EX, s) for s in sources],
                    os.path.join(TEMPLATES, "cosim_bridge.c")],
                   check=True, capture_output=True)
    sim = subprocess.Popen([str(tmp_path / "obj" / ("V" + top))], cwd=tmp_path,
                           stdout=subprocess.DEVNULL, start_new_session=True)
    cfg = tmp_path / "cosim.cfg"
    for _ in range(1000):
        if cfg.exists():
            break
        time.sleep(0.005)
    port = int(cfg.read_text().split(":")[1])
    return sim, port


def run(tmp_path, design, script, args, seed):
    sim, port = build_and_start(tmp_path, design)
    try:
        env = dict(os.environ, COSIM_PORT=str(port), COSIM_HOST="127.0.0.1",
                   COSIM_SEED=str(seed), PYTHONPATH=TEMPLATES,
                   COSIM_PROPERTIES=str(tmp_path / "props"))
        subprocess.run([sys.executable, os.path.join(EX, "host", script), *args],
                       env=env, check=True, capture_output=True, timeout=60)
        sim.wait(timeout=10)
    finally:
        if sim.poll() is None:
            os.killpg(sim.pid, signal.SIGKILL)


@pytest.mark.parametrize("i", range(N))
def test_a8(tmp_path, i):
    run(tmp_path, "adder8", "adder_test.py", ["200"], i)


@pytest.mark.parametrize("i", range(N))
def test_a16(tmp_path, i):
    run(tmp_path, "adder16", "adder_test.py", ["200"], i)


@pytest.mark.parametrize("i", range(N))
def test_f8(tmp_path, i):
    run(tmp_path, "fifo8", "fifo_test.py", ["random", "200"], i)
EOT

secs() { local s e; s=$(date +%s.%N); "$@" >/dev/null 2>&1 || echo "  (exit $? from: $*)" >&2; e=$(date +%s.%N); awk -v s="$s" -v e="$e" 'BEGIN { print e - s }'; }
echo "3 designs x $n co-simulation tests (Verilator, 200 requests each), -j2 / -n 2"
cg_cold=$(cd "$w/cg" && secs sh -c "$top/cosimgen tests.ini && ninja -j2")
py_cold=$(cd "$w/py" && secs python3 -m pytest -q -n 2 -p no:cacheprovider test_suite.py)
# edit one test: cosimgen reruns it alone; pytest runs the suite again
sed -i '0,/adder_test.py 200/s//adder_test.py 201/' "$w/cg/tests.ini"
sed -i 's/run(tmp_path, "adder8", "adder_test.py", \["200"\], i)/run(tmp_path, "adder8", "adder_test.py", ["201" if i == 0 else "200"], i)/' "$w/py/test_suite.py"
cg_edit=$(cd "$w/cg" && secs ninja -j2)
py_edit=$(cd "$w/py" && secs python3 -m pytest -q -n 2 -p no:cacheprovider test_suite.py)
printf 'cold:             cosimgen+ninja %7.1f s   pytest-xdist %7.1f s   ratio %.1fx\n' \
    "$cg_cold" "$py_cold" "$(awk -v a="$py_cold" -v b="$cg_cold" 'BEGIN { print a / b }')"
printf 'one test edited:  cosimgen+ninja %7.1f s   pytest-xdist %7.1f s   ratio %.1fx\n' \
    "$cg_edit" "$py_edit" "$(awk -v a="$py_edit" -v b="$cg_edit" 'BEGIN { print a / b }')"
tail -n 1 "$w/cg/out/summary.txt" | sed 's/^/cosimgen summary: /'
