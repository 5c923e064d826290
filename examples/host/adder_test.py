#!/usr/bin/env python3
"""Co-simulation test of the adder: random additions, checked against
Python's own arithmetic. Usage: adder_test.py [COUNT]. The seed comes from
COSIM_SEED, so a failure reproduces."""
import os
import random
import sys

from cosim_client import Simulator

count = int(sys.argv[1]) if len(sys.argv) > 1 else 100
rng = random.Random(int(os.environ.get("COSIM_SEED", "1")))
with Simulator() as sim:
    width = int(sim.request("width"))
    top = (1 << width) - 1
    for a, b in [(0, 0), (top, 1), (top, top)]:
        assert sim.request(f"add {a} {b}") == str(a + b), (a, b)
    for _ in range(count):
        a, b = rng.randint(0, top), rng.randint(0, top)
        got = sim.request(f"add {a} {b}")
        assert got == str(a + b), f"{a} + {b}: simulator said {got}"
with open(os.environ["COSIM_PROPERTIES"], "a") as props:
    props.write(f"width={width}\nadditions={count + 3}\n")
print(f"adder_test: {count + 3} additions at {width} bits, all right")
