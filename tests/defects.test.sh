#!/bin/sh
# Small defects, each checked where it showed: the build's demo target and
# configure's hint, `cosimgen report`'s options, what ninja prints when
# the manifest is broken, --scan-only and ninja's log, two graphs on one
# builddir, labels that are not an input of a run, ninja's status line,
# did-you-mean, and the man pages' idle clock.
. "$COSIM_TOP/tests/lib.sh"

# --- make demo builds both programs; configure says what the README says ---
d=$(scratch defects/build)
(cd "$COSIM_TOP" && cp -R configure Makefile.in VERSION src docs templates "$d/")
rm -f "$d"/src/*.o "$d"/src/*.d "$d"/src/*/*.o "$d"/src/*/*.d
cd "$d" || exit 1
./configure >configure.out 2>&1
make -n demo >demo.out 2>&1
grep -q -- '-o cosim-run ' demo.out && ok "build: make demo builds cosim-run first" ||
    fail "build: make demo builds cosim-run first" "$(tail -n 5 demo.out)"
hint=$(tail -n 1 configure.out)
case "$hint" in
*"make && make demo"*"make check"*)
	grep -q '^    ./configure && make && make demo$' "$COSIM_TOP/README.md" &&
	    grep -q '^    make check$' "$COSIM_TOP/README.md" &&
	    ok "build: configure's closing hint is the README's set-up" ||
	    fail "build: configure's closing hint is the README's set-up" \
	    "the README no longer says ./configure && make && make demo"
	;;
*) fail "build: configure's closing hint is the README's set-up" "$hint" ;;
esac

# --- one suite of plain command tests through the real launcher, shared
# by the checks below ---
RUN="$COSIM_TOP/cosim-run"
s=$(scratch defects/suite)
cd "$s" || exit 1
suite() {	# suite A-LABELS E-PATTERN: write the manifest
	cat >tests.ini <<EOT
[cosimgen]
builddir = out

[test:a]
command = true
labels = $1

[test:b]
command = false
labels = smoke

[test:c]
command = false
labels = slow

[test:d]
command = true
labels = never

[test:e]
command = echo FAIL: not really
fail_patterns = $2
EOT
}
suite smoke '^FAIL:'
"$COSIMGEN" --launcher "$RUN" tests.ini
ninja test/a test/b test/c test/e >ninja1.out 2>&1
same "status: ninja's status line names a test edge TEST NAME" \
    "TEST a|TEST b|TEST c|TEST e|" \
    "$(sed -n 's/^\[[0-9]*\/[0-9]*\] \(TEST .*\)/\1/p' ninja1.out | sort | tr '\n' '|')"

# --- cosimgen report: --help, a missing value, several filters ---
"$COSIMGEN" report --help >help.out 2>&1
rc=$?
[ $rc -eq 0 ] && grep -q '^usage: cosimgen report .*--filter' help.out &&
    ok "report: --help prints the report's usage and exits 0" ||
    fail "report: --help prints the report's usage and exits 0" "rc=$rc" "$(cat help.out)"
"$COSIMGEN" report --filter >err.out 2>&1
rc=$?
[ $rc -eq 2 ] && grep -q "option '--filter' needs a value" err.out &&
    ok "report: --filter without a value says so" ||
    fail "report: --filter without a value says so" "rc=$rc" "$(cat err.out)"
"$COSIMGEN" report --filter label:smoke --filter status:fail out >f.out 2>&1
same "report: two --filter options narrow (a test must match both)" \
    "FAIL     b: test exited with status 1|0 passed, 1 failed" \
    "$(grep -v '^  ' f.out | tr '\n' '|' | sed 's/|$//')"
"$COSIMGEN" report --filter=label:smoke --filter 'x*' out >f.out 2>&1
rc=$?
[ $rc -eq 1 ] && grep -q "no test matches 'label:smoke' and 'x\*'" f.out &&
    ok "report: filters that select nothing together are named" ||
    fail "report: filters that select nothing together are named" "rc=$rc" "$(cat f.out)"

# --- labels are not an input of a run: changing a's reruns nothing, and
# every report has the new ones, also for d, which never ran ---
suite 'smoke fast' '^FAIL:'
ninja test/a >ninja-labels.out 2>&1
same "labels: changing only a test's labels reruns no test" "" \
    "$(grep '\] TEST' ninja-labels.out)"
grep -q '^label' out/tests/a/spec && fail "labels: the spec holds no labels" "$(cat out/tests/a/spec)" ||
    ok "labels: the spec holds no labels"
"$COSIMGEN" report --filter label:fast out >f.out 2>&1
same "labels: --filter label: selects by the labels the manifest gives now" \
    "1 passed, 0 failed" "$(tail -n 1 f.out)"
"$COSIMGEN" report --filter label:never out >f.out 2>&1
same "labels: --filter label: selects a test that never ran" \
    "0 passed, 0 failed, 1 not run" "$(tail -n 1 f.out)"
"$COSIMGEN" report out >/dev/null 2>&1
same "labels: results.json has the labels of a test that ran and of one that did not" \
    "a=smoke,fast b=smoke c=slow d=never e=" "$("$PYTHON" -c '
import json, sys
t = json.load(open(sys.argv[1]))["tests"]
print(" ".join("%s=%s" % (x["name"], ",".join(x.get("label", []))) for x in t))' out/results.json)"
grep -q '<property name="a.labels" value="smoke fast"/>' out/report.xml &&
    grep -q '<property name="d.labels" value="never"/>' out/report.xml &&
    ok "labels: report.xml has them as properties" ||
    fail "labels: report.xml has them as properties" "$(grep labels out/report.xml)"
grep -q '<td>a</td>.*<td>smoke fast</td>' out/report.html &&
    grep -q '<td>d</td>.*<td>never</td>' out/report.html &&
    ok "labels: report.html shows them too" ||
    fail "labels: report.html shows them too" "$(grep -o '<td>[ad]</td>.\{0,200\}' out/report.html)"

# --- cosim-run --scan-only turns e into a pass: the next ninja takes its
# stamp as it is (ninja's log learns of it) and does not run it again ---
suite smoke '^NOPE:'
"$COSIMGEN" --launcher "$RUN" tests.ini
"$RUN" --scan-only out/tests/e/spec >scan.out 2>&1
same "scan-only: a new pattern turns e into a pass" "pass    e" "$(cat scan.out)"
ninja -d explain test/e >ninja2.out 2>&1
same "scan-only: the next ninja does not run e again" "" \
    "$(grep -e '\] TEST' -e 'tests/e/stamp' ninja2.out)"
suite smoke '^FAIL:'
"$COSIMGEN" --launcher "$RUN" tests.ini
"$RUN" --scan-only out/tests/e/spec >scan.out 2>&1
ninja test/e >ninja3.out 2>&1
same "scan-only: turned back into a failure, e runs again" 1 \
    "$(grep -c '\] TEST' ninja3.out)"

# --- the man pages: references to sections of other pages name sections
# that exist; both pages tell the idle clock as the launcher runs it ---
bad=$("$PYTHON" - "$COSIM_TOP/docs" <<'PYEOF'
import os, re, sys
docs = sys.argv[1]
pages = {f: open(os.path.join(docs, f)).read() for f in os.listdir(docs)}
n = 0
for f, text in sorted(pages.items()):
    flat = re.sub(r"\s+", " ", text)
    for m in re.finditer(r"see ([A-Z][A-Z ]*[A-Z]) in \.BR? (\S+) \((\d)\)", flat):
        page = m.group(2).replace("\\-", "-") + "." + m.group(3)
        heads = re.findall(r"^\.S[HS] \"?([^\"\n]*)\"?$", pages.get(page, ""), re.M)
        n += 1
        if m.group(1) not in heads:
            print(f"{f}: 'see {m.group(1)} in {page}': no such section")
print(f"{n} references")
PYEOF
)
case "$bad" in
"0 references") fail "docs: every 'see SECTION in PAGE' names a section of that page" "found none" ;;
*) same "docs: every 'see SECTION in PAGE' names a section of that page" \
    "$(echo "$bad" | tail -n 1)" "$bad" ;;
esac
for page in cosimgen.ini.5 cosim-run.1; do
	idle=$(sed -n '/idle_timeout/,/^\.T[PH]/p' "$COSIM_TOP/docs/$page" | tr '\n' ' ')
	case "$idle" in
	*"starts when the test stage starts"*"starts again at each"*"write to a file in the run"*)
		ok "docs: $page: the idle clock starts with the test stage, again at each write" ;;
	*) fail "docs: $page: the idle clock starts with the test stage, again at each write" ;;
	esac
done

# --- a broken manifest in a large suite: ninja's FAILED line is short;
# the spec files still come back when deleted, and only their tests rerun ---
b=$(scratch defects/big)
cd "$b" || exit 1
{
	printf '[cosimgen]\nbuilddir = cosim-out\n\n'
	i=0
	while [ $i -lt 300 ]; do
		printf '[test:test_number_%04d]\ncommand = true\n\n' $i
		i=$((i + 1))
	done
} >tests.ini
"$COSIMGEN" --launcher "$RUN" tests.ini
ninja -j2 >ninja1.out 2>&1
same "regen: a suite of 300 tests passes" "300 passed, 0 failed" "$(tail -n 1 ninja1.out)"
rm cosim-out/tests/test_number_0123/spec
ninja >ninja2.out 2>&1
[ -f cosim-out/tests/test_number_0123/spec ] && ok "regen: a deleted spec file is written again" ||
    fail "regen: a deleted spec file is written again" "$(cat ninja2.out)"
same "regen: and only its test reruns" "1" "$(grep -c '\] TEST ' ninja2.out)"
cp tests.ini tests.ini.good
echo 'bogus line' >>tests.ini
ninja >ninja3.out 2>&1
rc=$?
failed=$(grep '^FAILED: ' ninja3.out)
[ $rc -ne 0 ] && grep -q "^tests.ini:[0-9]*: error: expected 'key = value'" ninja3.out &&
    ok "regen: a manifest error stops ninja with the error" ||
    fail "regen: a manifest error stops ninja with the error" "$(tail -n 3 ninja3.out)"
same "regen: ninja's FAILED line names build.ninja and the test and compile lists only" \
    "FAILED: build.ninja cosim-out/tests.list cosim-out/compiles.list " "$failed"
[ "$(wc -c <ninja3.out)" -lt 1000 ] && ok "regen: all ninja prints then is under 1 KB" ||
    fail "regen: all ninja prints then is under 1 KB" "$(wc -c <ninja3.out) bytes"
cp tests.ini.good tests.ini
sed 's/^\[test:test_number_0007\]$/&\ntimeout = 9/' tests.ini.good >tests.ini
ninja >ninja4.out 2>&1
same "regen: after the fix, only the edited test reruns (restat)" \
    "regen 1, tests 1, others: " \
    "regen $(grep -c '\] REGEN build.ninja' ninja4.out), tests $(grep -c '\] TEST ' ninja4.out), others: $(grep '\] TEST ' ninja4.out | grep -v 0007)"

# --- two graphs from one manifest: a second one elsewhere is refused with
# a clear error and the first keeps working; ninja and make side by side,
# and regenerating, still work ---
g=$(scratch defects/graphs)
cd "$g" || exit 1
printf '[test:a]\ncommand = true\n' >tests.ini
"$COSIMGEN" --launcher "$RUN" tests.ini &&
    "$COSIMGEN" -G make --launcher "$RUN" tests.ini &&
    "$COSIMGEN" --launcher "$RUN" tests.ini &&
    ok "graphs: ninja and make graphs side by side share the builddir" ||
    fail "graphs: ninja and make graphs side by side share the builddir"
cp cosim-out/tests/a/spec spec.before
"$COSIMGEN" --launcher "$RUN" -o other/build.ninja tests.ini >err.out 2>&1
rc=$?
[ $rc -eq 2 ] && grep -q "^tests.ini: error: builddir $g/cosim-out belongs to the graph $g/.*: a graph in $g/other would rewrite its spec files" err.out &&
    ok "graphs: a second graph elsewhere is refused, naming the owner" ||
    fail "graphs: a second graph elsewhere is refused, naming the owner" "rc=$rc" "$(cat err.out)"
cmp -s spec.before cosim-out/tests/a/spec && [ ! -e other/build.ninja ] &&
    ok "graphs: and nothing was written" || fail "graphs: and nothing was written"
ninja >n.out 2>&1
same "graphs: the first graph still runs" "1 passed, 0 failed" "$(tail -n 1 n.out)"
printf '[cosimgen]\nbuilddir = other-out\n' >other.ini
cat tests.ini >>other.ini
"$COSIMGEN" --launcher "$RUN" -o other/build.ninja other.ini >err.out 2>&1 &&
    (cd other && ninja >n.out 2>&1) && [ "$(tail -n 1 other/n.out)" = "1 passed, 0 failed" ] &&
    ok "graphs: with a builddir of its own, the second graph runs" ||
    fail "graphs: with a builddir of its own, the second graph runs" "$(cat err.out other/n.out)"

# A manifest error where no graph exists yet says that nothing was written,
# not that a file that is not there was left as it was.
printf "[cosimgen]\nbuilddir = typo-out\n[test:t]\ncommand = true\ntimout = 5\n" >typo.ini
"$COSIMGEN" --launcher "$RUN" -o none/build.ninja typo.ini >err.out 2>&1
same "errors: without an old graph, the last line says nothing was written" \
    "2 cosimgen: 1 error in typo.ini; none/build.ninja not written" \
    "$? $(tail -n 1 err.out)"
