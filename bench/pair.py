#!/usr/bin/env python3
"""Paired, alternating timing of shell commands: A B A B ...

usage: pair.py RUNS PREP_A CMD_A PREP_B CMD_B
PREP_x runs (untimed) before each CMD_x. Prints min/median/max of each and
the median of the per-pair ratios A/B. Every command runs with sh -c.

With PAIR_TABLE set (bench/all.sh sets it), a row is appended to that
file, tab-separated: PAIR_LABEL, A's and B's medians, the median ratio
and PAIR_GOAL (what the ratio should be), for the summary table."""
import os
import statistics
import subprocess
import sys
import time


def timed(prep, cmd):
    if prep:
        subprocess.run(prep, shell=True, check=True)
    t = time.perf_counter()
    r = subprocess.run(cmd, shell=True, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)
    dt = time.perf_counter() - t
    return dt, r.returncode


def main():
    runs = int(sys.argv[1])
    prep_a, cmd_a, prep_b, cmd_b = sys.argv[2:6]
    a, b = [], []
    for i in range(runs + 1):
        ta, ra = timed(prep_a, cmd_a)
        tb, rb = timed(prep_b, cmd_b)
        if i == 0:
            continue        # warm-up pair
        a.append(ta)
        b.append(tb)
    ratios = [x / y for x, y in zip(a, b)]
    fmt = lambda v: f"median {statistics.median(v):.3f} s (min {min(v):.3f}, max {max(v):.3f})"
    print(f"  A: {fmt(a)}   last exit {ra}")
    print(f"  B: {fmt(b)}   last exit {rb}")
    print(f"  ratio A/B: median {statistics.median(ratios):.2f} "
          f"(min {min(ratios):.2f}, max {max(ratios):.2f})")
    table = os.environ.get("PAIR_TABLE")
    if table:
        with open(table, "a") as f:
            f.write("\t".join([os.environ.get("PAIR_LABEL", "?"),
                               f"{statistics.median(a):.3f}",
                               f"{statistics.median(b):.3f}",
                               f"{statistics.median(ratios):.2f}",
                               os.environ.get("PAIR_GOAL", "")]) + "\n")


main()
