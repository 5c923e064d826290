/* owner.c - see owner.h. */
#include "owner.h"
#include "file.h"
#include "path.h"
#include "diag.h"
#include "layout.h"
#include "util.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The owner file of builddir (absolute), split in place into lines: the
 * graphs' directory, relative to builddir, then their file names. NULL
 * when there is none (or it is empty); *text is what to free. */
static char **
owner_read(const char *builddir, char **text)
{
	char *path = layout_top(builddir, TOP_GRAPH), **lines = NULL, *l, *save;
	size_t n = 0;

	*text = file_read(path, NULL);
	free(path);
	for (l = *text ? strtok_r(*text, "\n", &save) : NULL; l;
	    l = strtok_r(NULL, "\n", &save)) {
		lines = xrealloc(lines, (n + 2) * sizeof *lines);
		lines[n++] = l;
		lines[n] = NULL;
	}
	return lines;
}

/* Whether builddir (absolute) is a directory cosimgen may not take: the
 * root, or one that holds something and none of the files a builddir of
 * this or an earlier version has (cosimgen writes into it, and its
 * cleaning of a test's run directory removes what is there). A directory
 * that does not exist yet, or is empty, is free. */
static int
foreign(const char *builddir)
{
	static const enum top_file marks[] = {TOP_GRAPH, TOP_TESTS_LIST,
		TOP_COMPILES_LIST, TOP_HISTORY};
	DIR *d;
	struct dirent *de;
	int used = 0;
	size_t k;

	if (strcmp(builddir, "/") == 0)
		return 1;
	if (!(d = opendir(builddir)))
		return 0;
	while (!used && (de = readdir(d)))
		used = strcmp(de->d_name, ".") != 0 &&
		    strcmp(de->d_name, "..") != 0;
	closedir(d);
	for (k = 0; used && k < sizeof marks / sizeof *marks; k++) {
		char *path = layout_top(builddir, marks[k]);

		used = access(path, F_OK) != 0;
		free(path);
	}
	return used;
}

void
owner_check(const char *builddir, const char *graphdir,
	const struct mvalue *where, const char *manifest)
{
	char *text, **lines = owner_read(builddir, &text), **g;
	char *mine = path_relative(builddir, graphdir), *dir;

	if (!lines && foreign(builddir))
		diag_error(where && where->raw ? where->file : manifest,
		    where && where->raw ? where->line : 0, "builddir %s is %s: "
		    "cosimgen writes into its builddir and clears what is "
		    "there, so it takes only a directory that is new, empty or "
		    "one of its own builddirs (name another with builddir = in "
		    "[cosimgen])", builddir, strcmp(builddir, "/") == 0 ?
		    "the root directory" : "not empty and not a cosimgen "
		    "builddir");
	if (!lines || strcmp(lines[0], mine) == 0)
		goto done;	/* unclaimed, or ours */
	dir = path_join(builddir, lines[0]);
	for (g = lines + 1; *g; g++) {
		char *other = path_join(dir, *g);
		int exists = access(other, F_OK) == 0;

		if (exists)
			diag_error(where && where->raw ? where->file : manifest,
			    where && where->raw ? where->line : 0, "builddir %s "
			    "belongs to the graph %s: a graph in %s would "
			    "rewrite its spec files (their paths are relative to "
			    "the graph's directory) and break it; give this graph "
			    "a builddir of its own (builddir = in [cosimgen]), or "
			    "delete that graph or %s first", builddir, other,
			    graphdir, builddir);
		free(other);
		if (exists)
			break;
	}
	free(dir);
done:
	free(mine);
	free(lines);
	free(text);
}

void
owner_write(const char *builddir, const char *graphdir, const char *graph)
{
	char *abs = path_join(graphdir, builddir), *text, **lines, **g;
	char *mine = path_relative(abs, graphdir), *path;
	struct buf b = {0};

	/* keep the other graphs of this directory (ninja and make) */
	buf_printf(&b, "%s\n", mine);
	lines = owner_read(abs, &text);
	if (lines && strcmp(lines[0], mine) == 0)
		for (g = lines + 1; *g; g++)
			if (strcmp(*g, graph) != 0)
				buf_printf(&b, "%s\n", *g);
	buf_printf(&b, "%s\n", graph);
	path = layout_top(builddir, TOP_GRAPH);
	if (file_write_if_changed(path, b.s, b.len) < 0)
		fatal(errno, "cannot write %s", path);
	free(path);
	buf_free(&b);
	free(lines);
	free(text);
	free(mine);
	free(abs);
}
