/* record.c - see record.h. One report, one run: the tests recorded are
 * those whose run started after the previous recorded run ended (that
 * run's end is when its report began), so a report made again by hand,
 * with nothing run since, records nothing, and a `ninja test/NAME`
 * followed by a report records that one test. The record takes the
 * report's verdict (a test shown as an error because its design did not
 * compile since is recorded so), the result's duration, seed, spec hash
 * and inputs hash, and how many attempts ran. A
 * test that did not run to its end (not run, interrupted, kept from
 * running by its compile or its fixture) has no duration: the expected
 * durations the generator draws from the history are of whole runs.
 * The compiles that ran in the run are recorded beside its tests, with
 * their duration when they passed (a failed compile ends early), so that
 * the generator can start first the compiles that take long and gate
 * much. */
#include "record.h"
#include "builddir.h"
#include "history.h"
#include "util.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef VERSION
#define VERSION "unknown"
#endif

static void
history_warning(const char *path, const char *what, int err)
{
	fprintf(stderr, "cosimgen: report: warning: %s %s: %s; the run is "
	    "not recorded\n", what, path, err == EINVAL ? "it is not a "
	    "cosimgen history (left as it is; name another file with "
	    "--history, or remove it)" : strerror(err));
}

/* The end of the last run h records, or -1 (record every result). */
static long long
last_end(const struct history *h)
{
	long long now = builddir_now_ms();
	size_t i;

	/* a run that ends in the future (a damaged line, or a clock that
	 * was put back) would keep every later result from being recorded:
	 * it is not the last */
	for (i = h->nruns; i-- > 0; )
		if (h->runs[i].end_ms >= 0 && h->runs[i].end_ms <= now)
			return h->runs[i].end_ms;
	return -1;
}

/* Whether e's duration is that of a whole run of the test. */
static int
whole_run(const struct entry *e)
{
	return e->status != STATUS_NOTRUN && e->status != STATUS_INTERRUPTED &&
	    !e->compile_log && !e->fixture_log && !e->judged;
}

long long
record_since(const struct history *h)
{
	return last_end(h);
}

int
record_takes(const struct entry *e, long long since)
{
	return e->has_result && e->r.start_epoch_ms > since;
}

/* The record of e, which ran after since. Returns 0 when there is none. */
static int
test_record(const struct entry *e, long long since, struct hist_test *t)
{
	const struct result *r = &e->r;

	if (!record_takes(e, since))
		return 0;
	memset(t, 0, sizeof *t);
	t->name = (char *)e->name;
	t->status = e->status;
	t->status_word = (char *)results_word(e->status, e->status_word);
	t->duration_ms = whole_run(e) ? e->dur_ms : -1;
	t->seed = r->seed ? r->seed : "";
	t->fingerprint = r->spec_hash ? r->spec_hash : "";
	t->inputs = r->inputs_hash ? r->inputs_hash : "";
	t->signature = e->signature ? e->signature : "";
	t->attempts = r->attempts > 0 ? r->attempts : 1;
	t->cpu_ms = r->cpu_ms;
	t->max_rss_kb = r->max_rss_kb;
	return 1;
}

/* The record of compile c, which ran after since. Returns 0 when there
 * is none. */
static int
compile_record(const struct compile *c, long long since, struct hist_test *t)
{
	if (c->start_ms <= since)
		return 0;
	memset(t, 0, sizeof *t);
	t->compile = 1;
	t->name = c->id;
	t->status = c->status;
	t->status_word = (char *)results_word(c->status, c->status_word);
	t->duration_ms = c->status == STATUS_PASS ? c->dur_ms : -1;
	return 1;
}

void
record_run(const struct report *rp, const char *path, int err, size_t keep)
{
	struct hist_test *tests;
	struct hist_run run;
	long long since;
	size_t i, n = 0;

	if (err) {
		history_warning(path, "cannot read the history", err);
		return;
	}
	since = record_since(rp->hist);
	tests = xcalloc(rp->n + rp->nc + 1, sizeof *tests);
	memset(&run, 0, sizeof run);
	for (i = 0; i < rp->n; i++)
		if (test_record(&rp->e[i], since, &tests[n])) {
			if (!n || rp->e[i].start_ms < run.start_ms)
				run.start_ms = rp->e[i].start_ms;
			n++;
		}
	if (n) {
		for (i = 0; i < rp->nc; i++) {
			if (!compile_record(&rp->c[i], since, &tests[n]))
				continue;
			n++;
			if (rp->c[i].start_ms < run.start_ms)
				run.start_ms = rp->c[i].start_ms;
		}
		run.end_ms = rp->now_ms;
		run.cosimgen = VERSION;
		run.host = (char *)host_name();
		run.seed_epoch = rp->seed_epoch;
		/* the provenance but cosimgen's version, a field of its own */
		for (i = 1; rp->provenance && i < rp->provenance->n; i++)
			strlist_push(&run.tools, rp->provenance->v[i]);
		if (history_add(path, &run, tests, n, keep) != 0)
			history_warning(path, "cannot add this run to the "
			    "history", errno);
	}
	free(run.tools.v);
	free(tests);
}
