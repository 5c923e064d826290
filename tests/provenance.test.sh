#!/bin/sh
# Provenance: each recorded run and each report says what it was made
# with: the simulators the suite uses and their versions (asked once,
# then kept in BUILDDIR/versions while the program is the same file), the
# manifest's git revision (-dirty after an edit; none outside git), the
# hosts.
. "$COSIM_TOP/tests/lib.sh"

command -v verilator >/dev/null 2>&1 || {
	skip "provenance" "verilator is not installed"
	exit 0
}
command -v git >/dev/null 2>&1 || {
	skip "provenance" "git is not installed"
	exit 0
}
d=$(scratch provenance)
cd "$d" || exit 1
# git looks no higher than the scratch directory (it is in the tree's
# own work tree)
GIT_CEILING_DIRECTORIES=$d
export GIT_CEILING_DIRECTORIES
real=$(command -v verilator)
# verilator: logs each --version it is asked, then is the real one
mkdir bin
cat >bin/verilator <<EOF
#!/bin/sh
[ "\$1" = --version ] && echo asked >>"$d/versions.log"
exec "$real" "\$@"
EOF
chmod +x bin/verilator
PATH=$d/bin:$PATH
export PATH
want=$("$real" --version | awk '{print $2}')

mkdir -p repo/rtl
cd repo || exit 1
cat >rtl/top.sv <<'EOF'
module top;
  initial begin $display("ran"); $finish; end
endmodule
EOF
cat >tests.ini <<'EOF'
[cosimgen]
builddir = out
ready    = none

[design:top]
sources = rtl/top.sv
top     = top

[test:t]
design = top
EOF
"$COSIMGEN" tests.ini >gen.out 2>&1 && ninja >run1.out 2>&1
same "outside git: the suite runs" 0 "$?"
check "history: the run has verilator's version" \
    sh -c "grep '^run' out/history | tail -n 1 | grep -q '	verilator=$want	'"
check "history: and the hosts" sh -c "grep '^run' out/history | tail -n 1 | grep -q '	hosts=$(hostname)'"
check "outside git: no revision" sh -c "! grep -q 'git=' out/history"
same "versions: asked once" 1 "$(grep -c asked "$d/versions.log")"
check "versions: kept by path" grep -qx "path $d/bin/verilator" out/versions
check "json: the provenance" grep -q \
    "\"provenance\": {\"cosimgen\": \"[^\"]*\", \"verilator\": \"$want\", \"hosts\": \"$(hostname)\"}" \
    out/results.json
check "junit: the provenance as properties" grep -q \
    "<property name=\"provenance.verilator\" value=\"$want\"/>" out/report.xml
check "junit: valid against the schema" \
    xmllint --noout --schema "$COSIM_TOP/tests/schema/junit.xsd" out/report.xml
check "html: the provenance line" grep -q \
    "<p id=\"provenance\">cosimgen [^,]*, verilator $want, hosts" out/report.html

# --- a second report runs no verilator ---
touch rtl/top.sv
ninja >run2.out 2>&1
"$COSIMGEN" report out >report3.out 2>&1
same "versions: a report with the same verilator asks nothing" 1 \
    "$(grep -c asked "$d/versions.log")"
touch "$d/bin/verilator"
"$COSIMGEN" report out >report4.out 2>&1
same "versions: a changed verilator is asked again" 2 \
    "$(grep -c asked "$d/versions.log")"

# --- in git: the revision, -dirty after an edit ---
printf 'out/\nbuild.ninja\n.ninja_*\n*.out\n' >.gitignore
git init -q . && git add . &&
    git -c user.name=t -c user.email=t@t commit -qm one || exit 1
rev=$(git rev-parse --short=12 HEAD)
"$COSIMGEN" tests.ini >gen.out 2>&1 && touch rtl/top.sv && ninja >run5.out 2>&1
check "git: the run has the revision" sh -c "grep '^run' out/history | tail -n 1 | grep -q '	git=$rev	'"
echo '// edited' >>rtl/top.sv
ninja >run6.out 2>&1
check "git: -dirty after an edit" sh -c "grep '^run' out/history | tail -n 1 | grep -q '	git=$rev-dirty	'"
check "json: the revision" grep -q "\"git\": \"$rev-dirty\"" out/results.json
