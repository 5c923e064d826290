/* strmap.h - a map from strings to pointers, for the generator's lookups
 * by name (a test's design, a label) and by hash (a recipe): a linear
 * search there made generating a suite of N designs take N^2 time.
 *
 * Open addressing with linear probing over FNV-1a, never more than half
 * full, so a probe ends soon; the table doubles as it fills. Nothing is
 * ever removed. The keys are borrowed, not copied: each must outlive the
 * map (the model's names and hashes do). Not glibc's hsearch, which is one
 * table for the whole process. */
#ifndef COSIM_STRMAP_H
#define COSIM_STRMAP_H

#include <stddef.h>

struct strmap_slot {
	const char *key;	/* NULL: the slot is free */
	void *val;
};

/* A zeroed struct strmap is an empty map. */
struct strmap {
	struct strmap_slot *slots;
	size_t n;		/* keys held */
	size_t cap;		/* slots: 0 or a power of two >= 2 * n */
};

/* The value key maps to, or NULL when it maps to none. */
void *strmap_get(const struct strmap *m, const char *key);
/* Map key to val (not NULL), unless key maps to a value already: then
 * the map is left as it is. Returns that earlier value, or NULL when key
 * was new. */
void *strmap_add(struct strmap *m, const char *key, void *val);
/* Release the table (not the keys or values); the map is empty again. */
void strmap_free(struct strmap *m);

#endif
