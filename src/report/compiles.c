/* compiles.c - see compiles.h. compiles.list has one line per compile
 * (compileslist.h): its directory under the builddir, its limits, then
 * the designs it builds. */
#include "compiles.h"
#include "file.h"
#include "compileslist.h"
#include "layout.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

int
compiles_read(const struct report *rp, struct compile *c, const char *path)
{
	if (result_read(&c->r, &c->rf, path, RESULT_COMPILE) != 0 ||
	    !results_has_status(&c->r)) {
		result_free(&c->r, RESULT_COMPILE);
		kv_free(&c->rf);
		return -1;
	}
	c->home = rp->builddir;
	c->href = "";
	c->status = c->r.status;
	c->status_word = c->r.status_word;
	c->reason = c->r.reason ? c->r.reason : "";
	c->log = c->r.log ? c->r.log : "";
	c->log_line = (size_t)results_clamp(c->r.log_line, 1000000000LL);
	c->ran = results_when(&c->r, rp->prev_ms, &c->start_ms, &c->dur_ms);
	return 0;
}

/* Verilator's runtime, which its designs' compiles link: a failure of it
 * is theirs (their link says so). */
static int
is_runtime(const struct compile *c)
{
	return strncmp(c->id, LAYOUT_RUNTIME "/",
	    strlen(LAYOUT_RUNTIME) + 1) == 0;
}

/* Read the result of compile c, of line cl, which must hold a status; 0
 * when it does. */
static int
load_result(struct report *rp, struct compile *c,
    const struct compiles_line *cl)
{
	char *dir = xasprintf("%s/%s", rp->builddir, c->id);
	char *path = layout_in(dir, DIR_RESULT);
	int rc = compiles_read(rp, c, path);

	if (rc == 0 && cl->names)
		c->label = xstrdup(cl->names);
	else if (rc == 0)
		c->label = is_runtime(c) ? xasprintf("the Verilator runtime "
		    "in %s", c->id) : xstrdup("the bridge's VPI module");
	free(path);
	free(dir);
	return rc;
}

/* A compile without a result has not run: no test of its designs could
 * run either, and they are reported as not run. */
void
compiles_load(struct report *rp)
{
	char *path = layout_top(rp->builddir, TOP_COMPILES_LIST), *text;
	char *line, *save = NULL;
	size_t cap = 0;

	text = file_read(path, NULL);
	free(path);
	for (line = text ? strtok_r(text, "\n", &save) : NULL; line;
	    line = strtok_r(NULL, "\n", &save)) {
		struct compiles_line cl;
		struct compile *c;

		if (compileslist_parse(line, &cl) != 0)
			continue;	/* not cosimgen's: no compile */
		if (rp->nc == cap) {
			cap = cap ? 2 * cap : 16;
			rp->c = xrealloc(rp->c, cap * sizeof *rp->c);
		}
		c = &rp->c[rp->nc];
		memset(c, 0, sizeof *c);
		c->id = xstrndup(cl.id, cl.id_len);
		if (load_result(rp, c, &cl) != 0) {
			free(c->id);
			continue;
		}
		rp->nc++;
	}
	free(text);
}

int
compiles_builds(const struct compile *c, const struct entry *e)
{
	const char *w = c->label;
	size_t n = e->design ? strlen(e->design) : 0;

	if (e->compile_log && strcmp(e->compile_log, c->log) == 0)
		return 1;
	if (is_runtime(c))
		return 0;
	if (strcmp(c->id, LAYOUT_VPI) == 0) {
		/* the bridge's VPI module: every Icarus run (a .vvp) loads it */
		const char *sim = e->r.sim;
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

			if (c->status == STATUS_PASS ||
			    e->start_ms >= c->start_ms || !compiles_builds(c, e))
				continue;
			rp->count[e->tally]--;
			if (strcmp(c->id, LAYOUT_VPI) == 0)
				e->judged = xasprintf("%s did not compile: %s",
				    c->label, c->reason);
			else
				e->judged = xasprintf(c->status == STATUS_FAIL
				    || c->status == STATUS_ERROR ?
				    "design %s did not compile: %s" :
				    "the compile of design %s did not finish: %s",
				    e->design, c->reason);
			e->reason = e->judged;
			e->cause = c->reason;
			e->status = STATUS_ERROR;
			e->tally = results_tally(e->status);
			rp->count[e->tally]++;
			break;
		}
	}
}

void
compiles_free_list(struct compile *c, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(c[i].id);
		free(c[i].label);
		result_free(&c[i].r, RESULT_COMPILE);
		kv_free(&c[i].rf);
	}
	free(c);
}

void
compiles_free(struct report *rp)
{
	compiles_free_list(rp->c, rp->nc);
}
