/* cocotbinfo.c - see cocotbinfo.h.
 *
 * The script's output and the cache are one format, read by one reader:
 * the KEY VALUE lines of kvfile.h, each line about the record last
 * started. The script writes the facts of one cocotb ("version",
 * "python", ...) and then a "module" record per file it imported, with
 * its "stderr", "test", "local" and "error_*" lines, and "end"
 * (templates/cosim_cocotb.py says what each holds). The cache (magic "cosim-cocotb 1") adds what an answer
 * was drawn from: "script PATH" (the script it came from: another one
 * voids the whole cache), "config PATH" to start the record of each
 * cocotb-config, "import NAME" and "pythonpath DIRS" in a module's (how
 * it was imported), "verilator PATH" and "verilator_version V", and a
 * "stamp SIZE MTIME_NS" line after each file whose change voids its
 * record (the script, a cocotb-config, a _version.py, a module, a local
 * file, verilator). A module whose import failed is not remembered: the
 * cause may lie outside every file it names (a package not installed). */
#include "cocotbinfo.h"
#include "escape.h"
#include "file.h"
#include "kvfile.h"
#include "keys.h"

#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define PROBE_MAGIC "cosim-cocotb-probe 1"
#define CACHE_MAGIC "cosim-cocotb 1"

/* The facts of an info, by key, in the order the cache writes them. */
static const struct {
	const char *key;
	size_t off;
} facts[] = {
	{"version", offsetof(struct cocotb_info, version)},
	{"python", offsetof(struct cocotb_info, python)},
	{"libpython", offsetof(struct cocotb_info, libpython)},
	{"lib_dir", offsetof(struct cocotb_info, lib_dir)},
	{"share_dir", offsetof(struct cocotb_info, share_dir)},
	{"vpi_icarus", offsetof(struct cocotb_info, vpi_icarus)},
	{"vpi_icarus_file", offsetof(struct cocotb_info, vpi_icarus_file)},
	{"entry", offsetof(struct cocotb_info, entry)},
	{"venv", offsetof(struct cocotb_info, venv)},
	{"home", offsetof(struct cocotb_info, home)},
	{"version_file", offsetof(struct cocotb_info, version_file)},
};
#define NFACTS (sizeof facts / sizeof *facts)

#define FACT(i, k) (*(char **)((char *)(i) + facts[k].off))

struct stamp
stamp_of(const char *path)
{
	struct stat st;
	struct stamp s = {-1, 0};

	if (stat(path, &st) == 0) {
		s.size = (long long)st.st_size;
		s.mtime_ns = (long long)st.st_mtim.tv_sec * 1000000000LL +
		    st.st_mtim.tv_nsec;
	}
	return s;
}

int
stamp_same(struct stamp a, struct stamp b)
{
	return a.size >= 0 && a.size == b.size && a.mtime_ns == b.mtime_ns;
}

int
cocotb_version_pair(const char *v, int *major, int *minor)
{
	char *end;
	long a, b;

	if (!v || *v < '0' || *v > '9')
		return -1;
	a = strtol(v, &end, 10);
	if (*end != '.' || end[1] < '0' || end[1] > '9')
		return -1;
	b = strtol(end + 1, &end, 10);
	if (a > 1000 || b > 100000)
		return -1;
	*major = (int)a;
	*minor = (int)b;
	return 0;
}

static void
module_free(struct cocotb_module *m)
{
	size_t i;

	for (i = 0; i < m->ncases; i++)
		free(m->cases[i].name);
	free(m->cases);
	list_free(m->locals);
	free(m->local_stamps);
	free(m->name);
	free(m->pythonpath);
	free(m->error);
	free(m->error_file);
	free(m->path);
	free(m);
}

static void
info_free(struct cocotb_info *i)
{
	size_t k;

	for (k = 0; k < NFACTS; k++)
		free(FACT(i, k));
	for (k = 0; k < i->nmodules; k++)
		module_free(i->modules[k]);
	free(i->modules);
	free(i->config);
	free(i->fail);
	free(i);
}

/* Forget what c holds. */
static void
cache_free(struct cocotb_cache *c)
{
	size_t k;

	for (k = 0; k < c->ninfos; k++)
		info_free(c->infos[k]);
	free(c->infos);
	free(c->verilator);
	free(c->verilator_version);
	memset(c, 0, sizeof *c);
}

/* ---- reading: the script's output and the cache ---- */

/* Where the reader is: the record lines add to. */
struct reader {
	struct cocotb_cache *cache;	/* NULL: the script's output */
	struct cocotb_info *info;
	struct cocotb_module *mod;
	struct stamp *last;		/* what a "stamp" line is of */
	struct stamp *script;		/* the cache's script stamp */
	const char *script_path;
	int bad;
};

static struct cocotb_info *
info_push(struct cocotb_cache *c, const char *config)
{
	struct cocotb_info *i = xcalloc(1, sizeof *i);

	i->config = xstrdup(config);
	c->infos = xreallocarray(c->infos, c->ninfos + 1, sizeof *c->infos);
	c->infos[c->ninfos++] = i;
	return i;
}

static struct cocotb_module *
module_push(struct cocotb_info *i, const char *path)
{
	struct cocotb_module *m = xcalloc(1, sizeof *m);

	m->path = xstrdup(path);
	m->stamp.size = -1;
	m->err_at = -1;
	list_split("", &m->locals);
	i->modules = xreallocarray(i->modules, i->nmodules + 1,
	    sizeof *i->modules);
	i->modules[i->nmodules++] = m;
	return m;
}

/* The words of a test's flags, and the flag each sets. */
static const char *const flag_words[3] = {"skip", "expect_fail",
	"expect_error"};

static int *
case_flag(struct cocotb_case *k, size_t j)
{
	return j == 0 ? &k->skip : j == 1 ? &k->expect_fail : &k->expect_error;
}

/* "LINE FLAGS NAME": a test of the module being read. */
static int
read_case(struct cocotb_module *m, const char *v)
{
	struct cocotb_case *k;
	char *end, *flags, *f;
	long line = strtol(v, &end, 10);
	size_t n, j;

	if (end == v || *end != ' ' || line < 0)
		return -1;
	n = strcspn(end + 1, " ");
	if (!end[1 + n] || !end[2 + n])
		return -1;
	m->cases = xreallocarray(m->cases, m->ncases + 1, sizeof *m->cases);
	k = &m->cases[m->ncases++];
	memset(k, 0, sizeof *k);
	k->line = line;
	k->name = xstrdup(end + 2 + n);
	flags = xstrndup(end + 1, n);
	for (f = strtok(flags, ","); f; f = strtok(NULL, ","))
		for (j = 0; j < 3; j++)
			if (strcmp(f, flag_words[j]) == 0)
				*case_flag(k, j) = 1;
	free(flags);
	return 0;
}

static int
read_stamp(struct stamp *s, const char *v)
{
	char *end;

	if (!s)
		return -1;
	s->size = strtoll(v, &end, 10);
	if (*end != ' ')
		return -1;
	s->mtime_ns = strtoll(end + 1, &end, 10);
	return *end ? -1 : 0;
}

/* A line of a module record; 1 when key is not one. */
static int
module_line(struct reader *r, const char *k, const char *v)
{
	struct cocotb_module *m = r->mod;
	int64_t n;

	if (!m)
		return strcmp(k, "test") && strcmp(k, "local") &&
		    strncmp(k, "error", 5) ? 1 : -1;
	if (strcmp(k, "test") == 0)
		return read_case(m, v);
	if (strcmp(k, "local") == 0) {
		list_push(&m->locals, &m->nlocals, xstrdup(v));
		m->local_stamps = xreallocarray(m->local_stamps, m->nlocals,
		    sizeof *m->local_stamps);
		m->local_stamps[m->nlocals - 1].size = -1;
		r->last = &m->local_stamps[m->nlocals - 1];
	} else if (strcmp(k, "pythonpath") == 0) {
		free(m->pythonpath);
		m->pythonpath = xstrdup(v);
	} else if (strcmp(k, "import") == 0) {
		free(m->name);
		m->name = xstrdup(v);
	} else if (strcmp(k, "stderr") == 0) {
		if (parse_int(v, 0, INT64_MAX, &n) < 0)
			return -1;
		m->err_at = (long long)n;
	} else if (strcmp(k, "error_file") == 0) {
		m->error_file = xstrdup(v);
	} else if (strcmp(k, "error_line") == 0) {
		if (parse_int(v, 0, 100000000, &n) < 0)
			return -1;
		m->error_line = (long)n;
	} else if (strcmp(k, "error_text") == 0) {
		m->error = xstrdup(v);
	} else {
		return 1;
	}
	return 0;
}

/* A line of the cache alone; 1 when key is not one. */
static int
cache_line(struct reader *r, const char *k, const char *v)
{
	if (!r->cache)
		return 1;
	if (strcmp(k, "script") == 0) {
		if (strcmp(v, r->script_path) != 0)
			return -1;
		r->last = r->script;
	} else if (strcmp(k, "config") == 0) {
		r->info = info_push(r->cache, v);
		r->mod = NULL;
		r->last = &r->info->config_stamp;
	} else if (strcmp(k, "verilator") == 0) {
		r->cache->verilator = xstrdup(v);
		r->last = &r->cache->verilator_stamp;
	} else if (strcmp(k, "verilator_version") == 0) {
		r->cache->verilator_version = xstrdup(v);
	} else {
		return 1;
	}
	return 0;
}

static void
read_line(struct reader *r, const char *k, const char *v)
{
	size_t f;
	int rc;

	if (strcmp(k, "stamp") == 0) {
		r->bad |= read_stamp(r->last, v) < 0;
		r->last = NULL;
		return;
	}
	r->last = NULL;
	if ((rc = cache_line(r, k, v)) != 1 || !r->info) {
		r->bad |= rc < 0 || (rc == 1 && !r->info);
		return;
	}
	if (strcmp(k, "module") == 0) {
		r->mod = module_push(r->info, v);
		r->last = &r->mod->stamp;
		return;
	}
	if ((rc = module_line(r, k, v)) != 1) {
		r->bad |= rc < 0;
		return;
	}
	for (f = 0; f < NFACTS; f++) {
		if (strcmp(k, facts[f].key) != 0)
			continue;
		if (r->mod) {
			r->bad = 1;	/* facts come before the modules */
			return;
		}
		if (FACT(r->info, f) && strcmp(k, "python") == 0)
			return;		/* cocotb-config's answer stands */
		free(FACT(r->info, f));
		FACT(r->info, f) = xstrdup(v);
		if (strcmp(k, "version_file") == 0)
			r->last = &r->info->version_stamp;
		if (strcmp(k, "version") == 0 && cocotb_version_pair(v,
		    &r->info->major, &r->info->minor) < 0)
			r->bad = 1;
		return;
	}
	/* a key of a newer script: skipped */
}

static int
read_all(struct reader *r, char *text, const char *magic)
{
	struct kvfile f;
	size_t i, line;

	if (kv_parse(&f, text, magic, &line) != 0) {
		kv_free(&f);
		return -1;
	}
	for (i = 0; i < f.n && !r->bad; i++)
		read_line(r, f.keys[i], f.vals[i]);
	kv_free(&f);
	return r->bad ? -1 : 0;
}

int
cocotb_info_read(struct cocotb_info *i, char *text)
{
	struct reader r = {NULL, i, NULL, NULL, NULL, NULL, 0};

	return read_all(&r, text, PROBE_MAGIC);
}

void
cocotb_cache_read(struct cocotb_cache *c, const char *path, const char *script)
{
	struct stamp was = {-1, 0};
	struct reader r = {c, NULL, NULL, NULL, &was, script, 0};
	char *text;
	size_t i, kept;

	memset(c, 0, sizeof *c);
	if (!(text = file_read(path, NULL)))
		return;
	if (read_all(&r, text, CACHE_MAGIC) != 0 ||
	    !stamp_same(was, stamp_of(script))) {
		/* corrupt, foreign or stale: forgotten (and rewritten) */
		cache_free(c);
		return;
	}
	for (i = 0, kept = 0; i < c->ninfos; i++)
		if (cocotb_info_fresh(c->infos[i]))
			c->infos[kept++] = c->infos[i];
		else
			info_free(c->infos[i]);
	c->ninfos = kept;
}

/* ---- writing the cache ---- */

/* A KEY VALUE line of the cache. (kvfile.h's kv_put is for the records
 * of fields.h; the cache is a list of records of its own.) */
static void
put(struct buf *b, const char *key, const char *value)
{
	buf_puts(b, key);
	buf_putc(b, ' ');
	esc_line(b, value);
	buf_putc(b, '\n');
}

static void
put_stamp(struct buf *b, struct stamp s)
{
	buf_printf(b, "stamp %lld %lld\n", s.size, s.mtime_ns);
}

static void
put_module(struct buf *b, const struct cocotb_module *m)
{
	struct buf v = {0};
	size_t k, j;

	put(b, "module", m->path);
	put_stamp(b, m->stamp);
	if (m->name)
		put(b, "import", m->name);
	if (m->pythonpath)
		put(b, "pythonpath", m->pythonpath);
	for (k = 0; k < m->ncases; k++) {
		struct cocotb_case *t = &m->cases[k];

		buf_reset(&v);
		buf_printf(&v, "%ld ", t->line);
		for (j = 0; j < 3; j++)
			if (*case_flag(t, j))
				buf_printf(&v, "%s,", flag_words[j]);
		if (v.s[v.len - 1] == ' ')
			buf_putc(&v, '-');
		buf_printf(&v, " %s", t->name);
		put(b, "test", v.s);
	}
	for (k = 0; k < m->nlocals; k++) {
		put(b, "local", m->locals[k]);
		put_stamp(b, m->local_stamps[k]);
	}
	buf_free(&v);
}

char *
cocotb_cache_text(const struct cocotb_cache *c, const char *script)
{
	struct buf b = {0};
	size_t i, k;

	kv_begin(&b, CACHE_MAGIC);
	put(&b, "script", script);
	put_stamp(&b, stamp_of(script));
	if (c->verilator && c->verilator_version) {
		put(&b, "verilator", c->verilator);
		put_stamp(&b, c->verilator_stamp);
		put(&b, "verilator_version", c->verilator_version);
	}
	for (i = 0; i < c->ninfos; i++) {
		const struct cocotb_info *in = c->infos[i];

		if (in->fail || !in->version_file || !in->used)
			continue;
		put(&b, "config", in->config);
		put_stamp(&b, in->config_stamp);
		for (k = 0; k < NFACTS; k++) {
			if (!FACT(in, k))
				continue;
			put(&b, facts[k].key, FACT(in, k));
			if (strcmp(facts[k].key, "version_file") == 0)
				put_stamp(&b, in->version_stamp);
		}
		for (k = 0; k < in->nmodules; k++)
			if (!in->modules[k]->error && in->modules[k]->used)
				put_module(&b, in->modules[k]);
	}
	return buf_steal(&b);
}

int
cocotb_info_fresh(const struct cocotb_info *i)
{
	return !i->fail && i->version_file && i->python &&
	    stamp_same(i->config_stamp, stamp_of(i->config)) &&
	    stamp_same(i->version_stamp, stamp_of(i->version_file));
}

int
cocotb_module_fresh(const struct cocotb_module *m)
{
	size_t k;

	if (m->error || !stamp_same(m->stamp, stamp_of(m->path)))
		return 0;
	for (k = 0; k < m->nlocals; k++)
		if (!stamp_same(m->local_stamps[k], stamp_of(m->locals[k])))
			return 0;
	return 1;
}

/* Whether a and b are both NULL or the same string. */
static int
same(const char *a, const char *b)
{
	return a ? b && strcmp(a, b) == 0 : !b;
}

int
cocotb_ask_same(const struct cocotb_ask *a, const struct cocotb_ask *b)
{
	return strcmp(a->path, b->path) == 0 && same(a->name, b->name) &&
	    same(a->pythonpath, b->pythonpath);
}

/* Whether m was imported as a says. */
static int
module_is(const struct cocotb_module *m, const struct cocotb_ask *a)
{
	struct cocotb_ask was = {m->path, m->name, m->pythonpath};

	return cocotb_ask_same(&was, a);
}

struct cocotb_module *
cocotb_module_find(const struct cocotb_info *i, const struct cocotb_ask *a)
{
	size_t k;

	for (k = 0; k < i->nmodules; k++)
		if (module_is(i->modules[k], a))
			return i->modules[k];
	return NULL;
}

void
cocotb_modules_forget(struct cocotb_info *i, const struct cocotb_ask *asks,
	size_t n)
{
	size_t k, j, kept = 0;

	for (k = 0; k < i->nmodules; k++) {
		for (j = 0; j < n; j++)
			if (module_is(i->modules[k], &asks[j]))
				break;
		if (j < n)
			module_free(i->modules[k]);
		else
			i->modules[kept++] = i->modules[k];
	}
	i->nmodules = kept;
}
