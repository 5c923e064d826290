/* rundir.h - <dir>/run, the directory a test runs in: its logs (sim.out,
 * sim.err, test.out, test.err), its properties and whatever it writes. */
#ifndef COSIM_RUNDIR_H
#define COSIM_RUNDIR_H

/* Make <dir>/run fresh for a run and return its absolute path: everything
 * of the run before goes but the simulator's logs (sim set) and the
 * test's (test set), which the run opens again, kept emptied (when
 * regular files); dies on failure. */
char *rundir_fresh(const char *dir, int sim, int test);
/* Remove path and, when it is a directory, everything under it; what
 * cannot be removed stays. */
void rundir_remove(const char *path);

#endif
