/* pidrecord.h - the record of the processes a run started, <dir>/pids,
 * so that a later run can end them if this one is killed outright
 * (SIGKILL, the OOM killer) and could not.
 *
 * Its first line is the run id (COSIM_RUN_ID=..., which every child gets
 * in its environment, proc_run_id()), then one line "PID STARTTIME" per
 * child started (the start time from /proc, so that a reused pid is not
 * taken for the child), and RECORD_DONE (lastrun.h) once the run ended
 * and its result is there. A record that does not end so belongs to a
 * run that was killed: its pids and every process whose environment holds
 * its run id are killed (the sweep) before the new run starts. The file
 * is locked while a run lives. */
#ifndef COSIM_PIDRECORD_H
#define COSIM_PIDRECORD_H

#include <sys/types.h>
#include "util.h"

/* Take the record at path for this run: lock it (-1 when another run of
 * the same test holds it), end the processes a killed earlier run left
 * there unless it ends in "done", then start it again with this run's id.
 * Returns 0. */
int pidrecord_open(const char *path);
/* Add a started child to the record. */
void pidrecord_add(pid_t pid);
/* Mark the record finished: everything it named has ended. */
void pidrecord_close(void);
/* End what a record's text names: the pids of its "PID STARTTIME" lines
 * whose start time still matches (and their groups), and every process
 * whose environment holds one of its COSIM_RUN_ID=... lines. */
void pidrecord_sweep(const char *text);
/* Append "PID STARTTIME" for every other process whose environment holds
 * id (a COSIM_RUN_ID=... entry) to out. */
void pidrecord_list_marked(const char *id, struct buf *out);
/* The start time of pid (field 22 of its /proc stat), or 0 when there is
 * no such process or it has ended (a zombie). */
unsigned long long pidrecord_start_time(pid_t pid);

#endif
