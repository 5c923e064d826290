/* pidrecord.h - the record of the processes a run started, <dir>/pids,
 * so that a later run can end them if this one is killed outright
 * (SIGKILL, the OOM killer) and could not.
 *
 * Its first line is the run id (COSIM_RUN_ID=..., which every child gets
 * in its environment, proc_run_id()), then "host NAME" (gethostname),
 * "launcher PID STARTTIME PARENT WIND_DOWN_MS" (the cosim-run that holds
 * it, its parent, and the longest it may take to end once interrupted), and under Slurm "step JOB.STEP" (the
 * job step the run is), then one line "PID STARTTIME" per child started
 * (the start time from /proc, so that a reused pid is not taken for the
 * child), and RECORD_DONE (lastrun.h) once the run ended and its result
 * is there. A record that does not end so belongs to a run that was
 * killed: the process groups of its pids in which a process still
 * carries its run id, and every process whose environment holds its run
 * id, are killed (the sweep) before the new run starts, when the record
 * was made on this host (or names none, as before hosts were named): on
 * a cluster the builddir is shared, and the pids of another node mean
 * nothing here.
 *
 * The file is locked (flock) while a run lives. A run that finds it
 * locked by a launcher whose parent is gone (ninja killed outright) waits
 * for it, and takes it over if it must; one held by a launcher whose
 * parent still runs is a run going on (pidrecord_open). */
#ifndef COSIM_PIDRECORD_H
#define COSIM_PIDRECORD_H

#include <stdint.h>
#include <sys/types.h>
#include "util.h"

/* Take the record at path for this run: lock it, end the processes a
 * killed earlier run left there unless it ends in "done", then start it
 * again with this run's id and wind_down_ms (the longest it may take to
 * end once interrupted: its kill_grace, and its fixtures' cleanups).
 * Returns 0, or -1 with why said when another run of the same test holds
 * it: one going on, or one whose ninja is gone that did not let go in
 * its wind-down and a margin, then again after a SIGTERM. */
int pidrecord_open(const char *path, int64_t wind_down_ms, struct buf *why);
/* The run id line of the record at path (allocated), or NULL when there
 * is none: what a supervisor notes before the node's run starts. */
char *pidrecord_run_id(const char *path);
/* The job step ("JOB.STEP", allocated) of the run that the record at path
 * belongs to when that run is newer than old_id (a pidrecord_run_id, or
 * NULL) and has not finished; else NULL. */
char *pidrecord_step(const char *path, const char *old_id);
/* Add a started child to the record. */
void pidrecord_add(pid_t pid);
/* Mark the record finished: everything it named has ended. */
void pidrecord_close(void);
/* End what a record's text names: the process groups of its "PID
 * STARTTIME" lines in which a process's environment holds one of its
 * COSIM_RUN_ID=... lines (and the pid, when it runs with that start
 * time), and every process whose environment holds one of those
 * lines. */
void pidrecord_sweep(const char *text);
/* Append "PID STARTTIME" for every other process whose environment holds
 * id (a COSIM_RUN_ID=... entry) to out. */
void pidrecord_list_marked(const char *id, struct buf *out);
/* The start time of pid (field 22 of its /proc stat), or 0 when there is
 * no such process or it has ended (a zombie). */
unsigned long long pidrecord_start_time(pid_t pid);

#endif
