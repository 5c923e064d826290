"""Tests that cocotb 1 knows by other names than the module's: it names a
test by its function's __qualname__ and __module__, in its log and its
results file."""
import cocotb
from cocotb.triggers import Timer

from test_dut import test_pass as test_imported  # noqa: F401


async def _fails(dut):
    await Timer(1, "ns")
    assert False, "the wrapped test fails"


test_wrapped = cocotb.test()(_fails)
