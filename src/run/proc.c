/* proc.c - see proc.h. */
#define _GNU_SOURCE	/* pipe2, posix_spawn_file_actions_addchdir_np */
#include "proc.h"
#include "beneath.h"
#include "path.h"
#include "treesignal.h"
#include "tty.h"
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/signalfd.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static sigset_t handled;

/* what the processes reaped since proc_usage_reset used */
static struct proc_usage usage;

/* Wait for pid as waitpid does, counting what a reaped process used:
 * every reap of the launcher goes through here. */
static pid_t
reap(pid_t pid, int *st, int flags)
{
	struct rusage u;
	pid_t got = wait4(pid, st, flags, &u);

	if (got > 0) {
		usage.cpu_ms += (long long)(u.ru_utime.tv_sec +
		    u.ru_stime.tv_sec) * 1000 + (u.ru_utime.tv_usec +
		    u.ru_stime.tv_usec) / 1000;
		if (u.ru_maxrss > usage.max_rss_kb)
			usage.max_rss_kb = u.ru_maxrss;
	}
	return got;
}

struct proc_usage
proc_usage_get(void)
{
	return usage;
}

void
proc_usage_reset(void)
{
	memset(&usage, 0, sizeof usage);
}

/* Record how a child ended: the wait status decoded here, so that no
 * other file needs to know about signals. */
static void
reaped(struct child *c, int st)
{
	c->status = st;
	c->reaped = 1;
	c->code = WIFEXITED(st) ? WEXITSTATUS(st) : 0;
	c->signal = WIFSIGNALED(st) ? WTERMSIG(st) : 0;
}

static int sigfd = -1;
static char run_id[64];

/* proc_set_tick: a call every tick_every ms, whatever proc_event waits for */
static void (*tick_fn)(void *);
static void *tick_arg;
static int64_t tick_every, tick_next = INT64_MAX;

void
proc_init(void)
{
	struct timespec ts;

	/* A shell without job control starts background commands with
	 * SIGINT ignored, and ignored signals never reach a signalfd. */
	signal(SIGINT, SIG_DFL);
	signal(SIGTERM, SIG_DFL);
	signal(SIGHUP, SIG_DFL);
	sigemptyset(&handled);
	sigaddset(&handled, SIGCHLD);
	sigaddset(&handled, SIGINT);
	sigaddset(&handled, SIGTERM);
	sigaddset(&handled, SIGHUP);
	if (sigprocmask(SIG_BLOCK, &handled, NULL) != 0)
		fatal(errno, "sigprocmask");
	sigfd = signalfd(-1, &handled, SFD_CLOEXEC | SFD_NONBLOCK);
	if (sigfd < 0)
		fatal(errno, "signalfd");
	if (prctl(PR_SET_CHILD_SUBREAPER, 1) != 0)
		fatal(errno, "prctl(PR_SET_CHILD_SUBREAPER)");
	signal(SIGPIPE, SIG_IGN);
	clock_gettime(CLOCK_REALTIME, &ts);
	snprintf(run_id, sizeof run_id, "COSIM_RUN_ID=%ld.%ld.%ld",
	    (long)getpid(), (long)ts.tv_sec, ts.tv_nsec);
}

void
proc_stop_requests(void)
{
	sigaddset(&handled, SIGURG);
	if (sigprocmask(SIG_BLOCK, &handled, NULL) != 0)
		fatal(errno, "sigprocmask");
	if (signalfd(sigfd, &handled, SFD_CLOEXEC | SFD_NONBLOCK) != sigfd)
		fatal(errno, "signalfd");
}

void
proc_subreaper(int on)
{
	if (prctl(PR_SET_CHILD_SUBREAPER, on ? 1 : 0) != 0)
		fatal(errno, "prctl(PR_SET_CHILD_SUBREAPER)");
}

/* SIGTERM when the thread that forked this process ends: parent is
 * getppid() as read before. */
static void
end_with_forker(pid_t parent)
{
	if (prctl(PR_SET_PDEATHSIG, SIGTERM) != 0)
		fatal(errno, "prctl(PR_SET_PDEATHSIG)");
	/* a parent that died between the caller's getppid and the prctl
	 * left this process to a reaper: the signal it would have sent
	 * comes now (one that died before cannot be told) */
	if (getppid() != parent)
		kill(getpid(), SIGTERM);
}

/* Whether process pid has one thread ("Threads:" of /proc/PID/status),
 * read in one go (the line is in its first kilobyte or two). No: it has
 * more, or cannot be read. */
static int
single_threaded(pid_t pid)
{
	char path[64], buf[4096], *p;
	ssize_t n;
	int fd;

	snprintf(path, sizeof path, "/proc/%ld/status", (long)pid);
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return 0;
	n = read(fd, buf, sizeof buf - 1);
	close(fd);
	if (n <= 0)
		return 0;
	buf[n] = '\0';
	return (p = strstr(buf, "\nThreads:")) &&
	    strtol(p + 10, NULL, 10) == 1;
}

void
proc_end_with_parent(pid_t parent)
{
	/* The signal comes when the parent *thread* ends, not its process:
	 * a program that starts cosim-run from a thread that then ends
	 * (a pool of workers) would have its run ended at once. The one
	 * thread of a single-threaded parent (ninja, make, a shell) is the
	 * one that forked, or the one this process was left to; a parent
	 * with more threads is watched by no one, and a later run takes
	 * over the record of a launcher that lost it (pidrecord.h). */
	if (single_threaded(parent))
		end_with_forker(parent);
}

int
proc_fork(struct child *c)
{
	pid_t pid, parent = getpid();

	memset(c, 0, sizeof *c);
	fflush(stdout);	/* nothing printed yet is printed twice */
	if ((pid = fork()) < 0)
		fatal(errno, "fork");
	if (pid == 0) {
		proc_subreaper(1);
		/* neither setting is inherited: a launcher killed outright
		 * must not leave its copy running the test on (the launcher
		 * has one thread) */
		end_with_forker(parent);
		return 0;
	}
	c->started = 1;
	c->pid = pid;
	treesignal_spawned(pid);
	return 1;
}

void
proc_signal(const struct child *c, int sig)
{
	if (c->pid && !c->reaped)
		kill(c->pid, sig);
}

const char *
proc_run_id(void)
{
	return run_id;
}

/* The search path of the child's own environment, as execvp would use it
 * (its default when PATH is unset): the child finds its program through
 * the PATH it is given, and cosim-run's own environ is never touched. */
static const char *
env_path(char *const *envp)
{
	for (; *envp; envp++)
		if (strncmp(*envp, "PATH=", 5) == 0)
			return *envp + 5;
	return "/bin:/usr/bin";
}

/* A child that never ran: as a shell would report it. */
static void
not_run(struct child *c, int e)
{
	c->pid = 0;
	c->exec_errno = e;
	reaped(c, (e == ENOENT ? 127 : 126) << 8);
}

/* Child side: only async-signal-safe calls from here to exec. log[0]
 * and log[1] are the files for stdout and stderr (log[0] < 0: stdout
 * stays this process's). shargv runs prog with /bin/sh when it has no #!
 * line, as execvp does. */
static void
child_exec(const struct spawn *s, const char *prog, char *const *envp,
    char *const *shargv, const int log[2], int errpipe, char *listen_pid)
{
	sigset_t none;
	int fd, e;

	setpgid(0, 0);
	sigemptyset(&none);
	signal(SIGPIPE, SIG_DFL);
	sigprocmask(SIG_SETMASK, &none, NULL);
	if (s->cwd && chdir(s->cwd) != 0)
		goto fail;
	if ((fd = open("/dev/null", O_RDONLY)) < 0 || dup2(fd, 0) < 0)
		goto fail;
	if (fd > 2)
		close(fd);
	if ((log[0] >= 0 && dup2(log[0], 1) < 0) || dup2(log[1], 2) < 0)
		goto fail;
	if (s->listen_fd >= 0) {
		pid_t p = getpid();
		char *d = listen_pid + strlen(listen_pid);
		char digits[24];
		int n = 0;

		if (dup2(s->listen_fd, 3) < 0)
			goto fail;
		do
			digits[n++] = (char)('0' + p % 10);
		while ((p /= 10) > 0);
		while (n)
			*d++ = digits[--n];
		*d = '\0';
	}
	execve(prog, s->argv, envp);
	if (errno == ENOEXEC)
		execve("/bin/sh", shargv, envp);
fail:
	e = errno;
	if (write(errpipe, &e, sizeof e) < 0)
		_exit(127);
	_exit(e == ENOENT ? 127 : 126);
}

/* The attributes and file actions of a spawn: its own process group, no
 * blocked signals, default actions for those the launcher handles, the
 * run directory, stdin from /dev/null, stdout and stderr to the files
 * open on log[0] (< 0: stdout stays the launcher's) and log[1].
 * Returns 0 or an error number, as the posix_spawn calls do. */
static int
spawn_setup(posix_spawnattr_t *at, posix_spawn_file_actions_t *fa,
    const struct spawn *s, const int log[2])
{
	sigset_t none, dflt;
	int e;

	sigemptyset(&none);
	sigemptyset(&dflt);
	sigaddset(&dflt, SIGPIPE);
	sigaddset(&dflt, SIGINT);
	sigaddset(&dflt, SIGTERM);
	sigaddset(&dflt, SIGHUP);
	sigaddset(&dflt, SIGCHLD);
	sigaddset(&dflt, SIGURG);
	if ((e = posix_spawnattr_setflags(at, POSIX_SPAWN_SETPGROUP |
	    POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF)) ||
	    (e = posix_spawnattr_setpgroup(at, 0)) ||
	    (e = posix_spawnattr_setsigmask(at, &none)) ||
	    (e = posix_spawnattr_setsigdefault(at, &dflt)))
		return e;
	if (s->cwd && (e = posix_spawn_file_actions_addchdir_np(fa, s->cwd)))
		return e;
	if ((e = posix_spawn_file_actions_addopen(fa, 0, "/dev/null",
	    O_RDONLY, 0)))
		return e;
	if (log[0] >= 0 && (e = posix_spawn_file_actions_adddup2(fa, log[0],
	    1)))
		return e;
	return posix_spawn_file_actions_adddup2(fa, log[1], 2);
}

/* The common case: posix_spawn does it all, with vfork semantics. */
static int
spawn_plain(struct child *c, const struct spawn *s, const char *prog,
    const int log[2])
{
	posix_spawn_file_actions_t fa;
	posix_spawnattr_t at;
	int e;

	if ((e = posix_spawnattr_init(&at)) != 0) {
		errno = e;
		return -1;
	}
	if ((e = posix_spawn_file_actions_init(&fa)) != 0) {
		posix_spawnattr_destroy(&at);
		errno = e;
		return -1;
	}
	if ((e = spawn_setup(&at, &fa, s, log)) == 0)
		e = posix_spawn(&c->pid, prog, &fa, &at, s->argv, s->envp);
	else
		e = -e;		/* set-up failed: cosim-run's failure */
	posix_spawn_file_actions_destroy(&fa);
	posix_spawnattr_destroy(&at);
	if (e < 0) {
		errno = -e;
		return -1;
	}
	if (e != 0)
		not_run(c, e);	/* it never ran */
	return 0;
}

/* envp with LISTEN_FDS=1 and a LISTEN_PID= that leaves room for the
 * child's pid, written after fork (*listen_pid). */
static char **
listen_env(char *const *envp, char **listen_pid)
{
	size_t k = 0, i;
	char **env2;

	while (envp[k])
		k++;
	env2 = xcalloc(k + 3, sizeof *env2);
	for (i = 0; i < k; i++)
		env2[i] = envp[i];
	env2[k] = xstrdup("LISTEN_FDS=1");
	*listen_pid = xmalloc(40);
	strcpy(*listen_pid, "LISTEN_PID=");
	env2[k + 1] = *listen_pid;
	return env2;
}

/* argv to run prog with /bin/sh, for a program without #!. */
static char **
sh_argv(const char *prog, char *const *argv)
{
	size_t k = 0, i;
	char **v;

	while (argv[k])
		k++;
	v = xcalloc(k + 2, sizeof *v);
	v[0] = "/bin/sh";
	v[1] = (char *)prog;
	for (i = 1; i < k; i++)
		v[i + 1] = argv[i];
	return v;
}

/* With a socket to pass: fork, so that LISTEN_PID can name the child.
 * Everything is allocated before the fork; an exec error comes back over
 * a close-on-exec pipe. */
static int
spawn_forked(struct child *c, const struct spawn *s, const char *prog,
    const int log[2])
{
	char *listen_pid, **envp = listen_env(s->envp, &listen_pid);
	char **shargv = sh_argv(prog, s->argv);
	int pipefd[2], e, n;
	pid_t pid;

	if (pipe2(pipefd, O_CLOEXEC) != 0)
		return -1;
	pid = fork();
	if (pid == 0)
		child_exec(s, prog, envp, shargv, log, pipefd[1], listen_pid);
	e = errno;
	close(pipefd[1]);
	if (pid < 0) {
		close(pipefd[0]);
		errno = e;
		return -1;
	}
	setpgid(pid, pid);	/* also here: no race with an early kill */
	c->pid = pid;
	while ((n = (int)read(pipefd[0], &e, sizeof e)) < 0 && errno == EINTR)
		;
	if (n == (int)sizeof e) {
		int st;

		/* the child exits right after telling: reap it now */
		c->exec_errno = e;
		if (reap(pid, &st, 0) == pid)
			reaped(c, st);
	}
	close(pipefd[0]);
	/* temporaries of this spawn (see util.h) */
	free(shargv);
	for (n = 0; envp[n] != listen_pid; n++)
		;
	free(envp[n - 1]);	/* LISTEN_FDS=1 */
	free(listen_pid);
	free(envp);
	return 0;
}

/* Open the logs of s for a child (log[0]: stdout, -1 when it stays the
 * launcher's or goes to tty >= 0; log[1]: stderr), here rather than in
 * the child: under the build directory they are opened without following
 * a link (beneath.h). 0, or -1 with errno set and none open. */
static int
open_logs(const struct spawn *s, int tty, int log[2])
{
	const int wr = O_WRONLY | O_CREAT | O_TRUNC | O_APPEND | O_CLOEXEC;
	int e;

	log[0] = log[1] = -1;
	if (tty >= 0)
		log[0] = tty;
	else if (s->out && (log[0] = beneath_open(s->out, wr, 0666)) < 0)
		return -1;
	if ((log[1] = beneath_open(s->err, wr, 0666)) >= 0)
		return 0;
	e = errno;
	if (tty < 0 && log[0] >= 0)
		close(log[0]);
	errno = e;
	return -1;
}

/* Start the child with stdout on tty (or, when tty < 0, on its file),
 * its program found through the PATH of its own environment. */
static int
spawn_on(struct child *c, const struct spawn *s, int tty)
{
	char *prog;
	int rc, log[2], e;

	memset(c, 0, sizeof *c);
	c->started = 1;
	if (!(prog = path_search(s->argv[0], env_path(s->envp), s->cwd))) {
		not_run(c, errno);
		return 0;
	}
	if (open_logs(s, tty, log) != 0) {
		not_run(c, errno);	/* as when the child could not */
		free(prog);
		return 0;
	}
	if (s->listen_fd < 0)
		rc = spawn_plain(c, s, prog, log);
	else
		rc = spawn_forked(c, s, prog, log);
	e = errno;
	if (tty < 0 && log[0] >= 0)
		close(log[0]);
	close(log[1]);
	errno = e;
	treesignal_spawned(c->pid);
	free(prog);
	return rc;
}

int
proc_spawn(struct child *c, const struct spawn *s)
{
	int master, slave = -1, rc, e;

	if (!s->tty)
		return spawn_on(c, s, -1);
	/* the copy starts before the child does: nothing it writes is lost */
	if ((master = tty_open(&slave)) < 0 ||
	    tty_copy(master, s->out, s->out_max) != 0) {
		e = errno;
		if (slave >= 0)
			close(slave);
		errno = e;
		return -1;
	}
	rc = spawn_on(c, s, slave);
	e = errno;
	close(slave);	/* the child's only now: its exit gives EIO */
	errno = e;
	return rc;
}

int
proc_reap(struct child **cs, int n)
{
	int i, st, all = 1;

	for (i = 0; i < n; i++) {
		if (!cs[i]->pid || cs[i]->reaped)
			continue;
		if (reap(cs[i]->pid, &st, WNOHANG) == cs[i]->pid) {
			reaped(cs[i], st);
		} else {
			all = 0;
		}
	}
	return all;
}

/* Drain the signalfd; returns a terminating signal from outside, or 0. */
static int
read_signals(void)
{
	struct signalfd_siginfo si;
	int term = 0;

	while (read(sigfd, &si, sizeof si) == (ssize_t)sizeof si) {
		if (si.ssi_signo == SIGCHLD)
			continue;
		if (treesignal_note((long)si.ssi_pid, (int)si.ssi_signo))
			continue;	/* the test's misbehaviour, not an interrupt */
		/* a supervisor's stop request is the SIGTERM of a local
		 * interrupt (proc_stop_requests) */
		if (!term)
			term = si.ssi_signo == SIGURG ? SIGTERM :
			    (int)si.ssi_signo;
	}
	return term;
}

/* A terminating signal proc_stop caught and holds until it returns. */
static int held_signal;

void
proc_set_tick(int64_t every_ms, void (*fn)(void *), void *arg)
{
	tick_fn = fn;
	tick_arg = arg;
	tick_every = every_ms;
	tick_next = fn ? now_ms() + every_ms : INT64_MAX;
}

int
proc_event(struct child **cs, int n, struct pollfd *fds, int nfds,
	int64_t deadline_ms, int *sig)
{
	struct pollfd pf[13];
	int i, before = 0;

	for (i = 0; i < n; i++)
		before += cs[i]->reaped;
	for (;;) {
		int64_t left, now;
		int after = 0, r, nuser = nfds < 8 ? nfds : 8, ntty;

		proc_reap(cs, n);
		for (i = 0; i < n; i++)
			after += cs[i]->reaped;
		if (after > before)
			return EV_CHILD;
		now = now_ms();
		left = deadline_ms - now;
		if (left <= 0)
			return EV_DEADLINE;	/* first: a stop without grace
						 * (an interrupt's) never ticks */
		if (now >= tick_next) {
			/* a signal that came meanwhile first: the tick may
			 * end the run, and must not hide an interrupt */
			if ((*sig = read_signals()) != 0)
				return EV_SIGNAL;
			tick_next = now + tick_every;
			tick_fn(tick_arg);
			continue;
		}
		if (left > tick_next - now)
			left = tick_next - now;
		pf[0].fd = sigfd;
		pf[0].events = POLLIN;
		for (i = 0; i < nuser; i++)
			pf[i + 1] = fds[i];
		ntty = tty_pollfds(pf + 1 + nuser, 4);
		r = poll(pf, (nfds_t)(1 + nuser + ntty),
		    left > 60000 ? 60000 : (int)left);
		if (r < 0 && errno != EINTR)
			fatal(errno, "poll");
		if (r <= 0)
			continue;
		tty_pump(pf + 1 + nuser, ntty);	/* not an event: a copy */
		if (pf[0].revents && (*sig = read_signals()) != 0)
			return EV_SIGNAL;
		for (i = 0; i < nuser; i++) {
			fds[i].revents = pf[i + 1].revents;
			if (pf[i + 1].revents)
				return EV_FD;
		}
	}
}

int
proc_pending_signal(void)
{
	return read_signals();
}

void
proc_terminate(const struct child *c)
{
	proc_signal(c, SIGTERM);
}

int
proc_held_signal(void)
{
	int sig = held_signal;

	held_signal = 0;
	return sig;
}

int
proc_stop(struct child *c, int64_t grace_ms)
{
	struct child *one[1] = {c};
	int64_t deadline = now_ms() + grace_ms;
	int sig = 0, got = 0;

	/* The group is signalled only while its leader is unreaped: once
	 * reaped, its pid (and so the group's id) may belong to another
	 * process. What the group leaves is found by proc_kill_all. */
	if (!c->pid || c->reaped)
		return 0;
	c->killed = 1;
	kill(-c->pid, SIGTERM);
	kill(-c->pid, SIGCONT);
	while (!c->reaped && proc_event(one, 1, NULL, 0, deadline, &sig) ==
	    EV_SIGNAL)
		got = held_signal = sig;	/* keep stopping; report it
						 * after (or a tick takes it) */
	if (!c->reaped)
		kill(-c->pid, SIGKILL);
	while (!c->reaped) {
		int st;

		if (reap(c->pid, &st, 0) == c->pid) {
			reaped(c, st);
		} else if (errno != EINTR) {
			break;
		}
	}
	return got;
}

/* Read a small /proc file with one read (how /proc serves it) into buf,
 * NUL-ended. Returns 0 when it cannot be read or is empty. */
static int
read_small(const char *path, char *buf, size_t size)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return 0;
	n = read(fd, buf, size - 1);
	close(fd);
	if (n <= 0)
		return 0;
	buf[n] = '\0';
	return 1;
}

/* The children of pid, from /proc (CONFIG_PROC_CHILDREN). */
static int
children_of(pid_t pid, pid_t *out, int max)
{
	char path[64], buf[4096];
	int n = 0;
	char *p, *end;

	snprintf(path, sizeof path, "/proc/%ld/task/%ld/children", (long)pid,
	    (long)pid);
	if (!read_small(path, buf, sizeof buf))
		return 0;
	for (p = buf; n < max; p = end) {
		long v = strtol(p, &end, 10);

		if (end == p)
			break;
		out[n++] = (pid_t)v;
	}
	return n;
}

int
proc_killed_outright(int code)
{
	return code == 128 + SIGKILL;
}

void
proc_ask_to_end(pid_t pid)
{
	kill(pid, SIGTERM);
	kill(pid, SIGCONT);	/* a stopped one could not act on it */
}

void
proc_kill(pid_t pid, int group)
{
	if (group)
		proc_kill_group(pid);
	kill(pid, SIGKILL);
}

void
proc_kill_group(pid_t pgid)
{
	kill(-pgid, SIGKILL);
}

int
proc_kill_all(void)
{
	pid_t stack[1024], *seen = NULL;
	size_t nseen = 0, cap = 0;
	int rounds;

	/* Kill from the top; orphans of the killed come back to us as
	 * children, so go round until nothing is left. */
	for (rounds = 0; rounds < 100; rounds++) {
		int n = children_of(getpid(), stack, 1024), i, st;
		size_t k;
		int live = 0;

		for (i = 0; i < n && n < 1024; i++)
			n += children_of(stack[i], stack + n, 1024 - n);
		for (i = 0; i < n; i++) {
			char path[64], state = 0;
			FILE *f;

			snprintf(path, sizeof path, "/proc/%ld/stat", (long)stack[i]);
			if ((f = fopen(path, "r"))) {
				if (fscanf(f, "%*d (%*[^)]) %c", &state) != 1)
					state = 0;
				fclose(f);
			}
			if (state == 'Z')
				continue;
			kill(stack[i], SIGKILL);
			live++;
			/* each process once, however many: the count is of
			 * processes, not of kills */
			for (k = 0; k < nseen && seen[k] != stack[i]; k++)
				;
			if (k == nseen) {
				if (nseen == cap) {
					cap = cap ? cap * 2 : 64;
					seen = xrealloc(seen, cap * sizeof *seen);
				}
				seen[nseen++] = stack[i];
			}
		}
		while (reap(-1, &st, WNOHANG) > 0)
			;
		if (n == 0 || (live == 0 && reap(-1, &st, WNOHANG) < 0))
			break;
		/* a process just killed takes a moment to die, and only a
		 * reaped one counts in the usage (proc_usage_get): wait for
		 * it rather than spin through the rounds */
		{
			struct timespec ts = {0, live ? 1000000 : 2000000};

			nanosleep(&ts, NULL);
		}
	}
	tty_drain();
	free(seen);
	return nseen > INT_MAX ? INT_MAX : (int)nseen;
}

void
proc_reraise(int sig)
{
	sigset_t one;

	signal(sig, SIG_DFL);
	sigemptyset(&one);
	sigaddset(&one, sig);
	sigprocmask(SIG_UNBLOCK, &one, NULL);
	raise(sig);
	_exit(128 + sig);
}
