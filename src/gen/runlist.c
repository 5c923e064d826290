/* runlist.c - see runlist.h.
 *
 * The order: a dry run (`ninja -n`) prints the edges it would start, in
 * the order it would start them ("[K/N] TEST name"), which is what this
 * ninja does with this graph (manifest order on 1.11, its critical path
 * on 1.12 and later) and with the stamps as they are: the tests it lists
 * come first, in its order. The selected tests it leaves out passed and
 * are up to date: they follow, in the order of their edges in the graph
 * (`ninja -t targets all`), which is the order cosimgen chose for them.
 * When the run would force them, a dry run cannot show it (the stamps
 * are still there): every selected test is listed in the graph's order.
 *
 * The expected duration is what the history says (the mean of the last
 * five recorded durations), "-" without history, where the generator
 * estimates from `cost` or from other tests. */
#include "runlist.h"
#include "history.h"
#include "kvfile.h"
#include "layout.h"
#include "path.h"
#include "result.h"
#include "schedule.h"

#include <stdlib.h>
#include <string.h>

/* One selected test: where it is in the dry run and in the graph. */
struct row {
	const char *name;
	long dry, graph;	/* positions, -1: not there */
};

static int
by_name(const void *a, const void *b)
{
	return strcmp(((const struct row *)a)->name,
	    ((const struct row *)b)->name);
}

/* The row of name among the n rows sorted by name, or NULL. */
static struct row *
find(struct row *rows, size_t n, const char *name)
{
	struct row key;

	key.name = name;
	return bsearch(&key, rows, n, sizeof *rows, by_name);
}

/* The dry run puts the tests it would start first, in its order; then
 * the graph's order. */
static int
by_start(const void *a, const void *b)
{
	const struct row *x = a, *y = b;

	if ((x->dry < 0) != (y->dry < 0))
		return x->dry < 0 ? 1 : -1;
	if (x->dry != y->dry)
		return x->dry < y->dry ? -1 : 1;
	if ((x->graph < 0) != (y->graph < 0))
		return x->graph < 0 ? 1 : -1;
	return x->graph < y->graph ? -1 : x->graph > y->graph;
}

/* Note the position in the dry run of each test it would start. */
static void
place_dry(struct row *rows, size_t n, char *out)
{
	char *line, *save = NULL, *t;
	struct row *r;
	long k = 0;

	for (line = strtok_r(out, "\n", &save); line;
	    line = strtok_r(NULL, "\n", &save)) {
		if (line[0] != '[' || !(t = strstr(line, "] TEST ")))
			continue;
		if ((r = find(rows, n, t + 7)) && r->dry < 0)
			r->dry = k++;
	}
}

/* Note the position in the graph of each test's edge: the lines of
 * `ninja -t targets all` are "PATH: RULE", a test's PATH its stamp. */
static void
place_graph(struct row *rows, size_t n, char *out, const char *builddir)
{
	char *line, *save = NULL, *colon, *dir, *name, *want;
	struct row *r;
	long k = 0;

	for (line = strtok_r(out, "\n", &save); line;
	    line = strtok_r(NULL, "\n", &save), k++) {
		if (!(colon = strstr(line, ": ")))
			continue;
		*colon = '\0';
		dir = path_dirname(line);
		name = strrchr(dir, '/') ? strrchr(dir, '/') + 1 : dir;
		if ((r = find(rows, n, name)) && r->graph < 0) {
			want = layout_test_file(builddir, name, DIR_STAMP);
			if (strcmp(want, line) == 0)
				r->graph = k;
			free(want);
		}
		free(dir);
	}
}

/* The word of the last status of a test: its result's, "-" for none. */
static const char *
last_status(const char *builddir, const char *name, char *word, size_t size)
{
	char *path = layout_test_file(builddir, name, DIR_RESULT);
	struct result r;
	struct kvfile f;

	snprintf(word, size, "-");
	result_init(&r);
	if (result_read(&r, &f, path, RESULT_TEST) == 0) {
		snprintf(word, size, "%s", r.status_word ? r.status_word :
		    status_name(r.status));
		result_free(&r, RESULT_TEST);
		kv_free(&f);
	}
	free(path);
	return word;
}

/* Print the rows, in the order they are in. */
static void
print_rows(const struct runplan *p, const struct row *rows)
{
	const struct graph *g = p->graph;
	const char *hpath = g->history;
	struct history h = {0};
	struct hist_summary *sums = NULL;
	const struct hist_summary *s;
	size_t i, ns = 0, w = 4, runs = 0;
	char word[32], expect[32];

	if (history_read(&h, hpath) == 0)
		ns = history_summarize(&h, SCHEDULE_RECENT, &sums);
	else
		warn(0, "%s is not a history file: no expected durations",
		    hpath);
	for (i = 0; i < p->n; i++)
		if (strlen(rows[i].name) > w)
			w = strlen(rows[i].name);
	printf("%-*s  %-11s  %8s  %s\n", (int)w, "TEST", "LAST", "EXPECTED",
	    "RUNS");
	for (i = 0; i < p->n; i++) {
		int runs_now = p->force || rows[i].dry >= 0;

		s = history_find(sums, ns, rows[i].name);
		if (s && s->mean_ms >= 0)
			snprintf(expect, sizeof expect, "%lld.%llds",
			    s->mean_ms / 1000, s->mean_ms % 1000 / 100);
		else
			snprintf(expect, sizeof expect, "-");
		printf("%-*s  %-11s  %8s  %s\n", (int)w, rows[i].name,
		    last_status(g->builddir, rows[i].name, word, sizeof word),
		    expect, runs_now ? "yes" : "no");
		runs += runs_now;
	}
	printf("%zu of %zu test%s would run\n", runs, p->n, p->n == 1 ? "" :
	    "s");
	free(sums);
	history_free(&h);
}

int
runlist_print(const struct runplan *p)
{
	char *targets[] = {"ninja", "-f", (char *)p->graph->file, "-t",
	    "targets", "all", NULL};
	struct row *rows = xcalloc(p->n + 1, sizeof *rows);
	struct buf out = {0};
	size_t i;
	int rc;

	for (i = 0; i < p->n; i++) {
		rows[i].name = p->names[i];
		rows[i].dry = rows[i].graph = -1;
	}
	qsort(rows, p->n, sizeof *rows, by_name);
	if ((rc = ninja_call(p->ninja, &out)) != 0) {
		fputs(out.s, stderr);
		goto done;
	}
	if (!p->force)
		place_dry(rows, p->n, out.s);
	buf_reset(&out);
	if ((rc = ninja_call(targets, &out)) != 0) {
		fputs(out.s, stderr);
		goto done;
	}
	place_graph(rows, p->n, out.s, p->graph->builddir);
	qsort(rows, p->n, sizeof *rows, by_start);
	print_rows(p, rows);
done:
	buf_free(&out);
	free(rows);
	return rc;
}
