/* diag.c - see diag.h. */
#include "diag.h"
#include "strmap.h"
#include "util.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

struct diag {
	int file;	/* index in files[], in order of first mention */
	int line;
	size_t seq;	/* keeps equal positions in the order reported */
	char *text;
};

static struct diag *diags;
static size_t ndiags, capdiags;
static const char **files;
static size_t nfiles;
static int nerrors;
static struct strmap seen;	/* the texts recorded, to record each once */
static const char *alias_name, *alias_base;

/* text with every 'alias_name' written 'alias_base'. */
static void
unalias(struct buf *b)
{
	struct buf q = {0}, out = {0};
	const char *p, *hit;

	buf_printf(&q, "'%s'", alias_name);
	for (p = b->s; (hit = strstr(p, q.s)); p = hit + q.len) {
		buf_printf(&out, "%.*s'%s'", (int)(hit - p), p, alias_base);
	}
	buf_puts(&out, p);
	buf_free(&q);
	buf_free(b);
	*b = out;
}

static int
file_index(const char *file)
{
	size_t i;

	for (i = 0; i < nfiles; i++)
		if (strcmp(files[i], file) == 0)
			return (int)i;
	files = xrealloc(files, (nfiles + 1) * sizeof *files);
	files[nfiles] = xstrdup(file);
	return (int)nfiles++;
}

/* Record a diagnostic; 0 when the same was recorded already. */
static int
record(const char *kind, const char *file, int line, const char *fmt, va_list ap)
{
	struct buf b = {0};

	if (line > 0)
		buf_printf(&b, "%s:%d: %s: ", file, line, kind);
	else
		buf_printf(&b, "%s: %s: ", file, kind);
	buf_vprintf(&b, fmt, ap);
	if (alias_name)
		unalias(&b);
	if (strmap_get(&seen, b.s)) {
		buf_free(&b);
		return 0;
	}
	if (ndiags == capdiags) {
		capdiags = capdiags ? capdiags * 2 : 16;
		diags = xrealloc(diags, capdiags * sizeof *diags);
	}
	diags[ndiags].file = file_index(file);
	diags[ndiags].line = line;
	diags[ndiags].seq = ndiags;
	diags[ndiags].text = buf_steal(&b);
	strmap_add(&seen, diags[ndiags].text, &diags[ndiags]);
	ndiags++;
	return 1;
}

void
diag_alias(const char *name, const char *base)
{
	alias_name = name;
	alias_base = base;
}

void
diag_error(const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	nerrors += record("error", file, line, fmt, ap);
	va_end(ap);
}

void
diag_warning(const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	record("warning", file, line, fmt, ap);
	va_end(ap);
}

int
diag_errors(void)
{
	return nerrors;
}

static int
cmp(const void *a, const void *b)
{
	const struct diag *x = a, *y = b;

	if (x->file != y->file)
		return x->file < y->file ? -1 : 1;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

void
diag_flush(void)
{
	size_t i;

	if (ndiags)
		qsort(diags, ndiags, sizeof *diags, cmp);
	fflush(stdout);
	for (i = 0; i < ndiags; i++) {
		fprintf(stderr, "%s\n", diags[i].text);
		free(diags[i].text);
	}
	strmap_free(&seen);
	ndiags = 0;
}

void
diag_reset(void)
{
	size_t i;

	for (i = 0; i < ndiags; i++)
		free(diags[i].text);
	for (i = 0; i < nfiles; i++)
		free((char *)files[i]);
	free(diags);
	free(files);
	strmap_free(&seen);
	diags = NULL;
	files = NULL;
	ndiags = capdiags = nfiles = 0;
	nerrors = 0;
	alias_name = alias_base = NULL;
}

/* Optimal string alignment distance, capped: enough for "did you mean". */
static size_t
distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), i, j, *d, r;

	d = xmalloc((la + 1) * (lb + 1) * sizeof *d);
#define D(i, j) d[(i) * (lb + 1) + (j)]
	for (i = 0; i <= la; i++)
		D(i, 0) = i;
	for (j = 0; j <= lb; j++)
		D(0, j) = j;
	for (i = 1; i <= la; i++) {
		for (j = 1; j <= lb; j++) {
			size_t cost = a[i - 1] != b[j - 1], v;

			v = D(i - 1, j) + 1;
			if (D(i, j - 1) + 1 < v)
				v = D(i, j - 1) + 1;
			if (D(i - 1, j - 1) + cost < v)
				v = D(i - 1, j - 1) + cost;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
			    a[i - 2] == b[j - 1] && D(i - 2, j - 2) + 1 < v)
				v = D(i - 2, j - 2) + 1;
			D(i, j) = v;
		}
	}
	r = D(la, lb);
#undef D
	free(d);
	return r;
}

/* How many edits a suggestion for a word of wl letters may be away: one
 * up to 4 letters, two up to 8, three beyond, and never more than about a
 * third of the word. Further than that a person would not take it for a
 * typo (`setup` is three edits from `top`). */
static size_t
allowed_distance(size_t wl)
{
	size_t lim = wl <= 4 ? 1 : wl <= 8 ? 2 : 3, third = (wl + 1) / 3;

	return lim < third ? lim : third;
}

const char *
diag_suggest(const char *word, const char *const *candidates)
{
	const char *best = NULL;
	size_t bestd = allowed_distance(strlen(word)) + 1;

	for (; *candidates; candidates++) {
		size_t d = distance(word, *candidates);

		if (d < bestd) {
			best = *candidates;
			bestd = d;
		}
	}
	return best;
}

void
diag_unknown(const char *file, int line, const char *who, const char *what,
	const char *word, const char *const *names, const char *hint)
{
	const char *sug = diag_suggest(word, names);

	if (sug)
		diag_error(file, line, "%s names unknown %s '%s' (did you mean "
		    "'%s'?)", who, what, word, sug);
	else
		diag_error(file, line, "%s names unknown %s '%s'%s", who, what,
		    word, hint);
}
