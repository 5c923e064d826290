/* kvfile.h - the line format of every file that crosses a process boundary:
 * spec files (cosimgen -> cosim-run), result files (cosim-run -> cosimgen
 * report) and compile specs.
 *
 * A file is a magic line ("cosim-spec 1"), then one "KEY VALUE" line per
 * entry: KEY is [a-z_]+, one space, then the value with '\\', newline and
 * carriage return written as \\ \n \r (escape.h), so lines have no length
 * limit and any byte but NUL survives a round trip. A key may repeat (list
 * items, in order). Unknown keys are kept, so older readers skip newer keys.
 *
 * Spec keys: name, design, simulator, sim, vpi, run, ready, pty, command,
 * srcdir, builddir, dir, timeout, startup_timeout, idle_timeout,
 * kill_grace (ms), log_limit (bytes),
 * seed, plusarg*, env*, file*, resource*, retries, fixture*,
 * max_failures, fail_pattern*,
 * warn_pattern*, pass_pattern*, skip_pattern*, default_patterns, disabled,
 * expect. Paths are relative to the directory build.ninja is in.
 *
 * Compile spec keys (COMPILE_MAGIC, <builddir>/designs/HASH/spec and
 * <builddir>/vpi/spec, read by cosim-run --compile): id (the directory
 * relative to builddir), builddir, dir, output, command, deps_make or
 * deps_lines (what the compiler says it read), depfile. Its limits are in
 * <builddir>/compiles.list (compile.h), not an input of the compile.
 *
 * Fixture spec keys (FIXTURE_MAGIC, <builddir>/fixtures/NAME/spec): name,
 * setup, cleanup, srcdir, builddir, templates, dir, timeout, kill_grace
 * (ms), env*. */
#ifndef COSIM_KVFILE_H
#define COSIM_KVFILE_H

#include <stddef.h>
#include <stdint.h>
#include "util.h"

#define SPEC_MAGIC "cosim-spec 1"
#define RESULT_MAGIC "cosim-result 1"
#define COMPILE_MAGIC "cosim-compile 1"
#define FIXTURE_MAGIC "cosim-fixture 1"

struct kvfile {
	char *magic;
	size_t n;
	char **keys;
	char **vals;
	char *data;	/* storage for keys and values */
};

/* Start a file with its magic line. */
void kv_begin(struct buf *b, const char *magic);
/* Append one KEY VALUE line. */
void kv_put(struct buf *b, const char *key, const char *value);
/* Append one KEY VALUE line, the value formatted. */
void kv_putf(struct buf *b, const char *key, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Append one KEY VALUE line with an integer value (no printf: hot). */
void kv_putint(struct buf *b, const char *key, long long v);
/* Parse text (modified in place and owned by s from then on). Returns 0,
 * or -1 when the magic line differs or a line is malformed (*line set). */
int kv_parse(struct kvfile *s, char *text, const char *magic, size_t *line);
/* Read and parse a file; -1 with errno set (EINVAL: malformed). */
int kv_read(struct kvfile *s, const char *path, const char *magic);
/* The first value of key, or NULL. */
const char *kv_get(const struct kvfile *s, const char *key);
/* The first value of key; a spec without it is fatal (cosimgen writes
 * every key its reader needs). */
const char *kv_need(const struct kvfile *s, const char *key);
/* The first value of key as an integer (ms, bytes), 0 when absent. */
int64_t kv_int(const struct kvfile *s, const char *key);
/* The value after index *i of key (start with *i = 0); NULL at the end. */
const char *kv_next(const struct kvfile *s, const char *key, size_t *i);
/* Release a parsed spec. */
void kv_free(struct kvfile *s);

#endif
