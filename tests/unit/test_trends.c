/* Unit tests of trends.c: the window of runs (the history's last ones,
 * then this report's own run when it records one), each run's tallies
 * and the suite's pass rate after it (the latest status of every test,
 * so a rerun of the failures alone still counts the whole suite), the
 * strips aligned with the runs, records of tests no longer in the suite
 * left out, and the slowest tests with the mean of their earlier records
 * of the same fingerprint. */
#include "report/trends.h"
#include "history.h"
#include "tap.h"

#include <stdlib.h>
#include <string.h>

#define P (STATUS_PASS + 1)
#define F (STATUS_FAIL + 1)

/* A history of three runs of a, b, gone (a test since removed):
 * run 1 all, run 2 a and b again, run 3 only b (a rerun of a failure). */
static struct hist_test records[] = {
	{1, "a", STATUS_PASS, "pass", 100, "", "fa", "", 1, 10, 1000, 0, ""},
	{1, "b", STATUS_FAIL, "fail", 50, "", "fb", "", 1, -1, -1, 0, ""},
	{1, "gone", STATUS_FAIL, "fail", 50, "", "fg", "", 1, -1, -1, 0, ""},
	{2, "a", STATUS_PASS, "pass", 300, "", "fa", "", 1, 30, 3000, 0, ""},
	{2, "b", STATUS_FAIL, "fail", 60, "", "fb", "", 1, -1, -1, 0, ""},
	{3, "b", STATUS_PASS, "pass", 70, "", "fb", "", 1, -1, -1, 0, ""},
};

static struct hist_run runs[] = {
	{1, 1000, 2000, -1, "", "", {NULL, 0}, 0, 3},
	{2, 3000, 5000, -1, "", "", {NULL, 0}, 3, 2},
	{3, 6000, 6500, -1, "", "", {NULL, 0}, 5, 1},
};

static char *no_labels[] = {NULL};

static void
entry(struct entry *e, const char *name, enum status s, long long start,
    long long dur, const char *fp)
{
	memset(e, 0, sizeof *e);
	e->name = name;
	e->labels = no_labels;
	e->status = s;
	e->has_result = 1;
	e->start_ms = e->r.start_epoch_ms = start;
	e->dur_ms = e->r.duration_ms = dur;
	e->r.spec_hash = (char *)fp;
}

int
main(void)
{
	struct history h = {runs, 3, records, 6, NULL, 0, NULL};
	struct entry e[3];
	struct report rp;
	struct trends t;
	char change[32];

	memset(&rp, 0, sizeof rp);
	rp.e = e;
	rp.n = 3;
	rp.hist = &h;
	rp.now_ms = 9000;
	/* a and b as run 2 and 3 left them (recorded: no new run); c new
	 * this run */
	entry(&e[0], "b", STATUS_PASS, 6000, 70, "fb");
	entry(&e[1], "a", STATUS_PASS, 3000, 400, "fa");
	entry(&e[2], "c", STATUS_FAIL, 7000, 20, "fc");
	e[2].r.cpu_ms = 5;

	trends_compute(&t, &rp, 0);
	CHECK(t.nruns == 4, "the history's runs and this one (%zu)", t.nruns);
	CHECK(t.runs[3].current && t.runs[3].id == 4 &&
	    t.runs[3].start_ms == 7000 && t.runs[3].end_ms == 9000,
	    "this run: the next id, from its first start to the report");
	CHECK(t.runs[0].tests == 3 && t.runs[0].passed == 1 &&
	    t.runs[0].failed == 2, "a run's tallies count all its records");
	CHECK(t.runs[0].suite == 2 && t.runs[0].passing == 1,
	    "the suite is the tests of the list now");
	CHECK(t.runs[2].tests == 1 && t.runs[2].passed == 1 &&
	    t.runs[2].suite == 2 && t.runs[2].passing == 2,
	    "a rerun of a failure: the suite's state, not the rerun's");
	CHECK(t.runs[3].suite == 3 && t.runs[3].passing == 2,
	    "this run's test joins the suite");
	CHECK(t.strip[1 * 4 + 0] == P && t.strip[1 * 4 + 1] == P &&
	    t.strip[1 * 4 + 2] == 0 && t.strip[1 * 4 + 3] == 0,
	    "a's strip: pass, pass, then not run");
	CHECK(t.strip[0] == F && t.strip[1] == F && t.strip[2] == P &&
	    t.strip[3] == 0, "b's strip: fail, fail, pass, not run");
	CHECK(t.strip[2 * 4 + 3] == F && t.cpu_ms[2 * 4 + 3] == 5 &&
	    t.max_rss_kb[2 * 4 + 3] == -1, "c's cell of this run, its usage");
	CHECK(t.cpu_ms[1 * 4 + 1] == 30 && t.max_rss_kb[1 * 4 + 1] == 3000 &&
	    t.cpu_ms[1 * 4 + 2] == -1, "the history's usage, -1 where none");
	CHECK(t.nslow == 3 && t.slow[0].test == 1 && t.slow[1].test == 0 &&
	    t.slow[2].test == 2, "the slowest first");
	/* a's last record (run 2, 300 ms) is its result now, not its past */
	CHECK(t.slow[0].mean_ms == 100, "a: the mean before its result now "
	    "(%lld)", t.slow[0].mean_ms);
	CHECK(t.slow[1].mean_ms == 55, "b: the mean of its earlier records "
	    "(%lld)", t.slow[1].mean_ms);
	CHECK(t.slow[2].mean_ms == -1, "c: new");
	trends_free(&t);

	trends_compute(&t, &rp, 2);
	CHECK(t.nruns == 2 && t.runs[0].id == 3 && t.runs[1].current,
	    "--trend-runs 2: the last two");
	CHECK(t.runs[0].suite == 2 && t.runs[0].passing == 2 &&
	    t.strip[0] == P && t.strip[1] == 0,
	    "the state before the window still counts");
	trends_free(&t);

	/* a new fingerprint: its records are of other inputs */
	e[1].r.spec_hash = "changed";
	trends_compute(&t, &rp, 0);
	CHECK(t.slow[0].mean_ms == -1, "a new fingerprint is new");
	trends_free(&t);

	/* a report made again: nothing new, no run of its own */
	e[2].start_ms = e[2].r.start_epoch_ms = 5500;
	rp.hist = &h;
	runs[2].end_ms = 8000;
	e[2].has_result = 0;
	trends_compute(&t, &rp, 0);
	CHECK(t.nruns == 3 && !t.runs[2].current, "nothing new: the history's");
	trends_free(&t);

	trends_change(change, sizeof change, 135, 100);
	CHECK(strcmp(change, "+35%") == 0, "+35%% (%s)", change);
	trends_change(change, sizeof change, 90, 100);
	CHECK(strcmp(change, "-10%") == 0, "-10%% (%s)", change);
	trends_change(change, sizeof change, 100, 100);
	CHECK(strcmp(change, "0%") == 0, "0%% (%s)", change);
	trends_change(change, sizeof change, 100, -1);
	CHECK(strcmp(change, "new") == 0, "new (%s)", change);
	return tap_done();
}
