/* proc.h - child processes, process groups and signals. This is the only
 * file that knows about them.
 *
 * Children are prepared completely before fork (argv, envp, file names):
 * between fork and exec the child only calls async-signal-safe functions,
 * and an exec failure travels back over a close-on-exec pipe, so a command
 * that cannot run is told apart (126/127) from one that ran and failed.
 * Each child leads its own process group, so a whole tree is stopped with
 * one kill: SIGTERM, a grace period, then SIGKILL. */
#ifndef COSIM_PROC_H
#define COSIM_PROC_H

#include <stdint.h>
#include <sys/types.h>

struct child {
	pid_t pid;		/* 0: not running */
	int status;		/* wait status once reaped */
	int reaped;
	int exec_errno;		/* nonzero: exec failed with this errno */
	int killed;		/* we signalled it */
};

struct spawn {
	char *const *argv;
	char *const *envp;
	const char *cwd;
	const char *out, *err;	/* files for stdout and stderr */
	int listen_fd;		/* >= 0: passed as fd 3 with LISTEN_FDS=1 */
};

/* Block the signals the launcher waits for (SIGCHLD, SIGINT, SIGTERM,
 * SIGHUP); call once before starting children. */
void proc_init(void);
/* Start a child in its own process group; 0, or -1 with errno set. */
int proc_spawn(struct child *c, const struct spawn *s);
/* Wait until every listed child has been reaped or deadline_ms (monotonic,
 * proc_now_ms) passes. Returns 0 when all exited, 1 on deadline, or the
 * number of a terminating signal that arrived. */
int proc_wait(struct child **cs, int n, int64_t deadline_ms);
/* Stop a child's process group: SIGTERM, up to grace_ms, then SIGKILL;
 * returns once the child itself is reaped. */
void proc_stop(struct child *c, int64_t grace_ms);
/* Monotonic milliseconds. */
int64_t proc_now_ms(void);
/* Restore the default action of sig and raise it (after cleaning up). */
void proc_reraise(int sig) __attribute__((noreturn));

#endif
