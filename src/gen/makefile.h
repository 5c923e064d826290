/* makefile.h - write a model as a GNU make fragment. */
#ifndef COSIM_MAKEFILE_H
#define COSIM_MAKEFILE_H

#include "manifest.h"
#include "model.h"

/* Record an error for every path of m and mo that a make file cannot
 * express, and, when there are no errors, warn of what make cannot enforce
 * (it has no pools). Call it before makefile_write. */
void makefile_check(const struct manifest *m, const struct model *mo);
/* Append the make fragment for mo to out. */
void makefile_write(struct buf *out, const struct model *mo,
	const struct genopts *o);

#endif
