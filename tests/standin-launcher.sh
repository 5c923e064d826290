#!/bin/sh
# A stand-in for cosim-run, for testing the generated graph on its own:
# `standin-launcher.sh --stamp STAMP SPEC` runs the spec's command (or its
# simulator) with sh, writes <dir>/result, creates STAMP only on a pass,
# appends "NAME STATUS" to $STANDIN_LOG, and exits 0 whatever the verdict,
# as the graph expects of the real launcher. `--compile SPEC` runs a
# compile spec's command with sh and exits 0 whatever it did, and
# `--compiled BUILDDIR ID...` fails when an output is missing, as
# cosim-run's do.
set -u
# value KEY FILE: the first value of KEY, with the spec's \\ undone
value() { sed -n "s/^$1 //p" "$2" | head -n 1 | sed 's/\\\\/\\/g'; }
case "$1" in
--compile)
	mkdir -p "$(value dir "$2")"
	sh -c "$(value command "$2")" >"$(value dir "$2")/compile.log" 2>&1 ||
	    rm -f "$(value output "$2")"
	exit 0 ;;
--compiled)
	b=$2
	shift 2
	for id; do
		[ -e "$(value output "$b/$id/spec")" ] || exit 1
	done
	exit 0 ;;
esac
[ "$1" = --stamp ] || { echo "usage: $0 --stamp STAMP SPEC" >&2; exit 125; }
stamp=$2
spec=$3
get() { sed -n "s/^$1 //p" "$spec" | head -n 1; }
name=$(get name)
dir=$(get dir)
cmd=$(get command)
sim=$(get sim)
[ -n "$cmd" ] || cmd=${sim:+"./$sim"}
[ -n "$cmd" ] || cmd=true
mkdir -p "$dir"
if (export COSIM_TEST="$name"; sh -c "$cmd") >"$dir/test.out" 2>&1; then
	status=pass
else
	status=fail
fi
printf 'cosim-result 1\nname %s\nstatus %s\nreason %s\n' "$name" "$status" \
    "$( [ $status = pass ] || echo "command exited non-zero")" >"$dir/result.tmp"
mv "$dir/result.tmp" "$dir/result"
if [ $status = pass ]; then : >"$stamp"; else rm -f "$stamp"; fi
[ -n "${STANDIN_LOG:-}" ] && echo "$name $status" >>"$STANDIN_LOG"
exit 0
