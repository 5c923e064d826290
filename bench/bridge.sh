#!/bin/bash
# bench/bridge.sh - the co-simulation bridge: transactions per second
# (a request and its answer, one per clock) through the bridge with the
# Python client and with the C client, against the example adder built by
# Verilator; and the simulator's CPU use while a client is connected but
# silent. Prints; asserts nothing. Goals: >= 30k transactions/s with the C
# client, ~0 CPU while idle.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
n=${1:-20000}
w=$(mktemp -d "${TMPDIR:-/tmp}/cosim-bridge.XXXXXX")
sim_pid=
cleanup() { [ -n "$sim_pid" ] && kill "$sim_pid" 2>/dev/null; rm -rf "$w"; }
trap cleanup EXIT
t=$top/templates
echo "building the example adder with the bridge (Verilator)..."
verilator --binary -j 1 -MAKEFLAGS -s --Mdir "$w/obj" --top-module adder_cosim \
    -Wno-fatal -I"$t" "$top/examples/rtl/adder.sv" \
    "$top/examples/tb/adder_cosim.sv" "$t/cosim_bridge.c" >/dev/null
cc -O2 -I"$t" -o "$w/client" "$top/bench/bridgeclient.c"

start_sim() {	# the simulator outside cosim-run: it publishes cosim.cfg
	rm -f "$w/cosim.cfg"
	(cd "$w" && exec ./obj/Vadder_cosim >sim.out 2>&1) &
	sim_pid=$!
	for _ in $(seq 200); do [ -f "$w/cosim.cfg" ] && break; sleep 0.01; done
	COSIM_PORT=$(sed -n 's/^port: //p' "$w/cosim.cfg")
	export COSIM_PORT COSIM_HOST=127.0.0.1
}
stop_sim() { wait "$sim_pid" 2>/dev/null || true; sim_pid=; }

start_sim
rate=$("$w/client" "$n")
stop_sim
printf 'C client:      %8d transactions/s (%d requests)\n' "$rate" "$n"

start_sim
rate=$(PYTHONPATH=$t python3 - "$n" <<'EOT'
import sys, time
from cosim_client import Simulator
n = int(sys.argv[1])
with Simulator() as sim:
    t = time.perf_counter()
    for i in range(n):
        v = i % 100
        assert sim.request(f"add {v} {v}") == str(2 * v)
    print(int(n / (time.perf_counter() - t)))
EOT
)
stop_sim
printf 'Python client: %8d transactions/s (%d requests)\n' "$rate" "$n"

# Idle: a client connects and says nothing for 3 s.
start_sim
ticks() { awk '{print $14 + $15}' "/proc/$sim_pid/stat"; }
PYTHONPATH=$t python3 -c '
import time
from cosim_client import Simulator
with Simulator() as sim:
    time.sleep(3)' &
cpid=$!
sleep 0.5
a=$(ticks)
sleep 2
b=$(ticks)
wait $cpid
stop_sim
hz=$(getconf CLK_TCK)
awk -v a="$a" -v b="$b" -v hz="$hz" 'BEGIN {
	printf "idle simulator: %.1f%% of a CPU over 2 s with a silent client\n",
	    100 * (b - a) / hz / 2 }'
