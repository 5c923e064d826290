"""The cocotb tests tests/cocotb-run.test.sh runs one at a time, with
cocotb 1.9 and 2.x alike: each shows one way a test ends."""
import os
import random
import sys
import time

import cocotb
from cocotb.triggers import Timer


@cocotb.test()
async def test_pass(dut):
    dut._log.info("random value %d", random.getrandbits(32))
    await Timer(1, "ns")


@cocotb.test()
async def test_fail(dut):
    await Timer(1, "ns")
    x = 3
    assert x == 4, "x is not four"


@cocotb.test(expect_fail=True)
async def test_xfail(dut):
    assert False, "as expected"


@cocotb.test(expect_fail=True)
async def test_xpass(dut):
    await Timer(1, "ns")


@cocotb.test(expect_error=ValueError)
async def test_xerror(dut):
    raise ValueError("bad value")


@cocotb.test(expect_error=ValueError)
async def test_xerror_passes(dut):
    await Timer(1, "ns")


@cocotb.test(skip=True)
async def test_skipped(dut):
    open("skipped-test-ran", "w").close()


@cocotb.test()
async def test_hang(dut):
    print("hanging", flush=True)
    time.sleep(300)


@cocotb.test()
async def test_flaky(dut):
    assert os.environ["COSIM_ATTEMPT"] != "1", "fails on attempt 1"


@cocotb.test()
async def test_env(dut):
    with open("env.txt", "w") as f:
        for k in sorted(os.environ):
            f.write("%s=%s\n" % (k, os.environ[k]))


@cocotb.test()
async def test_finish_early(dut):
    """The design ends the simulation (its $finish) before the test ends."""
    dut.a.value = 0xEE
    for _ in range(5):
        dut.clk.value = 0
        await Timer(1, "ns")
        dut.clk.value = 1
        await Timer(1, "ns")


@cocotb.test()
async def test_sysexit(dut):
    await Timer(1, "ns")
    sys.exit(0)


@cocotb.test()
async def test_utf8(dut):
    # characters that begin at odd bytes on the first line (cut at 2048
    # bytes in the message), at even ones on the second (cut at 497 bytes
    # in the traceback and the log's tail)
    await Timer(1, "ns")
    assert False, "x" + "\u00e9" * 1100 + "\n" + "\u00e9" * 300
