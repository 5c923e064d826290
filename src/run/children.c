/* children.c - see children.h. */
#include "children.h"
#include "util.h"

#include <errno.h>

void
children_start(struct child *c, const struct spawn *s, const char *what)
{
	if (proc_spawn(c, s) != 0)
		fatal(errno, "cannot start the %s", what);
	if (c->pid)
		proc_record(c->pid);
}

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
