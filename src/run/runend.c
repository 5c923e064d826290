/* runend.c - see runend.h. */
#include "runend.h"
#include "attempts.h"
#include "children.h"
#include "failfast.h"
#include "fixture.h"
#include "loglimit.h"
#include "outcome.h"
#include "pidrecord.h"
#include "proc.h"
#include "resources.h"
#include "stamp.h"
#include "wavesrun.h"
#include "verdict.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* the launcher's environment, handed on to fixtures and repro scripts */
extern char **environ;

/* The run the fatal hook ends: fatal() takes no context, and a run that
 * fails in cosim-run itself must still stop its children and leave a
 * result. The only file-global state of the launcher. */
static struct run *fatal_run;

/* Stop the test, then the simulator, then what they left; a terminating
 * signal that arrives meanwhile is returned. */
int
runend_stop_both(struct run *r, int64_t grace)
{
	struct child *both[2] = {&r->test, &r->sim};

	return children_stop(both, 2, grace, &r->leftovers);
}

/* Cut the logs, once: the first that was over the limit, or -1. */
int
runend_cut_logs(struct run *r)
{
	proc_set_tick(0, NULL, NULL);	/* nothing writes to them any more */
	if (r->logs.cut || !r->rundir)
		return -1;
	r->logs.cut = 1;
	return loglimit_cut(r->rundir, r->logs.limit);
}

/* The run is over: its last result is written (or it was interrupted,
 * or cosim-run failed). What the whole run held goes, once, in the
 * process that began it, never in a copy that ran one attempt
 * (attempts.h): the resource slots, then the fixtures (the last test of
 * one cleans it up, within kill_grace when interrupted), and last the
 * process record is marked done. Returns a terminating signal that came
 * meanwhile, or 0. */
int
runend_over(struct run *r, int interrupted)
{
	int sig;

	if (r->over || r->attempt_copy)
		return 0;
	r->over = 1;
	resources_release(&r->held);
	sig = fixture_release(r, environ, interrupted);
	pidrecord_close();
	return sig;
}

/* The one abort path: stop everything at once, cut the logs, and leave
 * the run as status with the reason fmt says. The record says done only
 * once the result is there: a result that cannot be written leaves a run
 * that did not finish. A failure of cosim-run itself (from_fatal) writes
 * no repro script and leaves the stamp alone. */
void
runend_abort(struct run *r, int from_fatal, enum status status,
    const char *fmt, ...)
{
	va_list ap;

	runend_stop_both(r, 0);
	runend_cut_logs(r);
	r->has_pre_scan = 0;	/* not a verdict a rescan may go back to */
	r->status = status;
	buf_reset(&r->reason);
	va_start(ap, fmt);
	buf_vprintf(&r->reason, fmt, ap);
	va_end(ap);
	outcome_write(r);
	if (!from_fatal)
		outcome_write_repro(r, environ);
	r->finished = 1;
	if (!from_fatal && r->stamp)
		stamp_set(r->stamp, 0);
	runend_over(r, status == STATUS_INTERRUPTED);
}

/* The fatal hook: a fatal error of the launcher itself stops what it
 * started and still leaves a result (not when the result is being or was
 * written: then that is what failed, or there is nothing left to do). */
static void
on_fatal(const char *msg)
{
	struct run *r = fatal_run;

	if (!r || r->finished || r->writing)
		return;
	runend_abort(r, 1, STATUS_ERROR, "cosim-run failed: %s", msg);
}

/* Stop everything that runs, on a signal from outside. */
void
runend_interrupted(struct run *r, int sig)
{
	runend_abort(r, 0, STATUS_INTERRUPTED, "interrupted by signal %d (%s)",
	    sig, strsignal(sig));
	proc_reraise(sig);
}

/* The end of an attempt: its result and repro script, then either the
 * next attempt (the run directory and both go to attempt.K/ first) or
 * the end of the run: a failure counted for max_failures, the stamp,
 * and what the run held let go. */
void
runend_finish(struct run *r)
{
	int code = 1, again, sig;

	verdict_tree_signal(r);
	/* where the logs were not cut yet: a run that started nothing */
	runend_cut_logs(r);
	if ((again = attempts_again(r))) {
		char *moved = attempts_move_rundir(r);

		free((char *)r->rundir);
		r->rundir = moved;
	} else {
		attempts_conclude(r);
	}
	outcome_write(r);
	outcome_write_repro(r, environ);
	outcome_print(r, again);
	if (again) {
		attempts_archive(r);
		exit(ATTEMPT_AGAIN);
	}
	r->finished = 1;
	if (r->max_failures > 0 && !verdict_is_pass(r) &&
	    r->status != STATUS_NOTRUN && r->status != STATUS_INTERRUPTED)
		failfast_add(r->spec.builddir, r->suite_run, r->name);
	if (r->stamp)
		stamp_set(r->stamp, r->waves ? wavesrun_done(r) :
		    verdict_is_pass(r));
	if ((sig = runend_over(r, 0)))
		proc_reraise(sig);
	if (r->keep_going || verdict_is_pass(r))
		exit(0);
	if (r->sim.exec_errno)
		code = r->sim.exec_errno == ENOENT ? 127 : 126;
	exit(code);
}

/* A log passed the limit (it is cut): the test fails, whatever else it
 * did, in the stage it was in. */
void
runend_log_limit(struct run *r, int stream)
{
	r->status = STATUS_FAIL;
	if (strcmp(r->stage, "startup") != 0)
		r->stage = "test";
	buf_reset(&r->reason);
	buf_printf(&r->reason, "%s passed the log limit of ",
	    stream_files[stream]);
	loglimit_describe(&r->reason, r->logs.limit);
	runend_finish(r);
}

void
runend_watch(struct run *r)
{
	fatal_run = r;
	fatal_hook(on_fatal);
}
