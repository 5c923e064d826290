/* ghdl.h - what a VHDL design needs of GHDL: its checks, its compile
 * command, the arguments its runs take (see ghdl.c). */
#ifndef COSIM_GHDL_H
#define COSIM_GHDL_H

#include "resolve.h"

/* The file (in a GHDL design's output directory) that holds the options
 * and the top every run of the design gives ghdl -r, one word a line:
 * the generator writes it; the compile copies it to GHDL_RUN, its
 * output, which the runs read as a response file (@FILE). */
#define GHDL_ARGS "ghdl.args"
#define GHDL_RUN "ghdl.run"

/* Report what GHDL design section s sets that GHDL has no use for
 * (defines, include_dirs, timescale, the bundled bridge) or cannot take
 * (a top that is not ENTITY or ENTITY(ARCH), white space in a flag). */
void ghdl_check(struct ctx *c, const struct msection *s, char **flags);
/* The text of GHDL_ARGS: --std=08, the (expanded) flags, the top's
 * words. */
char *ghdl_args_text(char **flags, const char *top);
/* The compile command: import the sources into the work library in
 * outdir, make (analyse what top needs, in the order it needs it, and
 * elaborate), then copy GHDL_ARGS to GHDL_RUN. */
char *ghdl_compile_command(const char *outdir, char **flags, const char *top,
	char **sources);
/* The generics of design section s (its params, along s ->
 * [cosimgen]) as -gNAME=VALUE words, put before the words of *plusargs:
 * mcode elaborates at run time, so they are run options, and a test's
 * own -gNAME=VALUE, later, wins. */
void ghdl_generics(struct ctx *c, const struct msection *s,
	struct strlist *plusargs);

#endif
