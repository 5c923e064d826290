/* coverage.c - see coverage.h. */
#include "coverage.h"
#include "layout.h"
#include "keys.h"
#include "util.h"

#include <stdlib.h>
#include <sys/stat.h>

/* RUNDIR/coverage.dat, or NULL when r collects no coverage. */
static char *
data_path(const struct run *r)
{
	if (!r->spec.coverage || !r->rundir)
		return NULL;
	return xasprintf("%s/%s", r->rundir, LAYOUT_COVERAGE_DATA);
}

void
coverage_env(const struct run *r, char ***env, size_t *n)
{
	char *p = data_path(r);

	if (p) {
		list_push(env, n, xasprintf("COSIM_COVERAGE=%s", p));
		free(p);
	}
}

char *
coverage_written(const struct run *r)
{
	char *p = data_path(r);
	struct stat st;

	/* an empty file is a write that never finished */
	if (p && (stat(p, &st) != 0 || !S_ISREG(st.st_mode) ||
	    st.st_size == 0)) {
		free(p);
		p = NULL;
	}
	return p;
}
