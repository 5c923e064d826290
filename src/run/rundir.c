/* rundir.c - see rundir.h. */
#define _XOPEN_SOURCE 700	/* nftw */
#include "rundir.h"
#include "layout.h"
#include "util.h"

#include <dirent.h>
#include <errno.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int
rm_entry(const char *path, const struct stat *st, int flag, struct FTW *f)
{
	(void)st;
	(void)flag;
	(void)f;
	return remove(path);
}

/* Nothing of an earlier attempt stays but the logs this run opens again
 * (truncated then), which is cheaper than removing and creating them. */
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
			    (sim && (!strcmp(n, "sim.out") || !strcmp(n, "sim.err"))) ||
			    (test && (!strcmp(n, "test.out") || !strcmp(n, "test.err"))))
				continue;
			sub = xasprintf("%s/%s", p, n);
			nftw(sub, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
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
