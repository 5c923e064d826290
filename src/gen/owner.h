/* owner.h - which graph a build directory belongs to.
 *
 * The spec files in a builddir hold paths relative to the directory of the
 * graph that wrote them, so a graph written elsewhere from the same
 * manifest would rewrite them and break the first. <builddir>/graph
 * records the graph that owns the builddir: the path from the builddir to
 * the graph's directory (relative, so a moved tree keeps it), then the
 * graph's file name. Graphs in the same directory (a ninja file and a make
 * fragment) share it, as their specs are the same. */
#ifndef COSIM_OWNER_H
#define COSIM_OWNER_H

#include "manifest.h"

/* Record an error (at where, else in manifest) when builddir, absolute,
 * belongs to a graph in another directory than graphdir (absolute) that
 * still exists. */
void owner_check(const char *builddir, const char *graphdir,
	const struct mvalue *where, const char *manifest);
/* Claim builddir (as the graph names it, from graphdir, the current
 * directory) for graph, the graph's file name. Dies on I/O errors. */
void owner_write(const char *builddir, const char *graphdir,
	const char *graph);

#endif
