/* verdict.c - see verdict.h. */
#include "verdict.h"
#include "children.h"
#include "cocotb.h"
#include "ready.h"
#include "treesignal.h"

#include <stdlib.h>
#include <string.h>

int
verdict_is_pass(const struct run *r)
{
	return status_is_pass(r->status);
}

/* What the built-in simulators' exits mean, for a reason a person can act
 * on. A 0 is never a pass by itself: Verilator's --binary main also exits
 * 0 when events simply run out, and Icarus after $error; the log scan
 * catches what the exit status does not. GHDL 2.0 (mcode) exits with
 * the status given to std.env.stop or finish (0 without one), 1 on a
 * failure, 0 after error-severity assertions and reports (it goes on:
 * the scan fails them) and when events run out. */
static const struct {
	enum sim simulator;
	int status;		/* exit status, or 128 + signal */
	const char *meaning;
} exit_conventions[] = {
	{SIM_VERILATOR, 128 + 6,	/* SIGABRT */
	    "Verilator aborts on $stop, $fatal and failed assertions"},
	{SIM_ICARUS, 1, "vvp -N exits 1 on $fatal and on $stop"},
	{SIM_GHDL, 1, "GHDL exits 1 on a failure-severity assertion or "
	    "report, on a run-time error (bounds, elaboration, an unknown "
	    "generic), and on std.env.stop(1) or finish(1)"},
};

const char *
verdict_exit_meaning(const struct run *r, const struct child *c)
{
	int status = c->signal ? 128 + c->signal : c->code;
	size_t i;

	if (r->spec.run)
		return NULL;	/* a custom simulator: its own conventions */
	for (i = 0; i < sizeof exit_conventions / sizeof *exit_conventions; i++)
		if (r->spec.simulator == exit_conventions[i].simulator &&
		    exit_conventions[i].status == status)
			return exit_conventions[i].meaning;
	return NULL;
}

/* The signal that ended a child: a shell reports a command it did not
 * exec that died by signal n as exit status 128+n. */
int
verdict_death_signal(const struct child *c, int direct)
{
	if (c->signal)
		return c->signal;
	if (!direct && c->code > 128 && c->code <= 128 + 64)
		return c->code - 128;
	return 0;
}

void
verdict_describe_exit(struct run *r, const char *who,
    const struct child *c, int direct)
{
	children_describe(&r->reason, who, c, verdict_death_signal(c, direct),
	    NULL);
}

int
verdict_asks_skip(const struct child *c)
{
	return c->started && c->reaped && !c->exec_errno && !c->signal &&
	    !c->killed && c->code == SKIP_EXIT;
}

void
verdict_not_ready(struct run *r, int rc)
{
	r->status = rc == READY_TIMEOUT ? STATUS_TIMEOUT : STATUS_FAIL;
	if (rc == READY_DIED && r->sim.signal)
		r->status = STATUS_CRASH;
}

/* A child that failed ends the test stage as a failure, or as a crash
 * when a signal ended it. */
static void
child_failed(struct run *r, const char *who, const struct child *c,
    int direct)
{
	r->stage = "test";
	r->status = verdict_death_signal(c, direct) ? STATUS_CRASH :
	    STATUS_FAIL;
	verdict_describe_exit(r, who, c, direct);
}

void
verdict_exits(struct run *r, int has_test)
{
	r->status = STATUS_PASS;
	if (verdict_asks_skip(has_test ? &r->test : &r->sim)) {
		r->status = STATUS_SKIP;
		r->stage = "test";
		buf_printf(&r->reason, "the %s exited %d: skipped",
		    has_test ? "test" : "simulator", SKIP_EXIT);
	} else if (r->test.started && (r->test.exec_errno || r->test.signal ||
	    r->test.code != 0)) {
		child_failed(r, "test", &r->test, r->test_direct);
	} else if (r->sim.started && !r->sim.killed && (r->sim.signal ||
	    r->sim.code != 0)) {
		/* stopped by teardown is fine; crashed or $stop/$fatal not */
		child_failed(r, "simulator", &r->sim, r->sim_direct);
		if (verdict_exit_meaning(r, &r->sim))
			buf_printf(&r->reason, ": %s",
			    verdict_exit_meaning(r, &r->sim));
	}
}

/* The end of the test was seen after its deadline: only a launcher that
 * was stopped (SIGSTOP, a debugger) or starved meanwhile sees that, and
 * then it cannot tell when the test really ended. A verdict past the
 * deadline is no pass, nor any other verdict than a timeout. */
void
verdict_late(struct run *r, int64_t ran, int64_t timeout)
{
	r->status = STATUS_TIMEOUT;
	r->stage = "test";
	buf_reset(&r->reason);
	buf_printf(&r->reason, "timed out: cosim-run saw the test end %.1f s "
	    "after its start, past its timeout of %.1f s (cosim-run was "
	    "stopped or starved meanwhile)", (double)ran / 1000,
	    (double)timeout / 1000);
}

/* A test that signals its own launcher misbehaves: the run went on, and
 * its verdict is an error that says so (see proc.h). Told once: judge
 * tells it before the scan, the end of the run for one that ended
 * otherwise. */
void
verdict_tree_signal(struct run *r)
{
	treesignal_judge(&r->status, &r->reason, "the test",
	    "; a test must not signal its launcher", "the run");
}

static void
load_patterns(const struct run *r, struct scanner *sc)
{
	static const enum pkind kinds[SPEC_PATTERNS] = {
		[SPEC_FAIL] = PK_FAIL, [SPEC_WARN] = PK_WARN,
		[SPEC_PASS] = PK_PASS, [SPEC_SKIP] = PK_SKIP,
	};
	const struct strlist *l;
	size_t i, k;
	char *err;

	for (k = 0; k < SPEC_PATTERNS; k++)
		for (l = &r->spec.patterns[k], i = 0; i < l->n; i++)
			if (scan_add(sc, kinds[k], l->v[i], &err) != 0)
				fatal(0, "%s", err);	/* cosimgen checked */
	if (r->spec.default_patterns)
		scan_defaults(sc);
	else if (r->spec.simulator == SIM_GHDL && !r->spec.run)
		scan_ghdl(sc);	/* GHDL's own verdict, as UVM's summary */
}

static int
passed_or_failed(const struct run *r)
{
	return r->status == STATUS_PASS || r->status == STATUS_FAIL;
}

/* "UVM report summary: 2 UVM_ERROR, 0 UVM_FATAL (sim.out:41)" into b,
 * after sep when b holds a reason already. */
static void
uvm_reason(struct buf *b, const struct uvm_summary *u, const char *sep)
{
	buf_printf(b, "%sUVM report summary: %lld UVM_ERROR, %lld UVM_FATAL "
	    "(%s:%zu)", b->len ? sep : "", u->count[UVM_SEV_ERROR],
	    u->count[UVM_SEV_FATAL], stream_files[u->stream], u->line);
}

/* What the scan says of a run that passed so far. A failure pattern's
 * match is the reason to read first (the first error), and the UVM
 * summary's counts follow it; a summary that counts errors fails the
 * test where no line matched (an error never displayed, or only logged
 * to a file). */
static void
scan_judge(struct run *r)
{
	if (r->scan.error && strcmp(r->stage, "startup") != 0 &&
	    passed_or_failed(r)) {
		/* an unfinished scan proves nothing: never a pass */
		r->status = STATUS_ERROR;
		r->stage = "scan";
		buf_reset(&r->reason);
		buf_puts(&r->reason, r->scan.error);
	} else if (r->status == STATUS_PASS) {
		r->stage = "scan";
		if (r->scan.fail.text) {
			r->status = STATUS_FAIL;
			buf_reset(&r->reason);
			buf_printf(&r->reason, "%s:%zu matches '%s': %s",
			    stream_files[r->scan.fail.stream], r->scan.fail.line,
			    r->scan.fail.pattern, r->scan.fail.text);
			if (uvm_summary_fails(&r->scan.uvm))
				uvm_reason(&r->reason, &r->scan.uvm, "; ");
		} else if (uvm_summary_fails(&r->scan.uvm)) {
			r->status = STATUS_FAIL;
			buf_reset(&r->reason);
			uvm_reason(&r->reason, &r->scan.uvm, "");
		} else if (r->scan.missing) {
			r->status = STATUS_FAIL;
			buf_reset(&r->reason);
			buf_printf(&r->reason, "no log line matches the required "
			    "pattern '%s'", r->scan.missing);
		} else {
			r->stage = "done";
		}
	}
	/* A skip pattern has the last word over a pass or a failure, not
	 * over a crash, a timeout or a skip the test asked for. */
	if (r->scan.skip.text && !r->scan.error && passed_or_failed(r)) {
		r->status = STATUS_SKIP;
		r->stage = "scan";
		buf_reset(&r->reason);
		buf_printf(&r->reason, "%s:%zu matches skip pattern '%s': %s",
		    stream_files[r->scan.skip.stream], r->scan.skip.line,
		    r->scan.skip.pattern, r->scan.skip.text);
	}
}

void
verdict_scan(struct run *r)
{
	struct scanner sc = {0};

	load_patterns(r, &sc);
	sc.limit_ms = r->scan_limit;
	scan_logs(&sc, r->rundir, &r->scan);
	r->scanned = 1;
	scan_judge(r);
	/* the pattern texts live in sc, which goes: the result needs only
	 * the missing one, which is copied */
	if (r->scan.skip.text)
		r->scan.skip.pattern = NULL;
	if (r->scan.fail.text)
		r->scan.fail.pattern = NULL;
	for (size_t i = 0; i < r->scan.nwarn; i++)
		r->scan.warn[i].pattern = NULL;
	if (r->scan.missing)
		r->scan.missing = xstrdup(r->scan.missing);
	scan_free(&sc);
}

/* What the test itself reports, when its exits passed: a cocotb test's
 * results file (cocotb.h). */
static void
verdict_reported(struct run *r)
{
	if (r->spec.cocotb_test && r->status == STATUS_PASS)
		cocotb_judge(r);
}

/* The verdict after the exits: keep it as pre_scan, take what the test
 * reports, scan the logs, then apply expect = fail. A signal from the
 * test (and a late end, see cosimrun.c) is part of pre_scan: --scan-only
 * goes back to it, and must keep them; what the test reports it reads
 * again. */
void
verdict_judge(struct run *r)
{
	verdict_tree_signal(r);
	r->pre_scan = r->status;
	r->has_pre_scan = 1;
	if (r->status != STATUS_PASS)
		r->pre_scan_reason = xstrdup(r->reason.s ? r->reason.s : "");
	verdict_reported(r);
	verdict_scan(r);
	verdict_expect(r);
}

/* expect = fail turns a failure of the test itself (its exit or the scan,
 * not a startup problem, a timeout or an interrupt) into xfail, and a pass
 * into xpass, which fails. */
void
verdict_expect(struct run *r)
{
	char *was;

	if (!r->spec.expect_fail)
		return;
	if ((r->status == STATUS_FAIL || r->status == STATUS_CRASH) &&
	    strcmp(r->stage, "startup") != 0) {
		was = buf_steal(&r->reason);
		r->status = STATUS_XFAIL;
		buf_printf(&r->reason, "failed as expected: %s", was);
		free(was);
	} else if (r->status == STATUS_PASS) {
		r->status = STATUS_XPASS;
		buf_reset(&r->reason);
		buf_puts(&r->reason, "passed, but the manifest expects it to "
		    "fail (expect = fail)");
	}
}

/* A string of an old result, or dflt when it has none. */
static const char *
or_else(const char *v, const char *dflt)
{
	return v ? v : dflt;
}

void
verdict_rescan(struct run *r, const struct result *old)
{
	r->rundir = or_else(old->rundir, "");
	r->status = old->status_word || old->status != STATUS_UNKNOWN ?
	    old->status : STATUS_ERROR;
	r->stage = or_else(old->stage, "");
	buf_puts(&r->reason, or_else(old->reason, ""));
	if (old->pre_scan == STATUS_UNKNOWN && !old->pre_scan_word)
		return;	/* the run did not get as far as the scan */
	/* back to the verdict of the exits, then the scan again */
	r->has_pre_scan = 1;
	r->pre_scan = old->pre_scan;
	r->status = r->pre_scan;
	buf_reset(&r->reason);
	if (r->pre_scan == STATUS_PASS) {
		r->stage = "done";
	} else {
		r->stage = or_else(old->pre_scan_stage, "test");
		buf_puts(&r->reason, or_else(old->pre_scan_reason, ""));
	}
	verdict_reported(r);
	verdict_scan(r);
	verdict_expect(r);
}
