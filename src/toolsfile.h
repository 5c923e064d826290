/* toolsfile.h - the two files of a run's provenance (report/provenance.h),
 * kvfiles (kvfile.h) both:
 *
 * BUILDDIR/tools, which cosimgen writes (gen/tools.h) and the report
 * reads: magic TOOLS_MAGIC, a "tool PROGRAM" line per simulator program
 * the designs use (verilator, iverilog, ghdl), "cocotb VERSION" when a
 * design is built for cocotb, and "srcdir DIR", the manifest's directory.
 *
 * BUILDDIR/versions, which the report keeps: magic VERSIONS_MAGIC, three
 * lines a program: "path PATH", "stamp SIZE MTIME_NS" (as stat saw the
 * file) and "version VERSION" (empty when it could not tell). */
#ifndef COSIM_TOOLSFILE_H
#define COSIM_TOOLSFILE_H

#include <stddef.h>

#include "kvfile.h"
#include "util.h"

#define TOOLS_MAGIC "cosim-tools 1"
#define VERSIONS_MAGIC "cosim-versions 1"

/* What BUILDDIR/tools says; the strings point into kv. */
struct toolsfile {
	const char **progs;	/* NULL-terminated */
	size_t nprogs;
	const char *cocotb;	/* or NULL */
	const char *srcdir;	/* or NULL */
	struct kvfile kv;
};

/* A program's version as BUILDDIR/versions remembers it. */
struct known_version {
	const char *path;
	long long size, mtime_ns;	/* size -1: unknown */
	const char *version;
};

/* What BUILDDIR/versions says; the strings point into kv. */
struct versionsfile {
	struct known_version *v;
	size_t n;
	struct kvfile kv;
};

/* Append the text of BUILDDIR/tools: the n programs, cocotb's version
 * (or NULL) and the manifest's directory. */
void toolsfile_encode(struct buf *b, const char *const *progs, size_t n,
	const char *cocotb, const char *srcdir);
/* Read BUILDDIR/tools at path into t; 0, or -1 with errno set. */
int toolsfile_read(struct toolsfile *t, const char *path);
/* Free what toolsfile_read allocated. */
void toolsfile_free(struct toolsfile *t);

/* Start the text of BUILDDIR/versions. */
void versionsfile_begin(struct buf *b);
/* Append the entry of one program. */
void versionsfile_put(struct buf *b, const struct known_version *k);
/* Read BUILDDIR/versions at path into vs (nothing when it is missing or
 * damaged). */
void versionsfile_read(struct versionsfile *vs, const char *path);
/* Free what versionsfile_read allocated. */
void versionsfile_free(struct versionsfile *vs);

#endif
