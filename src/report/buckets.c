/* buckets.c - see buckets.h. The tests with a signature are sorted by
 * it (then by where they stand, so each bucket keeps the report's
 * order), cut where it changes, and the buckets sorted: most tests
 * first, then by signature, so the order is the same from run to run. */
#include "buckets.h"
#include "escape.h"
#include "layout.h"

#include <stdlib.h>
#include <string.h>

/* The entries are one array: their addresses are the report's order. */
static int
by_signature(const void *a, const void *b)
{
	const struct entry *x = *(const struct entry *const *)a;
	const struct entry *y = *(const struct entry *const *)b;
	int c = strcmp(x->signature, y->signature);

	return c ? c : (x > y) - (x < y);
}

static int
by_size(const void *a, const void *b)
{
	const struct bucket *x = a, *y = b;

	if (x->n != y->n)
		return x->n > y->n ? -1 : 1;
	return strcmp(x->signature, y->signature);
}

void
buckets_make(struct report *rp)
{
	const struct entry **v = xcalloc(rp->n + 1, sizeof *v);
	size_t i, j, n = 0;

	for (i = 0; i < rp->n; i++) {
		rp->e[i].bucket = NULL;
		if (rp->e[i].signature)
			v[n++] = &rp->e[i];
	}
	qsort(v, n, sizeof *v, by_signature);
	rp->buckets = xcalloc(n + 1, sizeof *rp->buckets);
	rp->nbuckets = 0;
	for (i = 0; i < n; i = j) {
		struct bucket *k = &rp->buckets[rp->nbuckets++];

		for (j = i + 1; j < n && strcmp(v[i]->signature,
		    v[j]->signature) == 0; j++)
			;
		k->signature = v[i]->signature;
		k->n = j - i;
		k->tests = xcalloc(k->n, sizeof *k->tests);
		memcpy(k->tests, v + i, k->n * sizeof *k->tests);
		k->mark = MARK_NEW;
	}
	free(v);
	qsort(rp->buckets, rp->nbuckets, sizeof *rp->buckets, by_size);
	for (i = 0; i < rp->nbuckets; i++) {
		rp->buckets[i].id = i;
		for (j = 0; j < rp->buckets[i].n; j++)
			((struct entry *)rp->buckets[i].tests[j])->bucket =
			    &rp->buckets[i];
	}
}

void
buckets_free(struct report *rp)
{
	size_t i;

	for (i = 0; i < rp->n; i++)
		rp->e[i].bucket = NULL;
	for (i = 0; i < rp->nbuckets; i++)
		free(rp->buckets[i].tests);
	free(rp->buckets);
	for (i = 0; i < rp->nfixed; i++) {
		free(rp->fixed[i].signature);
		free(rp->fixed[i].passing);
	}
	free(rp->fixed);
	rp->buckets = NULL;
	rp->fixed = NULL;
	rp->nbuckets = rp->nfixed = 0;
}

/* The names of the tests of a fixed bucket that the summary lists, at
 * most. */
#define FIXED_NAMES 5

/* One line per fixed bucket: how many tests had it, which pass now. */
static void
summary_fixed(struct buf *b, const struct report *rp)
{
	size_t i, j;

	for (i = 0; i < rp->nfixed && i < BUCKETS_SHOWN; i++) {
		const struct fixed_bucket *f = &rp->fixed[i];

		buf_printf(b, "FIXED    %zu test%s: %s", f->then,
		    f->then == 1 ? "" : "s", f->signature);
		for (j = 0; j < f->npassing && j < FIXED_NAMES; j++)
			buf_printf(b, "%s%s", j ? " " : "; pass now: ",
			    f->passing[j]);
		if (f->npassing > FIXED_NAMES)
			buf_printf(b, " and %zu more", f->npassing - FIXED_NAMES);
		buf_putc(b, '\n');
	}
	if (rp->nfixed > BUCKETS_SHOWN)
		buf_printf(b, "FIXED    and %zu more signatures (results.json "
		    "lists them)\n", rp->nfixed - BUCKETS_SHOWN);
}

/* How many tests of k are waived (waivers.h). */
static size_t
waived(const struct bucket *k)
{
	size_t i, n = 0;

	for (i = 0; i < k->n; i++)
		n += k->tests[i]->tally == TL_WAIVED;
	return n;
}

/* A bucket: its size (and how many of its tests are waived), mark and
 * signature, then its first test that is not waived with the log line
 * to look at and its repro script (none for a test its compile or its
 * fixture kept from running). */
static void
summary_bucket(struct buf *b, const struct bucket *k)
{
	const struct entry *e = k->tests[0];
	size_t start, w = waived(k), i;

	for (i = 0; i < k->n && e->tally == TL_WAIVED; i++)
		e = k->tests[i];
	buf_printf(b, "BUCKET   %zu test%s", k->n, k->n == 1 ? "" : "s");
	if (w)
		buf_printf(b, " (%zu waived)", w);
	buf_printf(b, ", %s: %s\n", mark_words[k->mark], k->signature);
	start = b->len;
	buf_printf(b, "         e.g. %s   ", e->name);
	/* the repro under the log */
	start = b->len - start;
	buf_printf(b, "log: %s/%s", e->home, e->log_path);
	if (e->log_line)
		buf_printf(b, ":%zu", e->log_line);
	buf_putc(b, '\n');
	if (!e->compile_log && !e->fixture_log)
		buf_printf(b, "%*srepro: %s/%s\n", (int)start, "", e->home,
		    e->repro);
}

void
buckets_summary(struct buf *b, const struct report *rp)
{
	size_t i, failed = 0, shown = 0, open = 0;

	/* a bucket of waived tests only is not a problem to list */
	for (i = 0; i < rp->nbuckets; i++) {
		size_t w = waived(&rp->buckets[i]);

		failed += rp->buckets[i].n - w;
		open += w < rp->buckets[i].n;
	}
	/* buckets of one test each would only say the entries again */
	if (failed > BUCKETS_FROM && open < failed) {
		for (i = 0; i < rp->nbuckets && shown < BUCKETS_SHOWN; i++)
			if (waived(&rp->buckets[i]) < rp->buckets[i].n) {
				summary_bucket(b, &rp->buckets[i]);
				shown++;
			}
		if (open > shown)
			buf_printf(b, "BUCKET   and %zu more (results.json and "
			    "report.html list them all)\n", open - shown);
	}
	summary_fixed(b, rp);
}

/* ", KEY: "HOME/PATH"". */
static void
json_path(struct buf *b, const char *key, const char *home, const char *path)
{
	char *p = xasprintf("%s/%s", home, path);

	buf_printf(b, ", \"%s\": ", key);
	esc_json(b, p);
	free(p);
}

static void
json_bucket(struct buf *b, const struct bucket *k)
{
	const struct entry *e = k->tests[0];
	size_t i;

	buf_printf(b, "{\"id\": %zu, \"signature\": ", k->id);
	esc_json(b, k->signature);
	buf_printf(b, ", \"mark\": \"%s\", \"count\": %zu, \"tests\": [",
	    mark_words[k->mark], k->n);
	for (i = 0; i < k->n; i++) {
		buf_puts(b, i ? ", " : "");
		esc_json(b, k->tests[i]->name);
	}
	buf_puts(b, "], \"example\": {\"test\": ");
	esc_json(b, e->name);
	json_path(b, "log", e->home, e->log_path);
	if (e->log_line)
		buf_printf(b, ", \"log_line\": %zu", e->log_line);
	if (!e->compile_log && !e->fixture_log)
		json_path(b, "repro", e->home, e->repro);
	buf_puts(b, "}}");
}

static void
json_fixed(struct buf *b, const struct fixed_bucket *f)
{
	size_t i;

	buf_puts(b, "{\"signature\": ");
	esc_json(b, f->signature);
	buf_printf(b, ", \"count\": %zu, \"pass_now\": [", f->then);
	for (i = 0; i < f->npassing; i++) {
		buf_puts(b, i ? ", " : "");
		esc_json(b, f->passing[i]);
	}
	buf_puts(b, "]}");
}

void
buckets_json(struct buf *b, const struct report *rp)
{
	size_t i;

	buf_puts(b, ",\n \"buckets\": [\n");
	for (i = 0; i < rp->nbuckets; i++) {
		buf_puts(b, "  ");
		json_bucket(b, &rp->buckets[i]);
		buf_puts(b, i + 1 < rp->nbuckets ? ",\n" : "\n");
	}
	buf_puts(b, " ],\n \"fixed_buckets\": [\n");
	for (i = 0; i < rp->nfixed; i++) {
		buf_puts(b, "  ");
		json_fixed(b, &rp->fixed[i]);
		buf_puts(b, i + 1 < rp->nfixed ? ",\n" : "\n");
	}
	buf_puts(b, " ]");
}

static const char *const bucket_style =
".bucket summary{cursor:pointer;padding:2px 0}"
".bucket summary code{font-size:12px;white-space:pre-wrap}"
".bucket table{margin:.2em 0 .6em 1.5em;width:auto}"
".mark{display:inline-block;font:600 11px system-ui,sans-serif;"
"padding:0 .4em;margin-right:.2em;border-radius:3px;color:#fff;"
"background:#757575}"
".mark.new{background:#c62828}.mark.fixed{background:#2e7d32}"
".mark.unstable{background:#e65100}";

void
buckets_badge(struct buf *b, const struct entry *e)
{
	if (e->mark != MARK_NONE)
		buf_printf(b, "<span class=\"mark %s\">%s</span> ",
		    mark_words[e->mark], mark_words[e->mark]);
	if (e->unstable)
		buf_puts(b, "<span class=\"mark unstable\">unstable</span> ");
}

/* A bucket's test: name and marks, status, reason, log and repro. */
static void
html_test(struct buf *b, const struct entry *e)
{
	const char *status = results_word(e->status, e->status_word);

	buf_puts(b, "<tr><td>");
	esc_xml(b, e->name);
	buf_puts(b, "</td><td class=\"st ");
	esc_xml(b, e->tally == TL_WAIVED ? "waived" : status);
	buf_puts(b, "\">");
	if (e->tally == TL_WAIVED)
		buf_puts(b, "waived (");
	esc_xml(b, status);
	if (e->tally == TL_WAIVED)
		buf_putc(b, ')');
	buf_putc(b, ' ');
	buckets_badge(b, e);
	buf_puts(b, "</td><td class=\"reason\">");
	esc_xml(b, e->reason ? e->reason : "");
	buf_puts(b, "</td><td>");
	esc_link(b, e->href, e->log_path, "log");
	if (!e->compile_log && !e->fixture_log) {
		buf_putc(b, ' ');
		esc_link(b, e->href, e->repro, "repro");
	}
	buf_puts(b, "</td></tr>\n");
}

static void
html_bucket(struct buf *b, const struct bucket *k)
{
	size_t i;

	buf_printf(b, "<details class=\"bucket\" data-mark=\"%s\" "
	    "data-count=\"%zu\"><summary><strong>%zu test%s</strong>"
	    "<span class=\"mark %s\">%s</span> <code>", mark_words[k->mark],
	    k->n, k->n, k->n == 1 ? "" : "s", mark_words[k->mark],
	    mark_words[k->mark]);
	esc_xml(b, k->signature);
	buf_puts(b, "</code></summary>\n<table>\n");
	for (i = 0; i < k->n; i++)
		html_test(b, k->tests[i]);
	buf_puts(b, "</table></details>\n");
}

void
buckets_html(struct buf *b, const struct report *rp)
{
	size_t i, j;

	/* the marks' badges are in the tests' table too */
	buf_printf(b, "<style>%s</style>\n", bucket_style);
	if (!rp->nbuckets && !rp->nfixed)
		return;
	buf_printf(b, "<h2>Failure buckets</h2>\n<div "
	    "id=\"buckets\">\n<p>%zu signature%s of the tests that did not "
	    "pass; open one for its tests.</p>\n", rp->nbuckets,
	    rp->nbuckets == 1 ? "" : "s");
	for (i = 0; i < rp->nbuckets; i++)
		html_bucket(b, &rp->buckets[i]);
	if (rp->nfixed)
		buf_puts(b, "<h3>Fixed since the last run</h3>\n<ul id=\"fixed\">"
		    "\n");
	for (i = 0; i < rp->nfixed; i++) {
		const struct fixed_bucket *f = &rp->fixed[i];

		buf_printf(b, "<li><strong>%zu test%s</strong><span class=\"mark fixed\">"
		    "fixed</span> <code>", f->then, f->then == 1 ? "" : "s");
		esc_xml(b, f->signature);
		buf_puts(b, "</code>");
		for (j = 0; j < f->npassing; j++) {
			buf_puts(b, j ? " " : "; pass now: ");
			esc_xml(b, f->passing[j]);
		}
		buf_puts(b, "</li>\n");
	}
	buf_puts(b, rp->nfixed ? "</ul>\n</div>\n" : "</div>\n");
}
