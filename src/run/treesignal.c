/* treesignal.c - see treesignal.h. */
#include "treesignal.h"
#include "file.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The children started, to trace a signal from one already reaped. */
static pid_t spawned[64];
static int nspawned;
/* The first signal the run's own tree sent. */
static int tree_signo;
static long tree_pid;
static char tree_comm[32];

void
treesignal_spawned(pid_t pid)
{
	if (pid > 0 && nspawned < (int)(sizeof spawned / sizeof *spawned))
		spawned[nspawned++] = pid;
}

/* The parent of pid (from its stat, as long as it exists), or 0. */
static pid_t
parent_of(pid_t pid)
{
	char path[64], *buf, *p;
	size_t n;
	long pp = 0;

	snprintf(path, sizeof path, "/proc/%ld/stat", (long)pid);
	if (!(buf = file_read(path, &n)))
		return 0;
	if (!(p = strrchr(buf, ')')) || sscanf(p + 1, " %*c %ld", &pp) != 1)
		pp = 0;
	free(buf);
	return (pid_t)pp;
}

/* Whether pid belongs to the run's tree: a child it started, or a process
 * whose line of parents reaches the launcher. Whatever the tree leaves
 * comes back to the launcher (a subreaper), so the line has no gap while
 * the sender lives. Ninja (the parent) and the kernel (pid 0) are not. */
static int
in_tree(pid_t pid)
{
	pid_t self = getpid();
	int i;

	if (pid <= 1 || pid == getppid() || pid == self)
		return 0;
	for (i = 0; i < nspawned; i++)
		if (spawned[i] == pid)
			return 1;
	for (i = 0; i < 1000 && pid > 1; i++)
		if ((pid = parent_of(pid)) == self)
			return 1;
	return 0;
}

int
treesignal_note(long pid, int signo)
{
	char path[64], *comm;
	size_t n;

	if (!in_tree((pid_t)pid))
		return 0;
	if (tree_signo)
		return 1;
	tree_signo = signo;
	tree_pid = pid;
	snprintf(path, sizeof path, "/proc/%ld/comm", pid);
	if ((comm = file_read(path, &n)) && n > 0)
		snprintf(tree_comm, sizeof tree_comm, "%.*s",
		    (int)strcspn(comm, "\n"), comm);
	else
		snprintf(tree_comm, sizeof tree_comm, "?");
	free(comm);
	return 1;
}

int
treesignal_judge(enum status *status, struct buf *reason, const char *who,
    const char *rule, const char *went)
{
	static int told;
	const char *comm = tree_comm;
	long pid = tree_pid;
	int sig = tree_signo;
	char *was;

	if (!sig || told || *status == STATUS_INTERRUPTED)
		return 0;
	told = 1;
	was = buf_steal(reason);
	buf_printf(reason, "%s sent cosim-run signal %d (%s) from pid %ld "
	    "(%s)%s (%s went on: %s%s%s)", who, sig, strsignal(sig), pid, comm,
	    rule, went, status_name(*status), was && *was ? ": " : "", was ? was : "");
	free(was);
	*status = STATUS_ERROR;
	return 1;
}
