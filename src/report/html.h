/* html.h - report.html, for a person with a browser. */
#ifndef COSIM_HTML_H
#define COSIM_HTML_H

#include "results.h"
#include "util.h"

/* Append report.html: one page with the summary, a filterable table and a
 * timeline drawn as inline SVG. */
void html_render(struct buf *b, const struct report *rp);

#endif
