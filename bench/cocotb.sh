#!/bin/bash
# bench/cocotb.sh [icarus|verilator] - a cocotb module of 20 tests of the
# example FIFO (examples/rtl/fifo.sv), each 1200 to 3000 cycles of random
# traffic checked against a model (0.2 to 0.5 s each on Icarus), run three
# ways, cold (fresh build directories) and again after one test was edited:
#   cosimgen + ninja -j2: the design compiled once, every test in its own
#     simulator, with its own timeout and result;
#   cocotb's runner (cocotb.runner in 1.x, cocotb_tools.runner in 2.x):
#     one build, then all 20 tests in one simulator, one after another;
#   pytest-xdist -n 2 calling the runner once per test (each test in its
#     own simulator, as cosimgen does), the design built by a session
#     fixture, that is once in each worker (bench/cocotb_peers.py).
# After the edit all three run the module's 20 tests again: cosimgen
# because the module is an input of each of its tests (it also imports it
# again to find its tests), the peers because they cannot tell; none of
# them compiles the design again (the peers' builds find nothing to do).
# Prints each time (the median of ROUNDS rounds, default 3) and its ratio
# to cosimgen's, then what one test costs; asserts nothing. The machine
# is shared: compare ratios of one run, and see the load it prints.
# TOOLS="cg rn px" (the default) picks which of the three run. The
# simulator defaults to icarus; verilator needs cocotb 1.x here (cocotb
# 2.x needs Verilator 5.036+).
#
# Python: a virtual environment with cocotb, pytest and pytest-xdist from
# PyPI. COCOTB_BENCH_VENV names it (default
# ~/.cache/cosimgen-bench/cocotb-VERSION); when that directory does not
# exist the script makes it: python3 -m venv DIR, then
# DIR/bin/pip install cocotb==VERSION pytest pytest-xdist, with VERSION
# from COCOTB_BENCH_VERSION (default 1.9.2). cosimgen is pointed at the
# same cocotb (cocotb_config in the manifest).
set -eu
export CCACHE_DISABLE=1
top=$(cd "$(dirname "$0")/.." && pwd)
sim=${1:-icarus}
rounds=${ROUNDS:-3}
tools=${TOOLS:-cg rn px}
version=${COCOTB_BENCH_VERSION:-1.9.2}
venv=${COCOTB_BENCH_VENV:-$HOME/.cache/cosimgen-bench/cocotb-$version}
case $sim in icarus|verilator) ;; *) echo "usage: bench/cocotb.sh [icarus|verilator]" >&2; exit 2 ;; esac
[ -x "$top/cosimgen" ] && [ -x "$top/cosim-run" ] || { echo "build first: make"; exit 1; }
if [ ! -e "$venv" ]; then
	echo "making $venv (cocotb==$version pytest pytest-xdist)"
	python3 -m venv "$venv"
	"$venv/bin/pip" install --quiet --disable-pip-version-check \
	    "cocotb==$version" pytest pytest-xdist
fi
"$venv/bin/python" -c 'import cocotb, pytest, xdist' 2>/dev/null ||
    { echo "$venv needs cocotb, pytest and pytest-xdist: $venv/bin/pip install cocotb pytest pytest-xdist"; exit 1; }
py=$venv/bin/python
w=$(mktemp -d "${TMPDIR:-/tmp}/cosim-cocotb.XXXXXX")
trap 'rm -rf "$w"' EXIT

n=20
tests=
module() {	# module FILE: the module of n tests, on the example's traffic()
	{
		printf '"""%d tests of random traffic through the FIFO."""\n' "$n"
		printf 'import cocotb\n\nfrom test_fifo import traffic\n'
		for ((i = 0; i < n; i++)); do
			printf '\n\n@cocotb.test()\nasync def test_%02d(dut):\n' "$i"
			printf '    await traffic(dut, %d, push_rate=0.%02d, pop_rate=0.5)\n' \
			    $((1200 + 95 * i)) $((30 + 2 * i))
		done
	} >"$1"
}
for ((i = 0; i < n; i++)); do tests="$tests test_$(printf %02d $i)"; done
# edit FILE: one test edited (test_07 runs one cycle more)
edit() { sed -i 's/traffic(dut, 1865,/traffic(dut, 1866,/' "$1"; }

# fresh DIR: a copy of the sources and a new module, nothing built
fresh() {
	rm -rf "$1"
	mkdir -p "$1/tests"
	cp "$top/examples/rtl/fifo.sv" "$1/"
	cp "$top/examples/cocotb/test_fifo.py" "$1/tests/"
	module "$1/tests/test_bench.py"
}
cat >"$w/tests.ini" <<EOT
[cosimgen]
builddir = out
cocotb_config = $venv/bin/cocotb-config

[design:fifo]
simulator = $sim
sources = fifo.sv
top = fifo

[test:bench]
design = fifo
cocotb = tests/test_bench.py
EOT
export BENCH_SIM=$sim BENCH_TOP=fifo BENCH_MODULE=test_bench BENCH_TESTS="$tests"

# timed LOG CMD...: the seconds CMD took; its output goes to LOG, and a
# failure is said on stderr (a figure of a failed run means nothing)
timed() {
	local log=$1 s e rc=0
	shift
	s=$(date +%s.%N)
	"$@" >"$log" 2>&1 || rc=$?
	e=$(date +%s.%N)
	if [ $rc != 0 ]; then
		echo "exit $rc from $*; the end of its log:" >&2
		tail -n 15 "$log" >&2
	fi
	awk -v s="$s" -v e="$e" 'BEGIN { printf "%.2f\n", e - s }'
}
cg() { cd "$w/cg" && "$top/cosimgen" "$w/cg/tests.ini" >/dev/null && ninja -j2; }
cg_edit() { cd "$w/cg" && ninja -j2; }
rn() { cd "$w/rn" && BENCH_RTL=$w/rn/fifo.sv BENCH_DIR=$w/rn/tests "$py" "$top/bench/cocotb_peers.py"; }
px() {
	cd "$w/px" && BENCH_RTL=$w/px/fifo.sv BENCH_DIR=$w/px/tests \
	    "$py" -m pytest -q -n 2 -p no:cacheprovider "$top/bench/cocotb_peers.py"
}

declare -A t
load0=$(cut -d' ' -f1-3 /proc/loadavg)
for ((r = 0; r < rounds; r++)); do
	for k in $tools; do
		fresh "$w/$k"
		[ $k != cg ] || cp "$w/tests.ini" "$w/cg/"
		t[$k.cold]="${t[$k.cold]:-} $(timed "$w/$k.cold.log" $k)"
		edit "$w/$k/tests/test_bench.py"
		e=$k; [ $k != cg ] || e=cg_edit
		t[$k.edit]="${t[$k.edit]:-} $(timed "$w/$k.edit.log" $e)"
	done
done
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2fx", a / b; else printf "-" }'; }
median() { printf '%s\n' $1 | sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

echo "cocotb $("$venv/bin/cocotb-config" --version), $sim, $n tests, 2 jobs; median of $rounds rounds"
printf '%-34s %9s %9s   %s\n' "" cold edited "ratio to cosimgen (cold, edited)"
cgc=$(median "${t[cg.cold]:-0}") cge=$(median "${t[cg.edit]:-0}")
for k in $tools; do
	case $k in
	cg) name="cosimgen + ninja -j2" ;;
	rn) name="cocotb runner, one simulator" ;;
	px) name="pytest-xdist -n 2, runner per test" ;;
	esac
	c=$(median "${t[$k.cold]}") e=$(median "${t[$k.edit]}")
	printf '%-34s %7.2f s %7.2f s   %s  %s\n' "$name" "$c" "$e" \
	    "$(ratio "$c" "$cgc")" "$(ratio "$e" "$cge")"
done
# Per test, from the last round: the test's own time (what cocotb
# measured of it in the runner, where Python and cocotb were already up)
# against what a run of it took under cosim-run (from the simulator's
# start to its end, the same 20 tests after the edit).
own=$(sed -n 's/.*<testcase .* time="\([0-9.]*\)".*/\1/p' "$w/rn/tests/sim_build/results.xml" 2>/dev/null |
    awk -v n=$n '{ s += $1 } END { if (NR) printf "%.3f", s / n }')
run=$(cat "$w"/cg/out/tests/*/result 2>/dev/null | sed -n 's/^duration_ms //p' |
    awk -v n=$n '{ s += $1 } END { if (NR) printf "%.3f", s / 1000 / n }')
echo "per test: its own time ${own:-?} s (cocotb's measure, in the runner); a run under cosim-run ${run:-?} s"
echo "machine time per test (wall x jobs / $n), cold: $(for k in $tools; do
	j=2; [ $k != rn ] || j=1
	printf '%s %.2f s  ' $k "$(awk -v t="$(median "${t[$k.cold]}")" -v j=$j -v n=$n 'BEGIN { print t * j / n }')"
done)"
echo "load average before and after: $load0 / $(cut -d' ' -f1-3 /proc/loadavg)"
[ ! -f "$w/cg/out/summary.txt" ] || tail -n 1 "$w/cg/out/summary.txt" | sed 's/^/cosimgen summary: /'
