#!/usr/bin/env python3
"""A client that reports a failure only in its output (and exits 0): the
manifest's fail_patterns catch it."""
from cosim_client import Simulator

with Simulator() as sim:
    total = sum(int(sim.request(f"add {i} {i}")) for i in range(10))
print(f"checksum {total}")
print("FAIL: checksum mismatch, expected 91")
