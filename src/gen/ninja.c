/* ninja.c - the ninja writer.
 *
 * The graph: one compile edge per recipe (in the compile pool), one run
 * edge per test, `exec cosim-run --stamp STAMP SPEC`, and a report edge on
 * all stamps. cosim-run exits 0 whatever the verdict so that a plain
 * `ninja` runs every test; it creates the stamp only when the test passed,
 * so a failed test's edge stays dirty and the next `ninja` reruns it (and
 * the report, which exits non-zero while any test failed). cosimgen
 * rewrites a spec only when its text changes: with restat on the
 * regeneration edge, only tests whose spec changed rerun. The spec files
 * are the outputs of an edge of their own, without inputs, that runs
 * cosimgen again only when one is missing: outputs of the regeneration
 * edge they would all be printed on ninja's FAILED line when a manifest
 * error stops it (tens of kilobytes for a large suite). Test names are
 * plain words; when builddir is not, it is quoted once in $q_builddir, so
 * commands never carry raw paths. Needs ninja 1.7 (implicit outputs).
 *
 * The compile and test edges are written in the order they should start
 * in (schedule.h): ninja starts ready edges in that order. The run history is an input of the
 * regeneration edge, declared by a phony edge without inputs (so that a
 * missing one is no error: cosimgen creates it), so the `ninja` after a
 * run that added to it writes the edges in the order that run's
 * durations give, before it starts anything. So are the files discovery
 * found (model.h's regen_inputs: a cocotb module's helpers): ninja takes
 * one that is gone for out of date, and regenerates, rather than stop
 * with "missing and no known rule to make it". */
#include "ninja.h"
#include "path.h"
#include "build.h"
#include "escape.h"
#include "layout.h"
#include "waves.h"

#include <stdlib.h>
#include <string.h>

static void
path(struct buf *b, const char *s)
{
	buf_putc(b, ' ');
	esc_ninja_path(b, s);
}

static void
var(struct buf *b, const char *indent, const char *name, const char *value)
{
	buf_printf(b, "%s%s = ", indent, name);
	esc_ninja_value(b, value);
	buf_putc(b, '\n');
}

static void
shell_var(struct buf *b, const char *name, const char *value)
{
	struct buf q = {0};

	esc_shell(&q, value);
	var(b, "", name, q.s);
	buf_free(&q);
}

/* Whether $in and $out of a test edge can go into a command as they are:
 * test names are plain words, so it depends on the builddir alone. Then
 * the command needs no per-edge variable, which keeps ninja's work per
 * edge small; otherwise commands use $q_builddir and $test. Every test
 * edge has $test anyway, for the status line ("TEST name"). */
static int
plain_paths(const struct model *mo)
{
	struct buf q = {0};
	int plain;

	esc_shell(&q, mo->builddir);
	plain = strcmp(q.s, mo->builddir) == 0 && !strpbrk(mo->builddir, "$ :");
	buf_free(&q);
	return plain;
}

/* The rule of a test edge. */
static void
test_rule(struct buf *b, const struct model *mo)
{
	char *stamp, *spec;

	if (plain_paths(mo)) {
		buf_puts(b, "rule cosim_test\n"
		    "  command = exec $cosim_run --stamp $out $in\n"
		    "  description = TEST $test\n\n");
		return;
	}
	stamp = layout_test_file("$q_builddir", "$test", DIR_STAMP);
	spec = layout_test_file("$q_builddir", "$test", DIR_SPEC);
	buf_printf(b, "rule cosim_test\n"
	    "  command = exec $cosim_run --stamp %s %s\n"
	    "  description = TEST $test\n\n", stamp, spec);
	free(stamp);
	free(spec);
}

/* A compile rule: every compile runs through cosim-run --compile, which
 * keeps the log, enforces compile_timeout, and exits 0 even when the
 * compile fails (the tests then record the failure): see compile.h. The
 * depfile is read without deps = gcc, which would delete it: a make
 * fragment beside this graph includes the same file. */
static void
compile_rule(struct buf *b, const char *name, const char *what, int deps,
    const char *mode)
{
	char *spec = layout_in("$q_builddir/$compile", DIR_SPEC);

	buf_printf(b, "rule %s\n"
	    "  command = exec $cosim_run --compile %s%s\n"
	    "  description = %s\n", name, mode, spec, what);
	free(spec);
	if (deps)
		buf_puts(b, "  depfile = $depfile\n");
	buf_puts(b, "  pool = cosim_compile\n\n");
}

/* The n-th output of the edge that brings back the spec files. */
static void
spec_output(struct buf *b, const char *spec, size_t n)
{
	buf_puts(b, n ? " $\n " : "build");
	path(b, spec);
}

/* waves/NAME runs the waves graph (waves.h) for that target, of the
 * same name there. In the console pool: its ninja's progress is the
 * user's to see, and two of them at once (ninja waves/a waves/b) would
 * build a variant they share twice and write one .ninja_log from two
 * processes; one after the other, the second finds the variant built. */
static void
waves_outer_rule(struct buf *b)
{
	buf_puts(b, "rule cosim_waves\n"
	    "  command = exec ninja -f $q_waves_ninja $out\n"
	    "  description = WAVES $out\n"
	    "  pool = console\n\n");
}

static void
rules(struct buf *b, const struct model *mo)
{
	int used[SIM_N] = {0};
	size_t i;

	for (i = 0; i < mo->nrecipes; i++)
		if (mo->recipes[i]->exe)
			used[mo->recipes[i]->sim] = 1;
	if (mo->nruntimes) {
		compile_rule(b, "cosim_runtime", "VERILATOR $compile", 1, "");
		compile_rule(b, "cosim_link", "LINK $label", 0, "--link ");
	}
	if (used[SIM_VERILATOR])
		compile_rule(b, "cosim_verilator", "VERILATE $label", 1, "");
	if (used[SIM_ICARUS])
		compile_rule(b, "cosim_icarus", "IVERILOG $label", 1, "");
	if (mo->vpi)
		compile_rule(b, "cosim_vpi", "VPI cosim_bridge", 0, "");
	if (used[SIM_CUSTOM])
		compile_rule(b, "cosim_custom", "COMPILE $label", 0, "");
	if (used[SIM_GHDL])
		compile_rule(b, "cosim_ghdl", "GHDL $label", 0, "");
	if (used[SIM_VERILATOR] || used[SIM_ICARUS] || used[SIM_CUSTOM] ||
	    used[SIM_GHDL] || mo->vpi)
		buf_puts(b, "rule cosim_compiled\n"
		    "  command = exec $cosim_run --compiled $q_builddir $compiles\n"
		    "  description = COMPILED\n\n");
	test_rule(b, mo);
	buf_puts(b, "rule cosim_report\n"
	    "  command = exec $cosimgen report ");
	if (!model_history_default(mo))
		buf_printf(b, "--history $q_history --history-runs %lld ",
		    (long long)mo->history_runs);
	if (mo->waves_on_failure > 0)
		buf_printf(b, "--waves-on-failure %lld ",
		    (long long)mo->waves_on_failure);
	buf_puts(b, "$q_builddir\n"
	    "  description = REPORT\n"
	    "  pool = console\n\n");
	if (mo->nwaves)
		waves_outer_rule(b);
}

/* path() of a file at the top of the builddir. */
static void
builddir_path(struct buf *b, const struct model *mo, enum top_file f)
{
	char *p = layout_top(mo->builddir, f);

	path(b, p);
	free(p);
}

/* The header, the variables, the pools and the rules. */
static void
write_header(struct buf *b, const struct model *mo, const struct genopts *o)
{
	size_t i;

	buf_printf(b, "# Generated by cosimgen %s; edits are lost when it "
	    "runs again.\n# command: ", VERSION);
	buf_puts(b, o->cmdline);
	buf_puts(b, "\nninja_required_version = 1.7\n\n");
	shell_var(b, "cosimgen", o->cosimgen);
	shell_var(b, "cosim_run", o->launcher);
	var(b, "", "builddir", mo->builddir);
	shell_var(b, "q_builddir", mo->builddir);
	shell_var(b, "q_history", mo->history);
	if (mo->nwaves) {
		char *w = layout_top(mo->builddir, TOP_WAVES_NINJA);

		shell_var(b, "q_waves_ninja", w);
		free(w);
	}
	buf_printf(b, "\npool cosim_compile\n  depth = %lld\n\n",
	    (long long)mo->compile_jobs);
	for (i = 0; i < mo->nresources; i++)
		buf_printf(b, "pool cosim_res_%s\n  depth = %lld\n\n",
		    mo->resources[i]->name, (long long)mo->resources[i]->count);
	buf_puts(b, "rule cosim_regen\n  command = $cosimgen ");
	esc_ninja_value(b, o->regen);
	buf_puts(b, "\n  description = REGEN ");
	esc_ninja_value(b, o->output);
	buf_puts(b, "\n  generator = 1\n  restat = 1\n\n");
	rules(b, mo);
}

/* Regeneration: the manifest files and this program are inputs; the test
 * and compile lists are outputs, so deleting one brings it back. */
static void
write_regen(struct buf *b, const struct model *mo, const struct genopts *o)
{
	size_t i, j;

	buf_puts(b, "build");
	path(b, o->output);
	buf_puts(b, " |");
	builddir_path(b, mo, TOP_TESTS_LIST);
	builddir_path(b, mo, TOP_COMPILES_LIST);
	if (mo->nwaves)
		builddir_path(b, mo, TOP_WAVES_NINJA);
	buf_puts(b, ": cosim_regen");
	for (i = 0; i < mo->ninputs; i++)
		path(b, mo->inputs[i]);
	buf_puts(b, " |");
	path(b, o->cosimgen);
	path(b, mo->history);
	for (i = 0; i < mo->nregen_inputs; i++)
		path(b, mo->regen_inputs[i]);
	buf_puts(b, "\n\n# The run history orders the tests; cosimgen creates "
	    "it when it is missing.\nbuild");
	path(b, mo->history);
	buf_puts(b, ": phony\n\n");
	if (mo->nregen_inputs)
		buf_puts(b, "# Files discovery found: one that is gone makes the "
		    "graph out of date.\n");
	for (i = 0; i < mo->nregen_inputs; i++) {
		buf_puts(b, "build");
		path(b, mo->regen_inputs[i]);
		buf_puts(b, ": phony\n");
	}
	if (mo->nregen_inputs)
		buf_putc(b, '\n');
	/* the same command brings back a deleted spec file */
	for (i = 0, j = 0; i < mo->nrecipes; i++) {
		if (!mo->recipes[i]->exe)
			continue;
		spec_output(b, mo->recipes[i]->spec_path, j++);
		if (mo->recipes[i]->cmdfile)
			spec_output(b, mo->recipes[i]->cmdfile, j++);
	}
	if (mo->vpi)
		spec_output(b, mo->vpi_spec, j++);
	for (i = 0; i < mo->nfixtures; i++)
		spec_output(b, mo->fixtures[i]->spec_path, j++);
	for (i = 0; i < mo->ntests; i++)
		spec_output(b, mo->tests[i]->spec_path, j++);
	if (j)
		buf_puts(b, ": cosim_regen\n  description = REGEN spec files\n\n");
}

/* A compile edge: the spec, then what the compile reads; for a design
 * that links a runtime, the model, then the link, which waits for both. */
static void
write_recipe(struct buf *b, const struct recipe *r)
{
	static const char *rule[SIM_N] = {"cosim_verilator", "cosim_icarus",
		"cosim_custom", "cosim_ghdl"};
	size_t j;

	if (!r->exe)
		return;
	buf_puts(b, "build");
	path(b, r->link ? r->objects : r->exe);
	buf_printf(b, ": %s", r->is_runtime ? "cosim_runtime" : rule[r->sim]);
	path(b, r->spec_path);
	buf_puts(b, " |");
	for (j = 0; r->inputs[j]; j++)
		path(b, r->inputs[j]);
	for (j = 0; r->implicit[j]; j++)
		path(b, r->implicit[j]);
	buf_putc(b, '\n');
	if (!r->is_runtime)
		var(b, "  ", "label", r->label);
	var(b, "  ", "compile", r->id);
	if (r->depfile)
		var(b, "  ", "depfile", r->depfile);
	buf_putc(b, '\n');
	if (!r->link)
		return;
	buf_puts(b, "build");
	path(b, r->exe);
	buf_puts(b, ": cosim_link");
	path(b, r->objects);
	buf_puts(b, " |");
	path(b, r->runtime->exe);
	buf_putc(b, '\n');
	var(b, "  ", "label", r->label);
	var(b, "  ", "compile", r->id);
	buf_putc(b, '\n');
}

/* The VPI module every Icarus run loads. */
static void
write_vpi(struct buf *b, const struct model *mo)
{
	char *h = path_join(mo->templates, "cosim_bridge.h");

	buf_puts(b, "build");
	path(b, mo->vpi);
	buf_puts(b, ": cosim_vpi");
	path(b, mo->vpi_spec);
	buf_puts(b, " |");
	path(b, mo->bridge_src);
	path(b, mo->linebuf_src);
	path(b, h);
	buf_puts(b, "\n  compile = " LAYOUT_VPI "\n\n");
	free(h);
}

/* The implicit inputs of an edge that runs test t (sim: its simulator,
 * or NULL), and its name. */
static void
test_inputs(struct buf *b, const struct model *mo, const struct test *t,
    const char *sim)
{
	size_t j;

	if (sim || t->depends[0] || t->vpi || t->nfixtures)
		buf_puts(b, " |");
	if (sim)
		path(b, sim);
	if (t->vpi)
		path(b, mo->vpi);
	for (j = 0; j < t->nfixtures; j++)
		path(b, t->fixtures[j]->spec_path);
	for (j = 0; t->depends[j]; j++)
		path(b, t->depends[j]);
	buf_printf(b, "\n  test = %s\n", t->name);
}

/* A test's edge: its spec, and as implicit inputs its compile, the VPI
 * module, its fixtures' specs and its extra inputs. */
static void
write_test(struct buf *b, const struct model *mo, const struct test *t)
{
	int exe = t->design && !t->spec.disabled && t->design->recipe->exe;

	buf_puts(b, "build");
	path(b, t->stamp);
	buf_puts(b, ": cosim_test");
	path(b, t->spec_path);
	test_inputs(b, mo, t, exe ? t->design->recipe->exe : NULL);
	if (t->pool)
		buf_printf(b, "  pool = cosim_res_%s\n", t->pool->name);
}

/* The report, after every test: in the order of mo->walk, which is the
 * order ninja 1.11 reaches the compiles in (model.h). */
static void
write_report(struct buf *b, const struct model *mo)
{
	size_t i;

	buf_puts(b, "\nbuild");
	builddir_path(b, mo, TOP_SUMMARY);
	buf_puts(b, ": cosim_report");
	builddir_path(b, mo, TOP_TESTS_LIST);
	buf_puts(b, " |");
	for (i = 0; i < mo->nwalk; i++) {
		buf_puts(b, " $\n   ");
		path(b, mo->walk[i]->stamp);
	}
}

/* cosim-check and cosim-compile. */
static void
write_main_targets(struct buf *b, const struct model *mo)
{
	struct buf t = {0};
	size_t i;

	buf_puts(b, "\n\n# Targets: cosim-check (the default) runs every test "
	    "and the report;\n# test/NAME runs one test, design/NAME the tests "
	    "of one design,\n# label/NAME the tests with that label, "
	    "cosim-compile every compile.\n");
	buf_puts(b, "build cosim-check: phony");
	builddir_path(b, mo, TOP_SUMMARY);
	/* not a phony: it exits non-zero when a compile failed */
	for (i = 0; i < mo->nrecipes; i++)
		if (mo->recipes[i]->exe)
			buf_printf(&t, "%s%s", t.len ? " " : "", mo->recipes[i]->id);
	if (mo->vpi)
		buf_printf(&t, "%s" LAYOUT_VPI, t.len ? " " : "");
	buf_printf(b, "\nbuild cosim-compile: %s", t.len ? "cosim_compiled" :
	    "phony");
	for (i = 0; i < mo->nrecipes; i++)
		if (mo->recipes[i]->exe)
			path(b, mo->recipes[i]->exe);
	if (mo->vpi)
		path(b, mo->vpi);
	buf_putc(b, '\n');
	if (t.len)
		var(b, "  ", "compiles", t.s);
	buf_free(&t);
}

/* test/NAME, design/NAME and label/NAME; test/NAME of a cocotb test
 * section runs every test of its module (they are next to each other in
 * mo->tests). */
static void
write_groups(struct buf *b, const struct model *mo)
{
	struct groups gr;
	size_t i, j;

	for (i = 0; i < mo->ntests; i++) {
		const char *g = mo->tests[i]->group;

		buf_printf(b, "build test/%s: phony", mo->tests[i]->name);
		path(b, mo->tests[i]->stamp);
		buf_putc(b, '\n');
		if (!g || (i + 1 < mo->ntests && mo->tests[i + 1]->group == g))
			continue;
		buf_printf(b, "build test/%s: phony", g);
		for (j = i; j > 0 && mo->tests[j - 1]->group == g; j--)
			;
		for (; j <= i; j++)
			path(b, mo->tests[j]->stamp);
		buf_putc(b, '\n');
	}
	groups_by_design(&gr, mo, mo->tests);
	for (i = 0; i < mo->ndesigns; i++) {
		buf_printf(b, "build design/%s: phony", mo->designs[i]->name);
		for (j = gr.start[i]; j < gr.start[i + 1]; j++)
			path(b, gr.tests[j]->stamp);
		buf_putc(b, '\n');
	}
	groups_free(&gr);
	groups_by_label(&gr, mo, mo->tests);
	for (i = 0; i < mo->nlabels; i++) {
		buf_printf(b, "build label/%s: phony", mo->labels[i]);
		for (j = gr.start[i]; j < gr.start[i + 1]; j++)
			path(b, gr.tests[j]->stamp);
		buf_putc(b, '\n');
	}
	groups_free(&gr);
}

/* waves/NAME of each test that has one (waves.h). */
static void
write_waves_targets(struct buf *b, const struct model *mo)
{
	size_t i;

	if (!mo->nwaves)
		return;
	buf_puts(b, "\n# waves/NAME: the test again with waves, through "
	    "the waves graph.\n");
	for (i = 0; i < mo->ntests; i++) {
		if (!waves_offered(mo->tests[i]))
			continue;
		buf_printf(b, "build waves/%s: cosim_waves", mo->tests[i]->name);
		/* this graph builds what both use: the VPI module, and a
		 * design that is its own waves variant (GHDL) */
		if (mo->tests[i]->vpi || waves_plain(mo->tests[i]))
			buf_puts(b, " ||");
		if (mo->tests[i]->vpi)
			path(b, mo->vpi);
		if (waves_plain(mo->tests[i]))
			path(b, mo->tests[i]->design->recipe->exe);
		buf_putc(b, '\n');
	}
}

void
ninja_write(struct buf *b, const struct model *mo, const struct genopts *o)
{
	size_t i;

	write_header(b, mo, o);
	write_regen(b, mo, o);
	buf_puts(b, "# Compiles and tests, in the order they should start in: "
	    "priority, failed\n# last time, longest expected first; a compile "
	    "before what it gates.\n");
	for (i = 0; i < mo->nsteps; i++) {
		if (mo->steps[i].test) {
			write_test(b, mo, mo->steps[i].test);
			continue;
		}
		if (i && mo->steps[i - 1].test)
			buf_putc(b, '\n');	/* a compile after a test */
		if (mo->steps[i].recipe)
			write_recipe(b, mo->steps[i].recipe);
		else
			write_vpi(b, mo);
	}
	write_report(b, mo);
	write_main_targets(b, mo);
	write_groups(b, mo);
	write_waves_targets(b, mo);
	buf_puts(b, "\ndefault cosim-check\n");
}

/* A waves run's edge: the test's spec, and as implicit inputs the
 * variant, the VPI module, its fixtures' specs and its extra inputs, as
 * its test's edge has them. It runs in the test's resource pool. */
static void
write_waves_run(struct buf *b, const struct model *mo, const struct test *t)
{
	char *stamp = waves_file(t, DIR_STAMP);
	struct buf q = {0};

	buf_puts(b, "build");
	path(b, stamp);
	buf_puts(b, ": cosim_waves_run");
	path(b, t->spec_path);
	test_inputs(b, mo, t, t->design->waves->exe);
	esc_shell(&q, t->design->waves->exe);
	var(b, "  ", "q_sim", q.s);
	buf_reset(&q);
	esc_shell(&q, stamp);
	var(b, "  ", "q_stamp", q.s);
	buf_reset(&q);
	esc_shell(&q, t->spec_path);
	var(b, "  ", "q_spec", q.s);
	if (t->pool)
		buf_printf(b, "  pool = cosim_res_%s\n", t->pool->name);
	buf_printf(b, "build waves/%s: phony", t->name);
	path(b, stamp);
	buf_puts(b, "\n\n");
	buf_free(&q);
	free(stamp);
}

/* The rules the waves graph needs: the compiles of its variants and the
 * waves run. */
static void
waves_rules(struct buf *b, const struct model *mo)
{
	int used[SIM_N] = {0}, runtime = 0;
	size_t i;

	for (i = 0; i < mo->nvariants; i++) {
		used[mo->variants[i]->sim] |= !mo->variants[i]->is_runtime;
		runtime |= mo->variants[i]->is_runtime;
	}
	if (runtime) {
		compile_rule(b, "cosim_runtime", "VERILATOR $compile", 1, "");
		compile_rule(b, "cosim_link", "LINK $label", 0, "--link ");
	}
	if (used[SIM_VERILATOR])
		compile_rule(b, "cosim_verilator", "VERILATE $label (waves)", 1,
		    "");
	if (used[SIM_ICARUS])
		compile_rule(b, "cosim_icarus", "IVERILOG $label (waves)", 1, "");
	/* the waves run leaves its stamp whatever the verdict: the
	 * waveform of a failing test is what was asked for */
	buf_puts(b, "rule cosim_waves_run\n"
	    "  command = exec $cosim_run --waves $q_sim --stamp $q_stamp "
	    "$q_spec\n"
	    "  description = WAVES $test\n\n");
}

void
ninja_write_waves(struct buf *b, const struct model *mo,
    const struct genopts *o)
{
	char *nb = layout_top(mo->builddir, TOP_WAVES);
	size_t i;

	buf_printf(b, "# Generated by cosimgen %s; edits are lost when it "
	    "runs again.\n# The waves runs (ninja waves/NAME in the graph "
	    "beside it runs this file):\n# the waves variants of the designs, "
	    "built only here, and each test again\n# with waves into "
	    "BUILDDIR/tests/NAME/waves/.\nninja_required_version = 1.7\n\n",
	    VERSION);
	shell_var(b, "cosim_run", o->launcher);
	var(b, "", "builddir", nb);	/* a .ninja_log of its own */
	/* where the compile rules find the specs (waves.h) */
	shell_var(b, "q_builddir", nb);
	buf_printf(b, "\npool cosim_compile\n  depth = %lld\n\n",
	    (long long)mo->compile_jobs);
	for (i = 0; i < mo->nresources; i++)
		buf_printf(b, "pool cosim_res_%s\n  depth = %lld\n\n",
		    mo->resources[i]->name, (long long)mo->resources[i]->count);
	waves_rules(b, mo);
	for (i = 0; i < mo->nvariants; i++)
		write_recipe(b, mo->variants[i]);
	if (mo->vpi) {	/* built by the outer graph: an input here */
		buf_puts(b, "build");
		path(b, mo->vpi);
		buf_puts(b, ": phony\n\n");
	}
	for (i = 0; i < mo->nrecipes; i++)	/* so are GHDL's compiles */
		if (mo->recipes[i]->sim == SIM_GHDL && mo->recipes[i]->exe) {
			buf_puts(b, "build");
			path(b, mo->recipes[i]->exe);
			buf_puts(b, ": phony\n\n");
		}
	for (i = 0; i < mo->ntests; i++)
		if (waves_offered(mo->tests[i]))
			write_waves_run(b, mo, mo->tests[i]);
	free(nb);
}
