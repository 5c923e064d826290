/* fds.h - what the launcher's children inherit: only what it gives them.
 *
 * The caller of ninja or make may leave descriptors open (a CI runner's
 * fd 10, a shell's 251); they would reach every test and simulator, which
 * may then hold a pipe open that its reader waits on, or write where it
 * must not. So cosim-run, first thing, marks every descriptor above 2
 * close-on-exec: its children get stdin, stdout and stderr, and what it
 * hands them itself (the socket of a co-simulation). Kept open are the
 * two of GNU make's jobserver that MAKEFLAGS names (--jobserver-auth=R,W,
 * or --jobserver-fds= of older makes), which a compile under make passes
 * on to the make that Verilator runs. */
#ifndef COSIM_FDS_H
#define COSIM_FDS_H

/* Mark every descriptor above 2 close-on-exec but make's jobserver's;
 * env is the launcher's environment, where MAKEFLAGS is looked up. */
void fds_close_inherited(char *const *env);

#endif
