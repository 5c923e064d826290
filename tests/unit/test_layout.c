/* Unit tests of layout.c (the build directory's tree, as users and older
 * builds find it) and testslist.c (its list of tests). */
#include "layout.h"
#include "testslist.h"
#include "tap.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

static int
is(char *got, const char *want)
{
	int ok = strcmp(got, want) == 0;

	if (!ok)
		printf("# got %s, want %s\n", got, want);
	free(got);
	return ok;
}

int
main(void)
{
	CHECK(is(layout_top("b", TOP_TESTS_LIST), "b/tests.list") &&
	    is(layout_top("b", TOP_COMPILES_LIST), "b/compiles.list") &&
	    is(layout_top(NULL, TOP_RESULTS_JSON), "results.json") &&
	    is(layout_top("b", TOP_TIMELINE), "b/.timeline") &&
	    is(layout_top("b", TOP_NINJA_LOG), "b/.ninja_log") &&
	    is(layout_top("b", TOP_RESOURCES), "b/resources"),
	    "layout: the files at the top");
	CHECK(is(layout_test("b", "t.1"), "b/tests/t.1") &&
	    is(layout_test(NULL, "t"), "tests/t") &&
	    is(layout_test_file("b", "t", DIR_RESULT_PREV),
	    "b/tests/t/result.prev") &&
	    is(layout_test_file(NULL, "t", DIR_REPRO), "tests/t/repro.sh") &&
	    is(layout_test_log(NULL, "t", "sim.err"), "tests/t/run/sim.err"),
	    "layout: a test's directory");
	CHECK(is(layout_design("b", "0123456789abcdef"),
	    "b/designs/0123456789abcdef") &&
	    is(layout_in("b/designs/x", DIR_COMPILE_LOG),
	    "b/designs/x/compile.log") &&
	    is(layout_in(LAYOUT_VPI, DIR_SPEC), "vpi/spec"),
	    "layout: a compile's directory");
	{
		struct buf b = {0};
		char *labels[] = {"smoke", "fast", NULL}, *name, **got;

		testslist_put(&b, "t1", labels);
		testslist_put(&b, "t2", NULL);
		CHECK(strcmp(b.s, "t1 smoke fast\nt2\n") == 0,
		    "tests.list: a line per test, its labels after it");
		b.s[strlen("t1 smoke fast")] = '\0';
		testslist_parse(b.s, &name, &got);
		CHECK(strcmp(name, "t1") == 0 && got[0] && got[1] &&
		    strcmp(got[1], "fast") == 0 && !got[2],
		    "tests.list: a line read back");
		free(got);
		testslist_parse(b.s + strlen("t1 smoke fast") + 1, &name, &got);
		CHECK(strncmp(name, "t2", 2) == 0 && !got[0],
		    "tests.list: a test without labels");
		free(b.s);
	}
	return tap_done();
}
