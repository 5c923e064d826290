/* Unit tests of history.c: the run history as the report adds to it and
 * the generator and triage read it. */
#include "file.h"
#include "history.h"
#include "tap.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static struct hist_test
rec(const char *name, enum status st, long long ms)
{
	struct hist_test t = {0};

	t.name = (char *)name;
	t.status = st;
	t.duration_ms = ms;
	t.seed = "7";
	t.fingerprint = "00ff";
	t.inputs = "";
	t.signature = "";
	t.attempts = 1;
	return t;
}

/* Runs of more than half of HISTORY_BYTES each: a second one leaves the
 * first out, and the history stays within its bound. */
static void
big_runs(const char *path)
{
	size_t n = HISTORY_BYTES / 2 / 512 + 1, i;
	struct hist_test *v = xcalloc(n, sizeof *v);
	char sig[480];
	struct hist_run run;
	struct history h;
	struct stat st;

	memset(sig, 'x', sizeof sig - 1);
	sig[sizeof sig - 1] = '\0';
	memset(&run, 0, sizeof run);
	run.seed_epoch = -1;
	for (i = 0; i < n; i++) {
		v[i] = rec("t", STATUS_FAIL, 1);
		v[i].signature = sig;
	}
	history_add(path, &run, v, n, 0);
	history_add(path, &run, v, n, 0);
	CHECK(stat(path, &st) == 0 && (size_t)st.st_size <= HISTORY_BYTES &&
	    history_read(&h, path) == 0 && h.nruns == 1 && h.ntests == n,
	    "history: the oldest runs go when the file would pass "
	    "HISTORY_BYTES, down to the newest (%lld bytes)",
	    (long long)st.st_size);
	CHECK(h.nruns && h.runs[0].id == run.id,
	    "history: ... which is the newest");
	history_free(&h);
	free(v);
}

int
main(void)
{
	char dir[] = "/tmp/cosim-history-XXXXXX";
	struct history h;
	struct hist_summary *s;
	struct hist_run run = {0};
	struct hist_test t[3];
	char *path, *text;
	size_t n, i, len;

	if (!mkdtemp(dir))
		return 1;
	path = xasprintf("%s/history", dir);
	CHECK(history_read(&h, path) == 0 && h.nruns == 0 && h.ntests == 0,
	    "history: a missing file is an empty history");
	history_free(&h);

	run.cosimgen = "1.0";
	run.host = "node\t1";	/* a tab survives */
	strlist_push(&run.tools, xstrdup("verilator=5.006"));
	t[0] = rec("a", STATUS_PASS, 100);
	t[1] = rec("b", STATUS_FAIL, 900);
	t[1].signature = "ERROR: x\nat line 3";
	t[1].inputs = "0123456789abcdef";
	CHECK(history_add(path, &run, t, 2, 0) == 0 && run.id == 1,
	    "history: the first run is run 1");
	t[0].duration_ms = 300;
	t[1] = rec("b", STATUS_PASS, 500);
	CHECK(history_add(path, &run, t, 2, 0) == 0 && run.id == 2,
	    "history: the next is run 2");
	CHECK(history_read(&h, path) == 0 && h.nruns == 2 && h.ntests == 4 &&
	    strcmp(h.runs[0].host, "node\t1") == 0 &&
	    h.runs[0].tools.n == 1 &&
	    strcmp(h.runs[0].tools.v[0], "verilator=5.006") == 0 &&
	    strcmp(h.tests[1].signature, "ERROR: x\nat line 3") == 0 &&
	    h.runs[1].first == 2 && h.runs[1].n == 2 && h.tests[3].run == 2,
	    "history: runs and tests read back, escapes undone");
	CHECK(strcmp(h.tests[1].inputs, "0123456789abcdef") == 0 &&
	    strcmp(h.tests[0].inputs, "") == 0 &&
	    strcmp(h.tests[3].inputs, "") == 0,
	    "history: a record's inputs hash read back, \"\" when none");
	n = history_summarize(&h, 5, &s);
	CHECK(n == 2 && strcmp(s[0].name, "a") == 0 && s[0].mean_ms == 200 &&
	    s[0].records == 2 && s[1].last == STATUS_PASS,
	    "history: the mean of the last durations and the last status");
	CHECK(history_find(s, n, "b") == &s[1] && !history_find(s, n, "c"),
	    "history: a test found by name");
	free(s);
	n = history_summarize(&h, 1, &s);
	CHECK(n == 2 && s[0].mean_ms == 300, "history: only the newest k");
	free(s);
	history_free(&h);

	/* a compile's record: apart from the tests, summarized alike */
	t[2] = rec("designs/00ff", STATUS_PASS, 4000);
	t[2].compile = 1;
	CHECK(history_add(path, &run, t, 3, 0) == 0, "history: a run with a "
	    "compile");
	t[2].duration_ms = -1;	/* a failed compile's: none */
	t[2].status = STATUS_FAIL;
	history_add(path, &run, t, 3, 0);
	text = file_read(path, &len);
	CHECK(text && strstr(text, "\ncompile\tname=designs/00ff\t"
	    "status=pass\tduration_ms=4000\n"), "history: a compile's line "
	    "[%s]", text ? text : "");
	CHECK(text && !strstr(text, "\trun=") && !strstr(text, "attempts=1\t")
	    && !strstr(text, "\tsignature=\n") && !strstr(text, "\tinputs=\t")
	    && strstr(text, "\tinputs=0123456789abcdef\t"), "history: no run "
	    "key, no default attempts, no empty signature or inputs in a "
	    "record");
	free(text);
	CHECK(history_read(&h, path) == 0 && h.ntests == 8 &&
	    h.ncompiles == 2 && h.runs[2].n == 2 && h.compiles[1].compile &&
	    h.compiles[1].status == STATUS_FAIL, "history: compiles read "
	    "apart from the tests");
	n = history_summarize_compiles(&h, 5, &s);
	CHECK(n == 1 && s[0].mean_ms == 4000 && s[0].records == 2 &&
	    s[0].last == STATUS_FAIL, "history: a compile's summary");
	free(s);
	history_free(&h);

	text = file_read(path, &len);
	text = xrealloc(text, len + 64);
	strcpy(text + len, "note\tx=1\ntest\trun=2\tname=c\tstatus=pass\tnew=k\n");
	file_write_atomic(path, text, strlen(text));
	free(text);
	history_add(path, &run, t, 1, 0);
	text = file_read(path, &len);
	CHECK(text && strstr(text, "\nnote\tx=1\n") &&
	    strstr(text, "\tnew=k\n"),
	    "history: a newer writer's kinds and keys kept on a rewrite");
	free(text);
	for (i = 0; i < HISTORY_RUNS + 5; i++)
		history_add(path, &run, t, 1, 3);
	CHECK(history_read(&h, path) == 0 && h.nruns == HISTORY_RUNS &&
	    h.runs[h.nruns - 1].id == HISTORY_RUNS + 10,
	    "history: at least HISTORY_RUNS kept, the oldest dropped");
	CHECK(h.ntests && h.tests[h.ntests - 1].run == HISTORY_RUNS + 10,
	    "history: a record without a run key belongs to the run before "
	    "it");
	history_free(&h);
	big_runs(path);
	file_write_atomic(path, "not a history\n", 14);
	CHECK(history_read(&h, path) == -1 && history_add(path, &run, t, 1,
	    0) == -1, "history: a file that is not one is refused, kept");
	text = file_read(path, &len);
	CHECK(text && strcmp(text, "not a history\n") == 0,
	    "history: and left as it was");
	free(text);
	unlink(path);
	CHECK(history_touch(path) == 0 && history_read(&h, path) == 0 &&
	    h.nruns == 0, "history: touch makes an empty one");
	history_free(&h);
	unlink(path);
	rmdir(dir);
	free(path);
	free(run.tools.v[0]);
	free(run.tools.v);
	return tap_done();
}
