#!/bin/sh
# A stand-in for cosim-run, for testing the generated graph on its own:
# `standin-launcher.sh --stamp STAMP SPEC` runs the spec's command (or its
# simulator) with sh, writes <dir>/result, creates STAMP only on a pass,
# appends "NAME STATUS" to $STANDIN_LOG, and exits 0 whatever the verdict,
# as the graph expects of the real launcher.
set -u
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
