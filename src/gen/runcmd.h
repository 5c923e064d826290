/* runcmd.h - `cosimgen run` and `cosimgen list`: the front end that
 * chooses what a run does (which tests, forced or not, fail-fast,
 * repeats, jobs), passes the run-time choices on in the environment that
 * cosim-run reads (cosimgen(1), RUN-TIME OPTIONS), runs ninja on the
 * graph cosimgen wrote, and after a run of a subset prints the summary of
 * that subset. */
#ifndef COSIM_RUNCMD_H
#define COSIM_RUNCMD_H

/* `cosimgen run ...` (argv[1] is "run"); returns the exit status. */
int runcmd_run(int argc, char **argv);
/* `cosimgen list ...`: `cosimgen run --list ...`. */
int runcmd_list(int argc, char **argv);

#endif
