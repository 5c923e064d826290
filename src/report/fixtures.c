/* fixtures.c - see fixtures.h. The launcher writes a cleanup's result in
 * the shape of a compile's (name, status, reason, log, times, command,
 * how it ended), and the report keeps it as one (struct compile). The
 * fixture directories are listed, not taken from the manifest: a cleanup
 * result says how the last cleanup went, whichever run of the graph ran
 * it. */
#include "fixtures.h"
#include "compiles.h"
#include "layout.h"
#include "util.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>

/* Read the cleanup result of fixture name into c; 0 when it holds a
 * status. */
static int
load_one(const struct report *rp, struct compile *c, const char *name)
{
	char *dir = layout_fixture(rp->builddir, name);
	char *path = layout_in(dir, DIR_CLEANUP_RESULT);
	int rc;

	memset(c, 0, sizeof *c);
	if ((rc = compiles_read(rp, c, path)) == 0) {
		c->id = layout_fixture(NULL, name);
		c->label = xstrdup(name);
	}
	free(path);
	free(dir);
	return rc;
}

void
fixtures_load(struct report *rp)
{
	char *top = layout_top(rp->builddir, TOP_FIXTURES);
	struct dirent **names;
	int n, i;

	n = scandir(top, &names, NULL, alphasort);
	free(top);
	if (n < 0)
		return;	/* no fixture has run */
	rp->cl = xcalloc((size_t)n + 1, sizeof *rp->cl);
	for (i = 0; i < n; i++) {
		const char *name = names[i]->d_name;

		if (name[0] != '.' &&
		    load_one(rp, &rp->cl[rp->ncl], name) == 0)
			rp->ncl++;
		free(names[i]);
	}
	free(names);
}

void
fixtures_free(struct report *rp)
{
	compiles_free_list(rp->cl, rp->ncl);
}
