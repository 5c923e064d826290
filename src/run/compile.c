/* compile.c - see compile.h. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include "compile.h"
#include "beneath.h"
#include "file.h"
#include "compileslist.h"
#include "compiled.h"
#include "path.h"
#include "children.h"
#include "escape.h"
#include "keys.h"
#include "pidrecord.h"
#include "proc.h"
#include "layout.h"
#include "outcome.h"
#include "slurm.h"
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
	/* GHDL: "f.vhd:3:8: can't match ..." (its warnings are
	 * "f.vhd:3:8:warning: ..."), "/usr/bin/ghdl-mcode: cannot find
	 * entity or configuration tb" */
	"^[^\\s:][^:]*\\.vhdl?:\\d+:\\d+: ",
	"^(?:\\S*/)?ghdl(?:-\\w+)?:(?:error:)? ",
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

/* The compile that runs: compile_main makes it and passes it on. */
struct cc {
	char **environ;		/* cosim-run's own, for the compile */
	struct compile_spec spec;
	struct kvfile specfile;	/* the spec's text */
	struct child child;
	char *log;		/* <dir>/compile.log, or the srun.log of a
				 * supervisor's own result (slurm.h) */
	enum dir_file log_file;	/* which of the two, for the result */
	char *names;		/* the designs it builds, or NULL */
	int64_t timeout, grace;	/* compile_timeout, kill_grace (ms) */
	int64_t jobs;		/* COSIM_COMPILE_JOBS, from compiles.list;
				 * 0: not given */
	int linking;		/* the second edge (--link): cmd is the link */
	const char *cmd;	/* the command this edge runs */
	const char *made;	/* what it makes: the output, or the first
				 * edge of two, the objects */
	int64_t prior_ms;	/* linking: how long the first edge took */
	long long prior_cpu_ms, prior_rss_kb;	/* and what it used */
	char *log_other;	/* the log of the compile it needs that failed
				 * (relative to builddir), the result's */
	int64_t started;
	long long started_epoch_ms;
	enum status status;
	struct buf reason;
	size_t line;		/* the log line the reason is, or 0 */
	int leftovers;
	int finished;
};

/* The compile the fatal hook ends (fatal() takes no context). */
static struct cc *fatal_cc;

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
		buf_add(b, line, utf8_cut(line, REASON_MAX - 3));
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
load_line_from(struct cc *c, const char *builddir, const char *id,
    enum top_file list)
{
	char *path = layout_top(builddir, list);
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
		c->timeout = cl.timeout;
		c->grace = cl.grace;
		c->jobs = cl.jobs;
		found = 1;
		if (cl.names && *cl.names)
			c->names = xstrdup(cl.names);
	}
	free(path);
	free(text);
	return found ? 0 : -1;
}

/* A waves variant's line is in a list of its own (the report takes
 * every compile of compiles.list for one the tests need). */
static int
load_line(struct cc *c, const char *builddir, const char *id)
{
	return load_line_from(c, builddir, id, TOP_COMPILES_LIST) == 0 ? 0 :
	    load_line_from(c, builddir, id, TOP_WAVES_COMPILES);
}

/* What the compiler says it read, as a gcc-style depfile for ninja and
 * make: "OUTPUT: FILE...", then "FILE:" for each, so that make takes a
 * file that has since been deleted for a change, not an error (gcc -MP). */
static void
write_depfile(const struct cc *c)
{
	const char *mk = c->spec.deps_make;
	const char *lines = c->spec.deps_lines;
	const char *out = c->spec.depfile;
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
	esc_depfile(&b, c->made);
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
write_result(const struct cc *c, int begun)
{
	struct result res;
	struct buf b = {0};
	char *path = layout_in(c->spec.dir, DIR_RESULT);
	char *copy = xstrdup(c->names ? c->names : ""), *w, *save = NULL;

	result_init(&res);
	res.name = c->spec.id;
	for (w = strtok_r(copy, " ", &save); w; w = strtok_r(NULL, " ", &save))
		strlist_push(&res.designs, w);
	res.status = c->status;
	res.reason = c->reason.s ? c->reason.s : "";
	res.log = c->log_other ? xstrdup(c->log_other) :
	    layout_in(c->spec.id, c->log_file);
	res.log_line = (long long)c->line;
	res.start_epoch_ms = c->started_epoch_ms;
	res.duration_ms = c->prior_ms + now_ms() - c->started;
	outcome_usage(&res);
	/* a link's result spans the first edge: its usage too */
	res.cpu_ms += c->prior_cpu_ms;
	if (c->prior_rss_kb > res.max_rss_kb)
		res.max_rss_kb = c->prior_rss_kb;
	res.output = c->spec.output;
	res.command = (char *)c->cmd;
	outcome_ending(&res.end, &c->child);
	res.end.stopped = 0;	/* a compile's result does not say */
	res.leftovers_killed = c->leftovers;
	res.host = outcome_host();
	if (!begun && c->status != STATUS_PASS && !c->log_other)
		outcome_tail(&res.log_tail, c->log, 10);
	result_encode(&b, &res, RESULT_COMPILE);
	if (begun)
		outcome_put(c->spec.dir, &b);
	else if (file_write_atomic(path, b.s, b.len) != 0)
		fatal(errno, "cannot write %s", path);
	free(res.designs.v);
	free(res.log);
	list_free(res.log_tail.v);
	free(copy);
	free(path);
	buf_free(&b);
}

/* The first edge of two, when it passed: when it began, how long it
 * took and what it used (model.time: "START MS CPU_MS MAX_RSS_KB"),
 * which the link's result spans. */
static void
model_time_put(const struct cc *c)
{
	char *path = layout_in(c->spec.dir, DIR_MODEL_TIME);
	struct result u;
	char *text;

	result_init(&u);
	outcome_usage(&u);
	text = xasprintf("%lld %lld %lld %lld\n", c->started_epoch_ms,
	    (long long)(now_ms() - c->started), u.cpu_ms, u.max_rss_kb);

	if (file_write_atomic(path, text, strlen(text)) != 0)
		fatal(errno, "cannot write %s", path);
	free(text);
	free(path);
}

/* Write what the compile left and say how it went; the output exists
 * afterwards only when it passed. */
static void
finish(struct cc *c)
{
	int pass;

	/* a compiler that signals cosim-run misbehaves */
	if (treesignal_judge(&c->status, &c->reason, "the compile", "", "it"))
		c->line = 0;
	pass = c->status == STATUS_PASS;
	if (pass && !c->linking)
		write_depfile(c);	/* a failure to is an error, and said */
	if (pass && c->spec.link && !c->linking)	/* the model's edge */
		model_time_put(c);
	c->finished = 1;
	/* the output too: a supervisor (slurm.h) removed nothing first */
	if (!pass && ((file_unlink(c->made) != 0 && errno != ENOENT) ||
	    (file_unlink(c->spec.output) != 0 && errno != ENOENT)))
		fatal(errno, "cannot remove %s", c->made);
	if (pass && c->linking) {	/* the log of the compile, not the link's */
		free(c->log);
		c->log = layout_in(c->spec.dir, DIR_COMPILE_LOG);
		c->log_file = DIR_COMPILE_LOG;
	}
	write_result(c, 0);
	pidrecord_close();
	if (!pass && c->status != STATUS_INTERRUPTED) {
		printf("FAILED compile of %s: %s (log: %s", c->names ? c->names :
		    c->spec.id, c->reason.s ? c->reason.s : status_name(c->status), c->log);
		if (c->line)
			printf(":%zu", c->line);
		printf(")\n");
		fflush(stdout);
	}
}

/* Stop the compile and what it left; a terminating signal that arrives
 * meanwhile is returned. */
static int
stop(struct cc *c, int64_t grace)
{
	struct child *one[1] = {&c->child};

	return children_stop(one, 1, grace, &c->leftovers);
}

/* A fatal error of cosim-run itself stops the compile and still leaves a
 * result that says so. */
static void
on_fatal(const char *msg)
{
	struct cc *c = fatal_cc;

	if (!c || c->finished)
		return;
	c->finished = 1;
	stop(c, 0);
	c->status = STATUS_ERROR;
	buf_reset(&c->reason);
	buf_printf(&c->reason, "cosim-run failed: %s", msg);
	finish(c);
}

static void __attribute__((noreturn))
interrupted(struct cc *c, int sig)
{
	stop(c, 0);
	c->status = STATUS_INTERRUPTED;
	buf_reset(&c->reason);
	buf_printf(&c->reason, "interrupted by signal %d (%s)", sig,
	    strsignal(sig));
	finish(c);
	proc_reraise(sig);
}

/* Run the command to its end, or to the deadline; then judge it. */
static void
run(struct cc *c, int64_t timeout, int64_t grace)
{
	struct child *one[1] = {&c->child};
	int64_t deadline = timeout > 0 ? now_ms() + timeout : INT64_MAX;
	char *argv[4], **env = NULL;
	size_t n = 0;
	struct spawn s = {0};
	char **e;
	int sig;

	argv[0] = "/bin/sh";
	argv[1] = "-c";
	argv[2] = (char *)c->cmd;
	argv[3] = NULL;
	/* first, so a later run's sweep finds what this one left */
	list_push(&env, &n, xstrdup(proc_run_id()));
	/* how many jobs a Verilator compile's make may run */
	list_push(&env, &n, xasprintf("COSIM_COMPILE_JOBS=%lld",
	    (long long)(c->jobs > 0 ? c->jobs : 1)));
	for (e = c->environ; *e; e++)
		if (strncmp(*e, "COSIM_RUN_ID=", 13) != 0 &&
		    strncmp(*e, "COSIM_COMPILE_JOBS=", 19) != 0)
			list_push(&env, &n, xstrdup(*e));
	s.argv = argv;
	s.envp = env;
	s.out = c->log;
	s.err = c->log;		/* both open O_APPEND: lines interleave whole */
	s.listen_fd = -1;
	children_start(&c->child, &s, "compile");
	list_free(env);
	while (!c->child.reaped) {
		int ev = proc_event(one, 1, NULL, 0, deadline, &sig);

		if (ev == EV_SIGNAL)
			interrupted(c, sig);
		if (ev == EV_DEADLINE && now_ms() >= deadline) {
			if ((sig = stop(c, grace)))
				interrupted(c, sig);
			c->status = STATUS_TIMEOUT;
			buf_printf(&c->reason, "timed out after %.1f s "
			    "(compile_timeout %.1f s)", (double)(now_ms() -
			    c->started) / 1000, (double)timeout / 1000);
			return;
		}
	}
	c->leftovers += proc_kill_all();
	/* an interrupt that came with the compile's end (under Slurm the
	 * whole step gets it) */
	if ((sig = proc_pending_signal()))
		interrupted(c, sig);
	if (c->child.exec_errno) {
		c->status = STATUS_ERROR;
		buf_printf(&c->reason, "cannot run /bin/sh: %s",
		    strerror(c->child.exec_errno));
	} else if (c->child.signal || c->child.code != 0) {
		c->status = STATUS_FAIL;
		if (!first_error(c->log, &c->reason, &c->line)) {
			if (c->child.signal)
				buf_printf(&c->reason, "the compile was killed by "
				    "signal %d (%s)", c->child.signal,
				    strsignal(c->child.signal));
			else
				buf_printf(&c->reason, "the compile exited with "
				    "status %d and printed nothing",
				    c->child.code);
		}
	} else if (access(c->made, F_OK) != 0) {
		c->status = STATUS_FAIL;
		buf_printf(&c->reason, "the compile exited 0 but did not write "
		    "%s", c->made);
	} else {
		c->status = STATUS_PASS;
	}
}

/* Read the compile spec at path into c; a spec without what a compile
 * needs is fatal. */
static void
read_spec(struct cc *c, const char *path)
{
	static const char *const needed[] = {"id", "dir", "output",
		"builddir", "command"};
	const char *have[5];
	size_t i;

	if (compile_spec_read(&c->spec, &c->specfile, path) != 0)
		fatal(errno == EINVAL ? 0 : errno, "cannot read compile spec "
		    "%s%s", path, errno == EINVAL ? ": not a cosimgen "
		    "compile spec" : "");
	have[0] = c->spec.id;
	have[1] = c->spec.dir;
	have[2] = c->spec.output;
	have[3] = c->spec.builddir;
	have[4] = c->spec.command;
	for (i = 0; i < sizeof needed / sizeof *needed; i++)
		if (!have[i])
			fatal(0, "compile spec has no '%s'", needed[i]);
}

/* Start the record of the compile in its directory; 125 when the compile
 * is already running, else 0. */
static int
open_compile(struct cc *c)
{
	char *pids = layout_in(c->spec.dir, DIR_PIDS);
	struct buf why = {0};

	if (mkdir_p(c->spec.dir) != 0)
		fatal(errno, "cannot create %s", c->spec.dir);
	/* End what a killed earlier compile left, then start a new record. */
	if (pidrecord_open(pids, c->grace, &why) != 0) {
		fprintf(stderr, "cosim-run: the compile in %s is already "
		    "running: %s\n", c->spec.dir, why.s);
		buf_free(&why);
		free(pids);
		return 125;
	}
	free(pids);
	fatal_cc = c;
	fatal_hook(on_fatal);
	return 0;
}

/* executor = slurm, where ninja runs: the node's launcher compiles
 * (slurm.h); a result it did not leave is written here, a failed one
 * (error, or interrupted) that names srun.log, so the design's tests are
 * blocked by it and the edge runs again. */
static int
supervise(struct cc *c, char **args)
{
	struct slurm_job j = {0};
	struct slurm_end e = {0};
	struct buf why = {0};
	char *name;

	if (mkdir_p(c->spec.dir) != 0)
		fatal(errno, "cannot create %s", c->spec.dir);
	if (slurm_supervisor_lock(c->spec.dir, c->grace, &why) != 0) {
		fprintf(stderr, "cosim-run: the compile in %s is already "
		    "running: %s\n", c->spec.dir, why.s);
		buf_free(&why);
		return 125;
	}
	fatal_cc = c;
	fatal_hook(on_fatal);
	name = xasprintf("cosim:compile:%s", c->spec.id);
	j.dir = c->spec.dir;
	j.name = name;
	j.srun = &c->spec.srun;
	j.grace = c->grace;
	j.args = args;
	j.kind = RESULT_COMPILE;
	slurm_supervise(&j, c->environ, &e);
	free(name);
	if (e.node_result) {
		c->finished = 1;	/* nothing left to write here */
		slurm_exit_as_node(&e);
	}
	c->status = e.sig ? STATUS_INTERRUPTED : STATUS_ERROR;
	buf_puts(&c->reason, e.why.s);
	buf_free(&e.why);
	free(c->log);
	c->log = layout_in(c->spec.dir, DIR_SRUN_LOG);
	c->log_file = DIR_SRUN_LOG;
	finish(c);
	if (e.sig)
		proc_reraise(e.sig);
	return 0;
}

/* The link (the second edge): what the first edge left. Its objects
 * exist only when it passed (it removes them first, and again when it
 * fails), whatever a link wrote since. 0: link, the result spanning the
 * first edge (model.time); 1: the first edge failed, which stands (its
 * result said so); 2: it has not run. */
static int
first_edge(struct cc *c)
{
	char *path, *text;
	long long start, ms, cpu = 0, rss = 0;

	if (access(c->spec.objects, F_OK) != 0) {
		path = layout_in(c->spec.dir, DIR_RESULT);
		start = access(path, F_OK) == 0;
		free(path);
		return start ? 1 : 2;
	}
	path = layout_in(c->spec.dir, DIR_MODEL_TIME);
	text = file_read(path, NULL);
	/* an older model.time has no usage */
	if (text && sscanf(text, "%lld %lld %lld %lld", &start, &ms, &cpu,
	    &rss) >= 2 && ms >= 0) {
		c->started_epoch_ms = start;
		c->prior_ms = ms;
		c->prior_cpu_ms = cpu > 0 ? cpu : 0;
		c->prior_rss_kb = rss > 0 ? rss : 0;
	}
	free(text);
	free(path);
	return 0;
}

int
compile_main(const char *specpath, char **env, char **args, int linking)
{
	static struct cc compile;
	struct cc *c = &compile;
	struct timeouts lim = {0, 0, 0, 0};
	int listed, first = 0;

	c->environ = env;
	c->linking = linking;
	read_spec(c, specpath);
	beneath_root(c->spec.builddir);	/* no link below it followed */
	if (linking ? !c->spec.link : c->spec.link && !c->spec.objects)
		fatal(0, "compile spec %s has no '%s'", specpath,
		    linking ? "link" : "objects");
	c->cmd = linking ? c->spec.link : c->spec.command;
	c->made = c->spec.link && !linking ? c->spec.objects : c->spec.output;
	c->log_file = linking ? DIR_LINK_LOG : DIR_COMPILE_LOG;
	c->log = layout_in(c->spec.dir, c->log_file);
	listed = load_line(c, c->spec.builddir, c->spec.id);
	c->status = STATUS_ERROR;
	proc_init();
	c->started = now_ms();
	c->started_epoch_ms = epoch_ms();
	/* a first edge that failed stands: no link, no Slurm step */
	if (linking && (first = first_edge(c)) == 1)
		return 0;
	if (c->spec.slurm && args)
		return supervise(c, args);
	if (!args)	/* on a node: a supervisor may ask it to stop */
		proc_stop_requests();
	if (open_compile(c) != 0)
		return 125;
	/* Until it ends, the result says the compile did not finish: a
	 * cosim-run killed outright (SIGKILL, the OOM killer) leaves that,
	 * never the pass of an earlier compile. */
	buf_puts(&c->reason, "the compile did not finish (cosim-run was "
	    "killed before it could record how it ended)");
	write_result(c, 1);
	buf_reset(&c->reason);
	/* whatever is there afterwards, this compile wrote */
	if (file_unlink(c->spec.output) != 0 && errno != ENOENT)
		fatal(errno, "cannot remove %s", c->spec.output);
	if (c->spec.link && !c->linking && file_unlink(c->made) != 0 &&
	    errno != ENOENT)
		fatal(errno, "cannot remove %s", c->made);
	/* the compiler writes in its directory (deps files, Verilator's
	 * --Mdir) through whatever is there: no link planted there stays */
	beneath_unlink_links(c->spec.dir);
	/* without its limits or with a multiplier that cannot be used, an
	 * error: never an unlimited run */
	lim.test = c->timeout;
	if (listed != 0)
		buf_printf(&c->reason, "%s/compiles.list has no line for %s "
		    "(cosimgen writes it: run it again)", c->spec.builddir,
		    c->spec.id);
	else if (first == 2)
		buf_puts(&c->reason, "the link ran before the compile: run "
		    "ninja or make again");
	else if (linking && c->spec.needs &&
	    !compiled_needed(c->spec.builddir, c->spec.needs, &c->reason,
	    &c->log_other, &c->line)) {
		/* an error, without running: that compile's log says why */
		if (c->log_other) {
			free(c->log);
			c->log = path_join(c->spec.builddir, c->log_other);
		}
	} else if (timeouts_apply(&lim, &c->reason) == 0)
		run(c, lim.test, c->grace);
	finish(c);
	return 0;
}
