/* tools.c - see tools.h. */
#include "tools.h"
#include "cocotbinfo.h"
#include "layout.h"
#include "specfiles.h"
#include "toolsfile.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

/* The program whose version a design of simulator sim depends on, or
 * NULL (a custom simulator's is the user's own). */
static const char *
sim_program(enum sim sim)
{
	switch (sim) {
	case SIM_VERILATOR: return "verilator";
	case SIM_ICARUS: return "iverilog";
	case SIM_GHDL: return "ghdl";
	default: return NULL;
	}
}

void
tools_write(const struct model *mo, const char *srcdir)
{
	char *path = layout_top(mo->builddir, TOP_TOOLS);
	const char *progs[SIM_N], *cocotb = NULL;
	unsigned seen = 0;
	struct buf b = {0};
	size_t i, n = 0;

	for (i = 0; i < mo->ndesigns; i++) {
		const struct design *d = mo->designs[i];
		const char *prog = sim_program(d->sim);

		if (prog && !(seen & (1u << d->sim))) {
			seen |= 1u << d->sim;
			progs[n++] = prog;
		}
		if (d->cocotb && d->cocotb->version && !cocotb)
			cocotb = d->cocotb->version;
	}
	toolsfile_encode(&b, progs, n, cocotb, srcdir);
	specfiles_put(path, b.s, b.len, 0);
	buf_free(&b);
	free(path);
}
