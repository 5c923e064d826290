/* repro.h - <builddir>/tests/NAME/repro.sh, which runs one test again
 * outside ninja with one command.
 *
 * The script changes to the directory ninja ran in and runs cosim-run on
 * the test's spec with the environment the last run had (env -i, then every
 * variable but COSIM_SUITE_RUN and COSIM_MAX_FAILURES, which belong to the
 * build it came from, and for a test that runs through Slurm the job's and
 * step's own SLURM_* and SLURMD_* but SLURM_CONF, so that the script asks
 * Slurm again, long after that job ended), so the launcher starts the
 * simulator, waits until it is ready
 * and injects host and port exactly as under ninja. Comments at its top
 * say how the last run ended and what it ran: the run directory, the
 * simulator's and the test's command lines, and the variables cosim-run
 * gave them. cosim-run rewrites it after each run, only when it changes. */
#ifndef COSIM_REPRO_H
#define COSIM_REPRO_H

#include "util.h"

struct repro {
	const char *name, *status, *reason;
	const char *cwd;	/* where ninja ran cosim-run (absolute) */
	const char *launcher;	/* cosim-run (absolute) */
	const char *spec;	/* the spec, relative to cwd or absolute */
	const char *rundir;
	const char *sim, *test;	/* command lines as run, or NULL */
	char **given;		/* COSIM_* and LISTEN_* as given, NULL-ended */
	char **environ;		/* cosim-run's own environment */
	int slurm;		/* the test runs through Slurm: the variables
				 * of the job it ran in are left out */
	const char *waves_sim;	/* a waves run: its simulator (cosim-run
				 * --waves SIM), else NULL */
	int waves_target;	/* the test has waves/NAME: a comment says
				 * so */
};

/* Write the script to path unless it already holds exactly that; only its
 * owner may read it (the environment may hold secrets). Returns 0, or -1
 * with errno set. */
int repro_write(const char *path, const struct repro *rp);

#endif
