/* recipe.h - compile recipes (see recipe.c and model.h). */
#ifndef COSIM_RECIPE_H
#define COSIM_RECIPE_H

#include "model.h"
#include "resolve.h"

/* The compile recipe of a design: an existing one when the recipe is
 * the same, else a new one added to the model. */
struct recipe *recipe_make(struct ctx *c, struct design *d);
/* The recipe of d's variant with these VARIANT_ bits (model.h), added
 * to the model's variants when it has VARIANT_WAVES (built only on
 * demand), else to its recipes; shared by designs with the same recipe,
 * as recipe_make's. A design with coverage has it in every variant. */
struct recipe *recipe_variant(struct ctx *c, struct design *d,
    unsigned variant);
/* Label each recipe with the names of the designs it builds, once all
 * designs are known (joining them one by one would be quadratic). */
void recipe_labels(struct ctx *c);
/* Render every compile spec and the compile list, once all designs are
 * known. */
void recipe_specs(struct ctx *c);

#endif
