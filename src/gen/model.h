/* model.h - the validated model: designs, deduplicated compile recipes,
 * tests and resources, with every path relative to the output directory.
 * Types only: build.c fills them (with check.c, resolve.c, recipe.c and
 * datafiles.c), the writers read them. */
#ifndef COSIM_MODEL_H
#define COSIM_MODEL_H

#include <stddef.h>
#include <stdint.h>
#include "manifest.h"
#include "spec.h"
#include "util.h"


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
	int bridge;		/* links the co-simulation bridge */
};

struct design {
	char *name;
	const struct msection *sec;
	struct recipe *recipe;	/* NULL when the design has errors */
	enum sim sim;		/* SIM_NONE: a bad value (reported) */
	/* what its tests' specs take from it, parsed once */
	const char *ready;	/* the ready mode's word: socket, file, port
				 * or none */
	const char *run;	/* a custom simulator's run command, or NULL */
	int pty;		/* the simulator's output goes through a pty */
};

struct resource {
	char *name;
	int64_t count;
};

struct test {
	char *name;
	const struct msection *sec;
	struct design *design;	/* NULL: a plain command test */
	struct resource *resource;
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
	int64_t compile_jobs;
	char *manifest;		/* main manifest */
	char **inputs;		/* every manifest file read */
	size_t ninputs;
	struct design **designs;
	size_t ndesigns;
	struct recipe **recipes;
	size_t nrecipes;
	struct test **tests;
	size_t ntests;
	struct resource **resources;
	size_t nresources;
	char **labels;		/* every label, in order of first use */
	size_t nlabels;
	char *templates;	/* the bridge's directory (absolute) */
	char *bridge_src;	/* templates/cosim_bridge.c */
	char *linebuf_src;	/* templates/cosim_linebuf.c: line-buffered
				 * stdout, in every Verilator and Icarus run */
	char *vpi;		/* the VPI module every Icarus run loads (the
				 * bridge and cosim_linebuf.c), when there is an
				 * Icarus design; else NULL */
	char *vpi_spec;		/* its compile spec, and that spec's text */
	char *vpi_spec_text;
	char *compiles_text;	/* <builddir>/compiles.list: one line per
				 * compile, its directory relative to builddir
				 * then the designs it builds */
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
