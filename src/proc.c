/* proc.c - see proc.h. */
#include "proc.h"
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static sigset_t waited;

int64_t
proc_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void
proc_init(void)
{
	sigemptyset(&waited);
	sigaddset(&waited, SIGCHLD);
	sigaddset(&waited, SIGINT);
	sigaddset(&waited, SIGTERM);
	sigaddset(&waited, SIGHUP);
	if (sigprocmask(SIG_BLOCK, &waited, NULL) != 0)
		fatal(errno, "sigprocmask");
}

/* Child side: only async-signal-safe calls from here to exec. */
static void
child_exec(const struct spawn *s, int errpipe, char *listen_pid)
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
	if ((fd = open(s->out, O_WRONLY | O_CREAT | O_TRUNC | O_APPEND, 0666)) < 0 ||
	    dup2(fd, 1) < 0)
		goto fail;
	if ((fd = open(s->err, O_WRONLY | O_CREAT | O_TRUNC | O_APPEND, 0666)) < 0 ||
	    dup2(fd, 2) < 0)
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
	execvp(s->argv[0], s->argv);
fail:
	e = errno;
	if (write(errpipe, &e, sizeof e) < 0)
		_exit(127);
	_exit(127);
}

int
proc_spawn(struct child *c, const struct spawn *s)
{
	int pipefd[2], e, n;
	char *listen_pid = NULL, *listen_fds = NULL;
	char *const *envp = s->envp;
	char **env2 = NULL;
	pid_t pid;

	memset(c, 0, sizeof *c);
	if (s->listen_fd >= 0) {
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
	if (pipe(pipefd) != 0)
		return -1;
	fcntl(pipefd[0], F_SETFD, FD_CLOEXEC);
	fcntl(pipefd[1], F_SETFD, FD_CLOEXEC);
	{
		extern char **environ;
		char **saved = environ;

		environ = (char **)envp;	/* execvp searches our PATH */
		pid = fork();
		if (pid == 0)
			child_exec(s, pipefd[1], listen_pid);
		environ = saved;
	}
	e = errno;
	close(pipefd[1]);
	if (pid < 0) {
		close(pipefd[0]);
		errno = e;
		return -1;
	}
	setpgid(pid, pid);	/* also here: no race with a later kill */
	c->pid = pid;
	while ((n = (int)read(pipefd[0], &e, sizeof e)) < 0 && errno == EINTR)
		;
	if (n == (int)sizeof e)
		c->exec_errno = e;
	close(pipefd[0]);
	free(listen_fds);
	free(listen_pid);
	free(env2);
	return 0;
}

static void
reap(struct child **cs, int n)
{
	int i, st;

	for (i = 0; i < n; i++) {
		if (!cs[i]->pid || cs[i]->reaped)
			continue;
		if (waitpid(cs[i]->pid, &st, WNOHANG) == cs[i]->pid) {
			cs[i]->status = st;
			cs[i]->reaped = 1;
		}
	}
}

static int
all_reaped(struct child **cs, int n)
{
	int i;

	for (i = 0; i < n; i++)
		if (cs[i]->pid && !cs[i]->reaped)
			return 0;
	return 1;
}

int
proc_wait(struct child **cs, int n, int64_t deadline_ms)
{
	for (;;) {
		struct timespec ts;
		int64_t left;
		int sig;

		reap(cs, n);
		if (all_reaped(cs, n))
			return 0;
		left = deadline_ms - proc_now_ms();
		if (left <= 0)
			return 1;
		ts.tv_sec = left / 1000;
		ts.tv_nsec = (long)(left % 1000) * 1000000;
		sig = sigtimedwait(&waited, NULL, &ts);
		if (sig == SIGINT || sig == SIGTERM || sig == SIGHUP)
			return sig;
	}
}

void
proc_stop(struct child *c, int64_t grace_ms)
{
	struct child *one[1] = {c};

	if (!c->pid)
		return;
	if (!c->reaped) {
		c->killed = 1;
		kill(-c->pid, SIGTERM);
		kill(-c->pid, SIGCONT);
		if (proc_wait(one, 1, proc_now_ms() + grace_ms) != 0 && !c->reaped)
			kill(-c->pid, SIGKILL);
		while (!c->reaped) {
			int st;

			if (waitpid(c->pid, &st, 0) == c->pid) {
				c->status = st;
				c->reaped = 1;
			} else if (errno != EINTR) {
				break;
			}
		}
	}
	/* the leader is gone; anything left in its group goes too */
	kill(-c->pid, SIGKILL);
}

void
proc_reraise(int sig)
{
	sigset_t one;

	signal(sig, SIG_DFL);
	sigemptyset(&one);
	sigaddset(&one, sig);
	raise(sig);
	sigprocmask(SIG_UNBLOCK, &one, NULL);
	_exit(128 + sig);
}
