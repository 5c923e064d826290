/* builddir.c - see builddir.h. */
#include "builddir.h"
#include "attempts.h"
#include "compiles.h"
#include "file.h"
#include "fixtures.h"
#include "layout.h"
#include "util.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

long long
builddir_prev_ms(const char *outdir)
{
	char *path = layout_top(outdir, TOP_RESULTS_JSON);
	struct stat st;
	long long ms = 0;

	if (stat(path, &st) == 0)
		ms = (long long)st.st_mtim.tv_sec * 1000 +
		    st.st_mtim.tv_nsec / 1000000;
	free(path);
	return ms;
}

long long
builddir_now_ms(void)
{
	struct timespec now;

	clock_gettime(CLOCK_REALTIME, &now);
	return (long long)now.tv_sec * 1000 + now.tv_nsec / 1000000;
}

int
builddir_load(struct report *rp, const char *builddir, const char *outdir,
    char **list)
{
	char *path = layout_top(builddir, TOP_TESTS_LIST);

	rp->builddir = builddir;
	*list = file_read(path, NULL);
	if (!*list) {
		fprintf(stderr, "cosimgen: report: cannot read %s: %s (is %s "
		    "the builddir? name it: cosimgen report BUILDDIR; or run "
		    "cosimgen on the manifest first)\n", path, strerror(errno),
		    builddir);
		free(path);
		return 1;
	}
	free(path);
	rp->now_ms = builddir_now_ms();
	rp->prev_ms = builddir_prev_ms(outdir);
	results_load(rp, *list);
	compiles_load(rp);
	compiles_judge(rp);
	attempts_load(rp);
	fixtures_load(rp);
	return 0;
}

void
builddir_free(struct report *rp, char *list)
{
	attempts_free(rp);
	results_free(rp);
	compiles_free(rp);
	fixtures_free(rp);
	free(list);
}
