/* rescan.h - cosim-run --scan-only SPEC: scan the saved logs of the last
 * finished run again with the spec's patterns, without running anything.
 * The run must be one of the test as it is now but for its patterns (a
 * hash of the rest of the spec is in the result); its result is replaced
 * by one with the new verdict and scan findings, and the stamp follows. */
#ifndef COSIM_RESCAN_H
#define COSIM_RESCAN_H

#include "run.h"

/* Rescan the run of r's spec (name, dir and spec read); returns the exit
 * status: 0 when the new verdict is a success, else 1. */
int rescan_run(struct run *r);

#endif
