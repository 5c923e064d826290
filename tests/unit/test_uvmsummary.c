/* Unit tests of uvmsummary.c: the forms of the UVM report summary that
 * UVM 1.1, 1.2 and IEEE 1800.2 print, with and without a transcript's
 * prefix; the last table wins; a count line outside a table, and lines
 * that only look like counts, are not taken. */
#include "uvmsummary.h"
#include "tap.h"

#include <string.h>

/* Read text (lines apart by '\n') as one log; the summary found. */
static struct uvm_summary
read_log(const char *text)
{
	struct uvm_summary last;
	struct uvm_reader u;
	const char *p = text, *nl;
	size_t lineno = 0;

	memset(&last, 0, sizeof last);
	uvm_reader_start(&u, 1);
	while (*p) {
		nl = strchr(p, '\n');
		if (!nl)
			nl = p + strlen(p);
		uvm_reader_line(&u, p, (size_t)(nl - p), ++lineno, &last);
		p = *nl ? nl + 1 : nl;
	}
	return last;
}

static int
is(const struct uvm_summary *s, long long w, long long e, long long f)
{
	return s->seen && s->count[UVM_SEV_WARNING] == w &&
	    s->count[UVM_SEV_ERROR] == e && s->count[UVM_SEV_FATAL] == f;
}

int
main(void)
{
	struct uvm_summary s;

	s = read_log("\n--- UVM Report Summary ---\n\n"
	    "** Report counts by severity\nUVM_INFO :   12\nUVM_WARNING :    0\n"
	    "UVM_ERROR :    2\nUVM_FATAL :    0\n** Report counts by id\n"
	    "[TEST]     3\n");
	CHECK(is(&s, 0, 2, 0) && s.count[UVM_SEV_INFO] == 12 && s.line == 2 &&
	    s.stream == 1 && uvm_summary_fails(&s), "UVM 1.1's summary");
	s = read_log("UVM_INFO uvm_report_server.svh(847) @ 100: reporter "
	    "[UVM/REPORT/SERVER] \n--- UVM Report Summary ---\n\n"
	    "Quit count reached!\nQuit count :    10 of    10\n"
	    "** Report counts by severity\nUVM_INFO :123456\n"
	    "UVM_WARNING :    3\nUVM_ERROR :   10\nUVM_FATAL :    0\n");
	CHECK(is(&s, 3, 10, 0) && s.count[UVM_SEV_INFO] == 123456,
	    "UVM 1.2's, in a UVM_INFO report, with a quit count and a count "
	    "of six digits");
	s = read_log("# KERNEL: --- UVM Report Summary ---\n# KERNEL: \n"
	    "# KERNEL: ** Report counts by severity\n# KERNEL: UVM_INFO :    2\n"
	    "# KERNEL: UVM_WARNING :    1\n# KERNEL: UVM_ERROR :    0\n"
	    "# KERNEL: UVM_FATAL :    1\r\n");
	CHECK(is(&s, 1, 0, 1) && uvm_summary_fails(&s),
	    "a transcript's prefix on every line");
	s = read_log("--- UVM Report Summary ---\n** Report counts by severity\n"
	    "UVM_INFO :    1\nUVM_WARNING :    4\nUVM_ERROR :    0\n"
	    "UVM_FATAL :    0\n");
	CHECK(is(&s, 4, 0, 0) && !uvm_summary_fails(&s),
	    "warnings only: no failure");
	s = read_log("--- UVM Report Summary ---\n** Report counts by severity\n"
	    "UVM_ERROR :    0\nUVM_FATAL :    0\nsome text\n"
	    "--- UVM Report Summary ---\n** Report counts by severity\n"
	    "UVM_ERROR :    1\nUVM_FATAL :    0\n");
	CHECK(is(&s, 0, 1, 0) && s.line == 6, "the last table counts");
	s = read_log("UVM_ERROR :    3\n--- UVM Report Summary ---\n"
	    "** Report counts by severity\n** Report counts by id\n"
	    "UVM_ERROR :    3\n");
	CHECK(!s.seen, "count lines outside a table are not taken");
	s = read_log("--- UVM Report Summary ---\n\n\n\n\n\n\n\n\n\n"
	    "** Report counts by severity\nUVM_ERROR :    3\n");
	CHECK(!s.seen, "a heading far from the header starts no table");
	s = read_log("--- UVM Report Summary ---\n** Report counts by severity\n"
	    "UVM_INFO :    1\nNumber of caught UVM_ERROR reports   :    2\n"
	    "UVM_ERROR :    5\n");
	CHECK(is(&s, 0, 0, 0) && s.count[UVM_SEV_INFO] == 1,
	    "a line that is no count ends the table");
	s = read_log("--- UVM Report Summary ---\n** Report counts by severity\n"
	    "UVM_ERRORS :    1\nUVM_ERROR :    1 more\nUVM_ERROR : x\n");
	CHECK(!s.seen, "only a severity and a count make a count line");
	s = read_log("--- UVM Report Summary ---\n** Report counts by severity\n"
	    "UVM_ERROR :1234567890123456\n");
	CHECK(!s.seen, "a count of more than 15 digits is none");
	s = read_log("--- UVM Report Summary ---\n** Report counts by severity\n");
	CHECK(!s.seen && !uvm_summary_fails(&s),
	    "a table cut before its counts is none");
	return tap_done();
}
