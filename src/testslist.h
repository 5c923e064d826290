/* testslist.h - <builddir>/tests.list, which cosimgen writes and the
 * report reads: which tests exist now, one line each, "NAME LABEL...".
 * Names and labels hold no space (the manifest's checks see to it). The
 * labels are here, not in the specs, so that changing them reruns no
 * test, only the report. */
#ifndef COSIM_TESTSLIST_H
#define COSIM_TESTSLIST_H

#include "util.h"

/* Append the line of test name with its labels (NULL-terminated, or
 * NULL for none). */
void testslist_put(struct buf *b, const char *name, char *const *labels);
/* Split one line (without its newline) in place: *name is its name,
 * *labels its labels, NULL-terminated (allocated unless there are
 * none). */
void testslist_parse(char *line, char **name, char ***labels);

#endif
