/* Unit tests of triage.c and buckets.c: marks from a history built by
 * hand. Two runs recorded (ended at 1000 and 2000), the results now
 * started at 3000: a failure known or new, a test fixed, unstable only
 * among runs with the same inputs, the buckets and the fixed ones; then
 * the same report again once its run is recorded, with the same marks. */
#include "report/buckets.h"
#include "report/triage.h"
#include "tap.h"

#include <stdlib.h>
#include <string.h>

static struct hist_test recs[32];
static size_t nrecs;

static void
rec(const char *name, enum status st, const char *fp, const char *sig)
{
	struct hist_test *t = &recs[nrecs++];

	memset(t, 0, sizeof *t);
	t->name = (char *)name;
	t->status = st;
	t->status_word = (char *)status_name(st);
	t->fingerprint = (char *)fp;
	t->inputs = (char *)fp;
	t->signature = (char *)sig;
	t->seed = "";
}

static void
run(struct history *h, struct hist_run *r, long long end, size_t first)
{
	memset(r, 0, sizeof *r);
	r->id = (long long)h->nruns + 1;
	r->end_ms = end;
	r->first = first;
	r->n = nrecs - first;
	h->nruns++;
	h->ntests = nrecs;
}

static void
entry(struct entry *e, const char *name, enum status st, const char *fp,
    const char *sig)
{
	memset(e, 0, sizeof *e);
	e->name = name;
	e->has_result = st != STATUS_NOTRUN;
	e->status = st;
	e->tally = results_tally(st);
	e->r.start_epoch_ms = 3000;
	e->r.spec_hash = (char *)fp;
	e->r.inputs_hash = (char *)fp;
	e->signature = (char *)sig;
	e->home = "out";
	e->log_path = "tests/x/run/test.out";
	e->repro = "tests/x/repro.sh";
}

static struct entry *
find(struct report *rp, const char *name)
{
	size_t i;

	for (i = 0; i < rp->n; i++)
		if (strcmp(rp->e[i].name, name) == 0)
			return &rp->e[i];
	return NULL;
}

static int
marked(struct report *rp, const char *name, enum mark m, int unstable)
{
	struct entry *e = find(rp, name);

	if (e->mark != m || e->unstable != unstable)
		printf("# %s: %s%s\n", name, e->mark ? mark_words[e->mark] :
		    "none", e->unstable ? ", unstable" : "");
	return e->mark == m && e->unstable == unstable;
}

static const char *
bucket_mark(struct report *rp, const char *sig)
{
	size_t i;

	for (i = 0; i < rp->nbuckets; i++)
		if (strcmp(rp->buckets[i].signature, sig) == 0)
			return mark_words[rp->buckets[i].mark];
	return "none";
}

/* The marks every report of this state gives. */
static void
check_marks(struct report *rp, const char *when)
{
	const struct fixed_bucket *f = &rp->fixed[0];

	CHECK(marked(rp, "a", MARK_KNOWN, 0), "%s: failed last run too: known",
	    when);
	CHECK(marked(rp, "b", MARK_NEW, 1), "%s: passed last run with the "
	    "same inputs: new and unstable", when);
	CHECK(marked(rp, "n", MARK_NEW, 0), "%s: no history: new", when);
	CHECK(marked(rp, "u", MARK_FIXED, 1), "%s: failed last run, passes "
	    "now: fixed; passed before with the same inputs: unstable", when);
	CHECK(marked(rp, "k", MARK_NEW, 0), "%s: passed with other inputs: "
	    "new, not unstable", when);
	CHECK(marked(rp, "v", MARK_NONE, 1), "%s: failed two runs ago with "
	    "the same inputs: unstable, no mark", when);
	CHECK(marked(rp, "g", MARK_FIXED, 0), "%s: failed with other inputs: "
	    "fixed, not unstable", when);
	CHECK(rp->nbuckets == 3 && rp->buckets[0].n == 2 &&
	    strcmp(rp->buckets[0].signature, "sig A") == 0 &&
	    rp->buckets[0].tests[0] == find(rp, "a") &&
	    rp->buckets[0].tests[1] == find(rp, "n") &&
	    find(rp, "n")->bucket == &rp->buckets[0],
	    "%s: the bucket of most tests first, its tests in report order",
	    when);
	CHECK(strcmp(bucket_mark(rp, "sig A"), "known") == 0, "%s: a bucket "
	    "one of whose tests failed with it last run: known", when);
	CHECK(strcmp(bucket_mark(rp, "sig B"), "new") == 0, "%s: a bucket "
	    "not seen in the last run: new", when);
	CHECK(strcmp(bucket_mark(rp, "sig K"), "new") == 0, "%s: a bucket "
	    "whose tests did not fail with it before: new, whoever else did",
	    when);
	CHECK(rp->nfixed == 2 && strcmp(f->signature, "sig G") == 0 &&
	    f->then == 1 && f->npassing == 1 &&
	    strcmp(f->passing[0], "g") == 0, "%s: a fixed bucket: the "
	    "signature a fixed test failed with, the tests that pass now "
	    "(not h, which failed with it and did not run)", when);
	CHECK(rp->nfixed == 2 && strcmp(f[1].signature, "sig U") == 0 &&
	    f[1].then == 1, "%s: the fixed buckets, most tests first, then "
	    "by signature", when);
}

int
main(void)
{
	struct history h = {0};
	struct hist_run runs[3];
	struct entry e[9];
	struct report rp = {0};
	struct triage_counts tc = {0};
	struct buf b = {0};
	size_t i;

	rec("a", STATUS_FAIL, "X", "sig A");
	rec("b", STATUS_FAIL, "X", "sig B");
	rec("u", STATUS_PASS, "X", "");
	rec("v", STATUS_FAIL, "X", "sig V");
	run(&h, &runs[0], 1000, 0);
	rec("a", STATUS_FAIL, "X", "sig A");
	rec("b", STATUS_PASS, "X", "");
	rec("u", STATUS_FAIL, "X", "sig U");
	rec("k", STATUS_PASS, "X", "");
	rec("v", STATUS_PASS, "X", "");
	rec("g", STATUS_FAIL, "X", "sig G");
	rec("h", STATUS_FAIL, "X", "sig G");
	rec("x", STATUS_FAIL, "X", "sig K");
	run(&h, &runs[1], 2000, 4);
	h.runs = runs;
	h.tests = recs;

	entry(&e[0], "a", STATUS_FAIL, "X", "sig A");
	entry(&e[1], "b", STATUS_FAIL, "X", "sig B");
	entry(&e[2], "n", STATUS_FAIL, "X", "sig A");
	entry(&e[3], "u", STATUS_PASS, "X", NULL);
	entry(&e[4], "k", STATUS_FAIL, "Y", "sig K");
	entry(&e[5], "v", STATUS_PASS, "X", NULL);
	entry(&e[6], "g", STATUS_PASS, "Y", NULL);
	entry(&e[7], "h", STATUS_NOTRUN, NULL, NULL);
	entry(&e[8], "x", STATUS_SKIP, "X", NULL);
	rp.e = e;
	rp.n = 9;
	rp.hist = &h;
	rp.now_ms = 5000;
	buckets_make(&rp);
	triage_mark(&rp, 0);
	check_marks(&rp, "first report");
	CHECK(marked(&rp, "h", MARK_NONE, 0) && marked(&rp, "x", MARK_NONE, 0),
	    "a test not run or skipped has no mark");

	for (i = 0; i < rp.n; i++)
		triage_count(&tc, &e[i]);
	triage_line(&b, &rp, &tc);
	CHECK(strcmp(b.s, "3 new failures, 1 known; 2 fixed since the last "
	    "run; 3 unstable tests\n") == 0, "the line of new failures: %s",
	    b.s);
	buf_reset(&b);
	buckets_summary(&b, &rp);
	CHECK(strstr(b.s, "BUCKET") == NULL && strstr(b.s, "FIXED    1 test: "
	    "sig G; pass now: g\n"), "4 failures: no buckets "
	    "in the summary, the fixed one");
	buckets_free(&rp);

	/* the report again, its run recorded (ended at 4000, after the
	 * results started) */
	for (i = 0; i < rp.n; i++)
		if (e[i].has_result)
			rec(e[i].name, e[i].status, e[i].r.spec_hash,
			    e[i].signature ? e[i].signature : "");
	run(&h, &runs[2], 4000, 12);
	buckets_make(&rp);
	triage_mark(&rp, 0);
	check_marks(&rp, "the same report again");
	buckets_free(&rp);

	buckets_make(&rp);
	triage_mark(&rp, 1);
	CHECK(marked(&rp, "v", MARK_NONE, 0) && marked(&rp, "u", MARK_FIXED, 1),
	    "--unstable-runs 1: only the previous record counts");
	buckets_free(&rp);

	/* more than BUCKETS_FROM failures: the buckets first, bounded */
	rp.hist = NULL;
	for (i = 0; i < 6; i++)
		e[i].signature = i < 3 ? "sig A" : "sig Z";
	rp.n = 6;
	buckets_make(&rp);
	triage_mark(&rp, 0);
	buf_reset(&b);
	buckets_summary(&b, &rp);
	CHECK(strncmp(b.s, "BUCKET   3 tests, new: sig A\n         e.g. a   "
	    "log: out/tests/x/run/test.out\n                  repro: "
	    "out/tests/x/repro.sh\nBUCKET   3 tests, new: sig Z\n", 150) == 0,
	    "6 failures, no history: the buckets, new, each with an example:\n%s",
	    b.s);
	buckets_free(&rp);
	buf_free(&b);
	return tap_done();
}
