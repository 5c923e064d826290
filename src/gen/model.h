/* model.h - the validated model: designs, deduplicated compile recipes,
 * tests, resources and fixtures, with every path relative to the output
 * directory, and the order the tests should start in. Types only:
 * build.c fills them (with check.c, resolve.c, recipe.c, datafiles.c,
 * resources.c and fixtures.c), schedule.c orders the tests, the writers
 * read them. */
#ifndef COSIM_MODEL_H
#define COSIM_MODEL_H

#include <stddef.h>
#include <stdint.h>
#include "manifest.h"
#include "seeding.h"
#include "spec.h"
#include "util.h"


struct cocotb_info;

/* Where the graph's tests and compiles run (executor =, cosimgen
 * --executor): where ninja runs them, or through srun (slurm.h). */
enum executor { EXEC_MANIFEST = -1, EXEC_LOCAL, EXEC_SLURM };

/* What a variant of a design's compile adds (bits of recipe.variant):
 * waves, built only when asked for (an on-demand recipe, in the model's
 * variants, not its recipes), and coverage. A Verilator variant runs
 * cosimgen's own main (templates/cosim_main.cpp), which writes them. */
enum {
	VARIANT_WAVES = 1u,
	VARIANT_COVERAGE = 2u
};

struct recipe {
	char hash[17];
	enum sim sim;
	char *outdir;		/* <builddir>/designs/HASH */
	char *exe;		/* what the compile produces, NULL: no compile */
	char *id;		/* "designs/HASH": outdir, relative to builddir */
	char *spec_path;	/* <outdir>/spec, what cosim-run --compile
				 * reads */
	char *spec_text;	/* what the spec file must hold */
	char *depfile;		/* <outdir>/deps.d, written by cosim-run from
				 * deps_src (built-in simulators), or NULL */
	char *deps_src;		/* what the compiler says it read, or NULL */
	int deps_make;		/* deps_src is Verilator's own dependency
				 * file; else iverilog -M's, a path a line */
	char **inputs;		/* sources, in manifest order */
	char *tool;		/* rule: "verilator", "iverilog" or NULL */
	char *args;		/* shell words after the tool, or the whole
				 * command for a custom compile */
	char *label;		/* names of the designs sharing it */
	struct design **designs;	/* the designs it builds (a runtime:
					 * that link it), in manifest order */
	size_t ndesigns;
	int bridge;		/* links the co-simulation bridge */
	const struct cocotb_info *cocotb;	/* built for this cocotb, or
						 * NULL */
	char *timescale;	/* the default timescale, or NULL */
	char *cmdfile;		/* Icarus with a timescale: the command file
				 * that sets it (<outdir>/iverilog.f), or NULL */
	char *cmdfile_text;
	char **implicit;	/* inputs the command does not name: the
				 * command file, cocotb's library */
	struct recipe *runtime;	/* Verilator: the runtime it links (a
				 * recipe of its own, shared by the designs
				 * built with the same options), or NULL */
	char *objects;		/* with a runtime: what the compile's first
				 * edge makes (OUTDIR/PREFIX__ALL.a, the
				 * model), before the link */
	char *link;		/* with a runtime: the second edge's command,
				 * which links exe */
	int is_runtime;		/* it is such a runtime: it builds
				 * libverilated.a, and label is empty */
	unsigned variant;	/* VARIANT_ bits; 0 for the plain build */
};

struct design {
	char *name;
	const struct msection *sec;
	size_t index;		/* its place in the model's designs */
	struct recipe *recipe;	/* NULL when the design has errors */
	enum sim sim;		/* SIM_NONE: a bad value (reported) */
	/* what its tests' specs take from it, parsed once */
	const char *ready;	/* the ready mode's word: socket, file, port
				 * or none */
	const char *run;	/* a custom simulator's run command, or NULL */
	int pty;		/* the simulator's output goes through a pty */
	int for_cocotb;		/* cocotb tests use it: it is built for
				 * cocotb, and no other test may use it */
	const struct cocotb_info *cocotb;	/* the cocotb it is built for;
						 * NULL when none (or cocotb
						 * could not tell) */
	int coverage;		/* its compile is the coverage variant */
	struct recipe *waves;	/* its waves variant (waves.h), or NULL:
				 * its tests have no waves/NAME */
};

struct resource {
	char *name;
	const struct msection *sec;
	int64_t count;		/* its slots */
	char **ids;		/* their ids: ids =, else 0 .. count-1 */
	const char *slurm_license;	/* the Slurm licence a test's NEED
					 * slots are NEED of, or NULL */
};

/* What a test needs of one resource. */
struct need {
	struct resource *res;
	int64_t n;		/* slots, 1 .. res->count */
};

struct fixture {
	char *name;
	const struct msection *sec;
	int used;		/* a test names it */
	char *spec_path;	/* <builddir>/fixtures/NAME/spec */
	char *spec_text;	/* what the spec file must hold */
	struct fixture_spec spec;	/* its strings belong to the model */
};

struct test {
	char *name;
	const struct msection *sec;
	const char *group;	/* a cocotb test: its section's name (target
				 * test/GROUP runs the module's tests); else
				 * NULL */
	struct design *design;	/* NULL: a plain command test */
	struct need *needs;	/* the resources it holds while it runs */
	size_t nneeds;
	struct resource *pool;	/* the ninja pool it waits in: its scarcest
				 * resource, or NULL */
	struct fixture **fixtures;	/* set up before it runs */
	size_t nfixtures;
	int64_t priority;	/* higher starts first */
	int64_t cost_ms;	/* the cost key: the expected duration
				 * without history; -1 when not set */
	/* schedule.c: what the order was drawn from */
	int64_t expected_ms;
	int notrun_last;	/* max_failures kept its last run from starting */
	int failed_last;	/* its last recorded run failed */
	int vpi;		/* loads the VPI module (Icarus) */
	char **depends;		/* extra inputs: depends, and the files
				 * (not directories) of files */
	char **labels;		/* its own and its design's, no repeats */
	char *spec_path;	/* <builddir>/tests/NAME/spec */
	char *stamp;		/* <builddir>/tests/NAME/stamp: exists iff
				 * the test passed */
	char *spec_text;	/* what the spec file must hold */
	/* what its spec holds, each value parsed once along test -> design
	 * -> [cosimgen] -> built-in; its strings belong to the model (dir
	 * is <builddir>/tests/NAME, files are linked into the run
	 * directory, disabled runs it as a skip, without its compile) */
	struct spec spec;
};

struct model {
	char *builddir;
	enum executor executor;	/* never EXEC_MANIFEST */
	int64_t compile_jobs;
	char *manifest;		/* main manifest */
	char **inputs;		/* every manifest file read */
	size_t ninputs;
	struct design **designs;
	size_t ndesigns;
	struct recipe **recipes;	/* the runtimes among them */
	size_t nrecipes;
	struct recipe **runtimes;	/* Verilator's runtimes (recipe.c) */
	size_t nruntimes;
	struct recipe **variants;	/* the on-demand variants (waves) and
					 * the runtimes only they link, in
					 * the order they were made (a
					 * runtime before its designs):
					 * recipe_variant */
	size_t nvariants;
	struct test **tests;
	size_t ntests;
	struct resource **resources;
	size_t nresources;
	struct fixture **fixtures;
	size_t nfixtures;
	struct waiver *waivers;	/* [waiver:NAME] sections (gen/waivers.h) */
	size_t nwaivers;
	struct test **order;	/* the tests in the order their edges are
				 * written: the order they should start in
				 * (schedule.h); manifest order until
				 * schedule_model */
	struct step *steps;	/* the compile and test edges in the order
				 * they are written, which is the order they
				 * should start in (schedule.h) */
	size_t nsteps;
	struct test **walk;	/* the tests in the order of the steps, but
				 * each compile's first test moved up to
				 * where the compile is: the report lists
				 * them so, because ninja 1.11 starts the
				 * first compiles of a pool in the order it
				 * reaches them from the default target, not
				 * in the order of the file */
	size_t nwalk;		/* ntests */
	char *history;		/* the run history file */
	int64_t history_runs;
	int64_t waves_on_failure;	/* failing tests the report reruns
					 * with waves, the first ones */
	size_t nwaves;		/* tests with waves/NAME (waves.h) */	/* how many runs it keeps */
	char **labels;		/* every label, in order of first use */
	size_t nlabels;
	char *templates;	/* the bridge's directory (absolute) */
	char *bridge_src;	/* templates/cosim_bridge.c */
	char *linebuf_src;	/* templates/cosim_linebuf.c: line-buffered
				 * stdout, in every Verilator and Icarus run */
	char *main_src;		/* templates/cosim_main.cpp: the main of
				 * Verilator's variants */
	char *vpi;		/* the VPI module every Icarus run loads (the
				 * bridge and cosim_linebuf.c), when there is an
				 * Icarus design; else NULL */
	char *vpi_spec;		/* its compile spec, and that spec's text */
	char *vpi_spec_text;
	char *compiles_text;	/* <builddir>/compiles.list: one line per
				 * compile, its directory relative to builddir
				 * then the designs it builds */
	char *waves_compiles_text;	/* <builddir>/waves.compiles: the
					 * same for the waves variants */
	struct cocotb *cocotb;	/* what the cocotb tests learnt of cocotb
				 * (cocotbuse.h), or NULL when there are none */
	char **regen_inputs;	/* more inputs of the regeneration, the files
				 * discovery found: cocotb's _version.py and
				 * VPI library, the cocotb modules and their
				 * local files (every input of a cocotb test
				 * that discovery found is one); any may be
				 * gone by the next run */
	size_t nregen_inputs;
	char *cocotb_cache;	/* <builddir>/cocotb and its text, or NULL */
	char *cocotb_cache_text;
	struct seeding seeding;	/* the epoch the seeds were drawn in, and
				 * the seeds override (seeding.h) */
	size_t seeded_tests;	/* the tests that drew their seeds */
};

/* One edge in the order the writers write them: a compile (recipe), a
 * test, or, when both are NULL, the VPI module. */
struct step {
	struct recipe *recipe;
	struct test *test;
};

/* What the writers need beyond the model. */
struct genopts {
	const char *cosimgen;	/* absolute path of this program */
	const char *launcher;	/* path of cosim-run */
	const char *output;	/* file name of the output, in its directory */
	const char *cmdline;	/* the command line, for the header */
	const char *regen;	/* shell words that regenerate the output,
				 * run from its directory, after the program */
};


#endif
