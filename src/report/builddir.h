/* builddir.h - one build directory read into a struct report: its test
 * list and every test's result (results.c), its compiles and their
 * verdicts on the tests (compiles.c), the earlier attempts (attempts.c)
 * and the fixture cleanups (fixtures.c); and all of it freed. A report
 * reads its own build directory; a merged one (merge.h) each of those
 * it merges. */
#ifndef COSIM_BUILDDIR_H
#define COSIM_BUILDDIR_H

#include "results.h"

/* Load rp from builddir, keeping the text of its test list in *list.
 * What "ran this time" is measured from the previous report written in
 * outdir (the time of its results.json): builddir itself, but for a
 * merged report. Returns 0; 1 after saying why when builddir has no
 * test list. */
int builddir_load(struct report *rp, const char *builddir,
	const char *outdir, char **list);
/* Free what builddir_load allocated in rp, and list. */
void builddir_free(struct report *rp, char *list);
/* The time of the results.json in outdir (the previous report), in ms
 * since the epoch; 0 when there is none. */
long long builddir_prev_ms(const char *outdir);
/* Now, in ms since the epoch, from the clock of the results' times. */
long long builddir_now_ms(void);

#endif
