/* wavesrun.h - cosim-run --waves SIM [--stamp FILE] SPEC: the test of
 * SPEC run again with waves (the waves/NAME targets, gen/waves.h).
 *
 * The run is the test's, as its spec says (seed, plusargs, environment,
 * files, fixtures, limits), but for three things: the simulator is SIM,
 * the design's waves variant; the run is laid out as a test directory
 * of its own, DIR/waves/ (result, repro.sh, run/ with the logs), so the
 * test's result, stamp and history are never touched; and the simulator
 * is told where the waveform goes, DIR/waves/LAYOUT_WAVEFORM: Verilator's
 * variant (templates/cosim_main.cpp) through COSIM_WAVES, Icarus' through
 * vvp's -fst and +cosim_waves=FILE (templates/cosim_waves.v). A
 * simulator whose waves are a run option, with the plain build as the
 * variant, gets them the same way, here. One attempt, without
 * max_failures, where ninja runs it (not through Slurm).
 *
 * The stamp is set whatever the verdict once the simulator ran: the
 * waveform of a failing test is what was asked for. */
#ifndef COSIM_WAVESRUN_H
#define COSIM_WAVESRUN_H

#include "run.h"

/* Turn r's run of its spec into the waves run with simulator sim. */
void wavesrun_setup(struct run *r, const char *sim);
/* Whether the waves run leaves its stamp: the simulator ran, whatever
 * the verdict (not a compile that failed, a notrun or an interrupt). */
int wavesrun_done(const struct run *r);
/* Add the waves option of r's simulator to its command line (argv, *n
 * words), after the executable: vvp's. */
void wavesrun_sim_args(const struct run *r, char ***argv, size_t *n);
/* Add COSIM_WAVES to a Verilator run's environment. */
void wavesrun_env(const struct run *r, char ***env, size_t *n);

#endif
