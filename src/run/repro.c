/* repro.c - see repro.h. */
#include "repro.h"
#include "file.h"
#include "escape.h"

#include <string.h>

/* Text for a comment: control characters (a newline would end the
 * comment) become spaces. */
static void
text(struct buf *b, const char *t)
{
	for (; *t; t++)
		buf_putc(b, (unsigned char)*t < 0x20 ? ' ' : *t);
}

static void
comment(struct buf *b, const char *label, const char *t)
{
	buf_printf(b, "# %s", label);
	text(b, t);
	buf_putc(b, '\n');
}

/* A variable of the Slurm job or step a run was in (SLURM_JOB_ID,
 * SLURM_STEP_ID, SLURMD_NODENAME, ...): the script runs after that job
 * ended. SLURM_CONF is the user's, and finds the cluster. */
static int
slurm_job_var(const char *e)
{
	return ((!strncmp(e, "SLURM_", 6) || !strncmp(e, "SLURMD_", 7)) &&
	    strncmp(e, "SLURM_CONF=", 11) != 0) ||
	    !strncmp(e, "SRUN_DEBUG=", 11) || !strcmp(e, "ENVIRONMENT=BATCH");
}

/* The script for rp, appended to b. */
static void
repro_render(struct buf *b, const struct repro *rp)
{
	char **e;

	buf_puts(b, "#!/bin/sh\n");
	buf_puts(b, "# repro.sh - run test ");
	text(b, rp->name);
	buf_puts(b,
	    " again, outside ninja, the way its last run ran.\n"
	    "# cosim-run makes a fresh run directory, starts the simulator, waits\n"
	    "# until it is ready, gives the test its host and port and writes the\n"
	    "# result, as under ninja; it exits 0 only when the test passes.\n"
	    "# Written by cosim-run after each run of the test.\n#\n");
	comment(b, "Last run:  ", rp->status);
	if (rp->reason && *rp->reason)
		comment(b, "Reason:    ", rp->reason);
	comment(b, "Directory: ", rp->rundir);
	if (rp->sim)
		comment(b, "Simulator: ", rp->sim);
	if (rp->test)
		comment(b, "Test:      ", rp->test);
	if (rp->given && *rp->given) {
		buf_puts(b, "# Given by cosim-run (the port changes from run to "
		    "run):\n");
		for (e = rp->given; *e; e++)
			comment(b, "  ", *e);
	}
	if (rp->waves_target) {
		buf_puts(b, "# With waves: ninja waves/");
		text(b, rp->name);
		buf_puts(b, " (in the directory below) runs it again into "
		    "its waves/.\n");
	}
	buf_puts(b, "\ncd ");
	esc_shell(b, rp->cwd);
	buf_puts(b, " || exit 125\nexec env -i");
	for (e = rp->environ; *e; e++) {
		/* choices of the whole build, not of one test's run */
		if (!strncmp(*e, "COSIM_SUITE_RUN=", 16) ||
		    !strncmp(*e, "COSIM_MAX_FAILURES=", 19))
			continue;
		if (rp->slurm && slurm_job_var(*e))
			continue;
		buf_puts(b, " \\\n    ");
		esc_shell(b, *e);
	}
	/* run inside an allocation, the script's run is a step of it */
	if (rp->slurm)
		buf_puts(b, " \\\n    ${SLURM_JOB_ID:+\"SLURM_JOB_ID=$SLURM_JOB_ID\"}");
	buf_puts(b, " \\\n    ");
	esc_shell(b, rp->launcher);
	if (rp->waves_sim) {
		buf_puts(b, " --waves ");
		esc_shell(b, rp->waves_sim);
	}
	buf_putc(b, ' ');
	esc_shell(b, rp->spec);
	buf_putc(b, '\n');
}

int
repro_write(const char *path, const struct repro *rp)
{
	struct buf b = {0};
	int rc;

	repro_render(&b, rp);
	rc = file_write_if_changed_mode(path, b.s, b.len, 0700);
	buf_free(&b);
	return rc < 0 ? -1 : 0;
}
