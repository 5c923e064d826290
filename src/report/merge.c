/* merge.c - see merge.h.
 *
 * Which result a test gets: of the build directories that list it, the
 * one whose result ended last (its start plus its duration; on a tie,
 * the first named). A shard that did not run a test has no result for
 * it, or an older one from a run before, so the shard that ran it wins.
 * Without any result, a run that did not finish (or a damaged result:
 * an error) comes before "not run", and else the first named says why.
 * The compiles and the fixture cleanups are merged the same way, by
 * their directory: the one that ended last.
 *
 * The test lists should be the same (one manifest, one generator). When
 * they differ, the union is reported, in the order of the first list,
 * then the tests only later ones have, with a warning that names a test
 * and the build directory that lacks it: a report that leaves a test out
 * would be worse, and one that fails for it would lose the results of a
 * CI run whose jobs generated at slightly different commits. */
#include "merge.h"
#include "builddir.h"
#include "path.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A test (or a job) of one part, among all of them. */
struct cand {
	const char *name;
	size_t part, pos;	/* where it is listed */
	size_t from;		/* the part item is of */
	const void *item;	/* struct entry or struct compile */
	size_t size;		/* of its group, once grouped */
};

static int
by_place(const void *a, const void *b)
{
	const struct cand *x = a, *y = b;

	if (x->part != y->part)
		return x->part < y->part ? -1 : 1;
	return (x->pos > y->pos) - (x->pos < y->pos);
}

static int
by_name(const void *a, const void *b)
{
	int c = strcmp(((const struct cand *)a)->name,
	    ((const struct cand *)b)->name);

	return c ? c : by_place(a, b);
}

/* How much a test's entry says: a result; a run that did not finish or a
 * damaged result; nothing but that it did not run. */
static int
weight(const struct entry *e)
{
	return e->has_result ? 2 : e->status == STATUS_ERROR ? 1 : 0;
}

static int
entry_wins(const void *a, const void *b)
{
	const struct entry *x = a, *y = b;

	if (weight(x) != weight(y))
		return weight(x) > weight(y);
	return weight(x) == 2 && x->start_ms + x->dur_ms >
	    y->start_ms + y->dur_ms;
}

static int
job_wins(const void *a, const void *b)
{
	const struct compile *x = a, *y = b;

	return x->start_ms + x->dur_ms > y->start_ms + y->dur_ms;
}

/* Group c[0..n) by name, each group to one: in the place of its first
 * listing, with the item that wins over the others (wins(x, y): x
 * beats y) and the group's size. Returns the number of groups, which
 * are c[0..), in the order of their places. */
static size_t
choose(struct cand *c, size_t n, int (*wins)(const void *, const void *))
{
	size_t i, j, groups = 0;

	qsort(c, n, sizeof *c, by_name);
	for (i = 0; i < n; i = j) {
		struct cand g = c[i];

		for (j = i + 1; j < n && strcmp(c[j].name, g.name) == 0; j++)
			if (wins(c[j].item, g.item)) {
				g.item = c[j].item;
				g.from = c[j].from;
			}
		g.size = j - i;
		c[groups++] = g;
	}
	qsort(c, groups, sizeof *c, by_place);
	return groups;
}

/* builddir relative to outdir, for a link of a page in outdir: "" when
 * it is outdir, else ending in '/'. Lexically: OUTDIR need not exist
 * yet. */
static char *
href_of(const char *outdir, const char *builddir)
{
	char *from = path_absolute(outdir), *to = path_absolute(builddir);
	char *rel = path_relative(from, to), *h;

	h = strcmp(rel, ".") == 0 ? xstrdup("") : xasprintf("%s/", rel);
	free(rel);
	free(from);
	free(to);
	return h;
}

/* The candidates for the merged tests: every entry of every part. */
static struct cand *
test_cands(const struct merge *m, size_t *n)
{
	struct cand *c;
	size_t p, i, total = 0;

	for (p = 0; p < m->n; p++)
		total += m->parts[p].n;
	c = xcalloc(total + 1, sizeof *c);
	*n = 0;
	for (p = 0; p < m->n; p++)
		for (i = 0; i < m->parts[p].n; i++)
			c[(*n)++] = (struct cand){m->parts[p].e[i].name, p, i, p,
				&m->parts[p].e[i], 0};
	return c;
}

/* Say once that the lists differ: which test the first that lacks one
 * lacks, and how many tests are not in every list. */
static void
warn_differ(const struct merge *m, char *const *dirs, const struct cand *c,
    size_t groups)
{
	size_t i, p, k, partial = 0, first = groups;

	for (i = 0; i < groups; i++)
		if (c[i].size < m->n && partial++ == 0)
			first = i;
	if (!partial)
		return;
	/* a part that does not list it (a name is once in a list) */
	for (p = 0; p < m->n; p++) {
		for (k = 0; k < m->parts[p].n; k++)
			if (strcmp(m->parts[p].e[k].name, c[first].name) == 0)
				break;
		if (k == m->parts[p].n)
			break;
	}
	fprintf(stderr, "cosimgen: report: warning: the build directories "
	    "list different tests (not the same manifest?): %s is not in "
	    "%s/tests.list", c[first].name, dirs[p]);
	if (partial > 1)
		fprintf(stderr, ", and %zu more test%s are not in every list",
		    partial - 1, partial == 2 ? "" : "s");
	fprintf(stderr, "; the report covers them all\n");
}

/* The merged tests, each once, with the href of its part. */
static void
merge_tests(struct report *rp, const struct merge *m, char *const *dirs)
{
	size_t n, groups, i;
	struct cand *c = test_cands(m, &n);

	groups = choose(c, n, entry_wins);
	warn_differ(m, dirs, c, groups);
	rp->e = xcalloc(groups + 1, sizeof *rp->e);
	for (i = 0; i < groups; i++) {
		struct entry *e = &rp->e[rp->n++];

		*e = *(const struct entry *)c[i].item;
		e->href = m->hrefs[c[i].from];
		rp->count[e->tally]++;
	}
	free(c);
}

/* The merged compiles (cleanups: the fixture cleanups) into *out, each
 * once, by directory; returns how many. */
static size_t
merge_jobs(const struct merge *m, int cleanups, struct compile **out)
{
	struct cand *c;
	size_t p, i, n = 0, total = 0, groups;

	for (p = 0; p < m->n; p++)
		total += cleanups ? m->parts[p].ncl : m->parts[p].nc;
	c = xcalloc(total + 1, sizeof *c);
	for (p = 0; p < m->n; p++) {
		const struct report *r = &m->parts[p];
		const struct compile *jobs = cleanups ? r->cl : r->c;

		for (i = 0; i < (cleanups ? r->ncl : r->nc); i++)
			c[n++] = (struct cand){jobs[i].id, p, i, p, &jobs[i], 0};
	}
	groups = choose(c, n, job_wins);
	*out = xcalloc(groups + 1, sizeof **out);
	for (i = 0; i < groups; i++) {
		(*out)[i] = *(const struct compile *)c[i].item;
		(*out)[i].href = m->hrefs[c[i].from];
	}
	free(c);
	return groups;
}

int
merge_load(struct report *rp, struct merge *m, const char *outdir,
    char *const *builddirs, size_t n)
{
	size_t i;

	memset(m, 0, sizeof *m);
	m->parts = xcalloc(n + 1, sizeof *m->parts);
	m->lists = xcalloc(n + 1, sizeof *m->lists);
	m->hrefs = xcalloc(n + 1, sizeof *m->hrefs);
	for (i = 0; i < n; i++) {
		if (builddir_load(&m->parts[i], builddirs[i], outdir,
		    &m->lists[i]) != 0)
			return 1;
		m->hrefs[i] = href_of(outdir, builddirs[i]);
		m->n++;
	}
	rp->builddir = outdir;
	rp->merged = builddirs;
	rp->nmerged = n;
	rp->now_ms = builddir_now_ms();
	rp->prev_ms = builddir_prev_ms(outdir);
	merge_tests(rp, m, builddirs);
	rp->nc = merge_jobs(m, 0, &rp->c);
	rp->ncl = merge_jobs(m, 1, &rp->cl);
	return 0;
}

void
merge_free(struct report *rp, struct merge *m)
{
	size_t i;

	free(rp->e);
	free(rp->c);
	free(rp->cl);
	for (i = 0; i < m->n; i++) {
		builddir_free(&m->parts[i], m->lists[i]);
		free(m->hrefs[i]);
	}
	free(m->parts);
	free(m->lists);
	free(m->hrefs);
}
