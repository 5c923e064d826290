/* compiles.c - the report's compiles: which compiles the manifest has
 * (<builddir>/compiles.list, written by cosimgen, one line each: its
 * directory under the builddir, then the designs it builds), how each one
 * last went (its result, written by cosim-run --compile), the summary
 * entries of those that did not pass and their part of results.json. */
#include "report.h"
#include "compileslist.h"
#include "escape.h"

#include <stdlib.h>
#include <string.h>

const char *
compile_log(const struct compile *c, size_t *line)
{
	const char *v = kv_get(&c->r, "log");

	*line = (size_t)result_num(&c->r, "log_line", 1000000000LL);
	return v ? v : "";
}

/* The compiles of compiles.list that have a result. A compile without
 * one has not run: no test of its designs could run either, and they are
 * reported as not run. */
void
compiles_load(struct report *rp)
{
	char *path = xasprintf("%s/compiles.list", rp->builddir), *text;
	char *line, *save = NULL;
	size_t cap = 0;

	text = file_read(path, NULL);
	free(path);
	for (line = text ? strtok_r(text, "\n", &save) : NULL; line;
	    line = strtok_r(NULL, "\n", &save)) {
		size_t n = strcspn(line, " ");
		struct compile *c;
		struct compiles_line cl;
		const char *st;

		if (rp->nc == cap) {
			cap = cap ? 2 * cap : 16;
			rp->c = xrealloc(rp->c, cap * sizeof *rp->c);
		}
		c = &rp->c[rp->nc];
		memset(c, 0, sizeof *c);
		c->id = xstrndup(line, n);
		path = xasprintf("%s/%s/result", rp->builddir, c->id);
		if (kv_read(&c->r, path, RESULT_MAGIC) != 0 ||
		    !(st = kv_get(&c->r, "status")) || !*st) {
			kv_free(&c->r);
			free(c->id);
			free(path);
			continue;
		}
		free(path);
		c->label = xstrdup(compileslist_parse(line, &cl) == 0 && cl.names ?
		    cl.names : "the bridge's VPI module");
		c->status = st;
		c->reason = kv_get(&c->r, "reason");
		if (!c->reason)
			c->reason = "";
		c->ran = result_when(&c->r, rp->prev_ms, &c->start_ms,
		    &c->dur_ms);
		rp->nc++;
	}
	free(text);
}

/* Whether compile c builds the design of e, or kept e from running. */
static int
compile_of(const struct compile *c, const struct entry *e)
{
	const char *clog = kv_get(&e->r, "compile_log"), *w = c->label;
	size_t line, n = e->design ? strlen(e->design) : 0;

	if (clog && strcmp(clog, compile_log(c, &line)) == 0)
		return 1;
	if (strcmp(c->id, "vpi") == 0) {
		/* the bridge's VPI module: every Icarus run (a .vvp) loads it */
		const char *sim = kv_get(&e->r, "sim");
		size_t len = sim ? strlen(sim) : 0;

		return len > 4 && strcmp(sim + len - 4, ".vvp") == 0;
	}
	while (n && (w = strstr(w, e->design)))
		if ((w == c->label || w[-1] == ' ') && (!w[n] || w[n] == ' '))
			return 1;
		else
			w += n;
	return 0;
}

void
compiles_judge(struct report *rp)
{
	size_t i, j;

	for (i = 0; i < rp->n; i++) {
		struct entry *e = &rp->e[i];

		for (j = 0; e->has_result && e->design && j < rp->nc; j++) {
			const struct compile *c = &rp->c[j];

			if (strcmp(c->status, "pass") == 0 ||
			    e->start_ms >= c->start_ms || !compile_of(c, e))
				continue;
			rp->count[e->tally]--;
			if (strcmp(c->id, "vpi") == 0)
				e->judged = xasprintf("%s did not compile: %s",
				    c->label, c->reason);
			else
				e->judged = xasprintf(strcmp(c->status, "fail")
				    == 0 || strcmp(c->status, "error") == 0 ?
				    "design %s did not compile: %s" :
				    "the compile of design %s did not finish: %s",
				    e->design, c->reason);
			e->reason = e->judged;
			e->status = "error";
			e->tally = tally_of(e->status);
			rp->count[e->tally]++;
			break;
		}
	}
}

/* One entry per compile that did not pass, with its first error and its
 * log: the errors of its tests follow from it. */
void
compiles_summarise(struct report *rp, struct buf *b,
	const char *const *filters)
{
	size_t i, j, line;
	const char *log;

	for (i = 0; i < rp->nc; i++) {
		struct compile *c = &rp->c[i];

		c->shown = !(filters && *filters);
		for (j = 0; !c->shown && j < rp->n; j++)
			c->shown = entry_matches(&rp->e[j], filters) &&
			    compile_of(c, &rp->e[j]);
		if (!c->shown || strcmp(c->status, "pass") == 0)
			continue;
		rp->failed_compiles++;
		status_word(b, c->status);
		buf_printf(b, " compile of %s: %s\n", c->label, c->reason);
		log = compile_log(c, &line);
		buf_printf(b, "         log:   %s/%s", rp->builddir, log);
		if (line)
			buf_printf(b, ":%zu", line);
		buf_putc(b, '\n');
	}
}

/* A compile: its designs, directory, status, reason, log (with the line
 * of its first error), times, and how its command ended. */
void
compiles_json(struct buf *b, const struct report *rp, const struct compile *c)
{
	static const char *const nums[] = {"exit", "signal", "leftovers_killed"};
	const char *v;
	char *p;
	size_t i = 0, line;
	int n = 0;

	buf_puts(b, "{\"designs\": [");
	while ((v = kv_next(&c->r, "design", &i))) {
		buf_puts(b, n++ ? ", " : "");
		esc_json(b, v);
	}
	buf_puts(b, "], \"dir\": ");
	esc_json(b, c->id);
	buf_puts(b, ", \"status\": ");
	esc_json(b, c->status);
	buf_puts(b, ", \"reason\": ");
	esc_json(b, c->reason);
	p = xasprintf("%s/%s", rp->builddir, compile_log(c, &line));
	buf_puts(b, ", \"log\": ");
	esc_json(b, p);
	free(p);
	if (line)
		buf_printf(b, ", \"log_line\": %zu", line);
	buf_printf(b, ", \"start_epoch_ms\": %lld, \"duration_ms\": %lld, "
	    "\"ran_this_time\": %s", c->start_ms, c->dur_ms, c->ran ? "true" :
	    "false");
	for (i = 0; i < sizeof nums / sizeof *nums; i++)
		if (kv_get(&c->r, nums[i]))
			buf_printf(b, ", \"%s\": %lld", nums[i],
			    result_num(&c->r, nums[i], 1000000000LL));
	if ((v = kv_get(&c->r, "command"))) {
		buf_puts(b, ", \"command\": ");
		esc_json(b, v);
	}
	buf_putc(b, '}');
}

