#!/usr/bin/env python3
"""A co-simulation client with a wrong expectation: its assertion fails."""
from cosim_client import Simulator

with Simulator() as sim:
    got = sim.request("add 2 2")
    assert got == "5", f"2 + 2: the simulator said {got}, the test wanted 5"
