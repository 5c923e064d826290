#!/bin/bash
# bench/report.sh [N] - how long `cosimgen report` takes on N (default
# 10000) results: the console summary, summary.txt, results.json,
# report.xml and report.html, written from every result file. Goal:
# <= 0.2 s at N = 10000. It prints numbers and judges nothing.
#
# The results are real: cosimgen writes the graph and ninja runs every
# test through cosim-run once (9 in 10 pass; 1 in 20 fails with 20 lines of
# output and a matching log line, so its result holds the log tails; 1 in
# 20 records properties). Then the report is timed against a floor that
# only reads the same files: `cat` of every result, paired and alternating
# (bench/pair.py). The report is made with the results as the last run
# left them, so its timeline holds every test.
#
# The run history holds HISTORY runs (default 50): the real one and
# HISTORY - 1 earlier nightly runs of every test written before it
# (bench/history.py), in which 1 in 50 tests changes its verdict, so the
# report's triage and trends read a full history. With REPORT_B set to
# another cosimgen, its report of a copy of the same builddir is timed
# against this one's too (before/after).
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
n=${1:-10000}
runs=${RUNS:-7}
hist=${HISTORY:-50}
w=$(mktemp -d "${TMPDIR:-/tmp}/cosim-report.XXXXXX")
trap 'rm -rf "$w"' EXIT
[ -x "$top/cosimgen" ] && [ -x "$top/cosim-run" ] || { echo "build first: make"; exit 1; }

cd "$w"
{
	printf '[cosimgen]\nbuilddir = out\n\n'
	for ((i = 0; i < n; i++)); do
		printf '[test:t%d]\nlabels = l%d\n' "$i" $((i % 7))
		case $((i % 20)) in
		0) printf "command = sh -c 'seq 20; echo ERROR: t%d went wrong; exit 1'\n\n" "$i" ;;
		1) printf "command = sh -c 'echo seed=%d >>\"\$COSIM_PROPERTIES\"'\n\n" "$i" ;;
		*) printf 'command = true\n\n' ;;
		esac
	done
} >tests.ini
"$top/cosimgen" tests.ini
echo "running $n tests once for their results..."
ninja -k 0 -j"$(nproc)" >ninja.out 2>&1 || true
tail -n 1 out/summary.txt | sed "s/^/  first report: /"
grep -qx "$((n - (n + 19) / 20)) passed, $(((n + 19) / 20)) failed" out/summary.txt ||
    { echo "unexpected results:"; tail -n 3 out/summary.txt; exit 1; }
ls out/tests | sed 's|^|out/tests/|; s|$|/result|' >results.txt
python3 "$top/bench/history.py" out "$hist"
"$top/cosimgen" report out >/dev/null || true
printf '  history: %d runs, %d bytes\n' "$(grep -c '^run' out/history)" \
    "$(stat -c %s out/history)"
echo
echo "A = cosimgen report out ($n results; writes summary.txt, results.json,"
echo "    report.xml, report.html)"
echo "B = cat of the same $n result files (the floor: reading them)"
python3 "$top/bench/pair.py" "$runs" \
    "" "cd $w && $top/cosimgen report out" \
    "" "cd $w && xargs cat <results.txt >/dev/null"
if [ -n "${REPORT_B:-}" ]; then
	cp -a out out_b
	echo
	echo "A = cosimgen report out (this tree)"
	echo "B = $REPORT_B report out_b (a copy of the same builddir)"
	python3 "$top/bench/pair.py" "$runs" \
	    "" "cd $w && $top/cosimgen report out" \
	    "" "cd $w && $REPORT_B report out_b"
fi
echo
ls -l out/summary.txt out/results.json out/report.xml out/report.html |
    awk '{printf "  %-18s %9d bytes\n", $NF, $5}'
echo "goal: A <= 0.2 s at 10000 results"
