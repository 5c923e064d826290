/* resources.c - see resources.h.
 *
 * A need is written NAME or NAME:NEED. It is checked once where it is
 * written (a design's need is not reported once per test), then each
 * test takes its own list, else its design's, and skips what was
 * reported. The spec lists each need as "NAME NEED ID...", every slot id
 * of the resource after the count it takes, so that cosim-run needs
 * nothing but the spec to take them.
 *
 * The pool: ninja starts at most depth edges of a pool at once, and keeps
 * the others in its own queue, where they hold no job. One pool per
 * resource, as deep as its slots; a test that needs several resources
 * waits in the pool of the one that lets the fewest such tests run at
 * once (count / NEED; then the fewest slots; then the first listed), and
 * waits for the rest in the launcher. */
#include "resources.h"
#include "diag.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

struct resource *
resources_find(const struct model *mo, const char *name)
{
	size_t i;

	for (i = 0; i < mo->nresources; i++)
		if (strcmp(mo->resources[i]->name, name) == 0)
			return mo->resources[i];
	return NULL;
}

/* A slot id: [A-Za-z0-9_.:/+-]+. */
static int
id_ok(const char *s)
{
	const char *p;

	for (p = s; *p; p++)
		if (!(*p >= 'a' && *p <= 'z') && !(*p >= 'A' && *p <= 'Z') &&
		    !(*p >= '0' && *p <= '9') && !strchr("_.:/+-", *p))
			return 0;
	return p > s;
}

/* ids = : each a valid id, none twice. */
static void
check_ids(const struct mvalue *v, char **ids)
{
	size_t i, j;

	for (i = 0; ids[i]; i++) {
		if (!id_ok(ids[i]))
			diag_error(v->file, v->line, "bad slot id '%s' in 'ids': "
			    "an id is made of letters, digits and _ . : / + -",
			    ids[i]);
		for (j = 0; j < i; j++)
			if (strcmp(ids[i], ids[j]) == 0) {
				diag_error(v->file, v->line, "slot id '%s' is "
				    "listed twice in 'ids'", ids[i]);
				break;
			}
	}
}

int
resources_env_same(const char *a, const char *b)
{
	char *x = env_var_name("", a), *y = env_var_name("", b);
	int same = strcmp(x, y) == 0;

	free(x);
	free(y);
	return same;
}

void
resources_add(struct model *mo, const struct msection *s)
{
	struct resource *r = xcalloc(1, sizeof *r);
	const struct mvalue *count = &s->v[K_COUNT], *ids = &s->v[K_IDS];
	int64_t k;

	r->name = s->name;
	r->sec = s;
	r->slurm_license = s->v[K_SLURM_LICENSE].raw;
	if (count->raw && ids->raw) {
		diag_error(ids->file, ids->line, "[resource:%s] sets both "
		    "'count' and 'ids': give the number of slots or their "
		    "names, not both", s->name);
	} else if (!count->raw && !ids->raw && !s->damaged) {
		diag_error(s->file, s->line, "[resource:%s] needs 'count = N' "
		    "(slots 0 to N-1) or 'ids = ID...' (the slots' names)",
		    s->name);
	}
	if (ids->raw && !count->raw && list_split(ids->raw, &r->ids) >= 0) {
		check_ids(ids, r->ids);
		for (r->count = 0; r->ids[r->count]; r->count++)
			;
	} else {
		r->count = resolve_num(s, NULL, NULL, K_COUNT);
		r->ids = xcalloc((size_t)r->count + 1, sizeof *r->ids);
		for (k = 0; k < r->count; k++)
			r->ids[k] = xasprintf("%lld", (long long)k);
	}
	for (k = 0; k < (int64_t)mo->nresources; k++)
		if (resources_env_same(mo->resources[k]->name, s->name))
			diag_error(s->file, s->line, "[resource:%s] and "
			    "[resource:%s] would both be COSIM_RESOURCE_... "
			    "with the same name in a test's environment: "
			    "rename one", mo->resources[k]->name, s->name);
	mo->resources = xrealloc(mo->resources,
	    (mo->nresources + 1) * sizeof *mo->resources);
	mo->resources[mo->nresources++] = r;
}

/* Split a need "NAME[:NEED]": the name into *name (allocated), the count
 * into *n; 0 or -1 when it is not written so. */
static int
parse_need(const char *item, char **name, int64_t *n)
{
	const char *colon = strchr(item, ':');

	*name = colon ? xstrndup(item, (size_t)(colon - item)) :
	    xstrdup(item);
	*n = 1;
	if ((colon && parse_int(colon + 1, 1, 1000000, n) < 0) ||
	    !manifest_name_ok(*name)) {
		free(*name);
		*name = NULL;
		return -1;
	}
	return 0;
}

/* Whether the need of items[i] names a resource named before it. */
static int
named_before(char **items, size_t i, const char *name)
{
	size_t j, len = strlen(name);

	for (j = 0; j < i; j++)
		if (strncmp(items[j], name, len) == 0 &&
		    (items[j][len] == '\0' || items[j][len] == ':'))
			return 1;
	return 0;
}

/* Check one item of the needs v lists, written in section s. */
static void
check_need(const struct model *mo, const struct msection *s,
	const struct mvalue *v, char **items, size_t i)
{
	char *name, *who = xasprintf("%s '%s'", skind_name(s->kind), s->name);
	const struct resource *r;
	int64_t n;

	if (parse_need(items[i], &name, &n) < 0) {
		diag_error(v->file, v->line, "bad item '%s' in 'resources': "
		    "write NAME or NAME:NEED (NEED slots of the resource NAME, "
		    "1 when not given)", items[i]);
	} else if (!(r = resources_find(mo, name))) {
		const char **names = xcalloc(mo->nresources + 1, sizeof *names);
		char *hint = xasprintf("; declare it as [resource:%s] with a "
		    "count or ids", name);
		size_t j;

		for (j = 0; j < mo->nresources; j++)
			names[j] = mo->resources[j]->name;
		diag_unknown(v->file, v->line, who, "resource", name, names,
		    hint);
		free(names);
		free(hint);
	} else if (n > r->count && r->count > 0) {	/* 0: reported */
		diag_error(v->file, v->line, "%s needs %lld slots of resource "
		    "'%s', which has %lld", who, (long long)n, name,
		    (long long)r->count);
	} else if (named_before(items, i, name)) {
		diag_error(v->file, v->line, "resource '%s' is listed twice in "
		    "'resources': write NAME:NEED once", name);
	}
	free(name);
	free(who);
}

/* The needs written in section s (a design or a test). */
static void
check_section_needs(const struct model *mo, const struct msection *s)
{
	const struct mvalue *one = &s->v[K_RESOURCE], *v = &s->v[K_RESOURCES];
	char **items;
	size_t i;

	if (one->raw && v->raw) {
		diag_error(v->file, v->line, "test '%s' sets both 'resource' "
		    "and 'resources': list every resource in 'resources'",
		    s->name);
		return;
	}
	if (one->raw)
		v = one;
	if (!v->raw || list_split(v->raw, &items) < 0)
		return;		/* an unterminated quote was reported */
	for (i = 0; items[i]; i++)
		check_need(mo, s, v, items, i);
	list_free(items);
}

void
resources_check(struct ctx *c)
{
	size_t i;

	for (i = 0; i < c->m->nsections; i++) {
		const struct msection *s = c->m->sections[i];

		if (s->kind == SK_DESIGN || s->kind == SK_TEST)
			check_section_needs(c->mo, s);
	}
}

/* Whether need a keeps fewer tests like it running than need b. */
static int
scarcer(const struct need *a, const struct need *b)
{
	int64_t ta = a->res->count / a->n, tb = b->res->count / b->n;

	return ta < tb || (ta == tb && a->res->count < b->res->count);
}

/* "NAME NEED ID..." for the spec. */
static char *
need_item(const struct need *nd)
{
	struct buf b = {0};
	char **id;

	buf_printf(&b, "%s %lld", nd->res->name, (long long)nd->n);
	for (id = nd->res->ids; *id; id++) {
		buf_putc(&b, ' ');
		buf_puts(&b, *id);
	}
	return buf_steal(&b);
}

struct held {
	const struct test *t;
	const struct mvalue *v;
	const char *key;
};

/* {resource:NAME}: t holds NAME. */
static int
check_held(void *ctx, const char *name, size_t len, size_t off)
{
	const struct held *h = ctx;
	const char *arg;
	size_t arglen, i;

	(void)off;
	if (placeholder_find(name, len) != PLH_RESOURCE ||
	    !(arg = placeholder_arg(name, len, &arglen)))
		return 0;
	for (i = 0; i < h->t->nneeds; i++)
		if (strlen(h->t->needs[i].res->name) == arglen &&
		    strncmp(h->t->needs[i].res->name, arg, arglen) == 0)
			return 0;
	diag_error(h->v->file, h->v->line, "{%.*s} in '%s' of test '%s': the "
	    "test holds no slot of resource '%.*s'; name it in the test's "
	    "'resources'", (int)len, name, h->key, h->t->name, (int)arglen,
	    arg);
	return 0;
}

/* The {resource:NAME} placeholders of the values t runs with. */
static void
check_placeholders(struct ctx *c, const struct test *t)
{
	static const enum keyid ks[] = {K_COMMAND, K_ENV, K_PLUSARGS, K_RUN};
	const struct msection *ds = t->design ? t->design->sec : NULL;
	size_t i;

	for (i = 0; i < sizeof ks / sizeof *ks; i++) {
		const struct mvalue *v = resolve_lookup(ks[i] == K_RUN ? NULL :
		    t->sec, ks[i] == K_COMMAND ? NULL : ds, ks[i] == K_COMMAND ?
		    NULL : &c->m->global, ks[i]);
		struct held h = {t, v, keys[ks[i]].name};

		if (v && (ks[i] != K_RUN || t->design))
			placeholder_each(v->raw, check_held, &h);
	}
}

void
resources_test(struct ctx *c, struct test *t)
{
	const struct msection *ds = t->design ? t->design->sec : NULL;
	const struct mvalue *v = t->sec->v[K_RESOURCE].raw ?
	    &t->sec->v[K_RESOURCE] : resolve_lookup(t->sec, ds, NULL,
	    K_RESOURCES);
	char **items = resolve_list(v), *name;
	size_t i, pool = 0;
	int64_t n;

	t->needs = xcalloc(1, sizeof *t->needs);
	for (i = 0; items[i]; i++) {
		struct need nd;

		if (parse_need(items[i], &name, &n) < 0)
			continue;
		nd.res = resources_find(c->mo, name);
		nd.n = n;
		free(name);
		if (!nd.res || n > nd.res->count ||
		    named_before(items, i, nd.res->name))
			continue;	/* reported */
		t->needs = xrealloc(t->needs, (t->nneeds + 1) *
		    sizeof *t->needs);
		t->needs[t->nneeds++] = nd;
		if (scarcer(&nd, &t->needs[pool]))
			pool = t->nneeds - 1;
		strlist_push(&t->spec.resources, need_item(&nd));
	}
	t->pool = t->nneeds ? t->needs[pool].res : NULL;
	list_free(items);
	check_placeholders(c, t);
}
