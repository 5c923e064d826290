#!/usr/bin/env python3
"""A plain command test: no simulator, no compile. It checks the
environment cosim-run gives every test and records a property."""
import os
import sys

for var in ("COSIM_TEST", "COSIM_RUNDIR", "COSIM_PROPERTIES", "COSIM_SEED"):
    if not os.environ.get(var):
        sys.exit(f"{var} is not set")
if os.getcwd() != os.environ["COSIM_RUNDIR"]:
    sys.exit("the test does not run in its run directory")
with open(os.environ["COSIM_PROPERTIES"], "a") as props:
    props.write(f"python={sys.version.split()[0]}\n")
print("environment ok")
