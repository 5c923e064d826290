/* cocotbtests.c - see cocotbtests.h. */
#include "cocotbtests.h"
#include "cocotb.h"
#include "diag.h"
#include "path.h"
#include "util.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

char *
cocotb_test_name(const struct msection *s, const struct cocotb_case *k)
{
	char *name = xasprintf("%s.%s", s->name, k->name), *p;

	for (p = name + strlen(s->name) + 1; *p; p++)
		if (!isalnum((unsigned char)*p) && !strchr("_.-", *p))
			*p = '_';
	return name;
}

/* Add path to t's inputs, once. */
static void
add_input(struct test *t, char *path)
{
	size_t n;

	for (n = 0; t->depends[n]; n++)
		if (strcmp(t->depends[n], path) == 0) {
			free(path);
			return;
		}
	list_push(&t->depends, &n, path);
}

void
cocotb_test(struct ctx *c, struct test *t, const struct cocotb_module *m,
	size_t k)
{
	struct cocotb *cb = c->mo->cocotb;
	const struct cocotb_use *u = cocotb_use_of(cb, t->sec);
	const struct cocotb_info *i = u->info;
	const struct cocotb_case *kc = &m->cases[k];
	struct spec *sp = &t->spec;
	char *dir = path_dirname(u->where->raw), *up;
	const char *dot;
	size_t j;

	/* the directory the import name starts from: above the top package
	 * of a module in one */
	for (dot = strchr(u->ask.name, '.'); dot; dot = strchr(dot + 1, '.')) {
		up = path_join(dir, "..");
		free(dir);
		dir = up;
	}
	t->group = t->sec->name;
	sp->cocotb_test = kc->name;
	sp->cocotb_module = xstrdup(u->ask.name);
	sp->cocotb_path = resolve_path(c, u->where->file, dir);
	sp->cocotb_toplevel = u->design->v[K_TOP].raw;
	sp->cocotb_version = i->version;
	sp->cocotb_python = i->python;
	sp->cocotb_libpython = i->libpython;
	sp->cocotb_venv = i->venv;
	sp->cocotb_home = i->venv ? NULL : i->home;
	sp->cocotb_entry = i->major >= 2 ? i->entry : NULL;
	sp->cocotb_expect = kc->expect_fail || kc->expect_error;
	sp->cocotb_skip = kc->skip;
	if (kc->skip)
		sp->disabled = 1;
	/* cocotb's results are the verdict, and cocotb logs at ERROR level
	 * in tests it passes: the built-in patterns only when asked for */
	if (!resolve_lookup(t->sec, u->design, &c->m->global,
	    K_DEFAULT_PATTERNS))
		sp->default_patterns = 0;
	/* editing the module or a helper it imports reruns its tests */
	add_input(t, path_relative(c->outdir, m->path));
	for (j = 0; j < m->nlocals; j++)
		add_input(t, path_relative(c->outdir, m->locals[j]));
	if (resolve_sim(u->design, &c->m->global) == SIM_ICARUS) {
		sp->cocotb_vpi = i->vpi_icarus;
		if (i->vpi_icarus_file)
			add_input(t, xstrdup(i->vpi_icarus_file));
	}
	free(dir);
}

/* A design cocotb tests use serves no other test. */
static void
shared_designs(struct ctx *c)
{
	struct cocotb *cb = c->mo->cocotb;
	size_t i, k;

	for (i = 0; i < c->mo->ntests; i++) {
		const struct test *t = c->mo->tests[i];
		const struct mvalue *v = &t->sec->v[K_DESIGN];

		if (t->group || !t->design || !t->design->for_cocotb)
			continue;
		for (k = 0; cb->uses[k].design != t->design->sec; k++)
			;
		diag_error(v->file, v->line, "test '%s' cannot use design '%s': "
		    "it is built for the cocotb tests of [test:%s] (%s:%d); give "
		    "'%s' a design of its own", t->name, t->design->name,
		    cb->uses[k].test->name, cb->uses[k].where->file,
		    cb->uses[k].where->line, t->name);
	}
}

/* A name a test or a target takes, for the clash check. */
struct named {
	const char *name;
	char *what;		/* what takes it, for the message */
	const struct mvalue *where;	/* NULL: the section's header */
	const struct msection *sec;
	size_t seq;
};

static int
named_cmp(const void *a, const void *b)
{
	const struct named *x = a, *y = b;
	int r = strcmp(x->name, y->name);

	return r ? r : x->seq < y->seq ? -1 : x->seq > y->seq;
}

static void
named_at(const struct named *n, const char **file, int *line)
{
	*file = n->where ? n->where->file : n->sec->file;
	*line = n->where ? n->where->line : n->sec->line;
}

/* The longest name of a cocotb test (a parametrised one may be long):
 * it names a directory, and file systems take 255 bytes. */
#define COCOTB_NAME_MAX 200

/* No two tests, and no test and test/GROUP target, have one name; no
 * cocotb test has a name too long for a directory. */
static void
clashes(struct ctx *c)
{
	struct cocotb *cb = c->mo->cocotb;
	size_t n = 0, i, cap = c->mo->ntests + cb->nuses;
	struct named *v = xcalloc(cap + 1, sizeof *v);

	for (i = 0; i < c->mo->ntests; i++) {
		const struct test *t = c->mo->tests[i];
		struct named *e = &v[n];

		e->name = t->name;
		e->sec = t->sec;
		e->seq = n++;
		if (t->group) {
			e->where = &t->sec->v[K_COCOTB];
			e->what = xasprintf("cocotb test '%s' of [test:%s]",
			    t->spec.cocotb_test, t->group);
			if (strlen(t->name) > COCOTB_NAME_MAX)
				diag_error(e->where->file, e->where->line, "the "
				    "%s would be named '%s', %zu characters: a test's "
				    "name becomes a directory's, at most %d", e->what,
				    t->name, strlen(t->name), COCOTB_NAME_MAX);
		} else {
			e->what = xasprintf("[test:%s]", t->name);
		}
	}
	for (i = 0; i < cb->nuses; i++) {
		if (!cb->uses[i].ok)
			continue;
		v[n].name = cb->uses[i].test->name;
		v[n].sec = cb->uses[i].test;
		v[n].where = cb->uses[i].where;
		v[n].what = xasprintf("target test/%s, which runs the cocotb "
		    "tests of [test:%s]", v[n].name, v[n].name);
		v[n].seq = n;
		n++;
	}
	qsort(v, n, sizeof *v, named_cmp);
	for (i = 1; i < n; i++) {
		const char *f0, *f1;
		int l0, l1;

		if (strcmp(v[i - 1].name, v[i].name) != 0)
			continue;
		named_at(&v[i - 1], &f0, &l0);
		named_at(&v[i], &f1, &l1);
		diag_error(f1, l1, "two tests are named '%s': %s, and %s (%s:%d); "
		    "rename one", v[i].name, v[i].what, v[i - 1].what, f0, l0);
	}
	for (i = 0; i < n; i++)
		free(v[i].what);
	free(v);
}

/* Add path (taken over) to the regeneration's inputs, once. */
static void
regen_input(struct model *mo, char *path)
{
	size_t i;

	for (i = 0; i < mo->nregen_inputs; i++)
		if (strcmp(mo->regen_inputs[i], path) == 0) {
			free(path);
			return;
		}
	list_push(&mo->regen_inputs, &mo->nregen_inputs, path);
}

void
cocotb_finish(struct ctx *c)
{
	struct model *mo = c->mo;
	struct cocotb *cb = mo->cocotb;
	size_t i, k;

	if (!cb)
		return;
	shared_designs(c);
	clashes(c);
	/* a cocotb upgrade, an edited module or helper: discovered again */
	for (i = 0; i < cb->nuses; i++) {
		const struct cocotb_module *m = cb->uses[i].mod;
		const struct cocotb_info *in = cb->uses[i].info;

		if (in && in->version_file)
			regen_input(mo, xstrdup(in->version_file));
		if (!m)
			continue;
		if (in->vpi_icarus_file && resolve_sim(cb->uses[i].design,
		    &c->m->global) == SIM_ICARUS)
			regen_input(mo, xstrdup(in->vpi_icarus_file));
		regen_input(mo, path_relative(c->outdir, m->path));
		for (k = 0; k < m->nlocals; k++)
			regen_input(mo, path_relative(c->outdir, m->locals[k]));
	}
	mo->cocotb_cache_text = cocotb_cache_text(&cb->cache, cb->script);
}
