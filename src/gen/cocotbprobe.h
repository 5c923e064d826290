/* cocotbprobe.h - asking an installed cocotb what it is and what tests
 * cocotb modules hold: cocotb-config --python-bin, then one Python process
 * running templates/cosim_cocotb.py; and Verilator its version. */
#ifndef COSIM_COCOTBPROBE_H
#define COSIM_COCOTBPROBE_H

#include <stdint.h>

#include "cocotbinfo.h"

/* Ask the cocotb of i->config: cocotb-config --python-bin when i has no
 * python yet, then the script, which fills i's facts and adds a module to
 * i for each of the n asks, in place of one i had for it. An import that
 * takes longer than limit_ms (0: no limit), or that ends Python, is an
 * error of its module, and the others are still asked. On failure sets
 * i->fail, after printing the child's stderr. */
void cocotb_probe(struct cocotb_info *i, const char *script,
	const struct cocotb_ask *asks, size_t n, int64_t limit_ms);
/* The version of the verilator at path (what --version says after
 * "Verilator "), allocated, or NULL when it cannot tell. */
char *cocotb_verilator_version(const char *path);

#endif
