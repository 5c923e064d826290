#!/bin/sh
# Leftovers: a test that leaves 300 processes behind has every one of them
# killed and counted (leftovers_killed 300, not a count that stops at
# some bound), and nothing of it is left running.
. "$COSIM_TOP/tests/lib.sh"
d=$(scratch leftovers)
cd "$d" || exit 1
secs="61$$"	# a sleep of its own, to be found by its command line
cat >tests.ini <<EOT
[cosimgen]
builddir = out
timeout = 60

[test:many]
command = sh -c 'i=0; while [ \$i -lt 300 ]; do sleep $secs & i=\$((i+1)); done'
EOT
"$COSIMGEN" tests.ini >gen.out 2>&1
ninja >ninja.out 2>&1
same "the test passes" pass "$(sed -n 's/^status //p' out/tests/many/result)"
same "every leftover is counted" 300 \
    "$(sed -n 's/^leftovers_killed //p' out/tests/many/result)"
same "none is left running" 0 "$(pgrep -c -f "^sleep $secs\$" || true)"
