/* links.c - see links.h. */
#include "links.h"
#include "beneath.h"
#include "path.h"
#include "scan.h"
#include "util.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

const char *
link_name(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? slash + 1 : path;
}

int
link_reserved(const char *name)
{
	static const char *const own[] = {"properties", "cosim.cfg", NULL};
	size_t i;

	for (i = 0; i < ST_N; i++)
		if (strcmp(stream_files[i], name) == 0)
			return 1;
	for (i = 0; own[i]; i++)
		if (strcmp(own[i], name) == 0)
			return 1;
	return 0;
}

/* symlink(2) of target at at, made in at's directory as beneath.h
 * reaches it: these links are cosim-run's own, and removed as links
 * with the run directory (rundir.h). */
static int
make_link(const char *target, const char *at)
{
	const char *leaf;
	int dir = beneath_dir(at, &leaf), rc;

	if (dir == -1)
		return -1;
	rc = symlinkat(target, dir, leaf);
	beneath_done(dir);
	return rc;
}

void
links_make(const struct strlist *files, const char *rundir)
{
	char *cwd = getcwd(NULL, 0);
	size_t i;
	struct stat st;

	if (!cwd)
		fatal(errno, "getcwd");
	for (i = 0; i < files->n; i++) {
		char *abs = path_join(cwd, files->v[i]);
		char *at = xasprintf("%s/%s", rundir, link_name(abs));

		/* a dangling link would only fail later, less clearly */
		if (stat(abs, &st) != 0)
			fatal(errno, "cannot link %s (files =) into the run "
			    "directory", abs);
		if (make_link(abs, at) != 0)
			fatal(errno, "cannot link %s to %s", at, abs);
		free(abs);
		free(at);
	}
	free(cwd);
}
