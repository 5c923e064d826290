/* cocotb.c - see cocotb.h.
 *
 * Discovery runs before the designs are built, as a design's recipe
 * depends on whether cocotb tests use it and on the cocotb they use. The
 * cocotb test sections are gathered as "uses" (section, design, module,
 * cocotb-config); the distinct cocotb-configs are asked, each once, for
 * the modules of their uses that the cache does not know any more: one
 * process for `cocotb-config --python-bin` when the cocotb itself is not
 * remembered, one Python process for all it is asked, none when
 * everything is remembered. Errors are reported once per cocotb (at the
 * first test that asked for it) and once per module, at every test
 * section that names it. */
#include "cocotb.h"
#include "cocotbprobe.h"
#include "diag.h"
#include "layout.h"
#include "path.h"
#include "util.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* What the user sees of a file cosimgen found (absolute): relative to the
 * current directory when it is below it, as manifest paths are. */
static const char *
shown(const struct cocotb *cb, const char *path)
{
	size_t n = strlen(cb->cwd);

	if (strncmp(path, cb->cwd, n) == 0 && path[n] == '/')
		return path + n + 1;
	return path;
}

struct cocotb_use *
cocotb_use_of(struct cocotb *cb, const struct msection *s)
{
	size_t i;

	for (i = 0; cb && i < cb->nuses; i++)
		if (cb->uses[i].test == s)
			return &cb->uses[i];
	return NULL;
}

static const struct msection *
find_section(const struct manifest *m, enum skind kind, const char *name)
{
	size_t i;

	for (i = 0; i < m->nsections; i++)
		if (m->sections[i]->kind == kind &&
		    strcmp(m->sections[i]->name, name) == 0)
			return m->sections[i];
	return NULL;
}

/* Whether name is a Python identifier (of ASCII letters, digits and
 * '_'), n bytes long. */
static int
identifier(const char *name, size_t n)
{
	size_t k;

	if (!n || isdigit((unsigned char)name[0]))
		return 0;
	for (k = 0; k < n; k++)
		if (!isalnum((unsigned char)name[k]) && name[k] != '_')
			return 0;
	return 1;
}

/* Whether the file name of path is NAME.py, NAME a Python identifier. */
static int
module_name_ok(const char *path)
{
	const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	size_t n = strlen(base);

	return n > 3 && strcmp(base + n - 3, ".py") == 0 &&
	    identifier(base, n - 3);
}

/* The import name of the module at path (absolute, a NAME.py): NAME,
 * after the names of the packages it is in (the directories above it
 * with an __init__.py, up to the first without one), from the top
 * package down, as pytest's default import mode names it:
 * "tests.unit.test_rel". */
static char *
import_name(const char *path)
{
	const char *base = strrchr(path, '/') + 1, *pkg;
	char *name = xstrndup(base, strlen(base) - 3), *dir = path_dirname(path);
	char *init, *up, *longer;
	struct stat st;

	for (;;) {
		init = path_join(dir, "__init__.py");
		pkg = strrchr(dir, '/') ? strrchr(dir, '/') + 1 : dir;
		if (stat(init, &st) != 0 || !S_ISREG(st.st_mode) ||
		    !identifier(pkg, strlen(pkg))) {
			free(init);
			break;
		}
		free(init);
		longer = xasprintf("%s.%s", pkg, name);
		free(name);
		name = longer;
		up = path_dirname(dir);
		free(dir);
		dir = up;
	}
	free(dir);
	return name;
}

/* Check section s, a cocotb test; returns its design's section when it
 * can be discovered, else NULL (reported, or reported elsewhere). */
static const struct msection *
use_check(struct ctx *c, const struct msection *s, char **module)
{
	const struct mvalue *v = &s->v[K_COCOTB], *cmd = &s->v[K_COMMAND];
	const struct mvalue *dv = &s->v[K_DESIGN];
	const struct msection *ds;
	struct stat st;
	int ok = 1;

	*module = path_join(resolve_file_dir(c, v->file), v->raw);
	if (cmd->raw) {
		diag_error(cmd->file, cmd->line, "test '%s' runs the cocotb "
		    "module '%s': it takes no 'command' (the simulation is the "
		    "test)", s->name, v->raw);
		ok = 0;
	}
	if (stat(*module, &st) != 0 || !S_ISREG(st.st_mode)) {
		diag_error(v->file, v->line, "cocotb module '%s' not found (paths "
		    "are relative to the file they are written in)", v->raw);
		ok = 0;
	} else if (!module_name_ok(*module)) {
		diag_error(v->file, v->line, "'%s' is not a Python module cocotb "
		    "can import: name it NAME.py, NAME a Python identifier",
		    v->raw);
		ok = 0;
	}
	if (!dv->raw) {
		diag_error(v->file, v->line, "test '%s' runs a cocotb module but "
		    "names no design: add design = NAME (an icarus or verilator "
		    "design)", s->name);
		return NULL;
	}
	if (!(ds = find_section(c->m, SK_DESIGN, dv->raw)))
		return NULL;	/* reported by the test */
	switch (resolve_sim(ds, &c->m->global)) {
	case SIM_CUSTOM:
	case SIM_GHDL:
		diag_error(v->file, v->line, "cocotb runs on icarus and verilator "
		    "designs; design '%s' is simulator = %s", ds->name,
		    sim_name(resolve_sim(ds, &c->m->global)));
		return NULL;
	case SIM_NONE:
		return NULL;	/* reported */
	default:
		break;
	}
	return ok ? ds : NULL;
}

/* The directories the PYTHONPATH of test section s (its env, along the
 * defaults chain through design section ds) puts on sys.path, as the
 * generator can know them: absolute ones, and those made of {srcdir},
 * {builddir} or {templates}; joined by ':', or NULL when none. (A
 * relative one is relative to each test's run directory.) */
static char *
use_pythonpath(struct ctx *c, const struct msection *s,
	const struct msection *ds)
{
	static const char *const names[] = {"srcdir", "builddir", "templates",
		NULL};
	const char *vals[4];
	char **env = resolve_list(resolve_lookup(s, ds, &c->m->global, K_ENV));
	char **p, *value = NULL, *dirs, *d;
	char *bd = path_join(c->outdir, c->mo->builddir);
	struct buf b = {0};

	for (p = env; *p; p++)
		if (strncmp(*p, "PYTHONPATH=", 11) == 0)
			value = *p + 11;	/* the last one counts */
	vals[0] = resolve_file_dir(c, s->file);
	vals[1] = bd;
	vals[2] = c->mo->templates;
	vals[3] = NULL;
	dirs = value ? placeholder_expand(value, names, vals) : xstrdup("");
	for (d = strtok(dirs, ":"); d; d = strtok(NULL, ":"))
		if (d[0] == '/' && !strpbrk(d, "{}$"))
			buf_printf(&b, "%s%s", b.len ? ":" : "", d);
	free(dirs);
	free(bd);
	list_free(env);
	return b.s ? buf_steal(&b) : NULL;
}

/* The cocotb-config that design section ds names (absolute), or NULL
 * after an error at where. */
static char *
config_of(struct ctx *c, const struct msection *ds, const struct mvalue *where)
{
	struct cocotb *cb = c->mo->cocotb;
	const struct mvalue *v = resolve_lookup(NULL, ds, &c->m->global,
	    K_COCOTB_CONFIG);
	const char *name = resolve_value(v, K_COCOTB_CONFIG), *path;
	char *found;

	if (strchr(name, '/')) {
		found = path_join(resolve_file_dir(c, v->file), name);
		if (access(found, X_OK) == 0)
			return found;
		diag_error(where->file, where->line, "cocotb is not installed: "
		    "cocotb_config '%s' (set at %s:%d) %s; pip install cocotb or "
		    "set cocotb_config", name, v->file, v->line, access(found,
		    F_OK) == 0 ? "cannot be run" : "not found");
		free(found);
		return NULL;
	}
	path = getenv("PATH");
	if ((found = path_search(name, path ? path : "", cb->cwd)))
		return found;
	if (v)
		diag_error(where->file, where->line, "cocotb is not installed: no "
		    "%s on the PATH (cocotb_config, set at %s:%d); pip install "
		    "cocotb or set cocotb_config", name, v->file, v->line);
	else
		diag_error(where->file, where->line, "cocotb is not installed: no "
		    "%s on the PATH; pip install cocotb or set cocotb_config",
		    name);
	return NULL;
}

/* The info of config: the remembered one (which still holds), else a
 * new one; either way the cache's. */
static struct cocotb_info *
info_for(struct cocotb *cb, char *config)
{
	struct cocotb_cache *cc = &cb->cache;
	struct cocotb_info *i;
	size_t k;

	for (k = 0; k < cc->ninfos; k++) {
		i = cc->infos[k];
		if (strcmp(i->config, config) != 0)
			continue;
		free(config);
		i->used = 1;
		return i;
	}
	i = xcalloc(1, sizeof *i);
	i->config = config;
	i->config_stamp = stamp_of(config);
	i->used = 1;
	cc->infos = xreallocarray(cc->infos, cc->ninfos + 1, sizeof *cc->infos);
	cc->infos[cc->ninfos++] = i;
	return i;
}

/* Ask info i about the modules of its uses it does not know (or does not
 * know any more). */
static void
ask(struct cocotb *cb, struct cocotb_info *i)
{
	struct cocotb_ask *asks = NULL;
	struct cocotb_module *m;
	size_t n = 0, u, k;

	for (u = 0; u < cb->nuses; u++) {
		if (cb->uses[u].info != i)
			continue;
		m = cocotb_module_find(i, &cb->uses[u].ask);
		if (m && (m->used || cocotb_module_fresh(m))) {
			m->used = 1;
			continue;
		}
		for (k = 0; k < n; k++)
			if (cocotb_ask_same(&asks[k], &cb->uses[u].ask))
				break;
		if (k < n)
			continue;
		asks = xreallocarray(asks, n + 1, sizeof *asks);
		asks[n++] = cb->uses[u].ask;
	}
	if (n || !i->version_file)
		cocotb_probe(i, cb->script, asks, n, cb->import_limit);
	for (k = 0; k < n; k++)
		if ((m = cocotb_module_find(i, &asks[k])))
			m->used = 1;
	free(asks);
}

/* Whether i told all cosimgen needs, of a version it runs. */
static int
info_ok(const struct cocotb_info *i)
{
	return i && !i->fail && i->version && i->major >= 1 && i->major < 3 &&
	    (i->major > 1 || i->minor >= 8);
}

/* What is wrong with the cocotb of u, once per cocotb (at its first
 * use): not installed, too old, too new. */
static void
info_verify(struct cocotb *cb, const struct cocotb_use *u)
{
	const struct cocotb_info *i = u->info;
	const struct mvalue *v = u->where;
	size_t k;

	for (k = 0; &cb->uses[k] != u; k++)
		if (cb->uses[k].info == i)
			return;		/* said at the first use */
	if (i->version && (i->major < 1 || (i->major == 1 && i->minor < 8)))
		diag_error(v->file, v->line, "cocotb %s (from %s) is too old: "
		    "cosimgen runs cocotb 1.x from 1.8, and 2.x; pip install -U "
		    "cocotb, or set cocotb_config", i->version, i->config);
	else if (i->version && i->major >= 3)
		diag_error(v->file, v->line, "cocotb %s (from %s) is too new: "
		    "cosimgen runs cocotb 1.x from 1.8, and 2.x; pip install "
		    "'cocotb<3', or set cocotb_config", i->version, i->config);
	else if (i->fail)
		diag_error(v->file, v->line, "cocotb is not installed: %s; pip "
		    "install cocotb or set cocotb_config", i->fail);
}

/* The version of the verilator on the PATH, remembered with the stamp of
 * its file; NULL when there is none or it does not say. *path is where
 * it is. */
static const char *
verilator_version(struct cocotb *cb, const char **path)
{
	struct cocotb_cache *cc = &cb->cache;
	const char *p = getenv("PATH");
	char *found = path_search("verilator", p ? p : "", cb->cwd);

	*path = NULL;
	if (!found)
		return NULL;
	if (!cc->verilator || strcmp(cc->verilator, found) != 0 ||
	    !cc->verilator_version ||
	    !stamp_same(cc->verilator_stamp, stamp_of(found))) {
		free(cc->verilator);
		free(cc->verilator_version);
		cc->verilator = found;
		cc->verilator_stamp = stamp_of(found);
		cc->verilator_version = cocotb_verilator_version(found);
	} else {
		free(found);
	}
	*path = cc->verilator;
	return cc->verilator_version;
}

/* cocotb 1.x runs on Verilator from 4.106, 2.x from 5.036: once per
 * design, at its first use. */
static void
verilator_verify(struct ctx *c, const struct cocotb_use *u)
{
	struct cocotb *cb = c->mo->cocotb;
	const struct cocotb_info *i = u->info;
	const char *path, *have;
	int need_minor = i->major >= 2 ? 36 : 106, need = i->major >= 2 ? 5 : 4;
	int major, minor;
	size_t k;

	if (resolve_sim(u->design, &c->m->global) != SIM_VERILATOR)
		return;
	for (k = 0; &cb->uses[k] != u; k++)
		if (cb->uses[k].design == u->design)
			return;
	/* Verilator writes them into a makefile of its own, unquoted */
	if (strpbrk(i->lib_dir, " \t:#$") || strpbrk(i->share_dir, " \t:#$"))
		diag_error(u->where->file, u->where->line, "Verilator cannot take "
		    "cocotb's directory '%s': white space, ':', '#' and '$' break "
		    "its generated makefile; install cocotb elsewhere, or use "
		    "simulator = icarus for design '%s'", strpbrk(i->lib_dir,
		    " \t:#$") ? i->lib_dir : i->share_dir, u->design->name);
	/* without a verilator, the compile says so */
	if (!(have = verilator_version(cb, &path)) ||
	    cocotb_version_pair(have, &major, &minor) < 0)
		return;
	if (major > need || (major == need && minor >= need_minor))
		return;
	diag_error(u->where->file, u->where->line, "cocotb %s needs Verilator "
	    "%d.%03d or newer, and %s is Verilator %s: use simulator = icarus "
	    "for design '%s'%s", i->version, need, need_minor, path, have,
	    u->design->name, i->major >= 2 ? ", or cocotb 1.x (from 1.8)" : "");
}

/* What is wrong with the module of u: it did not import (said at its
 * file and line once, and at every test that names it), or it holds no
 * test. */
static int
module_verify(struct cocotb *cb, struct cocotb_use *u)
{
	const struct mvalue *v = u->where;
	struct cocotb_module *m = cocotb_module_find(u->info, &u->ask);
	size_t k;

	if (!m) {
		diag_error(v->file, v->line, "cocotb said nothing of module '%s'",
		    v->raw);
		return 0;
	}
	u->mod = m;
	if (m->error) {
		for (k = 0; &cb->uses[k] != u; k++)
			if (cb->uses[k].mod == m)
				break;
		if (&cb->uses[k] == u && m->error_file)
			diag_error(shown(cb, m->error_file), (int)m->error_line,
			    "%s", m->error);
		diag_error(v->file, v->line, "cannot import cocotb module '%s': "
		    "%s", v->raw, m->error);
		return 0;
	}
	if (!m->ncases) {
		diag_error(v->file, v->line, "cocotb module '%s' holds no cocotb "
		    "test (an async function decorated with @cocotb.test)",
		    v->raw);
		return 0;
	}
	return 1;
}

/* The info of each use: the first use of a design finds its
 * cocotb-config, later ones take the same. */
static void
find_infos(struct ctx *c, struct cocotb *cb)
{
	size_t u, k;

	for (u = 0; u < cb->nuses; u++) {
		struct cocotb_use *us = &cb->uses[u];
		char *config;

		if (!us->design)
			continue;
		for (k = 0; k < u; k++)
			if (cb->uses[k].design == us->design)
				break;
		if (k < u)
			us->info = cb->uses[k].info;
		else if ((config = config_of(c, us->design, us->where)))
			us->info = info_for(cb, config);
	}
}

void
cocotb_discover(struct ctx *c)
{
	const struct manifest *m = c->m;
	struct model *mo = c->mo;
	struct cocotb *cb;
	char *abs, *module;
	size_t i;

	for (i = 0; i < m->nsections; i++)
		if (m->sections[i]->kind == SK_TEST &&
		    m->sections[i]->v[K_COCOTB].raw)
			break;
	if (i == m->nsections)
		return;
	cb = mo->cocotb = xcalloc(1, sizeof *cb);
	if (!(cb->cwd = getcwd(NULL, 0)))
		fatal(errno, "getcwd");
	cb->script = path_join(mo->templates, "cosim_cocotb.py");
	cb->import_limit = resolve_num(NULL, NULL, &m->global,
	    K_COCOTB_IMPORT_TIMEOUT);
	mo->cocotb_cache = layout_top(mo->builddir, TOP_COCOTB);
	abs = path_join(c->outdir, mo->cocotb_cache);
	cocotb_cache_read(&cb->cache, abs, cb->script);
	free(abs);
	for (; i < m->nsections; i++) {
		const struct msection *s = m->sections[i];
		struct cocotb_use *u;

		if (s->kind != SK_TEST || !s->v[K_COCOTB].raw)
			continue;
		cb->uses = xreallocarray(cb->uses, cb->nuses + 1,
		    sizeof *cb->uses);
		u = memset(&cb->uses[cb->nuses++], 0, sizeof *u);
		u->test = s;
		u->where = &s->v[K_COCOTB];
		u->design = use_check(c, s, &module);
		u->ask.path = module;
		if (u->design) {
			u->ask.name = import_name(module);
			u->ask.pythonpath = use_pythonpath(c, s, u->design);
		}
	}
	find_infos(c, cb);
	for (i = 0; i < cb->cache.ninfos; i++)
		if (cb->cache.infos[i]->used)
			ask(cb, cb->cache.infos[i]);
	for (i = 0; i < cb->nuses; i++) {
		struct cocotb_use *u = &cb->uses[i];

		if (!u->info)
			continue;
		info_verify(cb, u);
		if (!info_ok(u->info))
			continue;
		verilator_verify(c, u);
		u->ok = module_verify(cb, u);
	}
}

const struct cocotb_info *
cocotb_design(struct ctx *c, const struct msection *s, int *used)
{
	struct cocotb *cb = c->mo->cocotb;
	size_t i;

	*used = 0;
	for (i = 0; cb && i < cb->nuses; i++) {
		if (cb->uses[i].design != s)
			continue;
		*used = 1;
		return info_ok(cb->uses[i].info) ? cb->uses[i].info : NULL;
	}
	return NULL;
}

const struct cocotb_module *
cocotb_module_of(struct ctx *c, const struct msection *s)
{
	struct cocotb_use *u = cocotb_use_of(c->mo->cocotb, s);

	return u && u->ok ? u->mod : NULL;
}
