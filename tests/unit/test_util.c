/* Unit tests of util.c's path_search: a program found as execvp would,
 * but through a search path given rather than the process's own, and
 * xreallocarray's overflow check (in a child: it dies). */
#include "util.h"
#include "tap.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static void
touch(const char *path, unsigned mode)
{
	if (file_write_atomic_mode(path, "#!/bin/sh\n", 10, mode) != 0 ||
	    chmod(path, mode) != 0)
		abort();
}

int
main(void)
{
	char dir[] = "/tmp/cosim-path-XXXXXX", *p, *want, *path;
	pid_t pid;
	int st;

	if (!mkdtemp(dir))
		return 1;
	p = xasprintf("%s/a", dir);
	mkdir_p(p);
	p = xasprintf("%s/b", dir);
	mkdir_p(p);
	touch(xasprintf("%s/a/tool", dir), 0644);	/* not executable */
	touch(xasprintf("%s/b/tool", dir), 0755);
	touch(xasprintf("%s/a/only", dir), 0644);

	path = xasprintf("%s/a:%s/b", dir, dir);
	want = xasprintf("%s/b/tool", dir);
	p = path_search("tool", path, NULL);
	CHECK(p && strcmp(p, want) == 0, "the first executable on the path "
	    "(%s)", p ? p : "NULL");
	errno = 0;
	p = path_search("only", path, NULL);
	CHECK(!p && errno == EACCES, "one that is there but not executable: "
	    "EACCES");
	errno = 0;
	p = path_search("nothere", path, NULL);
	CHECK(!p && errno == ENOENT, "none: ENOENT");
	p = path_search("./x/tool", path, NULL);
	CHECK(p && strcmp(p, "./x/tool") == 0, "a name with a slash is "
	    "taken as it is");
	p = path_search("tool", "a:b", dir);
	CHECK(p && strcmp(p, xasprintf("%s/b/tool", dir)) == 0,
	    "relative entries are taken from cwd (%s)", p ? p : "NULL");
	p = path_search("tool", ":b", xasprintf("%s/b", dir));
	CHECK(p != NULL, "an empty entry is the current directory");
	errno = 0;
	p = path_search("", path, NULL);
	CHECK(!p && errno == ENOENT, "an empty name is not found");

	fflush(stdout);	/* the child's exit must not print it again */
	if ((pid = fork()) == 0) {
		fclose(stderr);
		xreallocarray(NULL, SIZE_MAX / 2, 4);
		_exit(0);
	}
	CHECK(waitpid(pid, &st, 0) == pid && WIFEXITED(st) &&
	    WEXITSTATUS(st) == 1, "xreallocarray dies when n * size overflows");
	p = xreallocarray(NULL, 4, sizeof(int));
	CHECK(p != NULL, "xreallocarray allocates n * size");
	unlink(xasprintf("%s/a/tool", dir));
	unlink(xasprintf("%s/a/only", dir));
	unlink(xasprintf("%s/b/tool", dir));
	rmdir(xasprintf("%s/a", dir));
	rmdir(xasprintf("%s/b", dir));
	rmdir(dir);
	return tap_done();
}
