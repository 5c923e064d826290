/* compileslist.h - <builddir>/compiles.list, which cosimgen writes
 * (recipe.c) and cosim-run --compile (compile.h) and the report
 * (compiles.c) read: a line per compile, "ID TIMEOUT_MS GRACE_MS
 * [jobs=N] DESIGN...", without designs for the bridge's VPI module and
 * Verilator's runtime. jobs=N (a Verilator compile: how many jobs its
 * make may run, COSIM_COMPILE_JOBS) cannot be a design's name, which
 * holds no '='; a line without it (an older cosimgen) means 1. */
#ifndef COSIM_COMPILESLIST_H
#define COSIM_COMPILESLIST_H

#include <stddef.h>
#include <stdint.h>
#include "util.h"

struct compiles_line {
	const char *id;		/* id_len bytes, not NUL-ended */
	size_t id_len;
	int64_t timeout, grace;	/* ms */
	int64_t jobs;		/* 0: not given */
	const char *names;	/* the designs, as the line has them; NULL
				 * when none follow */
};

/* Append the line of compile id: its limits (ms), its jobs (0: none
 * given) and the designs it builds (NULL: none). */
void compileslist_put(struct buf *b, const char *id, int64_t timeout,
	int64_t grace, int64_t jobs, const char *names);
/* Parse one line (without its newline) into cl, which points into it;
 * 0, or -1 when it is malformed. */
int compileslist_parse(const char *line, struct compiles_line *cl);

#endif
