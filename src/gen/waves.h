/* waves.h - waves on demand: the waves variant of each design whose
 * tests can be rerun with waves, and the files that build them.
 *
 * The graph's shape: build.ninja holds one line per such test, `build
 * waves/NAME: cosim_waves`, whose rule runs a second graph,
 * BUILDDIR/waves.ninja (ninja -f, same directory), holding the variants'
 * compiles and the waves runs, with its own ninja builddir
 * (BUILDDIR/waves/) so that its .ninja_log never touches the outer
 * one's. The outer graph pays one edge without inputs per test, never
 * visited by the default target; the inner graph is parsed only when a
 * waveform is asked for. Both graphs naming the same compiles would have
 * each believe the other's output stale and build it again (and what
 * depends on it): the variants have outputs of their own
 * (recipe_variant), and the VPI module, which the Icarus variants load
 * as the plain builds do, is the outer graph's: waves/NAME has it as an
 * order-only input there, the inner graph as a file it does not build.
 *
 * Offered: tests of a Verilator or Icarus design that cosimgen compiles
 * and that is not built for cocotb, unless disabled. A plain command test
 * has no simulator, a custom simulator has no waves option cosimgen
 * knows, and cocotb's Verilator main traces by its own rules: they have
 * no waves/NAME target. */
#ifndef COSIM_GEN_WAVES_H
#define COSIM_GEN_WAVES_H

#include "layout.h"
#include "model.h"
#include "resolve.h"

/* Make the waves variant of every design that can have one. */
void waves_variants(struct ctx *c);
/* Whether test t has a waves/NAME target (mo->nwaves counts them). */
int waves_offered(const struct test *t);
/* Its waves variant is its design's plain build (GHDL: waves are a run
 * option), which the outer graph builds. */
int waves_plain(const struct test *t);
/* BUILDDIR/tests/NAME/waves/FILE of test t (allocated). */
char *waves_file(const struct test *t, enum dir_file f);
/* Write the variants' compile specs (under BUILDDIR/waves/ID/, so that
 * a variant's own directory is made only when it is built),
 * waves.compiles and graph (ninja.h's ninja_write_waves) as
 * BUILDDIR/waves.ninja, where their text changed (waves.ninja is gone
 * when no test has waves). Relative to the output directory; dies on
 * I/O errors. */
void waves_write(const struct model *mo, const struct buf *graph);

#endif
