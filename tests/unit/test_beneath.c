/* Unit tests of beneath.c's recognition of a path below the root: each
 * spelling of one (relative, with "./", doubled or trailing slashes,
 * absolute) is below it, a sibling that starts alike or a path that
 * climbs out with ".." is not; mkdir_p of a path with a trailing slash
 * below the root; and the message of a link removed in the place of
 * file_write_atomic's temp file, which names it whole. */
#include "beneath.h"
#include "file.h"
#include "tap.h"
#include "util.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Whether beneath_abs(path) is want (NULL: not below the root). */
static int
abs_is(const char *path, const char *want)
{
	char *got = beneath_abs(path);
	int same = want ? got && !strcmp(got, want) : !got;

	if (!same)
		fprintf(stderr, "# %s: %s, not %s\n", path, got ? got : "NULL",
		    want ? want : "NULL");
	free(got);
	return same;
}

/* Paths below the root "out" (spelled as spec) of the directory top. */
static void
root_out(const char *top, const char *spec)
{
	char *out = xasprintf("%s/out", top), *x = xasprintf("%s/x", out);
	char *absx = xasprintf("%s/out/x", top);

	beneath_root(spec);
	CHECK(abs_is("out/x", x), "root %s: out/x is below it", spec);
	CHECK(abs_is("./out/x", x), "root %s: ./out/x is below it", spec);
	CHECK(abs_is("out//x", x), "root %s: out//x is below it", spec);
	CHECK(abs_is("out/", out), "root %s: out/ is the root", spec);
	CHECK(abs_is("out", out), "root %s: out is the root", spec);
	CHECK(abs_is(absx, x), "root %s: its absolute spelling is below it",
	    spec);
	CHECK(abs_is("out2/x", NULL), "root %s: out2/x is not below it",
	    spec);
	CHECK(abs_is("out/../y", NULL), "root %s: out/../y is not below it",
	    spec);
	CHECK(abs_is("out/a/../../y", NULL),
	    "root %s: out/a/../../y is not below it", spec);
	CHECK(abs_is("y", NULL), "root %s: y is not below it", spec);
	free(out);
	free(x);
	free(absx);
}

/* file_write_atomic of out/f with a link planted for its temp file:
 * the victim stays, and the warning names out/f.PID.tmp. */
static void
temp_link(void)
{
	char *tmp = xasprintf("out/f.%ld.tmp", (long)getpid());
	char *said = xasprintf("removed the symbolic link %s:", tmp), *text;
	int saved = dup(2), log = open("stderr.log", O_WRONLY | O_CREAT |
	    O_TRUNC, 0666);

	if (file_write_atomic("victim", "v\n", 2) != 0 ||
	    symlink("../victim", tmp) != 0 || saved < 0 || log < 0 ||
	    dup2(log, 2) < 0) {
		perror("test_beneath: temp_link");
		exit(1);
	}
	CHECK(file_write_atomic("out/f", "f\n", 2) == 0,
	    "a link for the temp file: the file is written");
	dup2(saved, 2);
	close(saved);
	close(log);
	text = file_read("stderr.log", NULL);
	CHECK(file_holds("victim", "v\n", 2) && file_holds("out/f", "f\n", 2),
	    "a link for the temp file: the victim is untouched");
	CHECK(text && strstr(text, said), "a link for the temp file: the "
	    "warning names %s", tmp);
	free(text);
	free(said);
	free(tmp);
	unlink("out/f");
	unlink("victim");
	unlink("stderr.log");
}

int
main(void)
{
	char tmpl[] = "/tmp/cosim-beneath-XXXXXX", *top, *want;
	struct stat st;

	if (!mkdtemp(tmpl) || !(top = realpath(tmpl, NULL)) ||
	    chdir(top) != 0 || mkdir("out", 0777) != 0) {
		perror("test_beneath: set-up");
		return 1;
	}
	root_out(top, "out");
	root_out(top, "./out/");

	beneath_root(".");
	want = xasprintf("%s/x", top);
	CHECK(abs_is("x", want), "root .: x is below it");
	CHECK(abs_is("./x", want), "root .: ./x is below it");
	CHECK(abs_is(want, want), "root .: its absolute spelling is below it");
	CHECK(abs_is(".", top), "root .: . is the root");
	CHECK(abs_is("../x", NULL), "root .: ../x is not below it");
	CHECK(abs_is("/elsewhere/x", NULL),
	    "root .: /elsewhere/x is not below it");
	free(want);

	beneath_root("out");
	CHECK(mkdir_p("out/tests/u/") == 0, "mkdir_p out/tests/u/ says it "
	    "made it");
	CHECK(stat("out/tests/u", &st) == 0 && S_ISDIR(st.st_mode),
	    "mkdir_p out/tests/u/ made it");
	CHECK(file_write_atomic("out/../y", "y\n", 2) == 0,
	    "a path that climbs out is written as it is");
	CHECK(file_holds("y", "y\n", 2), "out/../y is y");
	temp_link();
	beneath_root(NULL);

	rmdir("out/tests/u");
	rmdir("out/tests");
	rmdir("out");
	unlink("y");
	if (chdir("/") == 0)
		rmdir(top);
	free(top);
	return tap_done();
}
