/* util.c - see util.h. */
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
static int dying;	/* fatal() is under way: a second one exits at once */

void
fatal_hook(void (*hook)(const char *msg))
{
	fatal_hook_fn = hook;
	dying = 0;
}

void
fatal(int errnum, const char *fmt, ...)
{
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
buf_putint(struct buf *b, long long v)
{
	char digits[24], *p = digits + sizeof digits;
	unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v :
	    (unsigned long long)v;

	*--p = '\0';
	do
		*--p = (char)('0' + u % 10);
	while ((u /= 10) > 0);
	if (v < 0)
		*--p = '-';
	buf_puts(b, p);
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

size_t
utf8_cut(const char *s, size_t n)
{
	size_t k;

	/* back from s[n] over continuation bytes (10xxxxxx), at most the
	 * 3 a character has, to the byte that begins it */
	for (k = 0; k < 3 && k < n; k++)
		if (((unsigned char)s[n - k] & 0xc0) != 0x80)
			break;
	return ((unsigned char)s[n - k] & 0xc0) == 0x80 ? n : n - k;
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

const char *
host_name(void)
{
	static char name[256];

	/* one lookup a process: the name does not change under a run */
	if (!name[0] && gethostname(name, sizeof name - 1) != 0)
		name[0] = '\0';
	return name;
}
