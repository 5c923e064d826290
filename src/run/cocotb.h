/* cocotb.h - the run of a cocotb test (a spec with cocotb_test, spec.h):
 * the simulation is the test, and it runs the one test cocotb_test of
 * the Python module cocotb_module.
 *
 * Environment: cosim-run sets the variables of cocotb's convention for
 * the major of cocotb_version, before the manifest's env entries, which
 * win but for the ones that name the test, its seed and its results
 * file. 1.x: MODULE, TESTCASE, TOPLEVEL, RANDOM_SEED; 2.x:
 * COCOTB_TEST_MODULES, COCOTB_TEST_FILTER (^MODULE\.TEST$),
 * COCOTB_TOPLEVEL, COCOTB_RANDOM_SEED, PYGPI_PYTHON_BIN and GPI_USERS
 * (libpython;entry point); both: TOPLEVEL_LANG=verilog,
 * COCOTB_RESULTS_FILE (LAYOUT_COCOTB_RESULTS in the run directory),
 * LIBPYTHON_LOC, VIRTUAL_ENV (or PYTHONHOME outside a virtual
 * environment), PYTHONPATH (the module's directory first, then the
 * manifest's PYTHONPATH or else the inherited one), PYTHONUNBUFFERED=1
 * (nothing lost when the tree is killed), and COCOTB_ANSI_OUTPUT=0
 * unless set. Any of these inherited is replaced or dropped: one left
 * from a shell (TESTCASE, a foreign VIRTUAL_ENV) would select another
 * test or another Python. The seed is the spec's, so a rerun and the
 * repro script run the test as it ran.
 *
 * Icarus loads cocotb's VPI library (cocotb_vpi) after cosimgen's.
 *
 * Verdict: when the exits passed, cocotb's results file decides
 * (cocotbxml.h): its testcase cocotb_test (or its only one, which cocotb
 * 1 may name otherwise) failed (a failure or error), was skipped, or
 * passed; no file, a file that does not parse, or one without that
 * testcase is an error, whose reason quotes the clue the logs hold and
 * names that log. A decorator's expect_fail or expect_error
 * (cocotb_expect) makes cocotb's pass an xfail and its "passed but we
 * expected ..." failure an xpass. The message and the traceback come
 * from the results file when it has them (cocotb 2), else from the log
 * (cocotblog.h): the test's end, else its first error (a simulation that
 * ended before the test), "Test failed with RANDOM_SEED=N" last. Both
 * are bounded in lines and bytes, cut between UTF-8 characters. The
 * results file of an earlier run is removed before the simulator
 * starts. */
#ifndef COSIM_COCOTB_H
#define COSIM_COCOTB_H

#include "run.h"

/* Bounds of a result's message and traceback (lines, bytes a line). */
#define COCOTB_MESSAGE_LINES 20
#define COCOTB_MESSAGE_BYTES 2048
#define COCOTB_TRACEBACK_HEAD 20
#define COCOTB_TRACEBACK_TAIL 40
#define COCOTB_LINE_BYTES 500

/* The reason of a test its decorator skips (skip=True, skipif). */
extern const char cocotb_skip_reason[];

/* The major version of the spec's cocotb: 1 or 2 (1 when unknown). */
int cocotb_major(const struct spec *s);
/* Before the simulator of r starts: no results file of an earlier run
 * may stay to be read as this run's; dies when one cannot be removed. */
void cocotb_prepare(const struct run *r);
/* Whether the inherited entry ("NAME=VALUE") goes from the environment
 * of r's children: cosim-run sets or clears that variable. */
int cocotb_replaces(const struct run *r, const char *entry);
/* Whether the manifest's env entry yields to cosim-run's: it names the
 * test, its seed or its results file, or is PYTHONPATH (merged). */
int cocotb_forces(const struct run *r, const char *entry);
/* Append cocotb's variables for r to *env (*n items): all but the ones
 * the manifest's env entries (own, expanded, NULL-terminated or NULL)
 * set and do not yield, and COCOTB_ANSI_OUTPUT when inherited. */
void cocotb_env(const struct run *r, char *const *inherited,
    char *const *own, char ***env, size_t *n);
/* Append to *given (the variables the repro script lists) the ones of
 * env cosim-run set for cocotb. */
void cocotb_note(const struct run *r, char ***given, char **env);
/* The verdict of r, whose exits passed, from cocotb's results file in
 * its run directory (and its log): status, stage, reason, message and
 * traceback. */
void cocotb_judge(struct run *r);
/* Set r's message to msg, bounded (NULL: none), cut between UTF-8
 * characters. */
void cocotb_set_message(struct run *r, const char *msg);
/* Set r's traceback to the lines of tb, bounded, cut between UTF-8
 * characters. */
void cocotb_set_traceback(struct run *r, const struct strlist *tb);

#endif
