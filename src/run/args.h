/* args.h - the command line of cosim-run: run a test (with --stamp, as
 * the graph does), rescan its logs, or run the compile modes; --node
 * before a run or a compile runs it here, where a Slurm supervisor
 * started it (slurm.h). */
#ifndef COSIM_ARGS_H
#define COSIM_ARGS_H

#include "run.h"

/* The arguments into r; returns the mode: 'r' run, 's' scan only, or 0
 * when the compile mode it ran, or a usage error, is done (its exit
 * status in *rc). env is cosim-run's environment, for a compile. */
int args_parse(struct run *r, int argc, char **argv, char **env, int *rc);

#endif
