#!/bin/sh
# A suite of thousands of designs, generated and checked with real ninja
# and real make (nothing here is timed: bench/generate.sh measures): the
# lookups by name and by recipe, the compiles' design lists and the
# design/NAME and label/NAME targets must say what a small suite's would,
# where a linear search per design or test once made generation quadratic.
. "$COSIM_TOP/tests/lib.sh"
d=$(scratch scale)
cd "$d" || exit 1
mkdir rtl
echo 'module a; endmodule' >rtl/a.sv

# 3000 designs on 1000 recipes (dI, dI+1000 and dI+2000 share one), each
# with a label gI%7; 3000 tests, tJ on design d(7J mod 3000), labelled
# l(J mod 11), and half of them with a label of their own.
D=3000
awk -v D=$D 'BEGIN {
	printf "[cosimgen]\nbuilddir = out\nsimulator = custom\nrun = true\n\n"
	for (i = 0; i < D; i++)
		printf "[design:d%d]\nsources = rtl/a.sv\ncompile = touch {sim} %d\nlabels = g%d\n\n",
		    i, i % 1000, i % 7
	for (j = 0; j < D; j++) {
		printf "[test:t%d]\ndesign = d%d\ncommand = true\nlabels = l%d%s\n\n",
		    j, (7 * j) % D, j % 11, j % 2 ? " own" j : ""
	}
}' >tests.ini
check "3000 designs: cosimgen accepts the manifest" \
    "$COSIMGEN" --launcher "$STANDIN" tests.ini
same "1000 recipes: 1000 compile edges" 1000 \
    "$(grep -c '^build .*: cosim_custom ' build.ninja)"
ninja -n >/dev/null 2>&1 && ok "ninja -n accepts the graph" ||
    fail "ninja -n accepts the graph" "$(ninja -n 2>&1 | tail -3)"

# What each design/NAME and label/NAME target should hold, in test order:
# "TARGET stamp stamp ...", sorted by target.
awk -v D=$D 'BEGIN {
	for (j = 0; j < D; j++) {
		s = " out/tests/t" j "/stamp"
		k = (7 * j) % D
		g["design/d" k] = g["design/d" k] s
		g["label/l" (j % 11)] = g["label/l" (j % 11)] s
		g["label/g" (k % 7)] = g["label/g" (k % 7)] s
		if (j % 2)
			g["label/own" j] = s
	}
	for (t in g)
		print t g[t]
}' | sort >want.groups
grep -E '^build (design|label)/' build.ninja |
    sed 's/^build \([^:]*\): phony/\1/' | sort >got.groups
same "every design/NAME and label/NAME target holds its tests, in order" \
    "$(wc -l <want.groups) 0" \
    "$(wc -l <got.groups) $(diff want.groups got.groups | grep -c '^[<>]')"
same "ninja -t query: design/d21 is the stamp of t3 (7 * 3 = 21)" \
    "out/tests/t3/stamp" \
    "$(ninja -t query design/d21 | sed -n 's/^    //p')"

# compiles.list: each compile names its three designs, in manifest order
awk '{ n = split($0, f, " "); printf "%s", f[4]; for (i = 5; i <= n; i++) printf " %s", f[i]; print "" }' \
    out/compiles.list | sort >got.names
awk 'BEGIN { for (i = 0; i < 1000; i++) print "d" i " d" (i + 1000) " d" (i + 2000) }' |
    sort >want.names
cmp -s want.names got.names && ok "each compile lists the designs sharing it, in manifest order" ||
    fail "each compile lists the designs sharing it, in manifest order" \
    "$(diff want.names got.names | head -5)"
same "each compile edge is labelled with its three designs" 1000 \
    "$(grep -c '^  label = d[0-9]* d[0-9]* d[0-9]*$' build.ninja)"

# Real runs of one design's target: its compile, then its tests.
STANDIN_LOG=$d/runs.log ninja design/d14 >ninja.out 2>&1
same "ninja design/d14 runs t2 and its one compile" "t2 pass" \
    "$(cat runs.log 2>/dev/null)"

# A test directory removed: the next generation brings back its spec, and
# leaves every other spec alone.
cp out/tests/t5/spec t5.spec
touch -d @1 out/tests/t6/spec
rm -rf out/tests/t5
"$COSIMGEN" --launcher "$STANDIN" tests.ini
cmp -s t5.spec out/tests/t5/spec && ok "a removed test directory gets its spec back" ||
    fail "a removed test directory gets its spec back"
same "the other specs are not rewritten" 1 \
    "$(stat -c %Y out/tests/t6/spec)"
same "nothing but the spec in the new directory" spec "$(ls -A out/tests/t5)"

# The make fragment: the same groups.
"$COSIMGEN" -G make --launcher "$STANDIN" tests.ini
make -n -f cosim.mk cosim-check >/dev/null 2>&1 && ok "make -n accepts the fragment" ||
    fail "make -n accepts the fragment" "$(make -n -f cosim.mk cosim-check 2>&1 | tail -3)"
# make lists a target's tests in the order they start in: compare pairs
pairs() { awk '{ for (i = 2; i <= NF; i++) print $1, $i }' | sort; }
grep -E '^cosim-(design|label)-[^:]*:' cosim.mk |
    sed 's/^cosim-\(design\|label\)-\([^:]*\):/\1\/\2/' | pairs >got.make
pairs <want.groups >want.make
same "make: cosim-design-NAME and cosim-label-NAME hold the same tests" \
    "$(wc -l <want.make) 0" \
    "$(wc -l <got.make) $(diff want.make got.make | grep -c '^[<>]')"
