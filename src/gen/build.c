/* build.c - see build.h. Checking runs in two passes: first every value
 * that was written is checked once for its type and placeholders (check.c,
 * so a bad default in [cosimgen] is reported once, not once per test), then
 * designs, recipes and tests are resolved through the defaults chain
 * test -> design -> [cosimgen] -> built-in (resolve.c). */
#include "build.h"
#include "path.h"
#include "check.h"
#include "cocotb.h"
#include "cocotbtests.h"
#include "datafiles.h"
#include "fixtures.h"
#include "waivers.h"
#include "ghdl.h"
#include "recipe.h"
#include "resources.h"
#include "resolve.h"
#include "slurm.h"
#include "expand.h"
#include "seeding.h"
#include "waves.h"
#include "diag.h"
#include "escape.h"
#include "history.h"
#include "layout.h"
#include "util.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* ---- pass 2: resolution ---- */

static void
require(const struct msection *s, enum keyid k, const char *why)
{
	if (!s->v[k].raw && !s->damaged)
		diag_error(s->file, s->line, "[%s:%s] is missing the required "
		    "key '%s'%s", skind_name(s->kind), s->name, keys[k].name,
		    why);
}

/* Whether design section s has what its simulator needs, and nothing
 * that is another simulator's; reports what is wrong. */
static int
design_ok(struct ctx *c, const struct msection *s, enum sim sim)
{
	const struct msection *g = &c->m->global;
	int ok = 1;

	if (sim == SIM_NONE)
		return 0;	/* the bad simulator value was reported */
	if (!s->v[K_SOURCES].raw && sim != SIM_CUSTOM) {
		require(s, K_SOURCES, "");
		ok = 0;
	}
	if (sim != SIM_CUSTOM && !s->v[K_TOP].raw) {
		require(s, K_TOP, " (the top module)");
		ok = 0;
	}
	if (sim == SIM_CUSTOM && !resolve_lookup(s, NULL, g, K_RUN)) {
		require(s, K_RUN, " (a custom simulator needs its run command)");
		ok = 0;
	}
	if (sim != SIM_CUSTOM && s->v[K_COMPILE].raw) {
		diag_error(s->v[K_COMPILE].file, s->v[K_COMPILE].line,
		    "'compile' is for simulator = custom; %s designs are "
		    "compiled by cosimgen", sim_name(sim));
		ok = 0;
	}
	if (sim == SIM_CUSTOM && s->v[K_TIMESCALE].raw) {
		diag_error(s->v[K_TIMESCALE].file, s->v[K_TIMESCALE].line,
		    "'timescale' is for icarus and verilator designs; a custom "
		    "compile command sets its own");
		ok = 0;
	}
	if (sim != SIM_CUSTOM && s->v[K_RUN].raw) {
		diag_error(s->v[K_RUN].file, s->v[K_RUN].line,
		    "'run' is for simulator = custom; %s designs are run by "
		    "cosim-run", sim_name(sim));
		ok = 0;
	}
	return ok;
}

/* Whether design d is built as its coverage variant: its own coverage
 * key, else cosimgen --coverage or --no-coverage, else [cosimgen]'s.
 * Those two are defaults for the designs whose simulator can collect
 * coverage (Verilator), so that one setting serves a suite that also has
 * Icarus or custom designs; a design's own coverage = yes where its
 * simulator cannot is an error at that line. A design built for cocotb
 * cannot yet: cocotb's main writes the data (VerilatedCov::write, into
 * coverage.dat in the run directory), but its build and runtime take no
 * --coverage (recipe.c). */
static int
design_coverage(struct ctx *c, const struct msection *s,
	const struct design *d)
{
	const struct mvalue *v = &s->v[K_COVERAGE];
	int can = d->sim == SIM_VERILATOR && !d->for_cocotb, on;

	if (!v->raw)
		return can && (c->coverage >= 0 ? c->coverage :
		    resolve_num(NULL, NULL, &c->m->global, K_COVERAGE));
	on = (int)resolve_num(NULL, s, NULL, K_COVERAGE);
	if (on && d->sim == SIM_VERILATOR && d->for_cocotb)
		diag_error(v->file, v->line, "coverage = yes in [design:%s]: "
		    "a design built for cocotb cannot collect coverage yet",
		    d->name);
	else if (on && !can && d->sim != SIM_NONE)
		diag_error(v->file, v->line, "coverage = yes in [design:%s]: "
		    "simulator = %s cannot collect coverage; only verilator "
		    "designs can (--coverage, merged with verilator_coverage)",
		    d->name, sim_name(d->sim));
	return on && can;
}

static void
add_design(struct ctx *c, const struct msection *s)
{
	const struct msection *g = &c->m->global;
	struct design *d = xcalloc(1, sizeof *d);
	int ok;

	d->name = s->name;
	d->sec = s;
	d->sim = resolve_sim(s, g);
	ok = design_ok(c, s, d->sim);
	d->cocotb = cocotb_design(c, s, &d->for_cocotb);
	/* a cocotb test reaches the design through cocotb, not a server */
	d->ready = d->for_cocotb ? "none" : resolve_value(resolve_lookup(s,
	    NULL, g, K_READY), K_READY);
	if (ok && d->sim == SIM_CUSTOM)
		d->run = resolve_lookup(s, NULL, g, K_RUN)->raw;
	d->pty = resolve_num(NULL, s, g, K_PTY);
	d->coverage = design_coverage(c, s, d);
	if (ok)
		d->recipe = recipe_make(c, d);
	d->index = c->mo->ndesigns;
	if ((c->mo->ndesigns & (c->mo->ndesigns - 1)) == 0)	/* doubling */
		c->mo->designs = xreallocarray(c->mo->designs, c->mo->ndesigns ?
		    2 * c->mo->ndesigns : 1, sizeof *c->mo->designs);
	c->mo->designs[c->mo->ndesigns++] = d;
	strmap_add(&c->designs, d->name, d);
}

/* The test's seed: the seed key (one value: expand.c made a test of
 * each of several), else one drawn from its name (seeding.h). */
static int64_t
test_seed(const struct msection *ts, const struct msection *ds,
	const struct msection *g, const char *name)
{
	const struct mvalue *v = resolve_lookup(ts, ds, g, K_SEED);
	int64_t seed;

	if (v && parse_int(v->raw, 1, SEED_MAX, &seed) == 0)
		return seed;
	return seed_draw(name, 0, 0);
}

/* Fill in the values of the test's spec, each parsed once along the
 * defaults chain. */
static void
test_settings(struct ctx *c, struct test *t)
{
	const struct msection *ts = t->sec, *g = &c->m->global;
	const struct msection *ds = t->design ? t->design->sec : NULL;
	const struct mvalue *v;
	struct spec *sp = &t->spec;

	if ((v = resolve_lookup(ts, NULL, NULL, K_COMMAND)))
		sp->command = v->raw;
	sp->srcdir = resolve_path(c, ts->file, ".");
	sp->timeout_ms = resolve_num(ts, ds, g, K_TIMEOUT);
	sp->startup_timeout_ms = resolve_num(ts, ds, g, K_STARTUP_TIMEOUT);
	sp->idle_timeout_ms = resolve_num(ts, ds, g, K_IDLE_TIMEOUT);
	sp->kill_grace_ms = resolve_num(ts, ds, g, K_KILL_GRACE);
	sp->log_limit = resolve_num(ts, ds, g, K_LOG_LIMIT);
	sp->seed = test_seed(ts, ds, g, t->name);
	sp->plusargs = resolve_strlist(resolve_lookup(ts, ds, g, K_PLUSARGS));
	if (t->design && t->design->sim == SIM_GHDL)
		ghdl_generics(c, ds, &sp->plusargs);
	sp->env = resolve_strlist(resolve_lookup(ts, ds, g, K_ENV));
	sp->patterns[SPEC_FAIL] = resolve_strlist(resolve_lookup(ts, ds, g,
	    K_FAIL_PATTERNS));
	sp->patterns[SPEC_WARN] = resolve_strlist(resolve_lookup(ts, ds, g,
	    K_WARN_PATTERNS));
	sp->patterns[SPEC_PASS] = resolve_strlist(resolve_lookup(ts, ds, g,
	    K_PASS_PATTERNS));
	sp->patterns[SPEC_SKIP] = resolve_strlist(resolve_lookup(ts, ds, g,
	    K_SKIP_PATTERNS));
	sp->default_patterns = resolve_num(ts, ds, g, K_DEFAULT_PATTERNS);
	sp->disabled = resolve_num(ts, ds, g, K_DISABLED);
	sp->expect_fail = strcmp(resolve_value(resolve_lookup(ts, ds, g,
	    K_EXPECT), K_EXPECT), "fail") == 0;
	sp->retries = resolve_num(ts, ds, g, K_RETRIES);
	sp->max_failures = resolve_num(NULL, NULL, g, K_MAX_FAILURES);
	t->priority = resolve_num(ts, ds, g, K_PRIORITY);
	t->cost_ms = resolve_lookup(ts, ds, g, K_COST) ?
	    resolve_num(ts, ds, g, K_COST) : -1;
}

/* What the test's spec takes from its design, its compile and the model,
 * and where its files are. No spec file is written
 * through these pointers: the design's strings are the model's. */
static void
test_links(const struct model *mo, struct test *t)
{
	struct spec *sp = &t->spec;
	char *dir = layout_test(NULL, t->name);

	sp->name = t->name;
	sp->simulator = SIM_NONE;
	if (t->design) {
		const struct design *d = t->design;

		sp->design = d->name;
		if (d->recipe) {
			sp->simulator = d->recipe->sim;
			sp->sim = d->recipe->exe;
			if (d->recipe->sim == SIM_ICARUS)
				sp->vpi = mo->vpi;
		}
		sp->run = (char *)d->run;
		sp->ready = (char *)d->ready;
		sp->pty = d->pty;
		sp->coverage = d->coverage && d->recipe;
	}
	sp->builddir = mo->builddir;
	sp->templates = mo->templates;
	sp->dir = path_join(mo->builddir, dir);
	t->spec_path = layout_in(sp->dir, DIR_SPEC);
	t->stamp = layout_in(sp->dir, DIR_STAMP);
	free(dir);
}

static int
find_server_ph(void *ctx, const char *name, size_t len, size_t off)
{
	enum placeholder_id *found = ctx, id = placeholder_find(name, len);

	(void)off;
	if (id != PLH_HOST && id != PLH_PORT)
		return 0;
	*found = id;
	return 1;
}

/* {host} and {port} name the simulator's server: a test without one
 * would get nothing to connect to. */
static void
check_server_placeholders(struct ctx *c, const struct test *t)
{
	const struct msection *ds = t->design ? t->design->sec : NULL;
	enum keyid ks[] = {K_COMMAND, K_ENV};
	size_t i;

	if (t->design && strcmp(t->design->ready, "none") != 0)
		return;
	if (!t->design && t->sec->v[K_DESIGN].raw)
		return;		/* unknown design, reported */
	for (i = 0; i < 2; i++) {
		const struct mvalue *v = resolve_lookup(t->sec, ds,
		    &c->m->global, ks[i]);
		enum placeholder_id found = PLH_N;

		if (v && placeholder_each(v->raw, find_server_ph, &found))
			diag_error(v->file, v->line, "{%s} in '%s' of test '%s': "
			    "%s", placeholder_name(found), keys[ks[i]].name,
			    t->name, t->design ? "its design has ready = none, "
			    "so no server listens" : "a test without a design "
			    "has no simulator to reach");
	}
}

static int
has_word(char **list, size_t n, const char *w)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(list[i], w) == 0)
			return 1;
	return 0;
}

/* Give t the labels of v, once each, and list new ones in the model. */
static void
add_labels(struct ctx *c, struct test *t, const struct mvalue *v)
{
	struct model *mo = c->mo;
	char **items = resolve_list(v), **p;
	size_t n = 0;

	while (t->labels && t->labels[n])
		n++;
	for (p = items; *p; p++) {
		if (has_word(t->labels, n, *p))
			continue;
		t->labels = xrealloc(t->labels, (n + 2) * sizeof *t->labels);
		t->labels[n++] = xstrdup(*p);
		t->labels[n] = NULL;
		if (!strmap_get(&c->labels, *p)) {
			char *label = xstrdup(*p);

			list_push(&mo->labels, &mo->nlabels, label);
			strmap_add(&c->labels, label, label);
		}
	}
	list_free(items);
}

/* Test section s names a design, v, that does not exist. */
static void
unknown_design(const struct model *mo, const struct msection *s,
	const struct mvalue *v)
{
	const char **names = xcalloc(mo->ndesigns + 1, sizeof *names);
	char *who = xasprintf("test '%s'", s->name);
	size_t i;

	for (i = 0; i < mo->ndesigns; i++)
		names[i] = mo->designs[i]->name;
	diag_unknown(v->file, v->line, who, "design", v->raw, names, "");
	free(names);
	free(who);
}

/* Add the test name of section s: the section's own, or (m set) the
 * test of case k of the cocotb module m. */
static void
add_one(struct ctx *c, const struct msection *s, char *name,
	const struct cocotb_module *m, size_t k)
{
	struct test *t = xcalloc(1, sizeof *t);
	const struct mvalue *v;
	char **p;

	t->name = name;
	t->sec = s;
	/* the errors of a test expand.c made name its written section */
	diag_alias(s->base ? name : NULL, s->base);
	if ((v = &s->v[K_DESIGN])->raw) {
		t->design = strmap_get(&c->designs, v->raw);
		if (!t->design && k == 0)
			unknown_design(c->mo, s, v);
	} else if (!s->v[K_COMMAND].raw && !s->v[K_COCOTB].raw &&
	    !s->damaged) {
		diag_error(s->file, s->line, "[test:%s] needs 'command' (a plain "
		    "command test) or 'design' (a simulation test), or both",
		    s->name);
	}
	test_settings(c, t);
	check_server_placeholders(c, t);
	resources_test(c, t);
	fixtures_test(c, t);
	t->depends = resolve_list(&s->v[K_DEPENDS]);
	for (p = t->depends; *p; p++) {
		char *q = resolve_path(c, s->v[K_DEPENDS].file, *p);

		free(*p);
		*p = q;
	}
	if (s->v[K_DEPENDS].raw)
		resolve_check_exists(c, &s->v[K_DEPENDS], EXIST_FILE);
	files_resolve(c, t);
	if (m)
		cocotb_test(c, t, m, k);
	if (s->base)
		t->group = s->base;	/* expand.c made it: test/BASE */
	slurm_test(c, t);
	t->vpi = t->design && !t->spec.disabled && t->design->recipe &&
	    t->design->recipe->sim == SIM_ICARUS;
	add_labels(c, t, &s->v[K_LABELS]);
	if (t->design)
		add_labels(c, t, &t->design->sec->v[K_LABELS]);
	test_links(c->mo, t);
	diag_alias(NULL, NULL);
	if ((c->mo->ntests & (c->mo->ntests - 1)) == 0)	/* doubling */
		c->mo->tests = xrealloc(c->mo->tests, (c->mo->ntests ?
		    2 * c->mo->ntests : 1) * sizeof *c->mo->tests);
	c->mo->tests[c->mo->ntests++] = t;
}

/* Add the tests of section s: itself, or one per test of its cocotb
 * module. */
static void
add_test(struct ctx *c, const struct msection *s)
{
	const struct cocotb_module *m;
	size_t k;

	if (!s->v[K_COCOTB].raw) {
		add_one(c, s, s->name, NULL, 0);
		return;
	}
	if (!(m = cocotb_module_of(c, s)))
		return;		/* reported */
	for (k = 0; k < m->ncases; k++)
		add_one(c, s, cocotb_test_name(s, &m->cases[k]), m, k);
}

/* The directory of each manifest file (c->dirs), and each file relative
 * to the output directory (the graph's inputs). */
static void
read_files(struct ctx *c)
{
	const struct manifest *m = c->m;
	struct model *mo = c->mo;
	size_t i;

	c->dirs = xcalloc(m->nfiles + 1, sizeof *c->dirs);
	for (i = 0; i < m->nfiles; i++) {
		char *d = path_dirname(m->files[i]);

		c->dirs[i] = path_realdir(d);
		free(d);
	}
	for (i = 0; i < m->nfiles; i++) {
		const char *base = strrchr(m->files[i], '/');
		char *abs = path_join(c->dirs[i], base ? base + 1 : m->files[i]);

		list_push(&mo->inputs, &mo->ninputs, path_relative(c->outdir,
		    abs));
		free(abs);
	}
	mo->manifest = mo->ninputs ? xstrdup(mo->inputs[0]) : NULL;
}

/* What [cosimgen] sets for the whole graph. */
static void
add_global(struct ctx *c)
{
	const struct msection *g = &c->m->global;
	struct model *mo = c->mo;

	mo->builddir = resolve_path_or(c, g->v[K_BUILDDIR].raw ?
	    &g->v[K_BUILDDIR] : NULL, keys[K_BUILDDIR].deflt);
	if (strpbrk(mo->builddir, "|\n\r"))
		diag_error(g->v[K_BUILDDIR].file ? g->v[K_BUILDDIR].file :
		    c->m->path, g->v[K_BUILDDIR].line, "builddir '%s' holds '|', "
		    "which a ninja file cannot express", mo->builddir);
	mo->compile_jobs = resolve_num(NULL, NULL, g, K_COMPILE_JOBS);
	mo->history = g->v[K_HISTORY].raw ? resolve_path(c,
	    g->v[K_HISTORY].file, g->v[K_HISTORY].raw) :
	    layout_top(mo->builddir, TOP_HISTORY);
	if (g->v[K_HISTORY].raw && strpbrk(mo->history, "|\n\r"))
		diag_error(g->v[K_HISTORY].file, g->v[K_HISTORY].line, "history "
		    "'%s' holds '|', which a ninja file cannot express",
		    mo->history);
	mo->history_runs = resolve_num(NULL, NULL, g, K_HISTORY_RUNS);
	mo->waves_on_failure = resolve_num(NULL, NULL, g, K_WAVES_ON_FAILURE);
}

/* Every built-in simulator builds in cosim_linebuf.c from the bridge's
 * directory, which the compilers must be able to take. */
static void
check_templates(const struct model *mo, const struct manifest *m)
{
	size_t i;

	for (i = 0; i < mo->nrecipes; i++) {
		if (mo->recipes[i]->sim != SIM_CUSTOM &&
		    strpbrk(mo->templates, " \t:#$")) {
			diag_error(m->path, 0, "the bridge's directory '%s' holds "
			    "white space, ':', '#' or '$', which Verilator and "
			    "iverilog-vpi cannot take; install cosimgen elsewhere",
			    mo->templates);
			return;
		}
	}
}

/* The seeding of the build directory, and what the command line asks of
 * it. */
static void
read_seeding(struct ctx *c, const struct seedopts *so)
{
	char *bd = path_join(c->outdir, c->mo->builddir);

	if (seeding_read(bd, &c->mo->seeding) != 0)
		diag_error(c->m->path, 0, "cannot read %s/%s: %s", bd,
		    top_files[TOP_SEEDING], strerror(errno));
	if (so)
		seedopts_apply(so, &c->mo->seeding);
	free(bd);
}

void
model_build(struct model *mo, struct manifest *m, const char *outdir,
	const char *templates, enum executor executor,
	const struct seedopts *so, int coverage)
{
	struct ctx c = {mo, m, outdir, NULL, {0}, {0}, {0}, coverage};
	const struct msection *g = &m->global;
	struct msection **written;
	size_t i, nsecs = 0;

	memset(mo, 0, sizeof *mo);
	mo->templates = xstrdup(templates);
	mo->bridge_src = path_join(templates, "cosim_bridge.c");
	mo->linebuf_src = path_join(templates, "cosim_linebuf.c");
	mo->main_src = path_join(templates, "cosim_main.cpp");
	read_files(&c);
	check_section(&c, g);
	for (i = 0; i < m->nsections; i++)
		check_section(&c, m->sections[i]);
	add_global(&c);
	read_seeding(&c, so);
	/* from here on, the sections are the expanded ones */
	written = m->sections;
	m->nwritten = m->nsections;
	mo->seeded_tests = expand_sections(m, &mo->seeding, &m->sections,
	    &m->nsections);
	m->written = written;
	slurm_executor(&c, executor);
	for (i = 0; i < m->nsections; i++)
		if (m->sections[i]->kind == SK_RESOURCE)
			resources_add(mo, m->sections[i]);
		else if (m->sections[i]->kind == SK_FIXTURE)
			fixtures_add(&c, m->sections[i]);
		else if (m->sections[i]->kind == SK_WAIVER)
			waivers_add(&c, m->sections[i]);
	resources_check(&c);
	fixtures_check(&c);
	cocotb_discover(&c);
	for (i = 0; i < m->nsections; i++)
		if (m->sections[i]->kind == SK_DESIGN)
			add_design(&c, m->sections[i]);
	/* a variant's recipe would report a design's errors again; with
	 * any, nothing is written */
	if (!diag_errors())
		waves_variants(&c);	/* labelled with the plain recipes */
	recipe_labels(&c);
	for (i = 0; i < m->nsections; i++)
		if (m->sections[i]->kind == SK_TEST) {
			add_test(&c, m->sections[i]);
			nsecs++;
		}
	cocotb_finish(&c);
	for (i = 0; i < mo->ntests; i++)
		mo->nwaves += waves_offered(mo->tests[i]);
	mo->order = xcalloc(mo->ntests + 1, sizeof *mo->order);
	if (mo->ntests)
		memcpy(mo->order, mo->tests, mo->ntests * sizeof *mo->order);
	fixtures_finish(mo);
	check_templates(mo, m);
	/* (a cocotb module that could not be read says so itself) */
	if (!nsecs && m->nfiles && m->nsections + (g->file != NULL) > 0)
		diag_error(m->path, 0, "the manifest defines no tests: add a "
		    "[test:NAME] section");
	if (!diag_errors()) {
		for (i = 0; i < mo->ntests; i++) {
			struct buf b = {0};

			spec_encode(&b, &mo->tests[i]->spec);
			mo->tests[i]->spec_text = buf_steal(&b);
		}
		recipe_specs(&c);
	}
	for (i = 0; i < m->nfiles; i++)
		free(c.dirs[i]);
	free(c.dirs);
	strmap_free(&c.designs);
	strmap_free(&c.recipes);
	strmap_free(&c.labels);
}

/* The k-th group of test t (0 <= k), or SIZE_MAX after the last. */
typedef size_t group_of_fn(const void *ctx, const struct test *t, size_t k);

/* Count the tests of each of n groups, then place them. */
static void
groups_make(struct groups *g, size_t n, const struct model *mo,
	struct test *const *list, group_of_fn *group_of, const void *ctx)
{
	size_t *next = xcalloc(n + 1, sizeof *next), i, k, j, total = 0;

	g->start = xcalloc(n + 1, sizeof *g->start);
	for (i = 0; i < mo->ntests; i++)
		for (k = 0; (j = group_of(ctx, list[i], k)) != SIZE_MAX; k++)
			g->start[j + 1]++;
	for (j = 0; j < n; j++) {
		total += g->start[j + 1];
		g->start[j + 1] = total;
		next[j] = g->start[j];
	}
	g->tests = xcalloc(total + 1, sizeof *g->tests);
	for (i = 0; i < mo->ntests; i++)
		for (k = 0; (j = group_of(ctx, list[i], k)) != SIZE_MAX; k++)
			g->tests[next[j]++] = list[i];
	free(next);
}

static size_t
design_of(const void *ctx, const struct test *t, size_t k)
{
	(void)ctx;
	return k == 0 && t->design ? t->design->index : SIZE_MAX;
}

void
groups_by_design(struct groups *g, const struct model *mo,
	struct test *const *list)
{
	groups_make(g, mo->ndesigns, mo, list, design_of, NULL);
}

/* What label_of looks labels up in. */
struct label_index {
	struct strmap map;	/* a label: its entry of labels */
	char **labels;		/* the model's */
};

static size_t
label_of(const void *ctx, const struct test *t, size_t k)
{
	const struct label_index *li = ctx;

	if (!t->labels || !t->labels[k])
		return SIZE_MAX;
	return (size_t)((char **)strmap_get(&li->map, t->labels[k]) -
	    li->labels);
}

void
groups_by_label(struct groups *g, const struct model *mo,
	struct test *const *list)
{
	struct label_index li = {{0}, mo->labels};
	size_t i;

	for (i = 0; i < mo->nlabels; i++)
		strmap_add(&li.map, mo->labels[i], &mo->labels[i]);
	groups_make(g, mo->nlabels, mo, list, label_of, &li);
	strmap_free(&li.map);
}

void
groups_free(struct groups *g)
{
	free(g->tests);
	free(g->start);
}

int
model_history_default(const struct model *mo)
{
	char *deflt = layout_top(mo->builddir, TOP_HISTORY);
	int same = strcmp(mo->history, deflt) == 0 &&
	    mo->history_runs == HISTORY_RUNS;

	free(deflt);
	return same;
}
