/* report.h - `cosimgen report`: read every test's result, print a summary
 * and save it as <builddir>/summary.txt. */
#ifndef COSIM_REPORT_H
#define COSIM_REPORT_H

/* Summarise the results under builddir. Returns the exit status: 0 when
 * every test passed (or was skipped), 1 when any did not or when the
 * builddir holds no test list. */
int report_run(const char *builddir);

#endif
