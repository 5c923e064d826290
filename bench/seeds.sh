#!/bin/bash
# bench/seeds.sh [N] - a regression of one short Verilator test under N
# seeds (default 100; seeds = N, tests NAME.SEED) against N hand-written
# tests of the same testbench, each with its own seed = (the suite people
# write without seeds), paired and alternating through bench/pair.py: a
# fresh build directory each time, generation, the runs and the report
# included, the design already compiled (ccache warm after the warm-up
# pair). Prints the medians and the median ratio; it asserts nothing.
# Goal (issue 16): seeds cost nothing over writing the tests out, ~1.0.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
n=${1:-100}
runs=${RUNS:-5}
w=$(mktemp -d "${TMPDIR:-/tmp}/cosim-seeds.XXXXXX")
trap 'rm -rf "$w"' EXIT
command -v verilator >/dev/null || { echo "verilator not found"; exit 1; }
[ -x "$top/cosimgen" ] && [ -x "$top/cosim-run" ] || { echo "build first: make"; exit 1; }
mkdir -p "$w/seeds" "$w/hand"
cat >"$w/tb.sv" <<'EOT'
module tb;
  int seed, acc;
  initial begin
    if (!$value$plusargs("seed=%d", seed)) seed = 1;
    acc = 0;
    for (int i = 0; i < 1000; i++) acc += $urandom % 7;
    $display("seed=%0d acc=%0d", seed, acc);
    $finish;
  end
endmodule
EOT
design() {
	printf '[cosimgen]\nbuilddir = out\n\n[design:tb]\nsources = %s\n' \
	    "$w/tb.sv"
	printf 'top = tb\nready = none\nflags = -Wno-fatal\n\n'
}
{ design; printf '[test:rand]\ndesign = tb\nseeds = %d\n' "$n"; } \
    >"$w/seeds/tests.ini"
{
	design
	for ((i = 1; i <= n; i++)); do
		printf '[test:rand_%d]\ndesign = tb\nseed = %d\n\n' "$i" "$i"
	done
} >"$w/hand/tests.ini"
# the compile once, outside the timing: ccache keeps it for the fresh runs
for s in seeds hand; do
	(cd "$w/$s" && "$top/cosimgen" tests.ini && ninja -j2 >/dev/null)
done
echo "one short Verilator test under $n seeds vs $n written tests, -j2," \
    "$runs paired runs"
python3 "$top/bench/pair.py" "$runs" \
    "rm -rf $w/seeds/out/tests $w/seeds/out/history" \
    "cd $w/seeds && $top/cosimgen tests.ini && ninja -j2" \
    "rm -rf $w/hand/out/tests $w/hand/out/history" \
    "cd $w/hand && $top/cosimgen tests.ini && ninja -j2"
echo "(A: seeds = $n; B: $n tests written out; a ratio of 1.0 is the goal)"
