# tests/lib.sh - helpers for the shell test suites (sourced).
# ok NAME / fail NAME DETAIL... / check NAME COMMAND... / skip NAME WHY
: "${COSIMGEN:?COSIMGEN must name the cosimgen binary}"
: "${COSIM_TOP:?run through tests/run.sh}"
STANDIN="$COSIM_TOP/tests/standin-launcher.sh"

ok() { echo "ok - $1"; }
fail() {
	_fname=$1
	shift
	echo "not ok - $_fname"
	for line in "$@"; do
		printf '    %s\n' "$line"
	done
}
skip() { echo "skip - $1: $2"; }

# check NAME CMD...: ok when CMD succeeds.
check() {
	_cname=$1
	shift
	if "$@" >"$COSIM_TOP/tests/out/check.out" 2>&1; then
		ok "$_cname"
	else
		fail "$_cname" "command failed: $*" \
		    "$(tail -n 20 "$COSIM_TOP/tests/out/check.out")"
	fi
}

# scratch NAME: a fresh directory under tests/out; prints its path.
scratch() {
	d="$COSIM_TOP/tests/out/$1"
	rm -rf "$d"
	mkdir -p "$d"
	echo "$d"
}

# same NAME EXPECTED ACTUAL: compare two strings.
same() {
	if [ "$2" = "$3" ]; then
		ok "$1"
	else
		fail "$1" "expected: $2" "actual:   $3"
	fi
}

# The interpreter itself, not a version manager's shim (which costs
# ~100 ms a start): the fake simulators and tests start hundreds of times.
PYTHON=$(python3 -c 'import sys; print(sys.executable)' 2>/dev/null || echo python3)

# leaks_of NAME=VALUE: how many processes carry that entry in their environment
leaks_of() {
	_n=0
	for _e in /proc/[0-9]*/environ; do
		if { tr "\\0" "\\n" <"$_e"; } 2>/dev/null | grep -qx "$1"; then
			_n=$((_n + 1))
		fi
	done
	echo $_n
}

# wait_for SECONDS CMD...: until CMD succeeds, polling every 0.1 s for
# at most SECONDS (of the clock: a CMD may take a while itself); fails
# when it never does. (Some suites have a wait_for of their own.)
wait_for() {
	_end=$(($(date +%s) + $1))
	shift
	until "$@"; do
		[ "$(date +%s)" -ge $_end ] && return 1
		sleep 0.1
	done
}

# put_result DIR NAME STATUS REASON [KEY VALUE]...: write DIR/result by
# hand, as cosim-run would (stage test, seed 7, a 250 ms run that started
# at $now, or now), then each KEY VALUE as the file holds it (a newline
# in a value is \n).
put_result() {
	_dir=$1 _name=$2 _st=$3 _rs=$4
	shift 4
	mkdir -p "$_dir"
	{
		printf 'cosim-result 1\nname %s\nstatus %s\nstage test\n' "$_name" "$_st"
		printf 'reason %s\nseed 7\nspec_hash 0123456789abcdef\n' "$_rs"
		printf 'start_epoch_ms %s\nduration_ms 250\n' "${now:-$(date +%s%3N)}"
		while [ $# -ge 2 ]; do
			printf '%s %s\n' "$1" "$2"
			shift 2
		done
	} >"$_dir/result"
}

# field TEST KEY: a key of out/tests/TEST/result (the builddir "out").
field() { sed -n "s/^$2 //p" "out/tests/$1/result" | head -n 1; }
# expect TEST STATUS [REASON-REGEX]: TEST's result has that status, and a
# reason that matches.
expect() {
	if [ ! -f "out/tests/$1/result" ]; then
		fail "$1: $2${3:+ ($3)}" "no result"
		return
	fi
	st=$(field "$1" status)
	rs=$(field "$1" reason)
	if [ "$st" = "$2" ] && { [ -z "${3:-}" ] || echo "$rs" | grep -Eq -- "$3"; }; then
		ok "$1: $2${3:+ ($3)}"
	else
		fail "$1: $2${3:+ ($3)}" "status: $st" "reason: $rs" \
		    "$(cat out/tests/$1/run/*.err 2>/dev/null | tail -n 5)"
	fi
}

# cocotb_config MAJOR: a cocotb-config of cocotb MAJOR.x, printed; fails
# when there is none. Candidates: the words of COSIM_TEST_COCOTB (paths of
# cocotb-config, one per installed cocotb: .ci/run sets it), then
# cocotb-config on the PATH.
cocotb_config() {
	for _cc in ${COSIM_TEST_COCOTB:-} cocotb-config; do
		_ccv=$("$_cc" --version 2>/dev/null) || continue
		case "$_ccv" in
		"$1".*)
			command -v "$_cc"
			return 0
			;;
		esac
	done
	return 1
}

# need_cocotb NAME MAJOR: sets COCOTB_CONFIG to a cocotb-config of cocotb
# MAJOR.x; without one, NAME is skipped with a one-line notice and
# need_cocotb fails, or, with COSIM_TEST_NEED_COCOTB=1 (CI), NAME fails.
need_cocotb() {
	if COCOTB_CONFIG=$(cocotb_config "$2"); then
		return 0
	fi
	if [ "${COSIM_TEST_NEED_COCOTB:-0}" = 1 ]; then
		fail "$1" "no cocotb $2.x: COSIM_TEST_COCOTB='${COSIM_TEST_COCOTB:-}'" \
		    "and no cocotb-config $2.x on the PATH"
	else
		skip "$1" "cocotb $2.x is not installed (pip install cocotb; or set COSIM_TEST_COCOTB to its cocotb-config)"
	fi
	return 1
}

# need_slurm NAME: starts a private single-node Slurm cluster
# (tests/slurm/cluster.sh) in a directory of its own under /tmp (a unix
# socket's path is short), exports SLURM_CONF, and stops and removes it
# when the suite exits. Where Slurm is not installed or the cluster
# cannot start, NAME is skipped with a one-line notice and need_slurm
# fails, or, with COSIM_TEST_NEED_SLURM=1 (CI), NAME fails.
need_slurm() {
	slurm_dir=$(mktemp -d /tmp/cosim-slurm.XXXXXX) || return 1
	if command -v slurmctld >/dev/null 2>&1 &&
	    command -v munged >/dev/null 2>&1 &&
	    slurm_out=$("$COSIM_TOP/tests/slurm/cluster.sh" start "$slurm_dir" 2>&1); then
		SLURM_CONF=$slurm_dir/slurm.conf
		export SLURM_CONF
		trap '"$COSIM_TOP/tests/slurm/cluster.sh" stop "$slurm_dir"; rm -rf "$slurm_dir"' EXIT
		return 0
	fi
	rm -rf "$slurm_dir"
	why=${slurm_out:-"slurmctld or munged is not installed (apt-get install slurm-wlm munge)"}
	if [ "${COSIM_TEST_NEED_SLURM:-0}" = 1 ]; then
		fail "$1" "no Slurm cluster: $why"
	else
		skip "$1" "no Slurm cluster: $(printf '%s' "$why" | head -n 1)"
	fi
	return 1
}

# browse ARG... URL: headless Chromium (its profile in the test's scratch
# directory $d) on a page, its output on stdout, its noise dropped.
browse() {
	timeout 120 chromium --headless --no-sandbox --disable-gpu \
	    --disable-dev-shm-usage --user-data-dir="$d/chromium" "$@" 2>/dev/null
}
# screenshot FILE URL: the page drawn at 1200x900 into FILE (a PNG)
screenshot() {
	browse --window-size=1200,900 --screenshot="$1" "$2" >/dev/null
}
