/* waivers.h - the model's side of waivers: [waiver:NAME] sections (a
 * failure signature the report shows as waived rather than failed, with
 * a reason, until a day: waiver.h), checked, and written to
 * BUILDDIR/waivers. The file is no input of any edge: a changed waiver
 * reruns no test, only the report reads it. */
#ifndef COSIM_GEN_WAIVERS_H
#define COSIM_GEN_WAIVERS_H

#include "manifest.h"
#include "model.h"
#include "resolve.h"

/* Add the waiver of section s to the model, with an error at its line
 * for each key it lacks and at the line of a day that is not one. */
void waivers_add(struct ctx *c, const struct msection *s);
/* Write BUILDDIR/waivers (relative to the current directory) when its
 * text changed, or remove it when the manifest has no waiver. Dies on
 * I/O errors. */
void waivers_write(const struct model *mo);

#endif
