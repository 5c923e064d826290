/* cocotbprobe.c - see cocotbprobe.h.
 *
 * The script writes the facts, then each module's record, flushed before
 * the import starts: when the process ends before its "end" line, the
 * last record is of the module whose import ended it (os._exit, a crash
 * in an extension, the deadline). That module gets the error, and the
 * script runs again for the modules after it. Every child has a deadline
 * of silence on its stdout: the import timeout, which the script itself
 * keeps for each import (it stops it where it is, a located error), and a
 * grace for a module that does not let it. */
#include "cocotbprobe.h"
#include "capture.h"
#include "keys.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* Past the import timeout, how long a silent child has before it is
 * killed: the script stops an import itself at the timeout, and then
 * writes at once. */
#define GRACE_MS 5000
/* The most of a child's stderr that is read, for a message. */
#define ERR_MAX 16384

/* The silence a child is allowed for limit_ms, the import timeout. */
static int64_t
silence(int64_t limit_ms)
{
	return limit_ms > 0 ? limit_ms + GRACE_MS : 0;
}

/* i fails for why (allocated), and the child's stderr goes to the user
 * when it holds more than the line why quotes. */
static void
failed(struct cocotb_info *i, char *why, const char *cmd, const char *err)
{
	const char *nl = err ? strchr(err, '\n') : NULL;

	if (nl && nl[strspn(nl, "\n")]) {
		fflush(stdout);
		fprintf(stderr, "cosimgen: %s said:\n%s%s", cmd, err,
		    err[strlen(err) - 1] == '\n' ? "" : "\n");
	}
	free(i->fail);
	i->fail = why;
}

/* How a child ended, for a message: "exit status 1: its last line". */
static char *
ending(const struct capture *c, int64_t limit_ms, const char *err)
{
	char *last = capture_last_line(err), *r;

	if (c->status == CAPTURE_TIMEOUT)
		r = xasprintf("it was silent for %g s and was stopped",
		    (double)silence(limit_ms) / 1000);
	else if (c->status > 128)
		r = xasprintf("killed by signal %d%s%s", c->status - 128,
		    *last ? ": " : "", last);
	else
		r = xasprintf("exit status %d%s%s", c->status, *last ? ": " : "",
		    last);
	free(last);
	return r;
}

/* i->python from `cocotb-config --python-bin`; 0, or -1 after failed(). */
static int
python_bin(struct cocotb_info *i, int64_t limit_ms)
{
	char *argv[] = {i->config, "--python-bin", NULL};
	char *cmd = xasprintf("%s --python-bin", i->config), *why, *err;
	struct capture c;

	capture_run(&c, i->config, argv, silence(limit_ms));
	err = capture_err(&c, 0, ERR_MAX);
	if (c.status == CAPTURE_NOSTART) {
		failed(i, xasprintf("cannot run %s: %s", i->config,
		    strerror(c.error)), cmd, NULL);
	} else if (c.status != 0) {
		why = ending(&c, limit_ms, err);
		failed(i, xasprintf("'%s' failed (%s)", cmd, why), cmd, err);
		free(why);
	} else {
		i->python = capture_last_line(c.out.s);
		if (!*i->python) {
			free(i->python);
			i->python = NULL;
			failed(i, xasprintf("'%s' printed nothing", cmd), cmd, err);
		}
	}
	free(cmd);
	free(err);
	capture_free(&c);
	return i->python ? 0 : -1;
}

/* Make m what ask a brought: its stamp as taken before the import, its
 * local files' now. 0, or -1 when the script printed another module. */
static int
took(struct cocotb_module *m, const struct cocotb_ask *a, struct stamp st)
{
	size_t k;

	if (strcmp(m->path, a->path) != 0)
		return -1;
	m->name = xstrdup(a->name);
	m->pythonpath = a->pythonpath ? xstrdup(a->pythonpath) : NULL;
	m->stamp = st;
	for (k = 0; k < m->nlocals; k++)
		m->local_stamps[k] = stamp_of(m->locals[k]);
	return 0;
}

/* The script's arguments: the import timeout, then each module, after
 * "-p DIRS" when it has directories of its own for sys.path and "-m
 * NAME", its import name. */
static char **
probe_argv(const struct cocotb_info *i, const char *script,
	const struct cocotb_ask *asks, size_t n, char *limit)
{
	char **argv = xcalloc(5 * n + 6, sizeof *argv);
	size_t k, a = 0;

	argv[a++] = i->python;
	argv[a++] = "-B";
	argv[a++] = (char *)script;
	argv[a++] = "-t";
	argv[a++] = limit;
	for (k = 0; k < n; k++) {
		if (asks[k].pythonpath) {
			argv[a++] = "-p";
			argv[a++] = (char *)asks[k].pythonpath;
		}
		argv[a++] = "-m";
		argv[a++] = (char *)asks[k].name;
		argv[a++] = (char *)asks[k].path;
	}
	return argv;
}

/* How many of the n asked the modules of i from base on are, in order,
 * or -1 when they are not: all when whole (none when cocotb's version
 * stopped the script), else at least the one that ended it. */
static long
modules_took(struct cocotb_info *i, size_t base,
	const struct cocotb_ask *asks, const struct stamp *stamps, size_t n,
	int whole)
{
	size_t k, got = i->nmodules - base;

	if (whole && got == 0 && (n == 0 || !i->lib_dir))
		return (long)n;		/* stopped at the version */
	if (whole ? got != n : got == 0 || got > n)
		return -1;
	for (k = 0; k < got; k++)
		if (took(i->modules[base + k], &asks[k], stamps[k]) < 0)
			return -1;
	return (long)got;
}

/* The import of m ended the script as c says: m's error, and what the
 * import wrote to stderr, for the user. */
static void
ended_python(struct cocotb_module *m, const struct capture *c,
	int64_t limit_ms)
{
	char *said = capture_err(c, m->err_at, ERR_MAX);
	size_t k;

	for (k = 0; k < m->ncases; k++)
		free(m->cases[k].name);
	m->ncases = 0;
	m->nlocals = 0;
	list_free(m->locals);
	list_split("", &m->locals);
	free(m->error_file);
	m->error_file = NULL;
	m->error_line = 0;
	free(m->error);
	if (c->status == CAPTURE_TIMEOUT)
		m->error = xasprintf("importing it took longer than %g s",
		    (double)limit_ms / 1000);
	else if (c->status > 128)
		m->error = xasprintf("importing it ended Python (killed by "
		    "signal %d)", c->status - 128);
	else
		m->error = xasprintf("importing it ended Python (exit status %d)",
		    c->status);
	if (*said) {
		fflush(stdout);
		fprintf(stderr, "cosimgen: importing %s, Python said:\n%s%s",
		    m->path, said, said[strlen(said) - 1] == '\n' ? "" : "\n");
	}
	free(said);
}

/* Whether text, a script's output, is whole: its last line is "end". */
static int
whole(const char *text)
{
	const char *end = text + strlen(text), *line;

	if (end == text || end[-1] != '\n')
		return 0;
	for (line = end - 1; line > text && line[-1] != '\n'; line--)
		;
	return strncmp(line, "end ", 4) == 0;
}

/* Run the script for the n asks: how many of them it dealt with (all, or
 * up to the one whose import ended it), or -1 after failed(). */
static long
run_script(struct cocotb_info *i, const char *script,
	const struct cocotb_ask *asks, const struct stamp *stamps, size_t n,
	int64_t limit_ms)
{
	char *limit = xasprintf("%lld", (long long)limit_ms);
	char **argv = probe_argv(i, script, asks, n, limit);
	char *cmd = xasprintf("%s %s", i->python, script), *why, *err, *text;
	size_t base = i->nmodules;
	struct capture c;
	long got = -1;
	int all;

	capture_run(&c, i->python, argv, silence(limit_ms));
	all = whole(c.out.s);
	err = capture_err(&c, 0, ERR_MAX);
	text = buf_steal(&c.out);
	/* a module's record is written before its import: one is whole */
	if (!all && strrchr(text, '\n'))
		strrchr(text, '\n')[1] = '\0';
	if (c.status == CAPTURE_NOSTART) {
		free(text);
		failed(i, xasprintf("cannot run %s (from '%s --python-bin'): %s",
		    i->python, i->config, strerror(c.error)), cmd, NULL);
	} else if (!all && !strstr(text, "\nmodule ")) {
		free(text);
		why = ending(&c, limit_ms, err);
		failed(i, xasprintf("%s (from '%s --python-bin') cannot tell "
		    "where cocotb is (%s)", i->python, i->config, why), cmd, err);
		free(why);
	} else if (cocotb_info_read(i, text) != 0 || !i->version ||
	    (got = modules_took(i, base, asks, stamps, n, all)) < 0) {
		failed(i, xasprintf("%s printed what cosimgen cannot read",
		    cmd), cmd, err);
		got = -1;
	} else {
		i->version_stamp = stamp_of(i->version_file ? i->version_file :
		    "");
		if (!all)
			ended_python(i->modules[base + got - 1], &c, limit_ms);
	}
	free(limit);
	free(argv);
	free(cmd);
	free(err);
	capture_free(&c);
	return got;
}

void
cocotb_probe(struct cocotb_info *i, const char *script,
	const struct cocotb_ask *asks, size_t n, int64_t limit_ms)
{
	struct stamp *stamps;
	size_t k;
	long got;

	if (!i->python && python_bin(i, limit_ms) < 0)
		return;
	cocotb_modules_forget(i, asks, n);
	/* stamped before they are read: an edit meanwhile is seen next time */
	stamps = xcalloc(n + 1, sizeof *stamps);
	for (k = 0; k < n; k++)
		stamps[k] = stamp_of(asks[k].path);
	k = 0;
	do {
		got = run_script(i, script, asks + k, stamps + k, n - k,
		    limit_ms);
		k += got > 0 ? (size_t)got : 0;
	} while (got > 0 && k < n);
	free(stamps);
}

char *
cocotb_verilator_version(const char *path)
{
	char *argv[] = {(char *)path, "--version", NULL};
	struct capture c;
	char *v = NULL;

	capture_run(&c, path, argv, 60000);
	if (c.status == 0 && strncmp(c.out.s, "Verilator ", 10) == 0)
		v = xstrndup(c.out.s + 10, strcspn(c.out.s + 10, " \n"));
	capture_free(&c);
	return v;
}
