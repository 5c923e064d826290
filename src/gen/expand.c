/* expand.c - see expand.h.
 *
 * Two passes over the written sections: the designs first (each one's
 * variants, kept by base name), then the tests, each multiplied by its
 * design's variants, its own plusarg combinations and its seeds, in that
 * order (the seed last: basic.W8.modea.1234), so that the tests of one
 * written section stay next to each other (a group target needs that). A
 * combination is the k-th of a mixed-radix count, the last axis fastest.
 * The names of every written section are claimed first, so a generated
 * name that one of them has is an error whichever comes first. */
#include "expand.h"
#include "diag.h"
#include "resolve.h"
#include "strmap.h"
#include "sweep.h"
#include "util.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

/* A written design and what it became. */
struct dinfo {
	const struct msection *sec;
	struct msection **variants;	/* sec itself when not swept */
	size_t n;
	int swept;
};

struct exp {
	const struct manifest *m;
	const struct seeding *sd;
	struct strmap designs;	/* written name: struct dinfo */
	struct dinfo **dinfos;	/* the same, to free */
	size_t ndinfos;
	struct strmap names[2];	/* design, test names: their section */
	struct msection **out;
	size_t nout, cap;
	size_t drawing;		/* tests that draw seeds */
	struct msection **dropped;	/* copies whose name was taken (an
					 * error): freed at the end */
	size_t ndropped;
};

/* A copy of a section, and which of its values it owns: those append()
 * set; the others are its original's. */
struct copy {
	struct msection s;	/* first: a copy is its section */
	unsigned char owns[K_NKEYS];
};

static void
emit(struct exp *e, struct msection *s)
{
	if (e->nout == e->cap) {
		e->cap = e->cap ? 2 * e->cap : 16;
		e->out = xreallocarray(e->out, e->cap, sizeof *e->out);
	}
	e->out[e->nout++] = s;
}

/* Claim name (kind 0: a design, 1: a test) for section s; a name taken
 * already is an error at s naming where. */
static int
claim(struct exp *e, int kind, const char *name, const struct msection *s)
{
	const struct msection *had = strmap_add(&e->names[kind], name,
	    (void *)s);

	if (!had)
		return 1;
	diag_error(s->file, s->line, "%s name '%s' that [%s:%s] makes is "
	    "taken: [%s:%s] at %s:%d %s", kind ? "test" : "design", name,
	    skind_name(s->kind), s->base ? s->base : s->name,
	    skind_name(had->kind), had->base ? had->base : had->name,
	    had->file, had->line, had->base ? "makes it too" : "has it");
	return 0;
}

/* A copy of s called name (taken over), made from it. */
static struct msection *
clone(const struct msection *s, char *name)
{
	struct copy *c = xcalloc(1, sizeof *c);

	c->s = *s;
	c->s.name = name;
	c->s.base = s->name;
	return &c->s;
}

/* Free copy s (clone's), its name and the values it owns. */
static void
copy_free(struct msection *s)
{
	struct copy *c = (struct copy *)s;
	size_t k;

	for (k = 0; k < K_NKEYS; k++)
		if (c->owns[k])
			free(c->s.v[k].raw);
	free(c->s.name);
	free(c);
}

/* Claim, or else drop, copy s: whether it is to be emitted. */
static int
claim_copy(struct exp *e, int kind, struct msection *s)
{
	if (claim(e, kind, s->name, s))
		return 1;
	e->dropped = xreallocarray(e->dropped, e->ndropped + 1,
	    sizeof *e->dropped);
	e->dropped[e->ndropped++] = s;
	return 0;
}

/* Set key k of s to raw (taken over): "OLD raw" when old is set, located
 * at old, else at where. */
static void
append(struct msection *s, enum keyid k, const struct mvalue *old,
	char *raw, const struct mvalue *where)
{
	struct mvalue *v = &s->v[k];

	if (old && old->raw && *old->raw) {
		char *both = xasprintf("%s %s", old->raw, raw);

		free(raw);
		raw = both;
	}
	v->raw = raw;
	((struct copy *)s)->owns[k] = 1;	/* only copies are appended to */
	v->file = old && old->raw ? old->file : where->file;
	v->line = old && old->raw ? old->line : where->line;
}

static void
expand_design(struct exp *e, struct msection *d)
{
	struct dinfo *di = xcalloc(1, sizeof *di);
	struct buf suffix = {0}, words = {0};
	struct sweep sw;
	const char *clash;
	size_t k;

	di->sec = d;
	strmap_add(&e->designs, d->name, di);
	e->dinfos = xreallocarray(e->dinfos, e->ndinfos + 1,
	    sizeof *e->dinfos);
	e->dinfos[e->ndinfos++] = di;
	sweep_parse(&sw, d, 0);
	if (!sw.naxes) {
		di->variants = xmalloc(sizeof *di->variants);
		di->variants[di->n++] = d;
		emit(e, d);
		sweep_free(&sw);
		return;
	}
	if ((clash = sweep_clash(d, &sw)))
		diag_error(d->v[K_SWEEP].file, d->v[K_SWEEP].line, "'%s' is "
		    "both swept and in params (at line %d)", clash,
		    d->v[K_PARAMS].line);
	di->swept = 1;
	di->variants = xcalloc(sw.ncombos, sizeof *di->variants);
	for (k = 0; k < sw.ncombos; k++) {
		struct msection *v;

		sweep_combo(&sw, k, &suffix, &words);
		v = clone(d, xasprintf("%s.%s", d->name, suffix.s));
		append(v, K_PARAMS, &d->v[K_PARAMS], buf_steal(&words),
		    &d->v[K_SWEEP]);
		append(v, K_LABELS, &d->v[K_LABELS], xstrdup(d->name),
		    &d->v[K_SWEEP]);
		v->v[K_SWEEP].raw = NULL;
		/* a variant whose name is taken has no tests: NULL */
		if (claim_copy(e, 0, v))
			emit(e, v);
		di->variants[di->n++] = e->ndropped &&
		    e->dropped[e->ndropped - 1] == v ? NULL : v;
	}
	buf_free(&suffix);
	buf_free(&words);
	sweep_free(&sw);
}

/* A set of seeds, for the drawing of one test's: open addressing over
 * cap (a power of two, at least twice the seeds), 0 for free. */
struct seedset {
	int64_t *slot;
	size_t cap;
};

static int
seedset_add(struct seedset *s, int64_t seed)
{
	size_t i = (size_t)(seed * INT64_C(0x9e3779b97f4a7c15) >> 7) &
	    (s->cap - 1);

	while (s->slot[i] && s->slot[i] != seed)
		i = (i + 1) & (s->cap - 1);
	if (s->slot[i])
		return 0;
	s->slot[i] = seed;
	return 1;
}

/* What a test's seeds are: those listed and how many to draw. */
struct seedplan {
	int64_t *listed;
	size_t nlisted;
	int64_t draw;		/* seeds to draw; -1: seeds is not set */
	const struct mvalue *where;	/* the seed or seeds key, else NULL */
};

static void
seed_plan(struct seedplan *sp, const struct exp *e, const struct msection *t,
	const struct msection *ds)
{
	const struct msection *g = &e->m->global;
	const struct mvalue *lv = resolve_lookup(t, ds, g, K_SEED);
	const struct mvalue *nv = resolve_lookup(t, ds, g, K_SEEDS);
	char **items = resolve_list(lv), **p;
	int64_t n;

	memset(sp, 0, sizeof *sp);
	sp->draw = -1;
	for (p = items; *p; p++)
		if (parse_int(*p, 1, SEED_MAX, &n) == 0) {
			sp->listed = xreallocarray(sp->listed, sp->nlisted + 1,
			    sizeof *sp->listed);
			sp->listed[sp->nlisted++] = n;
		}
	list_free(items);
	if (nv && parse_int(nv->raw, 1, SEEDS_MAX, &n) == 0)
		sp->draw = e->sd->seeds > 0 ? e->sd->seeds : n;
	sp->where = nv ? nv : lv;
}

/* The seeds of the test stem under plan sp, into *seeds: the listed ones
 * then the drawn ones, each once. Returns how many. */
static size_t
seeds_of(const struct exp *e, const struct seedplan *sp, const char *stem,
	int64_t **seeds)
{
	size_t total = sp->nlisted + (size_t)(sp->draw > 0 ? sp->draw : 0);
	struct seedset set = {NULL, 4};
	size_t n = 0, i;
	int64_t idx = 0, s;

	while (set.cap < 2 * total)
		set.cap *= 2;
	set.slot = xcalloc(set.cap, sizeof *set.slot);
	*seeds = xcalloc(total + 1, sizeof **seeds);
	for (i = 0; i < sp->nlisted; i++)
		if (seedset_add(&set, sp->listed[i]))
			(*seeds)[n++] = sp->listed[i];
	for (i = 0; sp->draw > 0 && i < (size_t)sp->draw; i++) {
		/* a seed drawn twice is drawn again, from the next index */
		do
			s = seed_draw(stem, idx++, e->sd->epoch);
		while (!seedset_add(&set, s));
		(*seeds)[n++] = s;
	}
	free(set.slot);
	return n;
}

/* Emit the tests of t for one stem (its design variant and plusargs set
 * already in base): one per seed, or base itself under its stem's name
 * when there is one seed or none. */
static void
emit_seeds(struct exp *e, const struct msection *t, struct msection *base,
	const struct seedplan *sp)
{
	int64_t *seeds = NULL;
	size_t n = 0, i;

	if (sp->draw >= 0 || sp->nlisted > 1) {
		n = seeds_of(e, sp, base->name, &seeds);
		e->drawing += sp->draw > 0;
	}
	if (n <= 1) {
		if (n == 1)
			append(base, K_SEED, NULL, xasprintf("%" PRId64,
			    seeds[0]), sp->where);
		if (strcmp(base->name, t->name) == 0) {
			base->base = NULL;	/* the test as written */
			emit(e, base);
		} else if (claim_copy(e, 1, base)) {
			emit(e, base);
		}
		free(seeds);
		return;
	}
	for (i = 0; i < n; i++) {
		struct msection *c = clone(base, xasprintf("%s.%" PRId64,
		    base->name, seeds[i]));

		c->base = t->name;
		append(c, K_SEED, NULL, xasprintf("%" PRId64, seeds[i]),
		    sp->where);
		if (claim_copy(e, 1, c))
			emit(e, c);
	}
	free(seeds);
	/* base is expand_test's copy, not emitted: its seeds' copies share
	 * its values, not its name */
	free(base->name);
	free(base);
}

/* Whether a test sweep's plusargs reach test t (of design section ds):
 * a command test has no simulator, and GHDL ignores + arguments; else
 * an error at the sweep line, and the sweep is dropped. */
static int
sweep_reaches(const struct exp *e, const struct msection *t,
    const struct msection *ds)
{
	const struct mvalue *v = &t->v[K_SWEEP];
	const struct mvalue *sim = ds ? resolve_lookup(NULL, ds,
	    &e->m->global, K_SIMULATOR) : NULL;

	if (!t->v[K_DESIGN].raw)
		diag_error(v->file, v->line, "[test:%s] has no design: a "
		    "sweep of plusargs would make tests that all run the same "
		    "command", t->name);
	else if (sim && sim->raw && strcmp(sim->raw, "ghdl") == 0)
		diag_error(v->file, v->line, "[test:%s] runs on GHDL, which "
		    "ignores + arguments: sweep generics in its design "
		    "(sweep = NAME=V1,V2)", t->name);
	else
		return 1;
	return 0;
}

static void
expand_test(struct exp *e, struct msection *t)
{
	const struct mvalue *dv = &t->v[K_DESIGN];
	struct dinfo *di = dv->raw ? strmap_get(&e->designs, dv->raw) : NULL;
	const struct msection *ds = di ? di->sec : NULL;
	struct buf suffix = {0}, words = {0};
	struct seedplan sp;
	struct sweep sw;
	size_t nd = di ? di->n : 1, j, k;
	int several;

	sweep_parse(&sw, t, 1);
	if (sw.naxes && !sweep_reaches(e, t, ds)) {
		sweep_free(&sw);
		memset(&sw, 0, sizeof sw);
		sw.ncombos = 1;
		sw.plus = 1;
	}
	seed_plan(&sp, e, t, ds);
	several = (di && di->swept) || sw.naxes || sp.nlisted > 1 ||
	    sp.draw > 1 || (sp.draw == 1 && sp.nlisted);
	if (!several && sp.draw < 0) {
		emit(e, t);	/* as written */
		goto out;
	}
	if (several && t->v[K_COCOTB].raw) {
		diag_error(t->file, t->line, "[test:%s] is a cocotb test: seeds "
		    "and sweeps make one test per seed or value, which cocotb "
		    "tests do not take yet (cocotb draws its own RANDOM_SEED)",
		    t->name);
		goto out;
	}
	for (j = 0; j < nd; j++) {
		const struct msection *d = di ? di->variants[j] : NULL;

		if (di && di->swept && !d)
			continue;	/* its name was taken (reported) */
		for (k = 0; k < sw.ncombos; k++) {
			struct buf stem = {0};
			struct msection *c;

			buf_puts(&stem, t->name);
			if (di && di->swept)
				buf_printf(&stem, ".%s", d->name +
				    strlen(ds->name) + 1);
			sweep_combo(&sw, k, &suffix, &words);
			if (sw.naxes)
				buf_printf(&stem, ".%s", suffix.s);
			c = clone(t, buf_steal(&stem));
			if (di && di->swept)
				c->v[K_DESIGN].raw = (char *)d->name;
			if (sw.naxes)
				append(c, K_PLUSARGS, resolve_lookup(t, ds,
				    &e->m->global, K_PLUSARGS),
				    buf_steal(&words), &t->v[K_SWEEP]);
			if (several)
				append(c, K_LABELS, &t->v[K_LABELS],
				    xstrdup(t->name), &t->v[K_SWEEP]);
			c->v[K_SWEEP].raw = NULL;
			emit_seeds(e, t, c, &sp);
		}
	}
out:
	free(sp.listed);
	buf_free(&suffix);
	buf_free(&words);
	sweep_free(&sw);
}

/* Every written seed is a whole number in range: checked once, where it
 * is written, not once per test that takes it. */
static void
check_seeds(const struct msection *s)
{
	const struct mvalue *v = &s->v[K_SEED];
	char **items, **p;
	int64_t n;

	if (!v->raw || list_split(v->raw, &items) < 0)
		return;
	for (p = items; *p; p++)
		if (parse_int(*p, 1, SEED_MAX, &n) < 0)
			diag_error(v->file, v->line, "bad integer '%s' for "
			    "'seed': write a whole number from 1 to %d", *p,
			    SEED_MAX);
	list_free(items);
}

size_t
expand_sections(const struct manifest *m, const struct seeding *sd,
	struct msection ***out, size_t *nout)
{
	struct exp e;
	size_t i;

	memset(&e, 0, sizeof e);
	e.m = m;
	e.sd = sd;
	check_seeds(&m->global);
	for (i = 0; i < m->nsections; i++) {
		struct msection *s = m->sections[i];

		check_seeds(s);
		if (s->kind == SK_DESIGN || s->kind == SK_TEST)
			strmap_add(&e.names[s->kind == SK_TEST], s->name, s);
	}
	for (i = 0; i < m->nsections; i++)
		if (m->sections[i]->kind == SK_DESIGN)
			expand_design(&e, m->sections[i]);
		else if (m->sections[i]->kind != SK_TEST)
			emit(&e, m->sections[i]);
	for (i = 0; i < m->nsections; i++)
		if (m->sections[i]->kind == SK_TEST)
			expand_test(&e, m->sections[i]);
	for (i = 0; i < e.ndinfos; i++) {
		free(e.dinfos[i]->variants);
		free(e.dinfos[i]);
	}
	/* a dropped design variant has no tests (expand_test); a dropped
	 * test's siblings may share its values (then they leak, at an
	 * error's exit) */
	for (i = 0; i < e.ndropped; i++)
		copy_free(e.dropped[i]);
	free(e.dropped);
	free(e.dinfos);
	strmap_free(&e.designs);
	strmap_free(&e.names[0]);
	strmap_free(&e.names[1]);
	*out = e.out;
	*nout = e.nout;
	return e.drawing;
}

void
seedopts_apply(const struct seedopts *o, struct seeding *sd)
{
	if (o->reseed)
		sd->epoch = seeding_fresh_epoch();
	else if (o->epoch >= 0)
		sd->epoch = o->epoch;
	if (o->seeds == 0)
		sd->seeds = -1;
	else if (o->seeds > 0)
		sd->seeds = o->seeds;
}
