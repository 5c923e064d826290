/* makefile.c - the GNU make writer: the same graph as ninja.c, as a
 * fragment to `include` from a user's Makefile.
 *
 * Every name it defines starts with cosim (variables COSIM_*, targets
 * cosim-*), so it never clobbers the user's own. makefile_check reports
 * the paths make cannot express before anything is written. Make remakes the fragment when the
 * manifest changes and restarts; a missing spec file or test list is
 * remade by running cosimgen again. Make has no pools, so compile_jobs and resource counts are not
 * enforced here (cosimgen warns).
 *
 * GNU make starts a target's prerequisites in the order they are listed,
 * and a test's compile when it reaches the test: the report lists the
 * tests in the order they should start in, each compile's first test
 * where the compile should start (model.h's walk), and the fragment is
 * remade when the run history changes, so the next make uses the last
 * run's durations. */
#include "makefile.h"
#include "waves.h"
#include "path.h"
#include "build.h"
#include "diag.h"
#include "escape.h"
#include "layout.h"

#include <stdlib.h>
#include <string.h>

/* The paths a value lists, as written, each one expressible in make. */
static void
check_written_paths(const struct msection *s)
{
	size_t k;
	char **items, **p;

	for (k = 0; k < K_NKEYS; k++) {
		const struct mvalue *v = &s->v[k];

		if (!v->raw || keys[k].type != KT_LIST ||
		    !(keys[k].flags & KF_PATH) ||
		    list_split(v->raw, &items) < 0)
			continue;
		for (p = items; *p; p++)
			if (!esc_make_path_ok(*p))
				diag_error(v->file, v->line, "path '%s' in '%s' "
				    "cannot be written in a make file (it holds "
				    "white space or one of :#%%=;\\*?[~\"'`|&<>(){}); "
				    "rename it or use the ninja generator", *p,
				    keys[k].name);
		list_free(items);
	}
}

/* The files a cocotb test reads (its module, the module's helpers,
 * cocotb's VPI library) are inputs of its rule. */
static void
check_cocotb_paths(const struct test *t)
{
	const struct mvalue *v = &t->sec->v[K_COCOTB];
	char **p;

	for (p = t->depends; *p; p++)
		if (!esc_make_path_ok(*p)) {
			diag_error(v->file, v->line, "the cocotb test '%s' reads "
			    "'%s', which cannot be written in a make file; use "
			    "the ninja generator", t->name, *p);
			return;
		}
}

void
makefile_check(const struct manifest *m, const struct model *mo)
{
	const struct mvalue *bd = &m->global.v[K_BUILDDIR];
	size_t i;

	check_written_paths(&m->global);
	for (i = 0; i < m->nsections; i++)
		check_written_paths(m->sections[i]);
	if (!esc_make_path_ok(mo->builddir))
		diag_error(bd->file ? bd->file : m->path, bd->line, "builddir "
		    "'%s' cannot be written in a make file", mo->builddir);
	else if (!esc_make_path_ok(mo->history))
		diag_error(m->global.v[K_HISTORY].file ?
		    m->global.v[K_HISTORY].file : m->path,
		    m->global.v[K_HISTORY].line, "history '%s' cannot be "
		    "written in a make file", mo->history);
	/* every built-in simulator builds in the bridge's directory; one
	 * that holds what no simulator takes was reported by the model */
	for (i = 0; i < mo->nrecipes; i++)
		if (mo->recipes[i]->sim != SIM_CUSTOM &&
		    !strpbrk(mo->templates, " \t:#$") &&
		    !esc_make_path_ok(mo->bridge_src)) {
			diag_error(m->path, 0, "the bridge's directory '%s' "
			    "cannot be written in a make file; use the ninja "
			    "generator", mo->templates);
			break;
		}
	for (i = 0; i < mo->ntests; i++)
		if (mo->tests[i]->group && (i == 0 ||
		    mo->tests[i - 1]->group != mo->tests[i]->group))
			check_cocotb_paths(mo->tests[i]);
	if (diag_errors())
		return;
	if (mo->nresources)
		diag_warning(m->path, 0, "make has no pools: a test waiting for "
		    "the slots of its resources holds a make job meanwhile "
		    "(ninja queues it instead)");
	if (m->global.v[K_COMPILE_JOBS].raw)
		diag_warning(m->global.v[K_COMPILE_JOBS].file,
		    m->global.v[K_COMPILE_JOBS].line, "make has no pools: "
		    "compile_jobs is not enforced in a make fragment (limit "
		    "make -j instead)");
}

static void
word(struct buf *b, const char *s)
{
	buf_putc(b, ' ');
	esc_make_path(b, s);
}

/* A prerequisite list, one per continued line when there are many. */
static void
next_item(struct buf *b, size_t i)
{
	if (i && i % 4 == 0)
		buf_puts(b, " \\\n ");
}

/* BUILDDIR/FILE: the builddir escaped, FILE from layout.h as it is (a
 * file name that needs no escaping, or a pattern). */
static void
builddir_file(struct buf *b, const struct model *mo, const char *file)
{
	esc_make_path(b, mo->builddir);
	buf_putc(b, '/');
	buf_puts(b, file);
}

static void
compile_recipe(struct buf *b, const char *prefix, const char *spec,
    int link)
{
	struct buf q = {0};

	esc_shell(&q, spec);
	buf_printf(b, "\t%s@exec $(COSIM_RUN) --compile %s", prefix,
	    link ? "--link " : "");
	esc_make_recipe(b, q.s);
	buf_putc(b, '\n');
	buf_free(&q);
}

/* The header: what wrote it, and the variables. */
static void
write_header(struct buf *b, const struct model *mo, const struct genopts *o)
{
	struct buf q = {0};

	buf_printf(b, "# Generated by cosimgen %s; edits are lost when it "
	    "runs again.\n# command: ", VERSION);
	esc_make_value(b, o->cmdline);
	buf_puts(b, "\n# Include it from a Makefile: `include ");
	esc_make_value(b, o->output);
	buf_puts(b, "`, then `make cosim-check`.\n\n");
	esc_shell(&q, o->cosimgen);
	buf_puts(b, "COSIM_GEN := ");
	esc_make_value(b, q.s);
	buf_reset(&q);
	esc_shell(&q, o->launcher);
	buf_puts(b, "\nCOSIM_RUN := ");
	esc_make_value(b, q.s);
	buf_puts(b, "\nCOSIM_BUILDDIR := ");
	esc_make_value(b, mo->builddir);
	/* Keep the including Makefile's default goal. */
	buf_puts(b, "\n\ncosim__default_goal := $(.DEFAULT_GOAL)\n\n"
	    ".PHONY: cosim-check cosim-compile\n"
	    "cosim-check: ");
	builddir_file(b, mo, top_files[TOP_SUMMARY]);
	buf_puts(b, "\n\n");
	buf_free(&q);
}

/* The recipe that runs cosimgen again, after a rule's prerequisites. */
static void
regen_recipe(struct buf *b, const struct genopts *o)
{
	buf_puts(b, "\n\t$(COSIM_GEN) ");
	esc_make_recipe(b, o->regen);
	buf_puts(b, "\n");
}

/* Regeneration. The fragment is rewritten on every run of cosimgen, so
 * once remade it is newer than the manifest; the spec files and the test
 * list are rewritten only when their text changes, so they are remade
 * only when missing. */
static void
write_regen(struct buf *b, const struct model *mo, const struct genopts *o)
{
	char *designs = layout_design(NULL, "%"), *made[6];
	char *fixtures = layout_fixture(NULL, "%");
	size_t i;

	made[0] = layout_top(NULL, TOP_TESTS_LIST);
	made[1] = layout_top(NULL, TOP_COMPILES_LIST);
	made[2] = layout_test_file(NULL, "%", DIR_SPEC);
	made[3] = layout_in(designs, DIR_SPEC);
	made[4] = layout_in(fixtures, DIR_SPEC);
	free(designs);
	made[5] = NULL;
	if (mo->nruntimes) {
		designs = layout_runtime(NULL, "%");
		made[5] = layout_in(designs, DIR_SPEC);
		free(designs);
	}
	free(fixtures);

	esc_make_path(b, o->output);
	buf_putc(b, ':');
	for (i = 0; i < mo->ninputs; i++)
		word(b, mo->inputs[i]);
	if (esc_make_path_ok(o->cosimgen))
		word(b, o->cosimgen);
	word(b, mo->history);
	for (i = 0; i < mo->nregen_inputs; i++)
		if (esc_make_path_ok(mo->regen_inputs[i]))
			word(b, mo->regen_inputs[i]);
	regen_recipe(b, o);
	/* the run history orders the tests; cosimgen creates it when it is
	 * missing (a target without a recipe: no error then) */
	esc_make_path(b, mo->history);
	buf_puts(b, ":\n");
	/* and a file discovery found may be gone (as gcc -MP writes them) */
	for (i = 0; i < mo->nregen_inputs; i++)
		if (esc_make_path_ok(mo->regen_inputs[i])) {
			esc_make_path(b, mo->regen_inputs[i]);
			buf_puts(b, ":\n");
		}
	for (i = 0; i < sizeof made / sizeof made[0] && made[i]; i++) {
		builddir_file(b, mo, made[i]);
		buf_putc(b, ':');
		regen_recipe(b, o);
		free(made[i]);
	}
	if (mo->vpi) {
		esc_make_path(b, mo->vpi_spec);
		buf_putc(b, ':');
		regen_recipe(b, o);
	}
	for (i = 0; i < mo->nrecipes; i++) {
		if (!mo->recipes[i]->cmdfile)
			continue;
		esc_make_path(b, mo->recipes[i]->cmdfile);
		buf_putc(b, ':');
		regen_recipe(b, o);
	}
	buf_putc(b, '\n');
}

/* A compile rule: what it reads, then cosim-run --compile. */
static void
write_recipe(struct buf *b, const struct recipe *r)
{
	static const char *what[SIM_N] = {"VERILATE", "IVERILOG", "COMPILE",
		"GHDL"};
	size_t j;

	if (!r->exe)
		return;
	esc_make_path(b, r->link ? r->objects : r->exe);
	buf_putc(b, ':');
	word(b, r->spec_path);
	for (j = 0; r->inputs[j]; j++) {
		next_item(b, j + 1);
		word(b, r->inputs[j]);
	}
	for (j = 0; r->implicit[j]; j++)
		word(b, r->implicit[j]);
	if (r->is_runtime)
		buf_printf(b, "\n\t@echo 'VERILATOR %s'\n", r->id);
	else
		buf_printf(b, "\n\t@echo '%s %s'\n", what[r->sim], r->label);
	/* Verilator runs make: '+' hands it make's jobserver (GNU make 4.3
	 * passes it only to recipes marked as running make) */
	compile_recipe(b, r->sim == SIM_VERILATOR ? "+" : "", r->spec_path, 0);
	if (r->depfile) {
		buf_puts(b, "-include");
		word(b, r->depfile);
		buf_putc(b, '\n');
	}
	buf_putc(b, '\n');
	if (!r->link)
		return;
	/* the link, once the model and the runtime are built */
	esc_make_path(b, r->exe);
	buf_putc(b, ':');
	word(b, r->objects);
	word(b, r->runtime->exe);
	buf_printf(b, "\n\t@echo 'LINK %s'\n", r->label);
	compile_recipe(b, "+", r->spec_path, 1);
	buf_putc(b, '\n');
}

/* The VPI module every Icarus run loads. */
static void
write_vpi(struct buf *b, const struct model *mo)
{
	char *h = path_join(mo->templates, "cosim_bridge.h");

	esc_make_path(b, mo->vpi);
	buf_putc(b, ':');
	word(b, mo->vpi_spec);
	word(b, mo->bridge_src);
	word(b, mo->linebuf_src);
	word(b, h);
	free(h);
	buf_puts(b, "\n\t@echo 'VPI cosim_bridge'\n");
	compile_recipe(b, "", mo->vpi_spec, 0);
	buf_putc(b, '\n');
}

/* compiles: each through cosim-run --compile (see compile.h), which exits
 * 0 even when the compile fails, so make goes on to the tests and the
 * report; cosim-compile fails then */
static void
write_compiles(struct buf *b, const struct model *mo)
{
	struct buf t = {0}, q = {0};
	size_t i, j;

	buf_puts(b, "cosim-compile:");
	for (i = 0, j = 0; i < mo->nrecipes; i++) {
		if (!mo->recipes[i]->exe)
			continue;
		next_item(b, j++);
		word(b, mo->recipes[i]->exe);
		buf_printf(&t, " %s", mo->recipes[i]->id);
	}
	if (mo->vpi) {
		word(b, mo->vpi);
		buf_puts(&t, " " LAYOUT_VPI);
	}
	if (t.len) {
		buf_puts(b, "\n\t@exec $(COSIM_RUN) --compiled ");
		esc_shell(&q, mo->builddir);
		esc_make_recipe(b, q.s);
		buf_puts(b, t.s);
	}
	buf_puts(b, "\n\n");
	for (i = 0; i < mo->nrecipes; i++)
		write_recipe(b, mo->recipes[i]);
	if (mo->vpi)
		write_vpi(b, mo);
	buf_free(&t);
	buf_free(&q);
}
/* A test's stamp rule and its cosim-test-NAME target. */
static void
write_test(struct buf *b, const struct model *mo, const struct test *t)
{
	struct buf q = {0};
	size_t j;

	esc_make_path(b, t->stamp);
	buf_putc(b, ':');
	word(b, t->spec_path);
	if (t->design && !t->spec.disabled && t->design->recipe->exe)
		word(b, t->design->recipe->exe);
	if (t->vpi)
		word(b, mo->vpi);
	for (j = 0; j < t->nfixtures; j++)
		word(b, t->fixtures[j]->spec_path);
	for (j = 0; t->depends[j]; j++)
		word(b, t->depends[j]);
	buf_puts(b, "\n\t@exec $(COSIM_RUN) --stamp ");
	esc_shell(&q, t->stamp);
	buf_putc(&q, ' ');
	esc_shell(&q, t->spec_path);
	esc_make_recipe(b, q.s);
	buf_printf(b, "\n.PHONY: cosim-test-%s\ncosim-test-%s:", t->name,
	    t->name);
	word(b, t->stamp);
	buf_puts(b, "\n\n");
	buf_free(&q);
}

/* The cosim-design-NAME and cosim-label-NAME targets, and the
 * cosim-test-NAME of each cocotb test section (its tests are next to
 * each other in mo->tests). */
static void
write_groups(struct buf *b, const struct model *mo)
{
	struct groups gr;
	size_t i, j;

	for (i = 0; i < mo->ntests; i++) {
		const char *g = mo->tests[i]->group;

		if (!g || (i > 0 && mo->tests[i - 1]->group == g))
			continue;
		buf_printf(b, ".PHONY: cosim-test-%s\ncosim-test-%s:", g, g);
		for (j = i; j < mo->ntests && mo->tests[j]->group == g; j++)
			word(b, mo->tests[j]->stamp);
		buf_puts(b, "\n\n");
	}
	groups_by_design(&gr, mo, mo->order);
	for (i = 0; i < mo->ndesigns; i++) {
		buf_printf(b, ".PHONY: cosim-design-%s\ncosim-design-%s:",
		    mo->designs[i]->name, mo->designs[i]->name);
		for (j = gr.start[i]; j < gr.start[i + 1]; j++)
			word(b, gr.tests[j]->stamp);
		buf_puts(b, "\n\n");
	}
	groups_free(&gr);
	groups_by_label(&gr, mo, mo->order);
	for (i = 0; i < mo->nlabels; i++) {
		buf_printf(b, ".PHONY: cosim-label-%s\ncosim-label-%s:",
		    mo->labels[i], mo->labels[i]);
		for (j = gr.start[i]; j < gr.start[i + 1]; j++)
			word(b, gr.tests[j]->stamp);
		buf_puts(b, "\n\n");
	}
	groups_free(&gr);
}

/* cosim-waves-NAME: the test again with waves, through the waves graph
 * (gen/waves.h), which is ninja's: make builds what both use, the VPI
 * module and a GHDL design's compile, first. */
static void
write_waves(struct buf *b, const struct model *mo)
{
	char *graph = layout_top(mo->builddir, TOP_WAVES_NINJA);
	struct buf q = {0};
	size_t i;

	esc_shell(&q, graph);
	for (i = 0; i < mo->ntests; i++) {
		const struct test *t = mo->tests[i];

		if (!waves_offered(t))
			continue;
		buf_printf(b, ".PHONY: cosim-waves-%s\ncosim-waves-%s:",
		    t->name, t->name);
		if (t->vpi || waves_plain(t))
			buf_puts(b, " |");
		if (t->vpi)
			word(b, mo->vpi);
		if (waves_plain(t))
			word(b, t->design->recipe->exe);
		buf_puts(b, "\n\t@exec ninja -f ");
		esc_make_recipe(b, q.s);
		buf_printf(b, " waves/%s\n\n", t->name);
	}
	buf_free(&q);
	free(graph);
}

/* The report, after every test, and the including Makefile's goal back. */
static void
write_report(struct buf *b, const struct model *mo)
{
	struct buf q = {0};
	size_t i;

	builddir_file(b, mo, top_files[TOP_SUMMARY]);
	buf_puts(b, ": ");
	builddir_file(b, mo, top_files[TOP_TESTS_LIST]);
	for (i = 0; i < mo->nwalk; i++) {
		buf_puts(b, " \\\n ");
		word(b, mo->walk[i]->stamp);
	}
	buf_puts(b, "\n\t@exec $(COSIM_GEN) report ");
	if (!model_history_default(mo)) {
		buf_puts(&q, "--history ");
		esc_shell(&q, mo->history);
		buf_printf(&q, " --history-runs %lld ",
		    (long long)mo->history_runs);
	}
	if (mo->waves_on_failure > 0)
		buf_printf(&q, "--waves-on-failure %lld ",
		    (long long)mo->waves_on_failure);
	esc_shell(&q, mo->builddir);
	esc_make_recipe(b, q.s);
	buf_puts(b, "\n\n.DEFAULT_GOAL := $(cosim__default_goal)\n");
	buf_free(&q);
}

void
makefile_write(struct buf *b, const struct model *mo, const struct genopts *o)
{
	size_t i;

	write_header(b, mo, o);
	write_regen(b, mo, o);
	write_compiles(b, mo);
	for (i = 0; i < mo->ntests; i++)
		write_test(b, mo, mo->order[i]);
	write_groups(b, mo);
	write_waves(b, mo);
	write_report(b, mo);
}
