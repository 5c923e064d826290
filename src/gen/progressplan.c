/* progressplan.c - see progressplan.h. */
#include "progressplan.h"
#include "file.h"
#include "model.h"
#include "layout.h"
#include "util.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* "\tPATH", unless the path cannot stand in a line of tabs. */
static void
field(struct buf *b, const char *path)
{
	if (path && !strpbrk(path, "\t\n")) {
		buf_putc(b, '\t');
		buf_puts(b, path);
	}
}

/* Test t's line: what its edge in the graph reads and writes. */
static void
plan_line(struct buf *b, const struct model *mo, const struct test *t)
{
	size_t j;

	buf_printf(b, "%s\t%lld", t->name, (long long)t->expected_ms);
	field(b, t->stamp);
	field(b, t->spec_path);
	if (t->design && t->design->recipe && !t->spec.disabled)
		field(b, t->design->recipe->exe);
	if (t->vpi)
		field(b, mo->vpi);
	for (j = 0; j < t->nfixtures; j++)
		field(b, t->fixtures[j]->spec_path);
	for (j = 0; t->depends[j]; j++)
		field(b, t->depends[j]);
	buf_putc(b, '\n');
}

static int
by_name(const void *a, const void *b)
{
	const struct test *x = *(const struct test *const *)a;
	const struct test *y = *(const struct test *const *)b;

	return strcmp(x->name, y->name);
}

void
progressplan_write(const struct model *mo)
{
	struct test **v = xcalloc(mo->ntests + 1, sizeof *v);
	char *path = layout_top(mo->builddir, TOP_PROGRESS_PLAN);
	struct buf b = {0};
	size_t i;

	memcpy(v, mo->tests, mo->ntests * sizeof *v);
	qsort(v, mo->ntests, sizeof *v, by_name);
	buf_puts(&b, PROGRESS_PLAN_MAGIC "\n");
	for (i = 0; i < mo->ntests; i++)
		plan_line(&b, mo, v[i]);
	if (file_write_if_changed(path, b.s, b.len) < 0)
		fatal(errno, "cannot write %s", path);
	buf_free(&b);
	free(path);
	free(v);
}

void
progressplan_select(const char *builddir, const char *id,
    const struct strlist *names)
{
	char *path = layout_top(builddir, TOP_PROGRESS_SELECT);
	struct buf b = {0};
	size_t i;

	buf_printf(&b, "%s\n%s\n", PROGRESS_SELECT_MAGIC, id);
	for (i = 0; i < names->n; i++)
		buf_printf(&b, "%s\n", names->v[i]);
	if (file_write_atomic(path, b.s, b.len) != 0)
		fatal(errno, "cannot write %s", path);
	buf_free(&b);
	free(path);
}
