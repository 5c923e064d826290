/* rundir.c - see rundir.h. */
#define _XOPEN_SOURCE 700	/* realpath */
#include "rundir.h"
#include "file.h"
#include "layout.h"
#include "scan.h"
#include "util.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Nothing of an earlier attempt stays but the logs this run opens again
 * (truncated then), which is cheaper than removing and creating them. */
/* Whether n is the log of stream a or b. */
static int
is_log(const char *n, enum stream a, enum stream b)
{
	return !strcmp(n, stream_files[a]) || !strcmp(n, stream_files[b]);
}

void
rundir_remove(const char *path)
{
	file_remove_tree(path);
}

char *
rundir_fresh(const char *dir, int sim, int test)
{
	char *p = layout_in(dir, DIR_RUN), *abs;
	DIR *d = opendir(p);
	struct dirent *e;

	if (d) {
		while ((e = readdir(d))) {
			const char *n = e->d_name;
			char *sub;

			if (!strcmp(n, ".") || !strcmp(n, "..") ||
			    (sim && is_log(n, ST_SIM_OUT, ST_SIM_ERR)) ||
			    (test && is_log(n, ST_TEST_OUT, ST_TEST_ERR)))
				continue;
			sub = xasprintf("%s/%s", p, n);
			rundir_remove(sub);
			free(sub);
		}
		closedir(d);
	} else if (mkdir_p(p) != 0) {
		fatal(errno, "cannot create %s", p);
	}
	abs = realpath(p, NULL);
	if (!abs)
		fatal(errno, "realpath %s", p);
	free(p);
	return abs;
}
