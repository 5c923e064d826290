/* outcome.h - what a run of cosim-run leaves: its result file (the
 * KEY VALUE lines of kvfile.h, under RESULT_MAGIC) and its repro script.
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
/* Append the last lines of the file at path as result lines under key. */
void outcome_tail(struct buf *b, const char *key, const char *path, int lines);
/* Replace the result file at path with b, keeping the old as .prev. */
void outcome_put(const char *path, const struct buf *b);
/* Append what the scan found, as result lines. */
void outcome_scan_fields(struct buf *b, const struct run *r);
/* The result of a rescan into b: old with r's verdict and scan findings
 * in place of its own. */
void outcome_rescanned(struct buf *b, const struct run *r,
    const struct kvfile *old);
/* A hash of the spec but its pattern keys, as hex: a result whose run
 * had another one is no run of this spec (--scan-only then refuses). */
void outcome_spec_hash(const struct kvfile *s, char out[17]);

#endif
