#!/bin/sh
# Bounded inputs: a test that writes megabytes of properties to
# $COSIM_PROPERTIES gets a result that keeps the first of them (at most
# 1 MiB, 10,000 properties) and says it cut them; the reports stay small.
. "$COSIM_TOP/tests/lib.sh"
d=$(scratch bounded)
cd "$d" || exit 1
cat >tests.ini <<'EOT'
[cosimgen]
builddir = out
timeout = 60

[test:big]
command = sh -c 'echo first=1 >>"$COSIM_PROPERTIES"; head -c 3000000 /dev/zero | tr "\0" x | fold -w 100 | sed "s/^/k=/" >>"$COSIM_PROPERTIES"'

[test:many]
command = sh -c 'seq 20000 | sed "s/^/p=/" >>"$COSIM_PROPERTIES"'

[test:few]
command = sh -c 'echo a=1 >>"$COSIM_PROPERTIES"'
EOT
"$COSIMGEN" tests.ini >gen.out 2>&1
ninja >ninja.out 2>&1
same "the tests pass" "3 passed, 0 failed" "$(tail -n 1 ninja.out)"
check "3 MB of properties: the result stays under 1.2 MB" \
    sh -c '[ "$(stat -c %s out/tests/big/result)" -lt 1200000 ]'
same "... keeps the first property" "first=1" \
    "$(sed -n 's/^property //p' out/tests/big/result | head -n 1)"
check "... and says it cut them" grep -Eqx \
    'properties_cut the test wrote [0-9]+ bytes of properties; the result keeps the first [0-9]+ properties of the first 1048576 bytes' \
    out/tests/big/result
same "20,000 properties: 10,000 kept, and it says so" "10000:1" \
    "$(grep -c '^property ' out/tests/many/result):$(grep -c '^properties_cut ' out/tests/many/result)"
same "a few properties: all kept, nothing said" "1:0" \
    "$(grep -c '^property ' out/tests/few/result):$(grep -c '^properties_cut ' out/tests/few/result)"
check "results.json carries the cut" "$PYTHON" -c '
import json
t = {x["name"]: x for x in json.load(open("out/results.json"))["tests"]}
assert "properties_cut" in t["big"] and "properties_cut" not in t["few"], t["few"]
'
check "report.xml stays small (the properties of two cut tests)" sh -c '[ "$(stat -c %s out/report.xml)" -lt 4000000 ]'

# A manifest or an included file that is a device, a FIFO or too large is
# refused at once, not read without end.
d2=$(scratch bounded-manifest)
cd "$d2" || exit 1
timeout 20 "$COSIMGEN" /dev/zero >zero.out 2>&1
same "manifest /dev/zero: refused at once" \
    "2:/dev/zero: error: cannot read the manifest: it is not a regular file but a device" \
    "$?:$(head -n 1 zero.out)"
printf '[cosimgen]\nbuilddir = out\ninclude = /dev/zero\n\n[test:a]\ncommand = true\n' >inc.ini
timeout 20 "$COSIMGEN" inc.ini >inc.out 2>&1
same "include = /dev/zero: an error at the include line, no graph" \
    "2:inc.ini:3: error: cannot include '/dev/zero': it is not a regular file but a device:absent" \
    "$?:$(head -n 1 inc.out):$([ -e build.ninja ] && echo written || echo absent)"
mkfifo pipe.ini
timeout 20 "$COSIMGEN" pipe.ini >fifo.out 2>&1
same "a FIFO as the manifest: refused, not waited on" \
    "2:pipe.ini: error: cannot read the manifest: it is not a regular file but a FIFO" \
    "$?:$(head -n 1 fifo.out)"
truncate -s 300M huge.ini
timeout 20 "$COSIMGEN" huge.ini >huge.out 2>&1
same "a manifest of 300 MB: refused unread" \
    "2:huge.ini: error: cannot read the manifest: it is 314572800 bytes, more than the 256 MiB a manifest may hold" \
    "$?:$(head -n 1 huge.out)"
