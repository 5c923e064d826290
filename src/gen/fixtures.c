/* fixtures.c - see fixtures.h.
 *
 * A fixture's values are its own: setup, cleanup and env, with timeout
 * and kill_grace along fixture -> [cosimgen] -> built-in (a suite that
 * gives its tests long timeouts gives its setups the same). Its commands
 * run in BUILDDIR/fixtures/NAME/run/ through the shell, with no
 * placeholders (check.c refuses the known ones there): the launcher gives
 * them COSIM_FIXTURE_DIR, COSIM_SRCDIR and COSIM_BUILDDIR instead. The
 * spec of a fixture is written beside its state, and is an input of the
 * run edge of each test that needs it, so that a changed setup runs its
 * tests again. */
#include "fixtures.h"
#include "diag.h"
#include "layout.h"
#include "resources.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

static struct fixture *
find(const struct model *mo, const char *name)
{
	size_t i;

	for (i = 0; i < mo->nfixtures; i++)
		if (strcmp(mo->fixtures[i]->name, name) == 0)
			return mo->fixtures[i];
	return NULL;
}

void
fixtures_add(struct ctx *c, const struct msection *s)
{
	const struct msection *g = &c->m->global;
	struct fixture *f = xcalloc(1, sizeof *f);
	struct fixture_spec *sp = &f->spec;
	struct model *mo = c->mo;

	if (!s->v[K_SETUP].raw && !s->v[K_CLEANUP].raw && !s->damaged)
		diag_error(s->file, s->line, "[fixture:%s] needs 'setup' or "
		    "'cleanup' (or both): the commands run before the first of "
		    "its tests and after the last", s->name);
	f->name = s->name;
	f->sec = s;
	sp->name = s->name;
	sp->setup = s->v[K_SETUP].raw;
	sp->cleanup = s->v[K_CLEANUP].raw;
	sp->srcdir = resolve_path(c, s->file, ".");
	sp->builddir = mo->builddir;
	sp->templates = mo->templates;
	sp->dir = layout_fixture(mo->builddir, s->name);
	sp->timeout_ms = resolve_num(s, NULL, g, K_TIMEOUT);
	sp->kill_grace_ms = resolve_num(s, NULL, g, K_KILL_GRACE);
	sp->env = resolve_strlist(&s->v[K_ENV]);
	f->spec_path = layout_in(sp->dir, DIR_SPEC);
	for (size_t k = 0; k < mo->nfixtures; k++)
		if (resources_env_same(mo->fixtures[k]->name, s->name))
			diag_error(s->file, s->line, "[fixture:%s] and "
			    "[fixture:%s] would both be COSIM_FIXTURE_... with "
			    "the same name in a test's environment: rename one",
			    mo->fixtures[k]->name, s->name);
	mo->fixtures = xrealloc(mo->fixtures,
	    (mo->nfixtures + 1) * sizeof *mo->fixtures);
	mo->fixtures[mo->nfixtures++] = f;
}

/* Whether items[i] is one of the items before it. */
static int
listed_before(char **items, size_t i)
{
	size_t j;

	for (j = 0; j < i; j++)
		if (strcmp(items[j], items[i]) == 0)
			return 1;
	return 0;
}

/* The fixtures section s lists: known, each once. */
static void
check_section(const struct model *mo, const struct msection *s)
{
	const struct mvalue *v = &s->v[K_FIXTURES];
	const char **names;
	char **items, *who;
	size_t i;

	if (!v->raw || list_split(v->raw, &items) < 0)
		return;		/* an unterminated quote was reported */
	names = xcalloc(mo->nfixtures + 1, sizeof *names);
	for (i = 0; i < mo->nfixtures; i++)
		names[i] = mo->fixtures[i]->name;
	who = s->kind == SK_GLOBAL ? xstrdup("[cosimgen]") :
	    xasprintf("%s '%s'", skind_name(s->kind), s->name);
	for (i = 0; items[i]; i++) {
		char *hint = xasprintf("; declare it as [fixture:%s] with a "
		    "setup or a cleanup", items[i]);

		if (!find(mo, items[i]))
			diag_unknown(v->file, v->line, who, "fixture", items[i],
			    names, hint);
		else if (listed_before(items, i))
			diag_error(v->file, v->line, "fixture '%s' is listed "
			    "twice in 'fixtures'", items[i]);
		free(hint);
	}
	free(who);
	free(names);
	list_free(items);
}

void
fixtures_check(struct ctx *c)
{
	size_t i;

	check_section(c->mo, &c->m->global);
	for (i = 0; i < c->m->nsections; i++) {
		const struct msection *s = c->m->sections[i];

		if (s->kind == SK_DESIGN || s->kind == SK_TEST)
			check_section(c->mo, s);
	}
}

void
fixtures_test(struct ctx *c, struct test *t)
{
	const struct msection *ds = t->design ? t->design->sec : NULL;
	char **items = resolve_list(resolve_lookup(t->sec, ds, &c->m->global,
	    K_FIXTURES));
	size_t i;

	t->fixtures = xcalloc(1, sizeof *t->fixtures);
	for (i = 0; items[i]; i++) {
		struct fixture *f = find(c->mo, items[i]);

		if (!f || listed_before(items, i))
			continue;	/* reported */
		f->used = 1;
		t->fixtures = xrealloc(t->fixtures, (t->nfixtures + 1) *
		    sizeof *t->fixtures);
		t->fixtures[t->nfixtures++] = f;
		strlist_push(&t->spec.fixtures, xstrdup(f->name));
	}
	list_free(items);
}

void
fixtures_finish(struct model *mo)
{
	size_t i;

	for (i = 0; i < mo->nfixtures; i++) {
		struct fixture *f = mo->fixtures[i];
		struct buf b = {0};

		if (!f->used)
			diag_warning(f->sec->file, f->sec->line, "fixture '%s' "
			    "is not used: no test names it in 'fixtures'",
			    f->name);
		fixture_spec_encode(&b, &f->spec);
		f->spec_text = buf_steal(&b);
	}
}
