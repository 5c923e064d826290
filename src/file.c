/* file.c - see file.h. */
#define _GNU_SOURCE	/* renameat2 */
#include "file.h"
#include "beneath.h"
#include "path.h"
#include "util.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

char *
file_read(const char *path, size_t *len)
{
	struct buf b = {0};
	char chunk[65536];
	ssize_t n;
	int fd = beneath_open(path, O_RDONLY | O_CLOEXEC, 0);

	if (fd < 0)
		return NULL;
	while ((n = read(fd, chunk, sizeof chunk)) != 0) {
		if (n < 0) {
			int e = errno;

			if (e == EINTR)
				continue;
			close(fd);
			buf_free(&b);
			errno = e;
			return NULL;
		}
		buf_add(&b, chunk, (size_t)n);
	}
	close(fd);
	if (len)
		*len = b.len;
	return buf_steal(&b);
}

int
file_write_atomic(const char *path, const char *data, size_t len)
{
	return file_write_atomic_mode(path, data, len, 0666);
}

static int write_atomic(int dirfd, const char *leaf, const char *path,
    const char *data, size_t len, unsigned mode);

int
file_write_atomic_mode(const char *path, const char *data, size_t len,
    unsigned mode)
{
	const char *leaf;
	int dir = beneath_dir(path, &leaf), rc;

	if (dir == -1)
		return -1;
	rc = write_atomic(dir, leaf, path, data, len, mode);
	beneath_done(dir);
	return rc;
}

/* Write all of data to fd; 0 or -1. */
static int
write_all(int fd, const char *data, size_t len)
{
	size_t off = 0;

	while (off < len) {
		ssize_t n = write(fd, data + off, len - off);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		off += (size_t)n;
	}
	return 0;
}

#ifdef O_TMPFILE
/* Link the unnamed file open on fd in as path: through the descriptor
 * itself where the kernel lets this process (AT_EMPTY_PATH), else through
 * its name in /proc. */
static int
link_tmpfile(int fd, int dirfd, const char *path)
{
	char proc[64];

	if (linkat(fd, "", dirfd, path, AT_EMPTY_PATH) == 0)
		return 0;
	if (errno != EPERM && errno != ENOENT)
		return -1;
	snprintf(proc, sizeof proc, "/proc/self/fd/%d", fd);
	return linkat(AT_FDCWD, proc, dirfd, path, AT_SYMLINK_FOLLOW);
}
#endif

int
file_create_at(int dirfd, const char *path, const char *data, size_t len,
    unsigned mode)
{
#ifdef O_TMPFILE
	const char *slash = strrchr(path, '/');
	char *dir = slash ? xstrndup(path, (size_t)(slash - path)) : NULL;
	int fd = openat(dirfd, dir ? dir : ".", O_TMPFILE | O_WRONLY |
	    O_CLOEXEC, (mode_t)mode), e;

	free(dir);
	if (fd >= 0) {
		if (write_all(fd, data, len) != 0 ||
		    link_tmpfile(fd, dirfd, path) != 0) {
			e = errno;
			close(fd);
			errno = e;
			return -1;
		}
		return close(fd);
	}
	if (errno != EOPNOTSUPP && errno != EISDIR && errno != EINVAL)
		return -1;
#endif
	/* (exists or not, the caller said it does not) */
	return file_write_atomic_at(dirfd, path, data, len, mode);
}

int
file_write_atomic_at(int dirfd, const char *path, const char *data,
    size_t len, unsigned mode)
{
	return write_atomic(dirfd, path, path, data, len, mode);
}

/* file_write_atomic_at of leaf in dirfd; path names it whole, for the
 * message of a link removed in the temp file's place (beneath.h). */
static int
write_atomic(int dirfd, const char *leaf, const char *path,
    const char *data, size_t len, unsigned mode)
{
	char *tmp = xasprintf("%s.%ld.tmp", leaf, (long)getpid());
	char *named = xasprintf("%s.%ld.tmp", path, (long)getpid());
	int fd, e;

	fd = beneath_openat(dirfd, tmp, named, O_WRONLY | O_CREAT | O_TRUNC |
	    O_CLOEXEC, (mode_t)mode);
	free(named);
	if (fd < 0)
		goto fail_nofd;
	if (write_all(fd, data, len) != 0)
		goto fail;
	if (close(fd) != 0) {
		fd = -1;
		goto fail;
	}
	if (renameat(dirfd, tmp, dirfd, leaf) != 0) {
		fd = -1;
		goto fail;
	}
	free(tmp);
	return 0;
fail:
	e = errno;
	if (fd >= 0)
		close(fd);
	unlinkat(dirfd, tmp, 0);
	errno = e;
fail_nofd:
	e = errno;
	free(tmp);
	errno = e;
	return -1;
}

/* Write data over the file open on fd, cut to its size, and close it;
 * 0 or -1. */
static int
put_in_place(int fd, const char *data, size_t len)
{
	size_t off = 0;
	int e;

	if (fd < 0)
		return -1;
	while (off < len) {
		ssize_t n = pwrite(fd, data + off, len - off, (off_t)off);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			goto fail;
		}
		off += (size_t)n;
	}
	if (ftruncate(fd, (off_t)len) != 0)
		goto fail;
	return close(fd);
fail:
	e = errno;
	close(fd);
	errno = e;
	return -1;
}

/* Nothing is freed or replaced, which on ext4 spares the flush that
 * replacing a file by rename starts and the freeing of the old file's
 * block: 20 us against 300 us. */
int
file_write_in_place(const char *path, const char *data, size_t len)
{
	return put_in_place(beneath_open(path, O_WRONLY | O_CREAT | O_CLOEXEC,
	    0666), data, len);
}

int
file_write_in_place_at(int dirfd, const char *name, const char *path,
    const char *data, size_t len)
{
	return put_in_place(beneath_openat(dirfd, name, path, O_WRONLY |
	    O_CREAT | O_CLOEXEC, 0666), data, len);
}

int
file_write_keeping(const char *path, const char *prev, const char *data,
    size_t len)
{
	const char *leaf, *pleaf;
	int dir = beneath_dir(path, &leaf), rc = -1;

	if (dir == -1)
		return -1;
	pleaf = prev + (leaf - path);	/* beside it, spelled alike */
	if (file_write_in_place_at(dir, pleaf, prev, data, len) != 0)
		goto done;
	if ((rc = renameat2(dir, pleaf, dir, leaf, RENAME_EXCHANGE)) == 0)
		goto done;
	/* No file at path yet, or a file system that cannot swap. */
	if (errno == ENOENT || errno == EINVAL || errno == ENOSYS)
		rc = renameat(dir, pleaf, dir, leaf);
done:
	beneath_done(dir);
	return rc;
}

int
file_write_if_changed(const char *path, const char *data, size_t len)
{
	return file_write_if_changed_mode(path, data, len, 0666);
}

int
file_holds(const char *path, const char *data, size_t len)
{
	size_t oldlen;
	char *old = file_read(path, &oldlen);
	int same = old && oldlen == len && memcmp(old, data, len) == 0;

	free(old);
	return same;
}

int
file_write_if_changed_mode(const char *path, const char *data, size_t len,
    unsigned mode)
{
	if (file_holds(path, data, len))
		return 0;
	return file_write_atomic_mode(path, data, len, mode) == 0 ? 1 : -1;
}

/* mkdir_p of a path outside the build directory (beneath.h). */
static int
mkdir_plain(const char *path)
{
	char *p, *s;
	struct stat st;

	/* Most directories exist, or lack only the last part. */
	if (mkdir(path, 0777) == 0)
		return 0;
	if (errno == EEXIST)
		return stat(path, &st) == 0 && S_ISDIR(st.st_mode) ? 0 :
		    (errno = ENOTDIR, -1);
	if (errno != ENOENT)
		return -1;
	p = xstrdup(path);
	for (s = p + 1; *s; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		if (mkdir(p, 0777) != 0 && errno != EEXIST) {
			int e = errno;

			free(p);
			errno = e;
			return -1;
		}
		*s = '/';
	}
	free(p);
	if (mkdir(path, 0777) != 0 && errno != EEXIST)
		return -1;
	return 0;
}

/* Below the build directory, each part is made in its parent open on a
 * descriptor, and one that exists must be a directory, not a link. */
int
mkdir_p(const char *path)
{
	const char *leaf;
	struct stat st;
	size_t n = strlen(path);
	int dir, rc;

	if (n > 1 && path[n - 1] == '/') {	/* "out/tests/u/" */
		char *bare = xstrndup(path, n - 1);

		rc = mkdir_p(bare);
		free(bare);
		return rc;
	}
	if ((dir = beneath_dir(path, &leaf)) == AT_FDCWD)
		return mkdir_plain(path);
	if (dir == -1) {
		char *up = path_dirname(path);

		rc = errno == ENOENT && strcmp(up, path) ? mkdir_p(up) : -1;
		free(up);
		if (rc != 0 || (dir = beneath_dir(path, &leaf)) == -1)
			return -1;
	}
	rc = mkdirat(dir, leaf, 0777);
	if (rc != 0 && errno == EEXIST) {
		if (fstatat(dir, leaf, &st, AT_SYMLINK_NOFOLLOW) != 0)
			rc = -1;
		else if (S_ISLNK(st.st_mode))
			beneath_refuse_link(dir, leaf, path);
		else
			rc = S_ISDIR(st.st_mode) ? 0 : (errno = ENOTDIR, -1);
	}
	beneath_done(dir);
	return rc;
}

int
file_unlink(const char *path)
{
	const char *leaf;
	int dir = beneath_dir(path, &leaf), rc;

	if (dir == -1)
		return -1;
	rc = unlinkat(dir, leaf, 0);
	beneath_done(dir);
	return rc;
}

int
file_rename(const char *from, const char *to)
{
	const char *fleaf, *tleaf;
	int fdir = beneath_dir(from, &fleaf), tdir, rc = -1;

	if (fdir == -1)
		return -1;
	if ((tdir = beneath_dir(to, &tleaf)) != -1)
		rc = renameat(fdir, fleaf, tdir, tleaf);
	beneath_done(fdir);
	beneath_done(tdir);
	return rc;
}

void
file_remove_at(int dirfd, const char *name)
{
	struct dirent *e;
	DIR *d;
	int fd;

	if (unlinkat(dirfd, name, 0) == 0 || (errno != EISDIR &&
	    errno != EPERM))
		return;
	fd = openat(dirfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
	    O_CLOEXEC);
	if (fd < 0)
		return;
	if (!(d = fdopendir(fd))) {
		close(fd);
		return;
	}
	while ((e = readdir(d)))
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
			file_remove_at(fd, e->d_name);
	closedir(d);
	unlinkat(dirfd, name, AT_REMOVEDIR);
}

void
file_remove_tree(const char *path)
{
	const char *leaf;
	int dir = beneath_dir(path, &leaf);

	if (dir == -1)
		return;
	file_remove_at(dir, leaf);
	beneath_done(dir);
}
