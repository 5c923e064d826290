/* capture.c - see capture.h. posix_spawn starts the child; its stdout
 * comes back through a pipe, read to the end, and its stderr goes to an
 * unlinked temporary file read after it exits, so that neither stream
 * can fill up and block the child while the other is read. */
#include "capture.h"

#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

/* Append what fd holds from here on to b (NULL: read and drop it). */
static void
drain(int fd, struct buf *b)
{
	char chunk[8192];
	ssize_t n;

	while ((n = read(fd, chunk, sizeof chunk)) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			fatal(errno, "cannot read the output of a child process");
		if (b)
			buf_add(b, chunk, (size_t)n);
	}
}

/* The file actions of the child: stdin from /dev/null, stdout to the
 * pipe's end wr, stderr to errfd. 0 or an error number. */
static int
actions(posix_spawn_file_actions_t *fa, int wr, int errfd)
{
	int e;

	if ((e = posix_spawn_file_actions_addopen(fa, 0, "/dev/null",
	    O_RDONLY, 0)) || (e = posix_spawn_file_actions_adddup2(fa, wr, 1)) ||
	    (e = posix_spawn_file_actions_adddup2(fa, errfd, 2)))
		return e;
	return 0;
}

int
capture_run(const char *path, char *const argv[], struct buf *out,
	struct buf *err)
{
	posix_spawn_file_actions_t fa;
	FILE *tmp = tmpfile();
	int p[2], e, st;
	pid_t pid;

	if (!tmp)
		fatal(errno, "cannot create a temporary file");
	if (pipe(p) != 0)
		fatal(errno, "cannot create a pipe");
	fcntl(p[0], F_SETFD, FD_CLOEXEC);
	fcntl(p[1], F_SETFD, FD_CLOEXEC);
	fcntl(fileno(tmp), F_SETFD, FD_CLOEXEC);
	fflush(NULL);
	if ((e = posix_spawn_file_actions_init(&fa)) != 0)
		fatal(e, "posix_spawn_file_actions_init");
	if ((e = actions(&fa, p[1], fileno(tmp))) == 0)
		e = posix_spawn(&pid, path, &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	close(p[1]);
	if (e != 0) {
		close(p[0]);
		fclose(tmp);
		errno = e;
		return -1;
	}
	if (out)
		buf_puts(out, "");
	drain(p[0], out);
	close(p[0]);
	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR)
			fatal(errno, "cannot wait for %s", path);
	if (err) {
		buf_puts(err, "");
		if (lseek(fileno(tmp), 0, SEEK_SET) == 0)
			drain(fileno(tmp), err);
	}
	fclose(tmp);
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
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
