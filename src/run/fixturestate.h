/* fixturestate.h - the state of a fixture, BUILDDIR/fixtures/NAME/state,
 * read and written only by a launcher that holds the fixture's lock
 * (fixture.h). A kvfile (kvfile.h):
 *
 *   cosim-fixture-state 1
 *   phase PHASE              down, setup, up, cleanup or failed
 *   suite_run ID             failed: the run of the suite it failed in
 *   marker COSIM_RUN_ID=...  in the environment of every process of its
 *                            setup and cleanup, for a sweep (pidrecord.h)
 *   user PID STARTTIME       a launcher whose test uses it (repeats)
 *   left PID STARTTIME       what its setup left running (repeats)
 *
 * No file is phase down. Only the holder of the lock runs a setup or a
 * cleanup, and it holds the lock until it wrote how that ended: a phase
 * setup or cleanup that another launcher reads belongs to a launcher that
 * was killed, as does a phase up whose users are all gone. */
#ifndef COSIM_FIXTURESTATE_H
#define COSIM_FIXTURESTATE_H

#include "fields.h"

#define FXSTATE_MAGIC "cosim-fixture-state 1"

enum fx_phase { FX_DOWN, FX_SETUP, FX_UP, FX_CLEANUP, FX_FAILED };

struct fxstate {
	int phase;		/* enum fx_phase */
	char *unknown_phase;	/* a word this version does not know */
	char *suite_run;	/* or NULL */
	char *marker;		/* or NULL */
	struct strlist users, left;	/* "PID STARTTIME" each */
};

/* Read the state at path into st (owned copies); a missing file is
 * phase down. Returns 0, or -1 with errno set (EINVAL: not a state). */
int fxstate_read(struct fxstate *st, const char *path);
/* Write st to path atomically; dies when it cannot. */
void fxstate_write(const struct fxstate *st, const char *path);
/* Free what st holds and leave it phase down. */
void fxstate_free(struct fxstate *st);
/* The word of a phase: "down", "up", ... */
const char *fxstate_phase_name(enum fx_phase p);
/* Drop the users that no longer run (no process with that pid and start
 * time); returns how many are left. */
size_t fxstate_prune(struct fxstate *st);
/* This launcher as a user: "PID STARTTIME" (static storage). */
const char *fxstate_me(void);
/* Whether user is among st's users. */
int fxstate_has_user(const struct fxstate *st, const char *user);
/* Add user to st's users unless it is there. */
void fxstate_add_user(struct fxstate *st, const char *user);
/* Remove user from st's users. */
void fxstate_drop_user(struct fxstate *st, const char *user);
/* Kill what st's setup and cleanup left: the left processes that still
 * run and every process with the marker in its environment. The left
 * list is emptied. */
void fxstate_sweep(struct fxstate *st);

#endif
