/* treesignal.h - a signal that cosim-run got from a process of its own
 * tree (see proc_tree_signal in proc.h): the test or the compile it runs
 * misbehaved. The run went on; its verdict becomes an error that says who
 * sent what, and keeps the verdict it would have had. */
#ifndef COSIM_TREESIGNAL_H
#define COSIM_TREESIGNAL_H

#include "util.h"

/* When such a signal came and *status is not "interrupted", turn *status
 * into "error" and reason into "WHO sent cosim-run signal N (NAME) from
 * pid P (COMM)RULE (WENT on: STATUS: REASON)"; returns 1 then, else 0.
 * Told once: a later call (a verdict made again) changes nothing. */
int treesignal_judge(const char **status, struct buf *reason, const char *who,
	const char *rule, const char *went);

#endif
