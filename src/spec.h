/* spec.h - the spec files: what a test's run needs (cosimgen writes
 * <builddir>/tests/NAME/spec, cosim-run runs it, cosimgen report reads
 * the design of a test that never ran), and what a compile needs
 * (<builddir>/designs/HASH/spec and <builddir>/vpi/spec, read by
 * cosim-run --compile).
 *
 * struct spec and struct compile_spec are their one form in memory: the
 * generator fills them and encodes them; the launcher decodes them, each
 * value parsed once (fields.h). Paths are relative to the directory
 * build.ninja is in. Labels are not in a spec: they select tests, they
 * are not an input of the run (tests.list holds them). The limits of a
 * compile are in <builddir>/compiles.list (compileslist.h), not an input
 * of the compile. */
#ifndef COSIM_SPEC_H
#define COSIM_SPEC_H

#include <stdint.h>
#include "fields.h"
#include "kvfile.h"
#include "util.h"

enum sim {
	SIM_NONE = -1, SIM_VERILATOR, SIM_ICARUS, SIM_CUSTOM, SIM_GHDL, SIM_N
};

/* The kinds of log pattern, in the order a spec lists them (scan.h's
 * enum pkind). */
enum { SPEC_FAIL, SPEC_WARN, SPEC_PASS, SPEC_SKIP, SPEC_PATTERNS };

struct spec {
	char *name;
	/* a test of a design (design NULL: a plain command test) */
	char *design;
	enum sim simulator;	/* SIM_NONE without a design */
	char *simulator_word;	/* a simulator this version does not know */
	char *sim;		/* the executable the compile makes */
	char *vpi;		/* the VPI module an Icarus run loads */
	char *run;		/* a custom simulator's command */
	char *ready;		/* the readiness mode */
	int pty;		/* the simulator's stdout is a terminal */
	int coverage;		/* the design is its coverage build: the
				 * launcher has it write its data into the
				 * run directory (COSIM_COVERAGE) */
	char *command;		/* the test program, shell words; NULL: the
				 * simulation is the test */
	char *srcdir, *builddir, *templates, *dir;
	long long timeout_ms, startup_timeout_ms, idle_timeout_ms;
	long long kill_grace_ms;
	long long log_limit;	/* bytes */
	long long seed;
	struct strlist plusargs, env, files;
	/* the slots it holds while it runs: "NAME NEED SLOT..." each, NEED
	 * of the resource NAME's SLOTs (resources.h) */
	struct strlist resources;
	long long retries;	/* more attempts after a failed one */
	struct strlist fixtures;	/* the names of its fixtures (their
					 * specs: BUILDDIR/fixtures/NAME/spec) */
	long long max_failures;	/* 0: no limit (COSIM_MAX_FAILURES wins) */
	struct strlist patterns[SPEC_PATTERNS];
	int default_patterns;	/* the built-in failure patterns apply */
	int disabled;
	int expect_fail;

	/* A cocotb test (cocotb_test set): the simulation runs the one test
	 * cocotb_test of the Python module cocotb_module, and the results
	 * file cocotb writes into the run directory (LAYOUT_COCOTB_RESULTS)
	 * gives the verdict. The generator takes every value from the
	 * installed cocotb, the way cocotb-config reports it. */
	char *cocotb_test;	/* the test's name in its module */
	char *cocotb_module;	/* the module's import name: "test_fifo" */
	char *cocotb_path;	/* the module's directory, relative like
				 * srcdir: first on the PYTHONPATH */
	char *cocotb_toplevel;	/* the design's top (TOPLEVEL) */
	char *cocotb_version;	/* "1.9.2", "2.1.0": the major picks the
				 * convention (MODULE/TESTCASE/RANDOM_SEED or
				 * COCOTB_TEST_MODULES/COCOTB_TEST_FILTER/
				 * COCOTB_RANDOM_SEED) */
	char *cocotb_python;	/* the Python cocotb is installed for
				 * (absolute): PYGPI_PYTHON_BIN */
	char *cocotb_libpython;	/* its libpython (absolute): LIBPYTHON_LOC */
	char *cocotb_venv;	/* its virtual environment (VIRTUAL_ENV), or
				 * NULL when it is not one */
	char *cocotb_home;	/* its sys.prefix when it is not a virtual
				 * environment (PYTHONHOME), else NULL */
	char *cocotb_entry;	/* cocotb 2: the PYGPI entry point, after
				 * libpython in GPI_USERS; NULL for 1.x */
	char *cocotb_vpi;	/* Icarus: cocotb's VPI library (absolute),
				 * loaded with vvp -m after ours */
	int cocotb_expect;	/* expect_fail or expect_error in its
				 * decorator: cocotb's pass is an xfail, its
				 * "passed but we expected" failure an xpass */
	int cocotb_skip;	/* skip=True in its decorator (disabled is
				 * set too: it runs as a skip) */

	/* executor = slurm: cosim-run, where ninja started it, runs the
	 * test through srun as a job step of the allocation it is in (or a
	 * job of its own outside one), and the launcher on the node runs it
	 * as ever (slurm.h) */
	int slurm;
	struct strlist srun;	/* srun's options for it: "--partition=P",
				 * "--cpus-per-task=N", "--mem=SIZE", the
				 * manifest's srun_args, ... */
	struct strlist slurm_licenses;	/* "NAME:COUNT": the Slurm licences
					 * a job of its own asks for (-L) */

	struct other other;	/* keys this version does not know */
};

struct compile_spec {
	char *id;		/* the directory, relative to builddir */
	char *builddir, *dir, *output, *command;
	char *deps_make;	/* Verilator's dependency file, or NULL */
	char *deps_lines;	/* a file with one path a line, or NULL */
	char *depfile;		/* what cosim-run writes from either */
	char *needs;		/* the id of a compile whose output this one
				 * links (a Verilator runtime), or NULL:
				 * when that one did not pass, the link is
				 * an error without running */
	char *objects;		/* with link: what command makes (the first
				 * edge's output), or NULL */
	char *link;		/* the command of the compile's second edge
				 * (cosim-run --compile --link), which makes
				 * output from objects and needs; NULL: the
				 * command makes output */
	int slurm;		/* executor = slurm: the compile runs through
				 * srun, as a test does (struct spec) */
	struct strlist srun;	/* srun's options for it */

	struct other other;
};

/* A fixture: a setup command run before the first test that needs it,
 * a cleanup after the last (BUILDDIR/fixtures/NAME/spec). */
struct fixture_spec {
	char *name;
	char *setup, *cleanup;	/* shell words; either may be NULL */
	char *srcdir, *builddir, *templates, *dir;
	long long timeout_ms, kill_grace_ms;	/* each of setup and cleanup */
	struct strlist env;

	struct other other;
};

/* The word of a simulator: "verilator", "icarus", "custom", "ghdl". */
const char *sim_name(enum sim s);

/* The spec file text of s (SPEC_MAGIC first), appended to b. */
void spec_encode(struct buf *b, const struct spec *s);
/* Read s from a parsed file; s's strings point into f. */
void spec_decode(struct spec *s, const struct kvfile *f);
/* Read the spec file at path into s and f (f owns the text). Returns 0,
 * or -1 with errno set (EINVAL: not a spec file). */
int spec_read(struct spec *s, struct kvfile *f, const char *path);
/* Free what spec_decode allocated in s (not f's text). */
void spec_free(struct spec *s);
/* Whether s can be run: 0, or -1 with why it cannot appended to why
 * ("has no 'seed'", ...): a key it lacks, a value that did not parse, a
 * simulator this version does not know. A spec cosimgen wrote has none
 * of these. */
int spec_check(const struct spec *s, struct buf *why);
/* A hash of s but its patterns, as 16 hex digits: a result whose run had
 * another one is no run of this spec (--scan-only then refuses). */
void spec_hash(const struct spec *s, char out[17]);
/* The names of a spec's pattern keys: "fail_pattern", ... */
extern const char *const spec_pattern_keys[SPEC_PATTERNS];

/* The compile spec file text of s (COMPILE_MAGIC first), appended to b. */
void compile_spec_encode(struct buf *b, const struct compile_spec *s);
/* Read the compile spec file at path into s and f. Returns 0, or -1 with
 * errno set (EINVAL: not a compile spec). */
int compile_spec_read(struct compile_spec *s, struct kvfile *f,
	const char *path);
/* Free what compile_spec_read allocated in s (not f's text). */
void compile_spec_free(struct compile_spec *s);

/* The fixture spec file text of s (FIXTURE_MAGIC first), appended to b. */
void fixture_spec_encode(struct buf *b, const struct fixture_spec *s);
/* Read the fixture spec file at path into s and f. Returns 0, or -1 with
 * errno set (EINVAL: not a fixture spec). */
int fixture_spec_read(struct fixture_spec *s, struct kvfile *f,
	const char *path);
/* Free what fixture_spec_read allocated in s (not f's text). */
void fixture_spec_free(struct fixture_spec *s);

#endif
