/* Unit tests of scan.c: the built-in patterns catch what they must and
 * leave summary lines alone; streams, warnings and pass patterns; the
 * bounds of the scan. */
#include "scan.h"
#include "file.h"
#include "tap.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char dir[] = "/tmp/cosim-scan-XXXXXX";

static void
put(const char *file, const char *text)
{
	char *path = xasprintf("%s/%s", dir, file);

	file_write_atomic(path, text, strlen(text));
	free(path);
}

static void
clear(void)
{
	int i;

	for (i = 0; i < ST_N; i++) {
		char *path = xasprintf("%s/%s", dir, stream_files[i]);

		unlink(path);
		free(path);
	}
}

/* Does a one-line test.out fail the built-in patterns? */
static int
fails(const char *line)
{
	struct scanner s = {0};
	struct scan_report r;
	int f;

	clear();
	put("test.out", line);
	scan_defaults(&s);
	scan_logs(&s, dir, &r);
	f = r.fail.text != NULL;
	scan_report_free(&r);
	scan_free(&s);
	return f;
}

/* A pattern that backtracks without end on a line: on a small log (the
 * interpreter) PCRE2's match limit stops it at the first line; on a log
 * large enough for the JIT, whose match limit counts otherwise, with
 * lines short enough to stay under any limit, the scan's time bound
 * does, and names it as the slowest pattern. */
static void
bounded(void)
{
	struct scanner s = {0};
	struct scan_report r;
	struct buf b = {0};
	char *err = NULL;
	int i;

	clear();
	for (i = 0; i < 200; i++)
		buf_puts(&b, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaab\n");
	put("test.out", b.s);
	CHECK(scan_add(&s, PK_FAIL, "^(a|aa)+$", &err) == 0, "fail pattern");
	scan_logs(&s, dir, &r);
	CHECK(r.error && strstr(r.error, "'^(a|aa)+$' cannot be evaluated on "
	    "test.out:1: match limit exceeded") && !r.fail.text,
	    "a match limit is an error naming the pattern and line: %s",
	    r.error ? r.error : "(none)");
	scan_report_free(&r);
	buf_reset(&b);
	for (i = 0; i < 12000; i++)	/* 312 KB: the JIT, under its limit */
		buf_puts(&b, "aaaaaaaaaaaaaaaaaaaaaaaaab\n");
	put("test.out", b.s);
	s.limit_ms = 300;
	scan_logs(&s, dir, &r);
	CHECK(r.error && strstr(r.error, "did not finish within 0.3 s") &&
	    strstr(r.error, "the slowest pattern there is '^(a|aa)+$'"),
	    "the time bound ends the scan and names the slowest pattern: %s",
	    r.error ? r.error : "(none)");
	scan_report_free(&r);
	scan_free(&s);
	buf_free(&b);
}

/* The scan reads the UVM report summary of any stream, with no pattern
 * at all, and tells where it starts. */
static void
uvm_summary_read(void)
{
	struct scanner s = {0};
	struct scan_report r;

	clear();
	put("sim.out", "UVM_INFO @ 0: reporter [RNTST] Running test\n\n"
	    "--- UVM Report Summary ---\n\n** Report counts by severity\n"
	    "UVM_INFO :    4\nUVM_WARNING :    1\nUVM_ERROR :    2\n"
	    "UVM_FATAL :    0\n** Report counts by id\n[RNTST]     1\n");
	scan_logs(&s, dir, &r);
	CHECK(r.uvm.seen && r.uvm.count[UVM_SEV_ERROR] == 2 &&
	    r.uvm.count[UVM_SEV_WARNING] == 1 && r.uvm.stream == ST_SIM_OUT &&
	    r.uvm.line == 3 && !r.fail.text, "the UVM summary is read "
	    "without patterns (sim.out:%zu)", r.uvm.line);
	scan_report_free(&r);
	clear();
	put("sim.out", "UVM_INFO @ 0: reporter [RNTST] Running test\n");
	scan_logs(&s, dir, &r);
	CHECK(!r.uvm.seen, "no summary, none read");
	scan_report_free(&r);
}

int
main(void)
{
	static const char *bad[] = {"%Error: tb.sv:3: Verilog $stop",
		"%Fatal: tb.sv:9: oops", "ERROR: tb.v:4: mismatch",
		"FATAL: tb.v:4: boom", "an error occurred", "Error: timeout",
		"UVM_ERROR tb.sv(12) @ 100: reporter [CHK] bad",
		"UVM_FATAL tb.sv(40) @ 5: reporter [CFG] no config",
		"tb.vhd:12:7:@40ns:(assertion failure): sum wrong",
		"tb.vhd:12:7:@40ns:(report failure): giving up",
		"tb.vhd:3:1:@1us:(psl assertion failure): handshake", NULL};
	static const char *good[] = {"0 errors", "3 errors found",
		"Errors: 0", "error_count=0", "AssertionError is not raised",
		"UVM_ERROR :    0", "UVM_FATAL :    0", "all fine",
		"Number of demoted UVM_FATAL reports  :    0",
		"Number of caught UVM_ERROR reports   :    2",
		"# KERNEL: UVM_ERROR :    0",
		"tb.vhd:5:3:@0ms:(assertion warning): metavalue detected",
		"tb.vhd:9:5:@2us:(report note): 300 vectors, 0 errors", NULL};
	struct scanner s = {0};
	struct scan_report r;
	char *err = NULL;
	const char **p;

	if (!mkdtemp(dir))
		return 1;
	for (p = bad; *p; p++)
		CHECK(fails(*p), "a built-in pattern catches: %s", *p);
	for (p = good; *p; p++)
		CHECK(!fails(*p), "no built-in pattern matches: %s", *p);

	CHECK(scan_add(&s, PK_FAIL, "(unclosed", &err) < 0 && err &&
	    strstr(err, "offset 9"), "a bad pattern names its offset: %s",
	    err ? err : "");
	free(err);
	clear();
	put("sim.out", "line one\nWARN: slow\nBAD thing\n");
	put("test.out", "BAD but not here\nTEST PASSED\n");
	CHECK(scan_add(&s, PK_FAIL, "sim.out:^BAD", &err) == 0, "stream selector");
	CHECK(scan_add(&s, PK_WARN, "sim:^WARN:", &err) == 0, "warning pattern");
	CHECK(scan_add(&s, PK_PASS, "test.out:^TEST PASSED$", &err) == 0,
	    "pass pattern");
	scan_logs(&s, dir, &r);
	CHECK(r.fail.text && r.fail.stream == ST_SIM_OUT && r.fail.line == 3 &&
	    !strcmp(r.fail.text, "BAD thing"),
	    "the first failure is recorded with stream and line");
	CHECK(r.nwarn == 1 && r.warn[0].line == 2, "the warning is recorded");
	CHECK(r.missing == NULL, "the pass pattern was found");
	scan_report_free(&r);
	scan_free(&s);

	CHECK(scan_add(&s, PK_PASS, "sim.err:^never$", &err) == 0, "pass pattern");
	scan_logs(&s, dir, &r);
	CHECK(r.missing && !strcmp(r.missing, "sim.err:^never$"),
	    "a pass pattern that never matched is reported");
	scan_report_free(&r);
	scan_free(&s);

	/* A line longer than SCAN_LINE_MAX is matched on its start; the
	 * lines after it keep their numbers. A skip pattern records its line. */
	clear();
	{
		size_t n = 3 * SCAN_LINE_MAX;
		char *big = xmalloc(n + 64);

		memset(big, 'x', n);
		strcpy(big + n, " ERROR: at the end\nno license here\nERROR: two\n");
		put("sim.out", big);
		free(big);
	}
	CHECK(scan_add(&s, PK_FAIL, "ERROR:", &err) == 0, "fail pattern");
	CHECK(scan_add(&s, PK_SKIP, "no\\slicense", &err) == 0, "skip pattern");
	scan_logs(&s, dir, &r);
	CHECK(r.fail.text && r.fail.line == 3 && !strcmp(r.fail.text,
	    "ERROR: two"), "a long line is cut, the next lines keep their "
	    "numbers (%s:%zu)", r.fail.text ? r.fail.text : "-", r.fail.line);
	CHECK(r.skip.text && r.skip.line == 2, "a skip pattern records its line");
	scan_report_free(&r);
	scan_free(&s);
	bounded();
	uvm_summary_read();
	clear();
	rmdir(dir);
	return tap_done();
}
