#!/bin/sh
# The generator's side of executor = slurm (no cluster needed): the Slurm
# keys land in the specs of tests and compiles as srun's options, in
# their order, along test -> design -> [cosimgen]; srun_args of a nearer
# section replaces, not appends; cosimgen --executor overrides the
# manifest and survives a regeneration by real ninja; under local the
# keys are inert: the specs are byte for byte those of a manifest
# without them; the graph is the same under both executors, and so is
# every compile's id (designs/HASH); the errors of the keys are located
# and all reported at once.
. "$COSIM_TOP/tests/lib.sh"
d=$(scratch slurm-gen)
cd "$d" || exit 1

# key FILE KEY: the values of KEY in a spec file, one per line
key() { sed -n "s/^$2 //p" "$1"; }
# srun_of SPEC: its srun options, on one line
srun_of() { key "$1" srun | tr '\n' ' '; }
# specs DIR: every spec file under DIR/out, with its path, in one text
specs() {
	# (not the waves variants' specs, under out/waves/)
	(cd "$1" && find out -path out/waves -prune -o -name spec -print |
	    LC_ALL=C sort | while read -r f; do
		echo "== $f"
		cat "$f"
	done)
}

mkdir rtl
echo 'module top; endmodule' >rtl/top.sv
echo 'module fifo; endmodule' >rtl/fifo.sv

# The manifest without a Slurm key: a Verilator and an Icarus design
# (and so the VPI module), a resource, a plain command test.
cat >plain.ini <<'EOF'
[cosimgen]
builddir = out
timeout  = 30

[resource:lic]
count = 3

[design:top]
sources = rtl/top.sv
top     = top
ready   = none

[design:fifo]
simulator = icarus
sources   = rtl/fifo.sv
top       = fifo
ready     = none

[test:t1]
design    = top
resources = lic:2

[test:t2]
design = fifo

[test:t3]
command = true
EOF

# The same with every Slurm key, at every level they may stand at.
sed -e '/^timeout/a\
slurm_partition = batch\
slurm_account   = hw\
srun_args       = --qos=normal --comment=all\
compile_cpus    = 2\
compile_memory  = 1G' \
    -e '/^count = 3/a\
slurm_license = vcs' \
    -e '/^top     = top/a\
cpus            = 2\
memory          = 512M\
slurm_account   = asic\
compile_cpus    = 6\
compile_memory  = 3072' \
    -e '/^design = fifo/a\
cpus            = 4\
memory          = 2G\
slurm_partition = fast\
srun_args       = --exclusive' plain.ini >keys.ini

gen() {
	_dir=$1
	shift
	rm -rf "$_dir"
	mkdir "$_dir"
	cp -R rtl "$_dir/"
	cp "$1" "$_dir/tests.ini"
	shift
	(cd "$_dir" && "$COSIMGEN" "$@" tests.ini >gen.out 2>&1)
}

# ---- the keys land in the specs, in srun's order, inherited ----
gen slurm keys.ini --executor slurm
check "slurm-gen: a manifest with every Slurm key generates" test -f slurm/build.ninja
same "slurm-gen: a test's srun options: design over [cosimgen], srun_args inherited" \
    "--partition=batch --account=asic --cpus-per-task=2 --mem=512M --qos=normal --comment=all " \
    "$(srun_of slurm/out/tests/t1/spec)"
same "slurm-gen: a test's own values win, its srun_args replace [cosimgen]'s" \
    "--partition=fast --account=hw --cpus-per-task=4 --mem=2048M --exclusive " \
    "$(srun_of slurm/out/tests/t2/spec)"
same "slurm-gen: a plain command test takes [cosimgen]'s, no cpus or memory" \
    "--partition=batch --account=hw --qos=normal --comment=all " \
    "$(srun_of slurm/out/tests/t3/spec)"
same "slurm-gen: every test says slurm" "yes yes yes" \
    "$(for t in t1 t2 t3; do key slurm/out/tests/$t/spec slurm; done | tr '\n' ' ' | sed 's/ $//')"
same "slurm-gen: a test holding 2 slots of a resource with a licence asks for NAME:2" \
    "vcs:2" "$(key slurm/out/tests/t1/spec slurm_license)"
same "slurm-gen: a test holding no such resource asks for no licence" \
    "" "$(key slurm/out/tests/t2/spec slurm_license)"
top_id=$(awk '$NF == "top" { print $1 }' slurm/out/compiles.list)
fifo_id=$(awk '$NF == "fifo" { print $1 }' slurm/out/compiles.list)
same "slurm-gen: a compile takes its design's compile_cpus and compile_memory" \
    "--partition=batch --account=asic --cpus-per-task=6 --mem=3072M --qos=normal --comment=all " \
    "$(srun_of "slurm/out/$top_id/spec")"
same "slurm-gen: a compile takes [cosimgen]'s, not its tests' values" \
    "--partition=batch --account=hw --cpus-per-task=2 --mem=1024M --qos=normal --comment=all " \
    "$(srun_of "slurm/out/$fifo_id/spec")"
same "slurm-gen: the VPI module's compile takes [cosimgen]'s" \
    "--partition=batch --account=hw --cpus-per-task=2 --mem=1024M --qos=normal --comment=all " \
    "$(srun_of slurm/out/vpi/spec)"
same "slurm-gen: the compile specs say slurm" "yes yes yes" \
    "$(for f in "$top_id" "$fifo_id" vpi; do key "slurm/out/$f/spec" slurm; done | tr '\n' ' ' | sed 's/ $//')"

# ---- the executor: the manifest's, and --executor over it ----
sed '/^timeout/a\
executor = slurm' keys.ini >keys-slurm.ini
gen manifest keys-slurm.ini
same "slurm-gen: executor = slurm in the manifest gives the same specs as --executor slurm" \
    "$(specs slurm)" "$(specs manifest)"
gen override keys-slurm.ini --executor local
same "slurm-gen: --executor local overrides executor = slurm: no spec says slurm or srun" \
    "" "$(grep -rlE '^(slurm|srun|slurm_license) ' override/out)"

# ---- under local the keys are inert, and nothing else changes ----
gen plain plain.ini
gen local keys.ini
same "slurm-gen: the comparisons see 3 test specs and 4 compile specs (with the runtime)" "7" \
    "$(specs plain | grep -c '^== ')"
same "slurm-gen: under local, the specs of a manifest with the Slurm keys are those without them" \
    "$(specs plain)" "$(specs local)"
if [ -s local/gen.out ]; then
	fail "slurm-gen: under local, the Slurm keys warn of nothing" "$(cat local/gen.out)"
else
	ok "slurm-gen: under local, the Slurm keys warn of nothing"
fi
gen slurm-plain plain.ini --executor slurm
same "slurm-gen: the compile ids are the same under both executors" \
    "$(cut -d' ' -f1 plain/out/compiles.list)" \
    "$(cut -d' ' -f1 slurm-plain/out/compiles.list)"
same "slurm-gen: the compile ids do not depend on the Slurm keys either" \
    "$(cut -d' ' -f1 plain/out/compiles.list)" \
    "$(cut -d' ' -f1 slurm/out/compiles.list)"
gen plain-manifest keys-slurm.ini
if cmp -s local/build.ninja plain-manifest/build.ninja; then
	ok "slurm-gen: the graph is the same under executor = slurm and local"
else
	fail "slurm-gen: the graph is the same under executor = slurm and local" \
	    "$(diff local/build.ninja plain-manifest/build.ninja | head -n 20)"
fi

# ---- --executor survives a regeneration by ninja ----
if grep -q -- '--executor slurm' slurm/build.ninja; then
	ok "slurm-gen: --executor is kept in the regeneration command"
else
	fail "slurm-gen: --executor is kept in the regeneration command" \
	    "$(grep -A1 'rule cosim_regen' slurm/build.ninja)"
fi
(
	cd slurm || exit 1
	printf '[test:t4]\ncommand = true\ncpus = 3\n' >>tests.ini
	# older than the edited manifest, whatever the clock's granularity
	touch -d '2000-01-01' build.ninja out/tests.list out/compiles.list
	ninja build.ninja >regen.out 2>&1
)
same "slurm-gen: after ninja regenerates, a new test is still under slurm" \
    "yes|--cpus-per-task=3" \
    "$(key slurm/out/tests/t4/spec slurm)|$(key slurm/out/tests/t4/spec srun | grep cpus)"
same "slurm-gen: after ninja regenerates, the other tests are still under slurm" \
    "yes" "$(key slurm/out/tests/t1/spec slurm)"
gen bad-option plain.ini --executor pbs
if grep -q "unknown executor 'pbs' (choose local or slurm)" bad-option/gen.out &&
    [ ! -e bad-option/build.ninja ]; then
	ok "slurm-gen: --executor pbs is a usage error naming the two executors"
else
	fail "slurm-gen: --executor pbs is a usage error naming the two executors" \
	    "$(cat bad-option/gen.out)"
fi

# ---- errors, located and all at once ----
cat >bad.ini <<'EOF'
[cosimgen]
builddir = out
executor = pbs

[design:top]
sources = rtl/top.sv
top     = top
cpus    = 0
memory  = 0

[test:t1]
design = top
memory = 5X

[test:t2]
design = top
memory = 4096T
cpus   = 4097
EOF
gen bad bad.ini
want="tests.ini:3: error: bad value 'pbs' for 'executor': choose one of: local slurm
tests.ini:8: error: bad integer '0' for 'cpus': write a whole number from 1 to 4096
tests.ini:9: error: bad amount of memory '0' for 'memory': write MiB (4096), or a whole number with K, M, G or T (4G), from 1M to 1024T
tests.ini:13: error: bad amount of memory '5X' for 'memory': write MiB (4096), or a whole number with K, M, G or T (4G), from 1M to 1024T
tests.ini:17: error: bad amount of memory '4096T' for 'memory': write MiB (4096), or a whole number with K, M, G or T (4G), from 1M to 1024T
tests.ini:18: error: bad integer '4097' for 'cpus': write a whole number from 1 to 4096
cosimgen: 6 errors in tests.ini; build.ninja not written"
same "slurm-gen: every error of a bad manifest at once, each at its line" \
    "$want" "$(cat bad/gen.out)"
gen bad-slurm bad.ini --executor slurm
same "slurm-gen: --executor slurm does not hide a bad executor word in the manifest" \
    "$want" "$(cat bad-slurm/gen.out)"
