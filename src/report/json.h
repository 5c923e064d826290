/* json.h - results.json: the counts, the summary's last line, every
 * compile and every test with what its result recorded, for programs. */
#ifndef COSIM_JSON_H
#define COSIM_JSON_H

#include "results.h"
#include "util.h"

/* Append results.json for rp, whose summary is made. */
void json_render(struct buf *b, const struct report *rp);

#endif
