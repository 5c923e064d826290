/* report.c - see report.h. Loads the list and the results, counts them,
 * prints the summary and writes summary.txt and results.json; junit.c and
 * html.c render the other two files from the same struct report. */
#include "report.h"
#include "escape.h"
#include "lastrun.h"

#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

const char *const tally_words[TL_N] = {"passed", "failed", "skipped",
	"timed out", "crashed", "errors", "not run"};

enum tally
tally_of(const char *status)
{
	static const struct { const char *status; enum tally t; } map[] = {
		{"pass", TL_PASS}, {"xfail", TL_PASS}, {"fail", TL_FAIL},
		{"xpass", TL_FAIL}, {"skip", TL_SKIP}, {"timeout", TL_TIMEOUT},
		{"crash", TL_CRASH}, {"error", TL_ERROR},
		{"interrupted", TL_ERROR}, {"notrun", TL_NOTRUN},
	};
	size_t i;

	for (i = 0; i < sizeof map / sizeof map[0]; i++)
		if (strcmp(map[i].status, status) == 0)
			return map[i].t;
	return TL_FAIL;		/* a status this version does not know */
}

static long long
mtime_ms(const char *path)
{
	struct stat st;

	if (stat(path, &st) != 0)
		return 0;
	return (long long)st.st_mtim.tv_sec * 1000 + st.st_mtim.tv_nsec / 1000000;
}

const struct kvfile *
entry_info(const struct entry *e)
{
	return e->has_result ? &e->r : &e->sp;
}

const char *
entry_log(const struct entry *e)
{
	static const char *const tails[][2] = {
		{"test_err_tail", "test.err"}, {"test_out_tail", "test.out"},
		{"sim_err_tail", "sim.err"}, {"sim_out_tail", "sim.out"},
	};
	const char *m = kv_get(&e->r, "fail_match");
	size_t i;

	if (m) {
		for (i = 0; i < 4; i++)
			if (strncmp(m, tails[i][1], strlen(tails[i][1])) == 0 &&
			    m[strlen(tails[i][1])] == ':')
				return tails[i][1];
	}
	for (i = 0; i < 4; i++)
		if (kv_get(&e->r, tails[i][0]))
			return tails[i][1];
	return kv_get(&e->r, "test_exit") || kv_get(&e->r, "test_signal") ||
	    kv_get(&e->r, "test_exec_error") || (!e->has_result &&
	    kv_get(&e->sp, "command")) ? "test.out" : "sim.out";
}

long long
result_num(const struct kvfile *r, const char *key, long long max)
{
	const char *v = kv_get(r, key);
	long long n = v ? strtoll(v, NULL, 10) : 0;

	return n < 0 ? 0 : n > max ? max : n;
}

int
result_when(const struct kvfile *r, long long prev_ms, long long *start_ms,
    long long *dur_ms)
{
	*start_ms = result_num(r, "start_epoch_ms", 100000000000000LL);
	*dur_ms = result_num(r, "duration_ms", 100000000000LL);
	return *start_ms + *dur_ms > prev_ms;
}

/* Why e has no result: a run moves the last result aside when it starts,
 * and cosimgen when it changes the spec (see lastrun.h). */
static void
missing_result(const struct report *rp, struct entry *e)
{
	char *dir = xasprintf("%s/tests/%s", rp->builddir, e->name);

	switch (lastrun_state(dir)) {
	case LR_NEVER:
		e->status = "notrun";
		e->reason = "the test has not run";
		break;
	case LR_UNFINISHED:
		e->status = "error";
		e->reason = "its last run did not finish: cosim-run was "
		    "killed or stopped, could not write its result, or is "
		    "running now";
		break;
	case LR_FINISHED:
		e->status = "notrun";
		e->reason = "not run since its spec changed";
		break;
	}
	free(dir);
}

/* Read e's result; without a usable one, the status says why. */
static void
load_result(struct report *rp, struct entry *e)
{
	char *path = xasprintf("%s/tests/%s/result", rp->builddir, e->name);
	const char *s;
	size_t i;

	if (kv_read(&e->r, path, RESULT_MAGIC) != 0) {
		memset(&e->r, 0, sizeof e->r);
		if (errno == ENOENT) {
			missing_result(rp, e);
		} else {
			e->status = "error";
			e->reason = errno == EINVAL ? "its result file is damaged "
			    "(not a cosim-run result)" : "its result file cannot be "
			    "read";
		}
	} else if (!(s = kv_get(&e->r, "status")) || !*s) {
		e->status = "error";
		e->reason = "its result file holds no status (cut short?)";
	} else {
		e->has_result = 1;
		e->status = s;
		e->reason = kv_get(&e->r, "reason");
		e->design = kv_get(&e->r, "design");
		e->ran = result_when(&e->r, rp->prev_ms, &e->start_ms,
		    &e->dur_ms);
		e->seed = kv_get(&e->r, "seed");
		e->warning = kv_get(&e->r, "warning") ?
		    kv_get(&e->r, "warning") : "";
		if (kv_get(&e->r, "warning_lines"))
			e->warnings = result_num(&e->r, "warning_lines",
			    LLONG_MAX);
		else	/* an older result: its patterns' first matches */
			for (i = 0; kv_next(&e->r, "warning", &i);)
				e->warnings++;
	}
	if (!e->reason)
		e->reason = "";
	if (!e->has_result) {
		char *sp = xasprintf("%s/tests/%s/spec", rp->builddir, e->name);

		if (kv_read(&e->sp, sp, SPEC_MAGIC) == 0) {
			e->design = kv_get(&e->sp, "design");
			e->seed = kv_get(&e->sp, "seed");
		} else {
			memset(&e->sp, 0, sizeof e->sp);
		}
		free(sp);
	}
	free(path);
}

/* A line of the test list, "NAME LABEL...", split in place: the labels
 * as a NULL-terminated list. */
static char **
split_labels(char *line)
{
	static char *none[] = {NULL};
	char **labels = NULL, *w, *save = NULL;
	size_t n = 0;

	if (!(line = strchr(line, ' ')))
		return none;
	*line++ = '\0';
	for (w = strtok_r(line, " ", &save); w; w = strtok_r(NULL, " ", &save)) {
		labels = xrealloc(labels, (n + 2) * sizeof *labels);
		labels[n++] = w;
		labels[n] = NULL;
	}
	return labels ? labels : none;
}

static void
load(struct report *rp, char *list)
{
	char *name, *save = NULL;
	size_t cap = 0;

	for (name = strtok_r(list, "\n", &save); name;
	    name = strtok_r(NULL, "\n", &save)) {
		struct entry *e;

		if (rp->n == cap) {
			cap = cap ? 2 * cap : 64;
			rp->e = xrealloc(rp->e, cap * sizeof *rp->e);
		}
		e = &rp->e[rp->n++];
		memset(e, 0, sizeof *e);
		e->labels = split_labels(name);
		e->name = name;
		load_result(rp, e);
		e->tally = tally_of(e->status);
		rp->count[e->tally]++;
	}
}

char *
entry_log_path(const struct entry *e, size_t *line)
{
	const char *m = kv_get(&e->r, "fail_match");
	const char *clog = kv_get(&e->r, "compile_log");
	const char *log = entry_log(e);

	*line = 0;
	if (clog) {	/* its design did not compile: nothing ran */
		*line = (size_t)result_num(&e->r, "compile_log_line",
		    1000000000LL);
		return xstrdup(clog);
	}
	if (m && strncmp(m, log, strlen(log)) == 0)
		*line = (size_t)strtoul(m + strlen(log) + 1, NULL, 10);
	return xasprintf("tests/%s/run/%s", e->name, log);
}

struct span {
	long long start, end;
	int *lane;
};

static int
by_start(const void *a, const void *b)
{
	const struct span *x = a, *y = b;

	return x->start < y->start ? -1 : x->start > y->start;
}

/* Timeline rows: each item goes to the lowest row free at its start, so
 * there are as many rows as jobs ever ran at once. What ran this time is
 * placed (lane -1 otherwise), and the span it covers is kept in
 * <builddir>/.timeline. When nothing ran since the previous report (one
 * made by hand), the items within that kept span are placed again, so the
 * page shows the last run rather than results of different runs side by
 * side; without the file, every result is. */
static void
place(struct report *rp)
{
	struct span *s = xcalloc(rp->n + rp->nc + 1, sizeof *s);
	char *wpath = xasprintf("%s/.timeline", rp->builddir), *text;
	long long *ends = NULL, from = 0, to = LLONG_MAX / 2, last = 0;
	size_t i, n = 0;
	int any = 0, l;

	for (i = 0; i < rp->n; i++)
		any |= rp->e[i].has_result && rp->e[i].ran;
	for (i = 0; i < rp->nc; i++)
		any |= rp->c[i].ran;
	if (!any && (text = file_read(wpath, NULL))) {
		if (sscanf(text, "%lld %lld", &from, &to) != 2 || from < 20 ||
		    to > LLONG_MAX / 2)
			from = 0, to = LLONG_MAX / 2;
		free(text);
	}
	for (i = 0; i < rp->n; i++) {
		struct entry *e = &rp->e[i];

		e->lane = -1;
		if (e->has_result && e->start_ms && (any ? e->ran :
		    e->start_ms >= from && e->start_ms + e->dur_ms <= to))
			s[n++] = (struct span){e->start_ms, e->start_ms +
			    e->dur_ms, &e->lane};
	}
	for (i = 0; i < rp->nc; i++) {
		struct compile *c = &rp->c[i];

		c->lane = -1;
		if (c->start_ms > 0 && (any ? c->ran : c->start_ms >= from &&
		    c->start_ms + c->dur_ms <= to))
			s[n++] = (struct span){c->start_ms, c->start_ms +
			    c->dur_ms, &c->lane};
	}
	qsort(s, n, sizeof *s, by_start);
	for (i = 0; i < n; i++) {
		for (l = 0; l < rp->nlanes && ends[l] > s[i].start; l++)
			;
		if (l == rp->nlanes) {
			ends = xrealloc(ends, (size_t)(l + 1) * sizeof *ends);
			rp->nlanes++;
		}
		ends[l] = s[i].end;
		*s[i].lane = l;
		if (s[i].end > last)
			last = s[i].end;
	}
	rp->first = n ? s[0].start : 0;
	rp->last = last;
	if (any && n) {
		char *w = xasprintf("%lld %lld\n", s[0].start, last);

		if (file_write_atomic(wpath, w, strlen(w)) != 0)
			fatal(errno, "cannot write %s", wpath);
		free(w);
	}
	free(wpath);
	free(ends);
	free(s);
}

static int
match_one(const struct entry *e, const char *filter)
{
	static const char *const fields[] = {"label:", "design:", "status:"};
	size_t k;
	char **l;

	for (k = 0; k < 3; k++) {
		size_t n = strlen(fields[k]);

		if (strncmp(filter, fields[k], n) != 0)
			continue;
		filter += n;
		if (k == 1)
			return e->design && fnmatch(filter, e->design, 0) == 0;
		if (k == 2)
			return fnmatch(filter, e->status, 0) == 0;
		for (l = e->labels; *l; l++)
			if (fnmatch(filter, *l, 0) == 0)
				return 1;
		return 0;
	}
	return fnmatch(filter, e->name, 0) == 0;
}

/* Filters narrow one another: a test is shown when it matches every one,
 * so `--filter label:smoke --filter status:fail` gives the failed smoke
 * tests. Without a filter, every test is shown. */
int
entry_matches(const struct entry *e, const char *const *filters)
{
	for (; filters && *filters; filters++)
		if (!match_one(e, *filters))
			return 0;
	return 1;
}

static void
upper(struct buf *b, const char *s)
{
	for (; *s; s++)
		buf_putc(b, *s >= 'a' && *s <= 'z' ? *s - 'a' + 'A' : *s);
}

void
status_word(struct buf *b, const char *status)
{
	size_t at = b->len;

	upper(b, status);
	while (b->len < at + 8)
		buf_putc(b, ' ');
}

/* One entry per compile and per test that did not pass, then the counts. */
static void
summarise(struct report *rp, const char *const *filters)
{
	struct buf b = {0};
	size_t count[TL_N] = {0}, i, line;
	int k;

	compiles_summarise(rp, &b, filters);
	for (i = 0; i < rp->n; i++) {
		const struct entry *e = &rp->e[i];
		const char *m = kv_get(&e->r, "fail_match");
		const char *stage = kv_get(&e->r, "stage");
		char *log;

		if (!entry_matches(e, filters))
			continue;
		count[e->tally]++;
		if (e->tally == TL_PASS || e->tally == TL_SKIP) {
			if (e->warnings)
				buf_printf(&b, "WARN     %s: %lld warning line%s, "
				    "first: %s\n", e->name, e->warnings,
				    e->warnings == 1 ? "" : "s", e->warning);
			continue;
		}
		status_word(&b, e->status);
		buf_printf(&b, " %s", e->name);
		if (e->reason && *e->reason)
			buf_printf(&b, ": %s", e->reason);
		buf_putc(&b, '\n');
		if (e->tally == TL_NOTRUN)
			continue;
		if (m && !(stage && strcmp(stage, "scan") == 0))
			buf_printf(&b, "         first match: %s\n", m);
		if (e->warnings)
			buf_printf(&b, "         warnings: %lld line%s, first: "
			    "%s\n", e->warnings, e->warnings == 1 ? "" : "s",
			    e->warning);
		log = entry_log_path(e, &line);
		buf_printf(&b, "         log:   %s/%s", rp->builddir, log);
		if (line)
			buf_printf(&b, ":%zu", line);
		buf_putc(&b, '\n');
		/* a test that never started has nothing to reproduce */
		if (!kv_get(&e->r, "compile_log"))
			buf_printf(&b, "         repro: %s/tests/%s/repro.sh\n",
			    rp->builddir, e->name);
		free(log);
	}
	buf_printf(&b, "%zu passed, %zu failed", count[TL_PASS], count[TL_FAIL]);
	for (k = TL_SKIP; k < TL_N; k++)
		if (count[k])
			/* "1 error", as one says it; the other words are the
			 * same for one */
			buf_printf(&b, ", %zu %.*s", count[k], (int)strlen(
			    tally_words[k]) - (k == TL_ERROR && count[k] == 1),
			    tally_words[k]);
	if (rp->failed_compiles)
		buf_printf(&b, ", %zu compile%s failed", rp->failed_compiles,
		    rp->failed_compiles == 1 ? "" : "s");
	buf_putc(&b, '\n');
	rp->summary = buf_steal(&b);
	memcpy(rp->count, count, sizeof count);
}

/* Keys a result may repeat: they become arrays. */
static int
repeated(const char *key)
{
	size_t n = strlen(key);

	return strcmp(key, "warning") == 0 ||
	    (n > 5 && strcmp(key + n - 5, "_tail") == 0);
}

/* Whether a value is written as a JSON number: integer fields, when they
 * are an integer as JSON writes one (no sign but '-', no leading zero). */
static int
numeric(const char *key, const char *v)
{
	size_t n = strlen(key);
	const char *d = v + (*v == '-');

	if (!(n > 3 && strcmp(key + n - 3, "_ms") == 0) &&
	    !(n > 5 && strcmp(key + n - 5, "_exit") == 0) &&
	    !(n > 7 && strcmp(key + n - 7, "_signal") == 0) &&
	    strcmp(key, "leftovers_killed") != 0 && strcmp(key, "port") != 0 &&
	    strcmp(key, "seed") != 0 && strcmp(key, "warning_lines") != 0 &&
	    !(n > 5 && strcmp(key + n - 5, "_line") == 0))
		return 0;
	if (!*d || (d[0] == '0' && d[1]) || strlen(d) > 15)
		return 0;
	return strspn(d, "0123456789") == strlen(d);
}

/* The first index of key in r, so that a key is written once. */
static size_t
first_of(const struct kvfile *r, const char *key)
{
	size_t j;

	for (j = 0; strcmp(r->keys[j], key) != 0; j++)
		;
	return j;
}

static void
json_entry(struct buf *b, const struct report *rp, const struct entry *e)
{
	const struct kvfile *r = e->has_result ? &e->r : entry_info(e);
	size_t i, j;
	int nprop = 0;
	char *p;

	buf_puts(b, "{\"name\": ");
	esc_json(b, e->name);
	buf_puts(b, ", \"status\": ");
	esc_json(b, e->status);
	buf_printf(b, ", \"ran_this_time\": %s", e->ran && e->has_result ?
	    "true" : "false");
	p = xasprintf("%s/tests/%s/repro.sh", rp->builddir, e->name);
	buf_puts(b, ", \"repro\": ");
	esc_json(b, p);
	free(p);
	{
		size_t line;
		char *log = entry_log_path(e, &line);

		p = xasprintf("%s/%s", rp->builddir, log);
		buf_puts(b, ", \"log\": ");
		esc_json(b, p);
		free(p);
		free(log);
	}
	if (*e->labels) {
		buf_puts(b, ", \"label\": [");
		for (i = 0; e->labels[i]; i++) {
			buf_puts(b, i ? ", " : "");
			esc_json(b, e->labels[i]);
		}
		buf_putc(b, ']');
	}
	/* the recorded reason, or why there is none, or why the report
	 * does not take the recorded one (see compiles_judge) */
	buf_puts(b, ", \"reason\": ");
	esc_json(b, e->reason);
	if (!e->has_result) {
		/* what the spec says of it */
		if (e->design) {
			buf_puts(b, ", \"design\": ");
			esc_json(b, e->design);
		}
	}
	for (i = 0; i < r->n; i++) {
		const char *k = r->keys[i];

		/* labels are the manifest's now, from the list */
		if (!e->has_result || !strcmp(k, "name") ||
		    !strcmp(k, "status") || !strcmp(k, "reason") ||
		    !strcmp(k, "property") ||
		    !strcmp(k, "label") || first_of(r, k) < i)
			continue;
		buf_puts(b, ", ");
		esc_json(b, k);
		buf_puts(b, ": ");
		if (repeated(k)) {
			buf_putc(b, '[');
			for (j = i; j < r->n; j++)
				if (strcmp(r->keys[j], k) == 0) {
					if (j > i)
						buf_puts(b, ", ");
					esc_json(b, r->vals[j]);
				}
			buf_putc(b, ']');
		} else if (numeric(k, r->vals[i])) {
			buf_puts(b, r->vals[i]);
		} else {
			esc_json(b, r->vals[i]);
		}
	}
	buf_puts(b, ", \"properties\": {");
	for (i = 0; e->has_result && i < r->n; i++) {
		const char *eq;

		if (strcmp(r->keys[i], "property") != 0 ||
		    !(eq = strchr(r->vals[i], '=')))
			continue;
		p = xstrndup(r->vals[i], (size_t)(eq - r->vals[i]));
		buf_puts(b, nprop++ ? ", " : "");
		esc_json(b, p);
		buf_puts(b, ": ");
		esc_json(b, eq + 1);
		free(p);
	}
	buf_puts(b, "}}");
}

static void
json_render(struct buf *b, const struct report *rp)
{
	size_t i;
	int k;
	const char *last = strrchr(rp->summary, '\n');

	while (last > rp->summary && last[-1] != '\n')
		last--;
	buf_puts(b, "{\"format\": \"cosimgen-results\", \"version\": 1,\n"
	    " \"builddir\": ");
	esc_json(b, rp->builddir);
	buf_printf(b, ",\n \"report_epoch_ms\": %lld,\n \"previous_report_"
	    "epoch_ms\": %lld,\n \"counts\": {", rp->now_ms, rp->prev_ms);
	for (k = 0; k < TL_N; k++)
		buf_printf(b, "%s\"%s\": %zu", k ? ", " : "", tally_words[k],
		    rp->count[k]);
	buf_puts(b, "},\n \"summary\": ");
	{
		char *s = xstrndup(last, strlen(last) - 1);

		esc_json(b, s);
		free(s);
	}
	buf_puts(b, ",\n \"compiles\": [\n");
	for (i = 0; i < rp->nc; i++) {
		buf_puts(b, "  ");
		compiles_json(b, rp, &rp->c[i]);
		buf_puts(b, i + 1 < rp->nc ? ",\n" : "\n");
	}
	buf_puts(b, " ],\n \"tests\": [\n");
	for (i = 0; i < rp->n; i++) {
		buf_puts(b, "  ");
		json_entry(b, rp, &rp->e[i]);
		buf_puts(b, i + 1 < rp->n ? ",\n" : "\n");
	}
	buf_puts(b, " ]}\n");
}

static void
put(const struct report *rp, const char *file, const struct buf *b)
{
	char *path = xasprintf("%s/%s", rp->builddir, file);

	if (file_write_atomic(path, b->s, b->len) != 0)
		fatal(errno, "cannot write %s", path);
	free(path);
}

/* The time of results.json is when the report began, to the millisecond,
 * from the same clock as the results' times: a file system keeps a
 * coarser clock for the times it sets itself, which could put a test that
 * ended before the report after it. */
static void
stamp_time(const struct report *rp, const char *file)
{
	char *path = xasprintf("%s/%s", rp->builddir, file);
	struct timespec t[2];

	t[0].tv_sec = (time_t)(rp->now_ms / 1000);
	t[0].tv_nsec = (long)(rp->now_ms % 1000) * 1000000;
	t[1] = t[0];
	if (utimensat(AT_FDCWD, path, t, 0) != 0)
		fatal(errno, "cannot set the time of %s", path);
	free(path);
}

int
report_run(const char *builddir, const char *const *filters)
{
	int filter = filters && *filters;
	struct report rp = {0};
	struct timespec now;
	struct buf b = {0};
	char *path, *list;
	size_t i;
	int status;

	rp.builddir = builddir;
	path = xasprintf("%s/tests.list", builddir);
	list = file_read(path, NULL);
	if (!list) {
		fprintf(stderr, "cosimgen: report: cannot read %s: %s (is %s "
		    "the builddir? name it: cosimgen report BUILDDIR; or run "
		    "cosimgen on the manifest first)\n", path, strerror(errno),
		    builddir);
		free(path);
		return 1;
	}
	free(path);
	clock_gettime(CLOCK_REALTIME, &now);
	rp.now_ms = (long long)now.tv_sec * 1000 + now.tv_nsec / 1000000;
	path = xasprintf("%s/results.json", builddir);
	rp.prev_ms = mtime_ms(path);
	free(path);
	load(&rp, list);
	compiles_load(&rp);
	compiles_judge(&rp);
	summarise(&rp, filters);
	if (filter) {
		size_t shown = 0, f;
		int k;

		for (k = 0; k < TL_N; k++)
			shown += rp.count[k];
		if (!shown) {
			fprintf(stderr, "cosimgen: report: no test matches ");
			for (f = 0; filters[f]; f++)
				fprintf(stderr, "%s'%s'", f ? " and " : "",
				    filters[f]);
			fprintf(stderr, " (a name pattern, or label:, design: "
			    "or status: and a pattern)\n");
			for (f = 0; filters[f]; f++)
				if (strncmp(filters[f], "status:", 7) == 0)
					break;
			if (filters[f])
				fprintf(stderr, "cosimgen: report: the statuses "
				    "are pass, fail, timeout, crash, error, "
				    "interrupted, skip, xfail, xpass and notrun\n");
			rp.count[TL_ERROR] = 1;	/* exit 1 */
			goto done;
		}
	}
	fputs(rp.summary, stdout);
	fflush(stdout);
	if (!filter) {
		place(&rp);
		buf_puts(&b, rp.summary);
		put(&rp, "summary.txt", &b);
		buf_reset(&b);
		json_render(&b, &rp);
		put(&rp, "results.json", &b);
		stamp_time(&rp, "results.json");
		buf_reset(&b);
		junit_render(&b, &rp);
		put(&rp, "report.xml", &b);
		buf_reset(&b);
		html_render(&b, &rp);
		put(&rp, "report.html", &b);
	}
done:
	status = rp.count[TL_FAIL] + rp.count[TL_TIMEOUT] + rp.count[TL_CRASH] +
	    rp.count[TL_ERROR] + rp.count[TL_NOTRUN] + rp.failed_compiles ? 1 : 0;
	buf_free(&b);
	for (i = 0; i < rp.n; i++) {
		kv_free(&rp.e[i].r);
		kv_free(&rp.e[i].sp);
		free(rp.e[i].judged);
		if (*rp.e[i].labels)
			free(rp.e[i].labels);
	}
	for (i = 0; i < rp.nc; i++) {
		free(rp.c[i].id);
		free(rp.c[i].label);
		kv_free(&rp.c[i].r);
	}
	free(rp.c);
	free(rp.e);
	free(rp.summary);
	free(list);
	return status;
}
