/* cocotb.h - the model's side of cocotb testbenches.
 *
 * A test section with `cocotb = MODULE.py` stands for every cocotb test in
 * that Python module: each becomes a test of its own, named
 * SECTION.TEST, with every key of the section, its own spec (the
 * cocotb_* keys of spec.h), run edge and result; target test/SECTION runs
 * them all. The design such tests name is built for cocotb (recipe.c)
 * and serves no other test. What the installed cocotb is, and which tests
 * a module holds, comes from the cocotb-config the design names
 * (cocotbprobe.h), remembered in BUILDDIR/cocotb until one of the files it
 * was drawn from changes (cocotbinfo.h). Here: the discovery; the tests
 * themselves are cocotbtests.h's. */
#ifndef COSIM_COCOTB_H
#define COSIM_COCOTB_H

#include "cocotbinfo.h"
#include "cocotbuse.h"
#include "model.h"
#include "resolve.h"

/* The timescale of a design built for cocotb that sets none: cocotb
 * cannot run a design whose precision is the simulator's default 1s. */
#define COCOTB_TIMESCALE "1ns/1ps"

/* Before the designs: check each cocotb test section, learn which
 * designs are built for cocotb, and ask each installed cocotb they use
 * (or remember) what it is and which tests the modules hold. Problems
 * are recorded with diag_*, located at the test's `cocotb =` line. */
void cocotb_discover(struct ctx *c);
/* The cocotb design section s is built for: *used set when cocotb tests
 * use it; NULL when none do or cocotb could not tell. */
const struct cocotb_info *cocotb_design(struct ctx *c,
	const struct msection *s, int *used);
/* The module test section s names, when its tests are known (NULL
 * otherwise: an error was recorded). */
const struct cocotb_module *cocotb_module_of(struct ctx *c,
	const struct msection *s);
/* The cocotb use of test section s, or NULL. */
struct cocotb_use *cocotb_use_of(struct cocotb *cb, const struct msection *s);

#endif
