/* Unit tests of outcome.c and verdict_rescan: a --scan-only result made
 * from an old one in memory, with no process and no file. */
#include "run/outcome.h"
#include "run/verdict.h"
#include "runfixture.h"
#include "tap.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* An old result of a test that failed by its exit, with a warning found,
 * its properties, a log's tail and a key of a newer writer. */
static const char old_text[] = RESULT_MAGIC "\n"
    "name t1\nstatus fail\nstage test\nreason test exited with status 1\n"
    "seed 7\nspec_hash 00112233aabbccdd\nstart_epoch_ms 5\nduration_ms 3\n"
    "rundir /nonexistent/run dir\n"
    "test_exit 1\npre_scan fail\npre_scan_reason test exited with status 1\n"
    "warning_lines 1\nwarning test.out:1: WARN: x\n"
    "property k=v\ntest_out_tail WARN: x\nnewer_key kept\n";

/* What --scan-only writes when a fail pattern now matches test.err:1. */
static const char rescanned[] = RESULT_MAGIC "\n"
    "name t1\nstatus fail\nstage test\nreason test exited with status 1\n"
    "seed 7\nspec_hash 00112233aabbccdd\nstart_epoch_ms 5\nduration_ms 3\n"
    "rundir /nonexistent/run dir\n"
    "test_exit 1\npre_scan fail\npre_scan_reason test exited with status 1\n"
    "fail_match test.err:1: err\n"
    "property k=v\ntest_out_tail WARN: x\nnewer_key kept\n";

/* Decode old_text into old and f (f owns a copy of the text). */
static void
old_result(struct result *old, struct kvfile *f)
{
	size_t line;

	if (kv_parse(f, xstrdup(old_text), RESULT_MAGIC, &line) != 0)
		abort();
	result_decode(old, f, RESULT_TEST);
}

static void
test_rescanned(void)
{
	struct kvfile f;
	struct result old;
	struct run r;
	struct buf b = {0};

	old_result(&old, &f);
	run_fixture(&r, "");
	r.status = old.status;
	r.stage = "test";
	buf_puts(&r.reason, "test exited with status 1");
	r.scanned = 1;
	r.scan.fail.stream = ST_TEST_ERR;
	r.scan.fail.line = 1;
	r.scan.fail.text = "err";
	outcome_rescanned(&b, &r, &old);
	CHECK(b.s && strcmp(b.s, rescanned) == 0, "a rescanned result keeps "
	    "what the run recorded, in a run's order, with the new scan's "
	    "findings in place of the old");
	if (!b.s || strcmp(b.s, rescanned) != 0)
		printf("  got:\n%s", b.s ? b.s : "");
	buf_free(&b);
	result_free(&old, RESULT_TEST);
	kv_free(&f);
	run_fixture_free(&r);
}

/* A damaged old result: a count that is no number, a second status and
 * a second warning count. None of them may outlive the rescan. */
static void
test_rescanned_damaged(void)
{
	static const char damaged[] = RESULT_MAGIC "\n"
	    "name t1\nstatus pass\nstage done\nreason \nseed 7\n"
	    "start_epoch_ms 5\nduration_ms 3\ntest_exit 0\npre_scan pass\n"
	    "warning_lines abc\nstatus fail\nwarning_lines 7\nnewer_key kept\n";
	static const char want[] = RESULT_MAGIC "\n"
	    "name t1\nstatus pass\nstage done\nreason \nseed 7\n"
	    "start_epoch_ms 5\nduration_ms 3\ntest_exit 0\npre_scan pass\n"
	    "warning_lines 1\nwarning test.out:2: w\nnewer_key kept\n";
	struct kvfile f;
	struct result old;
	struct run r;
	struct buf b = {0};
	size_t line;

	if (kv_parse(&f, xstrdup(damaged), RESULT_MAGIC, &line) != 0)
		abort();
	result_decode(&old, &f, RESULT_TEST);
	run_fixture(&r, "");
	r.status = STATUS_PASS;
	r.stage = "done";
	r.scanned = 1;
	r.scan.nwarn = 1;
	r.scan.warn_lines = 1;
	r.scan.warn[0].stream = ST_TEST_OUT;
	r.scan.warn[0].line = 2;
	r.scan.warn[0].text = "w";
	outcome_rescanned(&b, &r, &old);
	CHECK(b.s && strcmp(b.s, want) == 0, "a rescan of a damaged result "
	    "keeps neither its unreadable count nor its repeated keys");
	if (!b.s || strcmp(b.s, want) != 0)
		printf("  got:\n%s", b.s ? b.s : "");
	buf_free(&b);
	result_free(&old, RESULT_TEST);
	kv_free(&f);
	run_fixture_free(&r);
}

static void
test_rescan_verdict(void)
{
	struct kvfile f;
	struct result old;
	struct run r;

	old_result(&old, &f);
	run_fixture(&r, "expect fail\n");
	/* the old run directory has no logs: nothing matches */
	verdict_rescan(&r, &old);
	CHECK(r.status == STATUS_XFAIL && r.has_pre_scan &&
	    r.pre_scan == STATUS_FAIL && strcmp(r.stage, "test") == 0,
	    "a rescan goes back to the verdict before the scan, then applies "
	    "expect = fail (%s, %s)", status_name(r.status), r.stage);
	result_free(&old, RESULT_TEST);
	kv_free(&f);
	run_fixture_free(&r);
}

int
main(void)
{
	test_rescanned();
	test_rescanned_damaged();
	test_rescan_verdict();
	return tap_done();
}
