/* datafiles.h - the model's side of `files =` (see datafiles.c). */
#ifndef COSIM_DATAFILES_H
#define COSIM_DATAFILES_H

#include "manifest.h"
#include "model.h"
#include "resolve.h"

/* Check a files = value once, where it is written. */
void files_check(struct ctx *c, const struct mvalue *v);
/* Set t->spec.files and add the files among them to t->depends. */
void files_resolve(struct ctx *c, struct test *t);

#endif
