/* wavesreport.c - see wavesreport.h. */
#include "wavesreport.h"
#include "file.h"
#include "gen/ninjacall.h"
#include "keys.h"
#include "layout.h"
#include "path.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int
wavesreport_failing(const struct entry *e)
{
	return e->has_result && (e->tally == TL_FAIL ||
	    e->tally == TL_TIMEOUT || e->tally == TL_CRASH ||
	    e->tally == TL_ERROR);
}

/* Whether e ran far enough for a waveform to say anything. */
static int
traceable(const struct entry *e)
{
	return wavesreport_failing(e) && !e->compile_log && !e->fixture_log;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The names of the tests the waves graph offers (its "build waves/NAME:
 * phony STAMP" lines; a name holds no ':'), sorted: a command test, a custom simulator's or a
 * cocotb test has none, and asking ninja for a target it does not know
 * would refuse every other one. */
static char **
offered(const char *graph, size_t *n)
{
	static const char pfx[] = "build waves/", sfx[] = ": phony ";
	FILE *f = fopen(graph, "r");
	char *line = NULL, **names = NULL, *name, *end;
	size_t cap = 0;

	*n = 0;
	if (!f)
		return NULL;
	while (getline(&line, &cap, f) > 0) {
		if (strncmp(line, pfx, sizeof pfx - 1) != 0)
			continue;
		name = line + sizeof pfx - 1;
		end = name + strcspn(name, ":\n");
		if (end > name && strncmp(end, sfx, sizeof sfx - 1) == 0)
			list_push(&names, n, xstrndup(name, (size_t)(end - name)));
	}
	free(line);
	fclose(f);
	if (*n)
		qsort(names, *n, sizeof *names, cmp_str);
	return names;
}

void
wavesreport_run(const struct report *rp, size_t n)
{
	char *graph = layout_top(rp->builddir, TOP_WAVES_NINJA);
	char **argv = NULL, **names;
	size_t i, k = 0, picked = 0, nnames;

	if (!(names = offered(graph, &nnames))) {
		free(graph);
		return;		/* no test has waves/NAME */
	}
	list_push(&argv, &k, xstrdup("ninja"));
	list_push(&argv, &k, xstrdup("-f"));
	list_push(&argv, &k, graph);
	list_push(&argv, &k, xstrdup("-k"));	/* every one, past failures */
	list_push(&argv, &k, xstrdup("0"));
	for (i = 0; i < rp->n && picked < n; i++) {
		const char *name = rp->e[i].name;

		if (!traceable(&rp->e[i]) || !bsearch(&name, names, nnames,
		    sizeof *names, cmp_str))
			continue;
		list_push(&argv, &k, xasprintf("waves/%s", rp->e[i].name));
		picked++;
	}
	if (picked) {
		printf("Waves of %zu failing test%s (waves_on_failure = %zu):\n",
		    picked, picked == 1 ? "" : "s", n);
		/* its output is the report's; what failed, its result says */
		ninja_call(argv, NULL);
	}
	list_free(argv);
	list_free(names);
}

/* Whether the simulator sim (the test's own build, relative to where
 * the report runs) was built after a waves run that started at ms. */
static int
built_since(const char *sim, long long ms)
{
	struct stat st;

	if (!sim || !*sim || stat(sim, &st) != 0)
		return 0;
	return (long long)st.st_mtim.tv_sec * 1000 +
	    st.st_mtim.tv_nsec / 1000000 > ms;
}

/* e's waves: its waves run's result, when that is of e's spec. */
static void
load_one(struct entry *e)
{
	char *dir = layout_test_file(e->home, e->name, DIR_WAVES);
	char *path = layout_in(dir, DIR_RESULT);
	struct kvfile f;
	struct result r;

	if (result_read(&r, &f, path, RESULT_TEST) == 0) {
		if (e->r.spec_hash && r.spec_hash &&
		    strcmp(e->r.spec_hash, r.spec_hash) == 0) {
			/* the spec does not cover the design's sources: a
			 * design built since ran other RTL */
			if (r.waves && built_since(e->r.sim, r.start_epoch_ms))
				e->waves_note = xasprintf("%s/%s is of an "
				    "earlier build of the design (ninja waves/%s "
				    "runs it again)", e->home, r.waves, e->name);
			else if (r.waves)
				e->waves = xstrdup(r.waves);
			else
				e->waves_note = xasprintf("the waves run wrote "
				    "no waveform: %s", r.reason && *r.reason ?
				    r.reason : status_name(r.status));
		}
		result_free(&r, RESULT_TEST);
		kv_free(&f);
	}
	free(path);
	free(dir);
}

void
wavesreport_load(struct report *rp)
{
	size_t i;

	for (i = 0; i < rp->n; i++)
		if (wavesreport_failing(&rp->e[i]))
			load_one(&rp->e[i]);
}
