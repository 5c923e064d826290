/* fds.c - see fds.h. close_range(2) marks each range in one call (Linux
 * 5.11 and later); an older kernel goes through /proc/self/fd. */
#define _GNU_SOURCE	/* close_range, CLOSE_RANGE_CLOEXEC */
#include "fds.h"

#include <dirent.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The jobserver's descriptors MAKEFLAGS names, into keep[0..2); how many
 * (0 or 2). */
static int
jobserver(char *const *env, int *keep)
{
	static const char *const opts[] = {"--jobserver-auth=",
		"--jobserver-fds="};
	const char *flags = NULL, *p;
	char *end;
	long r, w;
	size_t i, k;

	for (i = 0; env && env[i]; i++)
		if (strncmp(env[i], "MAKEFLAGS=", 10) == 0)
			flags = env[i] + 10;
	for (k = 0; flags && k < 2; k++) {
		if (!(p = strstr(flags, opts[k])))
			continue;
		/* "R,W"; make 4.4's "fifo:PATH" holds no descriptor */
		r = strtol(p + strlen(opts[k]), &end, 10);
		if (end == p + strlen(opts[k]) || *end != ',')
			continue;
		p = end + 1;
		w = strtol(p, &end, 10);
		if (end == p || r < 3 || w < 3 || r > INT_MAX || w > INT_MAX)
			continue;
		keep[0] = (int)(r < w ? r : w);
		keep[1] = (int)(r < w ? w : r);
		return 2;
	}
	return 0;
}

/* Mark fds lo..hi close-on-exec: 0, or -1 when close_range cannot. */
static int
mark_range(unsigned lo, unsigned hi)
{
#ifdef CLOSE_RANGE_CLOEXEC
	if (lo > hi)
		return 0;
	return close_range(lo, hi, CLOSE_RANGE_CLOEXEC);
#else
	(void)lo;
	(void)hi;
	return -1;
#endif
}

/* The same through /proc/self/fd, one descriptor at a time. */
static void
mark_each(const int *keep, int nkeep)
{
	DIR *d = opendir("/proc/self/fd");
	struct dirent *de;
	int fd, self = d ? dirfd(d) : -1, k, kept;

	while (d && (de = readdir(d))) {
		fd = atoi(de->d_name);
		for (k = 0, kept = 0; k < nkeep; k++)
			kept |= fd == keep[k];
		if (fd > 2 && fd != self && !kept)
			fcntl(fd, F_SETFD, fcntl(fd, F_GETFD) | FD_CLOEXEC);
	}
	if (d)
		closedir(d);
}

void
fds_close_inherited(char *const *env)
{
	int keep[2], n = jobserver(env, keep);

	if (n == 0 ? mark_range(3, ~0U) == 0 :
	    mark_range(3, (unsigned)keep[0] - 1) == 0 &&
	    mark_range((unsigned)keep[0] + 1, (unsigned)keep[1] - 1) == 0 &&
	    mark_range((unsigned)keep[1] + 1, ~0U) == 0)
		return;
	mark_each(keep, n);
}
