/* junit.h - report.xml, for CI servers. */
#ifndef COSIM_JUNIT_H
#define COSIM_JUNIT_H

#include "results.h"
#include "util.h"

/* Append report.xml (JUnit, as the xUnit plugin's junit-10.xsd has it). */
void junit_render(struct buf *b, const struct report *rp);

#endif
