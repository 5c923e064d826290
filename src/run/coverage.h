/* coverage.h - the coverage data of a test whose design is its coverage
 * build (spec coverage = yes): the launcher tells the simulator where to
 * write it, a file in the run directory (so a retried test keeps its last
 * attempt's, and an earlier attempt's moves with its run/ to
 * attempt.K/), and the result names it when the run wrote it. cosimgen
 * report merges the data of the tests that passed (report/coverage.h). */
#ifndef COSIM_RUN_COVERAGE_H
#define COSIM_RUN_COVERAGE_H

#include <stddef.h>
#include "run.h"

/* Add COSIM_COVERAGE=RUNDIR/coverage.dat to env (of *n entries) for a
 * coverage build: cosimgen's Verilator main writes there. */
void coverage_env(const struct run *r, char ***env, size_t *n);
/* The data file the run wrote (absolute, allocated), or NULL: none was
 * asked for, or none was written (a run killed before its end, a
 * simulator that does not write it). */
char *coverage_written(const struct run *r);

#endif
