/* wavesrun.c - see wavesrun.h. */
#include "wavesrun.h"
#include "keys.h"
#include "layout.h"
#include "path.h"
#include "util.h"

#include <stdlib.h>
#include <unistd.h>

void
wavesrun_setup(struct run *r, const char *sim)
{
	struct spec *sp = &r->spec;
	char *cwd = getcwd(NULL, 0), *file;

	if (!cwd)
		fatal(0, "getcwd failed");
	spec_hash(sp, r->waves_hash);
	sp->dir = layout_in(sp->dir, DIR_WAVES);
	sp->sim = (char *)sim;
	sp->retries = 0;	/* one run: its waveform */
	sp->max_failures = 0;
	sp->slurm = 0;
	/* nor do the run-time choices of a run of the suite apply to it
	 * (the report's waves_on_failure runs it from inside one): it
	 * would count the suite's failures, or repeat */
	unsetenv("COSIM_MAX_FAILURES");
	unsetenv("COSIM_REPEAT");
	unsetenv("COSIM_SUITE_RUN");
	r->dir = sp->dir;
	file = path_join(sp->dir, LAYOUT_WAVEFORM);
	r->waves = path_join(cwd, file);
	r->waves_rel = layout_test_file(NULL, r->name, DIR_WAVES);
	free(file);
	file = r->waves_rel;
	r->waves_rel = path_join(file, LAYOUT_WAVEFORM);
	free(file);
	free(cwd);
}

int
wavesrun_done(const struct run *r)
{
	if (r->status == STATUS_NOTRUN || r->status == STATUS_INTERRUPTED)
		return 0;
	return r->sim.started && !r->sim.exec_errno;
}

void
wavesrun_sim_args(const struct run *r, char ***argv, size_t *n)
{
	if (!r->waves)
		return;
	if (r->spec.simulator == SIM_GHDL) {	/* a run option of ghdl -r */
		list_push(argv, n, xasprintf("--fst=%s", r->waves));
		return;
	}
	if (r->spec.simulator != SIM_ICARUS)
		return;
	/* vvp's extended arguments and plusargs follow the program */
	list_push(argv, n, xstrdup("-fst"));
	list_push(argv, n, xasprintf("+cosim_waves=%s", r->waves));
}

void
wavesrun_env(const struct run *r, char ***env, size_t *n)
{
	if (r->waves && r->spec.simulator == SIM_VERILATOR)
		list_push(env, n, xasprintf("COSIM_WAVES=%s", r->waves));
}
