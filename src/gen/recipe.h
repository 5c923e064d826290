/* recipe.h - compile recipes (see recipe.c and model.h). */
#ifndef COSIM_RECIPE_H
#define COSIM_RECIPE_H

#include "model.h"
#include "resolve.h"

/* The compile recipe of a design: an existing one when the recipe is
 * the same, else a new one added to the model. */
struct recipe *recipe_make(struct ctx *c, struct design *d);
/* Label each recipe with the names of the designs it builds, once all
 * designs are known (joining them one by one would be quadratic). */
void recipe_labels(struct ctx *c);
/* Render every compile spec and the compile list, once all designs are
 * known. */
void recipe_specs(struct ctx *c);

#endif
