/* ninja.h - write a model as a ninja file. */
#ifndef COSIM_NINJA_H
#define COSIM_NINJA_H

#include "model.h"

/* Append the ninja file for mo to out. */
void ninja_write(struct buf *out, const struct model *mo,
	const struct genopts *o);
/* Append the waves graph for mo (waves.h) to out. */
void ninja_write_waves(struct buf *out, const struct model *mo,
	const struct genopts *o);

#endif
