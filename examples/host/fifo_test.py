#!/usr/bin/env python3
"""Co-simulation test of the FIFO against a Python model (a deque).
Usage: fifo_test.py fill|order|random [COUNT]."""
import collections
import os
import random
import sys

from cosim_client import Simulator

mode = sys.argv[1]
count = int(sys.argv[2]) if len(sys.argv) > 2 else 200
rng = random.Random(int(os.environ.get("COSIM_SEED", "1")))
model = collections.deque()
with Simulator() as sim:
    depth = int(sim.request("depth"))

    def push(v):
        want = "full" if len(model) == depth else "ok"
        if want == "ok":
            model.append(v)
        got = sim.request(f"push {v}")
        assert got == want, f"push {v}: {got}, expected {want}"

    def pop():
        want = str(model.popleft()) if model else "empty"
        got = sim.request("pop")
        assert got == want, f"pop: {got}, expected {want}"

    if mode == "fill":          # to full and past it, then to empty
        for v in range(depth + 2):
            push(v)
        for _ in range(depth + 2):
            pop()
    elif mode == "order":       # values come out in the order they went in
        for v in range(depth):
            push(v * 7 % 256)
        for _ in range(depth):
            pop()
    else:                       # random pushes and pops
        for _ in range(count):
            if rng.random() < 0.55:
                push(rng.randrange(256))
            else:
                pop()
    assert sim.request("count") == str(len(model))
print(f"fifo_test {mode}: depth {depth}, model and RTL agree")
