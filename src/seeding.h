/* seeding.h - the seed epoch and the seeds override of a build directory
 * (BUILDDIR/seeding), and how a test's seeds are drawn.
 *
 * A test with `seeds = N` runs under N seeds drawn from its name, the
 * index 0 .. N-1 and the epoch: the same on every regeneration within an
 * epoch (a rerun of failures reruns the same seeds), fresh in a new one.
 * The epoch is a property of the build directory, not of the manifest: a
 * new directory starts at 0, so a fresh CI checkout draws what a
 * developer's does, and `cosimgen --reseed` (a nightly) starts a random
 * one. `cosimgen --seeds N` overrides the count of every test that has
 * `seeds`; it is kept here too, because the graph regenerates itself
 * after every run and must not lose it.
 *
 * The file is a kvfile (SEEDING_MAGIC) with the keys epoch and seeds (the
 * override; absent: the manifest's counts). A missing file is epoch 0,
 * no override. */
#ifndef COSIM_SEEDING_H
#define COSIM_SEEDING_H

#include <stdint.h>

#define SEEDING_MAGIC "cosim-seeding 1"
/* The most seeds one test may have: a count, and the override. */
#define SEEDS_MAX 100000

struct seeding {
	int64_t epoch;		/* 0 .. SEED_MAX */
	int64_t seeds;		/* the override of every `seeds`, or -1 */
	int present;		/* read from a file (else the defaults) */
};

/* Read BUILDDIR/seeding into s; a missing file gives the defaults.
 * Returns 0, or -1 (errno set; EINVAL: malformed). */
int seeding_read(const char *builddir, struct seeding *s);
/* Write s to BUILDDIR/seeding atomically, unless it holds it already;
 * 0 or -1 with errno set. */
int seeding_write(const char *builddir, const struct seeding *s);
/* A fresh epoch, from 1 to SEED_MAX, different on every call. */
int64_t seeding_fresh_epoch(void);
/* The index-th seed of the test called name in epoch, from 1 to
 * SEED_MAX. Index 0 of epoch 0 is the seed a test without `seeds` has
 * always had: a hash of its name. */
int64_t seed_draw(const char *name, int64_t index, int64_t epoch);

#endif
