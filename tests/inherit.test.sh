#!/bin/sh
# What a test inherits: the descriptors the caller of ninja left open (a
# CI runner's fd 10, a shell's 251) do not reach the test, the simulator
# or a fixture; only stdin, stdout and stderr do. The two of make's
# jobserver that MAKEFLAGS names are kept, for the make a compile runs.
. "$COSIM_TOP/tests/lib.sh"
d=$(scratch inherit)
cd "$d" || exit 1
RUN="$COSIM_TOP/cosim-run"

# Each program lists the descriptors open in it (a shell would add its
# own for a redirection) into a file of the scratch directory.
cat >fds.py <<'EOT'
import os, sys
seen = []
for fd in range(1024):
    try:
        os.fstat(fd)
        seen.append(fd)
    except OSError:
        pass
with open(sys.argv[1], "w") as f:
    f.write("\n".join(map(str, seen)) + "\n")
EOT
cat >tests.ini <<EOT
[cosimgen]
builddir = out
timeout = 20

[design:fake]
simulator = custom
run = sh -c '$PYTHON $d/fds.py $d/sim.fds; exec sleep 30'
ready = none

[fixture:fx]
setup = $PYTHON $d/fds.py $d/fixture.fds

[test:t]
design = fake
fixtures = fx
command = $PYTHON $d/fds.py $d/test.fds
EOT
# fds F: the descriptors a program saw, on one line
fds() { sort -n "$1" 2>/dev/null | tr '\n' ' ' | sed 's/ $//'; }

"$COSIMGEN" tests.ini >gen.out 2>&1
bash -c 'exec 10>/dev/null 251>/dev/null; exec ninja' >ninja.out 2>&1
same "ninja with fds 10 and 251 open: the test passes" 0 \
    "$(grep -c '^FAIL\|^ERROR' out/summary.txt)"
same "the test sees only 0, 1 and 2" "0 1 2" "$(fds test.fds)"
same "the simulator sees only 0, 1 and 2" "0 1 2" "$(fds sim.fds)"
same "a fixture's setup sees only 0, 1 and 2" "0 1 2" "$(fds fixture.fds)"

# make's jobserver: the two it names stay open, others do not
rm -f test.fds
MAKEFLAGS=' -j2 --jobserver-auth=20,21' bash -c \
    'exec 20</dev/null 21>/dev/null 22>/dev/null; exec "$0" out/tests/t/spec' \
    "$RUN" >run.out 2>&1
same "MAKEFLAGS's jobserver fds stay open, the others not" "0 1 2 20 21" \
    "$(fds test.fds)"
rm -f test.fds
MAKEFLAGS=' -j2 --jobserver-auth=fifo:/tmp/x' bash -c \
    'exec 10</dev/null; exec "$0" out/tests/t/spec' \
    "$RUN" >run.out 2>&1
same "a jobserver of make 4.4 (a fifo) keeps no descriptor" "0 1 2" \
    "$(fds test.fds)"
