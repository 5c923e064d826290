/* recipe.h - compile recipes (see recipe.c and model.h). */
#ifndef COSIM_RECIPE_H
#define COSIM_RECIPE_H

#include "model.h"
#include "resolve.h"

/* The compile recipe of a design: an existing one when the recipe is
 * the same, else a new one added to the model. */
struct recipe *recipe_make(struct ctx *c, struct design *d);
/* Render every compile spec and the compile list, once all designs are
 * known. */
void recipe_specs(struct ctx *c);

#endif
