/* proc.h - child processes, process groups and signals. This is the only
 * file that knows about them.
 *
 * Children are prepared completely before they start (argv, envp, file
 * names) and started with the system's posix_spawn: its own process group,
 * its files, its directory, default signals. Only a simulator that gets a
 * listening socket is forked by hand, because LISTEN_PID must name the
 * child, which is known only after the fork; there, between fork and exec
 * only async-signal-safe calls are made and an exec failure travels back
 * over a close-on-exec pipe. Either way a command that cannot run is told
 * apart (126/127) from one that ran and failed.
 * Each child leads its own process group, so a tree is stopped with one
 * kill: SIGTERM, a grace period, then SIGKILL. The launcher is a child
 * subreaper (PR_SET_CHILD_SUBREAPER): whatever a test leaves behind, even
 * through setsid() or a double fork, is re-parented to it and killed by
 * proc_kill_all() before it exits. Signals are read from a signalfd, so
 * one poll() waits for children, signals, file events and deadlines, and
 * meanwhile copies a child's pseudo-terminal to its log (tty.h). */
#ifndef COSIM_PROC_H
#define COSIM_PROC_H

#include <poll.h>
#include <stdint.h>
#include <sys/types.h>

struct child {
	int started;		/* proc_spawn was called (it may have failed) */
	pid_t pid;		/* 0: not running (never started, or exec failed
				 * before a process existed) */
	int status;		/* wait status once reaped (for proc.c) */
	int code;		/* once reaped: its exit status, or 0 */
	int signal;		/* once reaped: the signal that killed it, or 0 */
	int reaped;
	int exec_errno;		/* nonzero: exec failed with this errno */
	int killed;		/* we signalled it */
};

struct spawn {
	char *const *argv;
	char *const *envp;
	const char *cwd;
	const char *out, *err;	/* files for stdout and stderr; out NULL:
				 * stdout stays the launcher's own (srun,
				 * which passes on what the node prints) */
	int listen_fd;		/* >= 0: passed as fd 3 with LISTEN_FDS=1 */
	int tty;		/* stdout is a pseudo-terminal, copied to out
				 * whenever proc_event waits (see tty.h) */
	int64_t out_max;	/* with tty: copy at most this many bytes to
				 * out (< 0: all) */
};

enum { EV_NONE, EV_CHILD, EV_DEADLINE, EV_SIGNAL, EV_FD };

/* What the processes the launcher reaped used, each counted with the
 * descendants it reaped itself (the rusage of the wait): the children,
 * and as a subreaper every orphan of the tree. */
struct proc_usage {
	long long cpu_ms;	/* user + system CPU time, summed */
	long long max_rss_kb;	/* the largest peak resident set size of
				 * any one process (not a sum) */
};

/* Block and route the signals the launcher handles (SIGCHLD, SIGINT,
 * SIGTERM, SIGHUP) and become a subreaper; call once, first. */
void proc_init(void);
/* On a Slurm node (cosim-run --node): SIGURG is read as SIGTERM from
 * outside too. A supervisor sends it to every process of the step
 * (scancel --signal=URG, slurm.h): the launcher stops its tree as on an
 * interrupt, while the test's processes, which ignore SIGURG by default,
 * are stopped by the launcher, not killed under it first (a SIGTERM to
 * the whole step would kill them in any order, and a test that died of
 * it before the launcher read its own would be judged, not interrupted).
 * Call after proc_init. */
void proc_stop_requests(void);
/* Whether what a descendant leaves behind becomes the launcher's child
 * (proc_init turns it on): off while a fixture's setup runs, whose
 * servers must outlive the launcher that started them. */
void proc_subreaper(int on);
/* From now on, SIGTERM when the parent ends (PR_SET_PDEATHSIG): a
 * launcher whose ninja or make was killed outright ends its run as on an
 * interrupt. parent is getppid() as read before: one that is gone by now
 * sends the signal at once. Only for a parent with one thread: the
 * signal follows the thread that forked, and a thread of a program with
 * more may end while the program goes on. The copy of proc_fork does
 * the same. */
void proc_end_with_parent(pid_t parent);
/* Fork a copy of this process as child c, in this process group (so a
 * signal to the group reaches both). Returns 0 in the copy, which is a
 * subreaper again (the setting is not inherited), and 1 here; dies when
 * it cannot fork. */
int proc_fork(struct child *c);
/* Send sig to child c alone (not its group), while it is not reaped. */
void proc_signal(const struct child *c, int sig);
/* Start a child in its own process group; 0, or -1 with errno set. */
int proc_spawn(struct child *c, const struct spawn *s);
/* Reap what has exited among cs; nonzero when all of them are reaped. */
int proc_reap(struct child **cs, int n);
/* Wait for the next event until deadline_ms (monotonic, now_ms):
 * EV_CHILD (one of cs was reaped), EV_DEADLINE, EV_SIGNAL (*sig set: a
 * terminating signal), or EV_FD (one of fds is ready). */
int proc_event(struct child **cs, int n, struct pollfd *fds, int nfds,
	int64_t deadline_ms, int *sig);
/* From now on, while proc_event waits (for anything: a test, a readiness,
 * a kill's grace period, not a deadline already past), call fn every
 * every_ms milliseconds with arg; fn NULL stops it. fn may call
 * proc_set_tick, proc_stop and exit, but must not call proc_event with its
 * tick still set. */
void proc_set_tick(int64_t every_ms, void (*fn)(void *), void *arg);
/* Stop a child's process group: SIGTERM, up to grace_ms, then SIGKILL;
 * returns once the child itself is reaped. A terminating signal that
 * arrives meanwhile is returned (else 0). */
int proc_stop(struct child *c, int64_t grace_ms);
/* The terminating signal a proc_stop in progress has caught (it goes on
 * stopping and returns it after), taken once; 0 when none. For a tick,
 * which runs inside that stop and may end the run. */
int proc_held_signal(void);
/* A terminating signal from outside that came and was not read yet (a
 * run about to end on what its children did must not miss it), or 0;
 * reads it, and any other that came meanwhile. */
int proc_pending_signal(void);
/* Ask child c alone (not its group) to end: SIGTERM. */
void proc_terminate(const struct child *c);
/* Whether an exit status in the shell's 128 + N form (srun's for a task
 * that died of a signal) says the process was killed by SIGKILL. */
int proc_killed_outright(int code);
/* Ask pid (not a child: a stale launcher holding a record, pidrecord.h)
 * to end: SIGTERM, and SIGCONT should it be stopped. */
void proc_ask_to_end(pid_t pid);
/* SIGKILL pid, and before it its process group when group is set. */
void proc_kill(pid_t pid, int group);
/* SIGKILL process group pgid (whose leader may have ended). */
void proc_kill_group(pid_t pgid);
/* SIGKILL every remaining descendant and reap them all, then copy what
 * is left on the children's pseudo-terminals. Returns how many processes
 * it had to kill. */
int proc_kill_all(void);
/* What was reaped since proc_usage_reset (or the start). */
struct proc_usage proc_usage_get(void);
/* Count from now on: what a run's own tree uses, not what was reaped
 * before it (a fixture's setup, an earlier attempt). */
void proc_usage_reset(void);
/* The run id a later run's sweep (pidrecord.h) looks for
 * ("COSIM_RUN_ID=..." in envp). */
const char *proc_run_id(void);
/* Restore the default action of sig and raise it (after cleaning up). */
void proc_reraise(int sig) __attribute__((noreturn));

#endif
