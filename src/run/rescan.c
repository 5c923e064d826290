/* rescan.c - see rescan.h. */
#include "rescan.h"
#include "attempts.h"
#include "lastrun.h"
#include "layout.h"
#include "outcome.h"
#include "stamp.h"
#include "timeouts.h"
#include "verdict.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* --scan-only: scan the saved logs again with the spec's patterns and
 * rewrite the verdict of the result: what the run recorded stays, the
 * scan's findings are replaced, and the stamp follows the new verdict.
 * Of a test that ran more than once, the last attempt is rescanned (the
 * logs in run/), and attempt.K/ stay as they are. */
int
rescan_run(struct run *r)
{
	/* the old result is read at the start and lives until exit: the
	 * run borrows its strings (util.h's memory policy) */
	static struct kvfile oldfile;
	static struct result old;
	struct buf b = {0};
	struct timeouts lim;
	struct buf why = {0};
	char *path = layout_in(r->dir, DIR_RESULT), *prev;
	char hash[17];

	/* The result to rescan is set aside first, as a run does, so that
	 * the new one goes in beside it; cosimgen has already set it aside
	 * when the patterns (the spec) changed. */
	if (lastrun_set_aside(r->dir) != 0)
		fatal(errno, "cannot move %s aside", path);
	if (access(path, F_OK) != 0 && lastrun_state(r->dir) != LR_FINISHED)
		fatal(0, "%s has no finished run to rescan", r->name);
	free(path);
	prev = layout_in(r->dir, DIR_RESULT_PREV);
	if (result_read(&old, &oldfile, prev, RESULT_TEST) != 0)
		fatal(errno, "cannot read %s (has the test run?)", prev);
	free(prev);
	r->stamp = layout_in(r->dir, DIR_STAMP);
	/* the run must be one of this test as it is now, but its patterns:
	 * a result of another command, simulator or timeout says nothing */
	spec_hash(&r->spec, hash);
	if (!old.spec_hash || strcmp(old.spec_hash, hash) != 0) {
		stamp_set(r->stamp, 0);
		fatal(0, "%s: the test changed since its last run (not only "
		    "its patterns): run it", r->name);
	}
	/* an unusable multiplier was told by the run: unscaled here */
	timeouts_read(&lim, &r->spec, &why);
	buf_free(&why);
	r->scan_limit = lim.scan;
	verdict_rescan(r, &old);
	/* the last attempt, rescanned: a pass after a failed one is flaky */
	attempts_flaky(r, old.attempts, r->spec.retries + 1);
	outcome_rescanned(&b, r, &old);
	if (lastrun_put(r->dir, b.s, b.len) != 0)
		fatal(errno, "cannot write the result in %s", r->dir);
	buf_free(&b);
	stamp_set(r->stamp, verdict_is_pass(r));
	if (verdict_is_pass(r))
		stamp_tell_ninja(r->stamp, r->spec.builddir ? r->spec.builddir :
		    ".", r->name);
	printf("%-7s %s%s%s\n", r->status == STATUS_UNKNOWN &&
	    old.status_word ? old.status_word : status_name(r->status), r->name,
	    r->reason.len ? ": " : "", r->reason.len ? r->reason.s : "");
	return verdict_is_pass(r) ? 0 : 1;
}
