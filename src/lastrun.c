/* lastrun.c - see lastrun.h. */
#include "lastrun.h"
#include "file.h"
#include "layout.h"
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int
lastrun_set_aside(const char *dir)
{
	char *res = layout_in(dir, DIR_RESULT);
	char *prev = layout_in(dir, DIR_RESULT_PREV);
	char *next = layout_in(dir, DIR_RESULT_NEXT);
	int rc = 0;

	/* Without a result, result.prev already holds the last one. */
	if (access(res, F_OK) == 0 &&
	    ((rename(prev, next) != 0 && errno != ENOENT) ||
	    rename(res, prev) != 0))
		rc = -1;
	free(res);
	free(prev);
	free(next);
	return rc;
}

int
lastrun_put(const char *dir, const char *data, size_t len)
{
	char *res = layout_in(dir, DIR_RESULT);
	char *next = layout_in(dir, DIR_RESULT_NEXT);
	int rc = file_write_in_place(next, data, len);

	if (rc == 0)
		rc = rename(next, res);
	free(res);
	free(next);
	return rc;
}

enum lastrun
lastrun_state(const char *dir)
{
	char *path = layout_in(dir, DIR_PIDS);
	char tail[sizeof RECORD_DONE];
	size_t d = strlen(RECORD_DONE);
	int fd = open(path, O_RDONLY | O_CLOEXEC);
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
