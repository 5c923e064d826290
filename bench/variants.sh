#!/bin/bash
# bench/variants.sh - what a waves variant and a coverage variant add to
# the compile of one example design (examples/tests.ini's adder8: the
# adder and its self-checking testbench on Verilator), cold, without
# ccache, paired and alternating through bench/pair.py:
#   1. `ninja test/T` (the plain compile, its runtime and link, one short
#      run) against `ninja waves/T` after it (the waves variant, its own
#      --trace-fst runtime, the rerun with waves): what asking for waves
#      costs on top of a built design;
#   2. `ninja test/T` with coverage = yes against the same without: what
#      building the suite for coverage costs.
# Prints medians and ratios; it asserts nothing.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
runs=${RUNS:-5}
w=$(mktemp -d "${TMPDIR:-/tmp}/cosim-variants.XXXXXX")
trap 'rm -rf "$w"' EXIT
command -v verilator >/dev/null || { echo "verilator not found"; exit 1; }
[ -x "$top/cosimgen" ] && [ -x "$top/cosim-run" ] || { echo "build first: make"; exit 1; }
ex=$top/examples
for v in plain cov; do
	mkdir -p "$w/$v"
	{
		printf '[cosimgen]\nbuilddir = out\nready = none\n'
		printf 'flags = -Wno-fatal\n'
		[ "$v" = cov ] && printf 'coverage = yes\n'
		printf '\n[design:adder8]\nsources = %s %s\ntop = adder_tb\n\n' \
		    "$ex/rtl/adder.sv" "$ex/tb/adder_tb.sv"
		printf '[test:T]\ndesign = adder8\n'
	} >"$w/$v/tests.ini"
	(cd "$w/$v" && "$top/cosimgen" tests.ini)
done
export CCACHE_DISABLE=1
# a cold start: a fresh build directory, generated again (untimed)
cold="rm -rf out .ninja_log .ninja_deps && $top/cosimgen tests.ini"
echo "examples' adder8 on Verilator, cold, no ccache, -j2, $runs paired runs"
echo "1. the waves variant after the plain build (A: ninja waves/T; B: ninja test/T)"
python3 "$top/bench/pair.py" "$runs" \
    "cd $w/plain && $cold && ninja -j2 test/T >/dev/null" \
    "cd $w/plain && ninja -j2 waves/T" \
    "cd $w/plain && $cold" \
    "cd $w/plain && ninja -j2 test/T"
echo "   (A/B: what waves/T costs, relative to the plain compile and run)"
echo "2. coverage = yes (A) against the plain build (B)"
python3 "$top/bench/pair.py" "$runs" \
    "cd $w/cov && $cold" \
    "cd $w/cov && ninja -j2 test/T" \
    "cd $w/plain && $cold" \
    "cd $w/plain && ninja -j2 test/T"
echo "   (A/B - 1: what the coverage build adds)"
