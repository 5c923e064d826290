/* outcome.c - see outcome.h. */
#include "outcome.h"
#include "beneath.h"
#include "coverage.h"
#include "file.h"
#include "keys.h"
#include "lastrun.h"
#include "layout.h"
#include "path.h"
#include "progress.h"
#include "repro.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The last lines of a log, for the result: only its last TAIL_BYTES are
 * read, and each line is cut at TAIL_LINE bytes (not inside a UTF-8
 * character), so a log of gigabytes costs no more than a small one. */
#define TAIL_BYTES 16384
#define TAIL_LINE 500

void
outcome_tail(struct strlist *l, const char *path, int lines)
{
	char raw[TAIL_BYTES], *text, *start, *line, *save = NULL;
	int fd = beneath_open(path, O_RDONLY | O_CLOEXEC, 0), n = 0;
	struct buf b = {0};
	off_t size;
	ssize_t got;
	size_t len = 0, i;

	if (fd < 0)
		return;
	size = lseek(fd, 0, SEEK_END);
	if (size > TAIL_BYTES)
		lseek(fd, size - TAIL_BYTES, SEEK_SET);
	else
		lseek(fd, 0, SEEK_SET);
	while (len < TAIL_BYTES &&
	    (got = read(fd, raw + len, TAIL_BYTES - len)) > 0)
		len += (size_t)got;
	close(fd);
	/* a NUL byte would end the text there, and the lines after it (the
	 * last ones, which matter) would be lost: it is shown as cat -v
	 * shows it */
	for (i = 0; i < len; i++)
		if (raw[i])
			buf_putc(&b, raw[i]);
		else
			buf_puts(&b, "^@");
	buf_putc(&b, '\0');
	text = b.s;
	len = b.len - 1;
	while (len && text[len - 1] == '\n')
		text[--len] = '\0';
	start = text + len;
	while (start > text && n < lines) {
		start--;
		if (*start == '\n')
			n++;
	}
	if (*start == '\n')
		start++;
	else if (start == text && size > TAIL_BYTES && strchr(start, '\n'))
		start = strchr(start, '\n') + 1;	/* a line cut by the window */
	for (line = strtok_r(start, "\n", &save); line;
	    line = strtok_r(NULL, "\n", &save)) {
		if (strlen(line) > TAIL_LINE)
			strcpy(line + utf8_cut(line, TAIL_LINE - 3), "...");
		strlist_push(l, xstrdup(line));
	}
	buf_free(&b);
}

void
outcome_ending(struct ending *e, const struct child *c)
{
	if (!c->started || !c->reaped)
		return;
	if (c->exec_errno) {
		e->kind = END_EXEC_ERROR;
		e->exec_error = strerror(c->exec_errno);
	} else {
		e->kind = c->signal ? END_SIGNAL : END_EXIT;
		e->code = c->signal ? c->signal : c->code;
	}
	e->stopped = c->killed;
}

static struct hit
hit_of(const struct scan_hit *h)
{
	struct hit out = {(int)h->stream, (long long)h->line, h->text};

	return out;
}

void
outcome_scan_fields(struct result *out, const struct run *r)
{
	size_t i;

	if (!r->scanned)
		return;
	if (r->scan.fail.text)
		out->fail_match = hit_of(&r->scan.fail);
	if (r->scan.skip.text)
		out->skip_match = hit_of(&r->scan.skip);
	out->warning_lines = (long long)r->scan.warn_lines;
	out->warnings.n = r->scan.nwarn;
	out->warnings.v = r->scan.nwarn ? xcalloc(r->scan.nwarn,
	    sizeof *out->warnings.v) : NULL;
	for (i = 0; i < r->scan.nwarn; i++)
		out->warnings.v[i] = hit_of(&r->scan.warn[i]);
	out->missing_pattern = (char *)r->scan.missing;
	out->scan_error = r->scan.error;
	if (r->scan.uvm.seen) {	/* allocated: see outcome.h */
		out->uvm_warnings = xasprintf("%lld",
		    r->scan.uvm.count[UVM_SEV_WARNING]);
		out->uvm_errors = xasprintf("%lld",
		    r->scan.uvm.count[UVM_SEV_ERROR]);
		out->uvm_fatals = xasprintf("%lld",
		    r->scan.uvm.count[UVM_SEV_FATAL]);
	}
}

char *
outcome_host(void)
{
	return *host_name() ? (char *)host_name() : NULL;
}

void
outcome_usage(struct result *r)
{
	struct proc_usage u = proc_usage_get();

	r->cpu_ms = u.cpu_ms;
	r->max_rss_kb = u.max_rss_kb;
}

/* The verdict of r into out: what any result starts with. */
static void
verdict_fields(struct result *out, const struct run *r)
{
	out->name = (char *)r->name;
	out->status = r->status;
	out->stage = (char *)r->stage;
	out->reason = r->reason.s ? r->reason.s : "";
	out->message = r->message;
	out->traceback = r->traceback;
}

void
outcome_rescanned(struct buf *b, const struct run *r, struct result *old)
{
	char *pre_scan_word = old->pre_scan_word;

	result_clear_verdict(old);
	/* what the test said is part of its verdict, derived again (a
	 * cocotb test's); the lines of the old one are the file's */
	free(old->traceback.v);
	verdict_fields(old, r);
	/* a status this version does not know stays as it was written */
	if (r->status == STATUS_UNKNOWN && r->has_pre_scan)
		old->status_word = pre_scan_word;
	outcome_scan_fields(old, r);
	result_encode(b, old, RESULT_TEST);
}

void
outcome_put(const char *dir, const struct buf *b)
{
	char *path = layout_in(dir, DIR_RESULT);
	char *prev = layout_in(dir, DIR_RESULT_PREV);

	if (file_write_keeping(path, prev, b->s, b->len) != 0)
		fatal(errno, "cannot write %s", path);
	free(path);
	free(prev);
}

/* The most a result keeps of the properties a test writes: the first
 * PROPS_BYTES of the file, PROPS_MAX properties at most. A test that
 * writes hundreds of megabytes there must not make its result, and every
 * report read from it, as large. */
#define PROPS_BYTES (1024 * 1024)
#define PROPS_MAX 10000

/* The KEY=VALUE lines of the properties file the test wrote, into l
 * (pointing into the returned text, which the caller frees); *cut says
 * what was kept when that is not all (allocated), else NULL. */
static char *
read_properties(struct strlist *l, const struct run *r, char **cut)
{
	char *path = xasprintf("%s/properties", r->rundir), *text, *line;
	char *save = NULL, *end;
	int fd = beneath_open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC, 0);
	struct stat st;
	size_t len = 0, extra = 0;
	ssize_t got;

	*cut = NULL;
	free(path);
	if (fd < 0 || fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		if (fd >= 0)
			close(fd);
		return NULL;
	}
	text = xmalloc(PROPS_BYTES + 1);
	while (len < PROPS_BYTES &&
	    (got = read(fd, text + len, PROPS_BYTES - len)) > 0)
		len += (size_t)got;
	close(fd);
	text[len] = '\0';
	/* a line cut by the limit is not a property */
	if ((off_t)len < st.st_size && (end = strrchr(text, '\n')))
		end[1] = '\0';
	else if ((off_t)len < st.st_size)
		text[0] = '\0';
	for (line = strtok_r(text, "\n", &save); line;
	    line = strtok_r(NULL, "\n", &save))
		if (strchr(line, '=') && l->n < PROPS_MAX)
			strlist_push(l, line);
		else if (strchr(line, '='))
			extra++;
	if ((off_t)len < st.st_size || extra)
		*cut = xasprintf("the test wrote %lld bytes of properties; "
		    "the result keeps the first %zu properties of the first "
		    "%d bytes", (long long)st.st_size, l->n, PROPS_BYTES);
	return text;
}

/* What the run left beside its verdict: the scan, the properties, the
 * logs' last lines and its design's failed compile. Returns what out's
 * properties point into. */
static char *
whole_fields(struct result *out, const struct run *r)
{
	char *props = NULL;
	int k;

	if (r->has_pre_scan)
		out->pre_scan = r->pre_scan;
	out->pre_scan_reason = r->pre_scan_reason;
	if (r->has_pre_scan)
		out->pre_scan_stage = (char *)r->pre_scan_stage;
	outcome_scan_fields(out, r);
	if (r->rundir)
		props = read_properties(&out->properties, r,
		    &out->properties_cut);
	/* a flaky test's last attempt passed: the failed one has its own */
	if (r->rundir && r->status != STATUS_PASS && r->status != STATUS_SKIP &&
	    r->status != STATUS_FLAKY)
		for (k = 0; k < TAIL_N; k++) {
			char *path = xasprintf("%s/%s", r->rundir, tail_log(k));

			outcome_tail(&out->tails[k], path, 10);
			free(path);
		}
	out->compile_log = r->compile.log;
	out->compile_log_line = r->compile.log_line;
	out->compile_log_tail = r->compile.log_tail;
	out->fixture = (char *)r->fixture.failed;
	out->fixture_log = r->fixture.log;
	out->fixture_log_tail = r->fixture.log_tail;
	out->log = r->own_log;
	if (r->waves && access(r->waves, F_OK) == 0)
		out->waves = r->waves_rel;
	return props;
}

/* The result of r; without whole, only what says what happened, for a
 * disk too full for the whole. */
static void
render(struct buf *b, const struct run *r, int whole)
{
	struct result out;
	char hash[17], *props = NULL;
	int k;

	result_init(&out);
	verdict_fields(&out, r);
	out.design = r->spec.design;
	out.sim = r->spec.sim;
	out.expect = r->spec.expect_fail ? "fail" : NULL;
	out.seed = (char *)r->seed;
	spec_hash(&r->spec, hash);
	/* a waves run: the hash of the test's spec, as the test's result
	 * has it (the report pairs them by it) */
	out.spec_hash = r->waves ? (char *)r->waves_hash : hash;
	out.inputs_hash = *r->inputs_hash ? (char *)r->inputs_hash : NULL;
	out.start_epoch_ms = r->started_epoch_ms;
	out.duration_ms = (long long)(now_ms() - r->started);
	outcome_usage(&out);
	out.rundir = (char *)r->rundir;
	out.port = r->spec.design ? (char *)r->port : NULL;
	outcome_ending(&out.sim_end, &r->sim);
	outcome_ending(&out.test_end, &r->test);
	out.leftovers_killed = r->leftovers;
	out.host = outcome_host();
	out.attempts = r->attempts_max > 1 ? r->attempt : 0;
	resources_lines(&r->held, &out.resources);
	if (whole)
		props = whole_fields(&out, r);
	if (whole)
		out.coverage = coverage_written(r);
	result_encode(b, &out, RESULT_TEST);
	free(out.coverage);
	free(props);
	list_free(out.resources.v);
	free(out.properties.v);
	free(out.properties_cut);
	free(out.warnings.v);
	free(out.uvm_warnings);
	free(out.uvm_errors);
	free(out.uvm_fatals);
	for (k = 0; k < TAIL_N; k++)
		list_free(out.tails[k].v);
}

void
outcome_write(struct run *r)
{
	struct buf b = {0};
	int e;

	r->writing = 1;
	render(&b, r, 1);
	if (lastrun_put(r->dir, b.s, b.len) != 0) {
		/* Out of space, most likely: a short result may still fit,
		 * and it says why the whole one is missing. */
		e = errno;
		r->status = STATUS_ERROR;
		buf_reset(&r->reason);
		buf_printf(&r->reason, "cannot write the result in %s: %s",
		    r->dir, strerror(e));
		buf_reset(&b);
		render(&b, r, 0);
		if (lastrun_put(r->dir, b.s, b.len) != 0)
			fatal(e, "cannot write the result in %s", r->dir);
	}
	buf_free(&b);
	r->writing = 0;
}

/* Write repro.sh for the run that ends now; a failure to is only told. */
void
outcome_write_repro(const struct run *r, char **env)
{
	struct repro rp = {0};
	char *exe = path_self(), *cwd = getcwd(NULL, 0), *path;

	if (!cwd || !exe) {
		free(cwd);
		free(exe);
		return;
	}
	rp.name = r->name;
	rp.status = status_name(r->status);
	rp.reason = r->reason.s ? r->reason.s : "";
	rp.cwd = cwd;
	rp.launcher = exe;
	rp.spec = r->specpath;
	rp.rundir = r->rundir ? r->rundir : "";
	rp.sim = r->sim_line.len ? r->sim_line.s : NULL;
	rp.test = r->test_line.len ? r->test_line.s : NULL;
	rp.given = r->given;
	rp.environ = env;
	rp.slurm = r->spec.slurm;
	rp.waves_sim = r->waves_sim;
	/* where a rerun with waves is (gen/waves.h offers it) */
	rp.waves_target = !r->waves && !r->spec.run && !r->spec.cocotb_test &&
	    (r->spec.simulator == SIM_VERILATOR ||
	    r->spec.simulator == SIM_ICARUS);
	path = layout_in(r->dir, DIR_REPRO);
	if (repro_write(path, &rp) != 0)
		fprintf(stderr, "cosim-run: cannot write %s: %s\n", path,
		    strerror(errno));
	free(path);
	free(cwd);
	free(exe);
}


void
outcome_print(const struct run *r, int again)
{
	int64_t ms = now_ms() - (again ? r->started : r->run_started);
	char note[64] = "", tally[160] = "";

	if (again)
		snprintf(note, sizeof note, ", attempt %lld of %lld",
		    r->attempt, r->attempts_max);
	else if (r->attempt > 1)
		snprintf(note, sizeof note, ", %lld attempts", r->attempt);
	if (!again)	/* the run ended: its suite run's tally */
		progress_note(r, tally, sizeof tally);
	printf("%-7s %s (%lld.%02llds%s)%s%s%s\n", status_name(r->status),
	    r->name, (long long)(ms / 1000), (long long)(ms % 1000 / 10), note,
	    r->reason.s && *r->reason.s ? ": " : "",
	    r->reason.s ? r->reason.s : "", tally);
	fflush(stdout);
}
