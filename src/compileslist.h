/* compileslist.h - <builddir>/compiles.list, which cosimgen writes
 * (recipe.c) and cosim-run --compile (compile.h) and the report
 * (compiles.c) read: a line per compile, "ID TIMEOUT_MS GRACE_MS
 * DESIGN...", without designs for the bridge's VPI module. */
#ifndef COSIM_COMPILESLIST_H
#define COSIM_COMPILESLIST_H

#include <stddef.h>
#include <stdint.h>
#include "util.h"

struct compiles_line {
	const char *id;		/* id_len bytes, not NUL-ended */
	size_t id_len;
	int64_t timeout, grace;	/* ms */
	const char *names;	/* the designs, as the line has them; NULL
				 * when none follow */
};

/* Append the line of compile id: its limits (ms) and the designs it
 * builds (NULL: none). */
void compileslist_put(struct buf *b, const char *id, int64_t timeout,
	int64_t grace, const char *names);
/* Parse one line (without its newline) into cl, which points into it;
 * 0, or -1 when it is malformed. */
int compileslist_parse(const char *line, struct compiles_line *cl);

#endif
