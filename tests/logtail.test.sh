#!/bin/sh
# The last lines a result keeps of a log that holds a NUL byte: the lines
# after the NUL are kept (the last ones, which matter), and the NUL shows
# as ^@.
. "$COSIM_TOP/tests/lib.sh"
d=$(scratch logtail)
cd "$d" || exit 1
cat >tests.ini <<'EOT'
[cosimgen]
builddir = out
timeout = 20

[test:nul]
command = sh -c 'echo first; printf "bin\0ary\n"; echo after; echo last words; exit 1'
EOT
"$COSIMGEN" tests.ini >gen.out 2>&1
ninja >ninja.out 2>&1
same "the tail keeps the lines after a NUL, the NUL as ^@" \
    "first|bin^@ary|after|last words" \
    "$(sed -n 's/^test_out_tail //p' out/tests/nul/result | tr '\n' '|' | sed 's/|$//')"
