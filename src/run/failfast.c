/* failfast.c - see failfast.h. The file is one record, struct failures,
 * with its codec (fields.h): read, changed and written back in place
 * while the lock is held, which every reader takes too. */
#include "failfast.h"
#include "beneath.h"
#include "fields.h"
#include "file.h"
#include "keys.h"
#include "kvfile.h"
#include "layout.h"

#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#define FAILURES_MAGIC "cosim-failures 1"

/* BUILDDIR/failures in memory. */
struct failures {
	char *suite_run;	/* the run of the suite they belong to */
	struct strlist failed;	/* the tests that failed in it */
	struct other other;
};

static const struct fdef rows[] = {
	{"suite_run", F_STR, offsetof(struct failures, suite_run), NULL, 0, 0},
	{"failed", F_LIST, offsetof(struct failures, failed), NULL, 0, 0},
};

#define NROWS (sizeof rows / sizeof *rows)

int
failfast_limit(const struct spec *s, long long *max, struct buf *why)
{
	const char *v = getenv("COSIM_MAX_FAILURES");
	int64_t n;

	*max = s->max_failures;
	if (!v || !*v)
		return 0;
	/* digits only: no sign */
	if (!(*v >= '0' && *v <= '9') || parse_int(v, 0, INT64_MAX, &n)) {
		buf_printf(why, "COSIM_MAX_FAILURES='%s' cannot be used: it "
		    "must be a whole number, 0 (no limit) or more", v);
		return -1;
	}
	*max = n;
	return 0;
}

/* Open and lock the file of builddir; returns the fd, *path set. */
static int
failures_lock(const char *builddir, char **path)
{
	int fd;

	*path = layout_top(builddir, TOP_FAILURES);
	fd = beneath_open(*path, O_RDWR | O_CREAT | O_CLOEXEC, 0666);
	if (fd < 0)
		fatal(errno, "cannot open %s", *path);
	while (flock(fd, LOCK_EX) != 0)
		if (errno != EINTR)
			fatal(errno, "cannot lock %s", *path);
	return fd;
}

/* Read the locked file at path into fs (strings in f) and return how
 * many tests failed in suite run id; a file of another run (or none, or
 * one not whole) is emptied in fs and counts nothing. */
static long long
failures_read(struct failures *fs, struct kvfile *f, const char *path,
    const char *id)
{
	memset(fs, 0, sizeof *fs);
	memset(f, 0, sizeof *f);
	if (kv_read(f, path, FAILURES_MAGIC) != 0)
		return 0;
	fields_decode(f, rows, NROWS, fs, &fs->other);
	if (!fs->suite_run || strcmp(fs->suite_run, id) != 0) {
		fields_free(rows, NROWS, fs, &fs->other);
		memset(fs, 0, sizeof *fs);
	}
	return (long long)fs->failed.n;
}

int
failfast_reached(const char *builddir, const char *id, long long max,
    struct buf *why)
{
	struct failures fs;
	struct kvfile f;
	char *path;
	int fd = failures_lock(builddir, &path);
	long long n = failures_read(&fs, &f, path, id);

	close(fd);
	fields_free(rows, NROWS, &fs, &fs.other);
	kv_free(&f);
	free(path);
	if (n < max)
		return 0;
	buf_printf(why, "not run: %lld failure%s reached max_failures = %lld",
	    n, n == 1 ? "" : "s", max);
	return 1;
}

void
failfast_add(const char *builddir, const char *id, const char *name)
{
	struct failures fs;
	struct kvfile f;
	struct buf b = {0};
	char *path;
	int fd = failures_lock(builddir, &path);

	failures_read(&fs, &f, path, id);
	fs.suite_run = (char *)id;
	strlist_push(&fs.failed, (char *)name);
	fields_encode(&b, FAILURES_MAGIC, rows, NROWS, &fs, &fs.other);
	/* in place: every reader holds the lock */
	if (file_write_in_place(path, b.s, b.len) != 0)
		fatal(errno, "cannot write %s", path);
	close(fd);
	buf_free(&b);
	fields_free(rows, NROWS, &fs, &fs.other);
	kv_free(&f);
	free(path);
}
