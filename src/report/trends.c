/* trends.c - see trends.h. The computation, and results.json's part. */
#include "trends.h"
#include "escape.h"
#include "gen/strmap.h"
#include "history.h"
#include "record.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NONE ((size_t)-1)

/* The index in rp->e of each history record of a test, or NONE for one
 * no longer in the suite: a map of the names, then a look-up a record. */
static size_t *
match_records(const struct report *rp)
{
	const struct history *h = rp->hist;
	struct strmap names = {0};
	size_t *at = xcalloc(h->ntests + 1, sizeof *at), i;

	for (i = 0; i < rp->n; i++)
		strmap_add(&names, rp->e[i].name, &rp->e[i]);
	for (i = 0; i < h->ntests; i++) {
		const struct entry *e = strmap_get(&names, h->tests[i].name);

		at[i] = e ? (size_t)(e - rp->e) : NONE;
	}
	strmap_free(&names);
	return at;
}

/* What the walk over the runs keeps: each test's latest status + 1 (0:
 * none yet), and the run being filled. */
struct walk {
	struct trends *t;
	unsigned char *latest;
	size_t suite, passing;
	struct trend_run *run;	/* NULL: a run before the window */
	size_t col;
};

/* A record of run w->run of test k: its tallies, the suite's state, and
 * its cell of the strip. */
static void
count(struct walk *w, size_t k, enum status s, long long cpu, long long rss)
{
	struct trends *t = w->t;
	unsigned char *l;

	if (w->run) {
		w->run->tests++;
		if (status_is_pass(s))
			w->run->passed++;
		else
			w->run->failed++;
	}
	if (k == NONE)
		return;
	l = &w->latest[k];
	if (!*l)
		w->suite++;
	else if (status_is_pass((enum status)(*l - 1)))
		w->passing--;
	*l = (unsigned char)(s + 1);
	if (status_is_pass(s))
		w->passing++;
	if (w->run) {
		size_t at = k * t->nruns + w->col;

		t->strip[at] = (unsigned char)(s + 1);
		t->cpu_ms[at] = cpu;
		t->max_rss_kb[at] = rss;
	}
}

/* Run i of those walked (the history's, then this report's) begins:
 * within the window, w->run is its entry. */
static void
begin_run(struct walk *w, size_t i, size_t first)
{
	w->run = i >= first ? &w->t->runs[i - first] : NULL;
	w->col = i >= first ? i - first : 0;
}

static void
end_run(struct walk *w)
{
	if (w->run) {
		w->run->suite = w->suite;
		w->run->passing = w->passing;
	}
}

/* This report's run: the results it records, as record.c will. */
static void
current_run(struct walk *w, const struct report *rp, long long since)
{
	const struct history *h = rp->hist;
	struct trend_run *r = w->run;
	size_t i;

	r->current = 1;
	r->id = h->nruns ? h->runs[h->nruns - 1].id + 1 : 1;
	r->start_ms = -1;
	r->end_ms = rp->now_ms;
	for (i = 0; i < rp->n; i++) {
		const struct entry *e = &rp->e[i];

		if (!record_takes(e, since))
			continue;
		if (r->start_ms < 0 || e->start_ms < r->start_ms)
			r->start_ms = e->start_ms;
		count(w, i, e->status, e->r.cpu_ms > 0 ? e->r.cpu_ms : -1,
		    e->r.max_rss_kb > 0 ? e->r.max_rss_kb : -1);
	}
}

/* The window's runs and strips: every run of the history is walked for
 * the suite's state, those in the window also fill their entries. */
static void
walk_runs(struct trends *t, const struct report *rp, const size_t *at,
    size_t runs, long long since, int current)
{
	const struct history *h = rp->hist;
	size_t total = h->nruns + (current ? 1 : 0), first, i, j, cells;
	struct walk w = {t, NULL, 0, 0, NULL, 0};

	first = total > runs ? total - runs : 0;
	t->nruns = total - first;
	t->runs = xcalloc(t->nruns + 1, sizeof *t->runs);
	cells = rp->n * t->nruns + 1;
	t->strip = xcalloc(cells, 1);
	t->cpu_ms = xcalloc(cells, sizeof *t->cpu_ms);
	t->max_rss_kb = xcalloc(cells, sizeof *t->max_rss_kb);
	for (i = 0; i < cells; i++)
		t->cpu_ms[i] = t->max_rss_kb[i] = -1;
	w.latest = xcalloc(rp->n + 1, 1);
	for (i = 0; i < h->nruns; i++) {
		const struct hist_run *hr = &h->runs[i];

		begin_run(&w, i, first);
		if (w.run) {
			w.run->id = hr->id;
			w.run->start_ms = hr->start_ms;
			w.run->end_ms = hr->end_ms;
		}
		for (j = hr->first; j < hr->first + hr->n && j < h->ntests; j++)
			count(&w, at[j], h->tests[j].status, h->tests[j].cpu_ms,
			    h->tests[j].max_rss_kb);
		end_run(&w);
	}
	if (current) {
		begin_run(&w, h->nruns, first);
		current_run(&w, rp, since);
		end_run(&w);
	}
	free(w.latest);
}

/* The TRENDS_SLOWEST tests with a result that took longest, slowest
 * first (in list order among equals). */
static void
slowest(struct trends *t, const struct report *rp)
{
	size_t i, k;

	for (i = 0; i < rp->n; i++) {
		const struct entry *e = &rp->e[i];

		if (!e->has_result || e->dur_ms <= 0)
			continue;
		for (k = t->nslow; k > 0 &&
		    rp->e[t->slow[k - 1].test].dur_ms < e->dur_ms; k--)
			if (k < TRENDS_SLOWEST)
				t->slow[k] = t->slow[k - 1];
		if (k < TRENDS_SLOWEST) {
			t->slow[k].test = i;
			t->slow[k].mean_ms = -1;
			if (t->nslow < TRENDS_SLOWEST)
				t->nslow++;
		}
	}
}

/* Each slow test's mean over its records of whole runs with its
 * fingerprint now; its last record is its result now when this run
 * does not take it (the report made again), and is not its past. */
static void
means(struct trends *t, const struct report *rp, const size_t *at,
    long long since)
{
	const struct history *h = rp->hist;
	size_t *slot = xcalloc(rp->n + 1, sizeof *slot), i, k;
	long long sum[TRENDS_SLOWEST] = {0}, used[TRENDS_SLOWEST] = {0};
	size_t last[TRENDS_SLOWEST];

	for (k = 0; k < t->nslow; k++) {
		slot[t->slow[k].test] = k + 1;
		last[k] = NONE;
	}
	for (i = 0; i < h->ntests; i++) {
		const struct hist_test *r = &h->tests[i];
		const char *fp;

		if (at[i] == NONE || !slot[at[i]])
			continue;
		k = slot[at[i]] - 1;
		last[k] = i;
		fp = rp->e[at[i]].r.spec_hash;
		if (r->duration_ms >= 0 && fp && strcmp(r->fingerprint, fp) == 0) {
			sum[k] += r->duration_ms;
			used[k]++;
		}
	}
	for (k = 0; k < t->nslow; k++) {
		const struct entry *e = &rp->e[t->slow[k].test];
		const struct hist_test *r = last[k] != NONE ?
		    &h->tests[last[k]] : NULL;

		if (r && !record_takes(e, since) && r->duration_ms >= 0 &&
		    e->r.spec_hash && strcmp(r->fingerprint, e->r.spec_hash) == 0) {
			sum[k] -= r->duration_ms;
			used[k]--;
		}
		t->slow[k].mean_ms = used[k] ? sum[k] / used[k] : -1;
	}
	free(slot);
}

void
trends_compute(struct trends *t, const struct report *rp, size_t runs)
{
	static const struct history empty;
	struct report r = *rp;
	long long since;
	size_t *at, i;
	int current = 0;

	memset(t, 0, sizeof *t);
	if (!r.hist)
		r.hist = &empty;
	t->ntests = r.n;
	since = record_since(r.hist);
	for (i = 0; i < r.n && !current; i++)
		current = record_takes(&r.e[i], since);
	at = match_records(&r);
	walk_runs(t, &r, at, runs ? runs : TRENDS_RUNS, since, current);
	slowest(t, &r);
	means(t, &r, at, since);
	free(at);
}

void
trends_free(struct trends *t)
{
	free(t->runs);
	free(t->strip);
	free(t->cpu_ms);
	free(t->max_rss_kb);
	memset(t, 0, sizeof *t);
}

void
trends_change(char *out, size_t size, long long ms, long long mean)
{
	if (mean < 0)
		snprintf(out, size, "new");
	else if (mean == 0)
		snprintf(out, size, "%s", ms ? "+inf" : "0%");
	else
		snprintf(out, size, "%+.0f%%", (double)(ms - mean) * 100 /
		    (double)mean);
	if (strcmp(out, "+0%") == 0 || strcmp(out, "-0%") == 0)
		snprintf(out, size, "0%%");
}

/* A recorded number, or null. */
static void
num_or_null(struct buf *b, long long n)
{
	if (n < 0)
		buf_puts(b, "null");
	else
		buf_putint(b, n);
}

static void
run_json(struct buf *b, const struct trend_run *r)
{
	buf_printf(b, "{\"id\": %lld, \"start_epoch_ms\": ", r->id);
	num_or_null(b, r->start_ms);
	buf_puts(b, ", \"end_epoch_ms\": ");
	num_or_null(b, r->end_ms);
	buf_puts(b, ", \"wall_ms\": ");
	num_or_null(b, r->start_ms >= 0 && r->end_ms >= r->start_ms ?
	    r->end_ms - r->start_ms : -1);
	buf_printf(b, ", \"tests\": %zu, \"passed\": %zu, \"failed\": %zu, "
	    "\"suite\": %zu, \"suite_passing\": %zu, \"pass_rate\": ",
	    r->tests, r->passed, r->failed, r->suite, r->passing);
	if (r->suite)
		buf_printf(b, "%.4f", (double)r->passing / (double)r->suite);
	else
		buf_puts(b, "null");
	buf_printf(b, ", \"current\": %s}", r->current ? "true" : "false");
}

static void
slow_json(struct buf *b, const struct report *rp, const struct trend_slow *s)
{
	const struct entry *e = &rp->e[s->test];
	char change[32];

	buf_puts(b, "{\"name\": ");
	esc_json(b, e->name);
	buf_printf(b, ", \"duration_ms\": %lld, \"mean_ms\": ", e->dur_ms);
	num_or_null(b, s->mean_ms);
	trends_change(change, sizeof change, e->dur_ms, s->mean_ms);
	buf_puts(b, ", \"change\": ");
	esc_json(b, change);
	buf_puts(b, ", \"cpu_ms\": ");
	num_or_null(b, e->r.cpu_ms > 0 ? e->r.cpu_ms : -1);
	buf_puts(b, ", \"max_rss_kb\": ");
	num_or_null(b, e->r.max_rss_kb > 0 ? e->r.max_rss_kb : -1);
	buf_putc(b, '}');
}

void
trends_json(struct buf *b, const struct report *rp)
{
	const struct trends *t = rp->trends;
	size_t i;

	if (!t)
		return;
	buf_puts(b, ",\n \"trends\": {\"runs\": [");
	for (i = 0; i < t->nruns; i++) {
		buf_puts(b, i ? ",\n  " : "\n  ");
		run_json(b, &t->runs[i]);
	}
	buf_puts(b, "],\n  \"slowest\": [");
	for (i = 0; i < t->nslow; i++) {
		buf_puts(b, i ? ",\n  " : "\n  ");
		slow_json(b, rp, &t->slow[i]);
	}
	buf_puts(b, "]}");
}

/* ", KEY: [...]" of a row of numbers, null where not recorded; nothing
 * when no run recorded one (a history written before they were
 * measured), which keeps results.json small. */
static void
numbers(struct buf *b, const char *key, const long long *v, size_t n)
{
	size_t i;

	for (i = 0; i < n && v[i] < 0; i++)
		;
	if (i == n)
		return;
	buf_printf(b, ", \"%s\": [", key);
	for (i = 0; i < n; i++) {
		buf_puts(b, i ? ", " : "");
		num_or_null(b, v[i]);
	}
	buf_putc(b, ']');
}

void
trends_json_test(struct buf *b, const struct report *rp,
    const struct entry *e)
{
	const struct trends *t = rp->trends;
	size_t k = (size_t)(e - rp->e), i, at;

	if (!t || k >= t->ntests)
		return;
	at = k * t->nruns;
	buf_puts(b, ", \"history\": [");
	for (i = 0; i < t->nruns; i++) {
		unsigned char s = t->strip[at + i];

		buf_puts(b, i ? ", " : "");
		if (s)
			esc_json(b, status_name((enum status)(s - 1)));
		else
			buf_puts(b, "null");
	}
	buf_putc(b, ']');
	numbers(b, "history_cpu_ms", t->cpu_ms + at, t->nruns);
	numbers(b, "history_max_rss_kb", t->max_rss_kb + at, t->nruns);
}
