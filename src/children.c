/* children.c - see children.h. */
#include "children.h"

int
children_stop(struct child **cs, int n, int64_t grace_ms, int *killed)
{
	int i, sig, got = 0;

	for (i = 0; i < n; i++)
		if ((sig = proc_stop(cs[i], got ? 0 : grace_ms)) && !got)
			got = sig;	/* an interrupt: the rest at once */
	*killed += proc_kill_all();
	return got;
}
