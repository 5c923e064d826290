/* toolsfile.c - see toolsfile.h. */
#include "toolsfile.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void
toolsfile_encode(struct buf *b, const char *const *progs, size_t n,
    const char *cocotb, const char *srcdir)
{
	size_t i;

	kv_begin(b, TOOLS_MAGIC);
	for (i = 0; i < n; i++)
		kv_put(b, "tool", progs[i]);
	if (cocotb)
		kv_put(b, "cocotb", cocotb);
	kv_put(b, "srcdir", srcdir);
}

int
toolsfile_read(struct toolsfile *t, const char *path)
{
	size_t i = 0;
	const char *v;

	memset(t, 0, sizeof *t);
	if (kv_read(&t->kv, path, TOOLS_MAGIC) != 0)
		return -1;
	t->progs = xcalloc(t->kv.n + 1, sizeof *t->progs);
	while ((v = kv_next(&t->kv, "tool", &i)))
		t->progs[t->nprogs++] = v;
	t->cocotb = kv_get(&t->kv, "cocotb");
	t->srcdir = kv_get(&t->kv, "srcdir");
	return 0;
}

void
toolsfile_free(struct toolsfile *t)
{
	free(t->progs);
	kv_free(&t->kv);
	memset(t, 0, sizeof *t);
}

void
versionsfile_begin(struct buf *b)
{
	kv_begin(b, VERSIONS_MAGIC);
}

void
versionsfile_put(struct buf *b, const struct known_version *k)
{
	kv_put(b, "path", k->path);
	kv_putf(b, "stamp", "%lld %lld", k->size, k->mtime_ns);
	kv_put(b, "version", k->version);
}

void
versionsfile_read(struct versionsfile *vs, const char *path)
{
	struct known_version *k;
	size_t i;

	memset(vs, 0, sizeof *vs);
	if (kv_read(&vs->kv, path, VERSIONS_MAGIC) != 0)
		return;
	vs->v = k = xcalloc(vs->kv.n + 1, sizeof *k);
	for (i = 0; i < vs->kv.n; i++) {
		const char *key = vs->kv.keys[i], *val = vs->kv.vals[i];
		size_t n = vs->n;

		if (strcmp(key, "path") == 0) {
			k[vs->n].path = val;
			k[vs->n++].size = -1;
		} else if (n && strcmp(key, "stamp") == 0) {
			if (sscanf(val, "%lld %lld", &k[n - 1].size,
			    &k[n - 1].mtime_ns) != 2)
				k[n - 1].size = -1;
		} else if (n && strcmp(key, "version") == 0) {
			k[n - 1].version = val;
		}
	}
}

void
versionsfile_free(struct versionsfile *vs)
{
	free(vs->v);
	kv_free(&vs->kv);
	memset(vs, 0, sizeof *vs);
}
