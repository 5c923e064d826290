/* treesignal.h - a signal that cosim-run got from a process of its own
 * tree: the test or the compile it runs misbehaved. Such a signal is
 * never taken for an interrupt (proc.h reports it here). The run went on;
 * its verdict becomes an error that says who sent what, and keeps the
 * verdict it would have had. Only a sender that still exists, or a child
 * the launcher started, can be traced: a signal from a process already
 * gone counts as one from outside. */
#ifndef COSIM_TREESIGNAL_H
#define COSIM_TREESIGNAL_H

#include <sys/types.h>
#include "result.h"
#include "util.h"

/* Remember a child the launcher started, to trace a signal from it once
 * it is reaped. */
void treesignal_spawned(pid_t pid);
/* A terminating signal signo from pid: when pid is of the run's own tree,
 * note the first such one (with the sender's command name) and return 1;
 * else 0, an interrupt from outside. */
int treesignal_note(long pid, int signo);

/* When such a signal came and *status is not STATUS_INTERRUPTED, turn
 * *status into STATUS_ERROR and reason into "WHO sent cosim-run signal N
 * (NAME) from pid P (COMM)RULE (WENT on: STATUS: REASON)"; returns 1
 * then, else 0.
 * Told once: a later call (a verdict made again) changes nothing. */
int treesignal_judge(enum status *status, struct buf *reason, const char *who,
	const char *rule, const char *went);

#endif
