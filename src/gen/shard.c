/* shard.c - see shard.h.
 *
 * The split is the greedy LPT rule (longest processing time first), the
 * scheduler's own rule applied to N machines instead of N jobs: the
 * tests sorted by expected duration, longest first, then by name; each
 * goes to the part with the least expected time so far (ties: the one
 * with fewer tests, then the lowest index, so that tests with no
 * duration to speak of are dealt round rather than piled on part 1).
 * LPT ends within 4/3 of the best split, and within the longest test of
 * the mean part.
 *
 * Everything it reads is the selection (the same manifest and options
 * give the same one) and the history's durations (history_summarize's
 * mean of the last SCHEDULE_RECENT, whole milliseconds): no path, no
 * hash, no clock, so every machine computes the same parts. A test
 * without a duration counts as the mean of those with one, so that the
 * suite's new tests spread like the others; with no history at all,
 * each test counts 1 and the split is by count. */
#include "shard.h"
#include "history.h"
#include "schedule.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The most parts: a count beyond any CI's machines, and a bound for the
 * heap. */
#define SHARD_MAX 100000

int
shard_parse(const char *text, struct shard *s)
{
	char *end;

	if (*text < '0' || *text > '9')
		return -1;
	errno = 0;
	s->index = strtoll(text, &end, 10);
	if (errno || *end != '/' || end[1] < '0' || end[1] > '9')
		return -1;
	s->count = strtoll(end + 1, &end, 10);
	if (errno || *end || s->count < 1 || s->count > SHARD_MAX ||
	    s->index < 1 || s->index > s->count)
		return -1;
	return 0;
}

/* A test to place: its expected time, and where it is in names. */
struct item {
	const char *name;
	long long ms;
	size_t at;
};

static int
longest_first(const void *a, const void *b)
{
	const struct item *x = a, *y = b;

	if (x->ms != y->ms)
		return x->ms > y->ms ? -1 : 1;
	return strcmp(x->name, y->name);
}

/* The parts as a binary min-heap of their indices, ordered by expected
 * time, then number of tests, then index: its top is where the next
 * test goes. */
struct parts {
	size_t *heap, *tests;
	long long *load;
	size_t n;
};

static int
before(const struct parts *p, size_t a, size_t b)
{
	if (p->load[a] != p->load[b])
		return p->load[a] < p->load[b];
	if (p->tests[a] != p->tests[b])
		return p->tests[a] < p->tests[b];
	return a < b;
}

/* The top's key grew: sink it to its place. */
static void
sink(struct parts *p)
{
	size_t i = 0, c, top = p->heap[0];

	while ((c = 2 * i + 1) < p->n) {
		if (c + 1 < p->n && before(p, p->heap[c + 1], p->heap[c]))
			c++;
		if (!before(p, p->heap[c], top))
			break;
		p->heap[i] = p->heap[c];
		i = c;
	}
	p->heap[i] = top;
}

/* The expectation of the tests without one: the mean of the others, or
 * 1 when no test has one. Returns how many have one. */
static size_t
fill_missing(struct item *v, size_t n)
{
	long long sum = 0, mean;
	size_t i, known = 0;

	for (i = 0; i < n; i++)
		if (v[i].ms >= 0) {
			sum += v[i].ms;
			known++;
		}
	mean = known ? sum / (long long)known : 1;
	for (i = 0; i < n; i++)
		if (v[i].ms < 0)
			v[i].ms = mean;
	return known;
}

size_t
shard_split(char *const *names, const long long *ms, size_t n,
    long long count, size_t *part, long long *load)
{
	struct item *v = xcalloc(n + 1, sizeof *v);
	struct parts p;
	size_t i, known;

	p.n = (size_t)count;
	p.heap = xcalloc(p.n, sizeof *p.heap);
	p.tests = xcalloc(p.n, sizeof *p.tests);
	p.load = load;
	for (i = 0; i < p.n; i++) {
		p.heap[i] = i;	/* all equal: in index order, a heap */
		load[i] = 0;
	}
	for (i = 0; i < n; i++) {
		v[i].name = names[i];
		v[i].ms = ms[i];
		v[i].at = i;
	}
	known = fill_missing(v, n);
	qsort(v, n, sizeof *v, longest_first);
	for (i = 0; i < n; i++) {
		size_t k = p.heap[0];

		part[v[i].at] = k;
		load[k] += v[i].ms;
		p.tests[k]++;
		sink(&p);
	}
	free(p.heap);
	free(p.tests);
	free(v);
	return known;
}

/* A duration as a person reads one: "4.2s", "12m05s", "3h20m". */
static const char *
human(long long ms, char *buf, size_t size)
{
	long long s = ms / 1000;

	if (s < 60)
		snprintf(buf, size, "%lld.%llds", s, ms % 1000 / 100);
	else if (s < 3600)
		snprintf(buf, size, "%lldm%02llds", s / 60, s % 60);
	else
		snprintf(buf, size, "%lldh%02lldm", s / 3600, s % 3600 / 60);
	return buf;
}

/* The expected duration of each of names[0..n) from the history at
 * hpath, -1 for a test it has none of. */
static long long *
expectations(const char *hpath, char *const *names, size_t n)
{
	long long *ms = xcalloc(n + 1, sizeof *ms);
	struct history h;
	struct hist_summary *sums = NULL;
	const struct hist_summary *s;
	size_t i, ns = 0;
	int got = history_read(&h, hpath) == 0;

	if (got)
		ns = history_summarize(&h, SCHEDULE_RECENT, &sums);
	else
		warn(errno == EINVAL ? 0 : errno, "%s %s: the shards are split "
		    "by count", hpath, errno == EINVAL ? "is not a run history" :
		    "cannot be read");
	for (i = 0; i < n; i++)
		ms[i] = (s = history_find(sums, ns, names[i])) ? s->mean_ms : -1;
	free(sums);
	if (got)
		history_free(&h);
	return ms;
}

void
shard_select(const struct shard *s, const char *hpath, char *const *names,
    size_t n, struct strlist *out)
{
	long long *ms = expectations(hpath, names, n), total = 0, k;
	long long *load = xcalloc((size_t)s->count, sizeof *load);
	size_t *part = xcalloc(n + 1, sizeof *part), i, mine = 0, known;
	char t1[32], t2[32];

	known = shard_split(names, ms, n, s->count, part, load);
	for (i = 0; i < n; i++)
		if (part[i] == (size_t)(s->index - 1)) {
			strlist_push(out, names[i]);
			mine++;
		}
	for (k = 0; k < s->count; k++)
		total += load[k];
	if (known)
		fprintf(stderr, "shard %lld/%lld: %zu test%s, expected %s of "
		    "%s\n", s->index, s->count, mine, mine == 1 ? "" : "s",
		    human(load[s->index - 1], t1, sizeof t1),
		    human(total, t2, sizeof t2));
	else
		fprintf(stderr, "shard %lld/%lld: %zu test%s of %zu (no run "
		    "history: split by count)\n", s->index, s->count, mine,
		    mine == 1 ? "" : "s", n);
	free(part);
	free(load);
	free(ms);
}
