/* Unit tests of verdict.c: the rules from exits and scan findings to a
 * status, on a struct run made in memory, with no process and no wait. */
#include "run/verdict.h"
#include "runfixture.h"
#include "run/ready.h"
#include "tap.h"

#include <stdlib.h>
#include <string.h>

static void
exited(struct child *c, int code, int sig)
{
	memset(c, 0, sizeof *c);
	c->started = c->reaped = 1;
	c->code = code;
	c->signal = sig;
}

static void
test_exits(void)
{
	struct run r;

	run_fixture(&r, "simulator verilator\n");
	exited(&r.test, 0, 0);
	exited(&r.sim, 0, 0);
	r.sim.killed = 1;
	verdict_exits(&r, 1);
	CHECK(r.status == STATUS_PASS, "clean exits pass before the "
	    "scan");
	run_fixture_free(&r);

	run_fixture(&r, "simulator verilator\n");
	exited(&r.test, SKIP_EXIT, 0);
	verdict_exits(&r, 1);
	CHECK(r.status == STATUS_SKIP &&
	    strcmp(r.reason.s, "the test exited 77: skipped") == 0,
	    "a test that exits 77 skips itself");
	run_fixture_free(&r);

	run_fixture(&r, "simulator verilator\n");
	exited(&r.test, 3, 0);
	r.test_direct = 1;
	verdict_exits(&r, 1);
	CHECK(r.status == STATUS_FAIL &&
	    strcmp(r.reason.s, "test exited with status 3") == 0,
	    "a test that exits 3 fails (%s)", r.reason.s);
	run_fixture_free(&r);

	run_fixture(&r, "simulator verilator\n");
	exited(&r.test, 128 + 11, 0);
	verdict_exits(&r, 1);
	CHECK(r.status == STATUS_CRASH &&
	    strstr(r.reason.s, "killed by signal 11") != NULL,
	    "128+n from a shell is a death by signal n (%s)", r.reason.s);
	run_fixture_free(&r);

	run_fixture(&r, "simulator verilator\n");
	exited(&r.test, 0, 0);
	exited(&r.sim, 0, 6);
	r.sim_direct = 1;
	verdict_exits(&r, 1);
	CHECK(r.status == STATUS_CRASH && strstr(r.reason.s,
	    "simulator killed by signal 6") == r.reason.s &&
	    strstr(r.reason.s, ": Verilator aborts on $stop") != NULL,
	    "a simulator's abort says what Verilator means by it");
	run_fixture_free(&r);

	run_fixture(&r, "simulator verilator\nrun ./mysim\n");
	exited(&r.sim, 0, 6);
	CHECK(verdict_exit_meaning(&r, &r.sim) == NULL,
	    "a custom simulator has no built-in meaning");
	run_fixture_free(&r);
}

static void
test_expect(void)
{
	struct run r;

	run_fixture(&r, "expect fail\n");
	r.status = STATUS_FAIL;
	buf_puts(&r.reason, "boom");
	verdict_expect(&r);
	CHECK(r.status == STATUS_XFAIL &&
	    strcmp(r.reason.s, "failed as expected: boom") == 0,
	    "expect = fail turns a failure into xfail");
	CHECK(verdict_is_pass(&r), "xfail counts as a success");
	run_fixture_free(&r);

	run_fixture(&r, "expect fail\n");
	r.status = STATUS_PASS;
	verdict_expect(&r);
	CHECK(r.status == STATUS_XPASS && !verdict_is_pass(&r),
	    "expect = fail turns a pass into xpass, a failure");
	run_fixture_free(&r);

	run_fixture(&r, "expect fail\n");
	r.status = STATUS_FAIL;
	r.stage = "startup";
	verdict_expect(&r);
	CHECK(r.status == STATUS_FAIL,
	    "a startup failure is no expected failure");
	run_fixture_free(&r);

	run_fixture(&r, "expect fail\n");
	r.status = STATUS_TIMEOUT;
	verdict_expect(&r);
	CHECK(r.status == STATUS_TIMEOUT,
	    "a timeout is no expected failure");
	run_fixture_free(&r);
}

static void
test_small_rules(void)
{
	struct run r;
	struct child c;

	exited(&c, SKIP_EXIT, 0);
	CHECK(verdict_asks_skip(&c), "77 asks for a skip");
	c.killed = 1;
	CHECK(!verdict_asks_skip(&c), "77 after a stop does not");
	exited(&c, 130, 0);
	CHECK(verdict_death_signal(&c, 0) == 2 && verdict_death_signal(&c, 1)
	    == 0, "130 is SIGINT under a shell only");

	run_fixture(&r, "");
	exited(&r.sim, 0, 9);
	verdict_not_ready(&r, READY_DIED);
	CHECK(r.status == STATUS_CRASH,
	    "a simulator killed before it was ready crashed");
	run_fixture_free(&r);

	run_fixture(&r, "");
	verdict_late(&r, 2500, 2000);
	CHECK(r.status == STATUS_TIMEOUT && strstr(r.reason.s,
	    "saw the test end 2.5 s after its start") != NULL,
	    "an end seen past the deadline is a timeout");
	run_fixture_free(&r);
}

int
main(void)
{
	test_exits();
	test_expect();
	test_small_rules();
	return tap_done();
}
