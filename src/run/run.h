/* run.h - the state of one run of cosim-run: cosimrun.c creates it and passes
 * it by argument to what builds the commands (command.h), judges the run
 * (verdict.h) and writes what it left (outcome.h).
 *
 * The verdict: the exits decide first (a test that exits SKIP_EXIT skips
 * itself), then, when they passed, what the test reports (a cocotb
 * test's results file, cocotb.h), then the log scan, then the manifest's
 * expect = fail, which turns a failure of the test itself into xfail and
 * a pass into xpass. */
#ifndef COSIM_RUN_H
#define COSIM_RUN_H

#include <stdint.h>
#include "plan.h"
#include "proc.h"
#include "resources.h"
#include "result.h"
#include "scan.h"
#include "spec.h"
#include "util.h"

/* The exit status by which a test says it skipped itself, as in automake
 * and CTest's SKIP_RETURN_CODE convention. */
#define SKIP_EXIT 77

struct run {
	struct spec spec;
	struct kvfile specfile;	/* the spec's text, which spec points into */
	const char *name, *dir, *stamp;
	char seed[24];		/* the spec's seed, as text */
	const char *rundir;	/* absolute */
	char *pids;		/* record of started processes */
	char port[16];
	struct holding held;	/* the resource slots it holds */
	const char *slot;	/* the first id held (COSIM_SLOT), or "0" */
	const char *suite_run;	/* this run of the suite (suiterun.h) */
	struct plan plan;	/* the plan, mapped while it runs (plan.h), */
	const char *plan_line;	/* and its line there, or NULL */
	char inputs_hash[17];	/* the spec and its edge's inputs, hashed
				 * when the run began; "" without a line */
	long long attempt;	/* this attempt, from 1 (attempts.h) */
	long long attempts_max;	/* 1 + retries, or the repeat count */
	int repeat;		/* COSIM_REPEAT: a stress run, not retries */
	int attempt_copy;	/* this process is a copy that runs one
				 * attempt: the one that forked it ends the
				 * run */
	int over;		/* the run was ended (run_over) */
	long long max_failures;	/* of the suite run, 0: none (failfast.h) */
	int64_t started;	/* this attempt's start */
	int64_t run_started;	/* the first attempt's start */
	int blocked;		/* its design did not compile (compiled.h) */
	char *own_log;		/* the log to open when it is none of the run
				 * directory's (srun.log of a Slurm step that
				 * left no result, slurm.h), relative to the
				 * builddir; NULL */
	long long started_epoch_ms;	/* wall clock, for timelines */
	struct buf sim_line, test_line;	/* as run, in shell words */
	char **given;		/* COSIM_* and LISTEN_* the test (or, without
				 * one, the simulator) got */
	const char *specpath;
	enum status status;
	const char *stage;
	int has_pre_scan;	/* the run got as far as the scan: */
	enum status pre_scan;	/* the verdict before it */
	char *pre_scan_reason;	/* the reason of a verdict before the scan */
	const char *pre_scan_stage;	/* its stage, when not the test's */
	struct buf reason;
	char *message;		/* what the test said when it failed (a
				 * cocotb test's exception, cocotb.h), or
				 * NULL */
	struct strlist traceback;	/* and its traceback (allocated) */
	struct child sim, test;
	int leftovers;		/* processes killed after the test */
	int sim_direct, test_direct;	/* exec'd, not under a shell */
	int writing, finished;	/* the result is being / has been written */
	struct scan_report scan;
	int scanned;
	int64_t scan_limit;	/* ms, the scan's bound (timeouts.h) */
	int keep_going;		/* --stamp: exit 0 whatever the verdict */
	const char *waves_sim;	/* --waves SIM: the waves run (wavesrun.h) */
	char *waves;		/* then the waveform (absolute), else NULL */
	char *waves_rel;	/* and relative to the builddir */
	char waves_hash[17];	/* the hash of the spec as read */
	int node;		/* --node: the launcher on a Slurm node, which
				 * runs the test whatever the spec's executor
				 * (slurm.h) */
	char **args;		/* the arguments, after --node: what a
				 * supervisor hands on to the node */
	struct {
		int64_t limit;	/* the log limit (loglimit.h), for the tick */
		int cut;	/* the logs were cut, once, when nothing ran */
	} logs;
	struct {		/* its fixtures (fixture.h) */
		struct strlist held;	/* the names it is a user of */
		int acquired;		/* fixture_acquire ran */
		const char *failed;	/* one whose setup failed, */
		char *log;		/* that setup's log (from builddir) */
		struct strlist log_tail;
	} fixture;
	struct {		/* its design's failed compile (compiled.h) */
		char *log, *log_line;
		struct strlist log_tail;
	} compile;
};

#endif
