#!/bin/sh
# What reaches the run and the reports: files = links data files into the
# run directory (Icarus testbenches that read them, reruns when one
# changes); seeds are well spread, reach Verilator (+verilator+seed+) and
# Icarus (+seed=) and are recorded everywhere; warn_patterns matches reach
# the summary, JUnit, JSON and HTML; the HTML lists problems first.
. "$COSIM_TOP/tests/lib.sh"
SCHEMA="$COSIM_TOP/tests/schema/junit.xsd"

d=$(scratch reports)
cd "$d" || exit 1
mkdir vec
printf '11\n22\n33\n44\n' >data.hex
printf '55\n66\n77\n88\n' >vec/more.hex
cat >tb.sv <<'EOF'
module tb;
  reg [7:0] mem [0:3];
  reg [7:0] more [0:3];
  integer seed;
  initial begin
    if ($value$plusargs("seed=%d", seed)) $display("seed=%0d", seed);
    $readmemh("data.hex", mem);
    $readmemh("vec/more.hex", more);
    if (mem[1] !== 8'h22 || more[3] !== 8'h88)
      $fatal(1, "read %h %h", mem[1], more[3]);
    $display("read %h %h", mem[1], more[3]);
    $finish;
  end
endmodule
EOF
cat >tests.ini <<'EOF'
[cosimgen]
builddir = out

[design:reader]
simulator = icarus
sources = tb.sv
top = tb
ready = none
files = data.hex vec

[test:withfiles]
design = reader

[test:nofiles]
design = reader
files =

[test:other]
command = cat more.hex
files = vec/more.hex

[test:warned]
command = sh -c 'echo "WARN: first <one>"; echo fine; echo "WARN: second"; echo "note: third"; echo "WARN: note: both"'
warn_patterns = ^WARN: note:

[test:failing]
command = sh -c 'echo "WARN: before"; exit 3'
warn_patterns = ^WARN:
EOF
if ! "$COSIMGEN" tests.ini >gen.out 2>&1; then
	fail "files: cosimgen takes files =" "$(cat gen.out)"
	exit 0
fi
ninja >ninja1.out 2>&1
st() { sed -n 's/^status //p' "out/tests/$1/result" 2>/dev/null; }
same "files: an Icarus testbench reads data.hex and vec/more.hex through the links" \
    pass "$(st withfiles)"
same "files: ... and fails without them" fail "$(st nofiles)"
check "files: the run directory holds symbolic links by absolute path" sh -c \
    "[ \"\$(readlink out/tests/withfiles/run/data.hex)\" = '$d/data.hex' ] &&
     [ \"\$(readlink out/tests/withfiles/run/vec)\" = '$d/vec' ]"
seed=$(sed -n 's/^seed //p' out/tests/withfiles/result)
check "seed: Icarus reads it from +seed=N" grep -qx "seed=$seed" \
    out/tests/withfiles/run/sim.out

# Editing a listed file reruns the tests that list it, and only them.
start() { sed -n 's/^start_epoch_ms //p' "out/tests/$1/result"; }
w1=$(start withfiles) o1=$(start other) g1=$(start warned)
sleep 1
printf '11\n99\n33\n44\n' >data.hex
ninja >ninja2.out 2>&1
same "files: editing data.hex reruns the test (which now reads the new data)" \
    fail "$(st withfiles)"
same "files: ... and not the tests that do not list it" "$o1 $g1" \
    "$(start other) $(start warned)"
[ "$(start withfiles)" != "$w1" ] && ok "files: the rerun is a new run" ||
    fail "files: the rerun is a new run" "start $w1 both times"
printf '11\n22\n33\n44\n' >data.hex
ninja >ninja3.out 2>&1
same "files: restored data passes again" pass "$(st withfiles)"
mv vec vec.away
"$COSIM_TOP/cosim-run" out/tests/withfiles/spec >gone.out 2>&1
mv vec.away vec
same "files: a listed directory gone since generation is an error, named" \
    "error:cosim-run failed: cannot link $d/vec (files =) into the run directory: No such file or directory" \
    "$(st withfiles):$(sed -n 's/^reason //p' out/tests/withfiles/result)"

# Warnings in every report: the summary, report.xml, results.json, the
# page; a line two warning patterns match counts once.
check "warn: the summary names a passing test with its count and first match" \
    grep -qx 'WARN     warned: 4 warning lines, first: test.out:1: WARN: first <one>' \
    out/summary.txt
check "warn: ... and adds them under a failing test" \
    grep -qx '         warnings: 1 line, first: test.out:1: WARN: before' \
    out/summary.txt
check "junit: report.xml with seeds and warnings is valid" \
    xmllint --noout --schema "$SCHEMA" out/report.xml
cat >check.py <<'EOF'
import json, re, sys
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
part = sys.argv[1]
res = {t["name"]: t for t in json.load(open("out/results.json"))["tests"]}
w = res["warned"]
if part == "json-warn" and (w.get("warning_lines") != 4 or w.get("warning") != [
        "test.out:1: WARN: first <one>", "test.out:4: note: third"]):
    sys.exit("json warned: %s" % w)
root = ET.parse("out/report.xml").getroot()
props = {p.get("name"): p.get("value") for p in root.iter("property")}
if part == "junit-warn" and (props.get("warned.warnings") != "4" or
                             props.get("failing.warnings") != "1"):
    sys.exit("junit properties %s" % props)
case = [c for c in root.iter("testcase") if c.get("name") == "warned"][0]
out = case.find("system-out")
if part == "junit-warn" and (out is None or
                             "warning test.out:1: WARN: first <one>" not in out.text):
    sys.exit("junit system-out of warned: %r" % (out is not None and out.text))
# seeds: in the result, JSON, JUnit and the page, the same everywhere
seeds = {}
for n, t in res.items() if part == "seeds" else ():
    s = t.get("seed")
    if not isinstance(s, int) or not 1 <= s < 2**31:
        sys.exit("json seed of %s: %r" % (n, s))
    if props.get(n + ".seed") != str(s):
        sys.exit("junit seed of %s: %r" % (n, props.get(n + ".seed")))
    r = open("out/tests/%s/result" % n).read()
    if "\nseed %d\n" % s not in r:
        sys.exit("result of %s has no seed %d" % (n, s))
    seeds[n] = s
class Rows(HTMLParser):
    def __init__(self):
        super().__init__(); self.rows = []; self.cell = None
    def handle_starttag(self, tag, a):
        a = dict(a)
        if tag == "tr" and "data-tally" in a:
            self.rows.append([a["data-tally"], []])
        elif tag == "td" and self.rows:
            self.cell = []
    def handle_data(self, data):
        if self.cell is not None:
            self.cell.append(data)
    def handle_endtag(self, tag):
        if tag == "td" and self.cell is not None:
            self.rows[-1][1].append("".join(self.cell)); self.cell = None
p = Rows(); p.feed(open("out/report.html").read())
page = {}
for tally, cells in p.rows:
    page[cells[0]] = (tally, cells)
order = [tally for tally, cells in p.rows]
bad = [i for i, t in enumerate(order) if t not in ("passed", "skipped")]
if part == "order" and (not bad or bad != list(range(len(bad)))):
    sys.exit("html: problems are not listed first: %s" % order)
if len(p.rows) != len(res):
    sys.exit("html: %d rows for %d tests" % (len(p.rows), len(res)))
for n, s in seeds.items():
    if str(s) not in page[n][1]:
        sys.exit("html: no seed %d in the row of %s: %s" % (s, n, page[n][1]))
if part == "html-warn" and not any("4 warning lines, first: test.out:1: WARN: first <one>" in c
           for c in page["warned"][1]):
    sys.exit("html: no warnings in the row of warned: %s" % page["warned"][1])
EOF
check "warn: results.json counts the warning lines and keeps the matches" \
    "$PYTHON" check.py json-warn
check "warn: report.xml has the count as a property and the matches in system-out" \
    "$PYTHON" check.py junit-warn
check "warn: report.html shows the count and the first match" \
    "$PYTHON" check.py html-warn
check "seed: the same seed in result, results.json, report.xml and report.html" \
    "$PYTHON" check.py seeds
check "html: problems are listed first" "$PYTHON" check.py order

# The page's script still filters and counts its rows (in a real browser).
if command -v chromium >/dev/null 2>&1; then
	browse --dump-dom "file://$d/out/report.html" >dom.html
	check "html: the script counts the sorted rows" \
	    grep -q 'id="dom-counts"[^>]*data-failed="2"[^>]*data-passed="3"[^>]*data-ready="yes"\|id="dom-counts"[^>]*data-passed="3"[^>]*data-failed="2"' dom.html
else
	skip "html: the script counts the sorted rows" "chromium is not installed"
fi

# Default seeds are well spread: names that differ in one character get
# seeds whose high bits differ, all within 1..2^31-1.
d2=$(scratch reports-seeds)
cd "$d2" || exit 1
{
	printf '[cosimgen]\nbuilddir = out\n'
	for i in 1 2 3 4 5 6 7 8 9; do printf '[test:s%d]\ncommand = true\n' $i; done
	printf '[test:fixed]\ncommand = true\nseed = 2147483647\n'
} >tests.ini
"$COSIMGEN" tests.ini >gen.out 2>&1
cat >spread.py <<'EOF'
import sys
seeds = []
for i in range(1, 10):
    for line in open("out/tests/s%d/spec" % i):
        if line.startswith("seed "):
            seeds.append(int(line.split()[1]))
if len(seeds) != 9 or not all(1 <= s < 2**31 for s in seeds):
    sys.exit("seeds %s" % seeds)
high = {s >> 20 for s in seeds}
dist = min(bin(a ^ b).count("1") for a in seeds for b in seeds if a != b)
if len(high) < 8 or dist < 4:
    sys.exit("seeds %s: %d distinct high parts, Hamming distance %d"
             % (seeds, len(high), dist))
EOF
check "seed: s1..s9 get seeds in 1..2^31-1 with distinct high bits" \
    "$PYTHON" spread.py
check "seed: the seed key's largest value is kept" \
    grep -qx 'seed 2147483647' out/tests/fixed/spec

# Verilator: +verilator+seed+N seeds $urandom: two tests differ, a rerun
# of one repeats its values.
d3=$(scratch reports-verilator)
cd "$d3" || exit 1
cat >tb.sv <<'EOF'
module tb;
  initial begin
    $display("urandom=%0d", $urandom);
    $finish;
  end
endmodule
EOF
printf '[cosimgen]\nbuilddir = out\n\n[design:r]\nsources = tb.sv\ntop = tb\nready = none\n\n[test:va]\ndesign = r\n\n[test:vb]\ndesign = r\n' >tests.ini
"$COSIMGEN" tests.ini >gen.out 2>&1 && ninja >ninja.out 2>&1
val() { grep '^urandom=' "out/tests/$1/run/sim.out"; }
a=$(val va) b=$(val vb)
[ -n "$a" ] && [ -n "$b" ] && [ "$a" != "$b" ] &&
    ok "seed: two Verilator tests draw different \$urandom values" ||
    fail "seed: two Verilator tests draw different \$urandom values" \
    "va: $a" "vb: $b" "$(tail -n 5 ninja.out)"
"$COSIM_TOP/cosim-run" out/tests/va/spec >rerun.out 2>&1
same "seed: a rerun draws the same value" "$a" "$(val va)"
