/* progressplan.h - what the launcher's running tally counts from
 * (run/progress.h): BUILDDIR/progress.plan, written by the generator, and
 * BUILDDIR/progress.select, written by `cosimgen run`.
 *
 * The plan has a line per test, sorted by name (the launcher looks a
 * test up by a binary search, never reading the whole file):
 *
 *   cosim-progress-plan 1
 *   NAME<TAB>EXPECTED_MS<TAB>STAMP<TAB>INPUT<TAB>INPUT...
 *
 * EXPECTED_MS is the test's expected duration as the schedule has it
 * (schedule.h; 0 when nothing is known); STAMP and the INPUTs are the
 * paths of its edge's output and inputs as the graph writes them
 * (relative to the graph's directory, or absolute): a test whose stamp
 * is missing or older than an input is one a plain `ninja` runs. An
 * input whose path holds a tab or a newline is left out. The plan is
 * rewritten only when its text changes and is no input of any edge, so
 * no test reruns because of it.
 *
 * The selection is the suite run's identity (run/suiterun.h) and the
 * names of the tests the run asked ninja for, a line each:
 *
 *   cosim-progress-select 1
 *   ID
 *   NAME... */
#ifndef COSIM_PROGRESSPLAN_H
#define COSIM_PROGRESSPLAN_H

#include "fields.h"

struct model;

#define PROGRESS_PLAN_MAGIC "cosim-progress-plan 1"
#define PROGRESS_SELECT_MAGIC "cosim-progress-select 1"

/* Write BUILDDIR/progress.plan of mo, relative to the current directory
 * (the graph's), when its text changed. Dies on I/O errors. */
void progressplan_write(const struct model *mo);
/* Write BUILDDIR/progress.select: suite run id asks for the tests names.
 * Dies on I/O errors. */
void progressplan_select(const char *builddir, const char *id,
	const struct strlist *names);

#endif
