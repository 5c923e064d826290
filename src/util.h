/* util.h - memory, strings, messages and time, shared by every program
 * (paths are in path.h, files in file.h).
 *
 * Memory policy: cosimgen, cosim-run and cosimgen report are short batch
 * programs. What lives as long as the program (the manifest and the
 * model, a spec or result read at the start, the state of a run, the
 * diagnostics) hangs from a static root, a file-scope variable, until
 * exit, and is never freed: the exit frees it, and a leak checker sees it
 * still in use. Each of those is owned by the structure that holds it, and
 * a pointer into one is a borrow that the holder outlives. Everything else
 * (a path built for one call, a formatted line, an argv built for a child,
 * the report's entries) is a temporary: the function that made it frees
 * it before it returns, or hands it on, as its return value (its header
 * says the caller gets it) or stored into a structure that lives on; a
 * fatal error ends the process at once (_exit, after its hook and a flush
 * of stdio), leaving the temporaries of the functions still running to
 * the exit. So `make check-asan` finds no leak. The allocators below
 * die on exhaustion and on overflow, never return NULL. */
#ifndef COSIM_UTIL_H
#define COSIM_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* A growable byte string; always NUL-terminated once anything was added. */
struct buf {
	char *s;
	size_t len, cap;
};

/* Print "PROG: message" (with errno text when errnum != 0), call the
 * fatal hook, and end the process with fatal_status (at once: _exit). */
void fatal(int errnum, const char *fmt, ...)
	__attribute__((noreturn, format(printf, 2, 3)));
/* Print "PROG: warning: message" (with errno text when errnum != 0) and
 * go on: for problems of the environment that need not stop the program. */
void warn(int errnum, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Name used as the prefix of fatal messages and warnings. */
extern const char *progname;
/* Set the function fatal() calls once, with its message, before it exits:
 * the launcher stops its children and leaves a result there. A fatal()
 * inside the hook exits at once (_exit), without calling it again.
 * Setting a hook arms it again: a hook that leaves fatal() by longjmp
 * (the fuzz targets, fuzz/) sets it anew for the next one. */
void fatal_hook(void (*hook)(const char *msg));
/* Exit status of fatal() (1; the launcher uses 125, as timeout(1) does). */
extern int fatal_status;

/* Allocators that die on exhaustion rather than return NULL. */
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
/* Resize p to n elements of size bytes; dies when n * size overflows. */
void *xreallocarray(void *p, size_t n, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* Allocate a formatted string. */
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Append to a buffer. */
void buf_add(struct buf *b, const char *s, size_t n);
void buf_puts(struct buf *b, const char *s);
void buf_putc(struct buf *b, int c);
void buf_printf(struct buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Append a decimal integer (no printf: hot). */
void buf_putint(struct buf *b, long long v);
/* Append, formatted from a va_list. */
void buf_vprintf(struct buf *b, const char *fmt, va_list ap);
/* Empty the buffer but keep its storage. */
void buf_reset(struct buf *b);
/* Release the storage. */
void buf_free(struct buf *b);
/* Hand the string to the caller and leave the buffer empty. */
char *buf_steal(struct buf *b);

/* Where to cut s, which holds more than n bytes, to keep at most n bytes
 * and split no UTF-8 character: n, or less by the bytes of the character
 * the byte s[n] continues (by at most 3: s need not be valid UTF-8). */
size_t utf8_cut(const char *s, size_t n);

/* The monotonic clock in milliseconds, for deadlines and durations. */
int64_t now_ms(void);
/* The wall clock: milliseconds since the epoch, for timelines. */
long long epoch_ms(void);
/* This machine's name (gethostname), as results and process records
 * name it; "" when it has none. */
const char *host_name(void);
/* 64-bit FNV-1a, continued from h (start with FNV_OFFSET). */
#define FNV_OFFSET UINT64_C(0xcbf29ce484222325)
uint64_t fnv1a(uint64_t h, const void *p, size_t n);

#endif
