/* compiled.c - see compiled.h. */
#include "compiled.h"
#include "path.h"
#include "layout.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The result of the compile ID under builddir into res and f; -1 when
 * there is none. */
static int
read_result(struct result *res, struct kvfile *f, const char *builddir,
    const char *id)
{
	char *dir = path_join(builddir, id), *path = layout_in(dir, DIR_RESULT);
	int rc = result_read(res, f, path, RESULT_COMPILE);

	free(path);
	free(dir);
	return rc;
}

/* The designs a compile result names, as one label; else its id. */
static char *
compile_names(const struct result *res, const char *id)
{
	struct buf b = {0};
	size_t k;

	for (k = 0; k < res->designs.n; k++) {
		if (b.len)
			buf_putc(&b, ' ');
		buf_puts(&b, res->designs.v[k]);
	}
	return b.len ? buf_steal(&b) : xstrdup(id);
}

static void
forget(struct result *res, struct kvfile *f)
{
	result_free(res, RESULT_COMPILE);
	kv_free(f);
}

int
compiled_check(const char *builddir, char **ids, int n)
{
	int i, bad = 0;

	for (i = 0; i < n; i++) {
		struct kvfile f;
		struct result res;
		char *names;

		if (read_result(&res, &f, builddir, ids[i]) != 0) {
			printf("FAILED compile %s: it has not run\n", ids[i]);
			bad = 1;
			continue;
		}
		if (res.status == STATUS_PASS) {
			forget(&res, &f);
			continue;
		}
		bad = 1;
		names = compile_names(&res, ids[i]);
		printf("FAILED compile of %s", names);
		free(names);
		printf(": %s (log: %s/%s", res.reason ? res.reason : "",
		    builddir, res.log ? res.log : "");
		if (res.log_line)
			printf(":%lld", res.log_line);
		printf(")\n");
		forget(&res, &f);
	}
	return bad;
}

int
compiled_needed(const char *builddir, const char *id, struct buf *why,
    char **log, size_t *line)
{
	struct kvfile f;
	struct result res;
	int pass;

	if (read_result(&res, &f, builddir, id) != 0) {
		buf_printf(why, "it links %s/%s, which has not been compiled",
		    builddir, id);
		return 0;
	}
	if (res.status != STATUS_PASS) {
		buf_printf(why, "it links %s/%s, which did not compile: %s",
		    builddir, id, res.reason ? res.reason :
		    status_name(res.status));
		*log = res.log ? xstrdup(res.log) : NULL;
		*line = res.log_line > 0 ? (size_t)res.log_line : 0;
	}
	pass = res.status == STATUS_PASS;
	forget(&res, &f);
	return pass;
}

/* What a test's result says of its design's failed compile res. */
static void
note_failed(struct run *r, const struct result *res)
{
	size_t k;

	buf_printf(&r->reason, "did not compile: %s",
	    res->reason ? res->reason : "");
	if (res->log)
		r->compile.log = xstrdup(res->log);
	if (res->log_line)
		r->compile.log_line = xasprintf("%lld", res->log_line);
	for (k = 0; k < res->log_tail.n; k++)
		strlist_push(&r->compile.log_tail, xstrdup(res->log_tail.v[k]));
}

int
compiled_blocks(struct run *r)
{
	const char *outputs[] = {r->spec.sim, r->spec.vpi};
	const char *builddir = r->spec.builddir;
	size_t i;

	for (i = 0; i < 2; i++) {
		const char *out = outputs[i];
		char *dir, *id;
		struct kvfile f;
		struct result res;
		int found;

		if (!out || !builddir)
			continue;
		dir = path_dirname(out);
		/* the compile's id: its directory, relative to builddir */
		id = xstrdup(strncmp(dir, builddir, strlen(builddir)) == 0 &&
		    dir[strlen(builddir)] == '/' ? dir + strlen(builddir) + 1 : dir);
		free(dir);
		found = read_result(&res, &f, builddir, id) == 0;
		free(id);
		/* a compile that passed left its output; without a result
		 * (an older cosimgen), only a missing output tells */
		if ((!found || res.status == STATUS_PASS) &&
		    access(out, F_OK) == 0) {
			if (found)
				forget(&res, &f);
			continue;
		}
		r->status = STATUS_ERROR;
		r->stage = "compile";
		buf_reset(&r->reason);
		if (i == 0)
			buf_printf(&r->reason, "design %s ", r->spec.design);
		else
			buf_puts(&r->reason, "the bridge's VPI module ");
		if (!found || res.status == STATUS_PASS)
			buf_printf(&r->reason, "has not been compiled: %s is "
			    "missing", out);
		else
			note_failed(r, &res);
		if (found)
			forget(&res, &f);
		return 1;
	}
	return 0;
}
