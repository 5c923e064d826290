/* proc.c - see proc.h. */
#define _GNU_SOURCE	/* pipe2, posix_spawn_file_actions_addchdir_np */
#include "proc.h"
#include "lastrun.h"
#include "tty.h"
#include "util.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/prctl.h>
#include <sys/signalfd.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static sigset_t handled;

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

static int read_small(const char *path, char *buf, size_t size);

/* The children started, to trace a signal from one already reaped. */
static pid_t spawned[64];
static int nspawned;
/* The first signal the run's own tree sent. */
static int tree_signo;
static long tree_pid;
static char tree_comm[32];

static void
remember(pid_t pid)
{
	if (pid > 0 && nspawned < (int)(sizeof spawned / sizeof *spawned))
		spawned[nspawned++] = pid;
}

/* The parent of pid (from its stat, as long as it exists), or 0. */
static pid_t
parent_of(pid_t pid)
{
	char path[64], buf[1024], *p;
	long pp;

	snprintf(path, sizeof path, "/proc/%ld/stat", (long)pid);
	if (!read_small(path, buf, sizeof buf) || !(p = strrchr(buf, ')')) ||
	    sscanf(p + 1, " %*c %ld", &pp) != 1)
		return 0;
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

const char *
proc_run_id(void)
{
	return run_id;
}

/* Child side: only async-signal-safe calls from here to exec. A tty >= 0
 * is the terminal for stdout. */
static void
child_exec(const struct spawn *s, int tty, int errpipe, char *listen_pid)
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
	if (tty >= 0) {
		if (dup2(tty, 1) < 0)
			goto fail;
	} else if ((fd = open(s->out, O_WRONLY | O_CREAT | O_TRUNC | O_APPEND,
	    0666)) < 0 || dup2(fd, 1) < 0) {
		goto fail;
	} else if (fd > 2) {
		close(fd);
	}
	if ((fd = open(s->err, O_WRONLY | O_CREAT | O_TRUNC | O_APPEND, 0666)) < 0 ||
	    dup2(fd, 2) < 0)
		goto fail;
	if (fd > 2)
		close(fd);
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
	execvp(s->argv[0], s->argv);
fail:
	e = errno;
	if (write(errpipe, &e, sizeof e) < 0)
		_exit(127);
	_exit(e == ENOENT ? 127 : 126);
}

/* The common case: posix_spawn does it all, with vfork semantics. */
static int
spawn_plain(struct child *c, const struct spawn *s, int tty)
{
	extern char **environ;
	posix_spawn_file_actions_t fa;
	posix_spawnattr_t at;
	sigset_t none, dflt;
	char **saved;
	int e;

	sigemptyset(&none);
	sigemptyset(&dflt);
	sigaddset(&dflt, SIGPIPE);
	sigaddset(&dflt, SIGINT);
	sigaddset(&dflt, SIGTERM);
	sigaddset(&dflt, SIGHUP);
	sigaddset(&dflt, SIGCHLD);
	if (posix_spawnattr_init(&at) != 0 ||
	    posix_spawn_file_actions_init(&fa) != 0)
		return -1;
	posix_spawnattr_setflags(&at, POSIX_SPAWN_SETPGROUP |
	    POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
	posix_spawnattr_setpgroup(&at, 0);
	posix_spawnattr_setsigmask(&at, &none);
	posix_spawnattr_setsigdefault(&at, &dflt);
	if (s->cwd)
		posix_spawn_file_actions_addchdir_np(&fa, s->cwd);
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	if (tty >= 0)
		posix_spawn_file_actions_adddup2(&fa, tty, 1);
	else
		posix_spawn_file_actions_addopen(&fa, 1, s->out,
		    O_WRONLY | O_CREAT | O_TRUNC | O_APPEND, 0666);
	posix_spawn_file_actions_addopen(&fa, 2, s->err,
	    O_WRONLY | O_CREAT | O_TRUNC | O_APPEND, 0666);
	saved = environ;
	environ = (char **)s->envp;	/* posix_spawnp searches the test's PATH */
	e = posix_spawnp(&c->pid, s->argv[0], &fa, &at, s->argv, s->envp);
	environ = saved;
	posix_spawn_file_actions_destroy(&fa);
	posix_spawnattr_destroy(&at);
	if (e != 0) {
		/* it never ran: as a shell would report it */
		c->pid = 0;
		c->exec_errno = e;
		reaped(c, (e == ENOENT ? 127 : 126) << 8);
	}
	return 0;
}

/* Start the child with stdout on tty (or, when tty < 0, on its file). */
static int
spawn_on(struct child *c, const struct spawn *s, int tty)
{
	extern char **environ;
	char *listen_pid = NULL, *listen_fds = NULL, **env2 = NULL, **saved;
	char *const *envp = s->envp;
	int pipefd[2], e, n;
	pid_t pid;

	memset(c, 0, sizeof *c);
	c->started = 1;
	if (s->listen_fd < 0) {
		n = spawn_plain(c, s, tty);
		remember(c->pid);
		return n;
	}
	{
		/* LISTEN_PID names the child itself: leave room to write it
		 * after fork. */
		size_t k = 0, i;

		while (envp[k])
			k++;
		env2 = xcalloc(k + 3, sizeof *env2);
		for (i = 0; i < k; i++)
			env2[i] = envp[i];
		env2[k] = listen_fds = xstrdup("LISTEN_FDS=1");
		listen_pid = xmalloc(40);
		strcpy(listen_pid, "LISTEN_PID=");
		env2[k + 1] = listen_pid;
		envp = env2;
	}
	if (pipe2(pipefd, O_CLOEXEC) != 0)
		return -1;
	saved = environ;
	environ = (char **)envp;	/* execvp searches the test's PATH */
	pid = fork();
	if (pid == 0)
		child_exec(s, tty, pipefd[1], listen_pid);
	e = errno;
	environ = saved;
	close(pipefd[1]);
	if (pid < 0) {
		close(pipefd[0]);
		errno = e;
		return -1;
	}
	setpgid(pid, pid);	/* also here: no race with an early kill */
	c->pid = pid;
	remember(pid);
	while ((n = (int)read(pipefd[0], &e, sizeof e)) < 0 && errno == EINTR)
		;
	if (n == (int)sizeof e) {
		int st;

		/* the child exits right after telling: reap it now */
		c->exec_errno = e;
		if (waitpid(pid, &st, 0) == pid)
			reaped(c, st);
	}
	close(pipefd[0]);
	free(listen_fds);
	free(listen_pid);
	free(env2);
	return 0;
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
		if (waitpid(cs[i]->pid, &st, WNOHANG) == cs[i]->pid) {
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
		if (in_tree((pid_t)si.ssi_pid)) {
			char path[64];

			if (tree_signo)
				continue;
			tree_signo = (int)si.ssi_signo;
			tree_pid = (long)si.ssi_pid;
			snprintf(path, sizeof path, "/proc/%ld/comm", tree_pid);
			if (!read_small(path, tree_comm, sizeof tree_comm))
				snprintf(tree_comm, sizeof tree_comm, "?");
			tree_comm[strcspn(tree_comm, "\n")] = '\0';
			continue;
		}
		if (!term)
			term = (int)si.ssi_signo;
	}
	return term;
}

int
proc_tree_signal(long *pid, const char **comm)
{
	*pid = tree_pid;
	*comm = tree_comm;
	return tree_signo;
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

		if (waitpid(c->pid, &st, 0) == c->pid) {
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
proc_kill_all(void)
{
	pid_t stack[1024], seen[256];
	int nseen = 0, rounds;

	/* Kill from the top; orphans of the killed come back to us as
	 * children, so go round until nothing is left. */
	for (rounds = 0; rounds < 100; rounds++) {
		int n = children_of(getpid(), stack, 1024), i, j, st;
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
			for (j = 0; j < nseen && seen[j] != stack[i]; j++)
				;
			if (j == nseen && nseen < 256)
				seen[nseen++] = stack[i];
		}
		while (waitpid(-1, &st, WNOHANG) > 0)
			;
		if (n == 0 || (live == 0 && waitpid(-1, &st, WNOHANG) < 0))
			break;
		if (live == 0) {
			struct timespec ts = {0, 2000000};

			nanosleep(&ts, NULL);
		}
	}
	tty_drain();
	return nseen;
}

/* The start time of pid (field 22 of its stat), or 0. */
static unsigned long long
start_time(pid_t pid)
{
	char path[64], buf[1024], *p;
	int i;

	snprintf(path, sizeof path, "/proc/%ld/stat", (long)pid);
	if (!read_small(path, buf, sizeof buf) || !(p = strrchr(buf, ')')))
		return 0;
	for (i = 2; i < 22 && p; i++)
		p = strchr(p + 1, ' ');
	return p ? strtoull(p + 1, NULL, 10) : 0;
}

/* Kill every process whose environment holds id. */
static void
kill_marked(const char *id)
{
	DIR *d = opendir("/proc");
	struct dirent *e;
	size_t idlen = strlen(id);

	if (!d)
		return;
	while ((e = readdir(d))) {
		char path[300], *buf, *p;
		size_t n;
		long pid = strtol(e->d_name, NULL, 10);

		if (pid <= 0 || pid == getpid())
			continue;
		snprintf(path, sizeof path, "/proc/%ld/environ", pid);
		if (!(buf = file_read(path, &n)))	/* all of it, however big */
			continue;
		for (p = buf; p < buf + n; p += strlen(p) + 1)
			if (strlen(p) == idlen && memcmp(p, id, idlen) == 0)
				kill((pid_t)pid, SIGKILL);
		free(buf);
	}
	closedir(d);
}

static int record_fd = -1;

static void
record_line(const char *line)
{
	size_t n = strlen(line);

	if (write(record_fd, line, n) != (ssize_t)n)
		fatal(errno, "cannot write the process record");
}

/* End what the record names: pids whose start time still matches, and
 * every process whose environment holds the recorded run id. */
static void
sweep(const char *text)
{
	const char *line = text;

	while (*line) {
		size_t n = strcspn(line, "\n");
		char buf[256];
		long pid;
		unsigned long long t;

		snprintf(buf, sizeof buf, "%.*s", (int)(n < 255 ? n : 255), line);
		if (strncmp(buf, "COSIM_RUN_ID=", 13) == 0) {
			kill_marked(buf);
		} else if (sscanf(buf, "%ld %llu", &pid, &t) == 2 && pid > 1 &&
		    start_time((pid_t)pid) == t) {
			kill(-(pid_t)pid, SIGKILL);
			kill((pid_t)pid, SIGKILL);
		}
		line += n + (line[n] == '\n');
	}
}

int
proc_record_open(const char *path)
{
	char line[80];

	/* The record is locked while a run lives: a second run of the same
	 * test must not take the first one's processes for orphans. */
	record_fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0666);
	if (record_fd < 0)
		fatal(errno, "cannot open %s", path);
	if (flock(record_fd, LOCK_EX | LOCK_NB) != 0) {
		close(record_fd);
		record_fd = -1;
		return -1;
	}
	/* Not ending in "done": a run was killed before it could finish. */
	{
		struct buf b = {0};
		char chunk[4096];
		ssize_t n;
		size_t d = strlen(RECORD_DONE);

		while ((n = read(record_fd, chunk, sizeof chunk)) > 0)
			buf_add(&b, chunk, (size_t)n);
		if (b.len && !(b.len >= d &&
		    memcmp(b.s + b.len - d, RECORD_DONE, d) == 0))
			sweep(b.s);
		buf_free(&b);
	}
	/* Kept from run to run and rewritten in place from its start:
	 * emptying or replacing a file frees its block, which costs more
	 * on a journalling file system than the whole rest of the record.
	 * Lines left over from a longer record are cut off at the end. */
	if (lseek(record_fd, 0, SEEK_SET) != 0)
		fatal(errno, "cannot rewind %s", path);
	snprintf(line, sizeof line, "%s\n", run_id);
	record_line(line);
	if (ftruncate(record_fd, (off_t)strlen(line)) != 0)
		fatal(errno, "cannot cut %s", path);
	return 0;
}

void
proc_record(pid_t pid)
{
	char line[64];

	if (record_fd < 0)
		return;
	snprintf(line, sizeof line, "%ld %llu\n", (long)pid, start_time(pid));
	record_line(line);
}

void
proc_record_close(void)
{
	if (record_fd < 0)
		return;
	record_line(RECORD_DONE);
	close(record_fd);
	record_fd = -1;
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
