#!/bin/sh
# examples/cocotb/demo.sh [COCOTB-CONFIG]: the cocotb half of `make demo`,
# run from the top of the tree once cosimgen and cosim-run are built.
# It runs this example with the cocotb that COCOTB-CONFIG belongs to (a
# path, or a name on the PATH; default cocotb-config), which it puts first
# on the PATH, where cosimgen looks for it. Without one it says so in one
# line and succeeds. cocotb 2.x needs Verilator 5.036 or newer: with an
# older Verilator only the Icarus tests run, from icarus.ini, which it
# writes here (tests.ini without the Verilator design).
set -eu
dir=examples/cocotb
if ! config=$(command -v "${1:-cocotb-config}"); then
	echo "cocotb example skipped: cocotb is not installed (pip install cocotb; or make demo COCOTB_CONFIG=/path/to/bin/cocotb-config)"
	exit 0
fi
PATH=$(cd "$(dirname "$config")" && pwd):$PATH
export PATH
ini=$dir/tests.ini
version=$(cocotb-config --version)
case $version in
1.*) ;;
*)
	verilator=$(verilator --version 2>/dev/null | awk '{ print $2 }')
	if awk -v v="${verilator:-0}" 'BEGIN { exit !(v < 5.036) }'; then
		echo "cocotb example: cocotb $version needs Verilator 5.036 or newer, not ${verilator:-none}: the Icarus tests only"
		sed '/^\[design:fifo_verilator\]/,/^$/d; /^\[test:fifo_verilator\]/,/^$/d' \
		    $ini >$dir/icarus.ini
		ini=$dir/icarus.ini
	fi
	;;
esac
./cosimgen "$ini" -o $dir/build.ninja
exec ninja -C $dir
