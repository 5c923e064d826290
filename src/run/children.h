/* children.h - the children of a run (the simulator and the test, or a
 * compile): each one recorded as it starts, so that a later run can end
 * it if this one is killed (pidrecord_open), and all stopped together as
 * the run ends for any reason (timeout, log limit, interrupt, a fatal
 * error): each child's process group in order (proc_stop), then whatever
 * is left of the tree (proc_kill_all). */
#ifndef COSIM_CHILDREN_H
#define COSIM_CHILDREN_H

#include <stdint.h>
#include "proc.h"
#include "util.h"

/* Start c as s says and record it; one that cannot start is fatal
 * ("cannot start the WHAT"). A command that cannot be run is no failure
 * here: it shows in c->exec_errno. */
void children_start(struct child *c, const struct spawn *s, const char *what);
/* Stop cs[0..n) in order, each with grace_ms, then kill what is left and
 * add its count to *killed. A terminating signal that arrives meanwhile
 * is returned (else 0); the children after it get no grace. */
int children_stop(struct child **cs, int n, int64_t grace_ms, int *killed);
/* Append how the child who ended, in the one phrasing of the launcher:
 * "WHO could not start: ERR", "WHO killed by signal N (NAME)" (sig, which
 * the caller may take from a shell's 128+n) or "WHO exited with status
 * N"; with when (e.g. "before it was ready"), "WHO was killed ... WHEN"
 * and "WHO exited with status N WHEN". */
void children_describe(struct buf *b, const char *who, const struct child *c,
    int sig, const char *when);

#endif
