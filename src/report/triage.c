/* triage.c - see triage.h. The runs of the history are walked from the
 * newest back, each record counted for its test (found by name among the
 * tests sorted once), skipping those of runs that ended after the test's
 * result started (its result, recorded already) and those that say
 * nothing of the test (interrupted, not run), until every test has its
 * last N records: the walk reads N + 1 runs of a suite that runs whole,
 * not the 50 the history keeps. */
#include "triage.h"
#include "escape.h"
#include "record.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

/* Whether a record says nothing of its test: its run was interrupted,
 * or it did not run. */
static int
rec_silent(const struct hist_test *t)
{
	return t->status == STATUS_INTERRUPTED || t->status == STATUS_NOTRUN;
}

static int
rec_fails(const struct hist_test *t)
{
	enum tally k = results_tally(t->status);

	return !rec_silent(t) && (k == TL_FAIL || k == TL_TIMEOUT ||
	    k == TL_CRASH || k == TL_ERROR);
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
	int current;		/* its result is of the run judged */
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

/* Whether e's result says what its inputs were (result.h's
 * inputs_hash: its spec and its edge's files, by path, time and size),
 * which its records are compared by: a change of inputs between two
 * runs makes the later outcome new or fixed, never unstable. */
static int
has_inputs(const struct entry *e)
{
	return e->has_result && e->r.inputs_hash && *e->r.inputs_hash;
}

/* Count record t, of a run that ended at end, for e. */
static void
see(struct seen *s, const struct entry *e, const struct hist_test *t,
    long long end)
{
	long long start = e->has_result ? e->r.start_epoch_ms : LLONG_MAX;

	if (recorded_since(end, start) || rec_silent(t))
		return;
	if (!s->prev)
		s->prev = t;
	s->n++;
	if (has_inputs(e) && t->inputs &&
	    strcmp(t->inputs, e->r.inputs_hash) == 0) {
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

/* Mark e from what the walk saw of it. Only a result of the run judged
 * (current) changes anything: a test that did not run in it and fails
 * still is known, one that passes still has no mark. */
static void
mark_entry(struct entry *e, const struct seen *s, int current)
{
	e->unstable = (s->passed || triage_passes(e)) &&
	    (s->failed || e->signature != NULL) && has_inputs(e);
	if (e->signature)
		e->mark = !current || (s->prev && rec_fails(s->prev)) ?
		    MARK_KNOWN : MARK_NEW;
	else if (current && triage_passes(e) && s->prev && rec_fails(s->prev))
		e->mark = MARK_FIXED;
	else
		e->mark = MARK_NONE;
}

/* The index of the last run of h that ended by now, or h->nruns when
 * there is none (a run that ends in the future is a damaged line or a
 * clock put back, and is not the last). */
static size_t
last_index(const struct history *h, long long now)
{
	size_t i;

	for (i = h->nruns; i-- > 0; )
		if (h->runs[i].end_ms >= 0 && h->runs[i].end_ms <= now)
			return i;
	return h->nruns;
}

/* The time after which a result is of the run this report judges: the
 * run it records (the results newer than the history's last run), or,
 * when it records none (a report made again), the history's last run
 * (the results newer than the run before it). */
static long long
current_since(const struct report *rp, const struct history *h)
{
	long long since = record_since(h);
	size_t i, last;

	for (i = 0; i < rp->n; i++)
		if (record_takes(&rp->e[i], since))
			return since;
	last = last_index(h, rp->now_ms);
	return last < h->nruns && last > 0 ? h->runs[last - 1].end_ms : -1;
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
fixed_by_signature(const void *a, const void *b)
{
	const struct entry *x = *(const struct entry *const *)a;
	const struct entry *y = *(const struct entry *const *)b;
	int c = strcmp(x->fixed_from, y->fixed_from);

	return c ? c : (x > y) - (x < y);
}

/* The fixed buckets of rp: its fixed tests grouped by the signature
 * they failed with in their previous record. */
static void
list_fixed(struct report *rp)
{
	const struct entry **v = xcalloc(rp->n + 1, sizeof *v);
	size_t i, j, k, n = 0;

	for (i = 0; i < rp->n; i++)
		if (rp->e[i].mark == MARK_FIXED && rp->e[i].fixed_from)
			v[n++] = &rp->e[i];
	qsort(v, n, sizeof *v, fixed_by_signature);
	rp->fixed = xcalloc(n + 1, sizeof *rp->fixed);
	for (i = 0; i < n; i = j) {
		struct fixed_bucket *f = &rp->fixed[rp->nfixed++];

		for (j = i + 1; j < n && strcmp(v[i]->fixed_from,
		    v[j]->fixed_from) == 0; j++)
			;
		f->signature = xstrdup(v[i]->fixed_from);
		f->then = j - i;
		f->passing = xcalloc(j - i, sizeof *f->passing);
		for (k = i; k < j; k++)
			f->passing[f->npassing++] = v[k]->name;
	}
	qsort(rp->fixed, rp->nfixed, sizeof *rp->fixed, fixed_by_size);
	free(v);
}

/* A bucket is known when one of its tests failed with its signature
 * before: in its previous record, or in a run before this one (a test
 * that did not run in it and fails still). */
static void
mark_buckets(struct report *rp, const struct seen *seen)
{
	size_t i, j;

	for (i = 0; i < rp->nbuckets; i++) {
		struct bucket *k = &rp->buckets[i];

		k->mark = MARK_NEW;
		for (j = 0; j < k->n && k->mark == MARK_NEW; j++) {
			const struct entry *e = k->tests[j];
			const struct hist_test *p = seen[e - rp->e].prev;

			if ((e->mark == MARK_KNOWN && !seen[e - rp->e].current)
			    || (p && rec_fails(p) && strcmp(p->signature,
			    k->signature) == 0))
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
	long long since = current_since(rp, h);
	size_t i;

	for (i = 0; i < rp->n; i++)
		es[i] = &rp->e[i];
	qsort(es, rp->n, sizeof *es, entry_by_name);
	walk(rp, h, es, runs ? runs : TRIAGE_RUNS, seen);
	for (i = 0; i < rp->n; i++) {
		struct entry *e = &rp->e[i];

		seen[i].current = e->has_result && e->r.start_epoch_ms > since;
		mark_entry(e, &seen[i], seen[i].current);
		e->fixed_from = e->mark == MARK_FIXED &&
		    *seen[i].prev->signature ? seen[i].prev->signature : NULL;
	}
	mark_buckets(rp, seen);
	list_fixed(rp);
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
