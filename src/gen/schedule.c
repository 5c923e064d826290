/* schedule.c - see schedule.h.
 *
 * The order: priority first (higher first), then the tests whose last
 * recorded run did not start (max_failures kept them back: otherwise the
 * failures would come first again, reach the limit again, and they would
 * never run), then those whose last recorded run failed, then the rest; within each group the longest
 * expected duration first; ties keep manifest order. A test's expected
 * duration is the mean of its last SCHEDULE_RECENT recorded durations;
 * without history, its cost key; else the mean expectation of the tests
 * of its design that have history; else that of every test of the
 * manifest with history; else 0. Longest first is the classic LPT rule:
 * with the long tests started early, the short ones fill the jobs
 * around them, and the suite does not end on one long test started last.
 *
 * Why the order of the build statements is enough (checked in ninja's
 * sources and with real runs, tests/schedule.test.sh):
 * - ninja 1.11 keeps ready edges in a set ordered by edge id, which is
 *   the order of the build statements in the file, and starts the lowest
 *   id first. A pool's delayed edges are ordered the same way.
 * - ninja 1.12 and 1.13 keep them in a priority queue by critical-path
 *   weight, then by lowest id. The weight counts edges, 1 each (0 for a
 *   phony), never durations (.ninja_log's times serve the ETA only). Every
 *   test edge weighs the same (itself and the report: 2), so among ready
 *   tests the id decides again, as in 1.11. Compile edges weigh one more
 *   and start before any ready test, which is what we want: they hold
 *   their tests back.
 * Writing the edges in this order is thus the whole of it, on every
 * released ninja; no version reads durations itself. A compile edge is
 * written in the place of the best-placed test that needs it (all of
 * them before the tests, so that they start first on 1.11 too). GNU make
 * builds a target's prerequisites in the order they are listed, and the
 * make fragment lists the tests in this order. */
#include "schedule.h"
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

static int
by_start(const void *a, const void *b)
{
	const struct slot *x = a, *y = b;

	if (x->t->priority != y->t->priority)
		return x->t->priority > y->t->priority ? -1 : 1;
	if (x->t->notrun_last != y->t->notrun_last)
		return x->t->notrun_last ? -1 : 1;
	if (x->t->failed_last != y->t->failed_last)
		return x->t->failed_last ? -1 : 1;
	if (x->t->expected_ms != y->t->expected_ms)
		return x->t->expected_ms > y->t->expected_ms ? -1 : 1;
	return (x->index > y->index) - (x->index < y->index);
}

static int
by_address(const void *a, const void *b)
{
	uintptr_t x = (uintptr_t)*(struct recipe *const *)a;
	uintptr_t y = (uintptr_t)*(struct recipe *const *)b;

	return (x > y) - (x < y);
}

/* Whether r is placed already; places it if not. sorted[0..n) are the
 * recipes by address, placed[] their marks. */
static int
placed_before(struct recipe *r, struct recipe **sorted, char *placed,
	size_t n)
{
	struct recipe **p = bsearch(&r, sorted, n, sizeof *sorted, by_address);
	size_t k = (size_t)(p - sorted);

	if (placed[k])
		return 1;
	placed[k] = 1;
	return 0;
}

/* The compile edges in the order of the best-placed test that needs
 * each, then the ones no test needs; the VPI module where the first test
 * that loads it is. */
static void
order_recipes(struct model *mo)
{
	struct recipe **sorted = xcalloc(mo->nrecipes + 1, sizeof *sorted);
	char *placed = xcalloc(mo->nrecipes + 1, 1);
	size_t i, n = 0;
	int vpi = 0;

	if (mo->nrecipes)
		memcpy(sorted, mo->recipes, mo->nrecipes * sizeof *sorted);
	qsort(sorted, mo->nrecipes, sizeof *sorted, by_address);
	for (i = 0; i < mo->ntests; i++) {
		const struct test *t = mo->order[i];
		struct recipe *r = t->design && !t->spec.disabled ?
		    t->design->recipe : NULL;

		if (t->vpi && !vpi) {
			mo->vpi_rank = n;
			vpi = 1;
		}
		/* a design's runtime before it: it gates the compile */
		if (r && r->runtime && !placed_before(r->runtime, sorted,
		    placed, mo->nrecipes))
			mo->recipe_order[n++] = r->runtime;
		if (r && r->exe && !placed_before(r, sorted, placed,
		    mo->nrecipes))
			mo->recipe_order[n++] = r;
	}
	for (i = 0; i < mo->nrecipes; i++)
		if (!placed_before(mo->recipes[i], sorted, placed,
		    mo->nrecipes))
			mo->recipe_order[n++] = mo->recipes[i];
	if (!vpi)
		mo->vpi_rank = n;
	free(sorted);
	free(placed);
}

void
schedule_order(struct model *mo, const struct hist_summary *s, size_t ns)
{
	struct slot *v = xcalloc(mo->ntests + 1, sizeof *v);
	size_t i;

	for (i = 0; i < mo->ntests; i++) {
		struct test *t = mo->tests[i];
		const struct hist_summary *h = history_find(s, ns, t->name);

		v[i].t = t;
		v[i].index = i;
		v[i].own = h && h->mean_ms >= 0;
		t->notrun_last = h && h->records && h->last == STATUS_NOTRUN;
		t->failed_last = h && h->records && schedule_failed(h->last);
		t->expected_ms = v[i].own ? h->mean_ms :
		    t->cost_ms >= 0 ? t->cost_ms : 0;
	}
	fill_estimates(v, mo->ntests);
	qsort(v, mo->ntests, sizeof *v, by_start);
	for (i = 0; i < mo->ntests; i++)
		mo->order[i] = v[i].t;
	free(v);
	order_recipes(mo);
}

void
schedule_model(struct model *mo, const char *dir)
{
	char *path = path_join(dir, mo->history);
	struct history h;
	struct hist_summary *s = NULL;
	size_t ns = 0;

	if (history_read(&h, path) != 0) {
		warn(errno == EINVAL ? 0 : errno, "%s %s; the order of the "
		    "tests ignores it", mo->history, errno == EINVAL ?
		    "is not a run history" : "cannot be read");
		memset(&h, 0, sizeof h);
	} else {
		ns = history_summarize(&h, SCHEDULE_RECENT, &s);
	}
	schedule_order(mo, s, ns);
	free(s);
	history_free(&h);
	free(path);
}
