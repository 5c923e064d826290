/* loglimit.c - see loglimit.h. */
#include "loglimit.h"
#include "beneath.h"
#include "scan.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

int
loglimit_over(const char *rundir, int64_t limit)
{
	int s;

	if (limit <= 0)
		return -1;
	for (s = 0; s < ST_N; s++) {
		char *p = xasprintf("%s/%s", rundir, stream_files[s]);
		struct stat st;
		int over = stat(p, &st) == 0 && (int64_t)st.st_size > limit;

		free(p);
		if (over)
			return s;
	}
	return -1;
}

void
loglimit_describe(struct buf *b, int64_t limit)
{
	static const char *const unit[] = {"bytes", "KiB", "MiB", "GiB", "TiB"};
	int u = 0;

	while (u < 4 && limit >= 1024 && limit % 1024 == 0) {
		limit /= 1024;
		u++;
	}
	buf_printf(b, "%lld %s", (long long)limit, unit[u]);
}

int
loglimit_cut(const char *rundir, int64_t limit)
{
	int s, first = -1;

	for (s = 0; limit > 0 && s < ST_N; s++) {
		char *p = xasprintf("%s/%s", rundir, stream_files[s]);
		struct buf note = {0};
		struct stat st;
		char last = '\n';
		int fd = -1;

		/* a stat first: most runs have nothing to cut */
		if (stat(p, &st) == 0 && (int64_t)st.st_size > limit)
			fd = beneath_open(p, O_RDWR | O_CLOEXEC, 0);
		free(p);
		if (fd < 0)
			continue;	/* not there, or not over */
		if (first < 0)
			first = s;
		/* the marker goes on a line of its own */
		if (pread(fd, &last, 1, (off_t)limit - 1) != 1)
			last = '\n';
		buf_printf(&note, "%scosim-run: %s was cut here: it passed the "
		    "log limit of ", last == '\n' ? "" : "\n", stream_files[s]);
		loglimit_describe(&note, limit);
		buf_puts(&note, " (log_limit)\n");
		if (ftruncate(fd, (off_t)limit) != 0 ||
		    pwrite(fd, note.s, note.len, (off_t)limit) != (ssize_t)note.len)
			fatal(errno, "cannot cut %s/%s", rundir, stream_files[s]);
		close(fd);
		buf_free(&note);
	}
	return first;
}
