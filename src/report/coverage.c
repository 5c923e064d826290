/* coverage.c - see coverage.h. */
#include "coverage.h"
#include "escape.h"
#include "file.h"
#include "gen/capture.h"
#include "layout.h"
#include "path.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The files in BUILDDIR/coverage/. */
#define MERGED "merged.dat"
#define ANNOTATED "annotated"
#define INPUTS "inputs"

void
coverage_count(const char *text, long long *points, long long *covered)
{
	const char *p, *end, *sp;

	*points = *covered = 0;
	for (p = text; p && *p; p = *end ? end + 1 : end) {
		end = p + strcspn(p, "\n");
		if (strncmp(p, "C '", 3) != 0)
			continue;
		/* the count follows the key's closing quote, last */
		for (sp = end; sp > p && sp[-1] != ' '; sp--)
			;
		(*points)++;
		*covered += sp < end && strtoll(sp, NULL, 10) > 0;
	}
}

/* The data files of the passing tests of rp, NULL-terminated; counts the
 * tests with data that did not pass in cv. Whether any test has data. */
static int
inputs(const struct report *rp, struct coverage *cv, char ***files)
{
	size_t i, n = 0;
	int any = 0;

	*files = xcalloc(rp->n + 1, sizeof **files);
	for (i = 0; i < rp->n; i++) {
		const struct entry *e = &rp->e[i];
		char *p;

		if (!e->has_result || !e->r.coverage)
			continue;
		any = 1;
		if (e->status != STATUS_PASS && e->status != STATUS_FLAKY) {
			cv->left_out++;
			continue;
		}
		/* where it is now: the build directory may have moved */
		p = layout_test_log(e->home, e->name, LAYOUT_COVERAGE_DATA);
		if (access(p, R_OK) != 0) {
			fprintf(stderr, "cosimgen: report: the coverage data of "
			    "%s is gone: %s\n", e->name, p);
			free(p);
			continue;
		}
		(*files)[n++] = p;
	}
	cv->tests = n;
	return any;
}

/* What the merge is made of: each input's size, time and path a line. */
static char *
signature(char *const *files)
{
	struct buf b = {0};
	struct stat st;

	buf_puts(&b, "");
	for (; *files; files++)
		if (stat(*files, &st) == 0)
			buf_printf(&b, "%lld %lld.%09ld %s\n",
			    (long long)st.st_size, (long long)st.st_mtim.tv_sec,
			    st.st_mtim.tv_nsec, *files);
	return buf_steal(&b);
}

/* Run verilator_coverage with the arguments args (NULL-terminated);
 * NULL, or why it failed (allocated). Its standard output, the annotated
 * total, is not the report's. */
static char *
run_tool(char *const *args)
{
	const char *path_var = getenv("PATH");
	char *tool = path_search("verilator_coverage", path_var ? path_var :
	    "/usr/bin:/bin", NULL), **argv, *why = NULL, *err;
	struct capture c;
	size_t n = 0;

	if (!tool)
		return xstrdup("verilator_coverage is not on the PATH");
	while (args[n])
		n++;
	argv = xcalloc(n + 2, sizeof *argv);
	argv[0] = "verilator_coverage";
	memcpy(argv + 1, args, n * sizeof *argv);
	capture_run(&c, tool, argv, 0);
	if (c.status == CAPTURE_NOSTART) {
		why = xasprintf("cannot run %s: %s", tool, strerror(c.error));
	} else if (c.status != 0) {
		char *p;

		err = capture_err(&c, 0, 300);
		/* one line: the summary's "coverage: not merged: ..." */
		for (p = err; *p; p++)
			if (*p == '\n' || *p == '\r')
				*p = p[1] ? ' ' : '\0';
		why = xasprintf("verilator_coverage %s exited %d: %s", args[0],
		    c.status, err);
		free(err);
	}
	capture_free(&c);
	free(argv);
	free(tool);
	return why;
}

/* Put directory tmp at dir, the old one gone: a reader finds the old
 * one or the new one whole. */
static void
replace_dir(const char *tmp, const char *dir)
{
	char *old = xasprintf("%s.old", dir);

	file_remove_tree(old);
	if (rename(dir, old) != 0 && errno != ENOENT)
		fatal(errno, "cannot rename %s", dir);
	if (rename(tmp, dir) != 0)
		fatal(errno, "cannot rename %s to %s", tmp, dir);
	file_remove_tree(old);
	free(old);
}

/* Merge files into cv->merged and annotate the sources into
 * cv->annotated; NULL or why not. */
static char *
merge(struct coverage *cv, char **files)
{
	char *tmp = xasprintf("%s.tmp", cv->merged);
	char *atmp = xasprintf("%s.tmp", cv->annotated), *why;
	char *wargs[] = {"--write", tmp, NULL};
	char *aargs[] = {"--annotate", atmp, "--annotate-min", "1",
		cv->merged, NULL};
	char **args;
	size_t n = 0;

	while (files[n])
		n++;
	args = xcalloc(n + 3, sizeof *args);
	memcpy(args, wargs, 2 * sizeof *args);
	memcpy(args + 2, files, n * sizeof *args);
	if (!(why = run_tool(args))) {
		if (rename(tmp, cv->merged) != 0)
			fatal(errno, "cannot rename %s", tmp);
		file_remove_tree(atmp);
		if (!(why = run_tool(aargs)))
			replace_dir(atmp, cv->annotated);
	}
	unlink(tmp);
	file_remove_tree(atmp);
	free(args);
	free(tmp);
	free(atmp);
	return why;
}

/* Remove what an earlier merge left in dir: no test passed with data. */
static void
clear(const char *dir)
{
	const char *names[] = {MERGED, ANNOTATED, INPUTS};
	size_t i;

	for (i = 0; i < 3; i++) {
		char *p = path_join(dir, names[i]);

		file_remove_tree(p);
		free(p);
	}
}

/* Merge the files into dir unless the inputs are those of the data
 * there; then count the points of the merged data. */
static void
merge_counted(struct coverage *cv, const char *dir, char **files)
{
	char *inputs_path = path_join(dir, INPUTS), *sig = signature(files);
	char *text;
	struct stat st;

	cv->merged = path_join(dir, MERGED);
	cv->annotated = path_join(dir, ANNOTATED);
	if (!file_holds(inputs_path, sig, strlen(sig)) ||
	    access(cv->merged, R_OK) != 0 || stat(cv->annotated, &st) != 0) {
		unlink(inputs_path);	/* no merge stands for these now */
		cv->error = merge(cv, files);
		if (!cv->error && file_write_atomic(inputs_path, sig,
		    strlen(sig)) != 0)
			fatal(errno, "cannot write %s", inputs_path);
	}
	if (!cv->error) {
		if (!(text = file_read(cv->merged, NULL)))
			fatal(errno, "cannot read %s", cv->merged);
		coverage_count(text, &cv->points, &cv->covered);
		free(text);
	}
	free(sig);
	free(inputs_path);
}

void
coverage_merge(struct report *rp)
{
	struct coverage *cv = xcalloc(1, sizeof *cv);
	char *dir = path_join(rp->builddir, LAYOUT_COVERAGE), **files, **p;

	if (!inputs(rp, cv, &files)) {
		free(cv);
		free(files);
		free(dir);
		return;
	}
	if (mkdir_p(dir) != 0)
		fatal(errno, "cannot create %s", dir);
	if (cv->tests)
		merge_counted(cv, dir, files);
	else
		clear(dir);
	for (p = files; *p; p++)
		free(*p);
	free(files);
	free(dir);
	rp->cov = cv;
}

void
coverage_percent(struct buf *b, const struct coverage *cv)
{
	/* rounded down: 100.0 only when every point is covered */
	long long pm = cv->points ? cv->covered * 1000 / cv->points : 0;

	buf_printf(b, "%lld.%lld", pm / 10, pm % 10);
}

void
coverage_line(struct buf *b, const struct report *rp)
{
	const struct coverage *cv = rp->cov;

	if (!cv)
		return;
	buf_puts(b, "coverage: ");
	if (cv->error) {
		buf_printf(b, "not merged: %s\n", cv->error);
		return;
	}
	if (!cv->tests) {
		buf_puts(b, "no data from a passing test");
	} else {
		buf_printf(b, "%lld/%lld points (", cv->covered, cv->points);
		coverage_percent(b, cv);
		buf_printf(b, "%%) from %zu passing test%s", cv->tests,
		    cv->tests == 1 ? "" : "s");
	}
	if (cv->left_out)
		buf_printf(b, ", %zu failing test%s left out", cv->left_out,
		    cv->left_out == 1 ? "" : "s");
	buf_putc(b, '\n');
}

void
coverage_free(struct report *rp)
{
	struct coverage *cv = rp->cov;

	if (!cv)
		return;
	free(cv->merged);
	free(cv->annotated);
	free(cv->error);
	free(cv);
	rp->cov = NULL;
}

void
coverage_json(struct buf *b, const struct report *rp)
{
	const struct coverage *cv = rp->cov;

	if (!cv)
		return;
	buf_printf(b, ",\n \"coverage\": {\"tests\": %zu, \"left_out\": %zu",
	    cv->tests, cv->left_out);
	if (cv->error) {
		buf_puts(b, ", \"error\": ");
		esc_json(b, cv->error);
	} else if (cv->merged) {
		buf_printf(b, ", \"points\": %lld, \"covered\": %lld, "
		    "\"percent\": ", cv->points, cv->covered);
		coverage_percent(b, cv);
		buf_puts(b, ", \"merged\": ");
		esc_json(b, cv->merged);
		buf_puts(b, ", \"annotated\": ");
		esc_json(b, cv->annotated);
	}
	buf_putc(b, '}');
}

static void
junit_property(struct buf *b, const char *name, const char *value)
{
	buf_puts(b, "      <property name=\"");
	esc_xml(b, name);
	buf_puts(b, "\" value=\"");
	esc_xml(b, value);
	buf_puts(b, "\"/>\n");
}

int
coverage_junit(struct buf *b, const struct report *rp)
{
	const struct coverage *cv = rp->cov;
	struct buf v = {0};

	if (!cv || cv->error || !cv->merged)
		return 0;
	buf_printf(&v, "%lld", cv->points);
	junit_property(b, "coverage.points", v.s);
	buf_reset(&v);
	buf_printf(&v, "%lld", cv->covered);
	junit_property(b, "coverage.covered", v.s);
	buf_reset(&v);
	coverage_percent(&v, cv);
	junit_property(b, "coverage.percent", v.s);
	buf_reset(&v);
	buf_printf(&v, "%zu", cv->tests);
	junit_property(b, "coverage.tests", v.s);
	junit_property(b, "coverage.merged", cv->merged);
	buf_free(&v);
	return 1;
}

void
coverage_html(struct buf *b, const struct report *rp)
{
	struct buf line = {0};

	if (!rp->cov)
		return;
	coverage_line(&line, rp);
	line.s[--line.len] = '\0';	/* its newline */
	buf_puts(b, "<p id=\"coverage\">");
	esc_xml(b, line.s);
	if (rp->cov->merged && !rp->cov->error)
		buf_printf(b, ": <a href=\"%s/%s/\">annotated sources</a>, "
		    "<a href=\"%s/%s\">merged data</a>", LAYOUT_COVERAGE,
		    ANNOTATED, LAYOUT_COVERAGE, MERGED);
	buf_puts(b, "</p>\n");
	buf_free(&line);
}
