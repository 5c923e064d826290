/* triage.c - see triage.h. The history's test records are indexed once,
 * by name and then file order (oldest first); each test looks up its own
 * and walks them from the newest back, skipping those of runs that ended
 * after its result started (its result, recorded already). The last run
 * of the suite's failures, sorted by signature, say which buckets are
 * known and which signatures were fixed. */
#include "triage.h"
#include "escape.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

/* A test record of the history and the end of its run. */
struct ref {
	const struct hist_test *t;
	long long end;		/* -1: not recorded */
	size_t at;		/* its place in the file */
};

static int
rec_fails(const struct hist_test *t)
{
	enum tally k = results_tally(t->status);

	return k == TL_FAIL || k == TL_TIMEOUT || k == TL_CRASH ||
	    k == TL_ERROR;
}

static int
rec_passes(const struct hist_test *t)
{
	enum tally k = results_tally(t->status);

	return k == TL_PASS || k == TL_FLAKY;
}

int
triage_passes(const struct entry *e)
{
	return !e->signature && (e->tally == TL_PASS || e->tally == TL_FLAKY);
}

/* Whether a record of a run that ended at end can be of a result that
 * started at start: the run was recorded after it began. */
static int
recorded_since(long long end, long long start)
{
	return end >= 0 && end >= start;
}

static int
ref_by_name(const void *a, const void *b)
{
	const struct ref *x = a, *y = b;
	int c = strcmp(x->t->name, y->t->name);

	return c ? c : (x->at > y->at) - (x->at < y->at);
}

/* Every test record of h with its run's end, sorted by ref_by_name. */
static struct ref *
index_records(const struct history *h, size_t *n)
{
	struct ref *v = xcalloc(h->ntests + 1, sizeof *v);
	size_t i, j;

	*n = 0;
	for (i = 0; i < h->nruns; i++)
		for (j = h->runs[i].first; j < h->runs[i].first +
		    h->runs[i].n && j < h->ntests; j++) {
			if (h->tests[j].compile)
				continue;
			v[*n].t = &h->tests[j];
			v[*n].end = h->runs[i].end_ms;
			v[*n].at = j;
			++*n;
		}
	qsort(v, *n, sizeof *v, ref_by_name);
	return v;
}

/* The first of v[0..n) named name, or n. */
static size_t
first_named(const struct ref *v, size_t n, const char *name)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (strcmp(v[mid].t->name, name) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Mark e from its records v[lo..hi) (oldest first): its mark, whether it
 * is unstable over its last runs records; returns its previous record,
 * or NULL. */
static const struct hist_test *
mark_entry(struct entry *e, const struct ref *v, size_t lo, size_t hi,
    size_t runs)
{
	const struct hist_test *prev = NULL;
	long long start = e->has_result ? e->r.start_epoch_ms : LLONG_MAX;
	const char *fp = e->has_result && e->r.spec_hash ? e->r.spec_hash : "";
	int passed = triage_passes(e), failed = e->signature != NULL;
	size_t seen = 0;

	while (hi-- > lo && seen < runs) {
		const struct hist_test *t = v[hi].t;

		if (recorded_since(v[hi].end, start))
			continue;
		if (!prev)
			prev = t;
		seen++;
		if (*fp && strcmp(t->fingerprint, fp) == 0) {
			passed |= rec_passes(t);
			failed |= rec_fails(t);
		}
	}
	e->unstable = *fp && passed && failed;
	if (e->signature)
		e->mark = prev && rec_fails(prev) ? MARK_KNOWN : MARK_NEW;
	else if (triage_passes(e) && prev && rec_fails(prev))
		e->mark = MARK_FIXED;
	else
		e->mark = MARK_NONE;
	return prev;
}

/* The last run of h that ended before the newest result of rp started,
 * or NULL. */
static const struct hist_run *
last_run(const struct report *rp, const struct history *h)
{
	long long newest = LLONG_MIN;
	size_t i;

	for (i = 0; i < rp->n; i++)
		if (rp->e[i].has_result && rp->e[i].r.start_epoch_ms > newest)
			newest = rp->e[i].r.start_epoch_ms;
	for (i = h->nruns; newest != LLONG_MIN && i-- > 0; )
		if (!recorded_since(h->runs[i].end_ms, newest))
			return &h->runs[i];
	return NULL;
}

static int
rec_by_signature(const void *a, const void *b)
{
	const struct hist_test *x = *(const struct hist_test *const *)a;
	const struct hist_test *y = *(const struct hist_test *const *)b;
	int c = strcmp(x->signature, y->signature);

	return c ? c : (x > y) - (x < y);
}

/* The failures of run with a signature, sorted by it (then file
 * order); returns how many. */
static size_t
run_failures(const struct history *h, const struct hist_run *run,
    const struct hist_test ***out)
{
	size_t j, n = 0;

	*out = xcalloc((run ? run->n : 0) + 1, sizeof **out);
	for (j = run ? run->first : 0; run && j < run->first + run->n &&
	    j < h->ntests; j++)
		if (!h->tests[j].compile && *h->tests[j].signature &&
		    rec_fails(&h->tests[j]))
			(*out)[n++] = &h->tests[j];
	qsort(*out, n, sizeof **out, rec_by_signature);
	return n;
}

static int
sig_in(const void *key, const void *elem)
{
	return strcmp(key, (*(const struct hist_test *const *)elem)->signature);
}

static int
entry_by_name(const void *a, const void *b)
{
	return strcmp((*(const struct entry *const *)a)->name,
	    (*(const struct entry *const *)b)->name);
}

static int
name_in(const void *key, const void *elem)
{
	return strcmp(key, (*(const struct entry *const *)elem)->name);
}

static int
fixed_by_size(const void *a, const void *b)
{
	const struct fixed_bucket *x = a, *y = b;

	if (x->then != y->then)
		return x->then > y->then ? -1 : 1;
	return strcmp(x->signature, y->signature);
}

static int
bucket_sig_in(const void *key, const void *elem)
{
	return strcmp(key, (*(const struct bucket *const *)elem)->signature);
}

static int
bucket_by_sig(const void *a, const void *b)
{
	return strcmp((*(const struct bucket *const *)a)->signature,
	    (*(const struct bucket *const *)b)->signature);
}

/* The fixed buckets of rp: the signatures of fails[0..n) (the last run's
 * failures, sorted) that no bucket of rp has. */
static void
list_fixed(struct report *rp, const struct hist_test **fails, size_t n)
{
	const struct bucket **bs = xcalloc(rp->nbuckets + 1, sizeof *bs);
	const struct entry **es = xcalloc(rp->n + 1, sizeof *es);
	size_t i, j, k;

	for (i = 0; i < rp->nbuckets; i++)
		bs[i] = &rp->buckets[i];
	qsort(bs, rp->nbuckets, sizeof *bs, bucket_by_sig);
	for (i = 0; i < rp->n; i++)
		es[i] = &rp->e[i];
	qsort(es, rp->n, sizeof *es, entry_by_name);
	rp->fixed = xcalloc(n + 1, sizeof *rp->fixed);
	for (i = 0; i < n; i = j) {
		struct fixed_bucket *f;

		for (j = i + 1; j < n && strcmp(fails[i]->signature,
		    fails[j]->signature) == 0; j++)
			;
		if (rp->nbuckets && bsearch(fails[i]->signature, bs,
		    rp->nbuckets, sizeof *bs, bucket_sig_in))
			continue;
		f = &rp->fixed[rp->nfixed++];
		f->signature = xstrdup(fails[i]->signature);
		f->then = j - i;
		f->passing = xcalloc(j - i, sizeof *f->passing);
		for (k = i; k < j; k++) {
			const struct entry *const *e = rp->n ? bsearch(
			    fails[k]->name, es, rp->n, sizeof *es, name_in) :
			    NULL;

			if (e && triage_passes(*e))
				f->passing[f->npassing++] = (*e)->name;
		}
	}
	qsort(rp->fixed, rp->nfixed, sizeof *rp->fixed, fixed_by_size);
	free(bs);
	free(es);
}

/* A bucket is known when one of its tests failed with its signature in
 * its previous record, or the last run failed with it. */
static void
mark_buckets(struct report *rp, const struct hist_test **prev,
    const struct hist_test **fails, size_t nfails)
{
	size_t i, j;

	for (i = 0; i < rp->nbuckets; i++) {
		struct bucket *k = &rp->buckets[i];

		k->mark = nfails && bsearch(k->signature, fails, nfails,
		    sizeof *fails, sig_in) ? MARK_KNOWN : MARK_NEW;
		for (j = 0; j < k->n && k->mark == MARK_NEW; j++) {
			const struct hist_test *p = prev[k->tests[j] - rp->e];

			if (p && rec_fails(p) && strcmp(p->signature,
			    k->signature) == 0)
				k->mark = MARK_KNOWN;
		}
	}
}

void
triage_mark(struct report *rp, size_t runs)
{
	static const struct history none;
	const struct history *h = rp->hist ? rp->hist : &none;
	const struct hist_test **prev = xcalloc(rp->n + 1, sizeof *prev);
	const struct hist_test **fails;
	struct ref *v;
	size_t n, i, lo, hi, nfails;

	v = index_records(h, &n);
	for (i = 0; i < rp->n; i++) {
		struct entry *e = &rp->e[i];

		lo = first_named(v, n, e->name);
		for (hi = lo; hi < n && strcmp(v[hi].t->name, e->name) == 0;
		    hi++)
			;
		prev[i] = mark_entry(e, v, lo, hi, runs ? runs : TRIAGE_RUNS);
	}
	nfails = run_failures(h, last_run(rp, h), &fails);
	mark_buckets(rp, prev, fails, nfails);
	list_fixed(rp, fails, nfails);
	free(fails);
	free(prev);
	free(v);
}

void
triage_count(struct triage_counts *tc, const struct entry *e)
{
	/* a waived failure is counted apart, as on the last line */
	if (e->tally == TL_WAIVED)
		return;
	if (e->signature)
		tc->failed++;
	tc->mark[e->mark]++;
	if (e->unstable)
		tc->unstable++;
}

void
triage_note(struct buf *b, const struct report *rp, const struct entry *e)
{
	/* without history every failure is new: the line of new failures
	 * says so */
	if (!rp->hist || !rp->hist->nruns)
		return;
	if (e->mark != MARK_NONE && e->unstable)
		buf_printf(b, " [%s, unstable]", mark_words[e->mark]);
	else if (e->mark != MARK_NONE)
		buf_printf(b, " [%s]", mark_words[e->mark]);
	else if (e->unstable)
		buf_puts(b, " [unstable]");
}

void
triage_line(struct buf *b, const struct report *rp,
    const struct triage_counts *tc)
{
	if (!tc->failed && !(rp->hist && rp->hist->nruns))
		return;
	if (tc->failed)
		buf_printf(b, "%zu new failure%s, %zu known", tc->mark[MARK_NEW],
		    tc->mark[MARK_NEW] == 1 ? "" : "s", tc->mark[MARK_KNOWN]);
	else
		buf_puts(b, "no failures");
	if (tc->mark[MARK_FIXED])
		buf_printf(b, "; %zu fixed since the last run",
		    tc->mark[MARK_FIXED]);
	if (tc->unstable)
		buf_printf(b, "; %zu unstable test%s", tc->unstable,
		    tc->unstable == 1 ? "" : "s");
	buf_putc(b, '\n');
}

void
triage_json(struct buf *b, const struct entry *e)
{
	if (e->signature) {
		buf_puts(b, ", \"signature\": ");
		esc_json(b, e->signature);
	}
	if (e->bucket)
		buf_printf(b, ", \"bucket\": %zu", e->bucket->id);
	if (e->mark != MARK_NONE)
		buf_printf(b, ", \"mark\": \"%s\"", mark_words[e->mark]);
	if (e->unstable)
		buf_puts(b, ", \"unstable\": true");
}
