/* Unit tests of report/coverage.c: counting the points of a data file
 * (a "C 'KEY' COUNT" line each, covered when COUNT >= 1), whatever the
 * key holds, and the percentage rounded down. */
#include "report/coverage.h"
#include "tap.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

static void
test_count(void)
{
	/* keys hold \001 and \002 separators, spaces and quotes */
	const char *dat = "# SystemC::Coverage-3\n"
	    "C '\001f\002t.sv\001l\0022\001o\002x[0]' 1\n"
	    "C '\001f\002t.sv\001l\0023\001o\002it's a block' 0\n"
	    "C '\001f\002t.sv\001l\0024\001o\002if' 1234567\n"
	    "C '\001f\002t.sv\001l\0025' 0";	/* no newline at the end */
	long long points, covered;

	coverage_count(dat, &points, &covered);
	CHECK(points == 4 && covered == 2, "count: 4 points, 2 covered "
	    "(got %lld/%lld)", covered, points);
	coverage_count("# SystemC::Coverage-3\n", &points, &covered);
	CHECK(points == 0 && covered == 0, "count: a file without points");
	coverage_count("", &points, &covered);
	CHECK(points == 0 && covered == 0, "count: an empty file");
}

static void
test_percent(void)
{
	struct coverage cv = {0};
	struct buf b = {0};

	cv.points = 3;
	cv.covered = 2;
	coverage_percent(&b, &cv);
	CHECK(strcmp(b.s, "66.6") == 0, "percent: rounded down (%s)", b.s);
	buf_reset(&b);
	cv.points = 10000;
	cv.covered = 9999;
	coverage_percent(&b, &cv);
	CHECK(strcmp(b.s, "99.9") == 0, "percent: 100.0 only when all (%s)",
	    b.s);
	buf_reset(&b);
	cv.points = 0;
	cv.covered = 0;
	coverage_percent(&b, &cv);
	CHECK(strcmp(b.s, "0.0") == 0, "percent: no points (%s)", b.s);
	buf_free(&b);
}

int
main(void)
{
	test_count();
	test_percent();
	return tap_done();
}
