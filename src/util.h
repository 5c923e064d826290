/* util.h - memory, strings, paths and atomic files shared by every program.
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
 * inside the hook exits at once (_exit), without calling it again. */
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
/* Append, formatted from a va_list. */
void buf_vprintf(struct buf *b, const char *fmt, va_list ap);
/* Empty the buffer but keep its storage. */
void buf_reset(struct buf *b);
/* Release the storage. */
void buf_free(struct buf *b);
/* Hand the string to the caller and leave the buffer empty. */
char *buf_steal(struct buf *b);

/* The monotonic clock in milliseconds, for deadlines and durations. */
int64_t now_ms(void);
/* The wall clock: milliseconds since the epoch, for timelines. */
long long epoch_ms(void);
/* 64-bit FNV-1a, continued from h (start with FNV_OFFSET). */
#define FNV_OFFSET UINT64_C(0xcbf29ce484222325)
uint64_t fnv1a(uint64_t h, const void *p, size_t n);

/* Join two path parts; an absolute b or an empty a gives b alone. The
 * result is lexically normalised ("a/./b" -> "a/b", "a/x/../b" -> "a/b"). */
char *path_join(const char *a, const char *b);
/* Lexically normalise a path; "" becomes ".". */
char *path_normalize(const char *p);
/* Directory part of a path ("." when there is none). */
char *path_dirname(const char *p);
/* Absolute, symlink-free form of an existing directory; dies on error. */
char *path_realdir(const char *dir);
/* Relative path from directory `from` to `to` (both absolute, normalised). */
char *path_relative(const char *from, const char *to);
/* The program prog as execvp finds it, but through the search path given
 * (a PATH value) rather than the process's own: prog itself when it holds
 * a slash, else the first executable regular file in a directory of path
 * (a relative one, and an empty one as ".", taken from cwd when cwd is
 * not NULL). Returns it allocated, or NULL with errno EACCES when a file
 * of that name was found but none can be run (a directory, a file without
 * x), else ENOENT. */
char *path_search(const char *prog, const char *path, const char *cwd);

/* Read a whole file; returns NULL (errno set) when it cannot be read. */
char *file_read(const char *path, size_t *len);
/* Write data to path through a temp file in the same directory and rename;
 * returns 0, or -1 with errno set (the temp file is removed). */
int file_write_atomic(const char *path, const char *data, size_t len);
/* Like file_write_atomic, with the file created with mode (less the
 * umask): 0777 for a script. */
int file_write_atomic_mode(const char *path, const char *data, size_t len,
    unsigned mode);
/* Write data over path in place, growing or cutting it to size: not
 * atomic, for a file no reader looks at until it is renamed. 0 or -1. */
int file_write_in_place(const char *path, const char *data, size_t len);
/* Like file_write_atomic, for a file rewritten again and again: the data
 * goes into prev first, then path and prev swap names, so that readers of
 * path see the old or the new content whole and prev holds the one before. */
int file_write_keeping(const char *path, const char *prev, const char *data,
    size_t len);
/* Whether the file at path holds exactly data (0 when it cannot be read). */
int file_holds(const char *path, const char *data, size_t len);
/* Like file_write_atomic, but leaves the file alone when it already holds
 * exactly this data. Returns 1 when written, 0 when unchanged, -1 on error. */
int file_write_if_changed(const char *path, const char *data, size_t len);
/* Like file_write_if_changed, with the mode of file_write_atomic_mode. */
int file_write_if_changed_mode(const char *path, const char *data, size_t len,
    unsigned mode);
/* Create a directory and its parents (mode 0777 & ~umask); 0 or -1. */
int mkdir_p(const char *path);

#endif
