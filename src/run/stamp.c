/* stamp.c - see stamp.h. */
#include "stamp.h"
#include "beneath.h"
#include "file.h"
#include "layout.h"
#include "ninjalog.h"
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The stamp exists, newer than the spec, only after a pass. An old stamp
 * stays while the test runs: if this run is killed, the edge is still
 * dirty for the reason it was run. A link in its place is removed and a
 * stamp made (beneath.h): the time of what it points to is not touched. */
void
stamp_set(const char *stamp, int pass)
{
	int fd;

	if (!pass) {
		if (file_unlink(stamp) != 0 && errno != ENOENT)
			fatal(errno, "cannot remove %s", stamp);
		return;
	}
	/* O_NONBLOCK: a FIFO there is an error, not a wait */
	fd = beneath_open(stamp, O_WRONLY | O_CREAT | O_NONBLOCK | O_CLOEXEC,
	    0666);
	if (fd < 0 || futimens(fd, NULL) != 0 || close(fd) != 0)
		fatal(errno, "cannot write %s", stamp);
}

/* A stamp made outside ninja is up to date only once ninja's log says so
 * (see ninjalog.h); the log is in the builddir, as the graph sets it. */
void
stamp_tell_ninja(const char *stamp, const char *builddir, const char *name)
{
	struct stat st;
	char *log = layout_top(builddir, TOP_NINJA_LOG);

	if (stat(stamp, &st) != 0)
		fatal(errno, "cannot stat %s", stamp);
	if (ninja_log_restat(log, stamp, (int64_t)st.st_mtim.tv_sec *
	    1000000000 + st.st_mtim.tv_nsec) < 0)
		fprintf(stderr, "cosim-run: cannot record the new stamp in %s "
		    "(%s): the next ninja runs %s again\n", log,
		    strerror(errno), name);
	free(log);
}
