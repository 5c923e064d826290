/* cosim_linebuf.c - make a simulator's standard output line-buffered.
 *
 * cosim-run sends a simulator's stdout to a file, and the C library
 * block-buffers a file: what a testbench printed would reach its log in
 * 4 KiB blocks, not at all when the simulator is killed (a timeout), and
 * the idle timeout would see no output from a simulation that prints a
 * line a second. Line buffering writes every finished line at once, at
 * one write per line, as on a terminal.
 *
 * cosimgen links this file into every Verilator design and builds it into
 * the VPI module that every Icarus run loads. A constructor does it, before
 * the simulation starts and without any call from the testbench.
 *
 * A line still unfinished when SIGTERM kills a Verilator simulator is not
 * written: Verilator holds a $write without a newline in its own buffer,
 * which no signal handler here can reach (vvp catches SIGTERM itself and
 * flushes). The code is valid C and C++: Verilator compiles .c files with
 * g++. */
#include <stdio.h>

__attribute__((constructor)) static void
cosim_linebuf_init(void)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
}
