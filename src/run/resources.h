/* resources.h - the slots of the manifest's resources that a test holds
 * while it runs: NEED slots of each resource it names (spec.h's
 * "NAME NEED ID..." items), taken all at once or not at all, first come
 * first served, each held as an flock(2) lock on
 * BUILDDIR/resources/NAME.INDEX for the life of the run.
 *
 * How a test waits (resources.c has the details): every decision to take
 * slots is made under one short lock, BUILDDIR/resources/lock, never held
 * while waiting. A test that cannot take all it needs queues: a file
 * BUILDDIR/resources/queue/TICKET (tickets in the order tests began to
 * wait), locked by it while it waits and saying what it needs. A test
 * takes its slots only when, for each of its resources, the free slots
 * cover its need and the needs of every live test queued before it. So
 * no one holds a slot while waiting for another (no deadlock), and a test
 * that needs two boards is served before the one-board tests that came
 * after it (no starvation). A waiter that died leaves a file nobody locks,
 * which the next waiter removes. */
#ifndef COSIM_RESOURCES_H
#define COSIM_RESOURCES_H

#include <stddef.h>
#include "fields.h"
#include "util.h"

/* What a test needs of one resource, and the slots it holds of it. */
struct need {
	char *name;		/* the resource */
	long long count;	/* NEED: how many slots */
	char **ids;		/* the ids of all its slots, by index */
	size_t nids;
	int *fds;		/* the locks held, count of them, or NULL */
	size_t *held;		/* the indices of the slots held */
};

/* Everything a test needs: its resources, in the spec's order. */
struct holding {
	struct need *v;
	size_t n;
	char *ticket;		/* its queue file's name while it waits */
	int queue_fd;		/* that file, locked (with a ticket) */
};

/* Read the spec's items ("NAME NEED ID...") into h. Returns 0, or -1
 * with why an item cannot be used appended to why. */
int resources_parse(struct holding *h, const struct strlist *items,
	struct buf *why);
/* Take every slot h needs, waiting as long as it takes, answering
 * signals: 0 once held, or a terminating signal that came meanwhile
 * (nothing is held then). Dies when the lock files cannot be made. */
int resources_take(struct holding *h, const char *builddir);
/* Let go of every slot held (also of a queue place). */
void resources_release(struct holding *h);
/* Free what resources_parse allocated in h (after the release). */
void resources_free(struct holding *h);
/* The ids held of the resource called name, space-separated (allocated),
 * or NULL when the test holds none of it. */
char *resources_ids(const struct holding *h, const char *name);
/* The first id held, of the first resource: COSIM_SLOT; "0" without one. */
const char *resources_first(const struct holding *h);
/* Append "COSIM_RESOURCE_<NAME>=ID..." for each resource held to the
 * NULL-terminated list *env of *n items. */
void resources_env(const struct holding *h, char ***env, size_t *n);
/* Append "NAME ID..." for each resource held to l (allocated), as the
 * result's resource lines. */
void resources_lines(const struct holding *h, struct strlist *l);

#endif
