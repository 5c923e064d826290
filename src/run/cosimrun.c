/* cosimrun.c - cosim-run: run one test as its spec file says, write its
 * result, and tell the build graph.
 *
 * Stages: startup (the simulator starts and becomes reachable, see
 * ready.h), test (the test command runs with COSIM_* in its environment),
 * teardown (the simulator gets kill_grace to finish, then is stopped; any
 * process left behind is killed), scan (the logs are matched against the
 * patterns, see scan.h). A test passes only if every stage passed: an exit
 * status alone never makes a pass.
 *
 * Everything is prepared before a child starts; the children run in their
 * own process groups in a fresh run directory, with output to files (never
 * to ninja's pipe, so a background child holding a log open cannot stall
 * the build). One poll() waits for children, signals, log growth (for the
 * idle timeout) and deadlines. The result is written atomically by this
 * process, so it exists whatever the children did; the processes it starts
 * are recorded so that a later run can end them if this one is killed.
 *
 * Before the stages, the run as a whole begins: a test that starts after
 * max_failures failures of its suite run records notrun (failfast.h),
 * then it takes its resource slots (resources.h). A test with retries,
 * or under COSIM_REPEAT, may then run its stages more than once, each
 * attempt but the last in a forked copy (attempts.h); what the whole run
 * holds is let go once, when its last result is written (run_over).
 *
 * With --stamp FILE (as the generated graph calls it), the exit status is
 * 0 whatever the verdict and FILE exists only after a pass or skip: the
 * edge of a failed test stays dirty, so the next `ninja` reruns it.
 * Without it, the exit status is 0 only on a pass or skip, 1 on a test
 * failure, 126/127 when the simulator cannot be run; its own failures exit
 * 125, as timeout(1) does.
 *
 * A launcher whose parent (ninja, make) dies gets SIGTERM, an interrupt:
 * ninja killed outright must leave neither runs going on in their own
 * process groups nor records locked for the next ninja. */
#include "run.h"
#include "args.h"
#include "attempts.h"
#include "beneath.h"
#include "file.h"
#include "children.h"
#include "cocotb.h"
#include "pidrecord.h"
#include "command.h"
#include "compiled.h"
#include "failfast.h"
#include "fds.h"
#include "fixture.h"
#include "keys.h"
#include "lastrun.h"
#include "layout.h"
#include "links.h"
#include "loglimit.h"
#include "outcome.h"
#include "plan.h"
#include "ready.h"
#include "rescan.h"
#include "resources.h"
#include "rundir.h"
#include "runend.h"
#include "slurm.h"
#include "stamp.h"
#include "suiterun.h"
#include "timeouts.h"
#include "verdict.h"
#include "wavesrun.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <unistd.h>

/* the launcher hands it on */
extern char **environ;

/* What the stages of a test run share besides the run: its command, its
 * limits and deadlines (ms), and what the children get. */
struct stages {
	const char *cmd;	/* the test command, or NULL */
	int64_t timeout, startup, idle, grace;
	int64_t deadline, idle_deadline;
	int ino;		/* inotify on the run directory, or -1 */
	enum ready_mode mode;
	int lfd;		/* the listening socket for the simulator */
	char **env;
};

/* Stop cs[0..n) with grace, then cut the logs: an interrupt meanwhile
 * ends the run as interrupted, a log over the limit as a failure. */
static void
stop_children(struct run *r, struct child **cs, int n, int64_t grace)
{
	int sig, over;

	if ((sig = children_stop(cs, n, grace, &r->leftovers)))
		runend_interrupted(r, sig);
	/* cut before the scan reads them */
	if ((over = runend_cut_logs(r)) >= 0)
		runend_log_limit(r, over);
}

/* The tick, while anything runs: under Slurm, a request to stop that
 * the supervisor left in the build directory is an interrupt
 * (slurm_stop_asked); a log past the limit stops everything at once (a
 * program that writes without bound would go on through a grace
 * period), and the logs are cut back. */
static void
check_logs(void *arg)
{
	struct run *r = arg;
	int sig, over;

	if (r->node && (sig = slurm_stop_asked(r->dir))) {
		proc_set_tick(0, NULL, NULL);
		runend_interrupted(r, sig);
	}
	if (r->logs.limit <= 0 ||
	    (over = loglimit_over(r->rundir, r->logs.limit)) < 0)
		return;
	proc_set_tick(0, NULL, NULL);	/* the stops below wait in proc_event */
	/* an interrupt caught by a stop this tick runs inside wins */
	if ((sig = proc_held_signal()) || (sig = runend_stop_both(r, 0)))
		runend_interrupted(r, sig);
	runend_cut_logs(r);
	runend_log_limit(r, over);
}

/* Start child c (the simulator or the test) with its logs in the run
 * directory, noting its command line for the repro script. */
static void
start(struct run *r, struct child *c, char **argv, char **env, int lfd)
{
	struct spawn s = {0};
	const char *who = c == &r->sim ? "sim" : "test";
	char *out = xasprintf("%s/%s.out", r->rundir, who);
	char *err = xasprintf("%s/%s.err", r->rundir, who);
	int64_t limit = r->spec.log_limit;

	command_note(c == &r->sim ? &r->sim_line : &r->test_line, &r->given,
	    argv, env, c == &r->test || !r->spec.command);
	if (c == &r->sim)
		cocotb_note(r, &r->given, env);
	s.argv = argv;
	s.envp = env;
	s.cwd = r->rundir;
	s.out = out;
	s.err = err;
	s.listen_fd = lfd;
	/* pty = yes: the simulator's stdout; one byte past the limit is
	 * enough for the size check to see it */
	if (c == &r->sim && r->spec.pty) {
		s.tty = 1;
		s.out_max = limit > 0 ? limit + 1 : -1;
	}
	children_start(c, &s, who);
	free(out);
	free(err);
}

/* The run begins: its clock starts, its inputs are hashed as they are
 * now (plan.h), once for every attempt, and until a verdict, it is an
 * error in the startup stage. */
static void
begin(struct run *r)
{
	char hash[17];

	proc_init();
	r->started = r->run_started = now_ms();
	r->started_epoch_ms = epoch_ms();
	r->stage = "startup";
	r->status = STATUS_ERROR;
	snprintf(r->port, sizeof r->port, "0");
	if (r->spec.builddir && plan_open(&r->plan, r->spec.builddir) == 0 &&
	    (r->plan_line = plan_find(&r->plan, r->name))) {
		spec_hash(&r->spec, hash);
		plan_inputs_hash(r->plan_line, r->waves ? r->waves_hash : hash,
		    r->inputs_hash);
	}
}

/* Take the test's record (ending what a killed earlier run left, or
 * waiting for a run whose ninja is gone, pidrecord.h), then no result
 * while the run lasts: one that never finishes must not leave the last
 * one to be taken for its verdict. Returns 0, or 125 when the test is
 * already running. */
static int
open_run(struct run *r)
{
	struct buf why = {0};

	begin(r);
	if (r->node)
		proc_stop_requests();
	r->pids = layout_in(r->dir, DIR_PIDS);
	/* how long this run may take to end once interrupted: a later run
	 * waits as long for it, should its ninja be killed outright */
	if (pidrecord_open(r->pids, r->spec.kill_grace_ms +
	    fixture_wind_down(r), &why) != 0) {
		fprintf(stderr, "cosim-run: %s is already running: %s\n",
		    r->name, why.s);
		buf_free(&why);
		return 125;
	}
	/* only now: a run that held the record until now (its ninja was
	 * killed) wrote its result as it ended */
	if (lastrun_set_aside(r->dir) != 0)
		fatal(errno, "cannot move %s/result aside", r->dir);
	runend_watch(r);
	return 0;
}

/* executor = slurm, where ninja runs: the node's launcher runs the test
 * (slurm.h). A result it did not leave is written here, with the stamp
 * removed and the repro script (which goes through srun again). */
static int
supervise(struct run *r)
{
	struct slurm_job j = {0};
	struct slurm_end e = {0};
	struct buf why = {0};
	char *name;

	begin(r);
	if (slurm_supervisor_lock(r->dir, r->spec.kill_grace_ms, &why) != 0) {
		fprintf(stderr, "cosim-run: %s is already running: %s\n",
		    r->name, why.s);
		buf_free(&why);
		return 125;
	}
	runend_watch(r);
	name = xasprintf("cosim:%s", r->name);
	j.dir = r->dir;
	j.name = name;
	j.srun = &r->spec.srun;
	j.licenses = &r->spec.slurm_licenses;
	j.grace = r->spec.kill_grace_ms;
	j.args = r->args;
	j.kind = RESULT_TEST;
	slurm_supervise(&j, environ, &e);
	free(name);
	if (e.node_result) {
		r->finished = 1;	/* nothing left to write here */
		slurm_exit_as_node(&e);
	}
	/* what srun said is the log to open: nothing ran */
	r->own_log = layout_test_file(NULL, r->name, DIR_SRUN_LOG);
	runend_abort(r, 0, e.sig ? STATUS_INTERRUPTED : STATUS_ERROR, "%s",
	    e.why.s);
	buf_free(&e.why);
	/* an error counts for max_failures as the node's would */
	if (!e.sig && failfast_limit(&r->spec, &r->max_failures,
	    &r->reason) == 0 && r->max_failures > 0)
		failfast_add(r->spec.builddir, suiterun_id(), r->name);
	if (e.sig)
		proc_reraise(e.sig);
	outcome_print(r, 0);
	return r->keep_going ? 0 : 1;
}

/* A test that starts after max_failures failures in this run of the
 * suite records notrun, starts nothing, and leaves its stamp unset. */
static void
check_failures(struct run *r)
{
	if (r->max_failures > 0 && failfast_reached(r->spec.builddir,
	    r->suite_run, r->max_failures, &r->reason)) {
		r->status = STATUS_NOTRUN;
		runend_finish(r);
	}
}

/* Before the first attempt, what the whole run needs: its plan of
 * attempts, a look at max_failures, and its resource slots (another look
 * after waiting for them: failures may have come meanwhile). The
 * fixtures are acquired last, here, once for every attempt. */
static void
run_begin(struct run *r)
{
	int sig;

	if (attempts_plan(r, &r->reason) != 0 ||
	    failfast_limit(&r->spec, &r->max_failures, &r->reason) != 0 ||
	    resources_parse(&r->held, &r->spec.resources, &r->reason) != 0)
		runend_finish(r);	/* an error: nothing can start */
	/* a disabled test, or one whose design did not compile, starts
	 * nothing: it takes no slot and sets up no fixture (prepare()
	 * ends it) */
	if (!r->blocked)
		r->blocked = !r->spec.disabled && compiled_blocks(r);
	if (r->spec.disabled || r->blocked)
		return;
	if (r->max_failures > 0)
		r->suite_run = suiterun_id();
	check_failures(r);
	if ((sig = resources_take(&r->held, r->spec.builddir)) != 0)
		runend_interrupted(r, sig);
	r->slot = resources_first(&r->held);
	check_failures(r);
	sig = fixture_acquire(r, environ);
	/* waiting for slots and fixtures was not the test's time */
	r->run_started = now_ms();
	if (sig > 0)
		runend_interrupted(r, sig);
	else if (sig < 0)
		runend_finish(r);	/* a fixture could not be set up */
	check_failures(r);	/* failures may have come during a setup */
}

/* Everything before a child of an attempt starts: the run directory,
 * the links, the limits, the watch for the idle timeout and the
 * environment.
 * A disabled test, one whose design did not compile, or one without
 * usable limits ends here. */
static void
prepare(struct run *r, struct stages *st)
{
	int disabled = r->spec.disabled;
	int blocked = r->blocked;
	struct timeouts lim;

	/* this attempt's time: waiting for the run's slots was not */
	r->started = now_ms();
	r->started_epoch_ms = epoch_ms();
	proc_usage_reset();	/* nor a fixture's setup, or an attempt */
	st->cmd = r->spec.command;
	/* a test whose design did not compile starts nothing: no old log
	 * may stay in its run directory */
	r->rundir = rundir_fresh(r->dir,
	    !blocked && r->spec.design != NULL,
	    !blocked && st->cmd != NULL);
	if (disabled) {
		r->status = STATUS_SKIP;
		r->stage = "done";
		buf_puts(&r->reason, r->spec.cocotb_skip ? cocotb_skip_reason :
		    "disabled in the manifest");
		runend_finish(r);
	}
	if (blocked)
		runend_finish(r);
	if (r->spec.cocotb_test)
		cocotb_prepare(r);
	links_make(&r->spec.files, r->rundir);
	if (timeouts_read(&lim, &r->spec, &r->reason) != 0)
		runend_finish(r);	/* never an unlimited run */
	st->timeout = lim.test;
	r->scan_limit = lim.scan;
	st->startup = lim.startup;
	st->idle = lim.idle;
	st->grace = r->spec.kill_grace_ms;
	r->logs.limit = r->spec.log_limit;
	st->deadline = st->timeout > 0 ? now_ms() + st->timeout : INT64_MAX;
	/* Output growth, for the idle timeout. Only then: closing an inotify
	 * instance waits for an RCU grace period, milliseconds per test. */
	st->ino = -1;
	if (st->idle > 0) {
		st->ino = inotify_init1(IN_CLOEXEC | IN_NONBLOCK);
		if (st->ino < 0 ||
		    inotify_add_watch(st->ino, r->rundir, IN_MODIFY) < 0)
			fatal(errno, "inotify");
	}
	st->idle_deadline = st->idle > 0 ? now_ms() + st->idle : INT64_MAX;
	st->mode = r->spec.design ? ready_mode(r->spec.ready) : READY_NONE;
	st->lfd = ready_prepare(st->mode, r->port, sizeof r->port);
	st->env = command_env(r, environ, proc_run_id());
	/* the first look after a while: a short test costs nothing */
	if (r->logs.limit > 0 || r->node)
		proc_set_tick(LOGLIMIT_CHECK_MS, check_logs, r);
}

/* The startup stage: the simulator starts and becomes reachable. One
 * that does not is stopped, and its logs scanned: a skip pattern may
 * explain it. */
static void
stage_startup(struct run *r, struct stages *st)
{
	struct child *sim[1] = {&r->sim};
	char **sargv;
	int64_t until;
	int rc, sig = 0;

	if (!r->spec.design)
		return;
	sargv = command_sim_argv(r, &r->sim_direct);
	until = st->startup > 0 ? now_ms() + st->startup : INT64_MAX;
	start(r, &r->sim, sargv, st->env, st->lfd);
	list_free(sargv);
	if (st->lfd >= 0)
		close(st->lfd);
	if (r->sim.exec_errno) {
		proc_reap(sim, 1);
		verdict_describe_exit(r, "the simulator", &r->sim, 1);
		runend_finish(r);
	}
	if (until > st->deadline)
		until = st->deadline;
	rc = ready_wait(st->mode, &r->sim, r->rundir, r->port, sizeof r->port,
	    until, &sig, &r->reason);
	if (rc == READY_SIGNAL)
		runend_interrupted(r, sig);
	if (rc != READY_OK) {
		verdict_not_ready(r, rc);
		stop_children(r, sim, 1, st->grace);
		/* --scan-only goes back to this verdict, in this stage */
		r->pre_scan = r->status;
		r->has_pre_scan = 1;
		r->pre_scan_reason = xstrdup(r->reason.s ? r->reason.s : "");
		r->pre_scan_stage = r->stage;
		verdict_scan(r);
		runend_finish(r);
	}
	if (st->mode == READY_FILE || st->mode == READY_PORT) {
		list_free(st->env);	/* the port is known now */
		st->env = command_env(r, environ, proc_run_id());
	}
}

/* A deadline passed: the test's timeout or the idle timeout ends the
 * run, after the children had their grace. */
static void
timed_out(struct run *r, struct stages *st, int64_t now)
{
	struct child *both[2] = {&r->test, &r->sim};

	r->status = STATUS_TIMEOUT;
	if (now >= st->deadline)
		buf_printf(&r->reason, "timed out after %.1f s (timeout %.1f s)",
		    (double)(now - st->deadline + st->timeout) / 1000,
		    (double)st->timeout / 1000);
	else
		buf_printf(&r->reason, "no output for %.1f s (idle_timeout)",
		    (double)st->idle / 1000);
	stop_children(r, both, 2, st->grace);
	runend_finish(r);
}

/* The test stage: the test command runs, and its end (without one, the
 * simulator's) ends the stage; returns when it was seen. */
static int64_t
stage_test(struct run *r, struct stages *st)
{
	struct child *both[2] = {&r->test, &r->sim};
	/* the test ends the stage; without one, the simulator */
	struct child **watch = st->cmd ? both : both + 1;
	struct pollfd pf[1];
	char buf[4096];
	int ev, sig;

	r->stage = "test";
	if (st->idle > 0)	/* from the test's start */
		st->idle_deadline = now_ms() + st->idle;
	if (st->cmd) {
		char *e = command_expand(r, st->cmd, 1);
		char **targv = command_shell_argv(e, &r->test_direct);

		start(r, &r->test, targv, st->env, -1);
		free(e);
		list_free(targv);
	}
	ready_release();
	pf[0].fd = st->ino;	/* poll() skips a negative fd */
	pf[0].events = POLLIN;
	while ((st->cmd || r->sim.started) && !watch[0]->reaped) {
		ev = proc_event(watch, 1, pf, 1, st->deadline <
		    st->idle_deadline ? st->deadline : st->idle_deadline, &sig);
		if (ev == EV_SIGNAL)
			runend_interrupted(r, sig);
		if (ev == EV_FD) {
			while (read(st->ino, buf, sizeof buf) > 0)
				;
			if (st->idle > 0)
				st->idle_deadline = now_ms() + st->idle;
		} else if (ev == EV_DEADLINE) {
			int64_t now = now_ms();

			if (now >= st->deadline || now >= st->idle_deadline)
				timed_out(r, st, now);
		}
	}
	return now_ms();	/* seen now: see verdict_late() */
}

/* Teardown: the client may have told the simulator to quit; it gets
 * kill_grace, then is stopped, and what is left is killed. */
static void
stage_teardown(struct run *r, struct stages *st)
{
	struct child *sim[1] = {&r->sim};
	int over, sig;

	r->stage = "teardown";
	if (st->cmd && r->sim.started && !r->sim.reaped) {
		if (proc_event(sim, 1, NULL, 0, now_ms() + st->grace, &sig) ==
		    EV_SIGNAL)
			runend_interrupted(r, sig);
		if (!r->sim.reaped && (sig = proc_stop(&r->sim, st->grace)))
			runend_interrupted(r, sig);
	}
	if (r->test.started && (sig = proc_stop(&r->test, 0)))
		runend_interrupted(r, sig);
	r->leftovers += proc_kill_all();
	/* an interrupt that came as the test ended (under Slurm, scancel
	 * signals the whole step: the test may die of it first) */
	if ((sig = proc_pending_signal()))
		runend_interrupted(r, sig);
	if ((over = runend_cut_logs(r)) >= 0)
		runend_log_limit(r, over);
}

/* Refuse a spec that cannot be run (cosimgen writes none). */
static void
check_spec(const struct run *r)
{
	struct buf why = {0};

	if (spec_check(&r->spec, &why) != 0)
		fatal(0, "spec %s", why.s);
}

int
main(int argc, char **argv)
{
	static struct run run;
	struct run *r = &run;
	struct stages st = {0};
	int mode, rc = 0, got, sig = 0;
	int64_t seen;

	progname = "cosim-run";
	fatal_status = 125;
	/* first: ninja may be killed outright at any time */
	proc_end_with_parent(getppid());
	fds_close_inherited(environ);
	if (!(mode = args_parse(r, argc, argv, environ, &rc)))
		return rc;
	if (spec_read(&r->spec, &r->specfile, r->specpath) != 0)
		fatal(errno == EINVAL ? 0 : errno, "cannot read spec %s%s",
		    r->specpath, errno == EINVAL ?
		    ": not a cosimgen spec file" : "");
	if (!r->spec.name || !r->spec.dir)
		fatal(0, "spec has no '%s'", r->spec.name ? "dir" : "name");
	beneath_root(r->spec.builddir);	/* no link below it followed */
	r->name = r->spec.name;
	r->dir = r->spec.dir;
	if (r->waves_sim)
		wavesrun_setup(r, r->waves_sim);
	snprintf(r->seed, sizeof r->seed, "%lld", r->spec.seed);
	if (mode == 's') {
		check_spec(r);
		return rescan_run(r);
	}
	/* a test whose design did not compile starts no Slurm step: it is
	 * blocked here, as a local run is (run_begin does not look again) */
	if (r->spec.slurm && !r->node && !(r->blocked = compiled_blocks(r)))
		return supervise(r);
	if ((rc = open_run(r)) != 0)
		return rc;
	check_spec(r);	/* a run of a test is open: its result says why */
	run_begin(r);
	switch (attempts_next(r, &rc, &sig)) {
	case ATT_OVER:		/* a copy ran the last attempt */
		if ((got = runend_over(r, sig != 0)) && !sig)
			sig = got;
		if (sig)
			proc_reraise(sig);
		return rc;
	case ATT_INTERRUPTED:
		runend_interrupted(r, sig);
	case ATT_LOST:
		fatal(0, "attempt %lld was killed by signal %d (%s)",
		    r->attempt, sig, strsignal(sig));
	}
	prepare(r, &st);
	stage_startup(r, &st);
	seen = stage_test(r, &st);
	stage_teardown(r, &st);
	verdict_exits(r, st.cmd != NULL);
	if (st.timeout > 0 && seen > st.deadline)
		verdict_late(r, seen - (st.deadline - st.timeout), st.timeout);
	verdict_judge(r);
	runend_finish(r);
}
