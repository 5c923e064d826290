"""A module that does not import: cocotb writes no results file."""
import cocotb
import no_such_module_xyz  # noqa: F401


@cocotb.test()
async def test_any(dut):
    pass
