/* verdict.c - see verdict.h. */
#include "verdict.h"
#include "children.h"
#include "ready.h"
#include "treesignal.h"

#include <stdlib.h>
#include <string.h>

int
verdict_is_pass(const struct run *r)
{
	return strcmp(r->status, "pass") == 0 || strcmp(r->status, "skip") == 0 ||
	    strcmp(r->status, "xfail") == 0;
}

/* What the built-in simulators' exits mean, for a reason a person can act
 * on. A 0 is never a pass by itself: Verilator's --binary main also exits
 * 0 when events simply run out, and Icarus after $error; the log scan
 * catches what the exit status does not. */
static const struct {
	const char *simulator;
	int status;		/* exit status, or 128 + signal */
	const char *meaning;
} exit_conventions[] = {
	{"verilator", 128 + 6,	/* SIGABRT */
	    "Verilator aborts on $stop, $fatal and failed assertions"},
	{"icarus", 1, "vvp -N exits 1 on $fatal and on $stop"},
};

const char *
verdict_exit_meaning(const struct run *r, const struct child *c)
{
	const char *sim = kv_get(&r->spec, "simulator");
	int status = c->signal ? 128 + c->signal : c->code;
	size_t i;

	if (!sim || kv_get(&r->spec, "run"))
		return NULL;	/* a custom simulator: its own conventions */
	for (i = 0; i < sizeof exit_conventions / sizeof *exit_conventions; i++)
		if (strcmp(sim, exit_conventions[i].simulator) == 0 &&
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
	r->status = rc == READY_TIMEOUT ? "timeout" : "fail";
	if (rc == READY_DIED && r->sim.signal)
		r->status = "crash";
}

/* A child that failed ends the test stage as a failure, or as a crash
 * when a signal ended it. */
static void
child_failed(struct run *r, const char *who, const struct child *c,
    int direct)
{
	r->stage = "test";
	r->status = verdict_death_signal(c, direct) ? "crash" : "fail";
	verdict_describe_exit(r, who, c, direct);
}

void
verdict_exits(struct run *r, int has_test)
{
	r->status = "pass";
	if (verdict_asks_skip(has_test ? &r->test : &r->sim)) {
		r->status = "skip";
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
	r->status = "timeout";
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
	static const struct { const char *key; enum pkind kind; } kinds[] = {
		{"fail_pattern", PK_FAIL}, {"warn_pattern", PK_WARN},
		{"pass_pattern", PK_PASS}, {"skip_pattern", PK_SKIP},
	};
	const char *v, *d = kv_get(&r->spec, "default_patterns");
	size_t i, k;
	char *err;

	for (k = 0; k < sizeof kinds / sizeof kinds[0]; k++)
		for (i = 0; (v = kv_next(&r->spec, kinds[k].key, &i));)
			if (scan_add(sc, kinds[k].kind, v, &err) != 0)
				fatal(0, "%s", err);	/* cosimgen checked */
	if (!d || strcmp(d, "no") != 0)
		scan_defaults(sc);
}

static int
passed_or_failed(const struct run *r)
{
	return strcmp(r->status, "pass") == 0 || strcmp(r->status, "fail") == 0;
}

/* What the scan says of a run that passed so far. */
static void
scan_judge(struct run *r)
{
	if (r->scan.error && strcmp(r->stage, "startup") != 0 &&
	    passed_or_failed(r)) {
		/* an unfinished scan proves nothing: never a pass */
		r->status = "error";
		r->stage = "scan";
		buf_reset(&r->reason);
		buf_puts(&r->reason, r->scan.error);
	} else if (strcmp(r->pre_scan, "pass") == 0) {
		r->stage = "scan";
		if (r->scan.fail.text) {
			r->status = "fail";
			buf_reset(&r->reason);
			buf_printf(&r->reason, "%s:%zu matches '%s': %s",
			    stream_files[r->scan.fail.stream], r->scan.fail.line,
			    r->scan.fail.pattern, r->scan.fail.text);
		} else if (r->scan.missing) {
			r->status = "fail";
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
		r->status = "skip";
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

/* The verdict after the exits: keep it as pre_scan, scan the logs, then
 * apply expect = fail. A signal from the test (and a late end, see
 * run.c) is part of pre_scan: --scan-only goes back to it, and must keep
 * them. */
void
verdict_judge(struct run *r)
{
	verdict_tree_signal(r);
	r->pre_scan = r->status;
	if (strcmp(r->status, "pass") != 0)
		r->pre_scan_reason = xstrdup(r->reason.s ? r->reason.s : "");
	verdict_scan(r);
	verdict_expect(r);
}

/* expect = fail turns a failure of the test itself (its exit or the scan,
 * not a startup problem, a timeout or an interrupt) into xfail, and a pass
 * into xpass, which fails. */
void
verdict_expect(struct run *r)
{
	const char *e = kv_get(&r->spec, "expect");
	char *was;

	if (!e || strcmp(e, "fail") != 0)
		return;
	if ((strcmp(r->status, "fail") == 0 || strcmp(r->status, "crash") == 0) &&
	    strcmp(r->stage, "startup") != 0) {
		was = buf_steal(&r->reason);
		r->status = "xfail";
		buf_printf(&r->reason, "failed as expected: %s", was);
		free(was);
	} else if (strcmp(r->status, "pass") == 0) {
		r->status = "xpass";
		buf_reset(&r->reason);
		buf_puts(&r->reason, "passed, but the manifest expects it to "
		    "fail (expect = fail)");
	}
}

static const char *
old_or(const struct kvfile *old, const char *key, const char *dflt)
{
	const char *v = kv_get(old, key);

	return v ? v : dflt;
}

void
verdict_rescan(struct run *r, const struct kvfile *old)
{
	r->rundir = xstrdup(old_or(old, "rundir", ""));
	r->status = xstrdup(old_or(old, "status", "error"));
	r->stage = xstrdup(old_or(old, "stage", ""));
	buf_puts(&r->reason, old_or(old, "reason", ""));
	r->pre_scan = kv_get(old, "pre_scan");
	if (!r->pre_scan)
		return;	/* the run did not get as far as the scan */
	/* back to the verdict of the exits, then the scan again */
	r->status = r->pre_scan;
	buf_reset(&r->reason);
	if (strcmp(r->pre_scan, "pass") == 0) {
		r->stage = "done";
	} else {
		r->stage = old_or(old, "pre_scan_stage", "test");
		buf_puts(&r->reason, old_or(old, "pre_scan_reason", ""));
	}
	verdict_scan(r);
	verdict_expect(r);
}
