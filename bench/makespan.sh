#!/bin/bash
# bench/makespan.sh - a cold suite's makespan, compiles included, against
# its lower bound. The designs use a custom simulator whose compile is a
# sleep of a known length and whose run sleeps as long as the test says
# (cheap on the CPU, the same every time), so the bound is exact:
#   max(max over designs of (compile + its longest test),
#       (every compile + every test) / jobs)
# (no compile here gates another). Two suites, in a manifest order that
# puts the heavy designs last:
#   j2: -j2; six quick compiles gating a short test each, plain command
#       tests, and one compile gating one long test (the critical path);
#   j4: -j4; six quick compiles gating two short tests each, command
#       tests, the critical path, and a slow compile gating many tests
#       (under compile_jobs = 2, the default: two compiles at a time).
# Each round runs, from an empty builddir, cosimgen + ninja (the first
# run: no history), then again from another empty builddir with the
# history the first run left (history = outside the builddir: a CI job
# that carries it). BASE=DIR (a build tree of another cosimgen, e.g.
# main's) runs the same with DIR's programs too, alternating with this
# tree's in every round, and prints this tree's medians against BASE's.
# ROUNDS (default 5) rounds a suite; SUITES (default "j2 j4") picks
# them; COMPILE_JOBS=N sets compile_jobs (the compile pool's depth);
# COSTS=1 gives every test its duration as its cost key (what a first
# run may know without a history).
# Prints the medians with min and max, as ratios to the bound.
# Asserts nothing.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
w=$(mktemp -d "${TMPDIR:-/tmp}/cosim-makespan.XXXXXX")
trap 'rm -rf "$w"' EXIT
rounds=${ROUNDS:-5}
base=${BASE:-}
for t in "$top" ${base:+"$base"}; do
	[ -x "$t/cosimgen" ] && [ -x "$t/cosim-run" ] ||
	    { echo "build first: no cosimgen and cosim-run in $t"; exit 1; }
done

# suite NAME: its lines "design NAME COMPILE_S" and "test NAME DESIGN
# SECONDS" (DESIGN - for a plain command test), in manifest order
suite() {
	python3 - "$1" <<'PY'
import sys
shapes = {
    # name: [(design, compile s, [test s...])], "-": plain command tests
    "j2": [("q%d" % i, 1, [0.5]) for i in range(1, 7)] +
          [("-", 0, [0.5] * 2), ("crit", 1, [6])],
    "j4": [("q%d" % i, 1, [0.5, 0.5]) for i in range(1, 7)] +
          [("-", 0, [0.5] * 4), ("crit", 2, [8]), ("big", 4, [1.5] * 16)],
}
for d, c, tests in shapes[sys.argv[1]]:
    if d != "-":
        print("design %s %g" % (d, c))
    for i, s in enumerate(tests):
        print("test %s_%d %s %g" % (d if d != "-" else "cmd", i, d, s))
PY
}

# bound LIST JOBS: the lower bound of the suite in LIST at JOBS jobs
bound() {
	awk -v j="$2" '
	$1 == "design" { c[$2] = $3; work += $3 }
	$1 == "test" { work += $4; p = ($3 == "-" ? 0 : c[$3]) + $4
		if (p > path) path = p }
	END { b = work / j; printf "%.3f", (b > path ? b : path) }' "$1"
}

# manifest LIST DIR: the suite as DIR/tests.ini, its history in DIR/hist
manifest() {
	local kind name a b
	cat >"$2/mksim.sh" <<'EOT'
#!/bin/sh
# mksim.sh SECONDS OUT [DESIGN]: a compile of SECONDS that writes a simulator
# sleeping for the test's $DUR
sleep "$1"
printf '#!/bin/sh\nexec sleep "$DUR"\n' >"$2"
chmod +x "$2"
EOT
	{
		printf '[cosimgen]\nbuilddir = out\nhistory = hist\n'
		[ -z "${COMPILE_JOBS:-}" ] || printf 'compile_jobs = %s\n' "$COMPILE_JOBS"
		while read -r kind name a b; do
			if [ "$kind" = design ]; then
				printf '\n[design:%s]\nsimulator = custom\n' "$name"
				printf 'ready = none\nsources = mksim.sh\n'
				# the design's name makes each recipe its own
				printf 'compile = sh mksim.sh %s {sim} %s\n' "$a" "$name"
				printf 'run = {sim}\n'
			elif [ "$a" = - ]; then
				printf '\n[test:%s]\ncommand = sleep %s\n' "$name" "$b"
			else
				printf '\n[test:%s]\ndesign = %s\nenv = DUR=%s\n' \
				    "$name" "$a" "$b"
			fi
			if [ "$kind" = test ] && [ "${COSTS:-0}" = 1 ]; then
				printf 'cost = %ss\n' "$b"
			fi
		done <"$1"
	} >"$2/tests.ini"
}

now() { date +%s.%N; }
# timed DIR TREE JOBS: the seconds cosimgen + ninja took in DIR, from an
# empty builddir
timed() {
	local t0 t1
	rm -rf "$1/out"
	t0=$(now)
	(cd "$1" && "$2/cosimgen" tests.ini && ninja -j"$3") >"$1/run.out" 2>&1 || true
	t1=$(now)
	echo "$t0 $t1" | awk '{printf "%.3f", $2 - $1}'
}

stats() { sort -g | awk '{v[NR] = $1} END {m = int((NR + 1) / 2);
	printf "%.4f %.4f %.4f", NR % 2 ? v[m] : (v[m] + v[m + 1]) / 2, v[1], v[NR]}'; }

# bench NAME JOBS
bench() {
	local name=$1 jobs=$2 list r b tree tag
	list="$w/$name.list"
	suite "$name" >"$list"
	b=$(bound "$list" "$jobs")
	echo "== $name: $(grep -c ^design "$list") designs, $(grep -c ^test "$list")" \
	    "tests, -j$jobs, compile_jobs ${COMPILE_JOBS:-2}$([ "${COSTS:-0}" = 1 ] && echo ', costs');" \
	    "lower bound ${b} s"
	: >"$w/$name.times"
	for ((r = 1; r <= rounds; r++)); do
		for tag in new ${base:+base}; do
			tree=$top
			[ "$tag" = base ] && tree=$base
			d="$w/$name.$tag.$r"
			mkdir -p "$d"
			manifest "$list" "$d"
			printf '%s1 %s\n' "$tag" "$(timed "$d" "$tree" "$jobs")"
			printf '%s2 %s\n' "$tag" "$(timed "$d" "$tree" "$jobs")"
		done >>"$w/$name.times"
	done
	row() {
		local s
		s=$(awk -v k="$1" '$1 == k {print $2}' "$w/$name.times" | stats)
		set -- "$2" $s
		printf '  %-44s %6.2f s (min %.2f, max %.2f)  %5.3fx bound\n' \
		    "$1" "$2" "$3" "$4" "$(echo "$2 $b" | awk '{print $1 / $2}')"
		# a row of bench/all.sh's table, for this tree's runs
		[ -z "${PAIR_TABLE:-}" ] || [ "${1#this tree}" = "$1" ] ||
		    printf 'makespan %s, %s / lower bound\t%.3f\t%.3f\t%.3f\t<= 1.15\n' \
		    "$name" "${1#this tree, }" "$2" "$b" \
		    "$(echo "$2 $b" | awk '{print $1 / $2}')" >>"$PAIR_TABLE"
	}
	# ratio N LABEL: the median of the rounds' ratios newN / baseN
	ratio() {
		local s
		s=$(awk -v a="new$1" -v b="base$1" '$1 == a {x[++n] = $2}
		    $1 == b {y[++m] = $2} END {for (i = 1; i <= n; i++)
		    print x[i] / y[i]}' "$w/$name.times" | stats)
		set -- "$2" $s
		printf '  %-44s %6.3fx (min %.3f, max %.3f)\n' "$1" "$2" "$3" "$4"
	}
	row new1 "this tree, first run (no history)"
	row new2 "this tree, second run (history)"
	if [ -n "$base" ]; then
		row base1 "BASE, first run (no history)"
		row base2 "BASE, second run (history)"
		ratio 1 "this tree / BASE, first runs"
		ratio 2 "this tree / BASE, second runs"
	fi
	echo "  (medians of $rounds rounds)"
	echo
}

for s in ${SUITES:-j2 j4}; do
	bench "$s" "${s#j}"
done
