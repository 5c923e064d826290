/* report.c - see report.h. The command: load (one build directory, or
 * several merged), filter, the console summary, writing the four files,
 * recording the run, the exit status. */
#include "wavesreport.h"
#include "report.h"
#include "seeding.h"
#include "signature.h"
#include "buckets.h"
#include "triage.h"
#include "builddir.h"
#include "file.h"
#include "compiles.h"
#include "coverage.h"
#include "history.h"
#include "html.h"
#include "json.h"
#include "junit.h"
#include "layout.h"
#include "merge.h"
#include "provenance.h"
#include "record.h"
#include "results.h"
#include "timeline.h"
#include "trends.h"
#include "util.h"
#include "waivers.h"

#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

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
			return fnmatch(filter, results_word(e->status,
			    e->status_word), 0) == 0;
		for (l = e->labels; *l; l++)
			if (fnmatch(filter, *l, 0) == 0)
				return 1;
		return 0;
	}
	return fnmatch(filter, e->name, 0) == 0;
}

/* A filter "A|B|..." matches when one of its alternatives does (no name,
 * label, design or status holds a '|'): `cosimgen run` shows the tests it
 * ran with one. */
static int
match_any(const struct entry *e, const char *filter)
{
	const char *bar;
	char *alt;
	int m;

	while ((bar = strchr(filter, '|'))) {
		alt = xstrndup(filter, (size_t)(bar - filter));
		m = match_one(e, alt);
		free(alt);
		if (m)
			return 1;
		filter = bar + 1;
	}
	return match_one(e, filter);
}

static int
by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Whether o shows only some tests. */
static int
filtering(const struct report_opts *o)
{
	return (o->filters && *o->filters) || o->only;
}

/* Filters narrow one another: a test is shown when it matches every one,
 * so `--filter label:smoke --filter status:fail` gives the failed smoke
 * tests, and when it is one of o->only, if given. Without a filter,
 * every test is shown. */
static int
matches(const struct entry *e, const struct report_opts *o)
{
	const char *const *f;

	if (o->only && !bsearch(&e->name, o->only, o->nonly, sizeof *o->only,
	    by_name))
		return 0;
	for (f = o->filters; f && *f; f++)
		if (!match_any(e, *f))
			return 0;
	return 1;
}

/* The status column of a summary entry: in capitals, padded. */
static void
status_word(struct buf *b, const char *status)
{
	size_t at = b->len;

	for (; *status; status++)
		buf_putc(b, *status >= 'a' && *status <= 'z' ?
		    *status - 'a' + 'A' : *status);
	while (b->len < at + 8)
		buf_putc(b, ' ');
}

/* The log line of an entry: log is relative to home, the build directory
 * the test or the compile ran in. */
static void
log_line(struct buf *b, const char *home, const char *log, size_t line)
{
	buf_printf(b, "         log:   %s/%s", home, log);
	if (line)
		buf_printf(b, ":%zu", line);
	buf_putc(b, '\n');
}

/* One entry per compile that did not pass and that, with filters, builds
 * the design of a test they select, with its first error and its log:
 * the errors of its tests follow from it. */
static void
summarise_compiles(struct report *rp, struct buf *b,
    const struct report_opts *o)
{
	size_t i, j;

	for (i = 0; i < rp->nc; i++) {
		struct compile *c = &rp->c[i];

		c->shown = !filtering(o);
		for (j = 0; !c->shown && j < rp->n; j++)
			c->shown = matches(&rp->e[j], o) &&
			    compiles_builds(c, &rp->e[j]);
		if (!c->shown || c->status == STATUS_PASS)
			continue;
		rp->failed_compiles++;
		status_word(b, results_word(c->status, c->status_word));
		buf_printf(b, " compile of %s: %s\n", c->label, c->reason);
		log_line(b, c->home, c->log, c->log_line);
	}
}

/* The earlier attempts of e that did not pass, each with its status,
 * reason, first match and log. */
static void
summarise_attempts(struct buf *b, const struct entry *e)
{
	size_t i;

	for (i = 0; i < e->natt; i++) {
		const struct attempt *a = &e->att[i];

		if (status_is_pass(a->status))
			continue;
		buf_printf(b, "         attempt %lld: %s", a->k,
		    results_word(a->status, a->status_word));
		if (*a->reason)
			buf_printf(b, ": %s", a->reason);
		buf_putc(b, '\n');
		if (a->match)
			buf_printf(b, "         attempt %lld first match: %s\n",
			    a->k, a->match);
		buf_printf(b, "         attempt %lld log: %s/%s", a->k,
		    e->home, a->log_path);
		if (a->log_line)
			buf_printf(b, ":%zu", a->log_line);
		buf_putc(b, '\n');
	}
}

static void
summarise_warnings(struct buf *b, const struct entry *e)
{
	if (e->warnings)
		buf_printf(b, "         warnings: %lld line%s, first: %s\n",
		    e->warnings, e->warnings == 1 ? "" : "s", e->warning);
}

/* Lines of a test's message the summary shows, and bytes of each: the
 * rest is in the other reports and the log. */
#define SAID_LINES 5
#define SAID_WIDTH 200
#define SAID_INDENT "                  "

/* What a test that failed said: its message, SAID_LINES lines at most
 * (none when it is one line the reason already says), and the frame of
 * its traceback in its own file. */
static void
summarise_said(struct buf *b, const struct entry *e)
{
	const char *m = e->r.message;
	size_t len = results_message_len(m), at, n, lines = 0;

	if (len && memchr(m, '\n', len) == NULL &&
	    results_reason_says(e->reason, m))
		len = 0;
	for (at = 0; at < len; at += n + 1) {
		n = strcspn(m + at, "\n");
		if (n > len - at)
			n = len - at;
		if (lines++ >= SAID_LINES)
			continue;
		buf_puts(b, lines > 1 ? SAID_INDENT : "         message: ");
		if (n > SAID_WIDTH) {
			buf_add(b, m + at, utf8_cut(m + at, SAID_WIDTH));
			buf_puts(b, "...");
		} else {
			buf_add(b, m + at, n);
		}
		buf_putc(b, '\n');
	}
	if (lines > SAID_LINES)
		buf_printf(b, SAID_INDENT "(%zu more line%s)\n",
		    lines - SAID_LINES, lines - SAID_LINES == 1 ? "" : "s");
	if (e->at)
		buf_printf(b, "         at:    %s\n", e->at);
}

/* A test's entry: a warning line for one that passed or was skipped,
 * else its status, reason, what it said (message, frame), first match,
 * warnings, log and repro (a flaky
 * one: the attempts that failed instead of the last one's log), and its
 * earlier attempts that did not pass. */
static void
summarise_entry(struct buf *b, const struct report *rp,
    const struct entry *e)
{
	if (e->tally == TL_PASS || e->tally == TL_SKIP) {
		if (e->warnings)
			buf_printf(b, "WARN     %s: %lld warning line%s, "
			    "first: %s\n", e->name, e->warnings,
			    e->warnings == 1 ? "" : "s", e->warning);
		return;
	}
	status_word(b, e->waiver ? tally_words[TL_WAIVED] :
	    results_word(e->status, e->status_word));
	buf_printf(b, " %s", e->name);
	if (e->reason && *e->reason)
		buf_printf(b, ": %s", e->reason);
	if (e->waiver)
		waivers_note(b, e->waiver);
	triage_note(b, rp, e);
	buf_putc(b, '\n');
	if (e->tally == TL_NOTRUN)
		return;
	if (e->waiver) {
		log_line(b, e->home, e->log_path, e->log_line);
		return;
	}
	if (e->tally == TL_FLAKY) {
		summarise_warnings(b, e);
		summarise_attempts(b, e);
		return;
	}
	summarise_said(b, e);
	if (e->match)
		buf_printf(b, "         first match: %s\n", e->match);
	summarise_warnings(b, e);
	log_line(b, e->home, e->log_path, e->log_line);
	/* a test that never started has nothing to reproduce */
	if (!e->compile_log && !e->fixture_log)
		buf_printf(b, "         repro: %s/%s\n", e->home, e->repro);
	if (e->waves)
		buf_printf(b, "         waves: %s/%s\n", e->home, e->waves);
	else if (e->waves_note)
		buf_printf(b, "         waves: %s\n", e->waves_note);
	summarise_attempts(b, e);
}

/* A WARNING entry for each fixture cleanup that did not pass: the tests
 * that used the fixture keep their verdicts. */
static void
summarise_cleanups(struct buf *b, const struct report *rp)
{
	size_t i;

	for (i = 0; i < rp->ncl; i++) {
		const struct compile *c = &rp->cl[i];

		if (c->status == STATUS_PASS)
			continue;
		buf_printf(b, "WARNING  cleanup of fixture %s (%s)", c->label,
		    results_word(c->status, c->status_word));
		if (*c->reason)
			buf_printf(b, ": %s", c->reason);
		buf_putc(b, '\n');
		log_line(b, c->home, c->log, c->log_line);
	}
}

/* The last line: the counts of what the filters show. */
static void
summarise_counts(struct buf *b, const struct report *rp,
    const size_t *count)
{
	int k;

	buf_printf(b, "%zu passed, %zu failed", count[TL_PASS], count[TL_FAIL]);
	for (k = TL_FLAKY; k < TL_N; k++)
		if (count[k])
			/* "1 error", as one says it; the other words are the
			 * same for one */
			buf_printf(b, ", %zu %.*s", count[k], (int)strlen(
			    tally_words[k]) - (k == TL_ERROR && count[k] == 1),
			    tally_words[k]);
	if (rp->failed_compiles)
		buf_printf(b, ", %zu compile%s failed", rp->failed_compiles,
		    rp->failed_compiles == 1 ? "" : "s");
	buf_putc(b, '\n');
}

static int
reason_cmp(const struct entry *x, const struct entry *y)
{
	return strcmp(x->reason ? x->reason : "", y->reason ? y->reason : "");
}

/* Sorts entries by reason, then by where they stand. */
static int
by_reason(const void *a, const void *b)
{
	const struct entry *x = *(const struct entry *const *)a;
	const struct entry *y = *(const struct entry *const *)b;
	int c = reason_cmp(x, y);

	return c ? c : (x > y) - (x < y);
}

/* The tests that did not run, NOTRUN_EACH at most listed one by one for
 * each reason: a suite that max_failures stopped has hundreds with the
 * same one. More are one entry, the reason and the first names. */
#define NOTRUN_EACH 3
#define NOTRUN_NAMES 10

static void
summarise_notrun(struct buf *b, const struct report *rp,
    const struct entry **v, size_t n)
{
	size_t i, j, k;

	qsort(v, n, sizeof *v, by_reason);
	for (i = 0; i < n; i = j) {
		for (j = i + 1; j < n && reason_cmp(v[i], v[j]) == 0; j++)
			;
		if (j - i <= NOTRUN_EACH) {
			for (k = i; k < j; k++)
				summarise_entry(b, rp, v[k]);
			continue;
		}
		status_word(b, results_word(STATUS_NOTRUN, NULL));
		buf_printf(b, " %zu tests: %s\n         ", j - i,
		    v[i]->reason ? v[i]->reason : "");
		for (k = i; k < j && k < i + NOTRUN_NAMES; k++)
			buf_printf(b, "%s%s", k > i ? " " : "", v[k]->name);
		if (j - i > NOTRUN_NAMES)
			buf_printf(b, " and %zu more", j - i - NOTRUN_NAMES);
		buf_putc(b, '\n');
	}
}

/* One entry per compile and per test that did not pass (the tests that
 * did not run last, by reason), then the counts of the tests shown,
 * which become rp->count. */
static void
summarise(struct report *rp, const struct report_opts *o)
{
	struct buf b = {0};
	size_t count[TL_N] = {0}, i, last, nv = 0;
	const struct entry **v = xcalloc(rp->n + 1, sizeof *v);
	struct triage_counts tc = {0};

	if (!filtering(o))	/* the buckets are of every test */
		buckets_summary(&b, rp);
	summarise_compiles(rp, &b, o);
	for (i = 0; i < rp->n; i++) {
		if (!matches(&rp->e[i], o))
			continue;
		count[rp->e[i].tally]++;
		triage_count(&tc, &rp->e[i]);
		if (rp->e[i].tally == TL_NOTRUN)
			v[nv++] = &rp->e[i];
		else
			summarise_entry(&b, rp, &rp->e[i]);
	}
	summarise_notrun(&b, rp, v, nv);
	free(v);
	summarise_cleanups(&b, rp);
	if (!filtering(o))	/* as the buckets */
		triage_line(&b, rp, &tc);
	if (rp->seed_epoch >= 0 && rp->seeds_override >= 0)
		buf_printf(&b, "seed epoch %lld, --seeds %lld (cosimgen "
		    "--seed-epoch %lld --seeds %lld draws these seeds again)\n",
		    rp->seed_epoch, rp->seeds_override, rp->seed_epoch,
		    rp->seeds_override);
	else if (rp->seed_epoch >= 0)
		buf_printf(&b, "seed epoch %lld (cosimgen --seed-epoch %lld "
		    "draws these seeds again)\n", rp->seed_epoch,
		    rp->seed_epoch);
	coverage_line(&b, rp);
	waivers_summary(&b, rp);
	last = b.len;
	summarise_counts(&b, rp, count);
	rp->summary = buf_steal(&b);
	rp->summary_last = rp->summary + last;
	memcpy(rp->count, count, sizeof count);
}

/* With filters that show no test, say so; 1 then. */
static int
none_shown(const struct report *rp, const struct report_opts *o)
{
	static const char *const none[] = {NULL};
	const char *const *filters = o->filters ? o->filters : none;
	size_t shown = 0, f;
	int k;

	for (k = 0; k < TL_N; k++)
		shown += rp->count[k];
	if (shown)
		return 0;
	if (!*filters) {
		fprintf(stderr, "cosimgen: report: none of the %zu tests named "
		    "is in %s\n", o->nonly, rp->builddir);
		return 1;
	}
	fprintf(stderr, "cosimgen: report: no test matches ");
	for (f = 0; filters[f]; f++)
		fprintf(stderr, "%s'%s'", f ? " and " : "", filters[f]);
	fprintf(stderr, " (a name pattern, or label:, design: or status: and "
	    "a pattern)\n");
	for (f = 0; filters[f]; f++)
		if (strncmp(filters[f], "status:", 7) == 0)
			break;
	if (filters[f])
		fprintf(stderr, "cosimgen: report: the statuses are pass, fail, "
		    "flaky, timeout, crash, error, interrupted, skip, xfail, "
		    "xpass and notrun\n");
	return 1;
}

static void
put(const struct report *rp, enum top_file f, const char *s, size_t len)
{
	char *path = layout_top(rp->builddir, f);

	if (file_write_atomic(path, s, len) != 0)
		fatal(errno, "cannot write %s", path);
	free(path);
}

/* The time of results.json is when the report began, to the millisecond,
 * from the same clock as the results' times: a file system keeps a
 * coarser clock for the times it sets itself, which could put a test that
 * ended before the report after it. */
static void
stamp_time(const struct report *rp, enum top_file f)
{
	char *path = layout_top(rp->builddir, f);
	struct timespec t[2];

	t[0].tv_sec = (time_t)(rp->now_ms / 1000);
	t[0].tv_nsec = (long)(rp->now_ms % 1000) * 1000000;
	t[1] = t[0];
	if (utimensat(AT_FDCWD, path, t, 0) != 0)
		fatal(errno, "cannot set the time of %s", path);
	free(path);
}

/* Place the timeline, keeping the span of what ran this time in
 * <builddir>/.timeline (see timeline.c). */
static void
place(struct report *rp)
{
	char *path = layout_top(rp->builddir, TOP_TIMELINE);
	char *kept = file_read(path, NULL);

	if (timeline_place(rp, kept)) {
		char *w = xasprintf("%lld %lld\n", rp->first, rp->last);

		put(rp, TOP_TIMELINE, w, strlen(w));
		free(w);
	}
	free(kept);
	free(path);
}

/* Write summary.txt, results.json, report.xml and report.html (in a
 * merged report's OUTDIR, made when it is not there). */
static void
write_files(struct report *rp)
{
	struct buf b = {0};

	if (rp->merged && mkdir_p(rp->builddir) != 0)
		fatal(errno, "cannot create %s", rp->builddir);
	place(rp);
	put(rp, TOP_SUMMARY, rp->summary, strlen(rp->summary));
	json_render(&b, rp);
	put(rp, TOP_RESULTS_JSON, b.s, b.len);
	stamp_time(rp, TOP_RESULTS_JSON);
	buf_reset(&b);
	junit_render(&b, rp);
	put(rp, TOP_REPORT_XML, b.s, b.len);
	buf_reset(&b);
	html_render(&b, rp);
	put(rp, TOP_REPORT_HTML, b.s, b.len);
	buf_free(&b);
}

/* The run history: o's file, or BUILDDIR/history (allocated). */
static char *
history_path(const struct report *rp, const struct report_opts *o)
{
	return o->history ? xstrdup(o->history) :
	    layout_top(rp->builddir, TOP_HISTORY);
}

/* o with a sorted copy of its only, for bsearch; free its only after. */
static struct report_opts
sorted_only(const struct report_opts *o)
{
	struct report_opts s = *o;
	char **v;

	if (o->only) {
		v = xcalloc(o->nonly + 1, sizeof *v);
		memcpy(v, o->only, o->nonly * sizeof *v);
		qsort(v, o->nonly, sizeof *v, by_name);
		s.only = v;
	}
	return s;
}

/* Summarise rp, print the summary, and without a filter write the files
 * and record the run; returns the exit status. */
static int
conclude(struct report *rp, const struct report_opts *opts)
{
	struct report_opts so = sorted_only(opts), *o = &so;
	int filter = filtering(o), status, herr = 0;
	char *hpath = history_path(rp, o);
	struct history h;
	struct trends t;

	if (history_read(&h, hpath) != 0) {
		herr = errno;
		memset(&h, 0, sizeof h);
	}
	rp->hist = &h;
	if (!filter)	/* it writes files, as the reports */
		coverage_merge(rp);
	if (!filter)
		provenance_load(rp);
	signature_all(rp);
	waivers_apply(rp);
	buckets_make(rp);
	triage_mark(rp, o->unstable_runs);
	summarise(rp, o);
	if (filter && none_shown(rp, o)) {
		rp->count[TL_ERROR] = 1;	/* exit 1 */
	} else {
		fputs(rp->summary, stdout);
		fflush(stdout);
		if (!filter) {
			trends_compute(&t, rp, o->trend_runs);
			rp->trends = &t;
			write_files(rp);
			rp->trends = NULL;
			trends_free(&t);
			record_run(rp, hpath, herr, o->history_runs ?
			    o->history_runs : HISTORY_RUNS);
		}
	}
	status = (rp->count[TL_FAIL] + rp->count[TL_TIMEOUT] +
	    rp->count[TL_CRASH] + rp->count[TL_ERROR] + rp->count[TL_NOTRUN] +
	    rp->failed_compiles) ? 1 : 0;
	free(rp->summary);
	buckets_free(rp);
	signature_free(rp);
	coverage_free(rp);
	waivers_done(rp);
	provenance_free(rp);
	free((char **)so.only);
	history_free(&h);
	rp->hist = NULL;
	free(hpath);
	return status;
}

/* The seed epoch builddir keeps, or -1 when it keeps none (its graph
 * draws no seeds), and the --seeds override in force (-1: none) into
 * rp: what draws the same seeds again. */
static void
seed_epoch(struct report *rp, const char *builddir)
{
	struct seeding sd;

	rp->seed_epoch = rp->seeds_override = -1;
	if (seeding_read(builddir, &sd) != 0 || !sd.present)
		return;
	rp->seed_epoch = sd.epoch;
	rp->seeds_override = sd.seeds;
}

int
report_run_opts(const char *builddir, const struct report_opts *o)
{
	struct report rp = {0};
	char *list;
	int status;

	if (builddir_load(&rp, builddir, builddir, &list) != 0)
		return 1;
	seed_epoch(&rp, builddir);
	if (o->waves_on_failure && !filtering(o))
		wavesreport_run(&rp, o->waves_on_failure);
	wavesreport_load(&rp);
	status = conclude(&rp, o);
	builddir_free(&rp, list);
	return status;
}

int
report_merge(const char *outdir, char *const *builddirs, size_t n,
    const struct report_opts *o)
{
	struct report rp = {0};
	struct merge m;
	int status = 1;

	if (merge_load(&rp, &m, outdir, builddirs, n) == 0) {
		/* the shards of one run share its epoch */
		seed_epoch(&rp, builddirs[0]);
		status = conclude(&rp, o);
	}
	merge_free(&rp, &m);
	return status;
}
