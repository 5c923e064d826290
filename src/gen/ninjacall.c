/* ninjacall.c - see ninjacall.h.
 *
 * The graph's variables are read from the file itself: ninja has no tool
 * that prints one, and cosimgen writes its top variables as plain
 * `NAME = VALUE` lines before the first rule, escaped as ninja values
 * ($$, "$ ", $:). A value with a variable reference is not one cosimgen
 * wrote, and is refused. The history's path is in $q_history, quoted
 * for the shell as well.
 *
 * The child inherits the terminal's process group, as under a shell: a
 * Ctrl-C reaches ninja, which stops its edges its own way, and this
 * process only notes it (a handler, not SIG_IGN, so that exec gives the
 * child the default back) and waits. A SIGTERM sent to this process alone
 * is passed on to the child. */
#include "ninjacall.h"
#include "file.h"
#include "layout.h"

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

/* The value of a ninja variable, its escapes undone; NULL when it holds a
 * reference to another variable. */
static char *
unescape(const char *v, size_t n)
{
	struct buf b = {0};
	size_t i;

	buf_puts(&b, "");
	for (i = 0; i < n; i++) {
		if (v[i] != '$') {
			buf_putc(&b, v[i]);
			continue;
		}
		if (++i < n && strchr("$ :", v[i])) {
			buf_putc(&b, v[i]);
			continue;
		}
		buf_free(&b);
		return NULL;
	}
	return buf_steal(&b);
}

/* Undo esc_shell in place: a word, or '...' with '\'' for a quote. */
static void
shell_unquote(char *s)
{
	char *w = s;
	int quoted = 0;

	for (; *s; s++) {
		if (*s == '\'')
			quoted = !quoted;
		else if (*s == '\\' && !quoted && s[1])
			*w++ = *++s;
		else
			*w++ = *s;
	}
	*w = '\0';
}

/* The value of the top-level variable name in text, or NULL; *bad is set
 * when it is there but not a plain value. */
static char *
top_var(const char *text, const char *name, int *bad)
{
	size_t nl = strlen(name);
	const char *l, *end, *v;

	for (l = text; *l; l = *end ? end + 1 : end) {
		end = l + strcspn(l, "\n");
		if (strncmp(l, "rule ", 5) == 0 || strncmp(l, "build ", 6) == 0)
			break;	/* the top variables come first */
		if (strncmp(l, name, nl) != 0 || strncmp(l + nl, " = ", 3) != 0)
			continue;
		v = l + nl + 3;
		if (!(v = unescape(v, (size_t)(end - v))))
			*bad = 1;
		return (char *)v;
	}
	return NULL;
}

int
graph_read(struct graph *g)
{
	char *text = file_read(g->file, NULL);
	int bad = 0;

	if (!text) {
		fprintf(stderr, "cosimgen: run: cannot read %s: %s (run it where "
		    "cosimgen wrote the graph, or name it with -C DIR or "
		    "-f FILE)\n", g->file, strerror(errno));
		return -1;
	}
	g->builddir = top_var(text, "builddir", &bad);
	if ((g->history = top_var(text, "q_history", &bad)))
		shell_unquote(g->history);
	free(text);
	if (!g->builddir || bad) {
		fprintf(stderr, "%s:1: error: no plain 'builddir = ...' line: "
		    "not a graph cosimgen wrote (cosimgen run needs one; "
		    "with a make fragment, set the variables of RUN-TIME "
		    "OPTIONS in cosimgen(1) yourself)\n", g->file);
		return -1;
	}
	if (!g->history)
		g->history = layout_top(g->builddir, TOP_HISTORY);
	return 0;
}

static volatile sig_atomic_t interrupted;
static volatile pid_t child;

static void
on_signal(int sig)
{
	interrupted = 1;
	if (sig == SIGTERM && child > 0)
		kill(child, SIGTERM);
}

int
ninja_interrupted(void)
{
	return interrupted;
}

/* Read the child's stdout into out until it closes it. */
static void
drain(int fd, struct buf *out)
{
	char chunk[8192];
	ssize_t n;

	buf_puts(out, "");
	while ((n = read(fd, chunk, sizeof chunk)) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			fatal(errno, "cannot read the output of %s", "ninja");
		buf_add(out, chunk, (size_t)n);
	}
}

/* Wait for the child; its exit status, or 128 + the signal. */
static int
reap(pid_t pid)
{
	int st;

	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR)
			fatal(errno, "cannot wait for %s", "ninja");
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

int
ninja_call(char *const *argv, struct buf *out)
{
	struct sigaction sa, old[3];
	static const int sigs[3] = {SIGINT, SIGQUIT, SIGTERM};
	int p[2] = {-1, -1}, i, rc;
	pid_t pid;

	fflush(NULL);
	if (out && pipe(p) != 0)
		fatal(errno, "cannot create a pipe");
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	for (i = 0; i < 3; i++)
		sigaction(sigs[i], &sa, &old[i]);
	if ((pid = fork()) < 0)
		fatal(errno, "cannot fork");
	if (pid == 0) {
		if (out && (dup2(p[1], 1) < 0 || close(p[0]) || close(p[1])))
			_exit(127);
		execvp(argv[0], argv);
		fprintf(stderr, "cosimgen: run: cannot run %s: %s\n", argv[0],
		    strerror(errno));
		_exit(127);
	}
	child = pid;
	if (out) {
		close(p[1]);
		drain(p[0], out);
		close(p[0]);
	}
	rc = reap(pid);
	child = 0;
	for (i = 0; i < 3; i++)
		sigaction(sigs[i], &old[i], NULL);
	return rc;
}
