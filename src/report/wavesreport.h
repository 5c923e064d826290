/* wavesreport.h - the waves of failing tests in the report.
 *
 * With waves_on_failure = N (cosimgen report --waves-on-failure N), the
 * report first reruns the first N failing tests, in the report's order,
 * with waves: it runs the waves graph (BUILDDIR/waves.ninja, gen/waves.h)
 * for their waves/NAME targets, nested in the ninja that runs the report
 * (the graph has its own .ninja_log). A test that failed before it ran
 * (its design did not compile, a fixture did not set up) has nothing to
 * trace, and is left out. A waves run that fails to build or run changes
 * no verdict: the report says so beside the test.
 *
 * Then every failing test whose waves run is of its current spec (the
 * same spec_hash in both results) shows its waveform, or why its waves
 * run wrote none. */
#ifndef COSIM_WAVESREPORT_H
#define COSIM_WAVESREPORT_H

#include "results.h"

/* Rerun the first n failing tests of rp with waves (see above); what
 * ninja says goes to the console. */
void wavesreport_run(const struct report *rp, size_t n);
/* Fill in the waves (or waves_note) of every failing test of rp. */
void wavesreport_load(struct report *rp);
/* Whether the report shows e's waves. */
int wavesreport_failing(const struct entry *e);

#endif
