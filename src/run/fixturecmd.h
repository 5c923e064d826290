/* fixturecmd.h - a fixture's setup or cleanup command, supervised as a
 * test is: /bin/sh -c COMMAND in its own process group, in the fixture's
 * run directory BUILDDIR/fixtures/NAME/run (made fresh before a setup),
 * stdout and stderr into setup.log or cleanup.log, the fixture's timeout
 * (scaled by COSIM_TIMEOUT_MULTIPLIER) enforced by TERM, kill_grace, KILL
 * to the group, and a record setup.result or cleanup.result (a struct
 * result of the compile kind: name, status, reason, log, start, duration,
 * command, how it ended, the log's tail).
 *
 * Its environment is cosim-run's without COSIM_* (but
 * COSIM_TIMEOUT_MULTIPLIER and COSIM_SUITE_RUN), with the fixture's marker
 * COSIM_RUN_ID=... first, COSIM_FIXTURE (the name), COSIM_FIXTURE_DIR (the
 * run directory), COSIM_SRCDIR, COSIM_BUILDDIR (absolute) and the
 * fixture's env = entries.
 *
 * What a setup that passes leaves running (a server) is the fixture's: it
 * must outlive the launcher that ran the setup, so while a setup runs the
 * launcher is no subreaper (proc_subreaper) and what the setup leaves
 * goes to init; it is found by the marker in its environment and listed.
 * Everything else a setup or cleanup leaves is killed as it ends. */
#ifndef COSIM_FIXTURECMD_H
#define COSIM_FIXTURECMD_H

#include "result.h"
#include "spec.h"
#include "util.h"

enum fxcmd_kind { FXCMD_SETUP, FXCMD_CLEANUP };

struct fxcmd {
	enum status status;	/* pass, fail, timeout, error, interrupted */
	struct buf reason;	/* "" for a pass */
	int sig;		/* a terminating signal that arrived, or 0 */
};

/* Run the setup or the cleanup of the fixture s (whose directory is
 * s->dir) into out, with marker and env (cosim-run's environment) as
 * above. bounded: the run is interrupted, the command gets kill_grace at
 * most. A signal while a setup runs stops it at once (interrupted); one
 * while a cleanup runs bounds it so, and a second one stops it. With left
 * set and a setup that passes, what it left running is appended to left
 * ("PID STARTTIME" each) and kept. A command that is NULL passes at once
 * and writes no record. */
void fxcmd_run(struct fxcmd *out, const struct fixture_spec *s,
	enum fxcmd_kind k, const char *marker, char **env, int bounded,
	struct strlist *left);
/* A new marker for a fixture's processes: "COSIM_RUN_ID=fixture.NAME...."
 * (allocated). */
char *fxcmd_marker(const char *name);

#endif
