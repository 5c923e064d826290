/* fixture.h - the fixtures of a test: a setup run before the first test
 * that needs a fixture, a cleanup after the last, inside the launchers
 * (the graph cannot say "set up only if a test that needs it runs").
 *
 * Each fixture has a directory BUILDDIR/fixtures/NAME (layout.h): its
 * spec (written by cosimgen), a lock, its state (fixturestate.h), the
 * logs and records of its setup and cleanup (fixturecmd.h), and the run
 * directory they run in. Every change of the state happens under the
 * lock (flock, so a killed launcher lets go of it):
 *
 * - acquire (before the test's timeout starts; fixtures in name order):
 *   up with a live user: become a user. Failed in this run of the suite
 *   (suiterun.h): the test is an error at once. Left up, or in a setup or
 *   cleanup, by launchers that were killed: run the cleanup first and
 *   kill what the setup left, then set up. Else set up; the lock is held
 *   while the setup runs, so the other tests wait for it. A setup that
 *   passes makes the fixture up with this launcher its user; one that
 *   fails makes it failed in this run, and the test an error.
 * - release (the run is over, its result written; also when it was
 *   interrupted): stop being a user; the last user runs the cleanup, then
 *   kills what the setup left, and the fixture is down.
 *
 * A user is a launcher's pid and start time: a test that runs again in
 * the same process (retries) stays one user. */
#ifndef COSIM_FIXTURE_H
#define COSIM_FIXTURE_H

#include <stddef.h>
#include "run.h"

/* Take the fixtures of r's test, with env (cosim-run's environment) for
 * their setups. Returns 0 (r is a user of each), -1 (one could not be set
 * up: r's status is error with the reason and the fixture fields set:
 * finish the run), or a terminating signal that arrived (r is a user of
 * those it took: end the run as interrupted). Once per run: a second call
 * returns 0. */
int fixture_acquire(struct run *r, char **env);
/* Stop being a user of what r took, in the reverse order; the last user
 * of a fixture runs its cleanup. interrupted: the run was interrupted,
 * and each cleanup gets its fixture's kill_grace at most. Returns a
 * terminating signal that arrived meanwhile (to raise once done), or 0.
 * Once per run. */
int fixture_release(struct run *r, char **env, int interrupted);
/* The longest an interrupted launcher may take, beyond its test's
 * kill_grace, to let go of the fixtures of r's test (ms): for each, the
 * wait for its lock, then its cleanup's kill_grace (fixture_release).
 * A later run waits as long for a launcher whose ninja is gone
 * (pidrecord.h). */
int64_t fixture_wind_down(const struct run *r);
/* Append COSIM_FIXTURE_<NAME>=DIR for each fixture of r's test to env
 * (n items): NAME upper-cased, other than [A-Z0-9] -> _; DIR the absolute
 * run directory of the fixture. */
void fixture_env(const struct run *r, char ***env, size_t *n);

#endif
