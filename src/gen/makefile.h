/* makefile.h - write a model as a GNU make fragment. */
#ifndef COSIM_MAKEFILE_H
#define COSIM_MAKEFILE_H

#include "model.h"

/* Append the make fragment for mo to out. */
void makefile_write(struct buf *out, const struct model *mo,
	const struct genopts *o);

#endif
