/* slurm.h - executor = slurm: cosim-run where ninja runs it (the
 * submitting side) is a small supervisor, and the launcher that runs the
 * test or the compile is another cosim-run, on a node of the cluster.
 *
 * The supervisor runs
 *
 *   srun --quiet [--exact] -N1 -n1 [-L LICENCES] SRUN_OPTIONS
 *        --job-name=cosim:NAME /abs/cosim-run --node ARGS...
 *
 * as a job step of the allocation it is in (SLURM_JOB_ID in its
 * environment: --exact, so that the step takes only its own CPUs), or,
 * outside one, as a job of its own that asks for the test's licences.
 * cosim-run is at the same path on every node, and the builddir is on a
 * file system they share: the launcher on the node (--node) runs as a
 * local one does, with its timeouts, tree kill, pid record, resource
 * slots, fixtures, result and stamp, in the builddir.
 *
 * srun is started in a process group of its own, so that ninja's SIGINT
 * to the edge's group reaches only the supervisor, which then asks the
 * node to stop as a local interrupt would: it reads the step from the
 * node's pid record (pidrecord.h) and runs `scancel --signal=URG STEP`,
 * which signals every process of the step. The node's launcher takes
 * SIGURG for the SIGTERM of an interrupt (proc_stop_requests): it kills
 * its tree and writes an interrupted result. The test's processes ignore
 * it, so none dies of the signal before the launcher acts (a SIGTERM to
 * the whole step reaches them in any order, and a test killed by it
 * before its launcher read its own would be judged, a crash, not
 * interrupted). Before the step exists (pending) or when scancel fails,
 * it sends srun SIGTERM instead (srun then kills the step's tasks
 * outright). srun gets the test's kill_grace and a margin to end, then
 * SIGTERM, then SIGKILL.
 *
 * srun's stdout is the supervisor's (what the node prints reaches ninja);
 * its stderr, with srun's own messages, goes to DIR/srun.log, then to the
 * supervisor's stderr. The last result is set aside before srun starts,
 * so a result afterwards, with its pid record done, is the node's, unless
 * Slurm killed the step under it: srun says the node's launcher was
 * killed outright (SIGKILL), or that Slurm cancelled the step and the
 * launcher was not interrupted (the test may have died of the same kill
 * just before, and been judged, a crash, for it). When there is none
 * (srun could not start the step, the controller is gone, the step was
 * killed), the caller writes it from slurm_end.why, through the
 * launcher's own result writing, naming the submitting host. */
#ifndef COSIM_RUN_SLURM_H
#define COSIM_RUN_SLURM_H

#include <stdint.h>
#include "fields.h"
#include "result.h"
#include "util.h"

/* What the supervisor hands to srun. */
struct slurm_job {
	const char *dir;	/* the test's or compile's directory */
	const char *name;	/* the job step's name: "cosim:NAME" */
	const struct strlist *srun;	/* the spec's srun options */
	const struct strlist *licenses;	/* "NAME:COUNT" for a job of its
					 * own (-L), or NULL */
	int64_t grace;		/* kill_grace (ms): the node's time to stop */
	char **args;		/* cosim-run's own arguments, NULL-ended,
				 * handed on after --node */
	enum result_kind kind;	/* a test's result, or a compile's */
};

/* How the step ended. */
struct slurm_end {
	int node_result;	/* the node's launcher left its result */
	int code;		/* srun's exit status (128 + N when killed by
				 * signal N), as the node's when it ran */
	int sig;		/* the terminating signal that interrupted the
				 * supervisor, or 0 */
	struct buf why;		/* without a node result: the reason of the
				 * result the caller writes */
};

/* Become the one supervisor of the test or compile in dir on this host:
 * lock its srun.log until this process ends. A run started at once after
 * ninja was killed outright finds the old supervisor still stopping its
 * step, which it finds, and asks to stop, through dir: the new run must
 * not take dir over before it is gone. So it is waited for, as long as
 * it may take to stop (grace, kill_grace in ms, and srun's margins).
 * Returns 0, or -1 with why said when the lock was held past that: a run
 * going on. Call it before anything is written in dir. */
int slurm_supervisor_lock(const char *dir, int64_t grace, struct buf *why);
/* Run the job through srun and wait for it, stopping it on an interrupt;
 * fills e. Dies (fatal) only when cosim-run itself cannot go on. */
void slurm_supervise(const struct slurm_job *j, char **env,
	struct slurm_end *e);
/* Whether the supervisor of the run in dir asked it to stop through the
 * build directory (DIR_STOP): what a launcher started with --node looks
 * at on its tick, for when Slurm cannot pass the request on (its
 * controller is down). Returns the signal to take it for, SIGTERM, or 0. */
int slurm_stop_asked(const char *dir);
/* End as the node's launcher did, when its result stands (node_result):
 * through the interrupt the supervisor got, else with srun's exit
 * status. */
void slurm_exit_as_node(const struct slurm_end *e)
	__attribute__((noreturn));
/* srun's argv for j (allocated, NULL-ended): a step of the allocation when
 * env has SLURM_JOB_ID, else a job of its own; self is cosim-run's
 * absolute path. */
char **slurm_srun_argv(const struct slurm_job *j, char **env,
	const char *self);
/* The line of srun.log's text that says why the step failed, without
 * srun's prefix ("srun: error: "), allocated; NULL when it says nothing
 * of use. */
char *slurm_log_message(const char *log);

#endif
