/* ninjacall.h - what `cosimgen run` needs of ninja: the top variables of
 * the graph cosimgen wrote, and ninja run as a child, its output
 * captured or not, while an interrupt is left to ninja. */
#ifndef COSIM_NINJACALL_H
#define COSIM_NINJACALL_H

#include "util.h"

/* The top of a graph: the values of its top-level variables. */
struct graph {
	const char *file;	/* as named: build.ninja, or -f FILE */
	char *builddir;		/* `builddir`, unescaped */
	char *history;		/* the run history: `q_history` unescaped and
				 * unquoted, else BUILDDIR/history */
};

/* Read the top-level variables of the ninja file g->file that `cosimgen
 * run` uses. Returns 0; -1 after printing why (no file, not one cosimgen
 * wrote). */
int graph_read(struct graph *g);
/* Run argv (argv[0] found on PATH) and wait for it; with out, its stdout
 * goes into out. SIGINT and SIGQUIT reach the child (the terminal sends
 * them to both) and this process goes on to learn how the child ended.
 * Returns the exit status, 128 + the signal that ended it, or 127 when
 * it could not start (after saying why). */
int ninja_call(char *const *argv, struct buf *out);
/* Whether an interrupt (SIGINT, SIGQUIT, SIGTERM) arrived during a
 * ninja_call. */
int ninja_interrupted(void);

#endif
