/* report.c - see report.h. The test list (<builddir>/tests.list, written by
 * cosimgen) says which tests exist now; each test's result file says how
 * its last run went, so a partial rerun still reports every test, and a
 * test removed from the manifest is no longer reported. */
#include "report.h"
#include "spec.h"
#include "util.h"

#include <errno.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

enum { N_PASS, N_FAIL, N_SKIP, N_TIMEOUT, N_ERROR, N_NORESULT, N_KINDS };

static int
kind_of(const char *status)
{
	if (!strcmp(status, "pass") || !strcmp(status, "xfail"))
		return N_PASS;
	if (!strcmp(status, "skip"))
		return N_SKIP;
	if (!strcmp(status, "timeout"))
		return N_TIMEOUT;
	if (!strcmp(status, "error") || !strcmp(status, "interrupted"))
		return N_ERROR;
	return N_FAIL;
}

int
report_run(const char *builddir)
{
	static const char *words[N_KINDS] = {"passed", "failed", "skipped",
		"timed out", "errors", "without a result"};
	size_t count[N_KINDS] = {0}, len;
	char *list, *name, *save = NULL, *path;
	struct buf out = {0};
	int k;

	path = xasprintf("%s/tests.list", builddir);
	list = file_read(path, &len);
	if (!list) {
		fprintf(stderr, "cosimgen: report: cannot read %s: %s (run "
		    "cosimgen on the manifest first)\n", path, strerror(errno));
		free(path);
		return 1;
	}
	free(path);
	for (name = strtok_r(list, "\n", &save); name;
	    name = strtok_r(NULL, "\n", &save)) {
		struct spec r;
		const char *status, *reason;

		path = xasprintf("%s/tests/%s/result", builddir, name);
		if (spec_read(&r, path, RESULT_MAGIC) < 0) {
			buf_printf(&out, "NORESULT %s: %s\n", name,
			    errno == ENOENT ? "the test has not run" :
			    "its result file is unreadable");
			count[N_NORESULT]++;
			free(path);
			continue;
		}
		free(path);
		status = spec_get(&r, "status");
		reason = spec_get(&r, "reason");
		k = kind_of(status ? status : "");
		count[k]++;
		if (k != N_PASS && k != N_SKIP) {
			char *up = xstrdup(status ? status : "?"), *c;

			for (c = up; *c; c++)
				if (*c >= 'a' && *c <= 'z')
					*c = (char)(*c - 'a' + 'A');
			buf_printf(&out, "%-8s %s", up, name);
			if (reason && *reason)
				buf_printf(&out, ": %s", reason);
			buf_printf(&out, " (%s/tests/%s)\n", builddir, name);
			free(up);
		}
		spec_free(&r);
	}
	free(list);
	buf_printf(&out, "%zu passed, %zu failed", count[N_PASS],
	    count[N_FAIL]);
	for (k = N_SKIP; k < N_KINDS; k++)
		if (count[k])
			buf_printf(&out, ", %zu %s", count[k], words[k]);
	buf_putc(&out, '\n');
	fputs(out.s, stdout);
	fflush(stdout);
	path = xasprintf("%s/summary.txt", builddir);
	if (file_write_atomic(path, out.s, out.len) < 0)
		fatal(errno, "%s", path);
	free(path);
	buf_free(&out);
	return count[N_FAIL] + count[N_TIMEOUT] + count[N_ERROR] +
	    count[N_NORESULT] ? 1 : 0;
}
