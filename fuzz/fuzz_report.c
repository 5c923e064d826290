/* fuzz_report.c - libFuzzer target: bytes as the files of a build
 * directory, through what `cosimgen report BUILDDIR` does (src/report):
 * read the test list, the results, the compiles, the attempts, the
 * history, the waivers and the tools, then print the summary and write
 * summary.txt, results.json, report.xml, report.html and the history.
 *
 * The input is a little archive: a line "== PATH" starts the file PATH
 * (relative to the build directory), the lines after it up to the next
 * such line are its text. A PATH that could leave the directory ("..",
 * a leading "/") or holds other bytes than [A-Za-z0-9._/-] is skipped, as
 * is the text before the first one. fuzz/corpus/report holds real build
 * directories packed so (see fuzz/README). No program is started
 * (harness.h). */
#include "harness.h"
#include "file.h"
#include "path.h"
#include "util.h"
#include "report/report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define BUILDDIR "out"
#define MARK "== "

/* Whether path can be written under the build directory. */
static int
path_ok(const char *p, size_t n)
{
	size_t i;

	if (!n || n > 200 || p[0] == '/')
		return 0;
	for (i = 0; i < n; i++)
		if (!(p[i] >= 'a' && p[i] <= 'z') &&
		    !(p[i] >= 'A' && p[i] <= 'Z') &&
		    !(p[i] >= '0' && p[i] <= '9') && !strchr("._/-", p[i]))
			return 0;
	for (i = 0; i + 1 < n; i++)
		if (p[i] == '.' && p[i + 1] == '.')
			return 0;
	return 1;
}

/* Write the file named by the "== PATH" line at mark (without its line
 * break, n bytes), holding text[0..len). */
static void
unpack_one(const char *mark, size_t n, const uint8_t *text, size_t len)
{
	char *rel, *path, *dir;

	mark += strlen(MARK);
	n -= strlen(MARK);
	if (!path_ok(mark, n))
		return;
	rel = xstrndup(mark, n);
	path = path_join(BUILDDIR, rel);
	dir = path_dirname(path);
	/* a path whose directory is a file, or the reverse, is left out */
	if (mkdir_p(dir) == 0)
		harness_put(path, text, len);
	free(dir);
	free(path);
	free(rel);
}

/* Unpack the archive into BUILDDIR. */
static void
unpack(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data, *end = s + size, *mark = NULL;
	const char *line, *nl, *text = NULL;
	size_t mlen = 0;

	for (line = s; line < end; line = nl + 1) {
		nl = memchr(line, '\n', (size_t)(end - line));
		if (!nl)
			nl = end;
		if ((size_t)(nl - line) < strlen(MARK) ||
		    memcmp(line, MARK, strlen(MARK)) != 0)
			continue;
		if (mark)
			unpack_one(mark, mlen, (const uint8_t *)text,
			    (size_t)(line - text));
		mark = line;
		mlen = (size_t)(nl - line);
		text = nl < end ? nl + 1 : end;
	}
	if (mark)
		unpack_one(mark, mlen, (const uint8_t *)text,
		    (size_t)(end - text));
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct report_opts o = {0};
	volatile int rc = -1;	/* set between setjmp and a longjmp */
	struct stat st;

	harness_begin();
	if (mkdir_p(BUILDDIR) == 0) {
		unpack(data, size);
		HARNESS_RUN(rc = report_run_opts(BUILDDIR, &o));
	}
	/* what the suite checks a seed reached */
	if (rc >= 0)
		fprintf(stderr, "fuzz_report: exit %d, summary.txt %s\n", rc,
		    stat(BUILDDIR "/summary.txt", &st) == 0 && st.st_size ?
		    "written" : "not written");
	harness_end();
	return 0;
}
