/* capture.c - see capture.h. posix_spawn starts the child, the leader of
 * a new process group; its stdout comes back through a pipe, read as it
 * comes (poll, for the deadline), and its stderr goes to an unlinked
 * temporary file, so that neither stream can fill up and block the child
 * while the other is read, and so that a child that writes without end
 * to stderr costs disk, not memory: only what capture_err asks for is
 * read. When the child has ended, it is waited for without being reaped
 * (waitid WNOWAIT): its process group stays, and SIGKILL reaches what is
 * left of it before the child's pid can be reused. */
#include "capture.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

/* The milliseconds left until deadline (0 when none: -1, poll's "no
 * limit"). */
static int
left(int64_t deadline)
{
	int64_t ms;

	if (!deadline)
		return -1;
	ms = deadline - now_ms();
	return ms <= 0 ? 0 : ms > INT_MAX ? INT_MAX : (int)ms;
}

/* Append what fd brings to b until its end (0) or until it has been
 * silent for silence_ms (1). */
static int
read_out(int fd, struct buf *b, int64_t silence_ms, int64_t *deadline)
{
	struct pollfd pf;
	char chunk[8192];
	ssize_t n;
	int r;

	*deadline = silence_ms > 0 ? now_ms() + silence_ms : 0;
	for (;;) {
		pf.fd = fd;
		pf.events = POLLIN;
		if ((r = poll(&pf, 1, left(*deadline))) == 0)
			return 1;
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			fatal(errno, "cannot wait for the output of a child process");
		if ((n = read(fd, chunk, sizeof chunk)) == 0)
			return 0;
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			fatal(errno, "cannot read the output of a child process");
		buf_add(b, chunk, (size_t)n);
		if (silence_ms > 0)
			*deadline = now_ms() + silence_ms;
	}
}

/* Wait until pid has ended, without reaping it; 1 when deadline (0:
 * none) passes first. A child that closed its stdout may run on. */
static int
ended(pid_t pid, int64_t deadline)
{
	struct timespec nap = {0, 5000000};
	siginfo_t si;
	int r;

	for (;;) {
		memset(&si, 0, sizeof si);
		r = waitid(P_PID, (id_t)pid, &si, WEXITED | WNOWAIT |
		    (deadline ? WNOHANG : 0));
		if (r == 0 && si.si_pid == pid)
			return 0;
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			fatal(errno, "cannot wait for a child process");
		if (left(deadline) == 0)
			return 1;
		nanosleep(&nap, NULL);
	}
}

/* Start path as the leader of a new process group, stdin from /dev/null,
 * stdout to wr, stderr to errfd: 0 or an error number. */
static int
start(pid_t *pid, const char *path, char *const argv[], int wr, int errfd)
{
	posix_spawn_file_actions_t fa;
	posix_spawnattr_t at;
	int e;

	if ((e = posix_spawn_file_actions_init(&fa)) != 0)
		return e;
	if ((e = posix_spawnattr_init(&at)) != 0) {
		posix_spawn_file_actions_destroy(&fa);
		return e;
	}
	if (!(e = posix_spawn_file_actions_addopen(&fa, 0, "/dev/null",
	    O_RDONLY, 0)) && !(e = posix_spawn_file_actions_adddup2(&fa, wr, 1)) &&
	    !(e = posix_spawn_file_actions_adddup2(&fa, errfd, 2)) &&
	    !(e = posix_spawnattr_setflags(&at, POSIX_SPAWN_SETPGROUP)) &&
	    !(e = posix_spawnattr_setpgroup(&at, 0)))
		e = posix_spawn(pid, path, &fa, &at, argv, environ);
	posix_spawnattr_destroy(&at);
	posix_spawn_file_actions_destroy(&fa);
	return e;
}

void
capture_run(struct capture *c, const char *path, char *const argv[],
	int64_t silence_ms)
{
	int p[2], e, st, late;
	int64_t deadline;
	pid_t pid;

	memset(c, 0, sizeof *c);
	buf_puts(&c->out, "");
	if (!(c->err = tmpfile()))
		fatal(errno, "cannot create a temporary file");
	if (pipe(p) != 0)
		fatal(errno, "cannot create a pipe");
	fcntl(p[0], F_SETFD, FD_CLOEXEC);
	fcntl(p[1], F_SETFD, FD_CLOEXEC);
	fcntl(fileno(c->err), F_SETFD, FD_CLOEXEC);
	fflush(NULL);
	e = start(&pid, path, argv, p[1], fileno(c->err));
	close(p[1]);
	if (e != 0) {
		close(p[0]);
		c->status = CAPTURE_NOSTART;
		c->error = e;
		return;
	}
	late = read_out(p[0], &c->out, silence_ms, &deadline);
	close(p[0]);
	if (!late)
		late = ended(pid, deadline);
	killpg(pid, SIGKILL);
	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR)
			fatal(errno, "cannot wait for %s", path);
	c->status = late ? CAPTURE_TIMEOUT : WIFEXITED(st) ? WEXITSTATUS(st) :
	    128 + WTERMSIG(st);
}

char *
capture_err(const struct capture *c, long long from, size_t max)
{
	struct stat st;
	struct buf b = {0};
	long long at;
	char *text, *nl;
	ssize_t n;

	buf_puts(&b, "");
	if (!c->err || fstat(fileno(c->err), &st) != 0 || from < 0 ||
	    from >= (long long)st.st_size)
		return buf_steal(&b);
	at = (long long)st.st_size - (long long)max > from ?
	    (long long)st.st_size - (long long)max : from;
	text = xmalloc((size_t)(st.st_size - at) + 1);
	n = pread(fileno(c->err), text, (size_t)(st.st_size - at), (off_t)at);
	text[n > 0 ? n : 0] = '\0';
	if (at > from && (nl = strchr(text, '\n'))) {
		buf_puts(&b, "...\n");
		buf_puts(&b, nl + 1);
	} else {
		buf_puts(&b, text);
	}
	free(text);
	return buf_steal(&b);
}

void
capture_free(struct capture *c)
{
	buf_free(&c->out);
	if (c->err)
		fclose(c->err);
	memset(c, 0, sizeof *c);
}

char *
capture_last_line(const char *text)
{
	const char *end = text + strlen(text), *start;

	while (end > text && (end[-1] == '\n' || end[-1] == '\r' ||
	    end[-1] == ' '))
		end--;
	for (start = end; start > text && start[-1] != '\n'; start--)
		;
	return xstrndup(start, (size_t)(end - start));
}
