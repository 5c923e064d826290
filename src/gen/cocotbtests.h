/* cocotbtests.h - the tests of cocotb test sections: their names, their
 * specs and inputs, and the checks across them and the other tests once
 * all are made (cocotb.h discovers them). */
#ifndef COSIM_COCOTBTESTS_H
#define COSIM_COCOTBTESTS_H

#include "cocotbinfo.h"
#include "model.h"
#include "resolve.h"

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
