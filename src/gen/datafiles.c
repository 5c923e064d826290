/* datafiles.c - the model's side of `files =` (see links.h): the listed
 * paths exist, each takes a name in the run directory that no other entry
 * and no file of cosim-run's own takes, and the files among them are
 * inputs of the test's run edge. A directory is linked but is no input:
 * ninja cannot see a change inside it. */
#include "datafiles.h"
#include "path.h"
#include "diag.h"
#include "links.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* Check a files = value once, where it is written. */
void
files_check(struct ctx *c, const struct mvalue *v)
{
	char **items = resolve_list(v), **names, **p;
	size_t n = 0, i;

	resolve_check_exists(c, v, EXIST_ANY);
	for (p = items; *p; p++)
		n++;
	names = xcalloc(n + 1, sizeof *names);
	for (i = 0; i < n; i++) {
		char *abs = path_join(resolve_file_dir(c, v->file), items[i]);
		const char *name = link_name(abs);
		size_t j;

		names[i] = xstrdup(name);
		if (!*name || !strcmp(name, ".."))
			diag_error(v->file, v->line, "'%s' in 'files' has no name "
			    "to link it under", items[i]);
		else if (link_reserved(name))
			diag_error(v->file, v->line, "'%s' in 'files' would be "
			    "linked as '%s', a file cosim-run writes in the run "
			    "directory itself; rename it", items[i], name);
		for (j = 0; j < i; j++)
			if (strcmp(names[j], name) == 0) {
				diag_error(v->file, v->line, "'%s' and '%s' in "
				    "'files' would both be linked as '%s' in the "
				    "run directory", items[j], items[i], name);
				break;
			}
		free(abs);
	}
	list_free(names);
	list_free(items);
}

/* The test's files, relative to the output directory; the regular files
 * among them are added to its extra inputs (t->depends). */
void
files_resolve(struct ctx *c, struct test *t)
{
	const struct msection *ds = t->design ? t->design->sec : NULL;
	const struct mvalue *v = resolve_lookup(t->sec, ds, &c->m->global, K_FILES);
	char **p;
	size_t n = 0;
	struct stat st;

	t->spec.files = resolve_strlist(v);
	while (t->depends[n])
		n++;
	for (p = t->spec.files.v; *p; p++) {
		char *q = resolve_path(c, v->file, *p);
		char *abs = path_join(c->outdir, q);
		size_t i;

		free(*p);
		*p = q;
		for (i = 0; i < n && strcmp(t->depends[i], q) != 0; i++)
			;	/* once, also when depends lists it */
		if (i == n && stat(abs, &st) == 0 && !S_ISDIR(st.st_mode)) {
			t->depends = xrealloc(t->depends, (n + 2) *
			    sizeof *t->depends);
			t->depends[n++] = xstrdup(q);
			t->depends[n] = NULL;
		}
		free(abs);
	}
}
