/* Unit tests of util.c's path_search: a program found as execvp would,
 * but through a search path given rather than the process's own, and
 * xreallocarray's overflow check (in a child: it dies). */
#include "util.h"
#include "file.h"
#include "path.h"
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

/* dir/rel in out, a buffer of PATH_SIZE bytes. */
#define PATH_SIZE 64
static char *
in(char *out, const char *dir, const char *rel)
{
	snprintf(out, PATH_SIZE, "%s/%s", dir, rel);
	return out;
}

int
main(void)
{
	char dir[] = "/tmp/cosim-path-XXXXXX", *p;
	char a[PATH_SIZE], b[PATH_SIZE], atool[PATH_SIZE], aonly[PATH_SIZE];
	char btool[PATH_SIZE], path[2 * PATH_SIZE];
	pid_t pid;
	int st;

	if (!mkdtemp(dir))
		return 1;
	mkdir_p(in(a, dir, "a"));
	mkdir_p(in(b, dir, "b"));
	touch(in(atool, dir, "a/tool"), 0644);	/* not executable */
	touch(in(btool, dir, "b/tool"), 0755);
	touch(in(aonly, dir, "a/only"), 0644);

	snprintf(path, sizeof path, "%s:%s", a, b);
	p = path_search("tool", path, NULL);
	CHECK(p && strcmp(p, btool) == 0, "the first executable on the path "
	    "(%s)", p ? p : "NULL");
	free(p);
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
	free(p);
	p = path_search("tool", "a:b", dir);
	CHECK(p && strcmp(p, btool) == 0,
	    "relative entries are taken from cwd (%s)", p ? p : "NULL");
	free(p);
	p = path_search("tool", ":b", b);
	CHECK(p != NULL, "an empty entry is the current directory");
	free(p);
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
	free(p);
	unlink(atool);
	unlink(aonly);
	unlink(btool);
	rmdir(a);
	rmdir(b);
	rmdir(dir);
	return tap_done();
}
