/* util.c - see util.h. */
#define _GNU_SOURCE	/* renameat2 */
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

const char *progname = "cosimgen";
int fatal_status = 1;
static void (*fatal_hook_fn)(const char *msg);

void
fatal_hook(void (*hook)(const char *msg))
{
	fatal_hook_fn = hook;
}

void
fatal(int errnum, const char *fmt, ...)
{
	static int dying;
	char msg[512];
	va_list ap;

	fflush(stdout);
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (errnum) {
		size_t n = strlen(msg);

		snprintf(msg + n, sizeof msg - n, ": %s", strerror(errnum));
	}
	fprintf(stderr, "%s: %s\n", progname, msg);
	/* a fatal inside the hook ends the process at once: the hook runs
	 * once, and exit() is never entered twice */
	if (dying) {
		fflush(NULL);
		_exit(fatal_status);
	}
	dying = 1;
	if (fatal_hook_fn)
		fatal_hook_fn(msg);
	/* at once: the temporaries of the functions still running are left
	 * to the exit, so a leak checker has nothing to say of them */
	fflush(NULL);
	_exit(fatal_status);
}

void
warn(int errnum, const char *fmt, ...)
{
	va_list ap;

	fflush(stdout);
	fprintf(stderr, "%s: warning: ", progname);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	if (errnum)
		fprintf(stderr, ": %s", strerror(errnum));
	fputc('\n', stderr);
}

void *
xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (!p)
		fatal(errno, "malloc");
	return p;
}

void *
xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (!p)
		fatal(errno, "calloc");
	return p;
}

void *
xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p)
		fatal(errno, "realloc");
	return p;
}

void *
xreallocarray(void *p, size_t n, size_t size)
{
	if (size && n > SIZE_MAX / size) {
		errno = ENOMEM;
		fatal(errno, "realloc");
	}
	return xrealloc(p, n * size);
}

char *
xstrndup(const char *s, size_t n)
{
	char *d = xmalloc(n + 1);

	memcpy(d, s, n);
	d[n] = '\0';
	return d;
}

char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *
xasprintf(const char *fmt, ...)
{
	struct buf b = {0};
	va_list ap;

	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	return buf_steal(&b);
}

static void
buf_grow(struct buf *b, size_t extra)
{
	size_t need = b->len + extra + 1;

	if (need <= b->cap)
		return;
	if (b->cap == 0)
		b->cap = 64;
	while (b->cap < need)
		b->cap *= 2;
	b->s = xrealloc(b->s, b->cap);
}

void
buf_add(struct buf *b, const char *s, size_t n)
{
	buf_grow(b, n);
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

void
buf_puts(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

void
buf_putc(struct buf *b, int c)
{
	if (b->len + 2 > b->cap)
		buf_grow(b, 1);
	b->s[b->len++] = (char)c;
	b->s[b->len] = '\0';
}

void
buf_vprintf(struct buf *b, const char *fmt, va_list ap)
{
	va_list aq;
	int n;

	/* Try the room there is first: one pass in the common case. */
	if (b->cap - b->len < 64)
		buf_grow(b, 64);
	va_copy(aq, ap);
	n = vsnprintf(b->s + b->len, b->cap - b->len, fmt, aq);
	va_end(aq);
	if (n < 0)
		fatal(errno, "vsnprintf");
	if ((size_t)n >= b->cap - b->len) {
		buf_grow(b, (size_t)n);
		vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
	}
	b->len += (size_t)n;
}

void
buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	buf_vprintf(b, fmt, ap);
	va_end(ap);
}

void
buf_reset(struct buf *b)
{
	b->len = 0;
	if (b->s)
		b->s[0] = '\0';
}

void
buf_free(struct buf *b)
{
	free(b->s);
	b->s = NULL;
	b->len = b->cap = 0;
}

char *
buf_steal(struct buf *b)
{
	char *s = b->s ? b->s : xstrdup("");

	b->s = NULL;
	b->len = b->cap = 0;
	return s;
}

uint64_t
fnv1a(uint64_t h, const void *p, size_t n)
{
	const unsigned char *c = p;

	while (n--) {
		h ^= *c++;
		h *= UINT64_C(0x100000001b3);
	}
	return h;
}

int64_t
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

long long
epoch_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

char *
path_normalize(const char *p)
{
	struct buf out = {0};
	size_t *starts = NULL, depth = 0, cap = 0, ups = 0;
	int abs = p[0] == '/';
	const char *s = p;

	/* Components are pushed with their start offset so ".." can pop one;
	 * leading ".." of a relative path are kept. */
	if (abs)
		buf_putc(&out, '/');
	while (*s) {
		const char *e;
		size_t n;

		while (*s == '/')
			s++;
		if (!*s)
			break;
		e = strchr(s, '/');
		n = e ? (size_t)(e - s) : strlen(s);
		if (n == 1 && s[0] == '.') {
			/* skip */
		} else if (n == 2 && s[0] == '.' && s[1] == '.' && depth > ups) {
			depth--;
			out.len = starts[depth];
			out.s[out.len] = '\0';
		} else if (n == 2 && s[0] == '.' && s[1] == '.' && abs) {
			/* "/.." is "/" */
		} else {
			if (depth == cap) {
				cap = cap ? cap * 2 : 16;
				starts = xreallocarray(starts, cap, sizeof *starts);
			}
			starts[depth] = out.len;
			if (out.len && out.s[out.len - 1] != '/')
				buf_putc(&out, '/');
			if (n == 2 && s[0] == '.' && s[1] == '.')
				ups++;
			buf_add(&out, s, n);
			depth++;
		}
		s += n;
	}
	free(starts);
	if (out.len == 0)
		buf_putc(&out, '.');
	return buf_steal(&out);
}

char *
path_join(const char *a, const char *b)
{
	char *j, *r;

	if (b[0] == '/' || a[0] == '\0' || (a[0] == '.' && a[1] == '\0'))
		return path_normalize(b);
	j = xasprintf("%s/%s", a, b);
	r = path_normalize(j);
	free(j);
	return r;
}

char *
path_dirname(const char *p)
{
	const char *slash = strrchr(p, '/');

	if (!slash)
		return xstrdup(".");
	if (slash == p)
		return xstrdup("/");
	return xstrndup(p, (size_t)(slash - p));
}

char *
path_realdir(const char *dir)
{
	char *r = realpath(dir, NULL);

	if (!r)
		fatal(errno, "%s", dir);
	return r;
}

char *
path_relative(const char *from, const char *to)
{
	struct buf out = {0};
	size_t i = 0, common = 0;
	const char *rest;

	/* Find the longest common prefix ending at a component boundary. */
	while (from[i] && to[i] && from[i] == to[i]) {
		i++;
		if (from[i - 1] == '/')
			common = i;
	}
	if ((!from[i] || from[i] == '/') && (!to[i] || to[i] == '/'))
		common = i;
	for (rest = from + common; *rest; rest++) {
		if (*rest == '/')
			continue;
		buf_puts(&out, out.len ? "/.." : "..");
		while (rest[1] && rest[1] != '/')
			rest++;
	}
	rest = to + common;
	while (*rest == '/')
		rest++;
	if (*rest) {
		if (out.len)
			buf_putc(&out, '/');
		buf_puts(&out, rest);
	}
	if (!out.len)
		buf_putc(&out, '.');
	return buf_steal(&out);
}

char *
file_read(const char *path, size_t *len)
{
	struct buf b = {0};
	char chunk[65536];
	ssize_t n;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

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

int
file_write_atomic_mode(const char *path, const char *data, size_t len,
    unsigned mode)
{
	char *tmp = xasprintf("%s.%ld.tmp", path, (long)getpid());
	int fd, e;
	size_t off = 0;

	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, (mode_t)mode);
	if (fd < 0)
		goto fail_nofd;
	while (off < len) {
		ssize_t n = write(fd, data + off, len - off);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			goto fail;
		}
		off += (size_t)n;
	}
	if (close(fd) != 0) {
		fd = -1;
		goto fail;
	}
	if (rename(tmp, path) != 0) {
		fd = -1;
		goto fail;
	}
	free(tmp);
	return 0;
fail:
	e = errno;
	if (fd >= 0)
		close(fd);
	unlink(tmp);
	errno = e;
fail_nofd:
	e = errno;
	free(tmp);
	errno = e;
	return -1;
}

/* Nothing is freed or replaced, which on ext4 spares the flush that
 * replacing a file by rename starts and the freeing of the old file's
 * block: 20 us against 300 us. */
int
file_write_in_place(const char *path, const char *data, size_t len)
{
	int fd, e;
	size_t off = 0;

	fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC, 0666);
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

int
file_write_keeping(const char *path, const char *prev, const char *data,
    size_t len)
{
	if (file_write_in_place(prev, data, len) != 0)
		return -1;
	if (renameat2(AT_FDCWD, prev, AT_FDCWD, path, RENAME_EXCHANGE) == 0)
		return 0;
	/* No file at path yet, or a file system that cannot swap. */
	if (errno != ENOENT && errno != EINVAL && errno != ENOSYS)
		return -1;
	return rename(prev, path);
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

int
mkdir_p(const char *path)
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

char *
path_search(const char *prog, const char *path, const char *cwd)
{
	int denied = 0;

	if (!*prog) {
		errno = ENOENT;
		return NULL;
	}
	if (strchr(prog, '/'))
		return xstrdup(prog);
	for (;;) {
		size_t n = strcspn(path, ":");
		/* an empty entry is the current directory, as for execvp */
		char *dir = n ? xstrndup(path, n) : xstrdup(".");
		char *cand = dir[0] == '/' || !cwd ?
		    xasprintf("%s/%s", dir, prog) :
		    xasprintf("%s/%s/%s", cwd, dir, prog);
		struct stat st;
		int found;

		free(dir);
		found = stat(cand, &st) == 0;
		if (found && S_ISREG(st.st_mode) && access(cand, X_OK) == 0)
			return cand;
		/* as execve: a directory or a file it may not run is EACCES,
		 * and the search goes on */
		denied |= found || errno == EACCES;
		free(cand);
		if (!path[n])
			break;
		path += n + 1;
	}
	errno = denied ? EACCES : ENOENT;
	return NULL;
}
