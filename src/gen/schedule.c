/* schedule.c - see schedule.h.
 *
 * The tests: priority first (higher first), then the tests whose last
 * recorded run did not start (max_failures kept them back: otherwise the
 * failures would come first again, reach the limit again, and they would
 * never run), then those whose last recorded run failed, then the rest;
 * within each group the longest expected duration first; ties keep
 * manifest order. A test's expected duration is the mean of its last
 * SCHEDULE_RECENT recorded durations; without history, its cost key;
 * else the mean expectation of the tests of its design that have
 * history; else that of every test of the manifest with history; else 0.
 * Longest first is the classic LPT rule: with the long tests started
 * early, the short ones fill the jobs around them, and the suite does
 * not end on one long test started last.
 *
 * The compiles gate the tests, so a cold run's length turns on them too:
 * a compile started late holds its tests back, and a test of a design
 * that is built, left waiting while other designs compile, can end the
 * run late. A compile's expected duration is the mean of its recorded
 * ones (the history keeps them by the recipe's hash), else that of the
 * compiles of the same simulator with history (Verilator's runtimes
 * apart), else 0. Its work is that plus the expected durations of the
 * tests it gates and, through any compile it gates, of theirs; its path
 * the longest chain of compiles and one test behind it (the run cannot
 * end before it). A Verilator runtime, which every design built with its
 * options links, thus carries the work of all of them. The compiles go
 * by the rank of the best test they gate (as the tests' groups above),
 * then the most work first (what keeps the jobs busy is ready soonest),
 * then where their first test is: without durations, the order of the
 * manifest (the most tests first was tried: on a first run it started a
 * compile of many short tests before the one gating the test that ends
 * the run, bench/makespan.sh). They are merged into the tests' order as
 * the critical path rule would (list scheduling by the longest path
 * behind an edge): a compile goes before every test of a lower rank, and
 * before those of its rank expected to take no longer than its path (or
 * the path of a compile of its rank after it, so the compiles keep their
 * order). A compile thus precedes its tests, and a long test of a design
 * already built starts before a compile that gates less than it takes.
 *
 * Why the order of the build statements is enough (checked in ninja's
 * sources and with real runs, tests/schedule.test.sh):
 * - ninja 1.11 keeps ready edges in a set ordered by edge id, which is
 *   the order of the build statements in the file, and starts the lowest
 *   id first. A pool's delayed edges are ordered the same way; but the
 *   first edges a pool takes when the build starts are the first it
 *   reaches from the default target, through the report's inputs: the
 *   report lists the tests in model.h's walk, so those are the first
 *   compiles here too.
 * - ninja 1.12 and 1.13 keep them in a priority queue by critical-path
 *   weight, then by lowest id, and a pool's waiting edges the same way.
 *   The weight counts edges, 1 each (0 for a phony), never durations
 *   (.ninja_log's times serve the ETA only). Every test edge weighs the
 *   same (itself and the report: 2), so among ready tests the id decides
 *   again, as in 1.11. Compile edges weigh more and start before any
 *   ready test whatever their place: there, a test of a built design
 *   starts before the remaining compiles only in the jobs the compile
 *   pool leaves free.
 * Writing the edges in this order is thus the whole of it, on every
 * released ninja; no version reads durations itself. GNU make builds a
 * target's prerequisites in the order they are listed, and a test's
 * compile when it reaches the test: the make fragment lists the tests in
 * the walk too. */
#include "schedule.h"
#include "layout.h"
#include "path.h"
#include "util.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int
schedule_failed(enum status st)
{
	return !status_is_pass(st) && st != STATUS_NOTRUN &&
	    st != STATUS_INTERRUPTED;
}

/* A test with where it stands in the manifest, for a stable sort. */
struct slot {
	struct test *t;
	size_t index;
	int own;		/* its expectation is its own history's */
};

static const char *
design_of(const struct slot *s)
{
	return s->t->design ? s->t->design->name : "";
}

static int
by_design(const void *a, const void *b)
{
	const struct slot *x = *(struct slot *const *)a;
	const struct slot *y = *(struct slot *const *)b;
	int c = strcmp(design_of(x), design_of(y));

	return c ? c : (x->index > y->index) - (x->index < y->index);
}

/* The expectation of the tests without history of their own or a cost:
 * the mean of their design's tests with history, else all. */
static void
fill_estimates(struct slot *v, size_t n)
{
	struct slot **p = xcalloc(n + 1, sizeof *p);
	long long all = 0, nall = 0;
	size_t i, j, k;

	for (i = 0; i < n; i++) {
		p[i] = &v[i];
		if (v[i].own) {
			all += v[i].t->expected_ms;
			nall++;
		}
	}
	qsort(p, n, sizeof *p, by_design);
	for (i = 0; i < n; i = j) {
		long long sum = 0, used = 0;

		for (j = i; j < n && strcmp(design_of(p[j]),
		    design_of(p[i])) == 0; j++)
			if (p[j]->own && p[j]->t->design) {
				sum += p[j]->t->expected_ms;
				used++;
			}
		for (k = i; k < j; k++) {
			if (p[k]->own || p[k]->t->cost_ms >= 0)
				continue;
			p[k]->t->expected_ms = used ? sum / used :
			    nall ? all / nall : 0;
		}
	}
	free(p);
}

/* Where a test or a compile stands before the durations: its priority,
 * then whether max_failures kept it from starting last time, then
 * whether it failed last time. Compares a to b, descending. */
static int
by_rank(int64_t pa, int na, int fa, int64_t pb, int nb, int fb)
{
	if (pa != pb)
		return pa > pb ? -1 : 1;
	if (na != nb)
		return na ? -1 : 1;
	if (fa != fb)
		return fa ? -1 : 1;
	return 0;
}

static int
test_rank(const struct test *x, const struct test *y)
{
	return by_rank(x->priority, x->notrun_last, x->failed_last,
	    y->priority, y->notrun_last, y->failed_last);
}

static int
by_start(const void *a, const void *b)
{
	const struct slot *x = a, *y = b;
	int c = test_rank(x->t, y->t);

	if (c)
		return c;
	if (x->t->expected_ms != y->t->expected_ms)
		return x->t->expected_ms > y->t->expected_ms ? -1 : 1;
	return (x->index > y->index) - (x->index < y->index);
}

static int
job_rank(const struct sched_job *x, const struct sched_job *y)
{
	return by_rank(x->priority, x->notrun, x->failed, y->priority,
	    y->notrun, y->failed);
}

/* How many compiles gate job j, one behind the other. */
static size_t
depth(const struct sched_job *v, size_t n, size_t j)
{
	size_t d = 0;

	while (v[j].gate != SCHED_NONE && d < n) {
		j = v[j].gate;
		d++;
	}
	return d;
}

/* Fold job c, complete, into the job that gates it. */
static void
fold(struct sched_job *v, const struct sched_job *c)
{
	struct sched_job *g = &v[c->gate];

	g->work_ms += c->work_ms;
	if (g->own_ms + c->path_ms > g->path_ms)
		g->path_ms = g->own_ms + c->path_ms;
	g->ntests += c->ntests;
	if (c->first < g->first)
		g->first = c->first;
	if (job_rank(c, g) < 0) {
		g->priority = c->priority;
		g->notrun = c->notrun;
		g->failed = c->failed;
	}
}

void
schedule_weigh(struct sched_job *v, size_t n)
{
	size_t j, k, most = 0;

	for (j = 0; j < n; j++) {
		v[j].work_ms = v[j].own_ms + v[j].tests_ms;
		v[j].path_ms = v[j].own_ms + v[j].longest_ms;
		v[j].depth = depth(v, n, j);
		if (v[j].depth > most)
			most = v[j].depth;
	}
	/* the deepest first: a job is complete before it is folded */
	for (k = most; k > 0; k--)
		for (j = 0; j < n; j++)
			if (v[j].depth == k)
				fold(v, &v[j]);
}

/* Compiles: by the rank of the best test they gate, then the most work
 * gated (so that what could keep the jobs busy is ready soonest), then
 * where their first test is (without durations, the manifest's order),
 * then the fewest gates, then the model's order (x and y are in one
 * array). */
static int
by_work(const void *a, const void *b)
{
	const struct sched_job *x = *(struct sched_job *const *)a;
	const struct sched_job *y = *(struct sched_job *const *)b;
	int c = job_rank(x, y);

	if (c)
		return c;
	if (x->work_ms != y->work_ms)
		return x->work_ms > y->work_ms ? -1 : 1;
	if (x->first != y->first)
		return x->first < y->first ? -1 : 1;
	if (x->depth != y->depth)	/* a runtime before its designs */
		return x->depth < y->depth ? -1 : 1;
	return (x > y) - (x < y);	/* the model's order */
}

/* Whether compile j goes before test t (the header says why). */
static int
compile_first(const struct sched_job *j, const struct test *t)
{
	int c = by_rank(j->priority, j->notrun, j->failed, t->priority,
	    t->notrun_last, t->failed_last);

	return c < 0 || (c == 0 && j->merge_ms >= t->expected_ms);
}

void
schedule_merge(struct sched_job *v, size_t n, struct test *const *tests,
    size_t ntests, size_t *order)
{
	struct sched_job **p = xcalloc(n + 1, sizeof *p);
	size_t i, k;

	for (i = 0; i < n; i++)
		p[i] = &v[i];
	qsort(p, n, sizeof *p, by_work);
	for (i = n; i-- > 0;) {
		p[i]->merge_ms = p[i]->path_ms;
		if (i + 1 < n && !job_rank(p[i], p[i + 1]) &&
		    p[i + 1]->merge_ms > p[i]->merge_ms)
			p[i]->merge_ms = p[i + 1]->merge_ms;
	}
	for (i = 0, k = 0; i < n; i++) {
		while (k < ntests && !compile_first(p[i], tests[k]))
			k++;
		p[i]->at = k;
		order[i] = (size_t)(p[i] - v);
	}
	free(p);
}

/* What a compile's expected duration is guessed from without a record
 * of its own: the compiles of its simulator, a runtime apart. */
static int
job_class(const struct recipe *r)
{
	return r->is_runtime ? SIM_N : (int)r->sim;
}

/* The mean expected duration of the recipes of class c that have a
 * recorded one, or 0. */
static int64_t
class_mean(const struct model *mo, const struct sched_job *v, int c)
{
	int64_t sum = 0, used = 0;
	size_t i;

	for (i = 0; i < mo->nrecipes; i++)
		if (v[i].own_ms > 0 && job_class(mo->recipes[i]) == c) {
			sum += v[i].own_ms;
			used++;
		}
	return used ? sum / used : 0;
}

/* A recipe and its index in mo->recipes, to find it by address. */
struct recipe_at {
	const struct recipe *r;
	size_t i;
};

static int
by_address(const void *a, const void *b)
{
	uintptr_t x = (uintptr_t)((const struct recipe_at *)a)->r;
	uintptr_t y = (uintptr_t)((const struct recipe_at *)b)->r;

	return (x > y) - (x < y);
}

/* The index of r in mo->recipes, from byaddr (them sorted by address),
 * or SCHED_NONE. */
static size_t
recipe_index(const struct model *mo, const struct recipe_at *byaddr,
    const struct recipe *r)
{
	struct recipe_at key = {NULL, 0}, *p;

	key.r = r;
	p = r ? bsearch(&key, byaddr, mo->nrecipes, sizeof *byaddr,
	    by_address) : NULL;
	return p ? p->i : SCHED_NONE;
}

/* The compile jobs: mo->recipes[i] is v[i] (a recipe without a compile
 * gates nothing), the VPI module v[mo->nrecipes]; their expected
 * durations from the compiles' summaries cs[0..ncs); a design linked
 * with a runtime waits for that runtime's compile (its link does). */
static void
jobs_expect(const struct model *mo, const struct recipe_at *byaddr,
    struct sched_job *v, const struct hist_summary *cs, size_t ncs)
{
	size_t i, n = mo->nrecipes + (mo->vpi != NULL);
	int64_t mean[SIM_N + 1];

	for (i = 0; i < n; i++) {
		const struct recipe *r = i < mo->nrecipes ? mo->recipes[i] :
		    NULL;
		const struct hist_summary *h = history_find(cs, ncs,
		    r ? r->id : LAYOUT_VPI);

		v[i].own_ms = h && h->mean_ms >= 0 ? h->mean_ms : -1;
		v[i].gate = r ? recipe_index(mo, byaddr, r->runtime) :
		    SCHED_NONE;
		v[i].first = SIZE_MAX;
	}
	for (i = 0; i <= SIM_N; i++)
		mean[i] = class_mean(mo, v, (int)i);
	for (i = 0; i < n; i++)
		if (v[i].own_ms < 0)
			v[i].own_ms = i < mo->nrecipes ?
			    mean[job_class(mo->recipes[i])] : 0;
}

/* Add test t, k-th in the order, to the job that builds what it needs. */
static void
gate_test(struct sched_job *j, const struct test *t, size_t k)
{
	j->tests_ms += t->expected_ms;
	if (t->expected_ms > j->longest_ms)
		j->longest_ms = t->expected_ms;
	if (!j->ntests++ || by_rank(t->priority, t->notrun_last,
	    t->failed_last, j->priority, j->notrun, j->failed) < 0) {
		j->priority = t->priority;
		j->notrun = t->notrun_last;
		j->failed = t->failed_last;
	}
	if (k < j->first)
		j->first = k;
}

/* The tests each job gates, from the order: a test needs its design's
 * compile (unless it is disabled) and, when it loads it, the VPI module. */
static void
jobs_gate(const struct model *mo, const struct recipe_at *byaddr,
    struct sched_job *v)
{
	size_t i, k;

	for (i = 0; i < mo->ntests; i++) {
		const struct test *t = mo->order[i];
		const struct recipe *r = t->design && !t->spec.disabled ?
		    t->design->recipe : NULL;

		k = r && r->exe ? recipe_index(mo, byaddr, r) : SCHED_NONE;
		if (k != SCHED_NONE)
			gate_test(&v[k], t, i);
		if (t->vpi && mo->vpi)
			gate_test(&v[mo->nrecipes], t, i);
	}
}

/* Append mo->order[i] to mo->walk unless it is there already. */
static void
walk_add(struct model *mo, char *seen, size_t i)
{
	if (i < mo->ntests && !seen[i]) {
		seen[i] = 1;
		mo->walk[mo->nwalk++] = mo->order[i];
	}
}

/* mo->steps: the compiles merged into the tests' order; mo->walk: the
 * tests in that order, with a compile's first test moved up to where
 * the compile is (model.h says why). */
static void
order_steps(struct model *mo, const struct hist_summary *cs, size_t ncs)
{
	size_t n = mo->nrecipes + (mo->vpi != NULL), i, j, k;
	struct sched_job *v = xcalloc(n + 1, sizeof *v);
	size_t *order = xcalloc(n + 1, sizeof *order);
	struct recipe_at *byaddr = xcalloc(mo->nrecipes + 1, sizeof *byaddr);
	char *seen = xcalloc(mo->ntests + 1, 1);

	for (i = 0; i < mo->nrecipes; i++) {
		byaddr[i].r = mo->recipes[i];
		byaddr[i].i = i;
	}
	qsort(byaddr, mo->nrecipes, sizeof *byaddr, by_address);
	jobs_expect(mo, byaddr, v, cs, ncs);
	jobs_gate(mo, byaddr, v);
	free(byaddr);
	schedule_weigh(v, n);
	schedule_merge(v, n, mo->order, mo->ntests, order);
	mo->steps = xcalloc(n + mo->ntests + 1, sizeof *mo->steps);
	mo->walk = xcalloc(mo->ntests + 1, sizeof *mo->walk);
	mo->nsteps = mo->nwalk = 0;
	for (i = 0, j = 0; i <= mo->ntests; i++) {
		for (; j < n && v[order[j]].at == i; j++) {
			k = order[j];
			walk_add(mo, seen, v[k].first);
			if (k == mo->nrecipes)	/* the VPI module */
				mo->nsteps++;
			else if (mo->recipes[k]->exe)
				mo->steps[mo->nsteps++].recipe =
				    mo->recipes[k];
		}
		if (i < mo->ntests) {
			mo->steps[mo->nsteps++].test = mo->order[i];
			walk_add(mo, seen, i);
		}
	}
	free(seen);
	free(order);
	free(v);
}

void
schedule_order(struct model *mo, const struct sched_hist *h)
{
	struct slot *v = xcalloc(mo->ntests + 1, sizeof *v);
	size_t i;

	for (i = 0; i < mo->ntests; i++) {
		struct test *t = mo->tests[i];
		const struct hist_summary *s = history_find(h->tests,
		    h->ntests, t->name);

		v[i].t = t;
		v[i].index = i;
		v[i].own = s && s->mean_ms >= 0;
		t->notrun_last = s && s->records && s->last == STATUS_NOTRUN;
		t->failed_last = s && s->records && schedule_failed(s->last);
		t->expected_ms = v[i].own ? s->mean_ms :
		    t->cost_ms >= 0 ? t->cost_ms : 0;
	}
	fill_estimates(v, mo->ntests);
	qsort(v, mo->ntests, sizeof *v, by_start);
	for (i = 0; i < mo->ntests; i++)
		mo->order[i] = v[i].t;
	free(v);
	free(mo->steps);
	free(mo->walk);
	order_steps(mo, h->compiles, h->ncompiles);
}

void
schedule_model(struct model *mo, const char *dir)
{
	char *path = path_join(dir, mo->history);
	struct history h;
	struct sched_hist sh = {0};
	struct hist_summary *s = NULL, *cs = NULL;

	if (history_read(&h, path) != 0) {
		warn(errno == EINVAL ? 0 : errno, "%s %s; the order of the "
		    "tests ignores it", mo->history, errno == EINVAL ?
		    "is not a run history" : "cannot be read");
		memset(&h, 0, sizeof h);
	} else {
		sh.ntests = history_summarize(&h, SCHEDULE_RECENT, &s);
		sh.ncompiles = history_summarize_compiles(&h, SCHEDULE_RECENT,
		    &cs);
	}
	sh.tests = s;
	sh.compiles = cs;
	schedule_order(mo, &sh);
	free(s);
	free(cs);
	history_free(&h);
	free(path);
}
