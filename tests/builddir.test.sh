#!/bin/sh
# The builddir cosimgen takes: a new or empty directory, or a builddir of
# its own (of this version, or an earlier one without the graph file);
# the root directory, or a directory that holds anything else, is refused
# at the builddir line, and nothing in it is touched.
. "$COSIM_TOP/tests/lib.sh"
d=$(scratch builddir)
cd "$d" || exit 1
# manifest DIR: a one-test manifest with that builddir
manifest() {
	printf '[cosimgen]\nbuilddir = %s\n\n[test:a]\ncommand = true\n' "$1" >tests.ini
}

mkdir foreign && echo "my notes" >foreign/notes.txt
manifest foreign
"$COSIMGEN" tests.ini >gen.out 2>&1
same "a directory with other files: refused at its line" \
    "2:tests.ini:2: error: builddir $d/foreign is not empty and not a cosimgen builddir" \
    "$?:$(head -n 1 gen.out | sed 's/: cosimgen writes.*//')"
check "... no graph is written, and nothing in it is touched" sh -c \
    '[ ! -e build.ninja ] && [ "$(ls foreign)" = notes.txt ] && [ "$(cat foreign/notes.txt)" = "my notes" ]'

manifest /
"$COSIMGEN" tests.ini >gen.out 2>&1
same "the root directory: refused" \
    "2:tests.ini:2: error: builddir / is the root directory" \
    "$?:$(head -n 1 gen.out | sed 's/: cosimgen writes.*//')"

mkdir empty
manifest empty
"$COSIMGEN" tests.ini >gen.out 2>&1 && ninja >ninja.out 2>&1
same "an empty directory: taken" "1 passed, 0 failed" "$(tail -n 1 ninja.out)"
"$COSIMGEN" tests.ini >gen.out 2>&1
same "its own builddir again: taken" 0 "$?"

# a builddir of an earlier version: no graph file yet, its test list
rm empty/graph
"$COSIMGEN" tests.ini >gen.out 2>&1
same "a builddir of an earlier version (no graph file): taken" 0 "$?"
