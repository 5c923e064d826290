/* triage.c - see triage.h. The runs of the history are walked from the
 * newest back, each record counted for its test (found by name among the
 * tests sorted once), skipping those of runs that ended after the test's
 * result started (its result, recorded already), until every test has
 * its last N records: the walk reads N + 1 runs of a suite that runs
 * whole, not the 50 the history keeps. The last run of the suite's
 * failures, sorted by signature, say which buckets are known and which
 * signatures were fixed. */
#include "triage.h"
#include "escape.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

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

/* What the walk found of one test: its previous record, how many of
 * its records it has counted, and whether one with its inputs passed or
 * failed. */
struct seen {
	const struct hist_test *prev;
	size_t n;
	int passed, failed;
};

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

/* Count record t, of a run that ended at end, for e. */
static void
see(struct seen *s, const struct entry *e, const struct hist_test *t,
    long long end)
{
	long long start = e->has_result ? e->r.start_epoch_ms : LLONG_MAX;

	if (recorded_since(end, start))
		return;
	if (!s->prev)
		s->prev = t;
	s->n++;
	if (e->has_result && e->r.spec_hash && *e->r.spec_hash &&
	    strcmp(t->fingerprint, e->r.spec_hash) == 0) {
		s->passed |= rec_passes(t);
		s->failed |= rec_fails(t);
	}
}

/* Walk the runs of h from the newest back, each test's records into
 * seen (by the entry's index), until every test has runs records or the
 * history ends: with full runs, the last runs + 1 runs are read. es are
 * the entries sorted by name. */
static void
walk(const struct report *rp, const struct history *h,
    const struct entry **es, size_t runs, struct seen *seen)
{
	size_t left = rp->n, r, j;

	for (r = h->nruns; r-- > 0 && left; ) {
		const struct hist_run *run = &h->runs[r];

		for (j = run->first + run->n; j-- > run->first; ) {
			const struct hist_test *t;
			const struct entry *const *e;
			struct seen *s;

			if (j >= h->ntests || (t = &h->tests[j])->compile)
				continue;
			e = rp->n ? bsearch(t->name, es, rp->n, sizeof *es,
			    name_in) : NULL;
			if (!e || (s = &seen[*e - rp->e])->n >= runs)
				continue;
			see(s, *e, t, run->end_ms);
			if (s->n == runs)
				left--;
		}
	}
}

/* Mark e from what the walk saw of it. */
static void
mark_entry(struct entry *e, const struct seen *s)
{
	e->unstable = (s->passed || triage_passes(e)) &&
	    (s->failed || e->signature != NULL) && e->has_result &&
	    e->r.spec_hash && *e->r.spec_hash;
	if (e->signature)
		e->mark = s->prev && rec_fails(s->prev) ? MARK_KNOWN : MARK_NEW;
	else if (triage_passes(e) && s->prev && rec_fails(s->prev))
		e->mark = MARK_FIXED;
	else
		e->mark = MARK_NONE;
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
list_fixed(struct report *rp, const struct entry **es,
    const struct hist_test **fails, size_t n)
{
	const struct bucket **bs = xcalloc(rp->nbuckets + 1, sizeof *bs);
	size_t i, j, k;

	for (i = 0; i < rp->nbuckets; i++)
		bs[i] = &rp->buckets[i];
	qsort(bs, rp->nbuckets, sizeof *bs, bucket_by_sig);
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
}

/* A bucket is known when one of its tests failed with its signature in
 * its previous record, or the last run failed with it. */
static void
mark_buckets(struct report *rp, const struct seen *seen,
    const struct hist_test **fails, size_t nfails)
{
	size_t i, j;

	for (i = 0; i < rp->nbuckets; i++) {
		struct bucket *k = &rp->buckets[i];

		k->mark = nfails && bsearch(k->signature, fails, nfails,
		    sizeof *fails, sig_in) ? MARK_KNOWN : MARK_NEW;
		for (j = 0; j < k->n && k->mark == MARK_NEW; j++) {
			const struct hist_test *p = seen[k->tests[j] - rp->e].prev;

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
	const struct entry **es = xcalloc(rp->n + 1, sizeof *es);
	struct seen *seen = xcalloc(rp->n + 1, sizeof *seen);
	const struct hist_test **fails;
	size_t i, nfails;

	for (i = 0; i < rp->n; i++)
		es[i] = &rp->e[i];
	qsort(es, rp->n, sizeof *es, entry_by_name);
	walk(rp, h, es, runs ? runs : TRIAGE_RUNS, seen);
	for (i = 0; i < rp->n; i++)
		mark_entry(&rp->e[i], &seen[i]);
	nfails = run_failures(h, last_run(rp, h), &fails);
	mark_buckets(rp, seen, fails, nfails);
	list_fixed(rp, es, fails, nfails);
	free(fails);
	free(seen);
	free(es);
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
