/* run.h - the state of one run of cosim-run, shared by launcher.c (which
 * runs it) and result.c (which judges it and writes what it left).
 *
 * The verdict: the exits decide first (a test that exits SKIP_EXIT skips
 * itself), then the log scan, then the manifest's expect = fail, which
 * turns a failure of the test itself into xfail and a pass into xpass. */
#ifndef COSIM_RUN_H
#define COSIM_RUN_H

#include <stdint.h>
#include "proc.h"
#include "scan.h"
#include "kvfile.h"
#include "util.h"

/* The exit status by which a test says it skipped itself, as in automake
 * and CTest's SKIP_RETURN_CODE convention. */
#define SKIP_EXIT 77

struct run {
	struct kvfile spec;
	const char *name, *dir, *stamp;
	char *rundir;		/* absolute */
	char *pids;		/* record of started processes */
	char port[16];
	char slot[24];
	int64_t started;
	long long started_epoch_ms;	/* wall clock, for timelines */
	struct buf sim_line, test_line;	/* as run, in shell words */
	char **given;		/* COSIM_* and LISTEN_* the test (or, without
				 * one, the simulator) got */
	const char *specpath;
	const char *status, *stage, *pre_scan;
	char *pre_scan_reason;	/* the reason of a verdict before the scan */
	const char *pre_scan_stage;	/* its stage, when not the test's */
	struct buf reason;
	struct child sim, test;
	int leftovers;		/* processes killed after the test */
	int sim_direct, test_direct;	/* exec'd, not under a shell */
	int writing, finished;	/* the result is being / has been written */
	struct scan_report scan;
	int scanned;
	struct buf extra;	/* more result lines (compile.h) */
};

/* Write <dir>/result from r (set aside before the run, the one before is
 * result.prev); when the disk has no room for it, a short result with
 * status error says so. */
void result_write(struct run *r);
/* Write <dir>/repro.sh for the run that ends now; a failure is only told. */
void result_write_repro(const struct run *r);
/* Append the last lines of the file at path as result lines under key. */
void result_tail(struct buf *b, const char *key, const char *path, int lines);
/* Replace the result file at path with b, keeping the old as .prev. */
void result_put(const char *path, const struct buf *b);
/* Append what the scan found, as result lines. */
void result_scan_fields(struct buf *b, const struct run *r);
/* Whether the status counts as a success: pass, skip or xfail. */
int result_is_pass(const struct run *r);
/* What a built-in simulator's exit means, or NULL. */
const char *result_exit_meaning(const struct run *r, const struct child *c);
/* The signal that ended a child, also through a shell's 128+n. */
int result_death_signal(const struct child *c, int direct);
/* Append to r's reason how the child who ended. */
void result_describe_exit(struct run *r, const char *who,
	const struct child *c, int direct);
/* Whether the child exited SKIP_EXIT on its own. */
int result_asks_skip(const struct child *c);
/* A hash of the spec but its pattern keys, as hex: a result whose run
 * had another one is no run of this spec (--scan-only then refuses). */
void result_spec_hash(const struct kvfile *s, char out[17]);
/* Apply expect = fail to the status. */
void result_expect(struct run *r);

#endif
