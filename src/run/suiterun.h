/* suiterun.h - the identity of one run of the suite: what fail-fast
 * counts failures per (max_failures) and what a fixture whose setup
 * failed remembers, so that the other tests of that run give up at once
 * and the next run tries again.
 *
 * It is COSIM_SUITE_RUN when set (`cosimgen run` sets it), else the pid
 * and start time of the launcher's parent: the ninja or make that started
 * every test of this run, and no other run (a pid is reused, a pid with
 * its start time is not). */
#ifndef COSIM_SUITERUN_H
#define COSIM_SUITERUN_H

/* This run's identity: "ID" from COSIM_SUITE_RUN, or "PPID.STARTTIME". */
const char *suiterun_id(void);

#endif
