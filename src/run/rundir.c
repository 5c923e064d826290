/* rundir.c - see rundir.h. */
#define _XOPEN_SOURCE 700	/* realpath */
#include "rundir.h"
#include "beneath.h"
#include "file.h"
#include "layout.h"
#include "scan.h"
#include "util.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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

/* Empty the run directory open on fd but for the logs kept. Every entry
 * is removed through fd, a link (of `files =`, or planted) as itself. */
static void
empty(int fd, int sim, int test)
{
	DIR *d = fdopendir(fd);
	struct dirent *e;

	if (!d) {
		close(fd);
		return;
	}
	while ((e = readdir(d))) {
		const char *n = e->d_name;

		if (!strcmp(n, ".") || !strcmp(n, "..") ||
		    (sim && is_log(n, ST_SIM_OUT, ST_SIM_ERR)) ||
		    (test && is_log(n, ST_TEST_OUT, ST_TEST_ERR)))
			continue;
		file_remove_at(fd, n);
	}
	closedir(d);
}

/* A link in the place of run/ is removed, as anything in it would be
 * (beneath.h), and a directory made. */
char *
rundir_fresh(const char *dir, int sim, int test)
{
	char *p = layout_in(dir, DIR_RUN), *abs;
	const char *leaf;
	int up = beneath_dir(p, &leaf), fd;

	if (up == -1 && errno != ENOENT)
		fatal(errno, "cannot open %s", p);
	fd = up == -1 ? -1 : openat(up, leaf, O_RDONLY | O_DIRECTORY |
	    O_NOFOLLOW | O_CLOEXEC);
	if (fd >= 0)
		empty(fd, sim, test);
	else if ((up == -1 || !beneath_unlink_link(up, leaf, p)) &&
	    errno != ENOENT)
		fatal(errno, "cannot open %s", p);
	beneath_done(up);
	if (fd < 0 && mkdir_p(p) != 0)
		fatal(errno, "cannot create %s", p);
	if (!(abs = beneath_abs(p)) && !(abs = realpath(p, NULL)))
		fatal(errno, "realpath %s", p);
	free(p);
	return abs;
}
