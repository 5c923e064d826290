/* children.c - see children.h. */
#include "children.h"
#include "pidrecord.h"
#include "util.h"

#include <errno.h>
#include <string.h>

void
children_start(struct child *c, const struct spawn *s, const char *what)
{
	if (proc_spawn(c, s) != 0)
		fatal(errno, "cannot start the %s", what);
	if (c->pid)
		pidrecord_add(c->pid);
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

void
children_describe(struct buf *b, const char *who, const struct child *c,
    int sig, const char *when)
{
	const char *sep = when ? " " : "";

	if (c->exec_errno)
		buf_printf(b, "%s could not start: %s", who,
		    strerror(c->exec_errno));
	else if (sig)
		buf_printf(b, "%s %skilled by signal %d (%s)%s%s", who,
		    when ? "was " : "", sig, strsignal(sig), sep,
		    when ? when : "");
	else
		buf_printf(b, "%s exited with status %d%s%s", who, c->code, sep,
		    when ? when : "");
}
