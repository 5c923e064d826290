/* resolve.c - see resolve.h. */
#include "resolve.h"
#include "path.h"
#include "diag.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

const char *
resolve_file_dir(struct ctx *c, const char *file)
{
	size_t i;

	for (i = 0; i < c->m->nfiles; i++)
		if (strcmp(c->m->files[i], file) == 0)
			return c->dirs[i];
	return c->outdir;
}

char *
resolve_path(struct ctx *c, const char *file, const char *p)
{
	char *abs, *r;

	if (p[0] == '/')
		return path_normalize(p);
	abs = path_join(resolve_file_dir(c, file), p);
	r = path_relative(c->outdir, abs);
	free(abs);
	return r;
}

char *
resolve_path_or(struct ctx *c, const struct mvalue *v, const char *deflt)
{
	if (v)
		return resolve_path(c, v->file, v->raw);
	return resolve_path(c, c->m->path, deflt);
}

const struct mvalue *
resolve_lookup(const struct msection *t, const struct msection *d,
	const struct msection *g, enum keyid k)
{
	if (t && t->v[k].raw)
		return &t->v[k];
	if (d && d->v[k].raw)
		return &d->v[k];
	if (g && g->v[k].raw)
		return &g->v[k];
	return NULL;
}

const char *
resolve_value(const struct mvalue *v, enum keyid k)
{
	return v ? v->raw : keys[k].deflt;
}

char **
resolve_list(const struct mvalue *v)
{
	char **items = NULL;

	if (!v || !v->raw || list_split(v->raw, &items) < 0)
		list_split("", &items);
	return items;
}

enum sim
resolve_sim(const struct msection *d, const struct msection *g)
{
	const char *w = resolve_value(resolve_lookup(d, NULL, g, K_SIMULATOR),
	    K_SIMULATOR);
	int s;

	for (s = 0; s < SIM_N; s++)
		if (strcmp(w, sim_name(s)) == 0)
			return s;
	return SIM_NONE;
}

struct strlist
resolve_strlist(const struct mvalue *v)
{
	struct strlist l;

	l.v = resolve_list(v);
	for (l.n = 0; l.v[l.n]; l.n++)
		;
	return l;
}

/* The text along the chain (NULL for none), for the typed getters below;
 * every written value passed pass 1 (check.c), so parsing succeeds. */
static const char *
chain_text(const struct msection *t, const struct msection *d,
	const struct msection *g, enum keyid k)
{
	return resolve_value(resolve_lookup(t, d, g, k), k);
}

int64_t
resolve_num(const struct msection *t, const struct msection *d,
	const struct msection *g, enum keyid k)
{
	const char *s = chain_text(t, d, g, k);
	int64_t v = 0;
	int b = 0;

	if (!s)
		return 0;
	switch (keys[k].type) {
	case KT_INT:
		parse_int(s, keys[k].min, keys[k].max, &v);
		return v;
	case KT_DURATION:
		parse_duration(s, &v);
		return v;
	case KT_SIZE:
		parse_size(s, &v);
		return v;
	case KT_MEMORY:
		parse_memory(s, &v);
		return v;
	case KT_BOOL:
		parse_bool(s, &b);
		return b;
	default:
		return 0;
	}
}

/* Listed paths are named in messages as they were written. */
void
resolve_check_exists(struct ctx *c, const struct mvalue *v, int kind)
{
	static const char *const what[] = {"file", "directory",
		"file or directory"};
	char **items = resolve_list(v), **p;
	struct stat st;

	for (p = items; *p; p++) {
		char *abs = (*p)[0] == '/' ? xstrdup(*p) :
		    path_join(resolve_file_dir(c, v->file), *p);

		if (stat(abs, &st) != 0)
			diag_error(v->file, v->line, "%s '%s' not found (paths "
			    "are relative to the file they are written in)",
			    what[kind], *p);
		else if (kind == EXIST_DIR && !S_ISDIR(st.st_mode))
			diag_error(v->file, v->line, "'%s' is not a directory",
			    *p);
		else if (kind == EXIST_FILE && S_ISDIR(st.st_mode))
			diag_error(v->file, v->line, "'%s' is a directory, not "
			    "a file", *p);
		free(abs);
	}
	list_free(items);
}
