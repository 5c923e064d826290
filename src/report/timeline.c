/* timeline.c - see timeline.h.
 *
 * Each item goes to the lowest row free at its start, so there are as
 * many rows as jobs ever ran at once. What ran this time is placed (lane
 * -1 otherwise), and the span it covers is kept in <builddir>/.timeline
 * ("FIRST LAST\n", epoch ms). When nothing ran since the previous report
 * (one made by hand), the items within that kept span are placed again,
 * so the page shows the last run rather than results of different runs
 * side by side; without the file, every result is. The earlier attempts
 * of a test (retries) are placed with it. */
#include "timeline.h"
#include "util.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>

struct span {
	long long start, end;
	int *lane;
};

static int
by_start(const void *a, const void *b)
{
	const struct span *x = a, *y = b;

	return x->start < y->start ? -1 : x->start > y->start;
}

static int
any_ran(const struct report *rp)
{
	size_t i;
	int any = 0;

	for (i = 0; i < rp->n; i++)
		any |= rp->e[i].has_result && rp->e[i].ran;
	for (i = 0; i < rp->nc; i++)
		any |= rp->c[i].ran;
	return any;
}

/* The spans to place: what ran this time when any did (any), else what
 * lies within from..to. Every lane is -1 until placed. */
static size_t
spans(struct report *rp, struct span *s, int any, long long from,
    long long to)
{
	size_t i, j, n = 0;

	for (i = 0; i < rp->n; i++) {
		struct entry *e = &rp->e[i];

		e->lane = -1;
		if (!e->has_result || !e->start_ms || !(any ? e->ran :
		    e->start_ms >= from && e->start_ms + e->dur_ms <= to))
			continue;
		s[n++] = (struct span){e->start_ms, e->start_ms + e->dur_ms,
			&e->lane};
		/* its earlier attempts, with it */
		for (j = 0; j < e->natt; j++)
			if (e->att[j].start_ms)
				s[n++] = (struct span){e->att[j].start_ms,
					e->att[j].start_ms + e->att[j].dur_ms,
					&e->att[j].lane};
	}
	for (i = 0; i < rp->nc; i++) {
		struct compile *c = &rp->c[i];

		c->lane = -1;
		if (c->start_ms > 0 && (any ? c->ran : c->start_ms >= from &&
		    c->start_ms + c->dur_ms <= to))
			s[n++] = (struct span){c->start_ms, c->start_ms +
			    c->dur_ms, &c->lane};
	}
	return n;
}

int
timeline_place(struct report *rp, const char *kept)
{
	long long *ends = NULL, from = 0, to = LLONG_MAX / 2, last = 0;
	int any = any_ran(rp), l;
	size_t i, n = rp->n + rp->nc + 1;
	struct span *s;

	for (i = 0; i < rp->n; i++)
		n += rp->e[i].natt;
	s = xcalloc(n, sizeof *s);

	if (!any && kept && (sscanf(kept, "%lld %lld", &from, &to) != 2 ||
	    from < 20 || to > LLONG_MAX / 2))
		from = 0, to = LLONG_MAX / 2;
	n = spans(rp, s, any, from, to);
	qsort(s, n, sizeof *s, by_start);
	for (i = 0; i < n; i++) {
		for (l = 0; l < rp->nlanes && ends[l] > s[i].start; l++)
			;
		if (l == rp->nlanes) {
			ends = xrealloc(ends, (size_t)(l + 1) * sizeof *ends);
			rp->nlanes++;
		}
		ends[l] = s[i].end;
		*s[i].lane = l;
		if (s[i].end > last)
			last = s[i].end;
	}
	rp->first = n ? s[0].start : 0;
	rp->last = last;
	free(ends);
	free(s);
	return any && n;
}
