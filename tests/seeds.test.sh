#!/bin/sh
# Seeds and sweeps, with real ninja and Verilator: seeds = 3 makes three
# tests whose simulators get different seeds (and draw different
# $urandom values); a regeneration draws the same ones, a rerun of a
# failure reruns its seed, --reseed draws fresh ones and every report
# says the epoch; a seed from an old results.json replays through seed =
# or --seed-epoch; --seeds N outlives the regeneration after a run, and
# cosimgen run --seeds N too; a swept design compiles once per value and
# its tests see the parameter; a plusarg sweep reaches the simulator.
. "$COSIM_TOP/tests/lib.sh"
if ! command -v verilator >/dev/null 2>&1; then
	skip "seeds suite" "verilator is not installed"
	exit 0
fi
d=$(scratch seeds)
cd "$d" || exit 1
: >bad.txt
cat >tb.sv <<'EOT'
module tb #(parameter WIDTH = 4);
  int seed, bad, fd, r;
  string mode, badfile;
  initial begin
    if (!$value$plusargs("seed=%d", seed)) seed = -1;
    if (!$value$plusargs("mode=%s", mode)) mode = "none";
    bad = 0;
    if ($value$plusargs("badfile=%s", badfile)) begin
      fd = $fopen(badfile, "r");
      if (fd != 0) begin
        r = $fscanf(fd, "%d", bad);
        $fclose(fd);
      end
    end
    $display("seed=%0d urandom=%0d width=%0d mode=%s", seed, $urandom,
             WIDTH, mode);
    if (seed == bad) $error("seed %0d is bad", seed);
    $finish;
  end
endmodule
EOT
cat >tests.ini <<EOT
[cosimgen]
builddir = out

[design:tb]
sources = tb.sv
top     = tb
ready   = none
flags   = -Wno-fatal

[design:wide]
sources = tb.sv
top     = tb
ready   = none
flags   = -Wno-fatal
sweep   = WIDTH=8,16

[test:rand]
design   = tb
seeds    = 3
plusargs = +badfile=$d/bad.txt

[test:fixed]
design = tb

[test:widths]
design = wide

[test:modes]
design = tb
sweep  = +mode=fast,slow
EOT
# names: the tests of tests.list whose names start with $1, on one line
names() { sed -n "s/^\\($1[^ ]*\\).*/\\1/p" out/tests.list | tr '\n' ' '; }
# line NAME: what the simulator of test NAME printed
line() { grep '^seed=' "out/tests/$1/run/sim.out"; }
# ran LOG: the tests a ninja run ran, sorted
ran() {
	sed -n 's/^\[[0-9]*\/[0-9]*\] TEST \([^ ]*\).*$/\1/p' "$1" | sort |
	    tr '\n' ' '
}

"$COSIMGEN" tests.ini 2>gen.err || fail "cosimgen writes the graph" \
    "$(cat gen.err)"
rand0=$(names 'rand\.')
set -- $rand0
same "seeds = 3: three tests NAME.SEED" 3 $#
r1=$1 r2=$2 r3=$3
ninja >run1.log 2>&1
same "every test passes" "8 passed, 0 failed" "$(tail -n 1 out/summary.txt)"
seeds=$(for t in $rand0; do line "$t" | sed 's/ urandom.*//'; done | sort -u |
    wc -l)
same "each seed reaches its simulator (+seed=)" 3 "$seeds"
u=$(for t in $rand0; do line "$t" | sed 's/.*urandom=\([0-9]*\).*/\1/'; done |
    sort -u | wc -l)
same "and seeds \$urandom (+verilator+seed+): three different values" 3 "$u"
same "the name's seed is the simulator's" "seed=${r1#rand.}" \
    "$(line "$r1" | sed 's/ .*//')"
same "test/rand runs every seed of rand" "3" \
    "$(ninja -t query test/rand | grep -c 'stamp')"
grep -q '^rand\.[0-9]* rand$' out/tests.list &&
    ok "a seeded test is labelled with its written name" ||
    fail "a seeded test is labelled with its written name" \
    "$(cat out/tests.list)"
same "the summary says the epoch" \
    "seed epoch 0 (cosimgen --seed-epoch 0 draws these seeds again)" \
    "$(tail -n 2 out/summary.txt | head -n 1)"
grep -q '"seed_epoch": 0,' out/results.json &&
    ok "results.json has the epoch" ||
    fail "results.json has the epoch" "$(head -n 5 out/results.json)"
grep -q '<property name="seed_epoch" value="0"/>' out/report.xml &&
    ok "report.xml has the epoch" || fail "report.xml has the epoch"
grep -q "^run	.*seed_epoch=0" out/history &&
    ok "the history's run record has the epoch" ||
    fail "the history's run record has the epoch" "$(grep ^run out/history)"
cp out/results.json results0.json

# within an epoch, the same seeds; a failure reruns on its seed
"$COSIMGEN" tests.ini 2>>gen.err
same "a regeneration draws the same seeds" "$rand0" "$(names 'rand\.')"
echo "${r2#rand.}" >bad.txt
"$COSIMGEN" run --force "$r2" >force.log 2>&1
expect "$r2" crash	# Verilator aborts on $error
ninja >rerun.log 2>&1
same "the next ninja reruns only the failure, under the same name" \
    "$r2 " "$(ran rerun.log)"
same "with the same seed" "seed=${r2#rand.}" "$(line "$r2" | sed 's/ .*//')"
: >bad.txt
"$COSIMGEN" tests.ini 2>>gen.err
ninja >rerun2.log 2>&1
expect "$r2" pass

# a new epoch: fresh seeds, the reports say which
"$COSIMGEN" --reseed tests.ini 2>>gen.err
epoch=$(sed -n 's/^epoch //p' out/seeding)
rand1=$(names 'rand\.')
[ "$rand1" != "$rand0" ] && [ "$epoch" != 0 ] &&
    ok "--reseed: another epoch, other seeds ($epoch)" ||
    fail "--reseed: another epoch, other seeds" "$rand0" "$rand1"
same "--reseed leaves the tests without seeds alone" "fixed " \
    "$(names fixed)"
ninja >run2.log 2>&1
grep -q "\"seed_epoch\": $epoch," out/results.json &&
    ok "results.json has the new epoch" || fail "results.json has the new epoch"
grep -q "^run	.*seed_epoch=$epoch" out/history &&
    ok "the history records the new epoch" ||
    fail "the history records the new epoch"

# replay: a seed from an old report, or the old epoch
old=$(sed -n 's/.*"name": "\(rand\.[0-9]*\)".*"seed": "\([0-9]*\)".*/\2/p' \
    results0.json | head -n 1)
[ -n "$old" ] || old=$(sed -n 's/.*"seed": "\{0,1\}\([0-9]*\).*/\1/p' \
    results0.json | head -n 1)
cat >>tests.ini <<EOT

[test:replay]
design = tb
seed   = $old
EOT
ninja >replay.log 2>&1
same "seed = S replays a seed from an old results.json" "seed=$old" \
    "$(line replay | sed 's/ .*//')"
same "and draws the same \$urandom" \
    "$(line "rand.$old" | sed 's/ width.*//')" \
    "$(line replay | sed 's/ width.*//')"
"$COSIMGEN" --seed-epoch 0 tests.ini 2>>gen.err
same "--seed-epoch 0 draws that epoch's seeds again" "$rand0" \
    "$(names 'rand\.')"

# more seeds from the command line, kept across the regeneration
"$COSIMGEN" --seeds 5 tests.ini 2>>gen.err
ninja >more.log 2>&1
ninja >more2.log 2>&1	# regenerates from the new history
set -- $(names 'rand\.')
same "--seeds 5 survives the regeneration after a run" 5 $#
same "--seeds keeps the seeds it had, and adds" "$rand0" \
    "$(echo "$@" | cut -d' ' -f1-3) "
same "--seeds does not multiply the tests without seeds" "fixed " \
    "$(names fixed)"
grep -q "^seed epoch 0, --seeds 5 (cosimgen --seed-epoch 0 --seeds 5 draws" \
    out/summary.txt && ok "the summary's replay line has the --seeds in force" ||
    fail "the summary's replay line has the --seeds in force" \
    "$(tail -n 3 out/summary.txt)"
grep -q '"seeds_override": 5' out/results.json &&
    ok "and results.json" || fail "and results.json" "$(head -n 5 out/results.json)"
"$COSIMGEN" run --seeds 2 'rand.*' >run-seeds.log 2>&1
set -- $(names 'rand\.')
same "cosimgen run --seeds 2 regenerates with two" 2 $#
same "and runs them" "2 passed, 0 failed" "$(tail -n 1 run-seeds.log)"
"$COSIMGEN" run --reseed --list >/dev/null 2>&1
[ "$(names 'rand\.')" != "$*" ] && ok "cosimgen run --reseed: fresh seeds" ||
    fail "cosimgen run --reseed: fresh seeds"
"$COSIMGEN" --seeds manifest --seed-epoch 0 tests.ini 2>>gen.err
same "--seeds manifest goes back to the manifest's count" "$rand0" \
    "$(names 'rand\.')"

# sweeps
same "a test of a swept design: one per value" "widths.WIDTH16 widths.WIDTH8 " \
    "$(names widths | tr ' ' '\n' | sort | tr '\n' ' ' | sed 's/^ //')"
same "each sees its parameter" "width=8" \
    "$(line widths.WIDTH8 | sed 's/.*\(width=[0-9]*\).*/\1/')"
same "the other too" "width=16" \
    "$(line widths.WIDTH16 | sed 's/.*\(width=[0-9]*\).*/\1/')"
n=$(grep -c '^\[[0-9]*/[0-9]*\] VERILATE ' run1.log)
same "three designs, three compiles (the sweep's two values)" 3 "$n"
same "named by their designs" "VERILATE tb VERILATE wide.WIDTH16 VERILATE wide.WIDTH8 " \
    "$(sed -n 's/^\[[0-9]*\/[0-9]*\] \(VERILATE .*\)/\1/p' run1.log | sort |
    tr '\n' ' ')"
same "a plusarg sweep reaches the simulator" "mode=fast mode=slow" \
    "$(line modes.modefast | sed 's/.* //') $(line modes.modeslow |
    sed 's/.* //')"
grep -q '^widths.WIDTH8 widths wide$' out/tests.list &&
    ok "a swept test is labelled with both base names" ||
    fail "a swept test is labelled with both base names" \
    "$(grep widths out/tests.list)"
[ -s gen.err ] && fail "cosimgen said nothing on the way" "$(cat gen.err)" ||
    ok "cosimgen said nothing on the way"
