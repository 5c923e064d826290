/* compiled.c - see compiled.h. */
#include "compiled.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The result of the compile ID under builddir; -1 when there is none. */
static int
read_result(struct kvfile *res, const char *builddir, const char *id)
{
	char *path = xasprintf("%s/%s/result", builddir, id);
	int rc = kv_read(res, path, RESULT_MAGIC);

	free(path);
	return rc;
}

static int
passed(const struct kvfile *res)
{
	const char *s = kv_get(res, "status");

	return s && strcmp(s, "pass") == 0;
}

/* The designs a compile result names, as one label; else its id. */
static char *
compile_names(const struct kvfile *res, const char *id)
{
	struct buf b = {0};
	const char *v;
	size_t k = 0;

	while ((v = kv_next(res, "design", &k))) {
		if (b.len)
			buf_putc(&b, ' ');
		buf_puts(&b, v);
	}
	return b.len ? buf_steal(&b) : xstrdup(id);
}

int
compiled_check(const char *builddir, char **ids, int n)
{
	int i, bad = 0;

	for (i = 0; i < n; i++) {
		struct kvfile res;
		const char *v;
		char *names;

		if (read_result(&res, builddir, ids[i]) != 0) {
			printf("FAILED compile %s: it has not run\n", ids[i]);
			bad = 1;
			continue;
		}
		if (passed(&res)) {
			kv_free(&res);
			continue;
		}
		bad = 1;
		names = compile_names(&res, ids[i]);
		printf("FAILED compile of %s", names);
		free(names);
		v = kv_get(&res, "reason");
		printf(": %s (log: %s/", v ? v : "", builddir);
		v = kv_get(&res, "log");
		printf("%s", v ? v : "");
		if ((v = kv_get(&res, "log_line")))
			printf(":%s", v);
		printf(")\n");
		kv_free(&res);
	}
	return bad;
}

int
compiled_blocks(struct run *r)
{
	static const char *const outputs[] = {"sim", "vpi"};
	const char *builddir = kv_get(&r->spec, "builddir"), *v, *t;
	size_t i, k;

	for (i = 0; i < 2; i++) {
		const char *out = kv_get(&r->spec, outputs[i]);
		char *dir, *id;
		struct kvfile res;

		if (!out || !builddir)
			continue;
		dir = path_dirname(out);
		/* the compile's id: its directory, relative to builddir */
		id = xstrdup(strncmp(dir, builddir, strlen(builddir)) == 0 &&
		    dir[strlen(builddir)] == '/' ? dir + strlen(builddir) + 1 : dir);
		free(dir);
		/* a compile that passed left its output; without a result
		 * (an older cosimgen), only a missing output tells */
		if ((read_result(&res, builddir, id) != 0 || passed(&res)) &&
		    access(out, F_OK) == 0) {
			kv_free(&res);
			free(id);
			continue;
		}
		free(id);
		r->status = "error";
		r->stage = "compile";
		buf_reset(&r->reason);
		if (i == 0)
			buf_printf(&r->reason, "design %s ",
			    kv_get(&r->spec, "design"));
		else
			buf_puts(&r->reason, "the bridge's VPI module ");
		if (!res.magic || passed(&res)) {
			buf_printf(&r->reason, "has not been compiled: %s is "
			    "missing", out);
			kv_free(&res);
			return 1;
		}
		buf_printf(&r->reason, "did not compile: %s",
		    (v = kv_get(&res, "reason")) ? v : "");
		if ((v = kv_get(&res, "log")))
			kv_put(&r->extra, "compile_log", v);
		if ((v = kv_get(&res, "log_line")))
			kv_put(&r->extra, "compile_log_line", v);
		for (k = 0; (t = kv_next(&res, "log_tail", &k));)
			kv_put(&r->extra, "compile_log_tail", t);
		kv_free(&res);
		return 1;
	}
	return 0;
}
