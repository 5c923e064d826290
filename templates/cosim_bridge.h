/* cosim_bridge.h - the simulator side of a co-simulation test.
 *
 * A testbench links cosim_bridge.c and talks to one host client over TCP,
 * a line of text per message. cosim-run hands the bridge a listening
 * socket (fd 3, LISTEN_FDS=1); run by hand, the bridge binds 127.0.0.1
 * port 0 itself and publishes the port in cosim.cfg ("port: N"), written
 * atomically, in its working directory.
 *
 * The same functions are reachable from SystemVerilog as DPI-C imports
 * (Verilator) and as VPI system functions (Icarus, $cosim_...):
 *
 *   int    cosim_accept()   wait for the client; 0, or -1 on error
 *   int    cosim_poll()     1 when a message is waiting, 0 when none is,
 *                           -1 when the client has left; never blocks
 *   string cosim_recv()     the next message; waits (using no CPU, and so
 *                           stopping simulated time) until one comes;
 *                           "" once the client has left or on SIGTERM
 *   int    cosim_recv_msg(output string s)
 *                           the same into s: 0, or -1 once the client has
 *                           left (then s is "")
 *   int    cosim_send(s)    send one message; 0, or -1 when the client left
 *   int    cosim_done()     1 once the client has left or SIGTERM arrived:
 *                           time to $finish
 *
 * Loading it ignores SIGPIPE and turns SIGTERM into cosim_done() instead of
 * death, so the testbench can end with $finish and run its final blocks.
 * Line buffering of stdout comes from cosim_linebuf.c, which cosimgen
 * builds into every design beside the bridge.
 * The code is valid C and C++ (Verilator compiles .c files with g++). */
#ifndef COSIM_BRIDGE_H
#define COSIM_BRIDGE_H

#ifdef __cplusplus
extern "C" {
#endif

int cosim_accept(void);
int cosim_poll(void);
const char *cosim_recv(void);
int cosim_recv_msg(const char **msg);
int cosim_send(const char *line);
int cosim_done(void);

#ifdef __cplusplus
}
#endif

#endif
