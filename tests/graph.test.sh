#!/bin/sh
# The generated graph, checked with real ninja and real make: deduplication
# (from the graph and from what actually ran), hostile values that must not
# inject syntax, determinism, and the command line.
. "$COSIM_TOP/tests/lib.sh"
d=$(scratch graph)
cd "$d" || exit 1
mkdir rtl
echo 'module a; endmodule' >rtl/a.sv
echo 'module b; endmodule' >rtl/b.sv

# 3 designs, 2 with identical recipes, 30 tests: exactly 2 compile edges.
{
	printf '[cosimgen]\nbuilddir = out\nsimulator = custom\n'
	printf 'compile = echo {outdir} {params} >> %s/compiles.log && touch {sim}\n' "$d"
	printf 'run = {sim}\n\n'
	printf '[design:d1]\nsources = rtl/a.sv rtl/b.sv\nparams = W=8\n\n'
	printf '[design:d2]\nsources = rtl/a.sv\n  rtl/b.sv\nparams = W=8\n\n'
	printf '[design:d3]\nsources = rtl/a.sv rtl/b.sv\nparams = W=16\n\n'
	i=0
	while [ $i -lt 30 ]; do
		printf '[test:t%d]\ndesign = d%d\ncommand = true\nplusargs = +i=%d\nseed = %d\ntimeout = %ds\n\n' \
		    $i $((i % 3 + 1)) $i $((i + 1)) $((i + 5))
		i=$((i + 1))
	done
} >tests.ini
check "dedup: cosimgen accepts the manifest" "$COSIMGEN" --launcher "$STANDIN" tests.ini
same "dedup: 3 designs, 2 recipes, 30 tests: 2 compile edges in the graph" 2 \
    "$(grep -c '^build .*: cosim_custom ' build.ninja)"
same "dedup: ninja agrees (ninja -t targets rule)" 2 \
    "$(ninja -t targets rule cosim_custom | wc -l)"
ninja -n >/dev/null 2>&1 && ok "dedup: ninja -n accepts the graph" ||
    fail "dedup: ninja -n accepts the graph" "$(ninja -n 2>&1 | tail -3)"
ninja -t query cosim-check >/dev/null 2>&1 && ok "dedup: ninja -t query cosim-check" ||
    fail "dedup: ninja -t query cosim-check"
STANDIN_LOG=$d/runs.log ninja -j4 >ninja.out 2>&1
same "dedup: what actually ran: 2 compiles" 2 "$(wc -l <compiles.log)"
same "dedup: what actually ran: 30 tests" 30 "$(wc -l <runs.log)"
# the run added to the history, an input: write the graph from it first
"$COSIMGEN" --launcher "$STANDIN" tests.ini
cp build.ninja build.ninja.1
"$COSIMGEN" --launcher "$STANDIN" tests.ini
cmp -s build.ninja build.ninja.1 && ok "determinism: same input, byte-identical output" ||
    fail "determinism: same input, byte-identical output"
"$COSIMGEN" -G make --launcher "$STANDIN" tests.ini
make -n -f cosim.mk cosim-check >/dev/null 2>&1 && ok "dedup: make -n accepts the fragment" ||
    fail "dedup: make -n accepts the fragment" "$(make -n -f cosim.mk cosim-check 2>&1 | tail -3)"
rm -rf out compiles.log
STANDIN_LOG=$d/runs-make.log make -j4 -f cosim.mk cosim-check >make.out 2>&1
same "dedup: make runs 2 compiles" 2 "$(wc -l <compiles.log)"

# Hostile values: a custom compile prints its arguments; they must arrive
# exactly as written, through ninja and sh. The flags would create files
# named injected* if any of them reached a shell unquoted.
h=$(scratch hostile)
cd "$h" || exit 1
mkdir 'dir with space'
: >'dir with space/a b:c$d.sv'
: >"q'uote.sv"
cat >tests.ini <<'EOT'
[cosimgen]
builddir = out dir

[design:h]
simulator = custom
sources = "dir with space/a b:c$d.sv" "q'uote.sv"
flags = -DMSG="a b" '$HOME' ';touch injected1' '$(touch injected2)' '`touch injected3`'
top = top
compile = printf '[%s]\n' {sources} {top} {flags} > {sim}.args && touch {sim}
run = {sim}

[test:t]
design = h
command = true
EOT
check "hostile: cosimgen accepts the values" "$COSIMGEN" --launcher "$STANDIN" tests.ini
ninja >ninja.out 2>&1
args=$(cat "out dir"/designs/*/sim.args 2>/dev/null | tr '\n' ' ')
same "hostile: sources and top reach the command exactly" \
    '[dir with space/a b:c$d.sv] [q'"'"'uote.sv] [top] [-DMSG=a b] [$HOME] [;touch injected1] [$(touch injected2)] [`touch injected3`] ' "$args"
[ -f "out dir/tests/t/stamp" ] && ok "hostile: a builddir with a space works" ||
    fail "hostile: a builddir with a space works" "$(cat ninja.out)"
injected=$(find . -name 'injected*')
[ -z "$injected" ] && ok "hostile: nothing was injected" ||
    fail "hostile: nothing was injected" "$injected"

# Command line
c=$(scratch cli)
cd "$c" || exit 1
printf '[test:a]\ncommand = true\n' >m.ini
"$COSIMGEN" --version | grep -q '^cosimgen [0-9]' && ok "cli: --version" || fail "cli: --version"
"$COSIMGEN" --help | grep -q '^usage: cosimgen' && ok "cli: --help" || fail "cli: --help"
"$COSIMGEN" --bogus m.ini 2>err.txt
same "cli: an unknown option exits 2" 2 $?
grep -q "unknown option '--bogus'" err.txt && ok "cli: and names it" || fail "cli: and names it" "$(cat err.txt)"
"$COSIMGEN" 2>/dev/null
same "cli: no manifest exits 2" 2 $?
"$COSIMGEN" nonexistent.ini 2>err.txt
rc=$?
same "cli: an unreadable manifest exits 2" 2 $rc
grep -q '^nonexistent.ini: error: cannot read the manifest: No such file or directory$' err.txt &&
    ok "cli: an unreadable manifest is named" || fail "cli: an unreadable manifest is named" "$(cat err.txt)"
mkdir sub
cd sub || exit 1
"$COSIMGEN" -C .. -o gen/b.ninja m.ini && [ -f ../gen/b.ninja ] && ok "cli: -C changes directory first, -o names the output" ||
    fail "cli: -C changes directory first, -o names the output"
cd .. || exit 1
grep -q '^  command = $cosimgen -o b.ninja ../m.ini$' gen/b.ninja && ok "cli: regeneration runs from the output's directory" ||
    fail "cli: regeneration runs from the output's directory" "$(grep -A1 'rule cosim_regen' gen/b.ninja)"
(cd gen && ninja -f b.ninja -n >/dev/null 2>&1) && ok "cli: a build.ninja in another directory is valid" ||
    fail "cli: a build.ninja in another directory is valid" "$(cd gen && ninja -f b.ninja -n 2>&1 | tail -3)"
grep -q '^build ../cosim-out/tests/a/stamp' gen/b.ninja && [ -f cosim-out/tests/a/spec ] &&
    ok "cli: builddir is relative to the manifest" || fail "cli: builddir is relative to the manifest" "$(ls -R)"
