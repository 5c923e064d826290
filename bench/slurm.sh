#!/bin/bash
# bench/slurm.sh [N] - what running through Slurm costs, on a private
# single-node cluster (tests/slurm/cluster.sh) started for the bench.
#
#  1. The extra cost per test of a job step: N (default 50) tests of
#     /bin/true at -j1, executor = slurm inside one allocation
#     (salloc -n1 ninja -j1) against the same suite run locally, paired
#     and alternating; (A - B) / N is the extra per test.
#  2. The makespan of N tests of `sleep 0.2` at -j8 inside one allocation
#     (salloc -N1 -n8 ninja -j8), against the ideal N * 0.2 / 8 s, and
#     against the same suite run locally at -j8.
#  3. For comparison, one job per test (ninja -j8 outside an allocation,
#     where each srun makes a job of its own): the latency a site that
#     requires it pays.
#
# Prints medians and ratios; it asserts nothing. Goals: <= 50 ms extra
# per test; makespan <= 1.6x the ideal.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
n=${1:-50}
runs=${RUNS:-5}
[ -x "$top/cosimgen" ] && [ -x "$top/cosim-run" ] || { echo "build first: make"; exit 1; }
command -v slurmctld >/dev/null && command -v munged >/dev/null ||
	{ echo "Slurm not found (apt-get install slurm-wlm munge)"; exit 1; }
w=$(mktemp -d /tmp/cosim-slurmbench.XXXXXX)
trap '"$top/tests/slurm/cluster.sh" stop "$w/cluster"; rm -rf "$w"' EXIT
"$top/tests/slurm/cluster.sh" start "$w/cluster" >/dev/null
export SLURM_CONF=$w/cluster/slurm.conf

# suite DIR CMD: N tests of CMD
suite() {
	mkdir -p "$1"
	{
		printf '[cosimgen]\nbuilddir = out\n\n'
		for ((i = 0; i < n; i++)); do
			printf '[test:t%d]\ncommand = %s\n\n' "$i" "$2"
		done
	} >"$1/tests.ini"
}
suite "$w/true-local" /bin/true
suite "$w/true-slurm" /bin/true
suite "$w/sleep-local" "sleep 0.2"
suite "$w/sleep-slurm" "sleep 0.2"
(cd "$w/true-local" && "$top/cosimgen" --executor local tests.ini)
(cd "$w/sleep-local" && "$top/cosimgen" --executor local tests.ini)
(cd "$w/true-slurm" && "$top/cosimgen" --executor slurm tests.ini)
(cd "$w/sleep-slurm" && "$top/cosimgen" --executor slurm tests.ini)
again='rm -f out/tests/*/stamp'

echo "$(srun --version), a single-node cluster on loopback; $runs paired runs after one warm-up pair"
echo
echo "1. $n tests of /bin/true at -j1"
echo "A = salloc -n1 ninja -j1 (executor = slurm: a job step per test)"
echo "B = ninja -j1 (executor = local)"
python3 "$top/bench/pair.py" "$runs" \
    "cd $w/true-slurm && $again" "cd $w/true-slurm && salloc -N1 -n1 --quiet ninja -j1" \
    "cd $w/true-local && $again" "cd $w/true-local && ninja -j1" | tee "$w/one"
python3 - "$w/one" "$n" <<'PYEOF'
import re, sys
t = open(sys.argv[1]).read()
a = float(re.search(r"A: median ([0-9.]+)", t).group(1))
b = float(re.search(r"B: median ([0-9.]+)", t).group(1))
print(f"  extra per test through Slurm: {(a - b) / int(sys.argv[2]) * 1000:.0f} ms (goal <= 50 ms)")
PYEOF
echo
echo "2. $n tests of sleep 0.2 at -j8; the ideal is $n x 0.2 s / 8"
echo "A = salloc -N1 -n8 ninja -j8 (executor = slurm)"
echo "B = ninja -j8 (executor = local)"
python3 "$top/bench/pair.py" "$runs" \
    "cd $w/sleep-slurm && $again" "cd $w/sleep-slurm && salloc -N1 -n8 --quiet ninja -j8" \
    "cd $w/sleep-local && $again" "cd $w/sleep-local && ninja -j8" | tee "$w/two"
python3 - "$w/two" "$n" <<'PYEOF'
import re, sys
t = open(sys.argv[1]).read()
a = float(re.search(r"A: median ([0-9.]+)", t).group(1))
ideal = int(sys.argv[2]) * 0.2 / 8
print(f"  makespan through Slurm / ideal ({ideal:.2f} s): {a / ideal:.2f}x (goal <= 1.6x)")
PYEOF
echo
m=$(( n < 16 ? n : 16 ))
echo "3. one job per test: $m tests of /bin/true at -j8 outside an allocation"
(cd "$w/true-slurm" && $again && rm -f "$w/jobs.ini" &&
	start=$(date +%s.%N) && ninja -j8 $(for ((i = 0; i < m; i++)); do printf 'test/t%d ' $i; done) >/dev/null 2>&1 &&
	end=$(date +%s.%N) &&
	python3 -c "import sys; s, e, m = float(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3]); print(f'  {e - s:.2f} s for {m} tests: {(e - s) / m * 1000:.0f} ms a test')" "$start" "$end" "$m")
