#!/bin/sh
# Sharded runs and one report from several, with real ninja and the real
# launcher on plain command tests: `cosimgen run --shard I/N` and
# `cosimgen list --shard I/N` split the selection into N parts of equal
# expected time by the run history (not of equal count), the same on
# every build directory that reads the same history file; the parts of N
# partition the selection; a bad I/N is a usage error, an empty shard
# runs nothing and passes. `cosimgen report --merge OUTDIR BUILDDIR...`
# reports three shards' build directories as one: every test once, the
# result that ended last, the logs in the build directory they came
# from, one valid JUnit file, and --history adds the run as one.
#
# The history is written by the project's own writer (cosimgen report)
# from results of known durations, so the split does not hang on how
# long anything took on this machine.
. "$COSIM_TOP/tests/lib.sh"
d=$(scratch shard)
cd "$d" || exit 1
RUNS="$d/runs.log"
SCHEMA="$COSIM_TOP/tests/schema/junit.xsd"
runs() { sort "$RUNS" 2>/dev/null | tr '\n' ' '; : >"$RUNS"; }

# tests_ini TEST[:LABEL]...: a manifest of plain command tests, each of
# which notes its run in $RUNS
tests_ini() {
	printf '[cosimgen]\nbuilddir = out\n'
	for t in "$@"; do
		printf '\n[test:%s]\ncommand = echo %s >>%s\n' "${t%%:*}" \
		    "${t%%:*}" "$RUNS"
		case $t in *:*) printf 'labels = %s\n' "${t#*:}" ;; esac
	done
}
# result_of DIR NAME MS [STATUS]: DIR/out/tests/NAME/result, a run of MS
# that ended now.
result_of() {
	mkdir -p "$1/out/tests/$2"
	printf 'cosim-result 1\nname %s\nstatus %s\nstage done\nreason \nseed 1\nstart_epoch_ms %s\nduration_ms %s\n' \
	    "$2" "${4:-pass}" "$(($(date +%s%3N) - $3))" "$3" >"$1/out/tests/$2/result"
}
# shard_of DIR I/N [ARGS...]: the tests `cosimgen list --shard` gives,
# sorted, on one line; its stderr in DIR/list.err
shard_of() {
	_dir=$1 _sh=$2
	shift 2
	(cd "$_dir" && "$COSIMGEN" list --shard "$_sh" "$@" 2>list.err) |
	    sed '1d;$d' | awk '{print $1}' | sort | tr '\n' ' '
}

# --- the split: one 4 s test and four 1 s tests in two shards ----------
mkdir one
tests_ini big a:small b:small c:small d:small >one/tests.ini
# the history: a report of results of known durations
(cd one && "$COSIMGEN" tests.ini) || fail "cosimgen writes the graph"
result_of one big 4000
for t in a b c d; do result_of one "$t" 1000; done
"$COSIMGEN" report --history history one/out >/dev/null
same "the history holds the five durations" "1000 1000 1000 1000 4000 " \
    "$(grep '^test' history | sed 's/.*duration_ms=\([0-9]*\).*/\1/' | sort -n | tr '\n' ' ')"

# a fresh builddir that reads that history
rm -rf one/out
(cd one && "$COSIMGEN" --history "$d/history" tests.ini)
same "shard 1/2: the long test alone" "big " "$(shard_of one 1/2)"
same "shard 1/2: says its expected time of the whole" \
    "shard 1/2: 1 test, expected 4.0s of 8.0s" "$(cat one/list.err)"
same "shard 2/2: the four short ones, as long together" "a b c d " \
    "$(shard_of one 2/2)"
same "shard 2/2: says so" "shard 2/2: 4 tests, expected 4.0s of 8.0s" \
    "$(cat one/list.err)"

# another builddir elsewhere, with its own copy of the history file
mkdir two
cp one/tests.ini two/
cp history two/history
(cd two && "$COSIMGEN" --history history tests.ini)
same_shards=yes
for n in 2 3 4; do
	i=1
	while [ "$i" -le "$n" ]; do
		[ "$(shard_of one "$i/$n")" = "$(shard_of two "$i/$n")" ] ||
		    same_shards="no: $i/$n"
		i=$((i + 1))
	done
done
same "the same history gives the same shards in another builddir" yes "$same_shards"

# the shards of N partition the selection: every test in exactly one
partition() { # DIR N [ARGS...]: "ok", or what is wrong
	_dir=$1 _n=$2
	shift 2
	_all=$( (cd "$_dir" && "$COSIMGEN" list "$@" 2>/dev/null) |
	    sed '1d;$d' | awk '{print $1}' | sort | tr '\n' ' ')
	_i=1 _union=
	while [ "$_i" -le "$_n" ]; do
		_union="$_union$(shard_of "$_dir" "$_i/$_n" "$@")"
		_i=$((_i + 1))
	done
	_dup=$(echo "$_union" | tr ' ' '\n' | sed '/^$/d' | sort | uniq -d | tr '\n' ' ')
	_u=$(echo "$_union" | tr ' ' '\n' | sed '/^$/d' | sort | tr '\n' ' ')
	if [ -n "$_dup" ]; then
		echo "in two shards: $_dup"
	elif [ "$_u" != "$_all" ]; then
		echo "union '$_u' is not the selection '$_all'"
	else
		echo ok
	fi
}
for n in 1 2 3 5 7; do
	same "the $n shards partition the suite" ok "$(partition one "$n")"
done
same "the 3 shards of a label's tests partition them" ok \
    "$(partition one 3 -L small)"
same "the 2 shards of the tests a pattern selects partition them" ok \
    "$(partition one 2 'b*' c d)"
same "a shard is taken after the selection" "b d " "$(shard_of one 2/2 -L small)"

# a bad I/N
for bad in 0/4 5/4 1/0 x 1/ /4; do
	(cd one && "$COSIMGEN" run --shard "$bad") >bad.out 2>&1
	rc=$?
	if [ "$rc" -eq 2 ] && grep -q "bad --shard '$bad': give I/N" bad.out; then
		ok "run --shard $bad: a usage error that names the form"
	else
		fail "run --shard $bad: a usage error that names the form" \
		    "rc=$rc" "$(cat bad.out)"
	fi
done
same "and nothing ran" "" "$(runs)"

# running a shard runs its tests, and prints their summary
(cd one && "$COSIMGEN" run --shard 2/2) >run.out 2>run.err
rc=$?
same "run --shard 2/2: runs the tests of that shard" "a b c d " "$(runs)"
same "run --shard 2/2: exits 0" 0 "$rc"
same "run --shard 2/2: the summary of its tests" "4 passed, 0 failed" \
    "$(tail -n 1 run.out)"
same "run --shard 2/2: the shard's line first" \
    "shard 2/2: 4 tests, expected 4.0s of 8.0s" "$(head -n 1 run.err)"

# more shards than tests: nothing to run, and nothing failed
(cd one && "$COSIMGEN" run --shard 6/6) >empty.out 2>&1
rc=$?
same "an empty shard exits 0" 0 "$rc"
same "and runs nothing" "" "$(runs)"
grep -q "shard 6/6 has no test: more shards than the 5 tests selected" empty.out &&
    ok "an empty shard says so" || fail "an empty shard says so" "$(cat empty.out)"

# no history: by count
mkdir fresh
cp one/tests.ini fresh/
(cd fresh && "$COSIMGEN" tests.ini)
same "no history: by count, the shards partition the suite" ok "$(partition fresh 2)"
shard_of fresh 1/2 >/dev/null
same "no history: says it splits by count" \
    "shard 1/2: 3 tests of 5 (no run history: split by count)" "$(cat fresh/list.err)"

# --- merging three shards' builddirs --------------------------------------
# CI: a history restored from the cache, three jobs that each run their
# shard in a builddir of their own, then one job that merges them. The
# test `broken` fails where a file `fail` is beside the manifest.
mkdir seed
tests_ini t_a >seed/tests.ini
printf '\n[test:broken]\ncommand = echo broken >>%s; test ! -e {srcdir}/fail\n' \
    "$RUNS" >>seed/tests.ini
tests_ini t_b t_d t_e t_f | sed 1,2d >>seed/tests.ini
(cd seed && "$COSIMGEN" tests.ini)
# t_a 6 s, broken 5 s, t_b 4 s, ...: shards {t_a t_f} {broken t_e} {t_b t_d}
result_of seed t_a 6000
result_of seed broken 5000
result_of seed t_b 4000
result_of seed t_d 3000
result_of seed t_e 2000
result_of seed t_f 1000
"$COSIMGEN" report --history cache seed/out >/dev/null
for i in 1 2 3; do
	mkdir "j$i"
	cp seed/tests.ini cache "j$i/"
	[ "$i" = 2 ] && : >j2/fail
	(cd "j$i" && "$COSIMGEN" --history cache tests.ini &&
	    "$COSIMGEN" run --shard "$i/3" >run.out 2>&1)
done
same "the three shards ran every test once" \
    "broken t_a t_b t_d t_e t_f " "$(runs)"
same "the failing test ran in shard 2" "FAIL broken:" \
    "$(grep '^FAIL' j2/run.out | awk '{print $1, $2}')"

cp cache merge-history
runs_before=$(grep -c '^run' merge-history)
"$COSIMGEN" report --merge merged --history merge-history j1/out j2/out j3/out \
    >merge.out 2>merge.err
rc=$?
same "merge: exits 1 (a test failed)" 1 "$rc"
same "merge: the counts cover every test once" "5 passed, 1 failed" \
    "$(tail -n 1 merge.out)"
same "merge: no warning (the same test lists)" "" "$(cat merge.err)"
grep -qx '         log:   j2/out/tests/broken/run/test.out' merge.out &&
    grep -qx '         repro: j2/out/tests/broken/repro.sh' merge.out &&
    ok "merge: the failure's log and repro in shard 2's builddir, as given" ||
    fail "merge: the failure's log and repro in shard 2's builddir, as given" \
        "$(cat merge.out)"
for f in summary.txt results.json report.xml report.html; do
	[ -s "merged/$f" ] && ok "merge: writes $f in OUTDIR" ||
	    fail "merge: writes $f in OUTDIR"
done
same "merge: summary.txt is what it printed" "$(cat merge.out)" \
    "$(cat merged/summary.txt)"
same "merge: report.xml has each test once" \
    "broken t_a t_b t_d t_e t_f " \
    "$(grep -o '<testcase name="[^"]*"' merged/report.xml |
        sed 's/.*name="\([^"]*\)"/\1/' | sort | tr '\n' ' ')"
same "merge: report.xml has the one failure" 1 \
    "$(grep -c '<failure' merged/report.xml)"
if command -v xmllint >/dev/null 2>&1; then
	check "merge: report.xml passes the JUnit schema" \
	    xmllint --noout --schema "$SCHEMA" merged/report.xml
else
	skip "merge: report.xml passes the JUnit schema" "xmllint is not installed"
fi
grep -q 'href="../j2/out/tests/broken/run/test.out"' merged/report.html &&
    grep -q 'href="../j1/out/tests/t_a/repro.sh"' merged/report.html &&
    ok "merge: report.html links the logs relative to OUTDIR" ||
    fail "merge: report.html links the logs relative to OUTDIR" \
        "$(grep -o 'href="[^"]*"' merged/report.html | head -n 6)"
same "merge: results.json, each test once, logs in their builddirs" \
    "broken fail j2/out/tests/broken/run/test.out|t_a pass j1/out/tests/t_a/run/test.out|t_b pass j3/out/tests/t_b/run/test.out|t_d pass j3/out/tests/t_d/run/test.out|t_e pass j2/out/tests/t_e/run/test.out|t_f pass j1/out/tests/t_f/run/test.out|" \
    "$("$PYTHON" -c '
import json, sys
r = json.load(open("merged/results.json"))
print("".join("%s %s %s|" % (t["name"], t["status"], t["log"])
    for t in sorted(r["tests"], key=lambda t: t["name"])))')"

# --history: the merged run added as one
same "merge --history: one run added" "$((runs_before + 1))" \
    "$(grep -c '^run' merge-history)"
last=$(grep '^run' merge-history | tail -n 1 | sed 's/.*	id=\([0-9]*\).*/\1/')
same "merge --history: the run holds every test" 6 \
    "$(sed -n "/^run	id=$last	/,\$p" merge-history | grep -c '^test	')"
"$COSIMGEN" report --merge merged --history merge-history j1/out j2/out j3/out \
    >/dev/null 2>&1
same "merge --history: a merge again with nothing new adds no run" \
    "$((runs_before + 1))" "$(grep -c '^run' merge-history)"

# a test run in two builddirs: the result that ended last
rm fail 2>/dev/null
(cd j3 && "$COSIMGEN" run --force broken >/dev/null 2>&1)
"$COSIMGEN" report --merge merged j1/out j2/out j3/out >merge2.out 2>&1
same "merge: a later pass in shard 3 wins over shard 2's failure" \
    "6 passed, 0 failed" "$(tail -n 1 merge2.out)"
same "merge: its log is shard 3's" "j3/out/tests/broken/run/test.out" \
    "$("$PYTHON" -c '
import json
r = json.load(open("merged/results.json"))
print([t["log"] for t in r["tests"] if t["name"] == "broken"][0])')"
(cd j2 && "$COSIMGEN" run --force broken >/dev/null 2>&1)
"$COSIMGEN" report --merge merged j1/out j2/out j3/out >merge3.out 2>&1
same "merge: then a later failure in shard 2 wins (not the order named)" \
    "5 passed, 1 failed" "$(tail -n 1 merge3.out)"
runs >/dev/null

"$COSIMGEN" report --merge merged/ j1/out/ j2/out// j3/out >slash.out 2>&1
grep -qx '         log:   j2/out/tests/broken/run/test.out' slash.out &&
    ok "merge: a builddir named with a slash at its end gives the same paths" ||
    fail "merge: a builddir named with a slash at its end gives the same paths" \
        "$(cat slash.out)"

# a test no builddir ran: not run, as in a normal report
"$COSIMGEN" report --merge part j1/out j2/out >part.out 2>&1
rc=$?
same "merge of two of three shards: shard 3's tests are not run" \
    "3 passed, 1 failed, 2 not run" "$(tail -n 1 part.out)"
grep -q "t_b: the test has not run" part.out &&
    ok "merge: a test no builddir ran says it has not run" ||
    fail "merge: a test no builddir ran says it has not run" "$(cat part.out)"

# differing test lists: the union, with a warning
mkdir j4
cp seed/tests.ini j4/
printf '\n[test:extra]\ncommand = echo extra >>%s\n' "$RUNS" >>j4/tests.ini
(cd j4 && "$COSIMGEN" tests.ini && "$COSIMGEN" run extra >/dev/null 2>&1)
"$COSIMGEN" report --merge union j1/out j2/out j3/out j4/out >union.out 2>union.err
same "merge of differing lists: the union, each test once" \
    "6 passed, 1 failed" "$(tail -n 1 union.out)"
grep -q "warning: the build directories list different tests (not the same manifest?): extra is not in j1/out/tests.list" union.err &&
    ok "merge of differing lists: a warning names a test and a builddir" ||
    fail "merge of differing lists: a warning names a test and a builddir" \
        "$(cat union.err)"

# usage
"$COSIMGEN" report --merge merged >usage.out 2>&1
same "report --merge without a BUILDDIR: usage error" 2 $?
"$COSIMGEN" report j1/out j2/out >usage.out 2>&1
rc=$?
[ "$rc" -eq 2 ] && grep -q -- '--merge OUTDIR BUILDDIR' usage.out &&
    ok "report of two builddirs without --merge: usage error that points to it" ||
    fail "report of two builddirs without --merge: usage error that points to it" \
        "rc=$rc" "$(cat usage.out)"
"$COSIMGEN" report --merge merged j1/out nowhere >usage.out 2>&1
rc=$?
[ "$rc" -eq 1 ] && grep -q 'cannot read nowhere/tests.list' usage.out &&
    ok "merge: a builddir without a test list is an error that names it" ||
    fail "merge: a builddir without a test list is an error that names it" \
        "rc=$rc" "$(cat usage.out)"
