/* rescan.c - see rescan.h. */
#include "rescan.h"
#include "lastrun.h"
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
 * scan's findings are replaced, and the stamp follows the new verdict. */
int
rescan_run(struct run *r)
{
	struct kvfile old;
	struct buf b = {0};
	struct timeouts lim;
	struct buf why = {0};
	char *path = xasprintf("%s/result", r->dir);
	const char *v;
	char hash[17];

	/* The result to rescan is set aside first, as a run does, so that
	 * the new one goes in beside it; cosimgen has already set it aside
	 * when the patterns (the spec) changed. */
	if (lastrun_set_aside(r->dir) != 0)
		fatal(errno, "cannot move %s aside", path);
	if (access(path, F_OK) != 0 && lastrun_state(r->dir) != LR_FINISHED)
		fatal(0, "%s has no finished run to rescan", r->name);
	path = xasprintf("%s/result.prev", r->dir);
	if (kv_read(&old, path, RESULT_MAGIC) != 0)
		fatal(errno, "cannot read %s (has the test run?)", path);
	r->stamp = xasprintf("%s/stamp", r->dir);
	/* the run must be one of this test as it is now, but its patterns:
	 * a result of another command, simulator or timeout says nothing */
	outcome_spec_hash(&r->spec, hash);
	if (!(v = kv_get(&old, "spec_hash")) || strcmp(v, hash) != 0) {
		stamp_set(r->stamp, 0);
		fatal(0, "%s: the test changed since its last run (not only "
		    "its patterns): run it", r->name);
	}
	/* an unusable multiplier was told by the run: unscaled here */
	timeouts_read(&lim, &r->spec, &why);
	r->scan_limit = lim.scan;
	verdict_rescan(r, &old);
	outcome_rescanned(&b, r, &old);
	if (lastrun_put(r->dir, b.s, b.len) != 0)
		fatal(errno, "cannot write the result in %s", r->dir);
	stamp_set(r->stamp, verdict_is_pass(r));
	if (verdict_is_pass(r))
		stamp_tell_ninja(r->stamp, kv_need(&r->spec, "builddir"),
		    r->name);
	printf("%-7s %s%s%s\n", r->status, r->name, r->reason.len ? ": " : "",
	    r->reason.len ? r->reason.s : "");
	return verdict_is_pass(r) ? 0 : 1;
}
