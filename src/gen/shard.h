/* shard.h - `cosimgen run --shard I/N` and `cosimgen list --shard I/N`:
 * shard I of N parts of a selection of tests, the parts of about equal
 * expected time (not equal count), drawn from the run history alone, so
 * that N CI jobs on N machines with the same history file and manifest
 * split the suite the same way and together run each test once. */
#ifndef COSIM_SHARD_H
#define COSIM_SHARD_H

#include <stddef.h>
#include "fields.h"

/* I of N, both from 1. */
struct shard {
	long long index, count;
};

/* Parse "I/N" (whole numbers, 1 <= I <= N) into *s; 0, or -1 when text
 * is not one. */
int shard_parse(const char *text, struct shard *s);

/* Split names[0..n) into count parts: part[i] (0 .. count-1) is the part
 * of names[i]; load[0..count) the expected time of each part, in ms.
 * ms[i] is the expected duration of names[i], -1 when it has none: then
 * it counts as the mean of those that have one, or 1 when none has.
 * Returns how many have one. */
size_t shard_split(char *const *names, const long long *ms, size_t n,
	long long count, size_t *part, long long *load);

/* The tests of names[0..n) that fall in shard s, in the order given,
 * into out; their expectations from the run history at hpath (a missing
 * file is an empty history; one that cannot be read a warning). Prints
 * on stderr "shard I/N: K tests, expected T of TOTAL". */
void shard_select(const struct shard *s, const char *hpath,
	char *const *names, size_t n, struct strlist *out);

#endif
