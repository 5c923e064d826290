/* Unit tests of waiver.c: the dates a waiver takes, when it expires,
 * what it covers, and its file's round trip. */
#include "file.h"
#include "tap.h"
#include "waiver.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* now at noon, local time, on day y-m-d */
static time_t
noon(int y, int m, int d)
{
	struct tm tm = {0};

	tm.tm_year = y - 1900;
	tm.tm_mon = m - 1;
	tm.tm_mday = d;
	tm.tm_hour = 12;
	tm.tm_isdst = -1;
	return mktime(&tm);
}

int
main(void)
{
	struct waiver w = {"w", "ERROR: mem[<n>] at <n>", "known",
		"2026-03-31", NULL};
	struct waiver two[2] = {
		{"a", "x*", "r1", "2026-01-01", "t_*"},
		{"b", "x?", "r\n2", "2026-12-31", NULL},
	};
	struct waivers ws;
	struct buf b = {0};
	char path[] = "/tmp/test_waiverXXXXXX";
	int fd;

	CHECK(waiver_date_ok("2026-12-31"), "a date");
	CHECK(waiver_date_ok("2024-02-29"), "29 February of a leap year");
	CHECK(!waiver_date_ok("2026-02-29"), "not of another year");
	CHECK(!waiver_date_ok("1900-02-29"), "nor of a century's");
	CHECK(waiver_date_ok("2000-02-29"), "but of 2000");
	CHECK(!waiver_date_ok("2026-13-01") && !waiver_date_ok("2026-04-31"),
	    "no 13th month, no 31 April");
	CHECK(!waiver_date_ok("2026-1-01") && !waiver_date_ok("2026-01-01x")
	    && !waiver_date_ok("26-01-01") && !waiver_date_ok(""),
	    "only YYYY-MM-DD");

	CHECK(!waiver_expired(&w, noon(2026, 3, 31)), "holds on its day");
	CHECK(waiver_expired(&w, noon(2026, 4, 1)), "expired the day after");

	CHECK(waiver_covers(&w, "t", "ERROR: mem[<n>] at <n>"),
	    "a '[' of the signature's own: equal is a match");
	CHECK(!waiver_covers(&w, "t", "ERROR: mem<n> at <n>"),
	    "and not a bracket expression");
	CHECK(waiver_covers(&two[0], "t_1", "xyz"), "a pattern");
	{
		struct waiver uvm = w;

		uvm.signature = "UVM_ERROR * [SCB] mismatch*";
		CHECK(waiver_covers(&uvm, "t", "UVM_ERROR tb.sv(<n>) @ <n>: "
		    "uvm_test_top.env.sb [SCB] mismatch of <n>"),
		    "a pattern's brackets match themselves");
		CHECK(!waiver_covers(&uvm, "t", "UVM_ERROR tb.sv(<n>) @ <n>: "
		    "uvm_test_top.env.sb S mismatch of <n>"),
		    "... not a set of characters");
	}
	CHECK(!waiver_covers(&two[0], "u_1", "xyz"), "of other tests: none");
	CHECK(!waiver_covers(&two[0], "t_1", NULL), "a test that passed: none");

	fd = mkstemp(path);
	close(fd);
	waivers_encode(&b, two, 2);
	CHECK(file_write_atomic(path, b.s, b.len) == 0, "written");
	CHECK(waivers_read(&ws, path) == 0 && ws.n == 2 &&
	    strcmp(ws.w[0].tests, "t_*") == 0 && !ws.w[1].tests &&
	    strcmp(ws.w[1].reason, "r\n2") == 0, "read back");
	CHECK(waivers_find(&ws, "u", "xy", noon(2026, 6, 1)) == &ws.w[1],
	    "the first that covers and has not expired");
	CHECK(!waivers_find(&ws, "t_1", "xyz", noon(2026, 6, 1)),
	    "an expired one covers nothing");
	waivers_free(&ws);
	unlink(path);
	CHECK(waivers_read(&ws, path) == 0 && ws.n == 0, "no file: none");
	waivers_free(&ws);
	buf_free(&b);
	return tap_done();
}
