/* links.h - the files a test sees in its run directory: what `files =`
 * lists, linked under its last path component (cosimgen checks the names,
 * cosim-run makes the links).
 *
 * A simulation runs in a fresh, empty directory, so relative paths in a
 * testbench ($readmemh("data.hex"), $fopen) name files there. Symbolic
 * links by absolute path make the listed files and directories visible
 * without a copy; the run directory stays private to the test. */
#ifndef COSIM_LINKS_H
#define COSIM_LINKS_H

#include "fields.h"

/* The name path gets in the run directory: its last component, as a
 * pointer into path (an absolute, normalised path); "" for "/". */
const char *link_name(const char *path);
/* Whether cosim-run writes a file of that name in the run directory
 * itself (the logs, the properties, cosim.cfg), so a link cannot take it. */
int link_reserved(const char *name);
/* Link every file of files (a spec's, paths relative to the current
 * directory) into rundir; a file that no longer exists is fatal. */
void links_make(const struct strlist *files, const char *rundir);

#endif
