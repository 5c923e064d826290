/* attempts.c - see attempts.h. An attempt's directory holds what the
 * test's directory holds after a run (result, run/, repro.sh), so its
 * log is found the way a test's is, below attempt.K instead. An attempt
 * whose result is missing or damaged (a launcher killed while it moved
 * the files) is still listed, as an error that says so. */
#include "attempts.h"
#include "layout.h"
#include "util.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* Attempts beyond this many are not listed: a stress run of thousands of
 * repeats stops at its first failure, so they all passed. */
#define ATTEMPTS_MAX 1000

/* Read attempt a; its log is the one to open first in its run
 * directory, or without a result that directory. */
static void
load_one(const struct report *rp, struct attempt *a)
{
	char *dir = xasprintf("%s/%s", rp->builddir, a->dir);
	char *path = layout_in(dir, DIR_RESULT), *run;
	int got = result_read(&a->r, &a->rf, path, RESULT_TEST) == 0;

	run = layout_in(a->dir, DIR_RUN);
	if (!got) {
		a->status = STATUS_ERROR;
		a->reason = errno == ENOENT ? "its result was not kept" :
		    "its result file is damaged";
		a->log_path = xstrdup(run);
	} else if (!results_has_status(&a->r)) {
		a->status = STATUS_ERROR;
		a->reason = "its result file holds no status (cut short?)";
		a->log_path = xstrdup(run);
	} else {
		a->status = a->r.status;
		a->status_word = a->r.status_word;
		a->reason = a->r.reason ? a->r.reason : "";
		results_when(&a->r, 0, &a->start_ms, &a->dur_ms);
		a->match = results_match(&a->r);
		a->log_path = xasprintf("%s/%s", run, results_first_log(&a->r,
		    0, &a->log_line));
	}
	free(run);
	free(path);
	free(dir);
}

static void
load_all(const struct report *rp, struct entry *e)
{
	char *tdir = layout_test(NULL, e->name);
	long long n = results_clamp(e->r.attempts - 1, ATTEMPTS_MAX), k;

	e->att = xcalloc((size_t)n + 1, sizeof *e->att);
	for (k = 1; k <= n; k++) {
		struct attempt *a = &e->att[e->natt++];

		a->k = k;
		a->lane = -1;
		a->dir = layout_attempt(tdir, k);
		load_one(rp, a);
	}
	free(tdir);
}

void
attempts_load(struct report *rp)
{
	size_t i;

	for (i = 0; i < rp->n; i++)
		if (rp->e[i].has_result && rp->e[i].r.attempts > 1)
			load_all(rp, &rp->e[i]);
}

static void
free_all(struct entry *e)
{
	size_t i;

	for (i = 0; i < e->natt; i++) {
		result_free(&e->att[i].r, RESULT_TEST);
		kv_free(&e->att[i].rf);
		free(e->att[i].dir);
		free(e->att[i].log_path);
		free(e->att[i].match);
	}
	free(e->att);
	e->att = NULL;
	e->natt = 0;
}

void
attempts_free(struct report *rp)
{
	size_t i;

	for (i = 0; i < rp->n; i++)
		free_all(&rp->e[i]);
}

int
attempts_is_error(const struct attempt *a)
{
	enum tally t = results_tally(a->status);

	return t == TL_CRASH || t == TL_ERROR || t == TL_NOTRUN;
}
