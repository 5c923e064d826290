#!/bin/sh
# What a simulation prints reaches its log as it is printed, and logs have
# a size limit. With real Verilator and Icarus (ready = none, and Icarus
# with the bridge): a testbench that prints three lines and an unfinished
# one, then hangs, stopped by its timeout, leaves them in sim.out and in
# the result's tail; one that prints every 0.5 s passes under
# idle_timeout = 2 (Icarus cannot wait for wall time: there the test feeds
# it a number every 0.5 s). A custom simulator that block-buffers (Python)
# shows its lines with pty = yes, and not without. A log past log_limit
# fails its test, is cut at the limit with a last line that says so, and
# leaves nothing running, in every stage: while the simulator starts (a
# readiness that never comes) and in teardown's grace period too; a file
# the simulation writes beside its logs is not limited.
. "$COSIM_TOP/tests/lib.sh"
for tool in verilator iverilog iverilog-vpi python3; do
	if ! command -v $tool >/dev/null 2>&1; then
		skip "output" "$tool is not installed"
		exit 0
	fi
done
d=$(scratch output)
cp "$COSIM_TOP"/tests/output/* "$d/"
cd "$d" || exit 1
mkfifo i_tick.fifo ib_tick.fifo
tag="cosim-output-$$"
unset PYTHONUNBUFFERED	# the custom simulator must block-buffer
cat >tests.ini <<EOT
[cosimgen]
builddir = out
ready    = none
env      = OUTPUT_MARK=$tag

[design:v]
sources = out_tb.sv
top     = out_tb
flags   = -Wno-fatal

[design:i]
simulator = icarus
sources   = out_tb.sv
top       = out_tb

; the same testbench with the bridge built in
[design:ib]
simulator = icarus
sources   = out_tb.sv
top       = out_tb
ready     = socket

[design:custom_file]
simulator = custom
run       = python3 {srcdir}/custom_sim.py

[design:custom_pty]
simulator = custom
run       = python3 {srcdir}/custom_sim.py
pty       = yes

[design:custom_pty_bulk]
simulator = custom
run       = python3 {srcdir}/custom_sim.py bulk
pty       = yes

[design:custom_pty_chatty]
simulator = custom
run       = python3 {srcdir}/custom_sim.py chatty
pty       = yes
log_limit = 64K

[design:startup_writer]
simulator       = custom
run             = sh {srcdir}/writer.sh startup
ready           = file
startup_timeout = 20
log_limit       = 64K

[design:grace_writer]
simulator  = custom
run        = sh {srcdir}/writer.sh grace
kill_grace = 10
log_limit  = 64K

[test:v_hang]
design   = v
plusargs = +mode=hang
timeout  = 3

[test:v_tick]
design       = v
plusargs     = +mode=tick
idle_timeout = 2

[test:i_hang]
design   = i
plusargs = +mode=hang
timeout  = 3

[test:i_tick]
design       = i
plusargs     = +mode=fifo +fifo={srcdir}/i_tick.fifo
command      = sh {srcdir}/ticker.sh {srcdir}/i_tick.fifo
idle_timeout = 2

[test:ib_hang]
design   = ib
plusargs = +mode=hang
timeout  = 3

[test:ib_tick]
design       = ib
plusargs     = +mode=fifo +fifo={srcdir}/ib_tick.fifo
command      = sh {srcdir}/ticker.sh {srcdir}/ib_tick.fifo
idle_timeout = 2

[test:i_chatty]
design    = i
plusargs  = +mode=chatty
log_limit = 64K

[test:i_bigfile]
design    = i
plusargs  = +mode=bigfile
log_limit = 64K

[test:cmd_chatty]
command   = sh -c 'sleep 600 & exec yes chatter'
log_limit = 64K

[test:custom_file]
design  = custom_file
timeout = 3

[test:custom_pty]
design  = custom_pty
timeout = 3

[test:custom_pty_bulk]
design = custom_pty_bulk

[test:custom_pty_chatty]
design = custom_pty_chatty

[test:startup_chatty]
design = startup_writer

[test:grace_chatty]
design  = grace_writer
command = true
EOT

check "output: cosimgen" "$COSIMGEN" --launcher "$(dirname "$COSIMGEN")/cosim-run" tests.ini
ninja -j2 >ninja.out 2>&1
t=out/tests
status() { sed -n 's/^status //p' "$t/$1/result"; }
reason() { sed -n 's/^reason //p' "$t/$1/result"; }
three() { printf 'line one\nline two\nline three\nno newline'; }

for n in v i ib; do
	same "output: $n: a testbench stopped by its timeout" timeout "$(status ${n}_hang)"
	same "output: $n: what it printed before is in sim.out" "$(three)" \
	    "$(cat $t/${n}_hang/run/sim.out)"
	same "output: $n: and in the result's tail" "$(three)" \
	    "$(sed -n 's/^sim_out_tail //p' $t/${n}_hang/result)"
	same "output: $n: a line every 0.5 s passes under idle_timeout = 2" \
	    "pass" "$(status ${n}_tick)$(reason ${n}_tick)"
	same "output: $n: with every line in sim.out" 6 \
	    "$(grep -c '^tick [0-5]$' $t/${n}_tick/run/sim.out)"
done

same "output: custom: killed, without pty its block-buffered lines are lost (the default)" \
    "timeout " "$(status custom_file) $(cat $t/custom_file/run/sim.out)"
same "output: custom: with pty = yes they are in sim.out" \
    "$(printf 'custom one\ncustom two\ncustom three')" "$(cat $t/custom_pty/run/sim.out)"
same "output: custom: a pseudo-terminal in raw mode adds no CR" 0 \
    "$(tr -cd '\r' <$t/custom_pty/run/sim.out | wc -c)"
same "output: custom: with pty, all of a long output reaches sim.out" \
    "pass 20000 bulk line 19999" \
    "$(status custom_pty_bulk) $(wc -l <$t/custom_pty_bulk/run/sim.out) $(tail -n 1 $t/custom_pty_bulk/run/sim.out)"

# cut_ok TEST LOG: the log is cut at 64 KiB and ends with the marker
cut_ok() {
	same "output: $1: fails at the log limit" \
	    "fail $2 passed the log limit of 64 KiB" "$(status $1) $(reason $1)"
	size=$(wc -c <"$t/$1/run/$2")
	[ "$size" -gt 65536 ] && [ "$size" -le 65700 ] &&
	    ok "output: $1: $2 is cut at the limit" ||
	    fail "output: $1: $2 is cut at the limit" "size $size"
	same "output: $1: $2 says where it was cut" \
	    "cosim-run: $2 was cut here: it passed the log limit of 64 KiB (log_limit)" \
	    "$(tail -n 1 "$t/$1/run/$2")"
}
cut_ok i_chatty sim.out
cut_ok cmd_chatty test.out
cut_ok custom_pty_chatty sim.out
cut_ok startup_chatty sim.out
cut_ok grace_chatty sim.out
same "output: a log past the limit in the startup stage is seen then" \
    startup "$(sed -n 's/^stage //p' $t/startup_chatty/result)"
same "output: a log past the limit in teardown's grace stops it at once" \
    "" "$(ls $t/grace_chatty/run | grep -x late)"
same "output: a log past the limit leaves nothing running" 0 "$(leaks_of OUTPUT_MARK=$tag)"
same "output: a file written beside the logs is not limited" \
    "pass $((4096 * 129))" "$(status i_bigfile) $(wc -c <$t/i_bigfile/run/big.dat)"
