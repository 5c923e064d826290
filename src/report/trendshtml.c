/* trendshtml.c - report.html's part of the trends (trends.h): a Trends
 * section with two small SVG charts (the suite's pass rate after each
 * run, and each run's wall time), each point with a <title>, then the
 * slowest tests with their change; and in the test table, per test, a
 * strip of its statuses over the runs, its CPU seconds and its peak
 * memory.
 *
 * The page stays small at 10,000 tests and 30 runs: a strip is written as
 * one letter a run in a single cell (data-h, and as its text, which
 * reads without the script), and the script at the end of the section
 * turns the letters into coloured cells, each with a title that names
 * the run and the status, once the page is loaded. */
#include "trends.h"
#include "escape.h"

#include <stdlib.h>
#include <string.h>

/* A status's letter in a strip, by enum status; '.' for no run. */
static const char letters[] = "pfxXstceinku";

#define CHART_W 420
#define CHART_H 150
#define CHART_LEFT 44
#define CHART_TOP 14
#define CHART_BOTTOM 22

static char
letter(unsigned char cell)
{
	return cell && cell - 1 < (int)sizeof letters - 1 ? letters[cell - 1] :
	    '.';
}

/* The x of run i of n, at the middle of its slot. */
static double
run_x(size_t i, size_t n)
{
	double w = (double)(CHART_W - CHART_LEFT - 8) / (double)(n ? n : 1);

	return CHART_LEFT + w * ((double)i + 0.5);
}

/* The frame of a chart: its svg element, its title, a y axis from 0 to
 * top with a label at the top, the middle and 0, and the runs' ids
 * under the first and the last. */
static void
frame(struct buf *b, const char *id, const char *title, const char *unit,
    double top, const struct trends *t)
{
	int h = CHART_H - CHART_TOP - CHART_BOTTOM, k;

	buf_printf(b, "<svg id=\"%s\" xmlns=\"http://www.w3.org/2000/svg\" "
	    "width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\"><text x=\"%d\" "
	    "y=\"10\">%s</text>\n", id, CHART_W, CHART_H, CHART_W, CHART_H,
	    CHART_LEFT, title);
	for (k = 0; k <= 2; k++) {
		int y = CHART_TOP + h - h * k / 2;

		buf_printf(b, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" "
		    "stroke=\"#ddd\"/><text x=\"0\" y=\"%d\">%g %s</text>\n",
		    CHART_LEFT, y, CHART_W - 8, y, y + 4, top * k / 2, unit);
	}
	buf_printf(b, "<text x=\"%.1f\" y=\"%d\">run %lld</text>",
	    run_x(0, t->nruns) - 10, CHART_H - 4, t->runs[0].id);
	if (t->nruns > 1)
		buf_printf(b, "<text x=\"%.1f\" y=\"%d\">run %lld</text>",
		    run_x(t->nruns - 1, t->nruns) - 30, CHART_H - 4,
		    t->runs[t->nruns - 1].id);
	buf_putc(b, '\n');
}

/* The suite's pass rate after each run: a line through a point a run. */
static void
rate_chart(struct buf *b, const struct trends *t)
{
	int h = CHART_H - CHART_TOP - CHART_BOTTOM;
	size_t i;

	frame(b, "trend-rate", "suite pass rate after each run", "%", 100, t);
	buf_puts(b, "<polyline fill=\"none\" stroke=\"#43a047\" points=\"");
	for (i = 0; i < t->nruns; i++) {
		const struct trend_run *r = &t->runs[i];
		double rate = r->suite ? (double)r->passing / r->suite : 0;

		buf_printf(b, "%s%.1f,%.1f", i ? " " : "", run_x(i, t->nruns),
		    CHART_TOP + h - h * rate);
	}
	buf_puts(b, "\"/>\n");
	for (i = 0; i < t->nruns; i++) {
		const struct trend_run *r = &t->runs[i];
		double rate = r->suite ? (double)r->passing / r->suite : 0;

		buf_printf(b, "<circle class=\"trend-point\" cx=\"%.1f\" "
		    "cy=\"%.1f\" r=\"3\" fill=\"%s\"><title>run %lld%s: "
		    "%.1f%% of the suite passing (%zu of %zu); this run: %zu "
		    "passed, %zu failed</title></circle>\n", run_x(i, t->nruns),
		    CHART_TOP + h - h * rate, r->failed ? "#e53935" : "#43a047",
		    r->id, r->current ? " (this run)" : "", rate * 100,
		    r->passing, r->suite, r->passed, r->failed);
	}
	buf_puts(b, "</svg>\n");
}

/* Each run's wall time, first start to its report: a bar a run. */
static void
time_chart(struct buf *b, const struct trends *t)
{
	int h = CHART_H - CHART_TOP - CHART_BOTTOM;
	double w = (double)(CHART_W - CHART_LEFT - 8) / (double)t->nruns;
	long long top = 1, ms;
	size_t i;

	for (i = 0; i < t->nruns; i++)
		if ((ms = t->runs[i].end_ms - t->runs[i].start_ms) > top &&
		    t->runs[i].start_ms >= 0)
			top = ms;
	frame(b, "trend-time", "run time (first start to report)", "s",
	    (double)top / 1000, t);
	for (i = 0; i < t->nruns; i++) {
		const struct trend_run *r = &t->runs[i];

		ms = r->start_ms >= 0 && r->end_ms > r->start_ms ?
		    r->end_ms - r->start_ms : 0;
		/* a path, not a rect: the timeline's bars are the rects */
		buf_printf(b, "<path class=\"trend-bar\" d=\"M%.1f,%.1fh%.1fv%.1f"
		    "h-%.1fz\" fill=\"#1e88e5\"><title>run %lld%s: %lld.%03lld s, "
		    "%zu tests</title></path>\n",
		    run_x(i, t->nruns) - w * 0.35, CHART_TOP + h - (double)h *
		    (double)ms / (double)top, w * 0.7, (double)h * (double)ms /
		    (double)top, w * 0.7, r->id, r->current ? " (this run)" : "",
		    ms / 1000, ms % 1000, r->tests);
	}
	buf_puts(b, "</svg>\n");
}

/* CPU seconds and peak MiB as cells: empty when not measured. */
static void
usage_cells(struct buf *b, const struct result *r)
{
	if (r->cpu_ms > 0)
		buf_printf(b, "<td>%lld.%02lld</td>", r->cpu_ms / 1000,
		    r->cpu_ms % 1000 / 10);
	else
		buf_puts(b, "<td></td>");
	if (r->max_rss_kb > 0)
		buf_printf(b, "<td>%.1f</td>", (double)r->max_rss_kb / 1024);
	else
		buf_puts(b, "<td></td>");
}

static void
slowest_table(struct buf *b, const struct report *rp)
{
	const struct trends *t = rp->trends;
	size_t i;

	if (!t->nslow)
		return;
	buf_puts(b, "<h3>Slowest tests</h3>\n<table id=\"slowest\"><thead><tr>"
	    "<th>Test</th><th>Seconds</th><th>Mean before</th><th>Change</th>"
	    "<th>CPU s</th><th>Peak MiB</th></tr></thead>\n<tbody>\n");
	for (i = 0; i < t->nslow; i++) {
		const struct trend_slow *s = &t->slow[i];
		const struct entry *e = &rp->e[s->test];
		char change[32];

		trends_change(change, sizeof change, e->dur_ms, s->mean_ms);
		buf_puts(b, "<tr><td>");
		esc_xml(b, e->name);
		buf_printf(b, "</td><td>%lld.%03lld</td><td>", e->dur_ms / 1000,
		    e->dur_ms % 1000);
		if (s->mean_ms >= 0)
			buf_printf(b, "%lld.%03lld", s->mean_ms / 1000,
			    s->mean_ms % 1000);
		buf_printf(b, "</td><td class=\"change %s\">%s</td>",
		    change[0] == '+' ? "slower" : change[0] == '-' ? "faster" :
		    "", change);
		usage_cells(b, &e->r);
		buf_puts(b, "</tr>\n");
	}
	buf_puts(b, "</tbody></table>\n");
}

/* The style of the strips, a colour a status as the timeline's, and
 * the script that draws them. */
static void
strip_style_script(struct buf *b, const struct trends *t,
    const char *(*colour)(enum status))
{
	size_t i;
	int s;

	buf_puts(b, "<style>td.strip{font-family:monospace;white-space:nowrap}"
	    "td.strip i{display:inline-block;width:6px;height:12px;"
	    "margin-right:1px;background:#eee}.change.slower{color:#c62828}"
	    ".change.faster{color:#2e7d32}");
	for (s = 0; s <= STATUS_N; s++)
		buf_printf(b, "td.strip i.h-%s{background:%s}",
		    status_name((enum status)s), colour((enum status)s));
	buf_puts(b, "</style>\n<div id=\"trend-runs\" hidden data-ids=\"");
	for (i = 0; i < t->nruns; i++)
		buf_printf(b, "%s%lld%s", i ? " " : "", t->runs[i].id,
		    t->runs[i].current ? "*" : "");
	buf_puts(b, "\"></div>\n<script>\ndocument.addEventListener("
	    "'DOMContentLoaded',function(){\nvar n={");
	for (s = 0; s <= STATUS_N; s++)
		buf_printf(b, "%s'%c':'%s'", s ? "," : "", letters[s],
		    status_name((enum status)s));
	buf_puts(b, "};\nvar ids=document.getElementById('trend-runs')."
	    "dataset.ids.split(' ');\n"
	    "[].forEach.call(document.querySelectorAll('td.strip'),function(td){\n"
	    "var h=td.dataset.h,s='';for(var i=0;i<h.length;i++){"
	    "var id=ids[i]||'?',cur=id.slice(-1)=='*',st=n[h[i]];\n"
	    "s+='<i class=\"'+(st?'h-'+st:'h-none')+'\" title=\"run '+"
	    "(cur?id.slice(0,-1)+' (this run)':id)+': '+(st||'did not run')+"
	    "'\"></i>';}\ntd.innerHTML=s;});});\n</script>\n");
}

void
trends_html(struct buf *b, const struct report *rp,
    const char *(*colour)(enum status))
{
	const struct trends *t = rp->trends;

	if (!t)
		return;
	buf_puts(b, "<h2 id=\"trends\">Trends</h2>\n");
	strip_style_script(b, t, colour);
	if (!t->nruns) {
		buf_puts(b, "<p>No runs recorded yet.</p>\n");
	} else {
		buf_printf(b, "<p>The last %zu run%s of the history. Hover over "
		    "a point or a bar for its run.</p>\n<div class=\"charts\">",
		    t->nruns, t->nruns == 1 ? "" : "s");
		rate_chart(b, t);
		time_chart(b, t);
		buf_puts(b, "</div>\n");
	}
	slowest_table(b, rp);
}

void
trends_html_heads(struct buf *b)
{
	buf_puts(b, "<th>History</th><th>CPU s</th><th>Peak MiB</th>");
}

void
trends_html_cells(struct buf *b, const struct report *rp,
    const struct entry *e)
{
	const struct trends *t = rp->trends;
	size_t k = (size_t)(e - rp->e), i;
	char *h;

	if (t && k < t->ntests) {
		h = xcalloc(t->nruns + 1, 1);
		for (i = 0; i < t->nruns; i++)
			h[i] = letter(t->strip[k * t->nruns + i]);
		buf_printf(b, "<td class=\"strip\" data-h=\"%s\">%s</td>", h, h);
		free(h);
	} else {
		buf_puts(b, "<td class=\"strip\"></td>");
	}
	usage_cells(b, &e->r);
}
