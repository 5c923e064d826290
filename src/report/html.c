/* html.c - report.html: one self-contained page (no network, no external
 * file) with the summary, a timeline of the run drawn as inline SVG, and
 * the table of tests, problems first, with a filter. What a test said
 * when it failed (its result's message and traceback) sits collapsed in
 * its reason cell.
 *
 * The timeline has one row per slot: timeline.c placed every test and every
 * compile that ran this time, from the start and duration cosim-run
 * recorded, in the lowest row free at its start, so the rows are the jobs
 * that ran at once. Each bar has a <title> (its tooltip) with name, status
 * and duration. Tables of the compiles and of the fixture cleanups come
 * before the tests'; a test run more than once lists its earlier
 * attempts that did not pass, and links every attempt's log. The
 * script at the end only filters the tests' table and counts its rows by
 * status into #dom-counts, which a test compares with results.json. */
#include "html.h"
#include "buckets.h"
#include "coverage.h"
#include "escape.h"
#include "layout.h"
#include "waiver.h"
#include "trends.h"

#include <stdlib.h>
#include <string.h>

static const char *const style =
"body{font:14px/1.4 system-ui,sans-serif;margin:1.5em;color:#222}"
"h1{font-size:1.4em;margin:0 0 .3em}h2{font-size:1.1em;margin:1.2em 0 .4em}"
"#summary{font-size:1.2em;font-weight:600}#provenance{color:#555;margin:0}"
"#counts span{display:inline-block;margin-right:1em}"
"table{border-collapse:collapse;width:100%}"
"th,td{border-bottom:1px solid #ddd;padding:3px 6px;text-align:left;"
"vertical-align:top}th{background:#f3f3f3}"
"td.reason{font-family:monospace;font-size:12px;white-space:pre-wrap;"
"overflow-wrap:anywhere}"
".st{font-weight:600}.pass,.xfail{color:#2e7d32}.fail,.xpass{color:#c62828}"
".timeout{color:#e65100}.crash{color:#6a1b9a}.error,.interrupted{color:#5d4037}"
".skip,.notrun{color:#757575}.warn{color:#e65100}.flaky{color:#827717}"
".waived{color:#0277bd}"
".said summary{cursor:pointer;color:#555}"
".said pre{margin:.2em 0 .2em 1em;white-space:pre-wrap}"
"#controls{margin:.5em 0}#controls input[type=text]{width:24em}"
"#controls label,#shown{margin-left:1em}"
".legend span{margin-right:1em}.legend i{display:inline-block;width:.9em;"
"height:.9em;margin-right:.3em;vertical-align:-1px}"
"svg text{font:11px sans-serif}";

/* Bar colours by status, in the order of the legend (the status's word
 * unless the row says otherwise); other statuses (interrupted, notrun, a
 * word this version does not know) take the last. Compiles are blue. */
static const struct {
	enum status status;
	const char *colour, *legend;
} colours[] = {
	{STATUS_PASS, "#43a047", NULL}, {STATUS_XFAIL, "#00897b", NULL},
	{STATUS_FAIL, "#e53935", NULL}, {STATUS_XPASS, "#e53935", NULL},
	{STATUS_TIMEOUT, "#fb8c00", NULL}, {STATUS_CRASH, "#8e24aa", NULL},
	{STATUS_SKIP, "#bdbdbd", NULL}, {STATUS_FLAKY, "#c0ca33", NULL},
	{STATUS_ERROR, "#6d4c41", "error, interrupted"},
};
#define NCOLOURS (sizeof colours / sizeof colours[0])
#define COMPILE_COLOUR "#1e88e5"

static const char *
colour(enum status s)
{
	size_t i;

	for (i = 0; i < NCOLOURS - 1; i++)
		if (colours[i].status == s)
			return colours[i].colour;
	return colours[NCOLOURS - 1].colour;
}

/* The drawing's x axis: width px for span ms from t0, after left px of
 * row names. */
struct scale {
	double left, width;
	long long t0, span;
};

static void
bar(struct buf *b, const struct scale *sc, long long start, long long ms,
    int lane, const char *fill, const char *label, const char *status)
{
	double x = sc->left + sc->width * (double)(start - sc->t0) /
	    (double)sc->span;
	double w = sc->width * (double)ms / (double)sc->span;

	buf_printf(b, "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"16\" "
	    "fill=\"%s\"><title>", x, 24 + lane * 20, w < 1 ? 1 : w, fill);
	esc_xml(b, label);
	buf_puts(b, " \xe2\x80\x94 ");
	esc_xml(b, status);
	buf_printf(b, ", %lld.%03lld s</title></rect>\n", ms / 1000, ms % 1000);
}

/* A step of 1, 2 or 5 times a power of ten that gives at most about ten
 * ticks over span (ms). */
static long long
tick_step(long long span)
{
	static const int m[] = {1, 2, 5};
	long long p = 1;
	int i = 0;

	while (p * m[i] * 10 < span)
		if (++i == 3) {
			i = 0;
			p *= 10;
		}
	return p * m[i];
}

/* The <svg> element with a name per row and the ticks of the time axis. */
static void
axis(struct buf *b, const struct scale *sc, int nlanes)
{
	long long step = tick_step(sc->span);
	size_t i;
	int l;

	buf_printf(b, "<svg id=\"timeline\" xmlns=\"http://www.w3.org/2000/svg\" "
	    "width=\"%.0f\" height=\"%d\" viewBox=\"0 0 %.0f %d\">\n",
	    sc->left + sc->width + 40, 30 + nlanes * 20,
	    sc->left + sc->width + 40, 30 + nlanes * 20);
	for (l = 0; l < nlanes; l++)
		buf_printf(b, "<text x=\"0\" y=\"%d\">slot %d</text>\n",
		    24 + l * 20 + 12, l + 1);
	for (i = 0; (long long)i * step <= sc->span; i++) {
		double x = sc->left + sc->width * (double)((long long)i *
		    step) / (double)sc->span;

		buf_printf(b, "<line x1=\"%.1f\" y1=\"16\" x2=\"%.1f\" y2=\"%d\" "
		    "stroke=\"#ddd\"/><text x=\"%.1f\" y=\"12\">%g s</text>\n",
		    x, x, 24 + nlanes * 20, x,
		    (double)((long long)i * step) / 1000);
	}
}

static void
timeline(struct buf *b, const struct report *rp)
{
	struct scale sc = {60, 1000, rp->first, 1};
	size_t i, j;

	buf_puts(b, "<h2>Timeline</h2>\n");
	if (!rp->nlanes) {
		buf_puts(b, "<p>No run times recorded.</p>\n");
		return;
	}
	sc.span = rp->last - sc.t0 > 0 ? rp->last - sc.t0 : 1;
	buf_printf(b, "<p>%d slot%s, %lld.%03lld s from the first start to the "
	    "last end. Hover over a bar for its name.</p>\n", rp->nlanes,
	    rp->nlanes == 1 ? "" : "s", sc.span / 1000, sc.span % 1000);
	axis(b, &sc, rp->nlanes);
	for (i = 0; i < rp->nc; i++) {
		const struct compile *c = &rp->c[i];
		int built = c->status == STATUS_PASS;
		char *label;

		if (c->lane < 0)
			continue;
		label = xasprintf("compile %s", c->label);
		bar(b, &sc, c->start_ms, c->dur_ms, c->lane, built ?
		    COMPILE_COLOUR : colour(c->status), label, built ? "built" :
		    results_word(c->status, c->status_word));
		free(label);
	}
	for (i = 0; i < rp->n; i++) {
		const struct entry *e = &rp->e[i];

		if (e->lane >= 0)
			bar(b, &sc, e->start_ms, e->dur_ms, e->lane,
			    colour(e->status), e->name,
			    results_word(e->status, e->status_word));
		for (j = 0; j < e->natt; j++) {
			const struct attempt *a = &e->att[j];
			char *label;

			if (a->lane < 0)
				continue;
			label = xasprintf("%s, attempt %lld", e->name, a->k);
			bar(b, &sc, a->start_ms, a->dur_ms, a->lane,
			    colour(a->status), label,
			    results_word(a->status, a->status_word));
			free(label);
		}
	}
	buf_puts(b, "</svg>\n<p class=\"legend\"><span><i style=\"background:"
	    COMPILE_COLOUR "\"></i>compile</span>");
	for (i = 0; i < NCOLOURS; i++)
		buf_printf(b, "<span><i style=\"background:%s\"></i>%s</span>",
		    colours[i].colour, colours[i].legend ? colours[i].legend :
		    status_name(colours[i].status));
	buf_puts(b, "</p>\n");
}

/* The name cell's text, then the status cell (left open). */
static void
name_status(struct buf *b, const char *name, const char *status)
{
	esc_xml(b, name);
	buf_puts(b, "</td><td class=\"st ");
	esc_xml(b, status);
	buf_puts(b, "\">");
	esc_xml(b, status);
}

/* In the reason cell of e: a line per earlier attempt that did not pass,
 * with its status and reason. */
static void
attempt_reasons(struct buf *b, const struct entry *e)
{
	size_t i;

	for (i = 0; i < e->natt; i++) {
		const struct attempt *a = &e->att[i];
		const char *status = results_word(a->status, a->status_word);

		if (status_is_pass(a->status))
			continue;
		buf_printf(b, "\n<span class=\"attempt\">attempt %lld: "
		    "<span class=\"", a->k);
		esc_xml(b, status);
		buf_puts(b, "\">");
		esc_xml(b, status);
		buf_puts(b, "</span>");
		if (*a->reason) {
			buf_puts(b, ": ");
			esc_xml(b, a->reason);
		}
		buf_puts(b, "</span>");
	}
}

/* In the reason cell: the counts of the UVM report summary its logs
 * held, if any. */
static void
uvm_counts(struct buf *b, const struct entry *e)
{
	if (!e->r.uvm_errors)
		return;
	if ((e->reason && *e->reason) || e->match || e->warnings)
		buf_putc(b, '\n');
	buf_puts(b, "<span class=\"uvm\">UVM report summary: ");
	esc_xml(b, e->r.uvm_errors);
	buf_puts(b, " UVM_ERROR, ");
	esc_xml(b, e->r.uvm_fatals ? e->r.uvm_fatals : "?");
	buf_puts(b, " UVM_FATAL, ");
	esc_xml(b, e->r.uvm_warnings ? e->r.uvm_warnings : "?");
	buf_puts(b, " UVM_WARNING</span>");
}

/* In the reason cell: what the test said, its message, an empty line
 * and its traceback, collapsed under a line that names them. */
static void
said(struct buf *b, const struct result *r)
{
	size_t n = results_message_len(r->message), i;

	if (!n && !r->traceback.n)
		return;
	buf_printf(b, "<details class=\"said\"><summary>%s%s%s</summary><pre>",
	    n ? "message" : "", n && r->traceback.n ? " and " : "",
	    r->traceback.n ? "traceback" : "");
	if (n) {
		char *m = xstrndup(r->message, n);

		esc_xml(b, m);
		buf_puts(b, r->traceback.n ? "\n\n" : "");
		free(m);
	}
	for (i = 0; i < r->traceback.n; i++) {
		esc_xml(b, r->traceback.v[i]);
		buf_puts(b, i + 1 < r->traceback.n ? "\n" : "");
	}
	buf_puts(b, "</pre></details>");
}

/* In the reason cell of a waived test: the waiver and its reason. */
static void
waiver_line(struct buf *b, const struct waiver *w)
{
	buf_puts(b, "\n<span class=\"waived\">waived by ");
	esc_xml(b, w->name);
	buf_puts(b, ": ");
	esc_xml(b, w->reason);
	buf_puts(b, ", until ");
	esc_xml(b, w->expires);
	buf_puts(b, "</span>");
}

static void
row(struct buf *b, const struct report *rp, const struct entry *e)
{
	const char *status = results_word(e->status, e->status_word);
	size_t i;

	buf_puts(b, "<tr data-status=\"");
	esc_xml(b, status);
	buf_printf(b, "\" data-tally=\"%s\" data-ran=\"%d\" data-warnings="
	    "\"%lld\"><td>", tally_words[e->tally], e->ran && e->has_result,
	    e->warnings);
	/* a waived test: "waived (fail)" in the waived colour */
	name_status(b, e->name, e->waiver ? tally_words[TL_WAIVED] : status);
	if (e->waiver) {
		buf_puts(b, " (");
		esc_xml(b, status);
		buf_putc(b, ')');
	}
	buf_puts(b, "</td><td>");
	esc_xml(b, e->seed ? e->seed : "");
	buf_puts(b, "</td><td>");
	esc_xml(b, e->design ? e->design : "");
	buf_puts(b, "</td><td>");
	for (i = 0; e->labels[i]; i++) {
		if (i)
			buf_putc(b, ' ');
		esc_xml(b, e->labels[i]);
	}
	buf_printf(b, "</td><td>%lld.%03lld</td><td>%s</td><td class=\"reason\">",
	    e->dur_ms / 1000, e->dur_ms % 1000, e->ran && e->has_result ? "yes" :
	    "no");
	buckets_badge(b, e);
	esc_xml(b, e->reason ? e->reason : "");
	if (e->waiver)
		waiver_line(b, e->waiver);
	if (e->match) {
		buf_puts(b, "\nfirst match: ");
		esc_xml(b, e->match);
	}
	if (e->warnings) {
		buf_printf(b, "%s<span class=\"warn\">%lld warning line%s, "
		    "first: ", e->reason && *e->reason ? "\n" : "",
		    e->warnings, e->warnings == 1 ? "" : "s");
		esc_xml(b, e->warning);
		buf_puts(b, "</span>");
	}
	uvm_counts(b, e);
	attempt_reasons(b, e);
	said(b, &e->r);
	buf_puts(b, "</td><td>");
	if (e->has_result) {
		char *result = layout_test_file(NULL, e->name, DIR_RESULT);

		esc_link(b, e->href, e->log_path, "log");
		buf_putc(b, ' ');
		esc_link(b, e->href, result, "result");
		buf_putc(b, ' ');
		esc_link(b, e->href, e->repro, "repro");
		buf_putc(b, ' ');
		if (e->waves) {
			esc_link(b, e->href, e->waves, "waves");
			buf_putc(b, ' ');
		}
		free(result);
	}
	for (i = 0; i < e->natt; i++) {
		char *text = xasprintf("attempt&nbsp;%lld&nbsp;log",
		    e->att[i].k);

		esc_link(b, e->href, e->att[i].log_path, text);
		buf_putc(b, ' ');
		free(text);
	}
	buf_puts(b, "</td>");
	trends_html_cells(b, rp, e);
	buf_puts(b, "</tr>\n");
}

/* The table lists problems first: failures, timeouts, crashes, errors,
 * tests not run, flaky tests, then the rest; each group in test list
 * order. */
static int
rank(const struct entry *e)
{
	static const enum tally first[] = {TL_FAIL, TL_TIMEOUT, TL_CRASH,
		TL_ERROR, TL_NOTRUN, TL_FLAKY, TL_WAIVED};
	int i, n = (int)(sizeof first / sizeof first[0]);

	for (i = 0; i < n && first[i] != e->tally; i++)
		;
	return i;
}

/* The entries are one array: their addresses are the list order. */
static int
by_rank(const void *a, const void *b)
{
	const struct entry *x = *(const struct entry *const *)a;
	const struct entry *y = *(const struct entry *const *)b;
	int rx = rank(x), ry = rank(y);

	return rx != ry ? rx - ry : (x > y) - (x < y);
}

static const struct entry **
problems_first(const struct report *rp)
{
	const struct entry **order = xcalloc(rp->n + 1, sizeof *order);
	size_t i;

	for (i = 0; i < rp->n; i++)
		order[i] = &rp->e[i];
	qsort(order, rp->n, sizeof *order, by_rank);
	return order;
}

/* A table of jobs (compiles, cleanups) whose first column is head: each
 * with its status, time, reason (a compile's first error) and files. */
static void
jobs(struct buf *b, const char *title, const char *id, const char *head,
    const struct compile *c, size_t n, enum dir_file result_file)
{
	size_t i;

	if (!n)
		return;
	buf_printf(b, "<h2>%s</h2>\n<table id=\"%s\"><thead><tr><th>%s</th>"
	    "<th>Status</th><th>Seconds</th><th>Ran this time</th><th>Reason"
	    "</th><th>Files</th></tr></thead>\n<tbody>\n", title, id, head);
	for (i = 0; i < n; i++, c++) {
		const char *status = results_word(c->status, c->status_word);
		char *result;

		buf_puts(b, "<tr data-status=\"");
		esc_xml(b, status);
		buf_puts(b, "\"><td>");
		name_status(b, c->label, status);
		buf_printf(b, "</td><td>%lld.%03lld</td><td>%s</td><td class=\""
		    "reason\">", c->dur_ms / 1000, c->dur_ms % 1000, c->ran ?
		    "yes" : "no");
		esc_xml(b, c->reason);
		if (c->log_line)
			buf_printf(b, "\n(log line %zu)", c->log_line);
		buf_puts(b, "</td><td>");
		esc_link(b, c->href, c->log, "log");
		buf_putc(b, ' ');
		result = layout_in(c->id, result_file);
		esc_link(b, c->href, result, "result");
		free(result);
		buf_puts(b, "</td></tr>\n");
	}
	buf_puts(b, "</tbody></table>\n");
}

static const char *const script =
"(function(){\n"
"var rows=[].slice.call(document.querySelectorAll('#tests tbody tr'));\n"
"var f=document.getElementById('filter'),bad=document.getElementById('only-bad'),"
"ran=document.getElementById('only-ran'),shown=document.getElementById('shown');\n"
"function ok(t){return t=='passed'||t=='skipped';}\n"
"function apply(){var q=f.value.toLowerCase(),n=0;rows.forEach(function(r){\n"
"var v=(!q||r.textContent.toLowerCase().indexOf(q)>=0)&&"
"(!bad.checked||!ok(r.dataset.tally))&&(!ran.checked||r.dataset.ran=='1');\n"
"r.style.display=v?'':'none';if(v)n++;});\n"
"shown.textContent=n+' of '+rows.length+' tests shown';}\n"
"[f,bad,ran].forEach(function(x){x.addEventListener('input',apply);"
"x.addEventListener('change',apply);});apply();\n"
"var c={},d=document.getElementById('dom-counts');rows.forEach(function(r){"
"c[r.dataset.tally]=(c[r.dataset.tally]||0)+1;});\n"
"Object.keys(c).forEach(function(k){d.setAttribute('data-'+k.replace(' ','-'),c[k]);});\n"
"d.setAttribute('data-rows',rows.length);d.setAttribute('data-ready','yes');\n"
"})();\n";

/* A line of what the run was made with: "cosimgen 1.0, verilator
 * 5.006, git 0123456789ab, hosts node1,node2". */
static void
provenance(struct buf *b, const struct report *rp)
{
	size_t i;

	if (!rp->provenance)
		return;
	buf_puts(b, "<p id=\"provenance\">");
	for (i = 0; i < rp->provenance->n; i++) {
		const char *item = rp->provenance->v[i];
		size_t k = strcspn(item, "=");

		buf_puts(b, i ? ", " : "");
		buf_add(b, item, k);	/* a word of this program's */
		buf_putc(b, ' ');
		esc_xml(b, item + k + 1);
	}
	buf_puts(b, "</p>\n");
}

void
html_render(struct buf *b, const struct report *rp)
{
	const struct entry **order;
	size_t i;
	int k;

	buf_printf(b, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta "
	    "charset=\"utf-8\"><title>cosimgen report</title><style>%s</style>"
	    "</head>\n<body>\n<h1>cosimgen report: ", style);
	esc_xml(b, rp->builddir);
	for (i = 0; i < rp->nmerged; i++) {
		buf_puts(b, i ? ", " : " (merged from ");
		esc_xml(b, rp->merged[i]);
		buf_puts(b, i + 1 < rp->nmerged ? "" : ")");
	}
	buf_puts(b, "</h1>\n");
	provenance(b, rp);
	buf_puts(b, "<p id=\"summary\">");
	esc_xml(b, rp->summary_last);
	buf_puts(b, "</p>\n<p id=\"counts\">");
	for (k = 0; k < TL_N; k++)
		buf_printf(b, "<span>%s: <b data-tally=\"%s\">%zu</b></span>",
		    tally_words[k], tally_words[k], rp->count[k]);
	buf_puts(b, "</p>\n");
	coverage_html(b, rp);
	timeline(b, rp);
	trends_html(b, rp, colour);
	jobs(b, "Compiles", "compiles", "Designs", rp->c, rp->nc, DIR_RESULT);
	/* a cleanup that did not pass is a warning */
	jobs(b, "Fixture cleanups", "cleanups", "Fixture", rp->cl, rp->ncl,
	    DIR_CLEANUP_RESULT);
	buckets_html(b, rp);
	buf_printf(b, "<h2>Tests</h2>\n<div id=\"controls\"><input type=\"text\" "
	    "id=\"filter\" placeholder=\"text in any column: name, status, "
	    "design, label, reason\"> <label><input type=\"checkbox\" id=\"only-bad\"> only "
	    "problems</label> <label><input type=\"checkbox\" id=\"only-ran\"> "
	    "only tests that ran this time</label> <span id=\"shown\"></span>"
	    "</div>\n<table id=\"tests\"><thead><tr><th>Test</th><th>Status</th>"
	    "<th>Seed</th><th>Design</th><th>Labels</th><th>Seconds</th><th>Ran this time"
	    "</th><th>Reason</th><th>Files</th>");
	trends_html_heads(b);
	buf_puts(b, "</tr></thead>\n<tbody>\n");
	order = problems_first(rp);
	for (i = 0; i < rp->n; i++)
		row(b, rp, order[i]);
	free(order);
	buf_printf(b, "</tbody></table>\n<div id=\"dom-counts\" hidden></div>\n"
	    "<script>\n%s</script>\n</body></html>\n", script);
}
