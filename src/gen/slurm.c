/* slurm.c - see slurm.h.
 *
 * srun's options for a run, in this order: --partition=, --account=,
 * --cpus-per-task=, --mem=<MiB>M, then the srun_args words, so that a
 * word of srun_args can override any of the others. A test takes each
 * key along test -> design -> [cosimgen] (cpus and memory along test ->
 * design only: they say what one run needs), a compile along design ->
 * [cosimgen]. Designs that share one compile may ask for different
 * things: it asks for the most CPUs and memory any of them does (the
 * caller says how much), and runs where the first of them says (a
 * warning names the others). */
#include "slurm.h"
#include "diag.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

void
slurm_executor(struct ctx *c, enum executor executor)
{
	const struct msection *g = &c->m->global;

	if (executor == EXEC_MANIFEST)
		executor = strcmp(resolve_value(g->v[K_EXECUTOR].raw ?
		    &g->v[K_EXECUTOR] : NULL, K_EXECUTOR), "slurm") == 0 ?
		    EXEC_SLURM : EXEC_LOCAL;
	c->mo->executor = executor;
}

void
slurm_check_name(struct ctx *c, const struct keydef *kd,
	const struct mvalue *v, char **items)
{
	/* -L takes NAME:COUNT,NAME:COUNT: a licence's name holds neither */
	const char *bad = KEY_ID(kd) == K_SLURM_LICENSE ? " \t:," : " \t";

	(void)c;
	(void)items;
	if (strpbrk(v->raw, bad))
		diag_error(v->file, v->line, "bad %s '%s': write one name, "
		    "without white space%s", kd->name, v->raw,
		    KEY_ID(kd) == K_SLURM_LICENSE ? ", ':' or ',' (a test asks "
		    "Slurm for NAME:NEED)" : "");
}

/* Whether word sets how many tasks or nodes srun starts: -n, -N,
 * --ntasks, --nodes, in any of their forms. */
static int
sets_tasks(const char *word)
{
	static const char *const longs[] = {"--ntasks", "--nodes"};
	size_t i, n;

	if (strncmp(word, "-n", 2) == 0 || strncmp(word, "-N", 2) == 0)
		return 1;
	for (i = 0; i < sizeof longs / sizeof *longs; i++) {
		n = strlen(longs[i]);
		if (strncmp(word, longs[i], n) == 0 &&
		    (word[n] == '\0' || word[n] == '='))
			return 1;
	}
	return 0;
}

void
slurm_check_args(struct ctx *c, const struct keydef *kd,
	const struct mvalue *v, char **items)
{
	char **p;

	(void)c;
	(void)kd;
	/* srun would take a first word that is no option for the command */
	if (items[0] && items[0][0] != '-')
		diag_error(v->file, v->line, "bad srun_args: '%s' is not an "
		    "option of srun; srun_args holds srun's options, such as "
		    "--qos=high or --constraint=avx512", items[0]);
	for (p = items; *p; p++)
		if (sets_tasks(*p))
			diag_error(v->file, v->line, "srun_args cannot hold "
			    "'%s': cosim-run runs each test and compile as one "
			    "task on one node (-N1 -n1); ask for CPUs with "
			    "'cpus' or 'compile_cpus'", *p);
}

/* Where a run runs: the values along its chain, NULL when not set. */
struct where {
	const struct mvalue *partition, *account, *args;
};

static struct where
where_of(const struct msection *t, const struct msection *d,
	const struct msection *g)
{
	struct where w;

	w.partition = resolve_lookup(t, d, g, K_SLURM_PARTITION);
	w.account = resolve_lookup(t, d, g, K_SLURM_ACCOUNT);
	w.args = resolve_lookup(t, d, g, K_SRUN_ARGS);
	return w;
}

static int
same_value(const struct mvalue *a, const struct mvalue *b)
{
	if (!a || !b)
		return a == b;
	return strcmp(a->raw, b->raw) == 0;
}

static int
same_where(const struct where *a, const struct where *b)
{
	return same_value(a->partition, b->partition) &&
	    same_value(a->account, b->account) && same_value(a->args, b->args);
}

/* srun's options, in the order the file's note gives; cpus and mib 0
 * when not asked for. */
static struct strlist
srun_options(const struct where *w, int64_t cpus, int64_t mib)
{
	struct strlist l = {0};
	char **args, **p;

	if (w->partition)
		strlist_push(&l, xasprintf("--partition=%s", w->partition->raw));
	if (w->account)
		strlist_push(&l, xasprintf("--account=%s", w->account->raw));
	if (cpus)
		strlist_push(&l, xasprintf("--cpus-per-task=%lld",
		    (long long)cpus));
	if (mib)
		strlist_push(&l, xasprintf("--mem=%lldM", (long long)mib));
	args = resolve_list(w->args);
	for (p = args; *p; p++)
		strlist_push(&l, xstrdup(*p));
	list_free(args);
	return l;
}

void
slurm_test(struct ctx *c, struct test *t)
{
	const struct msection *ts = t->sec, *g = &c->m->global;
	const struct msection *ds = t->design ? t->design->sec : NULL;
	struct spec *sp = &t->spec;
	struct where w = where_of(ts, ds, g);
	size_t i;

	if (c->mo->executor != EXEC_SLURM || sp->disabled)
		return;
	sp->slurm = 1;
	sp->srun = srun_options(&w, resolve_num(ts, ds, NULL, K_CPUS),
	    resolve_num(ts, ds, NULL, K_MEMORY));
	for (i = 0; i < t->nneeds; i++)
		if (t->needs[i].res->slurm_license)
			strlist_push(&sp->slurm_licenses, xasprintf("%s:%lld",
			    t->needs[i].res->slurm_license,
			    (long long)t->needs[i].n));
}

/* Where the compile of r runs: as its first design says; a warning for
 * each later design that says otherwise. */
static struct where
compile_where(struct ctx *c, const struct recipe *r)
{
	const struct msection *g = &c->m->global, *first = NULL;
	struct where w = where_of(NULL, NULL, g), o;
	size_t i;

	/* (a runtime is no design's own compile: [cosimgen] places it) */
	for (i = 0; !r->is_runtime && i < r->ndesigns; i++) {
		const struct design *d = r->designs[i];

		o = where_of(NULL, d->sec, g);
		if (!first) {
			first = d->sec;
			w = o;
		} else if (!same_where(&w, &o) &&
		    !(r->variant & VARIANT_WAVES)) {	/* said of the plain one */
			diag_warning(d->sec->file, d->sec->line, "designs '%s' "
			    "and '%s' share one compile (%s), but ask for "
			    "another slurm_partition, slurm_account or "
			    "srun_args for it: it runs with those of '%s'",
			    first->name, d->name, r->id, first->name);
		}
	}
	return w;
}

void
slurm_compile(struct ctx *c, const struct recipe *r, struct compile_spec *s,
    int64_t cpus, int64_t mib)
{
	struct where w;

	s->slurm = 1;
	w = r ? compile_where(c, r) : where_of(NULL, NULL, &c->m->global);
	s->srun = srun_options(&w, cpus, mib);
}
