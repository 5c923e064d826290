/* treesignal.c - see treesignal.h. */
#include "treesignal.h"
#include "proc.h"

#include <stdlib.h>
#include <string.h>

int
treesignal_judge(const char **status, struct buf *reason, const char *who,
    const char *rule, const char *went)
{
	static int told;
	const char *comm;
	long pid;
	int sig = proc_tree_signal(&pid, &comm);
	char *was;

	if (!sig || told || strcmp(*status, "interrupted") == 0)
		return 0;
	told = 1;
	was = buf_steal(reason);
	buf_printf(reason, "%s sent cosim-run signal %d (%s) from pid %ld "
	    "(%s)%s (%s went on: %s%s%s)", who, sig, strsignal(sig), pid, comm,
	    rule, went, *status, was && *was ? ": " : "", was ? was : "");
	free(was);
	*status = "error";
	return 1;
}
