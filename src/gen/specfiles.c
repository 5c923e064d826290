/* specfiles.c - see specfiles.h. */
#include "specfiles.h"
#include "file.h"
#include "path.h"
#include "progressplan.h"
#include "lastrun.h"
#include "layout.h"
#include "testslist.h"
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int
specfiles_put(const char *path, const char *data, size_t len, int always)
{
	int rc = always ? file_write_atomic(path, data, len) :
	    file_write_if_changed(path, data, len);

	if (rc < 0)
		fatal(errno, "cannot write %s", path);
	return always || rc == 1;
}

/* Write te's spec (len bytes) unless the file holds it already. A result
 * of another spec says nothing of this one: it goes aside before the spec
 * changes, so that a cosimgen killed in between leaves no result beside a
 * spec it was not run with.
 *
 * A test directory that mkdir creates holds neither: then its spec is
 * written at once, with paths relative to the builddir (open on bfd), so
 * that a first generation costs the kernel a mkdir and a file created
 * whole a test, as many calls as writing the file alone, and few path
 * lookups. It stays atomic (file_create_at): a spec has no end marker,
 * so one cut short by a crash would parse. */
static void
put_test_spec(int bfd, const struct test *te, size_t len)
{
	const char *dir = te->spec.dir;
	char *rel = layout_test(NULL, te->name);
	int e;

	if (mkdirat(bfd, rel, 0777) == 0) {
		char *spec = layout_in(rel, DIR_SPEC);

		if (file_create_at(bfd, spec, te->spec_text, len, 0666) != 0)
			fatal(errno, "cannot write %s", te->spec_path);
		free(spec);
		free(rel);
		return;
	}
	e = errno;
	free(rel);
	/* (one that is there but no directory fails the write below) */
	if (e != EEXIST && mkdir_p(dir) != 0)
		fatal(errno, "cannot create directory %s", dir);
	if (file_holds(te->spec_path, te->spec_text, len))
		return;
	if (lastrun_set_aside(dir) != 0)
		fatal(errno, "cannot move %s aside",
		    layout_in(dir, DIR_RESULT));
	specfiles_put(te->spec_path, te->spec_text, len, 1);
}

/* Write each test's spec where its text changed, and the test list
 * (testslist.h).
 *
 * <builddir>/specs.sums remembers, test by test in list order, a hash of
 * each spec as last written: when the hash and the name at the same place
 * agree and the file is still there, the spec is not read again. (A run of
 * 100k tests then costs one stat per test instead of a read.) Anything
 * else falls back to comparing the file's content. */
static void
write_specs(const struct model *mo)
{
	struct buf list = {0}, sums = {0};
	char *lp = layout_top(mo->builddir, TOP_TESTS_LIST);
	char *sp = layout_top(mo->builddir, TOP_SPECS_SUMS);
	char *old = file_read(sp, NULL), *cur = old;
	size_t t;
	struct stat st;
	int bfd;

	if (mkdir_p(mo->builddir) != 0)
		fatal(errno, "cannot create directory %s", mo->builddir);
	if ((bfd = open(mo->builddir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0)
		fatal(errno, "cannot open directory %s", mo->builddir);
	for (t = 0; t < mo->ntests; t++) {
		const struct test *te = mo->tests[t];
		size_t len = strlen(te->spec_text);
		uint64_t h = fnv1a(FNV_OFFSET, te->spec_text, len);
		char line[64];
		int known = 0;

		snprintf(line, sizeof line, "%016llx ", (unsigned long long)h);
		if (cur && strncmp(cur, line, 17) == 0 &&
		    strncmp(cur + 17, te->name, strlen(te->name)) == 0 &&
		    cur[17 + strlen(te->name)] == '\n' &&
		    stat(te->spec_path, &st) == 0)
			known = 1;
		if (cur && (cur = strchr(cur, '\n')))
			cur++;
		if (!known)
			put_test_spec(bfd, te, len);
		buf_puts(&sums, line);
		buf_puts(&sums, te->name);
		buf_putc(&sums, '\n');
		testslist_put(&list, te->name, te->labels);
	}
	close(bfd);
	specfiles_put(lp, list.s, list.len, 0);
	specfiles_put(sp, sums.s, sums.len, 0);
	free(old);
	free(lp);
	free(sp);
	buf_free(&list);
	buf_free(&sums);
}

/* Write each compile spec where its text changed, and the compile list:
 * a compile reruns when its spec does (it is an input of the edge); and
 * an Icarus compile's command file the same way. */
static void
write_compile_specs(const struct model *mo)
{
	char *lp = layout_top(mo->builddir, TOP_COMPILES_LIST), *dir;
	size_t i;

	for (i = 0; i <= mo->nrecipes; i++) {
		const char *path = i < mo->nrecipes ? mo->recipes[i]->spec_path :
		    mo->vpi_spec;
		const char *text = i < mo->nrecipes ? mo->recipes[i]->spec_text :
		    mo->vpi_spec_text;

		if (!path || !text)
			continue;
		dir = path_dirname(path);
		if (mkdir_p(dir) != 0)
			fatal(errno, "cannot create directory %s", dir);
		free(dir);
		specfiles_put(path, text, strlen(text), 0);
		if (i < mo->nrecipes && mo->recipes[i]->cmdfile)
			specfiles_put(mo->recipes[i]->cmdfile,
			    mo->recipes[i]->cmdfile_text,
			    strlen(mo->recipes[i]->cmdfile_text), 0);
	}
	specfiles_put(lp, mo->compiles_text, strlen(mo->compiles_text), 0);
	free(lp);
}

/* Write each fixture's spec where its text changed. */
static void
write_fixture_specs(const struct model *mo)
{
	size_t i;

	for (i = 0; i < mo->nfixtures; i++) {
		const struct fixture *f = mo->fixtures[i];

		if (mkdir_p(f->spec.dir) != 0)
			fatal(errno, "cannot create directory %s", f->spec.dir);
		specfiles_put(f->spec_path, f->spec_text, strlen(f->spec_text),
		    0);
	}
}

void
specfiles_write(const struct model *mo)
{
	write_specs(mo);
	progressplan_write(mo);
	write_compile_specs(mo);
	write_fixture_specs(mo);
	/* what cocotb said, for the next generation */
	if (mo->cocotb_cache)
		specfiles_put(mo->cocotb_cache, mo->cocotb_cache_text,
		    strlen(mo->cocotb_cache_text), 0);
}
