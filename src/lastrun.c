/* lastrun.c - see lastrun.h. */
#include "lastrun.h"
#include "beneath.h"
#include "file.h"
#include "layout.h"
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Remove the file f of dir (open on fd) when it is a link, saying so. */
static void
unlink_link(int fd, const char *dir, enum dir_file f)
{
	char *path = layout_in(dir, f);

	beneath_unlink_link(fd, dir_files[f], path);
	free(path);
}

int
lastrun_set_aside(const char *dir)
{
	const char *res = dir_files[DIR_RESULT];
	const char *prev = dir_files[DIR_RESULT_PREV];
	const char *next = dir_files[DIR_RESULT_NEXT];
	int fd = beneath_open_dir(dir), rc = 0;

	if (fd < 0)
		return errno == ENOENT ? 0 : -1;	/* no result then */
	/* a link planted for either is removed here, named as it was
	 * found: renamed, it would be told as result.next's or .prev's */
	unlink_link(fd, dir, DIR_RESULT);
	unlink_link(fd, dir, DIR_RESULT_PREV);
	/* Without a result, result.prev already holds the last one. */
	if (faccessat(fd, res, F_OK, AT_SYMLINK_NOFOLLOW) == 0 &&
	    ((renameat(fd, prev, fd, next) != 0 && errno != ENOENT) ||
	    renameat(fd, res, fd, prev) != 0))
		rc = -1;
	close(fd);
	return rc;
}

int
lastrun_put(const char *dir, const char *data, size_t len)
{
	char *next = layout_in(dir, DIR_RESULT_NEXT);
	int fd = beneath_open_dir(dir), rc = -1, e;

	if (fd >= 0 && (rc = file_write_in_place_at(fd, dir_files[
	    DIR_RESULT_NEXT], next, data, len)) == 0)
		rc = renameat(fd, dir_files[DIR_RESULT_NEXT], fd,
		    dir_files[DIR_RESULT]);
	e = errno;
	if (fd >= 0)
		close(fd);
	free(next);
	errno = e;
	return rc;
}

enum lastrun
lastrun_state(const char *dir)
{
	char *path = layout_in(dir, DIR_PIDS);
	char tail[sizeof RECORD_DONE];
	size_t d = strlen(RECORD_DONE);
	int fd = beneath_open(path, O_RDONLY | O_CLOEXEC, 0);
	off_t size;
	enum lastrun st = LR_UNFINISHED;

	free(path);
	if (fd < 0)
		return errno == ENOENT ? LR_NEVER : LR_UNFINISHED;
	size = lseek(fd, 0, SEEK_END);
	if (size >= (off_t)d && pread(fd, tail, d, size - (off_t)d) ==
	    (ssize_t)d && memcmp(tail, RECORD_DONE, d) == 0)
		st = LR_FINISHED;
	close(fd);
	return st;
}
