/* provenance.c - see provenance.h. */
#include "provenance.h"
#include "gen/capture.h"
#include "gen/cocotbinfo.h"
#include "file.h"
#include "layout.h"
#include "path.h"
#include "results.h"
#include "toolsfile.h"
#include "util.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#ifndef VERSION
#define VERSION "unknown"
#endif

/* The longest a program may take to say its version. */
#define ASK_MS 10000

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

/* "PROG=VERSION" for the program prog found on the PATH, from the
 * versions known, else asked; added to cache either way. NULL when prog
 * is not found or says no version. */
static char *
tool_version(const char *prog, const struct versionsfile *known,
    struct buf *cache)
{
	const char *env = getenv("PATH");
	char *path = path_search(prog, env ? env : "", NULL), *v = NULL, *line;
	char *argv[] = {path, strcmp(prog, "iverilog") == 0 ? "-V" :
	    "--version", NULL};
	struct known_version now;
	struct stamp st;
	size_t i;

	if (!path)
		return NULL;
	st = stamp_of(path);
	for (i = 0; i < known->n; i++) {
		const struct known_version *k = &known->v[i];
		struct stamp was = {k->size, k->mtime_ns};

		if (strcmp(k->path, path) == 0 && stamp_same(was, st) &&
		    k->version) {
			v = xstrdup(k->version);
			break;
		}
	}
	if (i == known->n) {
		line = ask(argv);
		v = version_word(line ? line : "");
		free(line);
	}
	now.path = path;
	now.size = st.size;
	now.mtime_ns = st.mtime_ns;
	now.version = v;
	versionsfile_put(cache, &now);
	free(path);
	line = *v ? xasprintf("%s=%s", prog, v) : NULL;
	free(v);
	return line;
}

/* The git revision of dir, or NULL. --dirty refreshes the index; without
 * optional locks it takes no lock for that, so a report never gets in
 * the way of a git command the user runs at the same time. */
static char *
git_revision(const char *dir)
{
	const char *env = getenv("PATH");
	char *git = path_search("git", env ? env : "", NULL), *rev;
	char *argv[] = {git, "--no-optional-locks", "-C", (char *)dir,
		"describe", "--always",
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

/* Add the version of each program of t to l, through the versions file
 * at path, in the build directory dir. */
static void
tools(struct strlist *l, const struct toolsfile *t, const char *dir,
    const char *path)
{
	struct versionsfile known;
	struct buf cache = {0};
	size_t i;
	char *item;

	versionsfile_read(&known, path);
	versionsfile_begin(&cache);
	for (i = 0; i < t->nprogs; i++)
		if ((item = tool_version(t->progs[i], &known, &cache)))
			strlist_push(l, item);
	/* written when a version was asked or a program dropped out; a
	 * merged report's directory may not be there yet */
	if (file_write_if_changed(path, cache.s, cache.len) < 0 &&
	    (errno != ENOENT || mkdir_p(dir) != 0 ||
	    file_write_if_changed(path, cache.s, cache.len) < 0))
		warn(errno, "cannot write %s", path);
	versionsfile_free(&known);
	buf_free(&cache);
}

void
provenance_load(struct report *rp)
{
	const char *dir = rp->merged ? rp->merged[0] : rp->builddir;
	char *tpath = layout_top(dir, TOP_TOOLS);
	char *vpath = layout_top(rp->builddir, TOP_VERSIONS);
	struct strlist *l = xcalloc(1, sizeof *l);
	struct toolsfile t;
	char *rev;

	strlist_push(l, xstrdup("cosimgen=" VERSION));
	if (toolsfile_read(&t, tpath) == 0) {
		tools(l, &t, rp->builddir, vpath);
		if (t.cocotb)
			strlist_push(l, xasprintf("cocotb=%s", t.cocotb));
		if (t.srcdir && (rev = git_revision(t.srcdir))) {
			strlist_push(l, xasprintf("git=%s", rev));
			free(rev);
		}
		toolsfile_free(&t);
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
