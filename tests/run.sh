#!/bin/sh
# tests/run.sh - run every test suite and print one closing line,
# "N passed, N failed" (", N skipped" when any were skipped).
#
# Each suite is a program that prints TAP-like lines: "ok - NAME",
# "not ok - NAME" (then indented detail lines) or "skip - NAME: why".
# Suites: the unit test binaries tests/unit/test_*, and tests/*.test.sh.
# Run from the top of the tree with COSIMGEN set (make check does that).
# TESTS="golden rerun" runs only the suites whose names contain a word.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 1
: "${COSIMGEN:=$top/cosimgen}"
export COSIMGEN
export COSIM_TOP="$top"
out="$top/tests/out"
rm -rf "$out"
mkdir -p "$out"
log="$out/results.log"
: >"$log"

wanted() {
	[ -z "${TESTS:-}" ] && return 0
	for w in $TESTS; do
		case "$1" in *"$w"*) return 0 ;; esac
	done
	return 1
}

for suite in tests/unit/test_* tests/*.test.sh; do
	case "$suite" in *.c|*.h|*.o|*.d) continue ;; esac
	[ -e "$suite" ] || continue
	wanted "$suite" || continue
	echo "== $suite"
	case "$suite" in
	*.sh) sh "$suite" ;;
	*) "./$suite" ;;
	esac >"$out/suite.out" 2>&1
	rc=$?
	cat "$out/suite.out"
	cat "$out/suite.out" >>"$log"
	if [ "$rc" -ne 0 ] && ! grep -q '^not ok' "$out/suite.out"; then
		echo "not ok - $suite exited with status $rc" | tee -a "$log"
	fi
done

passed=$(grep -c '^ok ' "$log")
failed=$(grep -c '^not ok ' "$log")
skipped=$(grep -c '^skip ' "$log")
echo
if [ "$failed" -ne 0 ]; then
	echo "Failed:"
	grep '^not ok ' "$log" | sed 's/^not ok - /  /'
fi
if [ "$skipped" -ne 0 ]; then
	echo "Skipped:"
	grep '^skip ' "$log" | sed 's/^skip - /  /'
	echo "$passed passed, $failed failed, $skipped skipped"
else
	echo "$passed passed, $failed failed"
fi
[ "$failed" -eq 0 ]
