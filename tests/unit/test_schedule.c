/* Unit tests of schedule.c: the order the test and compile edges are
 * written in, from priorities, costs and the run history. */
#include "file.h"
#include "gen/schedule.h"
#include "tap.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static struct model mo;

static struct test *
add(const char *name, struct design *d, long long priority, long long cost)
{
	struct test *t = xcalloc(1, sizeof *t);

	t->name = (char *)name;
	t->design = d;
	t->priority = priority;
	t->cost_ms = cost;
	mo.tests = xrealloc(mo.tests, (mo.ntests + 1) * sizeof *mo.tests);
	mo.tests[mo.ntests++] = t;
	mo.order = xrealloc(mo.order, mo.ntests * sizeof *mo.order);
	return t;
}

static void
reset(void)
{
	size_t i;

	for (i = 0; i < mo.ntests; i++)
		free(mo.tests[i]);
	free(mo.tests);
	free(mo.order);
	free(mo.steps);
	free(mo.walk);
	memset(&mo, 0, sizeof mo);
}

/* The order as "a b c". */
static const char *
order(void)
{
	static struct buf b;
	size_t i;

	buf_reset(&b);
	for (i = 0; i < mo.ntests; i++)
		buf_printf(&b, "%s%s", i ? " " : "", mo.order[i]->name);
	return b.s ? b.s : "";
}

/* schedule_order with the n test summaries s and the nc compile
 * summaries c. */
static void
order_with(const struct hist_summary *s, size_t n,
    const struct hist_summary *c, size_t nc)
{
	struct sched_hist h = {0};

	h.tests = s;
	h.ntests = n;
	h.compiles = c;
	h.ncompiles = nc;
	schedule_order(&mo, &h);
}

/* The same without compile summaries. */
static void
order_by(const struct hist_summary *s, size_t n)
{
	order_with(s, n, NULL, 0);
}

/* The steps as "a [r] b": a compile in brackets by its exe, the VPI
 * module as [vpi]. */
static const char *
steps(void)
{
	static struct buf b;
	size_t i;

	buf_reset(&b);
	for (i = 0; i < mo.nsteps; i++) {
		const struct step *st = &mo.steps[i];

		buf_printf(&b, "%s", i ? " " : "");
		if (st->test)
			buf_puts(&b, st->test->name);
		else
			buf_printf(&b, "[%s]", st->recipe ? st->recipe->exe :
			    "vpi");
	}
	return b.s ? b.s : "";
}

static struct hist_summary
sum(const char *name, long long mean, enum status last)
{
	struct hist_summary s = {0};

	s.name = name;
	s.records = 1;
	s.mean_ms = mean;
	s.last = last;
	return s;
}

static void
test_groups(void)
{
	struct hist_summary s[4];

	add("a", NULL, 0, -1);
	add("b", NULL, 0, -1);
	add("c", NULL, 0, -1);
	order_by(NULL, 0);
	CHECK(strcmp(order(), "a b c") == 0, "no history, no cost: manifest "
	    "order [%s]", order());
	reset();

	add("a", NULL, 0, -1);
	add("b", NULL, 0, -1);
	add("c", NULL, 0, -1);
	add("d", NULL, 0, -1);
	/* sorted by name, as history_summarize gives them */
	s[0] = sum("a", 100, STATUS_PASS);
	s[1] = sum("b", 900, STATUS_PASS);
	s[2] = sum("c", 50, STATUS_FAIL);
	s[3] = sum("d", 900, STATUS_PASS);
	order_by(s, 4);
	CHECK(strcmp(order(), "c b d a") == 0, "failed last time first, then "
	    "longest first, ties in manifest order [%s]", order());
	CHECK(mo.tests[2]->failed_last && !mo.tests[0]->failed_last &&
	    mo.tests[1]->expected_ms == 900, "failed_last and expected_ms set");
	mo.tests[3]->priority = 1;
	mo.tests[0]->priority = -1;
	order_by(s, 4);
	CHECK(strcmp(order(), "d c b a") == 0, "priority wins over failures "
	    "and durations, a negative one goes last [%s]", order());
	reset();
}

static void
test_estimates(void)
{
	struct design d1 = {0}, d2 = {0};
	struct hist_summary s[3];

	d1.name = "d1";
	d2.name = "d2";
	add("cost", NULL, 0, 5000);
	add("hist", NULL, 0, 99999);
	add("d1_new", &d1, 0, -1);
	add("d1_old", &d1, 0, -1);
	add("d2_new", &d2, 0, -1);
	add("plain_new", NULL, 0, -1);
	add("d2_other", &d2, 0, -1);
	s[0] = sum("d1_old", 8000, STATUS_PASS);
	s[1] = sum("d2_other", 1000, STATUS_PASS);
	s[2] = sum("hist", 3000, STATUS_PASS);
	order_by(s, 3);
	CHECK(mo.tests[1]->expected_ms == 3000, "history beats cost");
	CHECK(mo.tests[0]->expected_ms == 5000, "cost without history");
	CHECK(mo.tests[2]->expected_ms == 8000 &&
	    mo.tests[4]->expected_ms == 1000, "else the design's mean");
	CHECK(mo.tests[5]->expected_ms == 4000, "else the mean of all with "
	    "history (%lld)", (long long)mo.tests[5]->expected_ms);
	CHECK(strcmp(order(), "d1_new d1_old cost plain_new hist d2_new "
	    "d2_other") == 0, "ordered by the estimates [%s]", order());
	reset();
}

static void
test_failed(void)
{
	static const struct {
		enum status st;
		int failed;
	} cases[] = {
		{STATUS_PASS, 0}, {STATUS_XFAIL, 0}, {STATUS_FLAKY, 0},
		{STATUS_SKIP, 0}, {STATUS_NOTRUN, 0}, {STATUS_INTERRUPTED, 0},
		{STATUS_FAIL, 1}, {STATUS_XPASS, 1}, {STATUS_TIMEOUT, 1},
		{STATUS_CRASH, 1}, {STATUS_ERROR, 1}, {STATUS_UNKNOWN, 1},
	};
	size_t i;

	for (i = 0; i < sizeof cases / sizeof *cases; i++)
		CHECK(schedule_failed(cases[i].st) == cases[i].failed,
		    "a last status of %s %s", status_name(cases[i].st),
		    cases[i].failed ? "failed" : "did not fail");
}

/* d, named name, built by r, a compile of simulator sim that makes exe
 * in its directory id (d NULL: a compile no design of the test uses). */
static void
built_by(struct design *d, const char *name, struct recipe *r,
    const char *exe, const char *id, enum sim sim)
{
	memset(r, 0, sizeof *r);
	r->exe = (char *)exe;
	r->id = (char *)id;
	r->sim = sim;
	if (!d)
		return;
	memset(d, 0, sizeof *d);
	d->name = (char *)name;
	d->recipe = r;
}

static void
test_recipes(void)
{
	struct recipe r1, r2, r3;
	struct design d1, d2;
	struct recipe *rs[3] = {&r1, &r2, &r3};
	struct hist_summary s[1];
	struct test *t;

	built_by(&d1, "d1", &r1, "one", "designs/1", SIM_VERILATOR);
	built_by(&d2, "d2", &r2, "two", "designs/2", SIM_VERILATOR);
	built_by(NULL, NULL, &r3, "three", "designs/3", SIM_VERILATOR);
	mo.recipes = rs;
	mo.nrecipes = 3;
	mo.vpi = "vpi";
	add("a", &d1, 0, 1);
	t = add("b", &d2, 0, -1);
	t->vpi = 1;
	s[0] = sum("b", 10, STATUS_PASS);
	order_by(s, 1);
	CHECK(strcmp(steps(), "[two] [vpi] b [one] a [three]") == 0,
	    "compiles by the work they gate, each before its tests, a test "
	    "before a compile that gates a shorter one, the unneeded last "
	    "[%s]", steps());
	mo.recipes = NULL;
	mo.nrecipes = 0;
	reset();
}

/* A compile of ms milliseconds recorded for recipe id. */
static struct hist_summary
compiled(const char *id, long long ms)
{
	return sum(id, ms, STATUS_PASS);
}

/* Compiles by the work they gate, merged with the tests: a long test of
 * a design built early starts before a compile that gates less. */
static void
test_merge(void)
{
	struct recipe r[3];
	struct design d[3];
	struct recipe *rs[3] = {&r[0], &r[1], &r[2]};
	struct hist_summary s[6], c[3];

	built_by(&d[0], "big", &r[0], "big", "designs/b", SIM_CUSTOM);
	built_by(&d[1], "crit", &r[1], "crit", "designs/c", SIM_CUSTOM);
	built_by(&d[2], "quick", &r[2], "quick", "designs/q", SIM_CUSTOM);
	mo.recipes = rs;
	mo.nrecipes = 3;
	add("q1", &d[2], 0, -1);
	add("c1", &d[1], 0, -1);
	add("b1", &d[0], 0, -1);
	add("b2", &d[0], 0, -1);
	add("b3", &d[0], 0, -1);
	add("b4", &d[0], 0, -1);
	/* sorted by name */
	s[0] = sum("b1", 2000, STATUS_PASS);
	s[1] = sum("b2", 2000, STATUS_PASS);
	s[2] = sum("b3", 2000, STATUS_PASS);
	s[3] = sum("b4", 2000, STATUS_PASS);
	s[4] = sum("c1", 9000, STATUS_PASS);
	s[5] = sum("q1", 500, STATUS_PASS);
	c[0] = compiled("designs/b", 6000);
	c[1] = compiled("designs/c", 1000);
	c[2] = compiled("designs/q", 1000);
	order_with(s, 6, c, 3);
	/* work: big 14 s, crit 10 s, quick 1.5 s; paths 8, 10 and 1.5 s:
	 * big goes before c1 as crit, which comes after it, does */
	CHECK(strcmp(steps(), "[big] [crit] c1 b1 b2 b3 b4 [quick] q1") == 0,
	    "the most work first; the tests longer than quick's path before "
	    "it [%s]", steps());
	order_with(s, 6, c, 2);	/* quick has no record: the custom mean */
	CHECK(strcmp(steps(), "[big] [crit] c1 [quick] b1 b2 b3 b4 q1") == 0,
	    "a compile without a record: its simulator's mean (3.5 s) [%s]",
	    steps());
	mo.tests[0]->priority = 1;
	order_with(s, 6, c, 2);
	CHECK(strcmp(steps(), "[quick] q1 [big] [crit] c1 b1 b2 b3 b4") == 0,
	    "the compile of a test of higher priority first [%s]", steps());
	order_by(NULL, 0);
	CHECK(strcmp(steps(), "[quick] q1 [crit] [big] c1 b1 b2 b3 b4") == 0,
	    "no history: priority, then the first test [%s]", steps());
	mo.tests[0]->priority = 0;
	order_by(NULL, 0);
	CHECK(strcmp(steps(), "[quick] [crit] [big] q1 c1 b1 b2 b3 b4") == 0,
	    "no history: all before the tests, by the first test [%s]",
	    steps());
	mo.recipes = NULL;
	mo.nrecipes = 0;
	reset();
}

/* A Verilator runtime gates the designs that link it: it goes first,
 * with their work, and its expectation is not their simulator's. */
static void
test_runtime(void)
{
	struct recipe rt, r1, r2;
	struct design d1, d2;
	struct recipe *rs[3] = {&r1, &r2, &rt};
	struct hist_summary s[2], c[2];

	built_by(NULL, NULL, &rt, "rt", "runtime/r", SIM_VERILATOR);
	rt.is_runtime = 1;
	built_by(&d1, "d1", &r1, "one", "designs/1", SIM_VERILATOR);
	r1.runtime = &rt;
	built_by(&d2, "d2", &r2, "two", "designs/2", SIM_CUSTOM);
	mo.recipes = rs;
	mo.nrecipes = 3;
	add("a", &d1, 0, -1);
	add("b", &d2, 0, -1);
	s[0] = sum("a", 2000, STATUS_PASS);
	s[1] = sum("b", 3000, STATUS_PASS);
	c[0] = compiled("designs/1", 1000);
	c[1] = compiled("designs/2", 1500);
	order_with(s, 2, c, 2);
	/* work: two 4.5 s; rt 0 (no runtime has a record: the designs'
	 * mean is not its) + 1 + 2 s; one 3 s: rt before one, a tie */
	CHECK(strcmp(steps(), "[two] [rt] [one] b a") == 0, "a runtime "
	    "without a record: no other runtime's, 0 [%s]", steps());
	c[1] = compiled("runtime/r", 4000);
	order_with(s, 2, c, 2);
	CHECK(strcmp(steps(), "[rt] [one] [two] a b") == 0 ||
	    strcmp(steps(), "[rt] [two] [one] b a") == 0, "a runtime first, "
	    "with the work of what links it [%s]", steps());
	mo.recipes = NULL;
	mo.nrecipes = 0;
	reset();
}

/* schedule_weigh: a compile that gates compiles carries their work and
 * the longest chain through them. */
static void
test_weigh(void)
{
	struct sched_job v[4];
	size_t order[4], i;

	memset(v, 0, sizeof v);
	for (i = 0; i < 4; i++) {
		v[i].gate = SCHED_NONE;
		v[i].first = i;
	}
	/* 0: a runtime of 5 s; 1, 2: designs that link it; 3: another */
	v[0].own_ms = 5000;
	v[1].own_ms = 1000;
	v[1].tests_ms = 4000;
	v[1].longest_ms = 3000;
	v[1].ntests = 2;
	v[1].gate = 0;
	v[2].own_ms = 2000;
	v[2].tests_ms = 1000;
	v[2].longest_ms = 1000;
	v[2].ntests = 1;
	v[2].gate = 0;
	v[2].priority = 1;
	v[3].own_ms = 1000;
	v[3].tests_ms = 9000;
	v[3].longest_ms = 9000;
	v[3].ntests = 1;
	schedule_weigh(v, 4);
	CHECK(v[0].work_ms == 13000 && v[0].path_ms == 9000 &&
	    v[0].ntests == 3 && v[0].priority == 1 && v[1].work_ms == 5000,
	    "the runtime carries its designs' work (%lld), path (%lld), "
	    "tests and rank", (long long)v[0].work_ms,
	    (long long)v[0].path_ms);
	schedule_merge(v, 4, NULL, 0, order);
	CHECK(order[0] == 0 && order[1] == 2 && order[2] == 3 &&
	    order[3] == 1, "the runtime first (it gates the priority), then "
	    "by rank and work: %zu %zu %zu %zu", order[0], order[1], order[2],
	    order[3]);
}

static void
test_file(void)
{
	char dir[] = "/tmp/cosim-schedule-XXXXXX";
	struct hist_run run = {0};
	struct hist_test rec[2] = {{0}, {0}};
	char *path;

	if (!mkdtemp(dir))
		return;
	path = xasprintf("%s/history", dir);
	rec[0].name = "short";
	rec[0].status = STATUS_PASS;
	rec[0].duration_ms = 10;
	rec[1].name = "long";
	rec[1].status = STATUS_PASS;
	rec[1].duration_ms = 2000;
	CHECK(history_add(path, &run, rec, 2, 50) == 0, "a history written");
	add("short", NULL, 0, -1);
	add("long", NULL, 0, -1);
	mo.history = "history";
	schedule_model(&mo, dir);
	CHECK(strcmp(order(), "long short") == 0, "schedule_model reads the "
	    "history [%s]", order());
	CHECK(file_write_atomic(path, "not a history\n", 14) == 0,
	    "a foreign file");
	schedule_model(&mo, dir);
	CHECK(strcmp(order(), "short long") == 0, "a foreign file is a "
	    "warning, and the order ignores it [%s]", order());
	mo.history = NULL;
	reset();
	unlink(path);
	rmdir(dir);
	free(path);
}

int
main(void)
{
	test_groups();
	test_estimates();
	test_failed();
	test_recipes();
	test_merge();
	test_runtime();
	test_weigh();
	test_file();
	return tap_done();
}
