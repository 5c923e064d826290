/* results.c - see results.h. The single fields of a test's result and
 * spec are read here, at load time, and what the summary and the
 * renderers show of a test (its log, the first match to show) is
 * computed once into fields. The renderers still walk the result's
 * repeated keys themselves: json.c every key, junit.c the tails,
 * warnings and properties. */
#include "results.h"
#include "lastrun.h"
#include "layout.h"
#include "testslist.h"
#include "util.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

const char *const tally_words[TL_N] = {"passed", "failed", "skipped",
	"timed out", "crashed", "errors", "not run"};

enum tally
tally_of(const char *status)
{
	static const struct { const char *status; enum tally t; } map[] = {
		{"pass", TL_PASS}, {"xfail", TL_PASS}, {"fail", TL_FAIL},
		{"xpass", TL_FAIL}, {"skip", TL_SKIP}, {"timeout", TL_TIMEOUT},
		{"crash", TL_CRASH}, {"error", TL_ERROR},
		{"interrupted", TL_ERROR}, {"notrun", TL_NOTRUN},
	};
	size_t i;

	for (i = 0; i < sizeof map / sizeof map[0]; i++)
		if (strcmp(map[i].status, status) == 0)
			return map[i].t;
	return TL_FAIL;		/* a status this version does not know */
}

long long
result_num(const struct kvfile *r, const char *key, long long max)
{
	const char *v = kv_get(r, key);
	long long n = v ? strtoll(v, NULL, 10) : 0;

	return n < 0 ? 0 : n > max ? max : n;
}

int
result_when(const struct kvfile *r, long long prev_ms, long long *start_ms,
    long long *dur_ms)
{
	*start_ms = result_num(r, "start_epoch_ms", 100000000000000LL);
	*dur_ms = result_num(r, "duration_ms", 100000000000LL);
	return *start_ms + *dur_ms > prev_ms;
}

/* The log a person opens first for e: the stream of its first match, else
 * the test's, else the simulator's stderr. */
static const char *
first_log(const struct entry *e, const char *fail_match)
{
	static const char *const tails[][2] = {
		{"test_err_tail", "test.err"}, {"test_out_tail", "test.out"},
		{"sim_err_tail", "sim.err"}, {"sim_out_tail", "sim.out"},
	};
	size_t i;

	if (fail_match) {
		for (i = 0; i < 4; i++)
			if (strncmp(fail_match, tails[i][1],
			    strlen(tails[i][1])) == 0 &&
			    fail_match[strlen(tails[i][1])] == ':')
				return tails[i][1];
	}
	for (i = 0; i < 4; i++)
		if (kv_get(&e->r, tails[i][0]))
			return tails[i][1];
	return kv_get(&e->r, "test_exit") || kv_get(&e->r, "test_signal") ||
	    kv_get(&e->r, "test_exec_error") || (!e->has_result &&
	    kv_get(&e->sp, "command")) ? "test.out" : "sim.out";
}

/* What the report shows of e's logs: the first match (unless the scan
 * failed the test), the log to open, its path relative to the builddir
 * (run/LOG of the test, or the compile log when its design did not
 * compile) and the line to look at there; the repro script. */
static void
find_logs(struct entry *e)
{
	const char *m = kv_get(&e->r, "fail_match");
	const char *stage = kv_get(&e->r, "stage");

	e->match = m && !(stage && strcmp(stage, "scan") == 0) ? m : NULL;
	e->compile_log = kv_get(&e->r, "compile_log");
	e->log = first_log(e, m);
	e->repro = layout_test_file(NULL, e->name, DIR_REPRO);
	e->log_line = 0;
	if (e->compile_log) {	/* its design did not compile: nothing ran */
		e->log_line = (size_t)result_num(&e->r, "compile_log_line",
		    1000000000LL);
		e->log_path = xstrdup(e->compile_log);
		return;
	}
	if (m && strncmp(m, e->log, strlen(e->log)) == 0)
		e->log_line = (size_t)strtoul(m + strlen(e->log) + 1, NULL, 10);
	e->log_path = layout_test_log(NULL, e->name, e->log);
}

/* Why e has no result: a run moves the last result aside when it starts,
 * and cosimgen when it changes the spec (see lastrun.h). */
static void
missing_result(const struct report *rp, struct entry *e)
{
	char *dir = layout_test(rp->builddir, e->name);

	switch (lastrun_state(dir)) {
	case LR_NEVER:
		e->status = "notrun";
		e->reason = "the test has not run";
		break;
	case LR_UNFINISHED:
		e->status = "error";
		e->reason = "its last run did not finish: cosim-run was "
		    "killed or stopped, could not write its result, or is "
		    "running now";
		break;
	case LR_FINISHED:
		e->status = "notrun";
		e->reason = "not run since its spec changed";
		break;
	}
	free(dir);
}

/* What e's result says: status, reason, design, times, seed, warnings. */
static void
read_result(const struct report *rp, struct entry *e, const char *status)
{
	size_t i;

	e->has_result = 1;
	e->status = status;
	e->reason = kv_get(&e->r, "reason");
	e->design = kv_get(&e->r, "design");
	e->ran = result_when(&e->r, rp->prev_ms, &e->start_ms, &e->dur_ms);
	e->seed = kv_get(&e->r, "seed");
	e->warning = kv_get(&e->r, "warning") ? kv_get(&e->r, "warning") : "";
	if (kv_get(&e->r, "warning_lines"))
		e->warnings = result_num(&e->r, "warning_lines", LLONG_MAX);
	else	/* an older result: its patterns' first matches */
		for (i = 0; kv_next(&e->r, "warning", &i);)
			e->warnings++;
}

/* What e's spec says, for a test without a result: its design and seed. */
static void
read_spec(const struct report *rp, struct entry *e)
{
	char *sp = layout_test_file(rp->builddir, e->name, DIR_SPEC);

	if (kv_read(&e->sp, sp, SPEC_MAGIC) == 0) {
		e->design = kv_get(&e->sp, "design");
		e->seed = kv_get(&e->sp, "seed");
	} else {
		memset(&e->sp, 0, sizeof e->sp);
	}
	free(sp);
}

/* Read e's result; without a usable one, the status says why. */
static void
load_result(struct report *rp, struct entry *e)
{
	char *path = layout_test_file(rp->builddir, e->name, DIR_RESULT);
	const char *s;

	if (kv_read(&e->r, path, RESULT_MAGIC) != 0) {
		memset(&e->r, 0, sizeof e->r);
		if (errno == ENOENT) {
			missing_result(rp, e);
		} else {
			e->status = "error";
			e->reason = errno == EINVAL ? "its result file is damaged "
			    "(not a cosim-run result)" : "its result file cannot be "
			    "read";
		}
	} else if (!(s = kv_get(&e->r, "status")) || !*s) {
		e->status = "error";
		e->reason = "its result file holds no status (cut short?)";
	} else {
		read_result(rp, e, s);
	}
	if (!e->reason)
		e->reason = "";
	if (!e->has_result)
		read_spec(rp, e);
	/* even of a result without a status: compiles_builds asks */
	e->sim = kv_get(&e->r, "sim");
	find_logs(e);
	free(path);
}

void
results_load(struct report *rp, char *list)
{
	char *line, *save = NULL;
	size_t cap = 0;

	for (line = strtok_r(list, "\n", &save); line;
	    line = strtok_r(NULL, "\n", &save)) {
		struct entry *e;
		char *name;

		if (rp->n == cap) {
			cap = cap ? 2 * cap : 64;
			rp->e = xrealloc(rp->e, cap * sizeof *rp->e);
		}
		e = &rp->e[rp->n++];
		memset(e, 0, sizeof *e);
		testslist_parse(line, &name, &e->labels);
		e->name = name;
		load_result(rp, e);
		e->tally = tally_of(e->status);
		rp->count[e->tally]++;
	}
}

void
results_free(struct report *rp)
{
	size_t i;

	for (i = 0; i < rp->n; i++) {
		kv_free(&rp->e[i].r);
		kv_free(&rp->e[i].sp);
		free(rp->e[i].judged);
		free(rp->e[i].log_path);
		free(rp->e[i].repro);
		if (*rp->e[i].labels)
			free(rp->e[i].labels);
	}
	free(rp->e);
}
