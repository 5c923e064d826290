/* runlist.h - `cosimgen list` (`cosimgen run --list`): the tests a run
 * would select, in the order they would start, each with its last
 * status, its expected duration and whether it would run now, found
 * without running anything: `ninja -n` says what would run and in which
 * order, `ninja -t targets all` the order of the graph. */
#ifndef COSIM_RUNLIST_H
#define COSIM_RUNLIST_H

#include "ninjacall.h"

#include <stddef.h>

/* What a run would do: the graph, the selected tests (names, in the
 * order of tests.list), and the ninja command line to ask (NULL-
 * terminated, without -n, with the targets last). */
struct runplan {
	const struct graph *graph;
	char **names;
	size_t n;
	int force;		/* the selected tests run even if they passed */
	char **ninja;
};

/* Print the list of p to stdout; returns the exit status (0; ninja's
 * when it fails). */
int runlist_print(const struct runplan *p);

#endif
