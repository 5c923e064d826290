/* provenance.c - see provenance.h. */
#include "provenance.h"
#include "gen/capture.h"
#include "gen/cocotbinfo.h"
#include "file.h"
#include "kvfile.h"
#include "layout.h"
#include "path.h"
#include "results.h"
#include "util.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef VERSION
#define VERSION "unknown"
#endif

/* The longest a program may take to say its version. */
#define ASK_MS 10000

/* A program's version as BUILDDIR/versions remembers it. */
struct known {
	const char *path;
	struct stamp st;
	const char *version;
};

/* The entries of the versions file kv, into *out; how many. */
static size_t
known_read(const struct kvfile *kv, struct known **out)
{
	struct known *k = xcalloc(kv->n + 1, sizeof *k);
	size_t i, n = 0;

	for (i = 0; i < kv->n; i++) {
		const char *key = kv->keys[i], *val = kv->vals[i];

		if (strcmp(key, "path") == 0) {
			k[n].path = val;
			k[n++].st.size = -1;
		} else if (n && strcmp(key, "stamp") == 0) {
			if (sscanf(val, "%lld %lld", &k[n - 1].st.size,
			    &k[n - 1].st.mtime_ns) != 2)
				k[n - 1].st.size = -1;
		} else if (n && strcmp(key, "version") == 0) {
			k[n - 1].version = val;
		}
	}
	*out = k;
	return n;
}

/* The first word of the first line of out that starts with a digit
 * ("Verilator 5.006 2023-01-22", "Icarus Verilog version 12.0 (stable)",
 * "GHDL 3.0.0 (Debian ...)"), allocated; "" when there is none. */
static char *
version_word(const char *out)
{
	size_t end = strcspn(out, "\n"), i = 0, n;

	while (i < end) {
		i += strspn(out + i, " \t");
		n = strcspn(out + i, " \t\n");
		if (n && out[i] >= '0' && out[i] <= '9')
			return xstrndup(out + i, n);
		i += n;
	}
	return xstrdup("");
}

/* Run argv (argv[0] the program's path) and return the first line of
 * what it wrote, allocated, or NULL when it did not end with status 0
 * or said nothing. */
static char *
ask(char *const argv[])
{
	struct capture c;
	char *line = NULL;

	capture_run(&c, argv[0], argv, ASK_MS);
	if (c.status == 0 && c.out.len)
		line = xstrndup(c.out.s, strcspn(c.out.s, "\n"));
	capture_free(&c);
	return line;
}

/* "PROG=VERSION" for the program prog found on the PATH, from the n
 * known versions, else asked; added to cache either way. NULL when prog
 * is not found or says no version. */
static char *
tool_version(const char *prog, const struct known *k, size_t n,
    struct buf *cache)
{
	const char *env = getenv("PATH");
	char *path = path_search(prog, env ? env : "", NULL), *v = NULL, *line;
	char *argv[] = {path, strcmp(prog, "iverilog") == 0 ? "-V" :
	    "--version", NULL};
	struct stamp st;
	size_t i;

	if (!path)
		return NULL;
	st = stamp_of(path);
	for (i = 0; i < n; i++)
		if (strcmp(k[i].path, path) == 0 && stamp_same(k[i].st, st) &&
		    k[i].version) {
			v = xstrdup(k[i].version);
			break;
		}
	if (i == n) {
		line = ask(argv);
		v = version_word(line ? line : "");
		free(line);
	}
	kv_put(cache, "path", path);
	kv_putf(cache, "stamp", "%lld %lld", st.size, st.mtime_ns);
	kv_put(cache, "version", v);
	free(path);
	line = *v ? xasprintf("%s=%s", prog, v) : NULL;
	free(v);
	return line;
}

/* The git revision of dir, or NULL. */
static char *
git_revision(const char *dir)
{
	const char *env = getenv("PATH");
	char *git = path_search("git", env ? env : "", NULL), *rev;
	char *argv[] = {git, "-C", (char *)dir, "describe", "--always",
		"--dirty", "--abbrev=12", NULL};

	if (!git)
		return NULL;
	rev = ask(argv);
	free(git);
	return rev;
}

static int
by_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* "hosts=A,B": the hosts rp's tests ran on (each once, sorted), else
 * this one. */
static char *
hosts(const struct report *rp)
{
	const char **v = xcalloc(rp->n + 1, sizeof *v);
	struct buf b = {0};
	size_t i, n = 0;

	for (i = 0; i < rp->n; i++)
		if (rp->e[i].has_result && rp->e[i].r.host && *rp->e[i].r.host)
			v[n++] = rp->e[i].r.host;
	qsort(v, n, sizeof *v, by_str);
	buf_puts(&b, "hosts=");
	for (i = 0; i < n; i++)
		if (!i || strcmp(v[i], v[i - 1]) != 0)
			buf_printf(&b, "%s%s", i ? "," : "", v[i]);
	if (!n)
		buf_puts(&b, host_name());
	free(v);
	return buf_steal(&b);
}

/* Add each tool of the tools file kv to l, through the versions file at
 * path. */
static void
tools(struct strlist *l, const struct kvfile *kv, const char *path)
{
	struct kvfile old;
	struct known *k = NULL;
	struct buf cache = {0};
	size_t i, n = 0;
	char *item;

	if (kv_read(&old, path, VERSIONS_MAGIC) == 0)
		n = known_read(&old, &k);
	kv_begin(&cache, VERSIONS_MAGIC);
	for (i = 0; i < kv->n; i++)
		if (strcmp(kv->keys[i], "tool") == 0 &&
		    (item = tool_version(kv->vals[i], k, n, &cache)))
			strlist_push(l, item);
	/* written when a version was asked or a program dropped out */
	if (file_write_if_changed(path, cache.s, cache.len) < 0)
		warn(errno, "cannot write %s", path);
	free(k);
	kv_free(&old);
	buf_free(&cache);
}

void
provenance_load(struct report *rp)
{
	const char *dir = rp->merged ? rp->merged[0] : rp->builddir;
	char *tpath = layout_top(dir, TOP_TOOLS);
	char *vpath = layout_top(rp->builddir, TOP_VERSIONS);
	struct strlist *l = xcalloc(1, sizeof *l);
	const char *v;
	struct kvfile kv;
	char *rev;

	strlist_push(l, xstrdup("cosimgen=" VERSION));
	if (kv_read(&kv, tpath, TOOLS_MAGIC) == 0) {
		tools(l, &kv, vpath);
		if ((v = kv_get(&kv, "cocotb")))
			strlist_push(l, xasprintf("cocotb=%s", v));
		if ((v = kv_get(&kv, "srcdir")) && (rev = git_revision(v))) {
			strlist_push(l, xasprintf("git=%s", rev));
			free(rev);
		}
		kv_free(&kv);
	}
	strlist_push(l, hosts(rp));
	rp->provenance = l;
	free(tpath);
	free(vpath);
}

void
provenance_free(struct report *rp)
{
	size_t i;

	for (i = 0; rp->provenance && i < rp->provenance->n; i++)
		free(rp->provenance->v[i]);
	if (rp->provenance)
		free(rp->provenance->v);
	free(rp->provenance);
	rp->provenance = NULL;
}
