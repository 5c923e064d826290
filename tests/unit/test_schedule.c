/* Unit tests of schedule.c: the order the test edges are written in,
 * from priorities, costs and the run history. */
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
	free(mo.recipe_order);
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
	schedule_order(&mo, NULL, 0);
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
	schedule_order(&mo, s, 4);
	CHECK(strcmp(order(), "c b d a") == 0, "failed last time first, then "
	    "longest first, ties in manifest order [%s]", order());
	CHECK(mo.tests[2]->failed_last && !mo.tests[0]->failed_last &&
	    mo.tests[1]->expected_ms == 900, "failed_last and expected_ms set");
	mo.tests[3]->priority = 1;
	mo.tests[0]->priority = -1;
	schedule_order(&mo, s, 4);
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
	schedule_order(&mo, s, 3);
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

static void
test_recipes(void)
{
	struct recipe r1 = {0}, r2 = {0}, r3 = {0};
	struct design d1 = {0}, d2 = {0};
	struct recipe *rs[3] = {&r1, &r2, &r3};
	struct hist_summary s[1];
	struct test *t;

	r1.exe = "one";
	r2.exe = "two";
	r3.exe = "three";
	d1.name = "d1";
	d1.recipe = &r1;
	d2.name = "d2";
	d2.recipe = &r2;
	mo.recipes = rs;
	mo.nrecipes = 3;
	mo.recipe_order = xcalloc(4, sizeof *mo.recipe_order);
	mo.vpi = "vpi";
	add("a", &d1, 0, 1);
	t = add("b", &d2, 0, -1);
	t->vpi = 1;
	s[0] = sum("b", 10, STATUS_PASS);
	schedule_order(&mo, s, 1);
	CHECK(mo.recipe_order[0] == &r2 && mo.recipe_order[1] == &r1 &&
	    mo.recipe_order[2] == &r3, "compiles in the order of their best "
	    "placed test, the unneeded last");
	CHECK(mo.vpi_rank == 0, "the VPI module before the compile of the "
	    "first test that loads it (%zu)", mo.vpi_rank);
	mo.recipes = NULL;
	mo.nrecipes = 0;
	reset();
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
	mo.recipe_order = xcalloc(1, sizeof *mo.recipe_order);
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
	test_file();
	return tap_done();
}
