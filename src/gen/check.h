/* check.h - pass 1 of the model: every value written in a manifest is
 * checked once, where it is written, for its type, its placeholders and
 * what its key asks of it (so a bad default in [cosimgen] is reported once,
 * not once per test that takes it). */
#ifndef COSIM_CHECK_H
#define COSIM_CHECK_H

#include "manifest.h"
#include "resolve.h"

/* Check every value written in section s; problems go to diag_error. */
void check_section(struct ctx *c, const struct msection *s);

#endif
