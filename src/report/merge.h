/* merge.h - several build directories reported as one: `cosimgen report
 * --merge OUTDIR BUILDDIR...`, for a suite whose shards (cosimgen run
 * --shard I/N) ran in N build directories, on N machines of a CI. Each
 * build directory is read as its own report would read it
 * (builddir.h); the merged report borrows their tests, compiles and
 * cleanups, one of each, and is written into OUTDIR. Its entries keep
 * the build directory they came from (home, href), so that their logs
 * and repro scripts are found there. */
#ifndef COSIM_MERGE_H
#define COSIM_MERGE_H

#include "results.h"

/* The reports of the build directories merged, which own what the
 * merged report borrows. */
struct merge {
	struct report *parts;
	char **lists;		/* the text of each one's test list */
	char **hrefs;		/* each one relative to OUTDIR, "" or "DIR/" */
	size_t n;		/* loaded */
};

/* Load into rp the report of builddirs[0..n), to be written in outdir,
 * from the parts it loads into m. Returns 0; 1 after saying why when a
 * build directory has no test list. */
int merge_load(struct report *rp, struct merge *m, const char *outdir,
	char *const *builddirs, size_t n);
/* Free rp's own arrays and the parts of m, whatever merge_load did. */
void merge_free(struct report *rp, struct merge *m);

#endif
