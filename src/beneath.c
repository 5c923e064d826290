/* beneath.c - see beneath.h. */
#define _GNU_SOURCE	/* O_PATH, syscall */
#include "beneath.h"
#include "util.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/openat2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

static int rootfd = -1;
static char *root;	/* as the spec spells it, without a leading "./"
			 * or a trailing slash */
static size_t rootlen;
static char *realroot;	/* its real path, once an absolute path asks */

/* path without its leading "./" parts: "./out/x" is "out/x". */
static const char *
plain(const char *path)
{
	while (path[0] == '.' && path[1] == '/') {
		path++;
		while (*path == '/')
			path++;
	}
	return path;
}

void
beneath_root(const char *dir)
{
	size_t n;

	if (rootfd >= 0)
		close(rootfd);
	free(root);
	free(realroot);
	root = realroot = NULL;
	rootfd = -1;
	if (!dir)
		return;
	dir = plain(dir);
	n = strlen(dir);
	while (n > 1 && dir[n - 1] == '/')
		n--;
	root = n ? xstrndup(dir, n) : xstrdup(".");
	rootlen = n;
	/* the root itself may be a link: followed, once, here */
	rootfd = open(root, O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (rootfd < 0)
		fatal(errno, "cannot open the build directory %s", root);
}

/* The part of path after the directory pre (len bytes), "." for pre
 * itself, or NULL when path is not under pre. */
static const char *
after(const char *path, const char *pre, size_t len)
{
	const char *q = path + len;

	if (strncmp(path, pre, len) != 0)
		return NULL;
	if (len && *q && *q != '/' && pre[len - 1] != '/')
		return NULL;	/* "out2" is not under "out" */
	while (*q == '/')
		q++;
	return *q ? q : ".";
}

/* The root's real path: the kernel's name of the descriptor, or
 * realpath's where /proc is not mounted. NULL when neither knows. */
static const char *
real_root(void)
{
	char proc[64], buf[PATH_MAX];
	ssize_t n;

	if (realroot)
		return realroot;
	snprintf(proc, sizeof proc, "/proc/self/fd/%d", rootfd);
	if ((n = readlink(proc, buf, sizeof buf - 1)) > 0 && buf[0] == '/') {
		buf[n] = '\0';
		realroot = xstrdup(buf);
	} else {
		realroot = realpath(root, NULL);
	}
	return realroot;
}

/* Whether rel has a ".." component. */
static int
climbs(const char *rel)
{
	const char *c;

	for (c = rel; *c; c += strcspn(c, "/"), c += strspn(c, "/"))
		if (c[0] == '.' && c[1] == '.' && (!c[2] || c[2] == '/'))
			return 1;
	return 0;
}

/* The part of path below the root, or NULL when it is not below it (or
 * no root is set). A relative root "." holds every relative path. A
 * path with a ".." component is not taken as below the root: no caller
 * spells one, and where it leads would need its links followed. */
static const char *
below(const char *path)
{
	const char *rel = NULL, *real, *p = path[0] == '/' ? path :
	    plain(path);

	if (rootfd < 0)
		return NULL;
	if (!strcmp(root, "."))
		rel = p[0] == '/' ? NULL : after(p, "", 0);
	else
		rel = after(p, root, rootlen);
	if (!rel && path[0] == '/' && (real = real_root()))
		rel = after(path, real, strlen(real));
	return rel && climbs(rel) ? NULL : rel;
}

/* openat2 of rel below the root, no link followed anywhere on the way:
 * ELOOP for a link, EXDEV for a way out (".."), ENOSYS for an old
 * kernel. */
static int
open_below(const char *rel, int flags, mode_t mode)
{
	static int none;	/* the kernel has no openat2 */
	struct open_how how;
	long fd;

	if (none) {
		errno = ENOSYS;
		return -1;
	}
	memset(&how, 0, sizeof how);
	how.flags = (unsigned)flags;
	/* O_TMPFILE holds O_DIRECTORY's bit: all of it is asked */
	if ((flags & O_CREAT) || (flags & O_TMPFILE) == O_TMPFILE)
		how.mode = mode;
	how.resolve = RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS;
	fd = syscall(SYS_openat2, rootfd, rel, &how, sizeof how);
	if (fd < 0 && errno == ENOSYS)
		none = 1;
	return (int)fd;
}

/* Whether a failed open_below calls for the walk: a link or a way out
 * to be told apart, or no openat2 (EPERM: one a seccomp filter denies;
 * EAGAIN: a rename raced it). */
static int
walk_needed(int e)
{
	return e == ELOOP || e == EXDEV || e == ENOSYS || e == EPERM ||
	    e == EAGAIN;
}

/* Die naming the first len bytes of path, a symbolic link. */
static void __attribute__((noreturn))
refuse(const char *path, size_t len)
{
	fatal(0, "%.*s is a symbolic link; cosim-run does not follow links "
	    "it did not make", (int)len, path);
}

void
beneath_refuse_link(int dirfd, const char *leaf, const char *path)
{
	struct stat st;

	if (fstatat(dirfd, leaf, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
	    S_ISLNK(st.st_mode))
		refuse(path, strlen(path));
}

/* The directory below the root holding the last component of rel,
 * opened one component at a time without following a link: one on the
 * way is fatal (path spells rel whole, for the message). *leaf is set to
 * the last component. Returns an O_PATH descriptor (the root's own for
 * a name in the root), or -1 with errno set. */
static int
walk(const char *path, const char *rel, const char **leaf)
{
	char name[NAME_MAX + 1];
	const char *c = rel, *end;
	int fd = rootfd, next, e;
	size_t n;

	for (;; c = end) {
		while (*c == '/')
			c++;
		end = c + strcspn(c, "/");
		if (!end[strspn(end, "/")])
			break;		/* the last component */
		if ((n = (size_t)(end - c)) == 1 && c[0] == '.')
			continue;
		if (n > NAME_MAX) {
			errno = ENAMETOOLONG;
			goto fail;
		}
		memcpy(name, c, n);
		name[n] = '\0';
		if (!strcmp(name, "..")) {
			errno = EXDEV;	/* as openat2 says it */
			goto fail;
		}
		next = openat(fd, name, O_PATH | O_DIRECTORY | O_NOFOLLOW |
		    O_CLOEXEC);
		if (next < 0) {
			struct stat st;

			e = errno;
			if (fstatat(fd, name, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
			    S_ISLNK(st.st_mode))
				refuse(path, (size_t)(end - path));
			errno = e;
			goto fail;
		}
		beneath_done(fd);
		fd = next;
	}
	*leaf = c;
	return fd;
fail:
	beneath_done(fd);
	return -1;
}

int
beneath_openat(int dirfd, const char *leaf, const char *path, int flags,
    mode_t mode)
{
	int fd;

	if (dirfd == AT_FDCWD)
		return openat(dirfd, leaf, flags, mode);
	if ((fd = openat(dirfd, leaf, flags | O_NOFOLLOW, mode)) >= 0)
		return fd;
	/* ELOOP, or EEXIST with O_EXCL */
	if ((flags & O_CREAT) && beneath_unlink_link(dirfd, leaf, path))
		return openat(dirfd, leaf, flags | O_NOFOLLOW, mode);
	if (flags & O_DIRECTORY)
		beneath_refuse_link(dirfd, leaf, path);
	return -1;
}

int
beneath_open(const char *path, int flags, mode_t mode)
{
	const char *rel = below(path), *leaf;
	int fd, dir;

	if (!rel)
		return open(path, flags, mode);
	if ((fd = open_below(rel, flags, mode)) >= 0 || !walk_needed(errno))
		return fd;
	if ((dir = walk(path, rel, &leaf)) < 0)
		return -1;
	fd = beneath_openat(dir, leaf, path, flags, mode);
	beneath_done(dir);
	return fd;
}

int
beneath_open_dir(const char *path)
{
	return beneath_open(path, O_PATH | O_DIRECTORY | O_CLOEXEC, 0);
}

int
beneath_dir(const char *path, const char **leaf)
{
	const char *rel = below(path), *slash;
	size_t n;
	char *dir;
	int fd;

	*leaf = path;
	if (!rel || !strcmp(rel, "."))
		return AT_FDCWD;	/* the root itself, as before */
	/* the last component ends before any trailing slash (which stays
	 * in *leaf) */
	for (n = strlen(rel); n > 1 && rel[n - 1] == '/'; n--)
		;
	for (slash = rel + n - 1; slash > rel && *slash != '/'; slash--)
		;
	if (*slash != '/') {
		*leaf = rel;
		return rootfd;
	}
	dir = xstrndup(rel, (size_t)(slash - rel));
	fd = open_below(dir, O_PATH | O_DIRECTORY | O_CLOEXEC, 0);
	free(dir);
	if (fd >= 0) {
		*leaf = slash + 1;
		return fd;
	}
	if (!walk_needed(errno))
		return -1;
	return walk(path, rel, leaf);
}

void
beneath_done(int dirfd)
{
	int e = errno;

	if (dirfd >= 0 && dirfd != rootfd)
		close(dirfd);
	errno = e;
}

int
beneath_unlink_link(int dirfd, const char *leaf, const char *path)
{
	struct stat st;

	if (fstatat(dirfd, leaf, &st, AT_SYMLINK_NOFOLLOW) != 0 ||
	    !S_ISLNK(st.st_mode) || unlinkat(dirfd, leaf, 0) != 0)
		return 0;
	fprintf(stderr, "%s: removed the symbolic link %s: cosim-run does "
	    "not follow links it did not make\n", progname, path);
	return 1;
}

/* beneath_unlink_links of the directory open on fd (path names it);
 * fd is closed. */
static void
unlink_links_in(int fd, const char *path)
{
	DIR *d = fdopendir(fd);
	struct dirent *e;
	struct stat st;
	char *sub;
	int subfd, type;

	if (!d) {
		close(fd);
		return;
	}
	while ((e = readdir(d))) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		type = e->d_type;
		if (type == DT_UNKNOWN)	/* a file system without d_type */
			type = fstatat(dirfd(d), e->d_name, &st,
			    AT_SYMLINK_NOFOLLOW) != 0 ? DT_UNKNOWN :
			    S_ISLNK(st.st_mode) ? DT_LNK :
			    S_ISDIR(st.st_mode) ? DT_DIR : DT_REG;
		if (type != DT_LNK && type != DT_DIR)
			continue;
		sub = xasprintf("%s/%s", path, e->d_name);
		if (type == DT_LNK)
			beneath_unlink_link(dirfd(d), e->d_name, sub);
		else if ((subfd = openat(dirfd(d), e->d_name, O_RDONLY |
		    O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)) >= 0)
			unlink_links_in(subfd, sub);
		free(sub);
	}
	closedir(d);
}

void
beneath_unlink_links(const char *path)
{
	int fd = beneath_open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);

	if (fd < 0)
		fatal(errno, "cannot open %s", path);
	unlink_links_in(fd, path);
}

char *
beneath_abs(const char *path)
{
	const char *rel = below(path), *real;

	if (!rel || !(real = real_root()))
		return NULL;
	if (!strcmp(rel, "."))
		return xstrdup(real);
	return xasprintf("%s%s%s", real, strcmp(real, "/") ? "/" : "", rel);
}
