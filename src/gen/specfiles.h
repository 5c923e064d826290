/* specfiles.h - writing what the launcher and the report read beside the
 * graph: each test's spec, the test list, the compile specs, the compile
 * list and the fixture specs, under the builddir. */
#ifndef COSIM_SPECFILES_H
#define COSIM_SPECFILES_H

#include <stddef.h>
#include "model.h"

/* Write path (atomically) when always or when its content differs;
 * returns 1 when it was written. Dies on I/O errors. */
int specfiles_put(const char *path, const char *data, size_t len,
	int always);
/* Write every spec file and list of mo where its text changed, relative
 * to the current directory (the output's). Dies on I/O errors. */
void specfiles_write(const struct model *mo);

#endif
