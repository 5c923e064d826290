#!/bin/bash
# bench/all.sh - every speed goal against its peer, in one run, then one
# table of the ratios. It runs, one after another (each prints its own
# figures as it goes):
#   bench/compile.sh acc   Verilator compiles of a toy design: 3 designs
#                          against 1, the 3 x 10 suite against
#                          pytest-xdist with a call-once compile fixture,
#                          cold and with a warm ccache
#   bench/compile.sh big   the same with a design of ~4,700 lines
#   bench/overhead.sh      1000 trivial tests against CTest: every test
#                          rerun, and a fresh build directory with
#                          generation against ctest --output-junit
#   bench/generate.sh      generation of huge suites: designs scaling,
#                          100k tests against writing their spec files
#                          (in BENCH_TMPDIR, default /dev/shm: the file
#                          system's inode allocation is not what it
#                          measures)
#   bench/makespan.sh      a cold suite's makespan, compiles included,
#                          against its lower bound
# Each asserts nothing; the table says what each ratio should be. RUNS
# (default 3) is passed on. ONLY="compile overhead" runs a subset.
# Takes ~15 minutes on 2 cores.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
only=${ONLY:-compile overhead generate makespan}
export PAIR_TABLE
PAIR_TABLE=$(mktemp "${TMPDIR:-/tmp}/cosim-bench-table.XXXXXX")
trap 'rm -f "$PAIR_TABLE"' EXIT

machine() {
	printf '%s, %s cores, %s GiB, %s; load %s\n' \
	    "$(sed -n 's/^model name\t*: //p' /proc/cpuinfo | head -n 1)" \
	    "$(nproc)" \
	    "$(awk '/MemTotal/ { printf "%.0f", $2 / 1048576 }' /proc/meminfo)" \
	    "$(. /etc/os-release && echo "$PRETTY_NAME")" \
	    "$(cut -d' ' -f1-3 /proc/loadavg)"
	printf 'verilator %s, ninja %s, %s, ctest %s\n' \
	    "$(verilator --version | cut -d' ' -f2)" "$(ninja --version)" \
	    "$(gcc --version | head -n 1)" \
	    "$(ctest --version 2>/dev/null | head -n 1 | cut -d' ' -f3)"
}

section() {	# section WORD CMD...: run a benchmark when ONLY has WORD
	case " $only " in *" $1 "*) ;; *) return 0 ;; esac
	shift
	echo
	echo "######## $*"
	"$@" || echo "(exited $?)"
}

echo "machine: $(machine)"
section compile bash "$top/bench/compile.sh" acc
section compile bash "$top/bench/compile.sh" big
section overhead bash "$top/bench/overhead.sh"
section generate env TMPDIR="${BENCH_TMPDIR:-/dev/shm}" bash "$top/bench/generate.sh"
section makespan bash "$top/bench/makespan.sh"

echo
echo "######## summary: the median of paired ratios (A/B as each names them)"
echo
printf '| %-64s | %9s | %9s | %6s | %-8s |\n' "what (A / B)" "A (s)" "B (s)" "ratio" "goal"
printf '|%s|%s|%s|%s|%s|\n' "$(printf -- '-%.0s' {1..66})" "-----------" \
    "-----------" "--------" "----------"
while IFS=$'\t' read -r label a b ratio goal; do
	printf '| %-64s | %9s | %9s | %6s | %-8s |\n' "$label" "$a" "$b" "$ratio" "$goal"
done <"$PAIR_TABLE"
echo
echo "machine: $(machine)"
