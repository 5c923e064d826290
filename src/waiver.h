/* waiver.h - waived failures: what the [waiver:NAME] sections of a
 * manifest say, as cosimgen writes them to BUILDDIR/waivers for cosimgen
 * report, and the one test of whether a waiver covers a failure.
 *
 * A waiver names a failure signature as the report prints it
 * (signature.h), a reason, the last day it holds (YYYY-MM-DD, local
 * time) and, optionally, a pattern of the test names it covers. Its
 * signature matches a test's when the two are equal, or else, when it
 * holds '*', '?' or '[', when it matches as a shell pattern (fnmatch):
 * a signature may hold '[' of its own, so equality is tried first.
 *
 * The file is a kvfile (kvfile.h) of magic WAIVERS_MAGIC: each waiver is
 * a "waiver NAME" line, then its "signature", "reason", "expires" and,
 * when given, "tests" lines, in the order the manifest has them:
 *
 *   cosim-waivers 1
 *   waiver fifo_overflow
 *   signature fifo.sv:<n>: overflow at <n>
 *   reason the FIFO fix lands next week
 *   expires 2026-12-31
 *   tests fifo_*
 */
#ifndef COSIM_WAIVER_H
#define COSIM_WAIVER_H

#include <stddef.h>
#include <time.h>

#include "kvfile.h"
#include "util.h"

#define WAIVERS_MAGIC "cosim-waivers 1"

struct waiver {
	const char *name;
	const char *signature;	/* exact, or a shell pattern */
	const char *reason;
	const char *expires;	/* "YYYY-MM-DD": the last day it holds */
	const char *tests;	/* a test name pattern, or NULL: all */
};

/* The waivers of a build directory. */
struct waivers {
	struct waiver *w;
	size_t n;
	struct kvfile kv;	/* the file: the strings point into it */
};

/* Whether s is a date YYYY-MM-DD of the calendar. */
int waiver_date_ok(const char *s);
/* Append the text of the file for the n waivers w. */
void waivers_encode(struct buf *b, const struct waiver *w, size_t n);
/* Read the file at path into ws; a missing file is no waivers. Returns
 * 0, or -1 with errno set (EINVAL: not a waivers file). */
int waivers_read(struct waivers *ws, const char *path);
/* Free what waivers_read allocated. */
void waivers_free(struct waivers *ws);
/* Whether w has expired at now: its day, local time, is past. */
int waiver_expired(const struct waiver *w, time_t now);
/* Whether w covers the test called test that failed with signature
 * (expired or not). */
int waiver_covers(const struct waiver *w, const char *test,
	const char *signature);
/* The first waiver of ws that covers test and signature and has not
 * expired at now, or NULL. */
const struct waiver *waivers_find(const struct waivers *ws, const char *test,
	const char *signature, time_t now);

#endif
