#!/bin/bash
# bench/startup.sh [RUNS] - time from the simulator's start to the test's
# start, in ready = socket mode (the launcher hands over a listening
# socket: no waiting at all) and ready = file mode (the simulator binds,
# writes cosim.cfg; the launcher sees it through inotify and checks the
# port listens). Uses a minimal C simulator and client (bench/startsim.c,
# bench/startclient.c) so that interpreter start-up does not hide the
# launcher. Prints medians; asserts nothing. Goal: socket <= 5 ms.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
runs=${1:-50}
w=$(mktemp -d "${TMPDIR:-/tmp}/cosim-startup.XXXXXX")
trap 'rm -rf "$w"' EXIT
[ -x "$top/cosimgen" ] && [ -x "$top/cosim-run" ] || { echo "build first: make"; exit 1; }
cc -O2 -o "$w/startsim" "$top/bench/startsim.c"
cc -O2 -o "$w/startclient" "$top/bench/startclient.c"
cd "$w"
cat >tests.ini <<EOT
[cosimgen]
builddir = out
simulator = custom

[design:sock]
run = $w/startsim socket

[design:file]
run = $w/startsim file
ready = file

[test:socket]
design = sock
command = $w/startclient

[test:file]
design = file
command = $w/startclient
EOT
"$top/cosimgen" tests.ini
for mode in socket file; do
	for ((i = 0; i < runs; i++)); do
		"$top/cosim-run" "out/tests/$mode/spec" >/dev/null
		d=out/tests/$mode/run
		echo $(( $(cat "$d/t1") - $(cat "$d/t0") ))
	done | sort -n | awk -v m="$mode" -v n="$runs" '
		{ v[NR] = $1 }
		END { printf "%-6s simulator start -> test start: median %.2f ms (min %.2f, max %.2f, %d runs)\n",
		      m, v[int((n + 1) / 2)] / 1e6, v[1] / 1e6, v[n] / 1e6, n }'
	if [ "$mode" = socket ]; then
		echo "       (below zero: the test started before the simulator reached main; it never waits)"
	fi
done
