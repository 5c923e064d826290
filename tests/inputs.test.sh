#!/bin/sh
# A test's inputs hash (result key inputs_hash, history key inputs): the
# same when the test runs again with nothing changed, another when a
# `depends =` file is touched, a test script is edited or an RTL source
# of an Icarus design changes (the spec_hash staying the same in the first
# two); the history records the result's. A test run by hand away from
# the graph has none; its repro.sh, which goes back there, has the same.
. "$COSIM_TOP/tests/lib.sh"
if ! command -v iverilog >/dev/null 2>&1; then
	skip "inputs suite" "iverilog is not installed"
	exit 0
fi

d=$(scratch inputs)
cd "$d" || exit 1
mkdir rtl
cat >rtl/tiny.v <<'EOF2'
module tiny;
  initial begin $display("tiny ran"); $finish; end
endmodule
EOF2
printf 'grep -q one data.txt\n' >check.sh
echo one >data.txt
echo table >table.txt
cat >tests.ini <<'EOF2'
[cosimgen]
builddir = out
ready    = none
timeout  = 60

[design:tiny]
simulator = icarus
sources   = rtl/tiny.v
top       = tiny

[test:sim]
design = tiny

[test:script]
command = sh check.sh
files   = check.sh data.txt
depends = table.txt

[test:other]
command = true
EOF2
"$COSIMGEN" --launcher "$COSIM_TOP/cosim-run" tests.ini >gen.out 2>&1 &&
    ninja >ninja1.out 2>&1 && ok "the first run: every test passes" ||
    fail "the first run: every test passes" "$(tail -n 20 gen.out ninja1.out)"

# rec TEST KEY: the KEY of TEST's last record in the history
rec() {
	grep "^test	name=$1	" out/history | tail -n 1 | tr '\t' '\n' |
	    sed -n "s/^$2=//p"
}
for t in sim script other; do
	eval "in_$t=\$(field $t inputs_hash)"
	eval "spec_$t=\$(field $t spec_hash)"
done
echo "$in_sim $in_script $in_other" | grep -Eqx '[0-9a-f]{16} [0-9a-f]{16} [0-9a-f]{16}' &&
    ok "each result has an inputs_hash" ||
    fail "each result has an inputs_hash" "$in_sim $in_script $in_other"
[ "$in_script" != "$spec_script" ] && [ "$in_script" != "$in_other" ] &&
    ok "the inputs hash is not the spec hash" ||
    fail "the inputs hash is not the spec hash" "$in_script $spec_script $in_other"
same "the history records the result's inputs hash" \
    "$in_sim $in_script $in_other" "$(rec sim inputs) $(rec script inputs) $(rec other inputs)"

# forced to run again, nothing changed: the same
"$COSIMGEN" run --force script sim >force.out 2>&1
same "run again with the same inputs: the same inputs hash" \
    "$in_sim $in_script" "$(field sim inputs_hash) $(field script inputs_hash)"
same "... and the history's second record too" \
    "2 $in_script" "$(grep -c '^test	name=script	' out/history) $(rec script inputs)"

# a depends = file touched: another inputs hash, the same spec hash
touch table.txt
ninja >ninja2.out 2>&1
grep -q 'script' ninja2.out || fail "a depends file touched: the test reruns" "$(cat ninja2.out)"
new=$(field script inputs_hash)
[ -n "$new" ] && [ "$new" != "$in_script" ] &&
    ok "a depends file touched: another inputs hash" ||
    fail "a depends file touched: another inputs hash" "$in_script -> $new"
same "a depends file touched: the same spec hash" "$spec_script" "$(field script spec_hash)"
same "a depends file touched: the other test's inputs hash is as it was" \
    "$in_other" "$(field other inputs_hash)"
in_script=$new

# the test script edited
printf '# checks data.txt\n' >>check.sh
ninja >ninja3.out 2>&1
new=$(field script inputs_hash)
[ -n "$new" ] && [ "$new" != "$in_script" ] &&
    ok "the test script edited: another inputs hash" ||
    fail "the test script edited: another inputs hash" "$in_script -> $new"
same "the test script edited: the same spec hash" "$spec_script" "$(field script spec_hash)"
same "the test script edited: the history records the new one" "$new" "$(rec script inputs)"
in_script=$new

# an RTL source edited: the design is compiled again
sed 's/tiny ran/tiny ran again/' rtl/tiny.v >rtl/tiny.new && mv rtl/tiny.new rtl/tiny.v
ninja >ninja4.out 2>&1
new=$(field sim inputs_hash)
[ "$(field sim status)" = pass ] && [ -n "$new" ] && [ "$new" != "$in_sim" ] &&
    ok "an RTL source edited: another inputs hash" ||
    fail "an RTL source edited: another inputs hash" "$in_sim -> $new" "$(cat ninja4.out)"
same "an RTL source edited: the same spec hash" "$spec_sim" "$(field sim spec_hash)"
in_sim=$new

# without the plan (a launcher run by hand where no graph is): no inputs
# hash; the repro.sh goes back to the graph's directory, where the plan
# is, and has the one of a run under the graph
mv out/progress.plan plan.aside
"$COSIM_TOP/cosim-run" out/tests/script/spec >hand.out 2>&1
[ "$(field script status)" = pass ] && ! grep -q '^inputs_hash' out/tests/script/result &&
    ok "no plan: no inputs hash" ||
    fail "no plan: no inputs hash" "$(cat hand.out)" "$(cat out/tests/script/result)"
mv plan.aside out/progress.plan
(cd / && sh "$d/out/tests/script/repro.sh") >repro.out 2>&1
same "repro.sh: the inputs hash of a run under the graph" \
    "$in_script" "$(field script inputs_hash)"

# --scan-only keeps it
"$COSIM_TOP/cosim-run" --scan-only out/tests/script/spec >rescan.out 2>&1
same "--scan-only keeps the inputs hash" "$in_script" "$(field script inputs_hash)"
