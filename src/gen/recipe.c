/* recipe.c - compile recipes: what makes two designs share one compile,
 * and the compile command of each simulator.
 *
 * A recipe is the simulator, the sources in order, top, defines, params,
 * flags, include dirs, the custom compile template and whether the bridge
 * and, for Verilator, cosim_linebuf.c are compiled in (by name, not
 * path); the default timescale when there is one; and for a design built
 * for cocotb, "cocotb", its version, library and share directories. Its
 * 64-bit FNV-1a hash names the output directory <builddir>/designs/HASH;
 * a design whose hash is already known shares that recipe.
 *
 * A design built for cocotb: on Verilator, cocotb's own main
 * (SHARE/lib/verilator/verilator.cpp) and VPI library, --vpi and the
 * public signals cocotb reaches, the model named Vtop; on Icarus, the
 * same vvp as any design (the launcher loads cocotb's VPI library after
 * cosimgen's own, for its line buffering), with COCOTB_SIM defined as
 * cocotb's makefiles do. Neither has the bridge or, on Verilator,
 * cosim_linebuf.c among its sources.
 * A timescale reaches Verilator as --timescale, iverilog through a command
 * file beside the compile's spec (it takes +timescale+ nowhere else). */
#include "recipe.h"
#include "cocotb.h"
#include "path.h"
#include "diag.h"
#include "ghdl.h"
#include "escape.h"
#include "compileslist.h"
#include "layout.h"
#include "slurm.h"
#include "spec.h"
#include "util.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

static void
hash_field(uint64_t *h, const char *tag, char **items)
{
	char **p;
	size_t n = 0;

	*h = fnv1a(*h, tag, strlen(tag) + 1);
	for (p = items; p && *p; p++)
		n++;
	*h = fnv1a(*h, &n, sizeof n);
	for (p = items; p && *p; p++)
		*h = fnv1a(*h, *p, strlen(*p) + 1);
}

/* Verilator writes paths into a makefile and a dependency file of its own
 * without escaping them. */
static void
check_verilator_paths(const struct mvalue *v, char **paths)
{
	char **p;

	for (p = paths; v && *p; p++)
		if (strpbrk(*p, " \t:#$"))
			diag_error(v->file, v->line, "Verilator cannot take the "
			    "path '%s': white space, ':', '#' and '$' break its "
			    "generated makefile and dependency file; rename it",
			    *p);
}

/* The name Verilator gives a model of top, and so its executable: "V" and
 * the name encoded as Verilator encodes identifiers, "__" becoming
 * "___05F" and any other character but a letter, digit or '_' "__0" and
 * its hex code ("t$x" gives Vt__024x). */
static char *
verilator_prefix(const char *top)
{
	struct buf b = {0};
	const char *p;

	buf_putc(&b, 'V');
	for (p = top; *p; p++) {
		if (isalnum((unsigned char)*p) || (*p == '_' && p[1] != '_'))
			buf_putc(&b, *p);
		else if (*p == '_')
			buf_puts(&b, "___05F"), p++;
		else
			buf_printf(&b, "__0%02x", (unsigned char)*p);
	}
	return buf_steal(&b);
}

/* The items as shell words, each after prefix, joined by spaces. */
static char *
words(const char *prefix, char **items)
{
	struct buf b = {0}, w = {0};
	char **p;

	for (p = items; *p; p++) {
		buf_reset(&w);
		buf_puts(&w, prefix);
		buf_puts(&w, *p);
		if (b.len)
			buf_putc(&b, ' ');
		esc_shell(&b, w.s);
	}
	buf_free(&w);
	return b.s ? buf_steal(&b) : xstrdup("");
}

static void
add(struct buf *b, char *s)
{
	if (*s) {
		buf_putc(b, ' ');
		buf_puts(b, s);
	}
	free(s);
}

static char *
quoted(const char *s)
{
	struct buf b = {0};

	esc_shell(&b, s);
	return buf_steal(&b);
}

/* -I for cosim_bridge.svh. */
static char *
bridge_include(struct ctx *c)
{
	char *flag = xasprintf("-I%s", c->mo->templates), *q = quoted(flag);

	free(flag);
	return q;
}

/* A custom compile command: its template with the placeholders
 * expanded, each value quoted as shell words; NULL without one. Warns of
 * list keys set but not used by the template. */
static char *
custom_command(struct ctx *c, const struct recipe *r,
	const struct mvalue *vcomp, const char *srcdir, const char *top,
	char **defines, char **params, char **flags, char **inc)
{
	static const enum placeholder_id listed[] = {PLH_DEFINES, PLH_PARAMS,
		PLH_FLAGS, PLH_INCLUDE_DIRS};
	char **lists[] = {defines, params, flags, inc};
	char *vals[PLH_N] = {0}, *cmd;
	size_t i;

	if (!vcomp)
		return NULL;
	vals[PLH_SRCDIR] = quoted(srcdir);
	vals[PLH_BUILDDIR] = quoted(c->mo->builddir);
	vals[PLH_OUTDIR] = quoted(r->outdir);
	vals[PLH_SIM] = quoted(r->exe ? r->exe : "");
	vals[PLH_SOURCES] = words("", r->inputs);
	vals[PLH_TOP] = quoted(top ? top : "");
	vals[PLH_TEMPLATES] = quoted(c->mo->templates);
	for (i = 0; i < 4; i++) {
		const char *name = placeholder_name(listed[i]);
		char *ph = xasprintf("{%s}", name);

		vals[listed[i]] = words("", lists[i]);
		if (lists[i][0] && !strstr(vcomp->raw, ph))
			diag_warning(vcomp->file, vcomp->line, "'%s' is set but "
			    "this compile command does not use %s", name, ph);
		free(ph);
	}
	cmd = placeholder_expand_ids(vcomp->raw, (const char *const *)vals);
	for (i = 0; i < PLH_N; i++)
		free(vals[i]);
	return cmd;
}

/* What Verilator needs to build a model for cocotb i: its VPI, the
 * public signals cocotb reaches, the executable named Vtop, cocotb's
 * library. */
static void
verilator_cocotb(struct buf *a, const struct cocotb_info *i)
{
	char *ld = xasprintf("-Wl,-rpath,%s -L%s -lcocotbvpi_verilator",
	    i->lib_dir, i->lib_dir);

	buf_puts(a, " --vpi --public-flat-rw --prefix Vtop -o Vtop "
	    "-DCOCOTB_SIM=1 -LDFLAGS");
	add(a, quoted(ld));
	free(ld);
}

/* Verilator's runtime (verilated.cpp and its kin: ~80% of a small
 * design's build) is compiled once for every design built with the same
 * options, as a compile of its own (BUILDDIR/runtime/HASH), and each design
 * links its libverilated.a instead of building the objects itself. A
 * design's compile stops before the link (make's cosim-model), so it
 * runs while the runtime builds; a second edge of the same compile (its
 * spec's link command, cosim-run --compile --link) links once both are
 * done.
 *
 * The runtime is built as a design would build it: Verilator verilates
 * templates/cosim_runtime.sv with the design's mode (without --build) and
 * flags, and make builds only VK_GLOBAL_OBJS, by the rules of Verilator's
 * own makefile (templates/cosim_verilator.mk). Of what a design rather
 * than an option brings in, the stub uses timing, which most testbenches
 * do; DPI's svdpi support and probdist ($dist_*), which few use (1.6 s
 * of a 6 s runtime), a design that needs them builds at its link. The
 * options decide everything else the objects are compiled with
 * (-CFLAGS, --trace, --coverage, --vpi, --main's VL_TIME_CONTEXT), so
 * they are the runtime's hash: designs with other flags get another
 * runtime. */
static const char *
runtime_mode(int cocotb, unsigned variant)
{
	static const char *const own_main[] = {
		"--cc --exe --timing -CFLAGS -DVL_TIME_CONTEXT",
		"--cc --exe --timing -CFLAGS -DVL_TIME_CONTEXT --trace-fst",
		"--cc --exe --timing -CFLAGS -DVL_TIME_CONTEXT --coverage",
		"--cc --exe --timing -CFLAGS -DVL_TIME_CONTEXT --trace-fst "
		    "--coverage",
	};

	/* --timing: the stub's delay is allowed where the mode does not
	 * imply it; a design's own --no-timing comes later and wins */
	if (cocotb)
		return "--cc --exe --vpi --timing";
	if (variant)	/* cosim_main.cpp: the time is the context's, as
			 * with --main */
		return own_main[variant & 3];
	return "--cc --exe --main --timing";
}

/* What a Verilator variant adds to a design's options: cosimgen's own
 * main (in its sources, rin_link), the time kept by the context as
 * --main keeps it, the model's class for the main, and what the variant
 * records. */
static void
verilator_variant(struct buf *a, const struct recipe *r)
{
	const char *model = strrchr(r->exe, '/') + 1;

	buf_printf(a, " --timing -CFLAGS -DVL_TIME_CONTEXT -CFLAGS "
	    "-DCOSIM_MODEL=%s", model);
	if (r->variant & VARIANT_WAVES)
		buf_puts(a, " --trace-fst");
	if (r->variant & VARIANT_COVERAGE)
		buf_puts(a, " --coverage");
}

/* A design's Verilator options that use the runtime: no runtime
 * objects of its own, the runtime's library linked (from its --Mdir,
 * BUILDDIR/designs/HASH, where make runs), and make's goal everything but
 * the link. */
static void
runtime_link(struct ctx *c, struct buf *a, const struct recipe *rt)
{
	char *lib = xasprintf("../../%s/libverilated.a", rt->id);
	char *mk = path_join(c->mo->templates, "cosim_verilator.mk");

	buf_puts(a, " -MAKEFLAGS VM_GLOBAL_FAST= -MAKEFLAGS VM_GLOBAL_SLOW= "
	    "-MAKEFLAGS -f -MAKEFLAGS");
	add(a, quoted(mk));
	buf_puts(a, " -MAKEFLAGS cosim-model -LDFLAGS");
	add(a, quoted(lib));
	free(lib);
	free(mk);
}

/* The command that links design r once its runtime is built: the goal
 * Verilator's --build would have made (the model is up to date), with
 * only the runtime's parts the library lacks built here (VK_GLOBAL_OBJS,
 * without those the runtime lists in cosim_runtime.objs): DPI's and
 * probdist's support, for a design that uses them. */
static char *
link_command(const struct recipe *r)
{
	struct buf a = {0};
	/* both are in outdir: PREFIX__ALL.a and the executable */
	const char *model = strrchr(r->objects, '/') + 1;
	char *mk = xasprintf("%.*s.mk", (int)(strlen(model) -
	    strlen("__ALL.a")), model);
	char *objs = path_join(r->runtime->outdir, "cosim_runtime.objs");

	buf_puts(&a, "OBJCACHE=$(command -v ccache) exec make -s -C");
	add(&a, quoted(r->outdir));
	buf_puts(&a, " -f");
	add(&a, quoted(mk));
	buf_puts(&a, " -j \"${COSIM_COMPILE_JOBS:-1}\" \"COSIM_RUNTIME=$(cat ");
	esc_shell(&a, objs);
	buf_puts(&a, ")\" 'VK_GLOBAL_OBJS=$(addsuffix .o,$(filter-out "
	    "$(COSIM_RUNTIME),$(VM_GLOBAL_FAST) $(VM_GLOBAL_SLOW)))'");
	add(&a, quoted(strrchr(r->exe, '/') + 1));
	free(objs);
	free(mk);
	return buf_steal(&a);
}

/* The runtime's compile command: verilate the stub, then build the
 * objects with the jobs it is given (verilator_jobs), through ccache
 * when installed. */
static char *
runtime_command(struct ctx *c, const struct recipe *rt, char **flags,
    int cocotb, unsigned variant)
{
	struct buf a = {0};
	char *mk = path_join(c->mo->templates, "cosim_verilator.mk");

	buf_puts(&a, "export OBJCACHE=$(command -v ccache) && verilator ");
	buf_puts(&a, runtime_mode(cocotb, variant));
	add(&a, words("", flags));
	buf_puts(&a, " -Wno-fatal --prefix Vcosim_runtime --top-module "
	    "cosim_runtime --Mdir");
	add(&a, quoted(rt->outdir));
	add(&a, quoted(rt->inputs[0]));
	buf_puts(&a, " && exec make -s -C");
	add(&a, quoted(rt->outdir));
	buf_puts(&a, " -f Vcosim_runtime.mk -f");
	add(&a, quoted(mk));
	buf_puts(&a, " -j \"${COSIM_COMPILE_JOBS:-1}\" cosim-runtime");
	free(mk);
	return buf_steal(&a);
}

/* Add r to the model: to its recipes, or to its on-demand variants. */
static void
recipe_add(struct model *mo, struct recipe *r, int on_demand)
{
	struct recipe ***list = on_demand ? &mo->variants : &mo->recipes;
	size_t *n = on_demand ? &mo->nvariants : &mo->nrecipes;

	*list = xreallocarray(*list, *n + 1, sizeof **list);
	(*list)[(*n)++] = r;
}

/* The runtime for a Verilator design with these (expanded) flags, built
 * for cocotb or not, for a variant or not: an existing one when the
 * options are the same. A runtime first made for an on-demand variant is
 * one too: only what asks for the variant builds it. */
static struct recipe *
runtime_recipe(struct ctx *c, char **flags, int cocotb, unsigned variant)
{
	struct model *mo = c->mo;
	char *mode_list[2] = {(char *)runtime_mode(cocotb, variant), NULL};
	char *bd_list[2] = {mo->builddir, NULL};
	uint64_t h = FNV_OFFSET;
	struct recipe *rt;
	size_t n = 0;
	char hash[17];

	hash_field(&h, "runtime", mode_list);
	hash_field(&h, "flags", flags);
	hash_field(&h, "builddir", bd_list);
	snprintf(hash, sizeof hash, "%016llx", (unsigned long long)h);
	if ((rt = strmap_get(&c->recipes, hash)))
		return rt;
	rt = xcalloc(1, sizeof *rt);
	memcpy(rt->hash, hash, sizeof rt->hash);
	rt->sim = SIM_VERILATOR;
	rt->is_runtime = 1;
	rt->label = xstrdup("");
	rt->id = layout_runtime(NULL, hash);
	rt->outdir = path_join(mo->builddir, rt->id);
	rt->spec_path = layout_in(rt->outdir, DIR_SPEC);
	rt->exe = path_join(rt->outdir, "libverilated.a");
	rt->deps_src = path_join(rt->outdir, "cosim_runtime.deps");
	rt->deps_make = 1;
	rt->depfile = layout_in(rt->outdir, DIR_DEPS);
	list_split("", &rt->inputs);
	list_push(&rt->inputs, &n, path_join(mo->templates, "cosim_runtime.sv"));
	list_push(&rt->inputs, &n, path_join(mo->templates,
	    "cosim_verilator.mk"));
	list_split("", &rt->implicit);
	rt->args = runtime_command(c, rt, flags, cocotb, variant);
	rt->variant = variant;
	if (!(variant & VARIANT_WAVES)) {
		mo->runtimes = xrealloc(mo->runtimes,
		    (mo->nruntimes + 1) * sizeof *mo->runtimes);
		mo->runtimes[mo->nruntimes++] = rt;
	}
	recipe_add(mo, rt, variant & VARIANT_WAVES);
	strmap_add(&c->recipes, rt->hash, rt);
	return rt;
}

/* The compile command line after the tool name (or, for a custom
 * simulator, the whole command). */
static char *
recipe_args(struct ctx *c, const struct recipe *r, const struct mvalue *vcomp,
	const char *srcdir, const char *top, char **defines, char **params,
	char **flags, char **inc)
{
	struct buf a = {0};
	char *pfx;

	switch (r->sim) {
	case SIM_VERILATOR:
		/* -j 1: the compile pool, not Verilator's make, sets the
		 * parallelism; -s: its make says nothing unless it fails */
		buf_puts(&a, r->cocotb || r->variant ? "--cc --exe --build" :
		    "--binary");
		buf_puts(&a, " -j \"${COSIM_COMPILE_JOBS:-1}\" -MAKEFLAGS -s");
		if (r->variant && !r->cocotb)
			verilator_variant(&a, r);
		if (r->runtime)
			runtime_link(c, &a, r->runtime);
		/* the FST writer in the runtime needs zlib, after it: the
		 * -lz --trace-fst puts first does not count for a static
		 * library that comes later */
		if (r->runtime && (r->variant & VARIANT_WAVES) && !r->cocotb)
			buf_puts(&a, " -LDFLAGS -lz");
		buf_puts(&a, " --Mdir");
		add(&a, quoted(r->outdir));
		buf_puts(&a, " --top-module");
		add(&a, quoted(top));
		if (r->cocotb)
			verilator_cocotb(&a, r->cocotb);
		if (r->timescale) {
			buf_puts(&a, " --timescale");
			add(&a, quoted(r->timescale));
		}
		add(&a, words("+define+", defines));
		add(&a, words("-G", params));
		add(&a, words("-I", inc));
		if (r->bridge)
			add(&a, bridge_include(c));
		add(&a, words("", flags));
		add(&a, words("", r->inputs));
		break;
	case SIM_ICARUS:
		/* -M: every file it reads, `include`d ones too (compile.h) */
		buf_puts(&a, "-g2012 -M");
		add(&a, quoted(r->deps_src));
		buf_puts(&a, " -o");
		add(&a, quoted(r->exe));
		buf_puts(&a, " -s");
		add(&a, quoted(top));
		/* the dump module (templates/cosim_waves.v): a root of its
		 * own, told which one to dump */
		if (r->variant & VARIANT_WAVES) {
			char *dt = xasprintf("-DCOSIM_WAVES_TOP=%s", top);

			buf_puts(&a, " -s cosim_waves");
			add(&a, quoted(dt));
			free(dt);
		}
		if (r->cocotb)
			buf_puts(&a, " -DCOCOTB_SIM=1");
		if (r->cmdfile) {
			buf_puts(&a, " -f");
			add(&a, quoted(r->cmdfile));
		}
		add(&a, words("-D", defines));
		pfx = xasprintf("-P%s.", top);
		add(&a, words(pfx, params));
		free(pfx);
		add(&a, words("-I", inc));
		if (r->bridge)
			add(&a, bridge_include(c));
		add(&a, words("", flags));
		add(&a, words("", r->inputs));
		break;
	case SIM_CUSTOM:
		return custom_command(c, r, vcomp, srcdir, top, defines, params,
		    flags, inc);
	case SIM_GHDL:
		/* the whole command: two steps of ghdl and the output's link */
		return ghdl_compile_command(r->outdir, flags, top, r->inputs);
	case SIM_NONE:
	case SIM_N:
		break;		/* a recipe always has a simulator */
	}
	return buf_steal(&a);
}

/* What a design's recipe is made of, resolved along design -> [cosimgen]. */
struct rin {
	enum sim sim;
	const struct mvalue *vcomp;	/* custom: the compile template */
	char **src, **inc;	/* relative to the output directory */
	char **defines, **params, **flags;
	char *srcdir;
	const char *top;	/* NULL: none */
	int bridge;
	const struct cocotb_info *cocotb;	/* built for it, or NULL */
	const char *timescale;	/* NULL: none */
	unsigned variant;	/* VARIANT_ bits */
};

/* Each path of list, written in v's file, relative to the output
 * directory. */
static void
rel_paths(struct ctx *c, const struct mvalue *v, char **list)
{
	char **p;

	for (p = list; *p; p++) {
		char *q = resolve_path(c, v->file, *p);

		free(*p);
		*p = q;
	}
}

/* A GHDL design takes no defines, include dirs, timescale or bridge:
 * set in its section, an error; inherited from [cosimgen], left out. */
static void
rin_ghdl(struct ctx *c, const struct msection *s, struct rin *in)
{
	ghdl_check(c, s, in->flags);
	list_free(in->defines);
	list_free(in->inc);
	list_split("", &in->defines);
	list_split("", &in->inc);
	in->bridge = 0;
	in->timescale = NULL;
}

/* Resolve and check what d's recipe is made of. */
static void
rin_load(struct ctx *c, const struct design *d, struct rin *in)
{
	const struct msection *s = d->sec, *g = &c->m->global;
	const struct mvalue *vsrc = resolve_lookup(s, NULL, g, K_SOURCES);
	const struct mvalue *vinc = resolve_lookup(s, NULL, g, K_INCLUDE_DIRS);
	const struct mvalue *vtop = resolve_lookup(s, NULL, g, K_TOP);
	const struct mvalue *vb = resolve_lookup(s, NULL, g, K_BRIDGE);
	const char *ready;

	in->sim = d->sim;
	in->vcomp = in->sim == SIM_CUSTOM ?
	    resolve_lookup(s, NULL, g, K_COMPILE) : NULL;
	in->src = resolve_list(vsrc);
	in->inc = resolve_list(vinc);
	in->defines = resolve_list(resolve_lookup(s, NULL, g, K_DEFINES));
	in->params = resolve_list(resolve_lookup(s, NULL, g, K_PARAMS));
	in->flags = resolve_list(resolve_lookup(s, NULL, g, K_FLAGS));
	in->srcdir = resolve_path(c, s->file, ".");
	in->top = vtop ? vtop->raw : NULL;
	if (vsrc)
		rel_paths(c, vsrc, in->src);
	if (vinc)
		rel_paths(c, vinc, in->inc);
	if (vsrc)
		resolve_check_exists(c, vsrc, EXIST_FILE);
	if (vinc)
		resolve_check_exists(c, vinc, EXIST_DIR);
	if (in->sim == SIM_VERILATOR) {
		check_verilator_paths(vsrc, in->src);
		check_verilator_paths(vinc, in->inc);
	}
	ready = resolve_value(resolve_lookup(s, NULL, g, K_READY), K_READY);
	in->bridge = strcmp(ready, "socket") == 0 || strcmp(ready, "file") == 0;
	if (vb)
		parse_bool(vb->raw, &in->bridge);
	if (in->sim == SIM_CUSTOM)
		in->bridge = 0;	/* a custom simulator brings its own */
	in->cocotb = d->cocotb;
	in->timescale = resolve_value(resolve_lookup(s, NULL, g, K_TIMESCALE),
	    K_TIMESCALE);
	if (d->for_cocotb) {
		in->bridge = 0;	/* cocotb is the testbench */
		if (!in->timescale)
			in->timescale = COCOTB_TIMESCALE;
	}
	if (in->sim == SIM_CUSTOM)
		in->timescale = NULL;	/* its compile sets its own */
	if (in->sim == SIM_GHDL)
		rin_ghdl(c, s, in);
}

static void
rin_free(struct rin *in)
{
	list_free(in->src);
	list_free(in->inc);
	list_free(in->defines);
	list_free(in->params);
	list_free(in->flags);
	free(in->srcdir);
}

/* The recipe's hash, as 16 hex digits in hash. */
static void
rin_hash(struct ctx *c, const struct rin *in, char hash[17])
{
	char *top_list[2] = {(char *)in->top, NULL};
	char *comp_list[3] = {in->vcomp ? in->vcomp->raw : NULL, in->srcdir,
		NULL};
	char *sim_list[2] = {(char *)sim_name(in->sim), NULL};
	char *bd_list[2] = {c->mo->builddir, NULL};
	uint64_t h = FNV_OFFSET;
	char **p;

	/* flags may use {srcdir}: the srcdir is part of the recipe then */
	hash_field(&h, "simulator", sim_list);
	hash_field(&h, "sources", in->src);
	hash_field(&h, "top", top_list[0] ? top_list : NULL);
	hash_field(&h, "defines", in->defines);
	/* GHDL takes generics at run time (ghdl.c): not in its recipe */
	hash_field(&h, "params", in->sim == SIM_GHDL ? NULL : in->params);
	hash_field(&h, "flags", in->flags);
	hash_field(&h, "include_dirs", in->inc);
	hash_field(&h, "compile", comp_list[0] ? comp_list : NULL);
	for (p = in->flags; *p; p++)
		if (strstr(*p, "{srcdir}"))
			break;
	if (*p)
		hash_field(&h, "srcdir", comp_list + 1);
	hash_field(&h, "builddir", bd_list);
	if (in->bridge) {
		/* its header is compiled in (and, for Verilator, its code), so
		 * it is part of the recipe: by name, not by path, so the hash
		 * stays the same wherever the bridge is installed */
		char *b_list[2] = {"bridge", NULL};

		hash_field(&h, "bridge", b_list);
	}
	if (in->sim == SIM_VERILATOR && !in->cocotb) {
		/* linked in (rin_link): line-buffered stdout in every design,
		 * by name in the hash, as the bridge */
		char *lb_list[2] = {"linebuf", NULL};

		hash_field(&h, "linebuf", lb_list);
	}
	if (in->timescale) {
		char *ts_list[2] = {(char *)in->timescale, NULL};

		hash_field(&h, "timescale", ts_list);
	}
	if (in->cocotb) {
		char *cb_list[4] = {in->cocotb->version, in->cocotb->lib_dir,
			in->cocotb->share_dir, NULL};

		hash_field(&h, "cocotb", cb_list);
	}
	if (in->variant) {	/* by name, as the bridge */
		char *v_list[3] = {NULL, NULL, NULL};
		size_t n = 0;

		if (in->variant & VARIANT_WAVES)
			v_list[n++] = "waves";
		if (in->variant & VARIANT_COVERAGE)
			v_list[n++] = "coverage";
		hash_field(&h, "variant", v_list);
	}
	snprintf(hash, 17, "%016llx", (unsigned long long)h);
}

/* An Icarus waves variant compiles the dump module as a second root
 * (recipe_args): $dumpvars under the plusarg the waves run gives. */
static void
icarus_waves_link(struct ctx *c, struct rin *in)
{
	size_t n = 0;

	while (in->src[n])
		n++;
	in->src = xrealloc(in->src, (n + 2) * sizeof *in->src);
	in->src[n++] = path_join(c->mo->templates, "cosim_waves.v");
	in->src[n] = NULL;
}

/* Verilator links cosim_linebuf.c and the bridge, by absolute path, and
 * a variant cosimgen's main; or, for cocotb, cocotb's main. */
static void
rin_link(struct ctx *c, struct rin *in)
{
	size_t n = 0;

	if (in->sim == SIM_ICARUS && (in->variant & VARIANT_WAVES)) {
		icarus_waves_link(c, in);
		return;
	}
	if (in->sim != SIM_VERILATOR)
		return;
	while (in->src[n])
		n++;
	in->src = xrealloc(in->src, (n + 4) * sizeof *in->src);
	if (in->cocotb) {
		in->src[n++] = path_join(in->cocotb->share_dir,
		    "lib/verilator/verilator.cpp");
	} else {
		in->src[n++] = xstrdup(c->mo->linebuf_src);
		if (in->bridge)
			in->src[n++] = xstrdup(c->mo->bridge_src);
		if (in->variant)
			in->src[n++] = xstrdup(c->mo->main_src);
	}
	in->src[n] = NULL;
}

/* What the compile of r produces, by simulator. */
static void
recipe_outputs(struct recipe *r, const char *top, int custom_compile)
{
	char *pfx;

	switch (r->sim) {
	case SIM_VERILATOR:
		/* ccache, when installed, for Verilator's C++ build */
		r->tool = xstrdup("OBJCACHE=$(command -v ccache) verilator");
		pfx = r->cocotb ? xstrdup("Vtop") : verilator_prefix(top);
		r->exe = xasprintf("%s/%s", r->outdir, pfx);
		r->objects = xasprintf("%s/%s__ALL.a", r->outdir, pfx);
		r->deps_src = xasprintf("%s/%s__ver.d", r->outdir, pfx);
		free(pfx);
		r->deps_make = 1;
		r->depfile = layout_in(r->outdir, DIR_DEPS);
		break;
	case SIM_ICARUS:
		r->tool = xstrdup("iverilog");
		r->exe = xasprintf("%s/%s.vvp", r->outdir, top);
		r->deps_src = path_join(r->outdir, "iverilog.deps");
		r->depfile = layout_in(r->outdir, DIR_DEPS);
		if (r->timescale) {
			r->cmdfile = path_join(r->outdir, "iverilog.f");
			r->cmdfile_text = xasprintf("+timescale+%s\n",
			    r->timescale);
		}
		break;
	case SIM_CUSTOM:
		if (custom_compile)
			r->exe = xasprintf("%s/sim", r->outdir);
		break;
	case SIM_GHDL:
		/* no depfile: the sources are all it reads (ghdl.c) */
		r->exe = path_join(r->outdir, GHDL_RUN);
		r->cmdfile = path_join(r->outdir, GHDL_ARGS);
		break;
	case SIM_NONE:
	case SIM_N:
		break;
	}
}

/* The inputs of r's compile its command does not name. */
static void
recipe_implicit(struct recipe *r)
{
	size_t n = 0;

	list_split("", &r->implicit);
	if (r->cmdfile)
		list_push(&r->implicit, &n, xstrdup(r->cmdfile));
	if (r->cocotb && r->sim == SIM_VERILATOR)
		list_push(&r->implicit, &n, path_join(r->cocotb->lib_dir,
		    "libcocotbvpi_verilator.so"));
}

/* A flag is one word: its placeholders expand unquoted. */
static void
expand_flags(struct ctx *c, const struct recipe *r, struct rin *in)
{
	const char *vals[PLH_N] = {0};
	char **p;

	vals[PLH_SRCDIR] = in->srcdir;
	vals[PLH_BUILDDIR] = c->mo->builddir;
	vals[PLH_OUTDIR] = r->outdir;
	vals[PLH_SIM] = r->exe ? r->exe : "";
	vals[PLH_TOP] = in->top ? in->top : "";
	vals[PLH_TEMPLATES] = c->mo->templates;
	for (p = in->flags; *p; p++) {
		char *e = placeholder_expand_ids(*p, vals);

		free(*p);
		*p = e;
	}
}

/* A new recipe named hash for what in holds (which it takes its sources
 * from), added to the model. */
static struct recipe *
recipe_new(struct ctx *c, const struct design *d, struct rin *in,
	const char *hash)
{
	struct recipe *r = xcalloc(1, sizeof *r);

	memcpy(r->hash, hash, sizeof r->hash);
	r->sim = in->sim;
	r->label = xstrdup(d->name);
	r->bridge = in->bridge;
	r->cocotb = in->cocotb;
	r->variant = in->variant;
	r->timescale = in->timescale ? xstrdup(in->timescale) : NULL;
	if (r->sim == SIM_ICARUS && !c->mo->vpi)
		c->mo->vpi = path_join(c->mo->builddir,
		    LAYOUT_VPI "/cosim_bridge.vpi");
	r->inputs = in->src;
	in->src = NULL;
	r->id = layout_design(NULL, r->hash);
	r->outdir = path_join(c->mo->builddir, r->id);
	r->spec_path = layout_in(r->outdir, DIR_SPEC);
	recipe_outputs(r, in->top, in->vcomp != NULL);
	recipe_implicit(r);
	expand_flags(c, r, in);
	if (r->sim == SIM_VERILATOR) {
		r->runtime = runtime_recipe(c, in->flags, r->cocotb != NULL,
		    r->cocotb ? 0 : r->variant);
		r->link = link_command(r);
	}
	r->args = recipe_args(c, r, in->vcomp, in->srcdir, in->top,
	    in->defines, in->params, in->flags, in->inc);
	if (r->sim == SIM_GHDL)
		r->cmdfile_text = ghdl_args_text(in->flags, in->top);
	recipe_add(c->mo, r, r->variant & VARIANT_WAVES);
	return r;
}

/* List d among the designs of r. */
static void
recipe_add_design(struct recipe *r, struct design *d)
{
	if ((r->ndesigns & (r->ndesigns - 1)) == 0)	/* doubling */
		r->designs = xreallocarray(r->designs, r->ndesigns ?
		    2 * r->ndesigns : 1, sizeof *r->designs);
	r->designs[r->ndesigns++] = d;
}

/* The recipe of d with these variant bits: an existing one when the
 * recipe is the same, else a new one. */
static struct recipe *
recipe_of(struct ctx *c, struct design *d, unsigned variant)
{
	struct rin in = {0};
	struct recipe *r;
	char hash[17];

	rin_load(c, d, &in);
	in.variant = variant;
	rin_hash(c, &in, hash);
	rin_link(c, &in);
	if (!(r = strmap_get(&c->recipes, hash))) {
		r = recipe_new(c, d, &in, hash);
		strmap_add(&c->recipes, r->hash, r);
	}
	/* (its label, the names of all, is made once they are known) */
	recipe_add_design(r, d);
	if (r->runtime)
		recipe_add_design(r->runtime, d);
	rin_free(&in);
	return r;
}

struct recipe *
recipe_make(struct ctx *c, struct design *d)
{
	return recipe_of(c, d, d->coverage ? VARIANT_COVERAGE : 0);
}

struct recipe *
recipe_variant(struct ctx *c, struct design *d, unsigned variant)
{
	return recipe_of(c, d, variant | (d->coverage ? VARIANT_COVERAGE : 0));
}

void
recipe_labels(struct ctx *c)
{
	struct model *mo = c->mo;
	size_t i, j;

	for (i = 0; i < mo->nrecipes + mo->nvariants; i++) {
		struct recipe *r = i < mo->nrecipes ? mo->recipes[i] :
		    mo->variants[i - mo->nrecipes];
		struct buf b = {0};

		if (r->ndesigns < 2 || r->is_runtime)
			continue;
		for (j = 0; j < r->ndesigns; j++)
			buf_printf(&b, "%s%s", j ? " " : "", r->designs[j]->name);
		free(r->label);
		r->label = buf_steal(&b);
	}
}

/* The longest value of a duration key among the designs built by r (or
 * linking it, for a runtime; all Icarus designs for r NULL, the VPI
 * module); for a
 * timeout, 0 (none) is the longest. Only r's own designs are looked at:
 * a loop over every design for each recipe made large suites quadratic. */
static int64_t
longest(struct ctx *c, const struct recipe *r, enum keyid k, int zero_is_none)
{
	struct design **ds = r ? r->designs : c->mo->designs;
	size_t n = r ? r->ndesigns : c->mo->ndesigns, i;
	int64_t most = -1, v;

	for (i = 0; i < n; i++) {
		const struct recipe *dr = ds[i]->recipe;

		if (!dr || (!r && dr->sim != SIM_ICARUS))
			continue;
		v = resolve_num(NULL, ds[i]->sec, &c->m->global, k);
		if (zero_is_none && v == 0)
			return 0;
		if (v > most)
			most = v;
	}
	return most >= 0 ? most : resolve_num(NULL, NULL, &c->m->global, k);
}

/* What the compile of r asks for of key k (compile_cpus,
 * compile_memory): the most any design it builds asks for; the VPI
 * module's (r NULL) is [cosimgen]'s. */
static int64_t
compile_need(struct ctx *c, const struct recipe *r, enum keyid k)
{
	return r ? longest(c, r, k, 0) :
	    resolve_num(NULL, NULL, &c->m->global, k);
}

/* The text of a compile spec (spec.h); r is NULL for the VPI module. */
static char *
compile_spec(struct ctx *c, const struct recipe *r, char *id,
    char *dir, char *output, char *command)
{
	struct compile_spec s = {0};
	struct buf b = {0};

	s.id = id;
	s.builddir = c->mo->builddir;
	s.dir = dir;
	s.output = output;
	s.command = command;
	if (r && r->runtime) {
		s.needs = r->runtime->id;
		s.objects = r->objects;
		s.link = r->link;
	}
	if (r && r->depfile) {
		if (r->deps_make)
			s.deps_make = r->deps_src;
		else
			s.deps_lines = r->deps_src;
		s.depfile = r->depfile;
	}
	if (c->mo->executor == EXEC_SLURM)	/* else no designs are read */
		slurm_compile(c, r, &s, compile_need(c, r, K_COMPILE_CPUS),
		    compile_need(c, r, K_COMPILE_MEMORY));
	compile_spec_encode(&b, &s);
	strlist_clear(&s.srun);
	return buf_steal(&b);
}

/* A compile's line of compiles.list (compileslist.h): its limits are not
 * in its spec, an input of its edge, so that changing them recompiles
 * nothing. */
static void
list_line(struct ctx *c, struct buf *list, const struct recipe *r,
    const char *id, int64_t jobs, const char *names)
{
	compileslist_put(list, id, longest(c, r, K_COMPILE_TIMEOUT, 1),
	    longest(c, r, K_KILL_GRACE, 0), jobs, names);
}

/* How many jobs the make of Verilator compile r may run
 * (COSIM_COMPILE_JOBS): the cores it is given. Under slurm, its
 * compile_cpus. Locally, the compile pool's width shared by the compiles
 * that run side by side: the runtimes share all of it, since every link
 * waits for them (the designs' models beside them make one process more
 * than the pool for a while, measured faster than a slower runtime); the
 * designs share it among themselves. So one big design builds its model
 * files in parallel while many designs build one file each. Not in the
 * spec: changing it recompiles nothing. */
static int64_t
verilator_jobs(struct ctx *c, const struct recipe *r, size_t ndesigns)
{
	size_t n = r->is_runtime ? c->mo->nruntimes : ndesigns;
	int64_t jobs;

	if (c->mo->executor == EXEC_SLURM)
		jobs = compile_need(c, r, K_COMPILE_CPUS);
	else
		jobs = c->mo->compile_jobs / (int64_t)(n ? n : 1);
	return jobs > 0 ? jobs : 1;
}

/* The compile spec of the VPI module, and its line of compiles.list. */
static void
vpi_spec(struct ctx *c, struct buf *list)
{
	struct model *mo = c->mo;
	char *dir = path_join(mo->builddir, LAYOUT_VPI);
	struct buf cmd = {0};

	/* iverilog-vpi leaves its objects in the working directory */
	buf_puts(&cmd, "cd ");
	esc_shell(&cmd, dir);
	buf_puts(&cmd, " && exec iverilog-vpi --name=cosim_bridge "
	    "-DCOSIM_BRIDGE_VPI ");
	esc_shell(&cmd, mo->bridge_src);
	buf_putc(&cmd, ' ');
	esc_shell(&cmd, mo->linebuf_src);
	mo->vpi_spec = layout_in(dir, DIR_SPEC);
	mo->vpi_spec_text = compile_spec(c, NULL, LAYOUT_VPI, dir, mo->vpi,
	    cmd.s);
	list_line(c, list, NULL, LAYOUT_VPI, 0, NULL);
	buf_free(&cmd);
	free(dir);
}

void
recipe_specs(struct ctx *c)
{
	struct model *mo = c->mo;
	struct buf list = {0}, wlist = {0}, cmd = {0};
	size_t i, nverilator = 0;

	for (i = 0; i < mo->nrecipes; i++)
		nverilator += mo->recipes[i]->sim == SIM_VERILATOR &&
		    !mo->recipes[i]->is_runtime;
	/* the on-demand variants get a spec, but no line in
	 * compiles.list: the report takes every compile there for one its
	 * tests need (by the names of its designs). Their limits are in a
	 * list of their own, waves.compiles, without designs: each is
	 * built alone, with the whole pool */
	for (i = 0; i < mo->nrecipes + mo->nvariants; i++) {
		struct recipe *r = i < mo->nrecipes ? mo->recipes[i] :
		    mo->variants[i - mo->nrecipes];

		if (!r->exe)
			continue;
		buf_reset(&cmd);
		if (r->tool)
			buf_printf(&cmd, "%s ", r->tool);
		buf_puts(&cmd, r->args);
		r->spec_text = compile_spec(c, r, r->id, r->outdir, r->exe, cmd.s);
		if (i < mo->nrecipes)
			list_line(c, &list, r, r->id, r->sim == SIM_VERILATOR ?
			    verilator_jobs(c, r, nverilator) : 0,
			    r->is_runtime ? NULL : r->label);
		else
			list_line(c, &wlist, r, r->id, r->sim == SIM_VERILATOR ?
			    verilator_jobs(c, r, 1) : 0, NULL);
	}
	mo->waves_compiles_text = wlist.s ? buf_steal(&wlist) : xstrdup("");
	if (mo->vpi)
		vpi_spec(c, &list);
	mo->compiles_text = list.s ? buf_steal(&list) : xstrdup("");
	buf_free(&cmd);
}
