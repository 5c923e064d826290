/* compile.c - see compile.h. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include "compile.h"
#include "compileslist.h"
#include "children.h"
#include "escape.h"
#include "keys.h"
#include "pidrecord.h"
#include "proc.h"
#include "kvfile.h"
#include "outcome.h"
#include "timeouts.h"
#include "treesignal.h"
#include "util.h"

#include <errno.h>
#include <pcre2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* A reason is one line: longer ones are cut. */
#define REASON_MAX 300

/* The compiler's first error, by line: the first line any of these
 * matches. The order does not matter; the line does. */
static const char *const error_patterns[] = {
	/* Verilator; "Exiting due to N error(s)" only sums up */
	"^%(?:Error|Fatal)(?:-[A-Z0-9_]+)?: (?!Exiting due to )",
	/* gcc, g++ and Icarus: "file:line[:col]: error: ..." */
	"^[^\\s:][^:]*:\\d+:(?:\\d+:)? (?:fatal )?error\\b",
	/* Icarus */
	"^[^\\s:][^:]*:\\d+: (?:syntax error|Include file .* not found)",
	"I give up",
	/* cc1plus: error: ..., collect2: error: ... */
	"^\\S+: (?:fatal )?error:",
	/* the linker, then make */
	": undefined reference to ",
	"^(?:\\S*/)?make(?:\\[\\d+\\])?: \\*\\*\\*",
};
/* Without one of those: a warning made fatal, else any "error". */
static const char *const weak_patterns[] = {
	"^%Warning", "(?i)\\berror\\b",
};
#define NSTRONG (sizeof error_patterns / sizeof *error_patterns)
#define NWEAK (sizeof weak_patterns / sizeof *weak_patterns)

/* The compile that runs, for the fatal hook and the signal path. */
static struct {
	char **environ;		/* cosim-run's own, for the compile */
	struct kvfile spec;
	struct child child;
	const char *id, *dir, *output;
	char *log;		/* <dir>/compile.log */
	char *names;		/* the designs it builds, or NULL */
	int64_t timeout, grace;	/* compile_timeout, kill_grace (ms) */
	int64_t started;
	long long started_epoch_ms;
	const char *status;
	struct buf reason;
	size_t line;		/* the log line the reason is, or 0 */
	int leftovers;
	int finished;
} cc;

static pcre2_code *
compile_re(const char *re)
{
	int code;
	PCRE2_SIZE off;
	pcre2_code *c = pcre2_compile((PCRE2_SPTR)re, PCRE2_ZERO_TERMINATED,
	    PCRE2_UTF | PCRE2_MATCH_INVALID_UTF, &code, &off, NULL);

	if (!c)
		fatal(0, "built-in pattern '%s' does not compile", re);
	return c;
}

static int
any_match(pcre2_code **res, size_t n, const char *line, size_t len,
    pcre2_match_data *md)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (pcre2_match(res[i], (PCRE2_SPTR)line, len, 0, 0, md, NULL) >= 0)
			return 1;
	return 0;
}

static void
set_reason(struct buf *b, const char *line)
{
	buf_reset(b);
	if (strlen(line) > REASON_MAX) {
		buf_add(b, line, REASON_MAX - 3);
		buf_puts(b, "...");
	} else {
		buf_puts(b, line);
	}
}

/* Find the first error in the log: into reason and line; else the last
 * line that is not blank. Returns 0 when the log holds no text. */
static int
first_error(const char *log, struct buf *reason, size_t *line)
{
	pcre2_code *strong[NSTRONG], *weak[NWEAK];
	pcre2_match_data *md;
	struct buf last = {0}, weak_hit = {0};
	FILE *f = fopen(log, "r");
	char *text = NULL;
	size_t cap = 0, ln = 0, last_ln = 0, weak_ln = 0, i;
	ssize_t n;
	int found = 0;

	if (!f)
		return 0;
	for (i = 0; i < NSTRONG; i++)
		strong[i] = compile_re(error_patterns[i]);
	for (i = 0; i < NWEAK; i++)
		weak[i] = compile_re(weak_patterns[i]);
	md = pcre2_match_data_create(4, NULL);
	while (!found && (n = getline(&text, &cap, f)) > 0) {
		size_t len = (size_t)n;

		ln++;
		while (len && (text[len - 1] == '\n' || text[len - 1] == '\r'))
			text[--len] = '\0';
		if (strspn(text, " \t") == len)
			continue;
		if (any_match(strong, NSTRONG, text, len, md)) {
			set_reason(reason, text);
			*line = ln;
			found = 1;
		} else if (!weak_ln && any_match(weak, NWEAK, text, len, md)) {
			set_reason(&weak_hit, text);
			weak_ln = ln;
		}
		if (!found && !weak_ln) {
			set_reason(&last, text);
			last_ln = ln;
		}
	}
	if (!found && (weak_ln || last_ln)) {
		set_reason(reason, weak_ln ? weak_hit.s : last.s);
		*line = weak_ln ? weak_ln : last_ln;
		found = 1;
	}
	fclose(f);
	free(text);
	buf_free(&last);
	buf_free(&weak_hit);
	pcre2_match_data_free(md);
	for (i = 0; i < NSTRONG; i++)
		pcre2_code_free(strong[i]);
	for (i = 0; i < NWEAK; i++)
		pcre2_code_free(weak[i]);
	return found;
}

/* The compile's line of <builddir>/compiles.list: its limits and the
 * designs it builds (see compile.h). The limits are there, not in the
 * spec, so that changing them recompiles nothing. 0, or -1 when the
 * line is missing or unreadable. */
static int
load_line(const char *builddir, const char *id)
{
	char *path = path_join(builddir, "compiles.list");
	char *text = file_read(path, NULL), *line, *save = NULL;
	size_t n = strlen(id);
	int found = 0;

	for (line = text ? strtok_r(text, "\n", &save) : NULL; line && !found;
	    line = strtok_r(NULL, "\n", &save)) {
		struct compiles_line cl;

		if (strncmp(line, id, n) != 0 || line[n] != ' ')
			continue;
		if (compileslist_parse(line, &cl) != 0)
			break;
		cc.timeout = cl.timeout;
		cc.grace = cl.grace;
		found = 1;
		if (cl.names && *cl.names)
			cc.names = xstrdup(cl.names);
	}
	free(path);
	free(text);
	return found ? 0 : -1;
}

/* What the compiler says it read, as a gcc-style depfile for ninja and
 * make: "OUTPUT: FILE...", then "FILE:" for each, so that make takes a
 * file that has since been deleted for a change, not an error (gcc -MP). */
static void
write_depfile(void)
{
	const char *mk = kv_get(&cc.spec, "deps_make");
	const char *lines = kv_get(&cc.spec, "deps_lines");
	const char *out = kv_get(&cc.spec, "depfile");
	char *text, *p, *tok, *save = NULL, **deps = NULL;
	struct buf b = {0};
	size_t n = 0, i;

	if (!out || (!mk && !lines))
		return;
	text = file_read(mk ? mk : lines, NULL);
	p = text ? text : "";
	if (mk) {	/* Verilator's: "GENERATED... : INPUT..." */
		char *colon = strstr(p, " : ");

		if (!colon)
			colon = strchr(p, ':');
		p = colon ? colon + 2 : p + strlen(p);
	}
	for (tok = strtok_r(p, mk ? " \t\n\\" : "\n", &save); tok;
	    tok = strtok_r(NULL, mk ? " \t\n\\" : "\n", &save)) {
		for (i = 0; i < n && strcmp(deps[i], tok) != 0; i++)
			;
		if (i == n && *tok)
			list_push(&deps, &n, xstrdup(tok));
	}
	esc_depfile(&b, cc.output);
	buf_putc(&b, ':');
	for (i = 0; i < n; i++) {
		buf_puts(&b, " \\\n ");
		esc_depfile(&b, deps[i]);
	}
	buf_putc(&b, '\n');
	for (i = 0; i < n; i++) {
		esc_depfile(&b, deps[i]);
		buf_puts(&b, ":\n");
	}
	if (file_write_atomic(out, b.s, b.len) != 0)
		fatal(errno, "cannot write %s", out);
	for (i = 0; i < n; i++)
		free(deps[i]);
	free(deps);
	free(text);
	buf_free(&b);
}

/* The result; at the start (begun set), a record that the compile has
 * not finished, which keeps the last real result as result.prev. */
static void
write_result(int begun)
{
	struct buf b = {0};
	char *path = path_join(cc.dir, "result"), *copy, *w, *save = NULL;
	const struct child *c = &cc.child;

	kv_begin(&b, RESULT_MAGIC);
	kv_put(&b, "name", cc.id);
	copy = xstrdup(cc.names ? cc.names : "");
	for (w = strtok_r(copy, " ", &save); w; w = strtok_r(NULL, " ", &save))
		kv_put(&b, "design", w);
	free(copy);
	kv_put(&b, "status", cc.status);
	kv_put(&b, "reason", cc.reason.s ? cc.reason.s : "");
	kv_putf(&b, "log", "%s/compile.log", cc.id);
	if (cc.line)
		kv_putint(&b, "log_line", (long long)cc.line);
	kv_putint(&b, "start_epoch_ms", cc.started_epoch_ms);
	kv_putint(&b, "duration_ms", now_ms() - cc.started);
	kv_put(&b, "output", cc.output);
	kv_put(&b, "command", kv_get(&cc.spec, "command"));
	if (c->started && c->reaped) {
		if (c->exec_errno)
			kv_put(&b, "exec_error", strerror(c->exec_errno));
		else if (c->signal)
			kv_putint(&b, "signal", c->signal);
		else
			kv_putint(&b, "exit", c->code);
	}
	if (cc.leftovers)
		kv_putint(&b, "leftovers_killed", cc.leftovers);
	if (begun) {
		outcome_put(path, &b);
	} else {
		if (strcmp(cc.status, "pass") != 0)
			outcome_tail(&b, "log_tail", cc.log, 10);
		if (file_write_atomic(path, b.s, b.len) != 0)
			fatal(errno, "cannot write %s", path);
	}
	free(path);
	buf_free(&b);
}

/* Write what the compile left and say how it went; the output exists
 * afterwards only when it passed. */
static void
finish(void)
{
	int pass;

	/* a compiler that signals cosim-run misbehaves */
	if (treesignal_judge(&cc.status, &cc.reason, "the compile", "", "it"))
		cc.line = 0;
	pass = strcmp(cc.status, "pass") == 0;
	if (pass)
		write_depfile();	/* a failure to is an error, and said */
	cc.finished = 1;
	if (!pass && unlink(cc.output) != 0 && errno != ENOENT)
		fatal(errno, "cannot remove %s", cc.output);
	write_result(0);
	pidrecord_close();
	if (!pass && strcmp(cc.status, "interrupted") != 0) {
		printf("FAILED compile of %s: %s (log: %s", cc.names ? cc.names :
		    cc.id, cc.reason.s ? cc.reason.s : cc.status, cc.log);
		if (cc.line)
			printf(":%zu", cc.line);
		printf(")\n");
		fflush(stdout);
	}
}

/* Stop the compile and what it left; a terminating signal that arrives
 * meanwhile is returned. */
static int
stop(int64_t grace)
{
	struct child *one[1] = {&cc.child};

	return children_stop(one, 1, grace, &cc.leftovers);
}

/* A fatal error of cosim-run itself stops the compile and still leaves a
 * result that says so. */
static void
on_fatal(const char *msg)
{
	if (cc.finished)
		return;
	cc.finished = 1;
	stop(0);
	cc.status = "error";
	buf_reset(&cc.reason);
	buf_printf(&cc.reason, "cosim-run failed: %s", msg);
	finish();
}

static void __attribute__((noreturn))
interrupted(int sig)
{
	stop(0);
	cc.status = "interrupted";
	buf_reset(&cc.reason);
	buf_printf(&cc.reason, "interrupted by signal %d (%s)", sig,
	    strsignal(sig));
	finish();
	proc_reraise(sig);
}

/* Run the command to its end, or to the deadline; then judge it. */
static void
run(int64_t timeout, int64_t grace)
{
	struct child *one[1] = {&cc.child};
	int64_t deadline = timeout > 0 ? now_ms() + timeout : INT64_MAX;
	char *argv[4], **env = NULL;
	size_t n = 0;
	struct spawn s = {0};
	char **e;
	int sig;

	argv[0] = "/bin/sh";
	argv[1] = "-c";
	argv[2] = (char *)kv_need(&cc.spec, "command");
	argv[3] = NULL;
	/* first, so a later run's sweep finds what this one left */
	list_push(&env, &n, xstrdup(proc_run_id()));
	for (e = cc.environ; *e; e++)
		if (strncmp(*e, "COSIM_RUN_ID=", 13) != 0)
			list_push(&env, &n, xstrdup(*e));
	s.argv = argv;
	s.envp = env;
	s.out = cc.log;
	s.err = cc.log;		/* both open O_APPEND: lines interleave whole */
	s.listen_fd = -1;
	children_start(&cc.child, &s, "compile");
	list_free(env);
	while (!cc.child.reaped) {
		int ev = proc_event(one, 1, NULL, 0, deadline, &sig);

		if (ev == EV_SIGNAL)
			interrupted(sig);
		if (ev == EV_DEADLINE && now_ms() >= deadline) {
			if ((sig = stop(grace)))
				interrupted(sig);
			cc.status = "timeout";
			buf_printf(&cc.reason, "timed out after %.1f s "
			    "(compile_timeout %.1f s)", (double)(now_ms() -
			    cc.started) / 1000, (double)timeout / 1000);
			return;
		}
	}
	cc.leftovers += proc_kill_all();
	if (cc.child.exec_errno) {
		cc.status = "error";
		buf_printf(&cc.reason, "cannot run /bin/sh: %s",
		    strerror(cc.child.exec_errno));
	} else if (cc.child.signal || cc.child.code != 0) {
		cc.status = "fail";
		if (!first_error(cc.log, &cc.reason, &cc.line)) {
			if (cc.child.signal)
				buf_printf(&cc.reason, "the compile was killed by "
				    "signal %d (%s)", cc.child.signal,
				    strsignal(cc.child.signal));
			else
				buf_printf(&cc.reason, "the compile exited with "
				    "status %d and printed nothing",
				    cc.child.code);
		}
	} else if (access(cc.output, F_OK) != 0) {
		cc.status = "fail";
		buf_printf(&cc.reason, "the compile exited 0 but did not write "
		    "%s", cc.output);
	} else {
		cc.status = "pass";
	}
}

int
compile_main(const char *specpath, char **env)
{
	char *pids;
	struct timeouts lim = {0, 0, 0, 0};
	int listed;

	cc.environ = env;
	if (kv_read(&cc.spec, specpath, COMPILE_MAGIC) != 0)
		fatal(errno == EINVAL ? 0 : errno, "cannot read compile spec "
		    "%s%s", specpath, errno == EINVAL ? ": not a cosimgen "
		    "compile spec" : "");
	cc.id = kv_need(&cc.spec, "id");
	cc.dir = kv_need(&cc.spec, "dir");
	cc.output = kv_need(&cc.spec, "output");
	cc.log = path_join(cc.dir, "compile.log");
	listed = load_line(kv_need(&cc.spec, "builddir"), cc.id);
	cc.status = "error";
	proc_init();
	cc.started = now_ms();
	cc.started_epoch_ms = epoch_ms();
	if (mkdir_p(cc.dir) != 0)
		fatal(errno, "cannot create %s", cc.dir);
	/* End what a killed earlier compile left, then start a new record. */
	pids = path_join(cc.dir, "pids");
	if (pidrecord_open(pids) != 0) {
		fprintf(stderr, "cosim-run: the compile in %s is already running "
		    "(%s is locked)\n", cc.dir, pids);
		return 125;
	}
	free(pids);
	fatal_hook(on_fatal);
	/* Until it ends, the result says the compile did not finish: a
	 * cosim-run killed outright (SIGKILL, the OOM killer) leaves that,
	 * never the pass of an earlier compile. */
	buf_puts(&cc.reason, "the compile did not finish (cosim-run was "
	    "killed before it could record how it ended)");
	write_result(1);
	buf_reset(&cc.reason);
	/* whatever is there afterwards, this compile wrote */
	if (unlink(cc.output) != 0 && errno != ENOENT)
		fatal(errno, "cannot remove %s", cc.output);
	/* without its limits or with a multiplier that cannot be used, an
	 * error: never an unlimited run */
	lim.test = cc.timeout;
	if (listed != 0)
		buf_printf(&cc.reason, "%s/compiles.list has no line for %s "
		    "(cosimgen writes it: run it again)", kv_need(&cc.spec,
		    "builddir"), cc.id);
	else if (timeouts_apply(&lim, &cc.reason) == 0)
		run(lim.test, cc.grace);
	finish();
	return 0;
}
