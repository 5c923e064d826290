/* outcome.h - what a run of cosim-run leaves: its result file (the
 * struct result of result.h, encoded by its codec) and its repro script.
 * The result is written by this process, atomically, whatever the
 * children did; the one before stays as result.prev. This is the writer
 * only: the verdict it writes is made by verdict.h. */
#ifndef COSIM_OUTCOME_H
#define COSIM_OUTCOME_H

#include "run.h"

/* Write <dir>/result from r (set aside before the run, the one before is
 * result.prev); when the disk has no room for it, a short result with
 * status error says so. */
void outcome_write(struct run *r);
/* Write <dir>/repro.sh for the run that ends now, with env as cosim-run's
 * own environment; a failure is only told. */
void outcome_write_repro(const struct run *r, char **env);
/* Print the line a run prints: status, name, time, reason. After an
 * attempt that another follows (again), its time and number; else the
 * time since the first attempt began, how many ran, and the suite run's
 * tally (progress.h). */
void outcome_print(const struct run *r, int again);
/* How child c ended, as a result says it (nothing until it is reaped). */
void outcome_ending(struct ending *e, const struct child *c);
/* The host a result names (the one it is written on), or NULL when
 * this machine has no name. */
char *outcome_host(void);
/* What the processes reaped since the run began used (proc.h), into
 * r's cpu_ms and max_rss_kb. */
void outcome_usage(struct result *r);
/* Append the last lines of the file at path to l (allocated copies). */
void outcome_tail(struct strlist *l, const char *path, int lines);
/* Replace dir's result with b, keeping the old one as result.prev. */
void outcome_put(const char *dir, const struct buf *b);
/* What the scan found, into out's scan fields (warnings.v and the UVM
 * summary's counts allocated). */
void outcome_scan_fields(struct result *out, const struct run *r);
/* The result of a rescan into b: old, changed in place, with r's verdict
 * and scan findings instead of its own. */
void outcome_rescanned(struct buf *b, const struct run *r,
	struct result *old);

#endif
