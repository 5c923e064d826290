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
#include <sys/stat.h>
#include <unistd.h>

/* Nothing of an earlier attempt stays but the logs this run opens again,
 * which is cheaper than removing and creating them. They are emptied
 * here, not when opened: a child that does not start (the simulator
 * died before it was ready) opens none, and its log of an earlier run
 * must not be scanned as this run's. */
/* Whether n is the log of stream a or b. */
static int
is_log(const char *n, enum stream a, enum stream b)
{
	return !strcmp(n, stream_files[a]) || !strcmp(n, stream_files[b]);
}

/* A link planted in path's place is removed as itself, as
 * file_remove_tree would, but with the warning of beneath.h. */
void
rundir_remove(const char *path)
{
	const char *leaf;
	int dir = beneath_dir(path, &leaf);

	if (dir == -1)
		return;
	if (!beneath_unlink_link(dir, leaf, path))
		file_remove_at(dir, leaf);
	beneath_done(dir);
}

/* Keep the log n of the run directory open on fd (run names it in
 * messages), emptied: only a regular file; a link planted in its place
 * is removed with a warning (beneath.h), anything else without. */
static void
keep_log(int fd, const char *run, const char *n)
{
	struct stat st;
	char *path;
	int log;

	if (fstatat(fd, n, &st, AT_SYMLINK_NOFOLLOW) != 0)
		return;
	if (S_ISREG(st.st_mode)) {
		/* O_NONBLOCK: no wait should a FIFO have taken its place */
		log = openat(fd, n, O_WRONLY | O_TRUNC | O_NOFOLLOW |
		    O_NONBLOCK | O_CLOEXEC);
		if (log >= 0) {
			close(log);
			return;
		}
	}
	path = xasprintf("%s/%s", run, n);
	if (!beneath_unlink_link(fd, n, path))
		file_remove_at(fd, n);
	free(path);
}

/* Empty the run directory open on fd (run names it) but for the logs
 * kept, emptied. Every entry is removed through fd, a link (of `files
 * =`, or planted) as itself. */
static void
empty(int fd, const char *run, int sim, int test)
{
	DIR *d = fdopendir(fd);
	struct dirent *e;

	if (!d) {
		close(fd);
		return;
	}
	while ((e = readdir(d))) {
		const char *n = e->d_name;

		if (!strcmp(n, ".") || !strcmp(n, ".."))
			continue;
		if ((sim && is_log(n, ST_SIM_OUT, ST_SIM_ERR)) ||
		    (test && is_log(n, ST_TEST_OUT, ST_TEST_ERR)))
			keep_log(fd, run, n);
		else
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
		empty(fd, p, sim, test);
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
