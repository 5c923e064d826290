/* fuzz_spec.c - libFuzzer target: bytes as a spec file, through what
 * `cosim-run --stamp STAMP SPEC` does with it before it starts anything
 * (src/run/cosimrun.c's main() up to open_run, and what run_begin and
 * prepare work out without touching the test's directory): read it,
 * check it, then plan the attempts, read max_failures, the resources,
 * the time limits and the ready mode, and build the simulator's and the
 * test's argv and the children's environment.
 *
 * When the spec's dir stays inside the input's directory, the run
 * directory is made there too (cleared, the files linked, a cocotb
 * test's old results removed) and the argv and environment name it;
 * the rest of opening a run (the pids lock, the slots, the fixtures)
 * waits on other processes and is left out. The same bytes are also read as
 * a compile spec and a fixture spec, and a spec that checks is written
 * again and read back, which must give the same text (one codec). */
#include "harness.h"
#include "file.h"
#include "kvfile.h"
#include "lastrun.h"
#include "links.h"
#include "spec.h"
#include "util.h"
#include "run/args.h"
#include "run/attempts.h"
#include "run/cocotb.h"
#include "run/command.h"
#include "run/failfast.h"
#include "run/ready.h"
#include "run/resources.h"
#include "run/rundir.h"
#include "run/timeouts.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

extern char **environ;

#define SPEC "spec"

/* Free a NULL-terminated vector of strings. */
static void
free_vec(char **v)
{
	size_t i;

	for (i = 0; v && v[i]; i++)
		free(v[i]);
	free(v);
}

/* A spec that checks, written and read again, is written the same. */
static void
round_trip(const struct spec *s)
{
	struct buf once = {0}, twice = {0};
	struct spec again = {0};
	struct kvfile f = {0};

	spec_encode(&once, s);
	if (harness_put("spec.again", (const uint8_t *)once.s, once.len) != 0 ||
	    spec_read(&again, &f, "spec.again") != 0) {
		fprintf(stderr, "fuzz_spec: the spec written cannot be read:\n"
		    "%s", once.s);
		abort();
	}
	spec_encode(&twice, &again);
	if (once.len != twice.len || memcmp(once.s, twice.s, once.len) != 0) {
		fprintf(stderr, "fuzz_spec: a spec written and read back is "
		    "written otherwise:\n%s---\n%s", once.s, twice.s);
		abort();
	}
	spec_free(&again);
	kv_free(&f);
	buf_free(&once);
	buf_free(&twice);
}

/* What the launcher works out from a spec that checks. */
static void
plan(struct run *r)
{
	struct buf why = {0};
	struct holding held = {0};
	struct timeouts lim;
	char hash[17];
	char **env, *cmd, *rundir = NULL;
	int direct;

	attempts_plan(r, &why);
	failfast_limit(&r->spec, &r->max_failures, &why);
	if (resources_parse(&held, &r->spec.resources, &why) == 0)
		r->slot = resources_first(&held);
	timeouts_read(&lim, &r->spec, &why);
	(void)ready_mode(r->spec.ready);
	spec_hash(&r->spec, hash);
	/* prepare(): the run directory, when the fuzzer may write there
	 * (the generator made the test's directory) */
	if (harness_inside(r->dir)) {
		if (mkdir_p(r->dir) != 0)
			fatal(errno, "cannot create directory %s", r->dir);
		if (lastrun_set_aside(r->dir) != 0)
			fatal(errno, "cannot move %s/result aside", r->dir);
		r->rundir = rundir = rundir_fresh(r->dir, r->spec.design != NULL,
		    r->spec.command != NULL);
		if (r->spec.cocotb_test)
			cocotb_prepare(r);
		links_make(&r->spec.files, r->rundir);
	}
	if (r->spec.command) {
		cmd = command_expand(r, r->spec.command, 1);
		free_vec(command_shell_argv(cmd, &direct));
		free(cmd);
	}
	if (r->spec.design)
		free_vec(command_sim_argv(r, &direct));
	env = command_env(r, environ, "fuzz");
	free_vec(env);
	round_trip(&r->spec);
	resources_free(&held);
	buf_free(&why);
	free(rundir);
}

/* main() of cosim-run, as far as it goes here. */
static void
launch(void)
{
	static struct run run;
	struct run *r = &run;
	char *argv[] = {"cosim-run", "--stamp", "stamp", SPEC, NULL};
	struct buf why = {0};
	int rc = 0;

	progname = "cosim-run";
	memset(r, 0, sizeof *r);
	if (args_parse(r, 4, argv, environ, &rc) != 'r')
		abort();	/* the command line is the graph's */
	if (spec_read(&r->spec, &r->specfile, r->specpath) != 0 ||
	    !r->spec.name || !r->spec.dir)
		return;		/* cosim-run: "cannot read spec" */
	r->name = r->spec.name;
	r->dir = r->spec.dir;
	snprintf(r->seed, sizeof r->seed, "%lld", r->spec.seed);
	snprintf(r->port, sizeof r->port, "0");
	r->rundir = "/nonexistent/run";
	r->slot = "0";
	/* what the suite checks a seed reached */
	if (spec_check(&r->spec, &why) == 0) {
		plan(r);
		fprintf(stderr, "fuzz_spec: test %s planned\n", r->name);
	} else {
		fprintf(stderr, "cosim-run: spec %s\n", why.s);
	}
	buf_free(&why);
}

/* The same text as the other two kinds of spec. */
static void
other_specs(void)
{
	struct compile_spec c = {0};
	struct fixture_spec x = {0};
	struct kvfile f = {0}, g = {0};

	if (compile_spec_read(&c, &f, SPEC) == 0)
		compile_spec_free(&c);
	kv_free(&f);
	if (fixture_spec_read(&x, &g, SPEC) == 0)
		fixture_spec_free(&x);
	kv_free(&g);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	harness_begin();
	if (harness_put(SPEC, data, size) == 0) {
		HARNESS_RUN(launch());
		HARNESS_RUN(other_specs());
	}
	harness_end();
	return 0;
}
