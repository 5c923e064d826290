"""The peers of bench/cocotb.sh: a cocotb module run by cocotb's own runner.

As a script, `python cocotb_peers.py`: one build, then every test of the
module in one simulator (cocotb's runner, the way its docs show).
As a pytest file, `pytest -n 2 cocotb_peers.py`: one pytest test per cocotb
test, each calling the runner with TESTCASE set, so each runs in its own
simulator; the design is built by a session fixture, which pytest-xdist
runs once in each worker, each into a build directory of its own (the
compile-once pattern as it is used with xdist).

Set by bench/cocotb.sh: BENCH_SIM (icarus or verilator), BENCH_RTL (the
HDL source), BENCH_TOP (its top module), BENCH_DIR (where the cocotb module
and the build directories are), BENCH_MODULE (the module's import name),
BENCH_TESTS (its test names, separated by spaces).
"""
import os
import sys

try:
    from cocotb_tools.runner import get_runner  # cocotb 2.x
except ImportError:
    from cocotb.runner import get_runner  # cocotb 1.8, 1.9

SIM = os.environ["BENCH_SIM"]
RTL = os.environ["BENCH_RTL"]
TOP = os.environ["BENCH_TOP"]
DIR = os.environ["BENCH_DIR"]
MODULE = os.environ["BENCH_MODULE"]
TESTS = os.environ["BENCH_TESTS"].split()
TIMESCALE = ("1ns", "1ps")

# the runner hands the simulator sys.path as PYTHONPATH
sys.path.insert(0, DIR)


def build(build_dir):
    runner = get_runner(SIM)
    runner.build(sources=[RTL], hdl_toplevel=TOP, build_dir=build_dir,
                 timescale=TIMESCALE)
    return runner


def run(runner, build_dir, test_dir, testcase=None):
    return runner.test(test_module=MODULE, hdl_toplevel=TOP,
                       build_dir=build_dir, test_dir=test_dir,
                       testcase=testcase, timescale=TIMESCALE)


if "pytest" in sys.modules:
    import pytest

    @pytest.fixture(scope="session")
    def built(worker_id):
        build_dir = os.path.join(DIR, "sim_build_" + worker_id)
        return build(build_dir), build_dir

    @pytest.mark.parametrize("name", TESTS)
    def test_cocotb(built, name, tmp_path):
        runner, build_dir = built
        run(runner, build_dir, tmp_path, testcase=name)


if __name__ == "__main__":
    build_dir = os.path.join(DIR, "sim_build")
    results = run(build(build_dir), build_dir, build_dir)
    failed = open(results).read().count("<failure")
    sys.exit(1 if failed else 0)
