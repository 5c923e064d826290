#!/bin/bash
# bench/generate.sh - how long cosimgen takes to write the graph of a big
# suite, next to what ninja itself takes to find that graph up to date, and
# how ninja's no-op on cosimgen's graph compares with a hand-written graph
# of the same edges. It prints numbers and judges nothing: the goals
# (100k tests generated in <= 30 ms and <= 0.05x ninja's no-op; no-op <= 1.1x
# the hand-written graph's; a first generation within 2x of writing its
# spec files alone; generation linear in designs) are printed beside the
# measurements.
#
# usage: bench/generate.sh [N...]          (default: 10000 100000)
#
# For each N it builds, in a temp dir under ${TMPDIR:-/tmp} (removed at the
# end), a manifest of 3 designs (simulator = custom, compile = touch {sim})
# and N tests (9 in 10 on a design, the others plain command tests, each
# with command = true and its own plusargs), then measures
#   generate cold   cosimgen in a fresh directory (writes every spec)
#   write floor     bench/writefloor.c writing the same spec files (same
#                   directories, same bytes, open/write/close and nothing
#                   else) in a fresh directory, paired and alternating with
#                   another cold generation; the ratio of each pair
#   generate warm   cosimgen again on the unchanged manifest (writes nothing)
#   ninja no-op     `ninja` on the up-to-date graph, cosimgen's file and the
#                   hand-written one in turn, in the same tree
# as median/min/max wall clock of up to BENCH_RUNS runs (python3
# time.perf_counter around posix_spawn/wait4; peak RSS from wait4).
#
# The up-to-date state: for N <= BENCH_REAL_RUN_MAX (20000) ninja runs the
# graph once for real, every test through a stub launcher that writes a
# passing result and the stamp; above that (one sh per test is ~2 ms, 100k
# tests ~3.5 min at -j2) bench.py writes the outputs (compiles, stamps and
# summary.txt, but no result files) and the .ninja_log ninja would write,
# and `ninja` must then print "no work to do" (checked on every timed run
# and printed). The hand-written graph's log is written the same way from
# the same files.
#
# Before the N loop, the designs scaling: cosimgen cold on manifests of
# D designs (simulator = custom, each its own compile) with one test each,
# for each D of BENCH_DESIGNS, with the time per design, so that a step
# quadratic in designs shows as a time per design that grows with D.
#
# Environment:
#   BENCH_DESIGNS="5000 10000 20000 40000"  the design counts ("": none)
#   BENCH_PEER          another cosimgen to time beside it in the designs
#                       scaling, run for run alternating (e.g. main's)
#   COSIMGEN            the program to measure (default: ./cosimgen here);
#                       it is copied into the temp dir first, so a rebuild
#                       during the benchmark does not trigger regeneration
#   BENCH_RUNS=5        runs per measurement (the median is printed)
#   BENCH_BUDGET=30     seconds per generate measurement: stop early when
#                       another run would go past it (at least one run)
#   BENCH_NOOP_BUDGET=60  the same for the no-op measurements (both files)
#   BENCH_REAL_RUN_MAX=20000  largest N run for real rather than primed
#   BENCH_JOBS          ninja -j for the real run (default: nproc)
#   TMPDIR              where the trees go; the file system matters a lot
#                       for the cold case (it is printed)
set -u

here=$(cd "$(dirname "$0")" && pwd)
top=$(dirname "$here")
py="$here/bench.py"
runs=${BENCH_RUNS:-5}
budget=${BENCH_BUDGET:-30}
noop_budget=${BENCH_NOOP_BUDGET:-60}
real_max=${BENCH_REAL_RUN_MAX:-20000}
jobs=${BENCH_JOBS:-$(nproc 2>/dev/null || echo 2)}
cosimgen_src=${COSIMGEN:-$top/cosimgen}
design_counts=${BENCH_DESIGNS-5000 10000 20000 40000}
peer=${BENCH_PEER:-}

if [ $# -eq 0 ]; then
	set -- 10000 100000
fi
for n in "$@"; do
	case "$n" in
	'' | *[!0-9]*) echo "usage: $0 [N...] (N a positive number)" >&2; exit 2 ;;
	esac
	[ "$n" -gt 0 ] || { echo "usage: $0 [N...] (N > 0)" >&2; exit 2; }
done
if [ ! -x "$cosimgen_src" ]; then
	echo "$0: $cosimgen_src not found: run make first (or set COSIMGEN)" >&2
	exit 2
fi
for tool in ninja python3 cc; do
	command -v "$tool" >/dev/null ||
	    { echo "$0: $tool is needed" >&2; exit 2; }
done

work=$(mktemp -d "${TMPDIR:-/tmp}/cosimgen-bench.XXXXXX") || exit 2
cleanup() {
	trap '' PIPE	# a closed stdout must not stop the clean-up
	if [ -d "$work" ]; then
		echo "(removing $work)" 2>/dev/null
		rm -rf "$work"
	fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP
trap 'exit 141' PIPE

now() { echo "${EPOCHREALTIME/,/.}"; }
mb() { awk -v b="$1" 'BEGIN { printf "%.2f MB", b / 1048576 }'; }

# The program measured, copied so that its path and mtime stay put.
mkdir -p "$work/bin"
cp "$cosimgen_src" "$work/bin/cosimgen"
cg="$work/bin/cosimgen"

# The launcher stand-in: cosim-run-stub --stamp STAMP SPEC (and the
# compile modes, see below). The spec is
# <dir>/spec, <dir> the test's directory; the result is what `cosimgen
# report` reads. No process is started besides the shell.
stub="$work/cosim-run-stub"
cat >"$stub" <<'EOF'
#!/bin/sh
# cosim-run stand-in for bench/generate.sh: cosim-run-stub --stamp STAMP SPEC,
# or --compile SPEC (runs the compile spec's command), or --compiled ...
case $1 in
--compile) exec sh -c "$(sed -n 's/^command //p' "$2")" ;;
--compiled) exit 0 ;;
esac
d=${3%/*}
printf 'cosim-result 1\nname %s\nstatus pass\n' "${d##*/}" >"$d/result"
: >"$2"
EOF
chmod +x "$stub"

echo "cosimgen benchmark: $("$cg" --version) ($cosimgen_src, built" \
    "$(date -r "$cosimgen_src" '+%F %T')$(cd "$top" &&
    git describe --always --dirty 2>/dev/null | sed 's/^/, tree /'))"
echo "ninja $(ninja --version), $(nproc) CPUs, temp dir $work" \
    "($(stat -f -c %T "$work"))"
case "$(stat -f -c %T "$work")" in
tmpfs) ;;
*) echo "note: the cold case and the set-up write ~3 files per test here;" \
    "TMPDIR=/dev/shm takes the disk out of the numbers" ;;
esac
echo "runs per measurement: up to $runs (budget ${budget} s for generate," \
    "${noop_budget} s for the no-ops); times are wall clock"

floor="$work/bin/writefloor"
cc -O2 -o "$floor" "$here/writefloor.c" || exit 2

if [ -n "$design_counts" ]; then
	echo
	echo "== designs scaling: D designs, each its own compile and one test," \
	    "generate cold (goal: the time per design stays flat) =="
	peer_args=()
	if [ -n "$peer" ]; then
		cp "$peer" "$work/bin/peer"
		peer_args=(--peer "$work/bin/peer")
		echo "(peer: $peer, run for run alternating with cosimgen)"
	fi
	mkdir -p "$work/designs"
	# shellcheck disable=SC2086
	python3 "$py" designs --cosimgen "$cg" "${peer_args[@]}" \
	    --launcher "$stub" --workdir "$work/designs" --runs "$runs" \
	    --budget "$budget" $design_counts
	rm -rf "$work/designs"
fi

for n in "$@"; do
	base="$work/n$n"
	src="$base/src"
	tree="$base/tree"
	res="$base/results"
	mkdir -p "$src"
	: >"$res"
	read -r ndes nplain < <(python3 "$py" manifest "$n" "$src")
	echo
	echo "== $n tests ($ndes on 3 designs, $nplain plain command tests;" \
	    "manifest $(mb "$(stat -c %s "$src/tests.ini")")) =="

	# 1-2. generation, cold then warm (in the first cold directory)
	python3 "$py" gentime --mode cold --n "$n" --src "$src" \
	    --keep-first "$tree" --workdir "$base" --runs "$runs" \
	    --budget "$budget" --out "$res" -- \
	    "$cg" --launcher "$stub" tests.ini || continue
	python3 "$py" pack "$tree" "$base/floor.pack"
	python3 "$py" floor --n "$n" --src "$src" --pack "$base/floor.pack" \
	    --floor "$floor" --workdir "$base" --runs "$runs" \
	    --budget "$budget" --out "$res" -- \
	    "$cg" --launcher "$stub" tests.ini || continue
	rm -f "$base/floor.pack"
	python3 "$py" gentime --mode warm --n "$n" --src "$tree" \
	    --workdir "$base" --runs "$runs" --budget "$budget" --out "$res" -- \
	    "$cg" --launcher "$stub" tests.ini || continue
	size=$(stat -c %s "$tree/build.ninja")

	# 5 (first half). the hand-written graph, compared edge by edge
	python3 "$py" handwritten "$tree" build.ninja.hand --cosimgen "$cg" \
	    --launcher "$stub"
	hsize=$(stat -c %s "$tree/build.ninja.hand")
	ln "$tree/build.ninja" "$tree/build.ninja.cosimgen"
	echo "hand-written graph (bench.py handwritten): one rule per kind," \
	    "\$in/\$out, no per-edge variables:"
	python3 "$py" compare "$tree" build.ninja.cosimgen build.ninja.hand

	# 3. the up-to-date state
	t0=$(now)
	if [ "$n" -le "$real_max" ]; then
		echo "up-to-date state: running ninja -j$jobs once, all $n tests" \
		    "through the stub launcher ..."
		(cd "$tree" && ninja -j"$jobs") 2>&1 | awk -v step=$(((n + 3) / 4)) '
			/^\[[0-9]+\/[0-9]+\]/ {
				split(substr($1, 2), a, "/")
				if (a[1] + 0 >= nxt) {
					printf "  ... %d/%d edges\n", a[1], a[2]; fflush()
					nxt = a[1] + step
				}
			}
			/ passed, / { print "  report: " $0 }
			/^ninja: (error|build stopped)|^FAILED/ { print "  " $0 }'
		rc=${PIPESTATUS[0]}
		echo "  ninja exited $rc after $(awk -v a="$t0" -v b="$(now)" \
		    'BEGIN { printf "%.1f", b - a }') s"
		how="run for real"
	else
		echo "up-to-date state: primed by bench.py (N > $real_max," \
		    "BENCH_REAL_RUN_MAX): stamps and .ninja_log, no test run ..."
		python3 "$py" prime "$tree" build.ninja.cosimgen \
		    cosim-out/.ninja_log --create
		echo "  primed in $(awk -v a="$t0" -v b="$(now)" \
		    'BEGIN { printf "%.1f", b - a }') s"
		how="primed"
	fi
	# The hand-written file has no builddir: its log is ./.ninja_log,
	# written for its own commands from the same outputs.
	python3 "$py" prime "$tree" build.ninja.hand .ninja_log

	# 3, 5. no-op ninja on both graphs, interleaved
	python3 "$py" noop "$tree" --n "$n" --workdir "$base" --runs "$runs" \
	    --budget "$noop_budget" --out "$res" \
	    cosimgen=build.ninja.cosimgen hand-written=build.ninja.hand

	# 4, 6. ratios, sizes, memory
	awk -v n="$n" -v size="$size" -v hsize="$hsize" -v how="$how" '
		{ k = $1; $1 = ""; v[k] = substr($0, 2) }
		function r(a, b) { return b > 0 ? sprintf("%.2f", a / b) : "n/a" }
		END {
			c = v["gen_cold"]; w = v["gen_warm"]
			nc = v["noop_cosimgen"]; nh = v["noop_hand-written"]
			printf "ratio generate cold/ninja-noop: %s (goal <= 0.05)\n", r(c, nc)
			printf "ratio generate warm/ninja-noop: %s (goal <= 0.05)\n", r(w, nc)
			printf "ratio ninja-noop cosimgen/hand-written: %s (goal <= 1.1)\n", r(nc, nh)
			printf "ratio generate cold/write floor: %.2f, paired (goal <= 2); floor %.3f s, %.1f us a test\n", \
			    v["floor_ratio"], v["floor"], v["floor"] / n * 1e6
			printf "goal for 100000 tests is 30 ms, %.2f us a test: here cold %.1f us, warm %.1f us a test; ninja no-op %.1f us a test\n", \
			    0.3, c / n * 1e6, w / n * 1e6, nc / n * 1e6
			printf "build.ninja: %.2f MB (%.0f bytes a test); hand-written: %.2f MB (%.0f bytes a test)\n", \
			    size / 1048576, size / n, hsize / 1048576, hsize / n
			printf "peak RSS of cosimgen: cold %.1f MB (%s), warm %.1f MB (%s)\n", \
			    v["rss_cold"] / 1024, v["rss_how_cold"], \
			    v["rss_warm"] / 1024, v["rss_how_warm"]
			if (!v["noop_ok_cosimgen"] || !v["noop_ok_hand-written"])
				print "NOTE: a no-op run did work: its time is not a no-op time"
			printf "(up-to-date state %s)\n", how
		}' "$res"
	echo "(removing the $n-test tree)"
	rm -rf "$base"
done
