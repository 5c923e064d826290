/* Unit tests of ninjacall.c: the top variables `cosimgen run` reads from
 * a graph, with ninja's escapes and the shell's quotes undone, and what
 * it refuses. */
#include "file.h"
#include "gen/ninjacall.h"
#include "tap.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Read a graph of text from path into g; graph_read's return. */
static int
graph_of(struct graph *g, const char *path, const char *text)
{
	if (file_write_atomic(path, text, strlen(text)) != 0)
		return -2;
	memset(g, 0, sizeof *g);
	g->file = path;
	return graph_read(g);
}

int
main(void)
{
	char dir[] = "/tmp/cosim-ninjacall-XXXXXX";
	struct graph g;
	char *path;
	int rc;

	if (!mkdtemp(dir))
		return 1;
	path = xasprintf("%s/build.ninja", dir);

	rc = graph_of(&g, path, "# a comment\nninja_required_version = 1.7\n"
	    "builddir = cosim-out\nq_builddir = cosim-out\n"
	    "q_history = cosim-out/history\n\nrule x\n  command = y\n");
	CHECK(rc == 0 && strcmp(g.builddir, "cosim-out") == 0 &&
	    strcmp(g.history, "cosim-out/history") == 0,
	    "graph: builddir and history read");
	free(g.builddir);
	free(g.history);

	rc = graph_of(&g, path, "builddir = build out/$$sim$:x\n"
	    "q_history = 'build out/$$sim/it'\\''s'\n");
	CHECK(rc == 0 && strcmp(g.builddir, "build out/$sim:x") == 0,
	    "graph: ninja's escapes undone: %s", g.builddir);
	CHECK(g.history && strcmp(g.history, "build out/$sim/it's") == 0,
	    "graph: the shell's quotes undone: %s", g.history);
	free(g.builddir);
	free(g.history);

	rc = graph_of(&g, path, "rule x\n  command = y\nbuilddir = late\n");
	CHECK(rc == -1, "graph: a builddir after the first rule is not a "
	    "top variable: refused");
	free(g.builddir);
	free(g.history);
	rc = graph_of(&g, path, "builddir = $other/out\n");
	CHECK(rc == -1, "graph: a builddir made of another variable is "
	    "refused");
	free(g.builddir);
	free(g.history);
	rc = graph_of(&g, path, "q_builddir = out\n");
	CHECK(rc == -1 && !g.history, "graph: no builddir is refused");
	free(g.builddir);

	unlink(path);
	g.file = path;
	CHECK(graph_read(&g) == -1, "graph: a missing file is refused");
	free(path);
	rmdir(dir);
	return tap_done();
}
