/* Unit tests of file.c's writers relative to a directory descriptor:
 * file_create_at (a new file, whole or not at all, never over an old
 * one) and file_write_atomic_at, and that neither leaves a temp file. */
#include "file.h"
#include "tap.h"
#include "util.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The entries of dir, but . and .. */
static int
entries(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;

	while (d && (e = readdir(d)))
		n += strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
	if (d)
		closedir(d);
	return n;
}

/* Whether dir/rel holds exactly text. */
static int
holds(const char *dir, const char *rel, const char *text)
{
	char *p = xasprintf("%s/%s", dir, rel);
	int same = file_holds(p, text, strlen(text));

	free(p);
	return same;
}

int
main(void)
{
	char dir[] = "/tmp/cosim-file-XXXXXX", *sub, *p;
	static const char text[] = "cosim-spec 1\nname t1\n";
	struct stat st;
	mode_t old = umask(022);
	int dfd;

	if (!mkdtemp(dir) || (dfd = open(dir, O_RDONLY | O_DIRECTORY)) < 0)
		return 1;
	sub = xasprintf("%s/tests/t1", dir);
	CHECK(mkdirat(dfd, "tests", 0777) == 0 &&
	    mkdirat(dfd, "tests/t1", 0777) == 0, "set-up");

	CHECK(file_create_at(dfd, "tests/t1/spec", text, strlen(text), 0666)
	    == 0 && holds(dir, "tests/t1/spec", text), "file_create_at: the "
	    "file is there, relative to the descriptor, with the data");
	p = xasprintf("%s/spec", sub);
	CHECK(stat(p, &st) == 0 && (st.st_mode & 0777) == 0644,
	    "its mode is the one asked for less the umask (%o)",
	    (unsigned)(st.st_mode & 0777));
	CHECK(entries(sub) == 1, "no temp file is left beside it");
	errno = 0;
	CHECK(file_create_at(dfd, "tests/t1/spec", "x", 1, 0666) == -1 &&
	    errno == EEXIST && holds(dir, "tests/t1/spec", text),
	    "over a file that exists: EEXIST, the old file kept whole");
	CHECK(entries(sub) == 1, "and nothing left beside it");
	CHECK(file_create_at(dfd, "top", "", 0, 0666) == 0 &&
	    holds(dir, "top", ""), "an empty file at the top of the directory");
	errno = 0;
	CHECK(file_create_at(dfd, "nodir/spec", "x", 1, 0666) == -1 &&
	    errno == ENOENT, "in a directory that is not there: ENOENT");

	CHECK(file_write_atomic_at(dfd, "tests/t1/spec", "new\n", 4, 0666) == 0
	    && holds(dir, "tests/t1/spec", "new\n") && entries(sub) == 1,
	    "file_write_atomic_at replaces the file, no temp file left");

	unlink(p);
	free(p);
	p = xasprintf("%s/top", dir);
	unlink(p);
	free(p);
	rmdir(sub);
	free(sub);
	sub = xasprintf("%s/tests", dir);
	rmdir(sub);
	free(sub);
	close(dfd);
	CHECK(rmdir(dir) == 0, "nothing else was left in the directory");
	umask(old);
	return tap_done();
}
