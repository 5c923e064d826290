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
 * was drawn from changes. */
#ifndef COSIM_COCOTB_H
#define COSIM_COCOTB_H

#include "cocotbprobe.h"
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
/* The name of the test of case k of s's module: SECTION.TEST, the test's
 * name with every character a name cannot hold as '_'. Allocated. */
char *cocotb_test_name(const struct msection *s, const struct cocotb_case *k);
/* Make t, a test of section t->sec, the test of case k of module m: its
 * spec's cocotb_* values, its group, and the module's files (and, on
 * Icarus, cocotb's VPI library) among its inputs. After its design,
 * settings and depends are set. */
void cocotb_test(struct ctx *c, struct test *t, const struct cocotb_module *m,
	size_t k);
/* After the tests: names that clash, designs shared with other tests, the
 * regeneration's inputs and the cache's text. */
void cocotb_finish(struct ctx *c);

#endif
