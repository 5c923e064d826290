#!/bin/sh
# The fuzz targets (fuzz/, make fuzz): where clang has libFuzzer, build
# them as make fuzz does, run each over its seeds once (every seed runs,
# nothing crashes, leaks or trips UBSan), check that each gets where it
# should (a seed through the writers, a known error's diagnostic, no
# program started, nothing written outside its directory) and that inputs
# the code refuses do not end it. No fuzzing: that is make fuzz.
. "$COSIM_TOP/tests/lib.sh"
d=$(scratch fuzz)
cd "$d" || exit 1
CLANG=${FUZZ_CC:-clang}
printf 'int LLVMFuzzerTestOneInput(const char *d, unsigned long n)\n{ return d && n; }\n' >probe.c
if ! "$CLANG" -fsanitize=fuzzer,address,undefined -o probe probe.c \
    >probe.out 2>&1; then
	skip "fuzz targets" "no $CLANG with libFuzzer ($(head -n 1 probe.out))"
	exit 0
fi

build=tests/out/fuzz/build
if make -C "$COSIM_TOP" -j2 fuzz-build FUZZ_DIR="$build" FUZZ_CC="$CLANG" \
    >build.out 2>&1; then
	ok "the fuzz targets build (make fuzz-build)"
else
	fail "the fuzz targets build (make fuzz-build)" "$(tail -n 20 build.out)"
	exit 0
fi
bin="$COSIM_TOP/$build/fuzz"

# run TARGET ARGS...: the target, its output in TARGET.out; its status
run() {
	_t=$1
	shift
	"$bin/fuzz_$_t" "$@" >"$_t.out" 2>&1
}

for t in manifest report spec; do
	seeds=$(ls "$COSIM_TOP/fuzz/corpus/$t" | wc -l)
	run "$t" -runs=0 "$COSIM_TOP/fuzz/corpus/$t"
	rc=$?
	got=$(sed -n 's/^INFO: seed corpus: files: \([0-9]*\).*/\1/p' "$t.out")
	done=$(grep -c '^Done [0-9]* runs' "$t.out")
	if [ "$rc" -eq 0 ] && [ "$got" = "$seeds" ] && [ "$done" = 1 ]; then
		ok "fuzz_$t runs its $seeds seeds without a finding"
	else
		fail "fuzz_$t runs its $seeds seeds without a finding" \
		    "exit $rc, seeds read: $got" "$(grep -A 15 ERROR "$t.out" | head -n 20)"
	fi
done

# manifest: seeds get through to the writers, errors are diagnosed
c="$COSIM_TOP/fuzz/corpus/manifest"
run manifest "$c/cmd-only"
check "fuzz_manifest: a seed reaches the writers (ninja and make)" \
    grep -qx 'fuzz_manifest: wrote cosim.mk with 1 tests' manifest.out
run manifest "$c/err-many"
check "fuzz_manifest: a seed with errors gives its diagnostics" \
    grep -q "^tests.ini:[0-9]*: error: unknown key 'timout'" manifest.out
# the generator asks cocotb through a program: none starts
cat >probe.sh <<EOF
#!/bin/sh
: >"$d/probed"
EOF
chmod +x probe.sh
cat >cocotb.ini <<EOF
[cosimgen]
cocotb_config = $d/probe.sh

[design:d]
sources = rtl/adder.sv
top = adder

[test:c]
design = d
cocotb = host/adder.py
EOF
run manifest cocotb.ini
check "fuzz_manifest: a cocotb test asks cocotb ..." \
    grep -q "cocotb is not installed" manifest.out
check "... and no program starts" test ! -e probed
printf '[cosimgen]\nbuilddir = %s/outside\n[test:t]\ncommand = true\n' "$d" \
    >outside.ini
run manifest outside.ini
check "fuzz_manifest: a build directory outside its directory is not written" \
    test ! -e outside
# fatal(): the history's directory is a file. After two such inputs and
# one with errors, the next one still runs, and gets through.
printf '[cosimgen]\nhistory = tests.ini/h\n[test:t]\ncommand = true\n' \
    >fatal1.ini
printf '[cosimgen]\nhistory = tests.ini/g\n[test:u]\ncommand = true\n' \
    >fatal2.ini
run manifest fatal1.ini fatal2.ini "$c/err-many" "$c/cmd-only"
rc=$?
second=$(sed -n '/^Running: fatal2.ini/,/^Running: /p' manifest.out |
    grep -c 'cannot create directory tests.ini')
same "fuzz_manifest: inputs that end in fatal() end no run ..." \
    "0 yes" "$rc $([ "$second" -gt 0 ] && echo yes)"
check "... nor do errors stay for the next input" \
    grep -q '^fuzz_manifest: wrote cosim.mk with 1 tests' manifest.out

# report: a build directory's results get to the summary
run report "$COSIM_TOP/fuzz/corpus/report/test-bad"
check "fuzz_report: a seed's results reach the summary" \
    sh -c "grep -q '^FAIL *bad: ' report.out &&
	grep -qx 'fuzz_report: exit 1, summary.txt written' report.out"
printf '== tests.list\nbad\n== tests/bad/result\ncosim-result 1\nstatus nonsense\nduration -1\n== ../x\nout\n' >bad-result
run report bad-result
check "fuzz_report: a result the reader refuses ends the run well" \
    sh -c "grep -q '^fuzz_report: exit' report.out && test ! -e ../x"

# spec: a seed gets planned, a spec that does not check is refused
run spec "$COSIM_TOP/fuzz/corpus/spec/cmd-only"
check "fuzz_spec: a seed is checked and planned" \
    grep -qx 'fuzz_spec: test hello planned' spec.out
printf 'cosim-spec 1\nname x\ndir d\nsimulator nonsense\n' >bad-spec
run spec bad-spec
check "fuzz_spec: a spec that does not check is refused, as cosim-run does" \
    grep -q '^cosim-run: spec ' spec.out

# bytes no reader expects, through every target
printf '\377\000[test:\n== \n== a/../../b\ncosim-spec 1\n\001\n[design:x]\nsources = /dev/zero\n' >junk
for t in manifest report spec; do
	run "$t" junk
	check "fuzz_$t: bytes no reader expects end well" \
	    grep -q '^Executed junk' "$t.out"
done
