/* children.h - the children of a run stopped together, as a run ends for
 * any reason (timeout, log limit, interrupt, a fatal error): each child's
 * process group in order (proc_stop), then whatever is left of the tree
 * (proc_kill_all). */
#ifndef COSIM_CHILDREN_H
#define COSIM_CHILDREN_H

#include <stdint.h>
#include "proc.h"

/* Stop cs[0..n) in order, each with grace_ms, then kill what is left and
 * add its count to *killed. A terminating signal that arrives meanwhile
 * is returned (else 0); the children after it get no grace. */
int children_stop(struct child **cs, int n, int64_t grace_ms, int *killed);

#endif
