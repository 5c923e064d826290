/* Unit tests of the launcher's cocotb parts: results.xml read with expat
 * (cocotbxml.c) and cocotb's log read for a test's end, its traceback
 * and its errors (cocotblog.c), on texts captured from cocotb 1.9.2 and
 * 2.1.0 runs; the bounds of a result's message and traceback, the
 * environment of a cocotb test, and the verdict from both files in a run
 * directory (cocotb.c): also for tests cocotb 1 names otherwise, a
 * simulation that ends before its test, a test that ends cocotb's
 * process, and cuts between UTF-8 characters. */
#include "run/cocotb.h"
#include "run/cocotblog.h"
#include "run/cocotbxml.h"
#include "run/command.h"
#include "runfixture.h"
#include "tap.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The column cocotb's record texts begin in: continuation lines. */
#define IND "                                                        "

static const char xml_19_fail[] =
    "<testsuites name=\"results\">\n"
    "  <testsuite name=\"all\" package=\"all\">\n"
    "    <property name=\"random_seed\" value=\"42\" />\n"
    "    <testcase name=\"test_pass\" classname=\"test_dut\" "
    "file=\"/tmp/cx/test_dut.py\" lineno=\"5\" time=\"0.0001\" />\n"
    "    <testcase name=\"test_fail\" classname=\"test_dut\" "
    "file=\"/tmp/cx/test_dut.py\" lineno=\"15\" time=\"0.0004\" "
    "sim_time_ns=\"1.0\" ratio_time=\"2442.8\">\n"
    "      <failure message=\"Test failed with RANDOM_SEED=42\" />\n"
    "    </testcase>\n"
    "    <testcase name=\"test_skip\" classname=\"test_dut\">\n"
    "      <skipped />\n"
    "    </testcase>\n"
    "  </testsuite>\n"
    "</testsuites>\n";

static const char xml_21_fail[] =
    "<?xml version='1.0' encoding='utf-8'?>\n"
    "<testsuites name=\"cocotb tests\"><testsuite name=\"test_dut\" "
    "errors=\"0\" failures=\"1\" skipped=\"0\" tests=\"1\" time=\"0.000\">"
    "<testcase classname=\"test_dut\" name=\"test_fail\" time=\"0.000\">"
    "<failure message=\"x is not four&#10;assert 3 == 4\" "
    "type=\"AssertionError\">Traceback (most recent call last):\n"
    "  File \"/tmp/cx/e/test_dut.py\", line 14, in test_fail\n"
    "    assert x == 4, \"x is not four\"\n"
    "AssertionError: x is not four\n"
    "assert 3 == 4\n"
    "</failure><properties><property name=\"cocotb\" value=\"True\" />"
    "<property name=\"random_seed\" value=\"42\" /></properties>"
    "<system-err>Test failed with COCOTB_RANDOM_SEED=42\n"
    "</system-err></testcase></testsuite></testsuites>";

static const char xml_21_xpass[] =
    "<?xml version='1.0' encoding='utf-8'?>\n"
    "<testsuites name=\"cocotb tests\"><testsuite name=\"test_dut\">"
    "<testcase classname=\"test_dut\" name=\"test_xpass\" time=\"0.000\">"
    "<failure message=\"passed but we expected a failure\" /><properties>"
    "<property name=\"cocotb\" value=\"True\" /></properties><system-err>"
    "Test failed with COCOTB_RANDOM_SEED=42\n</system-err></testcase>"
    "</testsuite></testsuites>";

static const char xml_21_none[] = "<?xml version='1.0' encoding='utf-8'?>\n"
    "<testsuites name=\"cocotb tests\" />";

/* cocotb 1.9 names a test by its function: test_wrapped = cocotb.test()(
 * _impl), run with TESTCASE=test_wrapped */
static const char xml_19_wrapped[] =
    "<testsuites name=\"results\">\n"
    "  <testsuite name=\"all\" package=\"all\">\n"
    "    <property name=\"random_seed\" value=\"42\" />\n"
    "    <testcase name=\"_impl\" classname=\"test_one\" "
    "file=\"/tmp/p1/tb/test_one.py\" lineno=\"11\" time=\"0.0002\">\n"
    "      <failure message=\"Test failed with RANDOM_SEED=42\" />\n"
    "    </testcase>\n"
    "  </testsuite>\n"
    "</testsuites>\n";

static const char xml_cut[] = "<testsuites><testcase name=\"a\">\n<fail";

static const char log_19_fail[] =
    "     -.--ns INFO     gpi                                "
    "..mbed/gpi_embed.cpp:108  in set_program_name_in_venv        Using "
    "Python virtual environment interpreter at /venv/bin/python\n"
    "     0.00ns INFO     cocotb                             Seeding Python "
    "random module with supplied seed 42\n"
    "     0.00ns INFO     cocotb.regression                  running "
    "test_fail (1/1)\n"
    "     1.00ns INFO     cocotb.regression                  test_fail "
    "failed\n"
    IND "Traceback (most recent call last):\n"
    IND "  File \"/tmp/cx/test_dut.py\", line 20, in test_fail\n"
    IND "    assert x == 4, \"x is not four\"\n"
    IND "           ^^^^^^\n"
    IND "AssertionError: x is not four\n"
    "     1.00ns INFO     cocotb.regression                  "
    "****************************************************************\n"
    IND "** TEST                          STATUS  SIM TIME (ns)  **\n"
    IND "** test_dut.test_fail             FAIL           1.00   **\n"
    IND "\n";

static const char log_21_fail[] =
    "     0.00ns INFO     cocotb.initialize                  Seeding Python "
    "random module with 42\n"
    "     0.00ns INFO     cocotb.regression                  running "
    "test_dut.test_fail (1/1)\n"
    "     0.00ns WARNING  py.warnings                        "
    "/tmp/cx/e/test_dut.py:12: DeprecationWarning: The 'units' argument "
    "has been renamed to 'unit'.\n"
    IND "  await Timer(1, units=\"ns\")\n"
    "     1.00ns WARNING  cocotb.regression                  "
    "test_dut.test_fail failed\n"
    IND "Traceback (most recent call last):\n"
    IND "  File \"/tmp/cx/e/test_dut.py\", line 14, in test_fail\n"
    IND "    assert x == 4, \"x is not four\"\n"
    IND "AssertionError: x is not four\n"
    IND "assert 3 == 4\n"
    "     1.00ns INFO     cocotb.regression                  "
    "*************************************************\n";

static const char log_19_xpass[] =
    "     0.00ns INFO     cocotb.regression                  running "
    "test_xpass (1/1)\n"
    "     1.00ns INFO     cocotb.regression                  test_xpass "
    "failed: passed but we expected a failure\n"
    "     1.00ns INFO     cocotb.regression                  ********\n";

static const char log_19_xfail[] =
    "     0.00ns INFO     cocotb.regression                  test_xfail "
    "passed: failed as expected (result was AssertionError)\n";

static const char log_19_wrapped[] =
    "     0.00ns INFO     cocotb.regression                  running "
    "_impl (1/1)\n"
    "     1.00ns INFO     cocotb.regression                  _impl failed\n"
    IND "Traceback (most recent call last):\n"
    IND "  File \"/tmp/p1/tb/test_one.py\", line 13, in _impl\n"
    IND "    assert False, \"impl fails\"\n"
    IND "AssertionError: impl fails\n"
    "     1.00ns INFO     cocotb.regression                  ******\n";

/* the design's $finish before the test's end: no "NAME failed" */
static const char log_19_finish[] =
    "     0.00ns INFO     cocotb.regression                  running "
    "test_long (1/1)\n"
    "ERROR: early.sv:5: error in rtl\n"
    "       Time: 100000 Scope: early\n"
    "   100.00ns ERROR    cocotb.scheduler                   Failing test "
    "at simulator request before test run completion: Simulator shut down "
    "prematurely\n"
    "   100.00ns ERROR    cocotb.regression                  Test error has "
    "lead to simulator shutting us down\n"
    "   100.00ns INFO     cocotb.regression                  ******\n";

/* sys.exit(0) in a test: cocotb 1.9 writes no results file, and says
 * only this, on stderr */
static const char log_19_sysexit[] =
    "     0.00ns INFO     cocotb.regression                  running "
    "test_sysexit (1/1)\n";
static const char err_19_sysexit[] =
    "a warning\nERROR: called callback function threw exception\n"
    "last words\n\n";

static const char log_19_import[] =
    "     0.00ns INFO     cocotb                             Seeding Python "
    "random module with supplied seed 42\n"
    "     0.00ns CRITICAL cocotb.regression                  Failed to "
    "import module test_bad: No module named 'no_such_module_xyz'\n"
    "     0.00ns INFO     cocotb.regression                  MODULE variable "
    "was \"test_bad\"\n"
    "     0.00ns INFO     cocotb.regression                  Traceback (most "
    "recent call last):\n"
    IND "  File \"/venv/cocotb/regression.py\", line 203, in "
    "_discover_tests\n"
    IND "    module = _my_import(module_name)\n"
    IND "             ^^^^^^^^^^^^^^^^^^^^^^^\n"
    IND "  File \"/tmp/cx/e/test_bad.py\", line 2, in <module>\n"
    IND "    import no_such_module_xyz\n"
    IND "ModuleNotFoundError: No module named 'no_such_module_xyz'\n"
    IND "\n"
    "     0.00ns ERROR    cocotb                             No module named "
    "'no_such_module_xyz'\n";

static const char err_21_import[] =
    "Traceback (most recent call last):\n"
    "  File \"/venv/pygpi/entry.py\", line 42, in load_entry\n"
    "    entry_func()\n"
    "  File \"/tmp/cx/e/test_bad.py\", line 2, in <module>\n"
    "    import no_such_module_xyz\n"
    "ModuleNotFoundError: No module named 'no_such_module_xyz'\n";

static void
read_text(struct cocotb_said *s, const char *text, const char *module,
    const char *name)
{
	FILE *f = fmemopen((void *)text, strlen(text), "r");

	if (!f || cocotblog_read(s, f, module, name) != 0)
		abort();
	fclose(f);
}

/* Whether the lines of l are want[], NULL-terminated. */
static int
lines_are(const struct strlist *l, const char *const *want)
{
	size_t i;

	for (i = 0; want[i]; i++)
		if (i >= l->n || strcmp(l->v[i], want[i]) != 0)
			return 0;
	return i == l->n;
}

static void
test_xml(void)
{
	struct cocotb_case c;
	struct buf why = {0};

	CHECK(cocotbxml_read(&c, xml_19_fail, strlen(xml_19_fail), "test_dut",
	    "test_fail", &why) == 0 && c.found &&
	    c.outcome == COCOTB_FAILED && !c.type && !c.body &&
	    !strcmp(c.message, "Test failed with RANDOM_SEED=42"),
	    "1.9: a failure has only cocotb's message");
	cocotbxml_free(&c);
	CHECK(cocotbxml_read(&c, xml_19_fail, strlen(xml_19_fail), "test_dut",
	    "test_pass", &why) == 0 && c.found &&
	    c.outcome == COCOTB_PASSED && !c.message,
	    "1.9: a testcase without a child passed");
	cocotbxml_free(&c);
	CHECK(cocotbxml_read(&c, xml_19_fail, strlen(xml_19_fail), "test_dut",
	    "test_skip", &why) == 0 && c.found &&
	    c.outcome == COCOTB_SKIPPED, "1.9: <skipped /> is a skip");
	cocotbxml_free(&c);
	CHECK(cocotbxml_read(&c, xml_19_fail, strlen(xml_19_fail), "other",
	    "test_fail", &why) == 0 && !c.found,
	    "a testcase of another module is not the test's");
	cocotbxml_free(&c);
	CHECK(cocotbxml_read(&c, xml_19_wrapped, strlen(xml_19_wrapped),
	    "test_one", "test_wrapped", &why) == 0 && c.found &&
	    c.outcome == COCOTB_FAILED && c.cases == 1,
	    "1.9: the only testcase, though named by another function");
	cocotbxml_free(&c);
	CHECK(cocotbxml_read(&c, xml_19_fail, strlen(xml_19_fail), "test_dut",
	    "test_wrapped", &why) == 0 && !c.found && c.cases == 3,
	    "one of several testcases of other names is not the test's");
	cocotbxml_free(&c);
	CHECK(cocotbxml_read(&c, xml_21_fail, strlen(xml_21_fail), "test_dut",
	    "test_fail", &why) == 0 && c.found &&
	    c.outcome == COCOTB_FAILED &&
	    !strcmp(c.type, "AssertionError") &&
	    !strcmp(c.message, "x is not four\nassert 3 == 4") && c.body &&
	    !strncmp(c.body, "Traceback (most recent call last):\n  File", 40)
	    && strstr(c.body, "assert 3 == 4\n") &&
	    !strstr(c.body, "COCOTB_RANDOM_SEED"),
	    "2.1: a failure's type, message and traceback, not system-err");
	cocotbxml_free(&c);
	CHECK(cocotbxml_read(&c, xml_21_xpass, strlen(xml_21_xpass),
	    "test_dut", "test_xpass", &why) == 0 && c.found &&
	    c.outcome == COCOTB_FAILED && !c.type && !c.body &&
	    !strcmp(c.message, "passed but we expected a failure"),
	    "2.1: an unexpected pass is a failure that says so");
	cocotbxml_free(&c);
	CHECK(cocotbxml_read(&c, xml_21_none, strlen(xml_21_none),
	    "test_dut", "nosuch", &why) == 0 && !c.found,
	    "2.1: no testcase when none ran");
	cocotbxml_free(&c);
	CHECK(cocotbxml_read(&c, xml_cut, strlen(xml_cut), "m", "a", &why) == -1 && why.s &&
	    !strncmp(why.s, "line 2: ", 8),
	    "a cut file is no XML, with the line (%s)", why.s);
	buf_free(&why);
}

static void
test_log(void)
{
	struct cocotb_said s;
	char *ex;
	static const char *const tb19[] = {
		"Traceback (most recent call last):",
		"  File \"/tmp/cx/test_dut.py\", line 20, in test_fail",
		"    assert x == 4, \"x is not four\"",
		"           ^^^^^^",
		"AssertionError: x is not four", NULL};

	read_text(&s, log_19_fail, "test_dut", "test_fail");
	ex = cocotblog_exception(&s.traceback);
	CHECK(s.end == 'f' && !s.why && lines_are(&s.traceback, tb19),
	    "1.9: the traceback after \"test_fail failed\", de-indented");
	CHECK(ex && !strcmp(ex, "AssertionError: x is not four"),
	    "1.9: the exception ends the traceback (%s)", ex);
	CHECK(!s.error, "1.9: no error record in a failed test's log");
	free(ex);
	cocotblog_free(&s);

	read_text(&s, log_19_wrapped, "test_one", "test_wrapped");
	CHECK(s.end == 'f' && s.traceback.n == 4 && !strcmp(s.traceback.v[1],
	    "  File \"/tmp/p1/tb/test_one.py\", line 13, in _impl"),
	    "1.9: the only end in the log, of another name, is the test's");
	cocotblog_free(&s);

	{
		struct buf two = {0};

		buf_puts(&two, log_19_wrapped);
		buf_puts(&two, log_19_xfail);
		read_text(&s, two.s, "test_one", "test_wrapped");
		CHECK(s.end == 0 && !s.traceback.n,
		    "of two ends of other names, neither is the test's");
		cocotblog_free(&s);
		buf_puts(&two, log_19_fail);
		read_text(&s, two.s, "test_dut", "test_fail");
		CHECK(s.end == 'f' && s.traceback.n == 5,
		    "the end of its own name, among others, is the test's");
		cocotblog_free(&s);
		buf_free(&two);
	}

	read_text(&s, log_19_finish, "test_early", "test_long");
	CHECK(s.end == 0 && s.error && !strcmp(s.error, "Failing test at "
	    "simulator request before test run completion: Simulator shut "
	    "down prematurely") && s.error_line &&
	    !strcmp(s.error_line, "ERROR: early.sv:5: error in rtl"),
	    "1.9: the first ERROR record, and the simulator's error line");
	cocotblog_free(&s);

	read_text(&s, err_19_sysexit, "test_counter", "test_sysexit");
	CHECK(s.error_line && !strcmp(s.error_line, "ERROR: called callback "
	    "function threw exception") && !s.error && s.last &&
	    !strcmp(s.last, "last words"),
	    "stderr: its first error line and its last line (%s, %s)",
	    s.error_line, s.last);
	cocotblog_free(&s);

	read_text(&s, log_21_fail, "test_dut", "test_fail");
	ex = cocotblog_exception(&s.traceback);
	CHECK(s.end == 'f' && s.traceback.n == 5 && ex &&
	    !strcmp(ex, "AssertionError: x is not four\nassert 3 == 4"),
	    "2.1: \"test_dut.test_fail failed\" and its exception of two "
	    "lines (%s)", ex);
	free(ex);
	cocotblog_free(&s);

	read_text(&s, log_19_xpass, "test_dut", "test_xpass");
	CHECK(s.end == 'f' && s.why &&
	    !strcmp(s.why, "passed but we expected a failure") &&
	    !s.traceback.n, "1.9: why an unexpected pass failed");
	cocotblog_free(&s);

	read_text(&s, log_19_xfail, "test_dut", "test_xfail");
	CHECK(s.end == 'p' && s.why && !strcmp(s.why,
	    "failed as expected (result was AssertionError)"),
	    "1.9: why an expected failure passed");
	cocotblog_free(&s);

	read_text(&s, log_19_import, "test_bad", "test_a");
	ex = cocotblog_exception(&s.last_traceback);
	CHECK(s.end == 0 && s.error && !strcmp(s.error, "Failed to import "
	    "module test_bad: No module named 'no_such_module_xyz'"),
	    "1.9: the first CRITICAL record (%s)", s.error);
	CHECK(ex && !strcmp(ex, "ModuleNotFoundError: No module named "
	    "'no_such_module_xyz'") && s.last_traceback.n == 7,
	    "1.9: the import's traceback, in a record of its own (%s)", ex);
	free(ex);
	cocotblog_free(&s);

	read_text(&s, err_21_import, "test_bad", "test_a");
	ex = cocotblog_exception(&s.last_traceback);
	CHECK(ex && !strcmp(ex, "ModuleNotFoundError: No module named "
	    "'no_such_module_xyz'") && s.last_traceback.n == 6,
	    "2.1: Python's own traceback on stderr, outside any record");
	free(ex);
	cocotblog_free(&s);
}

/* A log whose test's record has n frames (two lines each) and a line of
 * len bytes: the bounds. */
static char *
huge_log(int frames, size_t len)
{
	struct buf b = {0};
	int i;

	buf_puts(&b, "     1.00ns INFO     cocotb.regression                  "
	    "test_deep failed\n" IND "Traceback (most recent call last):\n");
	for (i = 0; i < frames; i++)
		buf_printf(&b, IND "  File \"t.py\", line %d, in f\n" IND
		    "    f()\n", i);
	buf_puts(&b, IND "RecursionError: ");
	while (len--)
		buf_putc(&b, 'x');
	buf_puts(&b, "\n");
	return buf_steal(&b);
}

/* Whether s is valid UTF-8 (no overlong forms checked: cuts only). */
static int
utf8_ok(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	int more = 0;

	for (; *p; p++) {
		if (more) {
			if ((*p & 0xc0) != 0x80)
				return 0;
			more--;
		} else if (*p >= 0xf0) {
			more = 3;
		} else if (*p >= 0xe0) {
			more = 2;
		} else if (*p >= 0xc0) {
			more = 1;
		} else if (*p >= 0x80) {
			return 0;
		}
	}
	return !more;
}

static void
test_utf8(void)
{
	struct run r;
	struct buf b = {0};
	struct strlist tb = {0};
	size_t i;

	run_fixture(&r, "cocotb_test test_utf8\n");
	/* U+00E9 (2 bytes) from byte 17 on: a cut at 2048 splits one */
	buf_puts(&b, "AssertionError: x");
	for (i = 0; i < 1100; i++)
		buf_puts(&b, "\xc3\xa9");
	cocotb_set_message(&r, b.s);
	CHECK(utf8_ok(r.message) && strlen(r.message) <= COCOTB_MESSAGE_BYTES
	    + 4 && strlen(r.message) >= COCOTB_MESSAGE_BYTES + 3 &&
	    !strcmp(r.message + strlen(r.message) - 4, " ..."),
	    "a message is cut between characters");
	/* from byte 0 on: a cut at 497 splits one */
	buf_reset(&b);
	for (i = 0; i < 300; i++)
		buf_puts(&b, "\xc3\xa9");
	strlist_push(&tb, xstrdup(b.s));
	cocotb_set_traceback(&r, &tb);
	CHECK(r.traceback.n == 1 && utf8_ok(r.traceback.v[0]) &&
	    strlen(r.traceback.v[0]) == COCOTB_LINE_BYTES - 1,
	    "a traceback line is cut between characters");
	CHECK(utf8_cut("a\xc3\xa9", 2) == 1 && utf8_cut("a\xc3\xa9", 1) == 1 &&
	    utf8_cut("\xf0\x9f\x98\x80", 3) == 0 &&
	    utf8_cut("\x80\x80\x80\x80\x80", 4) == 4,
	    "utf8_cut: before the character the cut is in; stray bytes cut "
	    "where asked");
	free(r.message);
	strlist_clear(&r.traceback);
	strlist_clear(&tb);
	run_fixture_free(&r);
	buf_free(&b);
}

static void
test_bounds(void)
{
	struct cocotb_said s;
	struct run r;
	char *log = huge_log(5000, 100000), *ex;
	struct buf msg = {0};
	int i;

	read_text(&s, log, "m", "test_deep");
	ex = cocotblog_exception(&s.traceback);
	/* the record's first line, "test_deep failed", is no traceback's */
	CHECK(s.traceback.n == COCOTBLOG_HEAD + COCOTBLOG_TAIL &&
	    strstr(s.traceback.v[COCOTBLOG_HEAD - 1], "lines left out") &&
	    ex && !strncmp(ex, "RecursionError: xxx", 19) &&
	    strlen(ex) < COCOTBLOG_LINE,
	    "a huge record keeps its head and tail, the exception found, its "
	    "line cut");
	run_fixture(&r, "cocotb_test test_deep\n");
	cocotb_set_traceback(&r, &s.traceback);
	CHECK(r.traceback.n == COCOTB_TRACEBACK_HEAD + 1 +
	    COCOTB_TRACEBACK_TAIL && !strcmp(r.traceback.v[0],
	    COCOTBLOG_TRACEBACK) && strstr(r.traceback.v[COCOTB_TRACEBACK_HEAD],
	    "lines left out") && strlen(r.traceback.v[r.traceback.n - 1]) ==
	    COCOTB_LINE_BYTES && !strncmp(r.traceback.v[r.traceback.n - 1],
	    "RecursionError", 14),
	    "a result's traceback: first and last lines, each bounded");
	for (i = 0; i < 100; i++)
		buf_printf(&msg, "line %d of a long message\n", i);
	cocotb_set_message(&r, msg.s);
	CHECK(r.message && strlen(r.message) <= COCOTB_MESSAGE_BYTES + 4 &&
	    !strncmp(r.message, "line 0 of", 9) &&
	    !strcmp(r.message + strlen(r.message) - 4, " ...") &&
	    !strstr(r.message, "line 20 of"),
	    "a result's message: %d lines at most, cut with \"...\"",
	    COCOTB_MESSAGE_LINES);
	cocotb_set_message(&r, "AssertionError: x\n");
	CHECK(!strcmp(r.message, "AssertionError: x"),
	    "a short message is kept, less its last newline");
	free(r.message);
	strlist_clear(&r.traceback);
	run_fixture_free(&r);
	buf_free(&msg);
	free(ex);
	free(log);
	cocotblog_free(&s);
}

/* The value of name in env, or NULL; count says how often it is there. */
static const char *
env_get(char **env, const char *name, int *count)
{
	const char *v = NULL;
	size_t len = strlen(name);

	*count = 0;
	for (; *env; env++)
		if (!strncmp(*env, name, len) && (*env)[len] == '=') {
			v = *env + len + 1;
			++*count;
		}
	return v;
}

/* Whether name is in env once, with value want (NULL: not there). */
static int
env_is(char **env, const char *name, const char *want)
{
	int n;
	const char *v = env_get(env, name, &n);

	return want ? n == 1 && !strcmp(v, want) : n == 0;
}

static void
test_env(void)
{
	char *inherited[] = {"PATH=/bin", "TESTCASE=from_shell",
		"COCOTB_TESTCASE=x", "VIRTUAL_ENV=/other/venv",
		"PYTHONPATH=/inherited", "COCOTB_ANSI_OUTPUT=1", NULL};
	char *cwd = getcwd(NULL, 0), *dir = xasprintf("%s/tb", cwd);
	char *pp = xasprintf("%s:/inherited", dir);
	struct run r;
	char **e;

	run_fixture(&r, "seed 77\ncocotb_test test_a\ncocotb_module test_m\n"
	    "cocotb_path tb\ncocotb_toplevel top\ncocotb_version 1.9.2\n"
	    "cocotb_libpython /py/libpython3.so\ncocotb_home /py\n"
	    "env TOPLEVEL=mine\nenv RANDOM_SEED=99\n");
	e = command_env(&r, inherited, "COSIM_RUN_ID=abc");
	CHECK(env_is(e, "MODULE", "test_m") && env_is(e, "TESTCASE", "test_a")
	    && env_is(e, "RANDOM_SEED", "77") &&
	    env_is(e, "COCOTB_RESULTS_FILE", "/tmp/run dir/results.xml") &&
	    env_is(e, "LIBPYTHON_LOC", "/py/libpython3.so"),
	    "1.x: the test, its seed and its results file are cosim-run's");
	CHECK(env_is(e, "TOPLEVEL", "mine") && env_is(e, "PATH", "/bin"),
	    "1.x: the manifest's env sets the rest");
	CHECK(env_is(e, "PYTHONPATH", pp) && env_is(e, "PYTHONHOME", "/py") &&
	    env_is(e, "VIRTUAL_ENV", NULL) && env_is(e, "COCOTB_TESTCASE", NULL)
	    && env_is(e, "PYTHONUNBUFFERED", "1") &&
	    env_is(e, "COCOTB_ANSI_OUTPUT", "1"),
	    "1.x: PYTHONPATH the module's first, the shell's venv gone, "
	    "colours as inherited");
	list_free(e);
	run_fixture_free(&r);

	run_fixture(&r, "seed 5\ncocotb_test test_b\ncocotb_module pkg.test_m\n"
	    "cocotb_path tb\ncocotb_toplevel top\ncocotb_version 2.1.0\n"
	    "cocotb_python /venv/bin/python3\ncocotb_libpython /py/libpy.so\n"
	    "cocotb_venv /venv\ncocotb_entry /venv/sim.so,initialize\n"
	    "env PYTHONPATH={rundir}/lib\nenv COCOTB_TEST_FILTER=.*\n");
	e = command_env(&r, inherited, "COSIM_RUN_ID=abc");
	free(pp);
	pp = xasprintf("%s:/tmp/run dir/lib", dir);
	CHECK(env_is(e, "COCOTB_TEST_MODULES", "pkg.test_m") &&
	    env_is(e, "COCOTB_TEST_FILTER", "^pkg\\.test_m\\.test_b$") &&
	    env_is(e, "COCOTB_RANDOM_SEED", "5") &&
	    env_is(e, "COCOTB_TOPLEVEL", "top") && env_is(e, "MODULE", NULL) &&
	    env_is(e, "TESTCASE", NULL) && env_is(e, "COCOTB_TESTCASE", NULL),
	    "2.x: its own names, a filter that matches the one test");
	CHECK(env_is(e, "GPI_USERS", "/py/libpy.so;/venv/sim.so,initialize") &&
	    env_is(e, "PYGPI_PYTHON_BIN", "/venv/bin/python3") &&
	    env_is(e, "VIRTUAL_ENV", "/venv") && env_is(e, "PYTHONHOME", NULL),
	    "2.x: the Python and its entry point");
	CHECK(env_is(e, "PYTHONPATH", pp),
	    "2.x: the manifest's PYTHONPATH, expanded, after the module's");
	list_free(e);
	run_fixture_free(&r);

	run_fixture(&r, "env TESTCASE=kept\n");
	e = command_env(&r, inherited, "COSIM_RUN_ID=abc");
	CHECK(env_is(e, "TESTCASE", "kept") && env_is(e, "VIRTUAL_ENV",
	    "/other/venv") && env_is(e, "MODULE", NULL),
	    "a test that is not cocotb's: nothing of this");
	list_free(e);
	run_fixture_free(&r);
	free(pp);
	free(dir);
	free(cwd);
}

/* Write text to dir/name. */
static void
put(const char *dir, const char *name, const char *text)
{
	char *p = xasprintf("%s/%s", dir, name);
	FILE *f = fopen(p, "w");

	if (!f || fputs(text, f) < 0 || fclose(f) != 0)
		abort();
	free(p);
}

/* Judge r (a passed run of test of module) on the files in dir. */
static void
judge(struct run *r, const char *dir, const char *spec)
{
	run_fixture(r, spec);
	r->rundir = dir;
	r->status = STATUS_PASS;
	cocotb_judge(r);
}

static void
judged(struct run *r)
{
	free(r->message);
	strlist_clear(&r->traceback);
	run_fixture_free(r);
}

static void
test_judge(void)
{
	char tmpl[] = "/tmp/cosim-cocotb-XXXXXX", *dir = mkdtemp(tmpl), *p;
	struct run r;

	if (!dir)
		abort();
	put(dir, "results.xml", xml_19_fail);
	put(dir, "sim.out", log_19_fail);
	judge(&r, dir, "cocotb_test test_fail\ncocotb_module test_dut\n");
	CHECK(r.status == STATUS_FAIL && !strcmp(r.reason.s, "cocotb: "
	    "test_fail failed: AssertionError: x is not four") &&
	    !strcmp(r.message, "AssertionError: x is not four") &&
	    r.traceback.n == 5 && !strcmp(r.stage, "test"),
	    "1.9: a failure, its message and traceback from the log");
	judged(&r);
	judge(&r, dir, "cocotb_test test_pass\ncocotb_module test_dut\n"
	    "cocotb_expect yes\n");
	CHECK(r.status == STATUS_XFAIL && !strcmp(r.reason.s,
	    "cocotb: test_pass failed as expected"),
	    "cocotb's pass of a test expected to fail is an xfail (%s)",
	    r.reason.s);
	judged(&r);
	judge(&r, dir, "cocotb_test test_pass\ncocotb_module test_dut\n");
	CHECK(r.status == STATUS_PASS && !r.message,
	    "a pass is left to the scan");
	judged(&r);

	put(dir, "results.xml", xml_21_xpass);
	put(dir, "sim.out", "");
	judge(&r, dir, "cocotb_test test_xpass\ncocotb_module test_dut\n"
	    "cocotb_expect yes\n");
	CHECK(r.status == STATUS_XPASS && !strcmp(r.reason.s, "cocotb: "
	    "test_xpass passed but we expected a failure"),
	    "2.1: an expected failure that passed is an xpass, from the "
	    "results file alone (%s)", r.reason.s);
	judged(&r);
	judge(&r, dir, "cocotb_test test_xpass\ncocotb_module test_dut\n");
	CHECK(r.status == STATUS_FAIL, "not expected to fail: a failure");
	judged(&r);

	put(dir, "results.xml", xml_21_fail);
	judge(&r, dir, "cocotb_test test_fail\ncocotb_module test_dut\n"
	    "cocotb_expect yes\n");
	CHECK(r.status == STATUS_FAIL && !strcmp(r.message,
	    "AssertionError: x is not four\nassert 3 == 4") &&
	    r.traceback.n == 5, "2.1: any other failure of a test expected to "
	    "fail stays a failure, with the file's message and traceback");
	judged(&r);

	put(dir, "results.xml", "<testsuites><testcase name=\"test_fail\"");
	judge(&r, dir, "cocotb_test test_fail\ncocotb_module test_dut\n");
	CHECK(r.status == STATUS_ERROR && strstr(r.reason.s, "is not XML: "
	    "line 1"), "a cut results file is an error (%s)", r.reason.s);
	judged(&r);

	put(dir, "results.xml", xml_19_wrapped);
	put(dir, "sim.out", log_19_wrapped);
	judge(&r, dir, "cocotb_test test_wrapped\ncocotb_module test_one\n");
	CHECK(r.status == STATUS_FAIL && !strcmp(r.reason.s, "cocotb: "
	    "test_wrapped failed: AssertionError: impl fails") &&
	    r.traceback.n == 4, "1.9: a test cocotb names otherwise, by the "
	    "only testcase and the only end (%s)", r.reason.s);
	judged(&r);

	put(dir, "sim.out", log_19_finish);
	judge(&r, dir, "cocotb_test test_long\ncocotb_module test_early\n");
	CHECK(r.status == STATUS_FAIL && !strcmp(r.reason.s, "cocotb: "
	    "test_long failed: Failing test at simulator request before test "
	    "run completion: Simulator shut down prematurely") &&
	    !strcmp(r.message, r.reason.s + strlen("cocotb: test_long failed: "))
	    && !r.traceback.n,
	    "1.9: a simulation that ends before the test: its first error, "
	    "not \"Test failed with RANDOM_SEED\" (%s)", r.reason.s);
	judged(&r);

	p = xasprintf("%s/results.xml", dir);
	unlink(p);
	put(dir, "sim.out", log_19_sysexit);
	put(dir, "sim.err", err_19_sysexit);
	judge(&r, dir, "cocotb_test test_sysexit\ncocotb_module test_counter\n");
	CHECK(r.status == STATUS_ERROR && !strcmp(r.reason.s, "cocotb wrote "
	    "no results file: ERROR: called callback function threw exception "
	    "(see sim.err)"), "no results file: the first error line, and the "
	    "log it is in (%s)", r.reason.s);
	judged(&r);
	put(dir, "sim.err", "a warning\nlast words\n");
	judge(&r, dir, "cocotb_test test_sysexit\ncocotb_module test_counter\n");
	CHECK(r.status == STATUS_ERROR && !strcmp(r.reason.s, "cocotb wrote "
	    "no results file: last words (see sim.err)"),
	    "no results file, no error: stderr's last line (%s)", r.reason.s);
	judged(&r);
	put(dir, "sim.err", "");
	judge(&r, dir, "cocotb_test test_sysexit\ncocotb_module test_counter\n");
	CHECK(r.status == STATUS_ERROR && !strcmp(r.reason.s, "cocotb wrote "
	    "no results file (see sim.out)") && !r.message,
	    "no results file, no clue (%s)", r.reason.s);
	judged(&r);

	put(dir, "sim.out", log_19_import);
	put(dir, "sim.err", err_21_import);
	judge(&r, dir, "cocotb_test test_a\ncocotb_module test_bad\n");
	CHECK(r.status == STATUS_ERROR && !strcmp(r.reason.s, "cocotb wrote "
	    "no results file: ModuleNotFoundError: No module named "
	    "'no_such_module_xyz' (see sim.err)") && r.traceback.n == 6,
	    "no results file: an error, and why (%s)", r.reason.s);
	judged(&r);
	judge(&r, dir, "cocotb_test test_a\ncocotb_module test_bad\n");
	cocotb_prepare(&r);
	CHECK(access(p, F_OK) != 0, "prepare leaves no results file");
	judged(&r);
	free(p);
	p = xasprintf("rm -rf '%s'", dir);
	if (system(p) != 0)
		abort();
	free(p);
}

int
main(void)
{
	test_xml();
	test_log();
	test_bounds();
	test_utf8();
	test_env();
	test_judge();
	return tap_done();
}
