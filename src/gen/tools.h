/* tools.h - what the suite is run with, for the report's provenance
 * (report/provenance.h): the simulators its designs use, the version of
 * the cocotb they are built for (the generator has asked it), and the
 * manifest's directory, whose git revision the report asks. Written to
 * BUILDDIR/tools, an input of no edge. */
#ifndef COSIM_GEN_TOOLS_H
#define COSIM_GEN_TOOLS_H

#include "model.h"

/* Write BUILDDIR/tools (relative to the current directory) for mo, whose
 * main manifest is in srcdir (absolute), when its text changed. Dies on
 * I/O errors. */
void tools_write(const struct model *mo, const char *srcdir);

#endif
