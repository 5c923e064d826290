/* model-int.h - what model.c and recipe.c share, for the model only. */
#ifndef COSIM_MODEL_INT_H
#define COSIM_MODEL_INT_H

#include "model.h"

struct ctx {
	struct model *mo;
	const struct manifest *m;
	const char *outdir;	/* absolute */
	char **dirs;		/* absolute directory of each manifest file */
};

/* Absolute directory of a manifest file. */
const char *file_dir_abs(struct ctx *c, const char *file);
/* A path written in file, made relative to the output directory. */
char *rel_path(struct ctx *c, const char *file, const char *p);
/* The first value set along test -> design -> [cosimgen], or NULL. */
const struct mvalue *lookup(const struct msection *t,
	const struct msection *d, const struct msection *g, enum keyid k);
/* The value's text, or the key's built-in default. */
const char *value_or_default(const struct mvalue *v, enum keyid k);
/* A list value split into items (an empty list for none). */
char **get_list(const struct mvalue *v);
/* A duration key's value in ms along design -> [cosimgen], or its default. */
int64_t get_ms(const struct msection *t, const struct msection *d,
	const struct msection *g, enum keyid k);
/* What check_exists accepts. */
enum { EXIST_FILE, EXIST_DIR, EXIST_ANY };
/* Report listed paths that do not exist or are not of the kind wanted. */
void check_exists(struct ctx *c, const struct mvalue *v, int kind);
/* Check a files = value where it is written (datafiles.c). */
void files_check(struct ctx *c, const struct mvalue *v);
/* Set t->files and add the files among them to t->depends. */
void files_resolve(struct ctx *c, struct test *t);
/* The compile recipe of a design: an existing one when the recipe is
 * the same, else a new one added to the model (recipe.c). */
struct recipe *recipe_make(struct ctx *c, struct design *d);
/* Render every compile spec and the compile list, once all designs are
 * known (recipe.c). */
void recipe_specs(struct ctx *c);

#endif
