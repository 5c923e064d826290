/* resolve.h - the defaults chain and path resolution: a value is the first
 * one set along test -> design -> [cosimgen] -> the key's built-in default,
 * and a path written in a manifest file is relative to that file; the model
 * keeps it relative to the output directory. */
#ifndef COSIM_RESOLVE_H
#define COSIM_RESOLVE_H

#include <stdint.h>
#include "fields.h"
#include "keys.h"
#include "manifest.h"
#include "spec.h"
#include "strmap.h"

struct model;

/* What the model's builders share while a manifest becomes a model. */
struct ctx {
	struct model *mo;
	const struct manifest *m;
	const char *outdir;	/* absolute */
	char **dirs;		/* absolute directory of each manifest file */
	/* lookups while the model is built (their keys are the model's) */
	struct strmap designs;	/* design by name */
	struct strmap recipes;	/* recipe by hash */
	struct strmap labels;	/* every label of the model, to itself */
	int coverage;		/* cosimgen --coverage (1), --no-coverage
				 * (0), or -1: [cosimgen]'s coverage */
};

/* What resolve_check_exists accepts. */
enum { EXIST_FILE, EXIST_DIR, EXIST_ANY };

/* Absolute directory of a manifest file. */
const char *resolve_file_dir(struct ctx *c, const char *file);
/* A path written in file, made relative to the output directory. */
char *resolve_path(struct ctx *c, const char *file, const char *p);
/* v's path relative to the output directory, or deflt's written in the
 * main manifest when v is NULL. */
char *resolve_path_or(struct ctx *c, const struct mvalue *v,
	const char *deflt);
/* The first value set along test -> design -> [cosimgen], or NULL. */
const struct mvalue *resolve_lookup(const struct msection *t,
	const struct msection *d, const struct msection *g, enum keyid k);
/* The value's text, or the key's built-in default. */
const char *resolve_value(const struct mvalue *v, enum keyid k);
/* A list value split into items (an empty list for none). */
char **resolve_list(const struct mvalue *v);
/* The same as a struct strlist, its v NULL-terminated as well. */
struct strlist resolve_strlist(const struct mvalue *v);
/* A design's simulator along design -> [cosimgen] -> built-in; SIM_NONE
 * for a value that names none (check.c reports it). */
enum sim resolve_sim(const struct msection *d, const struct msection *g);
/* A number key's value along the chain, or its default (0 for none):
 * an integer, a duration in ms, a size in bytes, memory in MiB, or a
 * boolean as 0 or 1, as the key's type says. */
int64_t resolve_num(const struct msection *t, const struct msection *d,
	const struct msection *g, enum keyid k);
/* Report listed paths that do not exist or are not of the kind wanted. */
void resolve_check_exists(struct ctx *c, const struct mvalue *v, int kind);

#endif
