/* result.h - the result file: how the last run of a test or a compile
 * went, written by cosim-run (<builddir>/tests/NAME/result,
 * <builddir>/designs/HASH/result) and read by cosimgen report and by
 * cosim-run --scan-only.
 *
 * struct result is the one form of a result in memory: the launcher
 * fills it and result_encode() writes it; result_decode() reads it back,
 * each value parsed once (fields.h). A test's result and a compile's
 * share the struct; the kind says which keys, in which order, a file
 * holds. Statuses are an enum with one table of names. */
#ifndef COSIM_RESULT_H
#define COSIM_RESULT_H

#include "fields.h"
#include "kvfile.h"
#include "util.h"

enum status {
	STATUS_PASS, STATUS_FAIL, STATUS_XFAIL, STATUS_XPASS, STATUS_SKIP,
	STATUS_TIMEOUT, STATUS_CRASH, STATUS_ERROR, STATUS_INTERRUPTED,
	STATUS_NOTRUN,
	STATUS_FLAKY,	/* passed after a failed attempt in the same run */
	STATUS_UNKNOWN,	/* a word this version does not know (a newer
			 * writer's): counts as a failure */
	STATUS_N = STATUS_UNKNOWN
};

/* The word of a status in files and reports: "pass", "xfail", ... */
const char *status_name(enum status s);
/* The status a word names, or STATUS_UNKNOWN. */
enum status status_find(const char *word);
/* Whether a status counts as a success: pass, skip, xfail or flaky. */
int status_is_pass(enum status s);

enum result_kind { RESULT_TEST, RESULT_COMPILE };

/* The four logs of a test's run, in the order the result keeps their
 * last lines. */
enum tail { TAIL_SIM_ERR, TAIL_SIM_OUT, TAIL_TEST_ERR, TAIL_TEST_OUT,
	TAIL_N };

struct result {
	char *name;		/* the test, or the compile's id */
	enum status status;
	char *status_word;	/* STATUS_UNKNOWN: the word as written */
	char *stage;		/* where the verdict was reached: startup,
				 * test, scan, ... */
	char *reason;		/* why, in words; "" for a pass */
	char *message;		/* what the test itself said when it failed:
				 * a cocotb test's exception, "AssertionError:
				 * x is not 4" (may hold newlines), or NULL */
	struct strlist traceback;	/* and where: its traceback, a line
					 * an item, or empty */
	long long start_epoch_ms, duration_ms;
	long long leftovers_killed;	/* processes killed after the run */
	long long cpu_ms;	/* CPU time (user + system) of the whole
				 * process tree; 0: not measured */
	long long max_rss_kb;	/* the peak resident set size of its
				 * largest process (not a sum); 0: not
				 * measured */
	char *host;		/* the host it ran on (executor = slurm: the
				 * node's), or NULL when not known */

	/* a test's */
	char *design, *sim;	/* its design and simulator executable */
	char *expect;		/* "fail" when expect = fail */
	char *seed;		/* as the spec gave it */
	char *spec_hash;	/* the spec but its patterns, hashed */
	char *inputs_hash;	/* and its edge's inputs, when its run began
				 * (run/plan.h), or NULL */
	char *rundir;
	char *port;		/* the injected port, "" before it had one */
	struct ending sim_end, test_end;
	enum status pre_scan;	/* the status before the log scan, or
				 * STATUS_UNKNOWN without a word: none */
	char *pre_scan_word;	/* STATUS_UNKNOWN: the word as written */
	char *pre_scan_reason, *pre_scan_stage;
	struct hit fail_match, skip_match;
	long long warning_lines;	/* lines a warning pattern matched */
	struct hits warnings;	/* the first match of each warning pattern */
	char *missing_pattern;	/* a pass pattern that never matched */
	char *scan_error;	/* why the scan could not finish */
	char *uvm_warnings, *uvm_errors, *uvm_fatals;	/* the counts of
				 * the UVM report summary in the logs (the
				 * last one), or NULL: none was seen */
	struct strlist properties;	/* "KEY=VALUE" the test recorded */
	char *properties_cut;	/* when the test wrote more than the
				 * launcher keeps: what was kept, or NULL */
	struct strlist tails[TAIL_N];	/* last lines of each log */
	long long attempts;	/* with retries or repeats: how many ran;
				 * the earlier ones are in DIR/attempt.K/ */
	struct strlist resources;	/* "NAME SLOT..." it held */
	char *fixture;		/* a fixture whose setup failed */
	char *fixture_log;	/* its setup's log, relative to builddir */
	struct strlist fixture_log_tail;
	char *compile_log;	/* its design's failed compile: the log */
	char *compile_log_line;	/* and the line of the first error */
	struct strlist compile_log_tail;
	char *coverage;		/* the coverage data its run wrote
				 * (absolute), or NULL */
	char *waves;		/* a waves run's waveform (relative to the
				 * builddir), when it wrote one */

	/* a compile's (log: a test's too, when the log to open is not in
	 * its run directory: the srun.log of a Slurm step that left no
	 * result) */
	struct strlist designs;	/* the designs it builds */
	char *log;		/* relative to the builddir */
	long long log_line;	/* the first error, or 0 */
	char *output;		/* what it produces */
	char *command;
	struct ending end;	/* how the command ended */
	struct strlist log_tail;

	struct other other;	/* keys this version does not know */
};

/* The key of a tail in a result file: "sim_err_tail", ... */
extern const char *const tail_keys[TAIL_N];
/* The log a tail is of: "sim.err", ... (a name of scan.h's stream_files). */
const char *tail_log(enum tail t);

/* An empty result: no status yet, no pre_scan. */
void result_init(struct result *r);
/* Forget a test's verdict and what its scan found (status, stage, reason,
 * the matches, the warnings, the missing pattern, the scan's error, the
 * UVM summary's counts), with
 * any text kept for them, and every repeat of a known key: what
 * --scan-only sets again before it writes r back. */
void result_clear_verdict(struct result *r);
/* The file text of r (RESULT_MAGIC first), appended to b. */
void result_encode(struct buf *b, const struct result *r,
	enum result_kind kind);
/* Read r from a parsed file: r's strings point into f, which must
 * outlive it. A file without a status word decodes as STATUS_UNKNOWN with
 * status_word NULL. */
void result_decode(struct result *r, const struct kvfile *f,
	enum result_kind kind);
/* Read the result file at path into r and f (f owns the text). Returns
 * 0, or -1 with errno set (EINVAL: not a result file). */
int result_read(struct result *r, struct kvfile *f, const char *path,
	enum result_kind kind);
/* Free what result_decode allocated in r (not f's text). */
void result_free(struct result *r, enum result_kind kind);
/* Call fn for each field r holds, as the file has them, typed. */
void result_walk(const struct result *r, enum result_kind kind,
	void (*fn)(void *ctx, const char *key, const struct fval *v),
	void *ctx);

#endif
