/* cocotb.c - see cocotb.h. */
#include "cocotb.h"
#include "beneath.h"
#include "cocotblog.h"
#include "cocotbxml.h"
#include "file.h"
#include "keys.h"
#include "layout.h"
#include "path.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

const char cocotb_skip_reason[] = "skipped by its cocotb decorator "
    "(skip=True or skipif): not run";

/* The variables that name the test, its seed and its results file, in
 * either convention: cosim-run's values win over the manifest's; and
 * PYTHONPATH, which cosim-run makes of the manifest's. */
static const char *const forced[] = {"MODULE", "TESTCASE", "RANDOM_SEED",
	"COCOTB_TEST_MODULES", "COCOTB_TESTCASE", "COCOTB_TEST_FILTER",
	"COCOTB_RANDOM_SEED", "COCOTB_RESULTS_FILE", "PYTHONPATH", NULL};
/* The others cosim-run sets or clears: an inherited one goes. */
static const char *const owned[] = {"TOPLEVEL", "COCOTB_TOPLEVEL",
	"TOPLEVEL_LANG", "LIBPYTHON_LOC", "PYGPI_PYTHON_BIN", "GPI_USERS",
	"VIRTUAL_ENV", "PYTHONHOME", "PYTHONUNBUFFERED", NULL};
/* Set only when neither inherited nor in the manifest's env. */
#define ANSI_OUTPUT "COCOTB_ANSI_OUTPUT"

/* Whether entry ("NAME=VALUE", or a bare NAME) is of a variable of
 * names. */
static int
named(const char *const *names, const char *entry)
{
	size_t len = strcspn(entry, "=");

	for (; *names; names++)
		if (strlen(*names) == len && !strncmp(*names, entry, len))
			return 1;
	return 0;
}

/* The entry "NAME=VALUE" of variable name in a NULL-terminated list
 * (NULL: none), or NULL. */
static const char *
entry_of(char *const *list, const char *name)
{
	size_t len = strlen(name);

	for (; list && *list; list++)
		if (!strncmp(*list, name, len) && (*list)[len] == '=')
			return *list;
	return NULL;
}

int
cocotb_major(const struct spec *s)
{
	const char *v = s->cocotb_version;

	return v && atoi(v) >= 2 ? 2 : 1;
}

void
cocotb_prepare(const struct run *r)
{
	char *path = xasprintf("%s/%s", r->rundir, LAYOUT_COCOTB_RESULTS);

	if (file_unlink(path) != 0 && errno != ENOENT)
		fatal(errno, "cannot remove %s", path);
	free(path);
}

int
cocotb_replaces(const struct run *r, const char *entry)
{
	return r->spec.cocotb_test &&
	    (named(forced, entry) || named(owned, entry));
}

int
cocotb_forces(const struct run *r, const char *entry)
{
	return r->spec.cocotb_test && named(forced, entry);
}

/* PYTHONPATH: the module's directory (absolute), then the manifest's
 * PYTHONPATH (own: its env entries, expanded), or else the inherited
 * one. */
static char *
python_path(const struct run *r, char *const *inherited, char *const *own)
{
	char *cwd = getcwd(NULL, 0), *dir, *out;
	const char *base = entry_of(own, "PYTHONPATH");

	if (!cwd)
		fatal(errno, "getcwd");
	dir = path_join(cwd, r->spec.cocotb_path ? r->spec.cocotb_path : ".");
	if (!base)
		base = entry_of(inherited, "PYTHONPATH");
	if (base)
		base += strlen("PYTHONPATH=");
	out = base && *base ? xasprintf("%s:%s", dir, base) : xstrdup(dir);
	free(dir);
	free(cwd);
	return out;
}

/* COCOTB_TEST_FILTER: a regular expression searched in "MODULE.TEST",
 * which matches that test alone. */
static char *
test_filter(const struct spec *s)
{
	struct buf b = {0};
	const char *parts[2] = {s->cocotb_module, s->cocotb_test}, *p;
	int i;

	buf_putc(&b, '^');
	for (i = 0; i < 2; i++) {
		if (i)
			buf_puts(&b, "\\.");
		for (p = parts[i] ? parts[i] : ""; *p; p++) {
			/* a Python name is [A-Za-z0-9_]; the rest escaped */
			if (*p != '_' && !isalnum((unsigned char)*p))
				buf_putc(&b, '\\');
			buf_putc(&b, *p);
		}
	}
	buf_putc(&b, '$');
	return buf_steal(&b);
}

/* Append NAME=value to the list, when there is a value. */
static void
put(char ***vars, size_t *n, const char *name, const char *value)
{
	if (value)
		list_push(vars, n, xasprintf("%s=%s", name, value));
}

/* cocotb's variables for r, "NAME=VALUE" each, NULL-terminated. */
static char **
variables(const struct run *r, char *const *inherited, char *const *own)
{
	const struct spec *s = &r->spec;
	char **v = NULL, *filter = test_filter(s), *gpi = NULL;
	char *results = xasprintf("%s/%s", r->rundir, LAYOUT_COCOTB_RESULTS);
	char *pypath = python_path(r, inherited, own);
	size_t n = 0;

	if (cocotb_major(s) == 1) {
		put(&v, &n, "MODULE", s->cocotb_module);
		put(&v, &n, "TESTCASE", s->cocotb_test);
		put(&v, &n, "TOPLEVEL", s->cocotb_toplevel);
		put(&v, &n, "RANDOM_SEED", r->seed);
	} else {
		if (s->cocotb_libpython && s->cocotb_entry)
			gpi = xasprintf("%s;%s", s->cocotb_libpython,
			    s->cocotb_entry);
		put(&v, &n, "COCOTB_TEST_MODULES", s->cocotb_module);
		put(&v, &n, "COCOTB_TEST_FILTER", filter);
		put(&v, &n, "COCOTB_TOPLEVEL", s->cocotb_toplevel);
		put(&v, &n, "COCOTB_RANDOM_SEED", r->seed);
		put(&v, &n, "PYGPI_PYTHON_BIN", s->cocotb_python);
		put(&v, &n, "GPI_USERS", gpi);
	}
	put(&v, &n, "TOPLEVEL_LANG", "verilog");
	put(&v, &n, "COCOTB_RESULTS_FILE", results);
	put(&v, &n, "PYTHONPATH", pypath);
	put(&v, &n, "LIBPYTHON_LOC", s->cocotb_libpython);
	put(&v, &n, "VIRTUAL_ENV", s->cocotb_venv);
	put(&v, &n, "PYTHONHOME", s->cocotb_home);
	put(&v, &n, "PYTHONUNBUFFERED", "1");
	put(&v, &n, ANSI_OUTPUT, "0");
	free(filter);
	free(gpi);
	free(results);
	free(pypath);
	return v;
}

void
cocotb_env(const struct run *r, char *const *inherited, char *const *own,
    char ***env, size_t *n)
{
	char **v, **e;

	if (!r->spec.cocotb_test)
		return;
	v = variables(r, inherited, own);
	for (e = v; *e; e++) {
		char *name = xstrndup(*e, strcspn(*e, "="));
		int yields = entry_of(own, name) && !named(forced, name);

		if (!strcmp(name, ANSI_OUTPUT) && entry_of(inherited, name))
			yields = 1;
		free(name);
		if (yields)
			free(*e);
		else
			list_push(env, n, *e);
	}
	free(v);
}

void
cocotb_note(const struct run *r, char ***given, char **env)
{
	size_t n = 0;

	if (!r->spec.cocotb_test)
		return;
	while (*given && (*given)[n])
		n++;
	for (; *env; env++)
		if (named(forced, *env) || named(owned, *env) ||
		    !strncmp(*env, ANSI_OUTPUT "=", sizeof ANSI_OUTPUT))
			list_push(given, &n, xstrdup(*env));
}

/* A line of a traceback for the result: cut at COCOTB_LINE_BYTES, not
 * inside a character. */
static char *
bounded_line(const char *s)
{
	if (strlen(s) > COCOTB_LINE_BYTES)
		return xasprintf("%.*s...", (int)utf8_cut(s, COCOTB_LINE_BYTES -
		    3), s);
	return xstrdup(s);
}

void
cocotb_set_message(struct run *r, const char *msg)
{
	size_t len, k;
	int lines = 1;

	free(r->message);
	r->message = NULL;
	if (!msg)
		return;
	len = strlen(msg);
	while (len && (msg[len - 1] == '\n' || msg[len - 1] == ' '))
		len--;
	if (!len)
		return;
	for (k = 0; k < len && k < COCOTB_MESSAGE_BYTES; k++)
		if (msg[k] == '\n' && ++lines > COCOTB_MESSAGE_LINES)
			break;
	r->message = k < len ? xasprintf("%.*s ...", (int)utf8_cut(msg, k),
	    msg) : xstrndup(msg, len);
}

void
cocotb_set_traceback(struct run *r, const struct strlist *tb)
{
	size_t i, n = tb->n;
	const size_t head = COCOTB_TRACEBACK_HEAD, tail = COCOTB_TRACEBACK_TAIL;

	strlist_clear(&r->traceback);
	while (n && !tb->v[n - 1][strspn(tb->v[n - 1], " ")])
		n--;	/* blank lines at the end */
	for (i = 0; i < n; i++) {
		if (n > head + tail && i == head) {
			strlist_push(&r->traceback, xasprintf("  ... (%zu lines "
			    "left out)", n - head - tail));
			i = n - tail;
		}
		strlist_push(&r->traceback, bounded_line(tb->v[i]));
	}
}

/* The text as lines (allocated). */
static void
split_lines(struct strlist *l, const char *text)
{
	size_t len;

	while (*text) {
		len = strcspn(text, "\n");
		strlist_push(l, xstrndup(text, len));
		text += len + (text[len] == '\n');
	}
}

/* Set r's verdict: a cocotb verdict is reached in the test stage. */
static void __attribute__((format(printf, 3, 4)))
set(struct run *r, enum status st, const char *fmt, ...)
{
	va_list ap;

	r->status = st;
	r->stage = "test";
	buf_reset(&r->reason);
	va_start(ap, fmt);
	buf_vprintf(&r->reason, fmt, ap);
	va_end(ap);
}

/* The first line of a message, for a reason: its length. */
static int
first(const char *msg)
{
	return (int)strcspn(msg, "\n");
}

/* What the log of stream st of r's run says of its test. */
static void
read_log(const struct run *r, enum stream st, struct cocotb_said *s)
{
	char *path = xasprintf("%s/%s", r->rundir, stream_files[st]);
	int fd = beneath_open(path, O_RDONLY | O_CLOEXEC, 0);
	FILE *f = fd >= 0 ? fdopen(fd, "r") : NULL;

	memset(s, 0, sizeof *s);
	if (fd >= 0 && !f)
		close(fd);
	if (f) {
		cocotblog_read(s, f, r->spec.cocotb_module, r->spec.cocotb_test);
		fclose(f);
	}
	free(path);
}

/* The traceback tb into r's, and its exception as r's message; returns
 * the message (r's), or NULL. */
static const char *
take_traceback(struct run *r, const struct strlist *tb)
{
	char *msg = cocotblog_exception(tb);

	cocotb_set_traceback(r, tb);
	cocotb_set_message(r, msg);
	free(msg);
	return r->message;
}

/* cocotb's pass: a pass, or an expected failure. */
static void
passed(struct run *r)
{
	struct cocotb_said s;

	if (!r->spec.cocotb_expect)
		return;		/* a pass: the scan follows */
	read_log(r, ST_SIM_OUT, &s);
	if (s.traceback.n)	/* cocotb 2 logs what was expected */
		take_traceback(r, &s.traceback);
	set(r, STATUS_XFAIL, "cocotb: %s %s", r->spec.cocotb_test,
	    s.end == 'p' && s.why ? s.why : "failed as expected");
	cocotblog_free(&s);
}

/* The message of a failure from the results file (cocotb 2: the
 * exception's class and text, the traceback as the element's text). */
static const char *
message_of_case(struct run *r, const struct cocotb_case *c)
{
	struct strlist body = {0};
	const char *m = c->message && *c->message ? c->message : NULL;
	char *msg;

	if (c->body) {
		split_lines(&body, c->body);
		cocotb_set_traceback(r, &body);
		strlist_clear(&body);
	}
	if (c->type)
		msg = m ? xasprintf("%s: %s", c->type, m) : xstrdup(c->type);
	else
		msg = m ? xstrdup(m) : NULL;
	cocotb_set_message(r, msg);
	free(msg);
	return r->message;
}

/* cocotb's failure: a failure, or a pass of a test expected to fail. */
static void
failed(struct run *r, const struct cocotb_case *c)
{
	const char *test = r->spec.cocotb_test, *msg;
	struct cocotb_said s = {0};
	int xpass;

	if (c->type || c->body) {
		msg = message_of_case(r, c);
	} else {	/* cocotb 1.9 says it in its log */
		read_log(r, ST_SIM_OUT, &s);
		if (s.end == 'f' && s.traceback.n)
			take_traceback(r, &s.traceback);
		else if (s.end == 'f' && s.why)
			cocotb_set_message(r, s.why);
		else	/* "Test failed with RANDOM_SEED=N" only as a last resort:
			 * a simulation that ended before the test logs no end,
			 * and an error ("Simulator shut down prematurely") */
			cocotb_set_message(r, s.error ? s.error : c->message);
		msg = r->message;
	}
	xpass = r->spec.cocotb_expect && msg &&
	    !strncmp(msg, "passed but we expected", 22);
	if (xpass)
		set(r, STATUS_XPASS, "cocotb: %s %.*s", test, first(msg), msg);
	else if (msg)
		set(r, STATUS_FAIL, "cocotb: %s failed: %.*s", test, first(msg),
		    msg);
	else
		set(r, STATUS_FAIL, "cocotb: %s failed (see sim.out)", test);
	cocotblog_free(&s);
}

/* No results file: cocotb did not get as far as its tests (a module
 * that does not import, a test that is not in it), or its process ended
 * inside the test (sys.exit, os._exit). Its logs say why: a traceback,
 * else the first error, else the last line on stderr, in the log named. */
static void
no_results(struct run *r)
{
	struct cocotb_said out, err;
	const char *where = "sim.out", *msg = NULL;
	size_t i;

	read_log(r, ST_SIM_OUT, &out);
	read_log(r, ST_SIM_ERR, &err);
	if (err.last_traceback.n) {
		where = "sim.err";
		msg = take_traceback(r, &err.last_traceback);
	} else if (out.last_traceback.n) {
		msg = take_traceback(r, &out.last_traceback);
	} else {
		const struct {
			const char *where, *line;
		} lines[] = {{"sim.out", out.error}, {"sim.err", err.error},
			{"sim.err", err.error_line}, {"sim.out", out.error_line},
			{"sim.err", err.last}};

		for (i = 0; !msg && i < sizeof lines / sizeof *lines; i++) {
			cocotb_set_message(r, lines[i].line);
			where = lines[i].where;
			msg = r->message;
		}
	}
	if (msg)
		set(r, STATUS_ERROR, "cocotb wrote no results file: %.*s (see "
		    "%s)", first(msg), msg, where);
	else
		set(r, STATUS_ERROR, "cocotb wrote no results file (see "
		    "sim.out)");
	cocotblog_free(&out);
	cocotblog_free(&err);
}

void
cocotb_judge(struct run *r)
{
	const char *test = r->spec.cocotb_test, *module = r->spec.cocotb_module;
	char *path = xasprintf("%s/%s", r->rundir, LAYOUT_COCOTB_RESULTS);
	struct cocotb_case c = {0};
	struct buf why = {0};
	size_t len;
	char *text = file_read(path, &len);
	int e = errno;

	if (!text && e == ENOENT)
		no_results(r);
	else if (!text)
		set(r, STATUS_ERROR, "cannot read cocotb's results file %s: %s",
		    LAYOUT_COCOTB_RESULTS, strerror(e));
	else if (cocotbxml_read(&c, text, len, module, test, &why) != 0)
		set(r, STATUS_ERROR, "cocotb's results file %s is not XML: %s "
		    "(see sim.out)", LAYOUT_COCOTB_RESULTS, why.s);
	else if (!c.found)
		set(r, STATUS_ERROR, "cocotb's results file has no test %s of "
		    "%s: cocotb did not run it (see sim.out)", test, module);
	else if (c.outcome == COCOTB_PASSED)
		passed(r);
	else if (c.outcome == COCOTB_FAILED)
		failed(r, &c);
	else if (c.message && *c.message)
		set(r, STATUS_SKIP, "cocotb skipped %s: %s", test, c.message);
	else
		set(r, STATUS_SKIP, "cocotb skipped %s", test);
	cocotbxml_free(&c);
	free(text);
	free(path);
	buf_free(&why);
}
