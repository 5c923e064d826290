/* manifest.h - the INI front end: files -> sections of raw, located values.
 *
 * Reading goes through inih's ini_parse_stream() with a reader of our own.
 * The reader counts lines (inih's handler gets none), mirrors inih's line
 * classification so that it knows section headers (inih 55 never reports a
 * section with no keys), continuation lines (which inih passes as a repeated
 * key) and syntax errors (inih reports only the first), and turns a line too
 * long for inih's buffer into a clear error instead of a silent cut. Only
 * lexical checks happen here; the meaning of values is checked in check.c
 * and build.c. */
#ifndef COSIM_MANIFEST_H
#define COSIM_MANIFEST_H

#include <stddef.h>
#include "keys.h"

struct mvalue {
	char *raw;		/* NULL when not set */
	const char *file;	/* where it was written */
	int line;
};

struct msection {
	enum skind kind;
	char *name;		/* NULL for [cosimgen] */
	const char *base;	/* made by a seed or a sweep (expand.h): the
				 * written section's name; else NULL */
	const char *file;
	int line;
	int damaged;		/* holds a line that could not be read: no
				 * "missing key" errors, they would be noise */
	struct mvalue v[K_NKEYS];
};

struct manifest {
	const char *path;		/* the main manifest, as given */
	char **files;			/* every file read, main first */
	size_t nfiles;
	struct msection global;		/* all [cosimgen] sections merged */
	struct msection **sections;	/* designs, tests, resources in order;
					 * after model_build, with seeds and
					 * sweeps expanded (expand.h) */
	size_t nsections;
	struct msection **written;	/* after model_build, the sections as
					 * written, which the expanded ones
					 * share their values with */
	size_t nwritten;
	struct msection **index;	/* hash of (kind, name), for duplicates */
	size_t index_cap;
};

/* Read path and the files it includes. Problems are recorded with diag_*;
 * the caller checks diag_errors(). */
void manifest_load(struct manifest *m, const char *path);
/* A name of a test, design, resource, fixture or label: [A-Za-z0-9_.-]+, not . or
 * .. (names become directory and target names). */
int manifest_name_ok(const char *s);

#endif
