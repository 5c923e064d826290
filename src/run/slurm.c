/* slurm.c - see slurm.h. */
#define _GNU_SOURCE	/* memmem */
#include "slurm.h"
#include "beneath.h"
#include "children.h"
#include "file.h"
#include "keys.h"
#include "lastrun.h"
#include "layout.h"
#include "path.h"
#include "pidrecord.h"
#include "proc.h"
#include "result.h"
#include "suiterun.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

/* What srun may take beyond kill_grace to end once the step was asked to
 * stop: scancel's round trip to the controller, the node's result on the
 * shared file system, srun's own teardown. */
#define MARGIN_MS 5000
/* srun's time to end after SIGTERM, past that, before SIGKILL */
#define SRUN_TERM_MS 2000
/* How often a supervisor looks again at a lock another one holds. */
#define LOCK_POLL_MS 25
/* A reason is one line: longer ones are cut. */
#define MESSAGE_MAX 300

/* Whether env has NAME set to something (NAME= included in name). */
static int
env_set(char **env, const char *name)
{
	size_t n = strlen(name);

	for (; *env; env++)
		if (strncmp(*env, name, n) == 0 && (*env)[n])
			return 1;
	return 0;
}

char **
slurm_srun_argv(const struct slurm_job *j, char **env, const char *self)
{
	char **v = NULL, **a;
	size_t n = 0, i;
	struct buf lic = {0};

	list_push(&v, &n, xstrdup("srun"));
	list_push(&v, &n, xstrdup("--quiet"));
	/* a step of the allocation takes only its own CPUs; a job of its
	 * own asks for the licences the test needs */
	if (env_set(env, "SLURM_JOB_ID="))
		list_push(&v, &n, xstrdup("--exact"));
	list_push(&v, &n, xstrdup("-N1"));
	list_push(&v, &n, xstrdup("-n1"));
	if (!env_set(env, "SLURM_JOB_ID=") && j->licenses &&
	    j->licenses->n) {
		for (i = 0; i < j->licenses->n; i++)
			buf_printf(&lic, "%s%s", i ? "," : "",
			    j->licenses->v[i]);
		list_push(&v, &n, xstrdup("-L"));
		list_push(&v, &n, buf_steal(&lic));
	}
	for (i = 0; j->srun && i < j->srun->n; i++)
		list_push(&v, &n, xstrdup(j->srun->v[i]));
	list_push(&v, &n, xasprintf("--job-name=%s", j->name));
	list_push(&v, &n, xstrdup(self));
	list_push(&v, &n, xstrdup("--node"));
	for (a = j->args; *a; a++)
		list_push(&v, &n, xstrdup(*a));
	return v;
}

/* line without what says who printed it: "srun: error: ",
 * "slurmstepd-NODE: error: ", and the stars around "*** STEP ... ***". */
static void
bare_message(struct buf *b, const char *line, size_t len)
{
	const char *end = line + len, *p;

	if ((!strncmp(line, "srun", 4) || !strncmp(line, "slurmstepd", 10)) &&
	    (p = memchr(line, ':', len)) && p + 1 < end && p[1] == ' ')
		line = p + 2;
	if (end - line > 7 && !strncmp(line, "error: ", 7))
		line += 7;
	if (end - line > 8 && !strncmp(line, "*** ", 4) &&
	    !strncmp(end - 4, " ***", 4)) {
		line += 4;
		end -= 4;
	}
	len = (size_t)(end - line);
	if (len > MESSAGE_MAX) {
		char *cut = xstrndup(line, len);

		buf_add(b, cut, utf8_cut(cut, MESSAGE_MAX - 3));
		buf_puts(b, "...");
		free(cut);
	} else {
		buf_add(b, line, len);
	}
}

/* srun's lines that say nothing the result does not say already */
static int
noise(const char *line, size_t len)
{
	static const char *const says_nothing[] = {
		"task 0: Exited with exit code",	/* the exit status */
		"Job step aborted: Waiting up to",	/* it waits */
		"Try \"srun --help\" for more",	/* after a bad option */
	};
	size_t i;

	for (i = 0; i < sizeof says_nothing / sizeof *says_nothing; i++)
		if (memmem(line, len, says_nothing[i],
		    strlen(says_nothing[i])))
			return 1;
	return 0;
}

char *
slurm_log_message(const char *log)
{
	const char *line, *best = NULL, *task = NULL;
	size_t n, best_n = 0, task_n = 0;
	struct buf b = {0};

	/* The last line that says something; one about the task ("NODE:
	 * task 0: Killed") only when nothing else does: the step's own
	 * ("STEP 5.0 ON NODE CANCELLED") says why it was killed. */
	for (line = log; *line; line += n + (line[n] == '\n')) {
		n = strcspn(line, "\n");
		if (strspn(line, " \t\r") >= n || noise(line, n))
			continue;
		if (memmem(line, n, ": task ", 7)) {
			task = line;
			task_n = n;
		} else {
			best = line;
			best_n = n;
		}
	}
	if (!best) {
		best = task;
		best_n = task_n;
	}
	if (!best)
		return NULL;
	bare_message(&b, best, best_n);
	return buf_steal(&b);
}

/* srun's environment (allocated, NULL-ended): env, with the run of the
 * suite this test belongs to (suiterun.h) named, since on the node the
 * launcher's parent is a slurmstepd of its own, and without the memory
 * of the whole allocation (SLURM_MEM_PER_NODE, which salloc --mem sets):
 * a step would ask for all of it and run alone. A test that needs memory
 * says so (memory = , --mem). */
static char **
srun_env(char **env)
{
	char **v = NULL;
	size_t n = 0;

	for (; *env; env++)
		if (strncmp(*env, "COSIM_SUITE_RUN=", 16) != 0 &&
		    strncmp(*env, "SLURM_MEM_PER_NODE=", 19) != 0)
			list_push(&v, &n, xstrdup(*env));
	list_push(&v, &n, xasprintf("COSIM_SUITE_RUN=%s", suiterun_id()));
	return v;
}

/* Run scancel [--signal=URG] step; 0 when it said it did it. It gets
 * until deadline (a controller that is gone would keep it minutes). */
static int
scancel(const char *step, int signal_only, char **env, int64_t deadline)
{
	char *argv[5] = {"scancel", "--quiet", NULL, NULL, NULL};
	struct child c, *one[1] = {&c};
	struct spawn s = {0};
	int sig;

	argv[2] = signal_only ? "--signal=URG" : (char *)step;
	argv[3] = signal_only ? (char *)step : NULL;
	s.argv = argv;
	s.envp = env;
	s.out = "/dev/null";
	s.err = "/dev/null";
	s.listen_fd = -1;
	children_start(&c, &s, "scancel");
	while (!c.reaped && proc_event(one, 1, NULL, 0, deadline, &sig) !=
	    EV_DEADLINE)
		;	/* a second interrupt changes nothing */
	if (!c.reaped)
		proc_stop(&c, 0);
	return c.exec_errno || c.signal || c.code != 0 ? -1 : 0;
}

/* Wait for srun until deadline; a signal meanwhile changes nothing. */
static void
wait_srun(struct child *srun, int64_t deadline)
{
	struct child *one[1] = {srun};
	int sig;

	while (!srun->reaped &&
	    proc_event(one, 1, NULL, 0, deadline, &sig) != EV_DEADLINE)
		;
}

int
slurm_stop_asked(const char *dir)
{
	char *stop = layout_in(dir, DIR_STOP);
	int asked = access(stop, F_OK) == 0;

	free(stop);
	return asked ? SIGTERM : 0;
}

/* Ask the node through the build directory too (slurm_stop_asked): a
 * controller that is down passes on neither scancel nor srun's kill. */
static void
ask_to_stop(const struct slurm_job *j)
{
	char *stop = layout_in(j->dir, DIR_STOP);

	if (file_write_atomic(stop, "", 0) != 0)
		warn(errno, "cannot write %s", stop);
	free(stop);
}

/* An interrupt: the step is asked to stop as a local run would be, or,
 * before it exists, srun is; srun gets kill_grace and a margin to end,
 * then SIGTERM (its tasks are killed outright) and last SIGKILL. */
static void
stop_step(struct child *srun, const struct slurm_job *j, const char *pids,
    const char *old, char **env)
{
	int64_t deadline = now_ms() + j->grace + MARGIN_MS;
	char *step = pidrecord_step(pids, old);

	ask_to_stop(j);
	if (!step || scancel(step, 1, env, deadline) != 0)
		proc_terminate(srun);
	wait_srun(srun, deadline);
	if (!srun->reaped) {
		if (step)	/* a node that did not stop: cancel it all */
			scancel(step, 0, env, now_ms() + SRUN_TERM_MS);
		proc_stop(srun, SRUN_TERM_MS);
	}
	free(step);
}

/* Whether srun.log's text says that Slurm cancelled the step or its job
 * ("slurmstepd: error: *** STEP 5.0 ON node1 CANCELLED AT ... ***"). */
static int
cancelled(const char *log)
{
	const char *line;
	size_t n;

	for (line = log; *line; line += n + (line[n] == '\n')) {
		n = strcspn(line, "\n");
		if (!strncmp(line, "slurmstepd", 10) &&
		    memmem(line, n, " CANCELLED AT ", 14))
			return 1;
	}
	return 0;
}

/* Whether the node's launcher left a result that stands: one is there
 * (the last was set aside) and the record of its run says done (a
 * compile's first result says only that it did not finish), and the step
 * was not killed under it. A launcher killed outright (srun's exit 128 +
 * SIGKILL) may have judged a test that the same kill ended a moment
 * before; so may one that outlived its test when Slurm cancelled the
 * step (its processes are killed in any order). A cancel the supervisor
 * asked for (asked: it was interrupted) leaves an interrupted result
 * that stands; one that came from elsewhere (scancel, Slurm's time
 * limit) is the test's error, with Slurm's line, not an interrupt that
 * would stop the build. */
static int
node_result_stands(const struct slurm_job *j, int code, const char *log,
    int asked)
{
	char *path = layout_in(j->dir, DIR_RESULT);
	struct result res;
	struct kvfile f;
	int stands = 0;

	result_init(&res);
	if (lastrun_state(j->dir) == LR_FINISHED &&
	    result_read(&res, &f, path, j->kind) == 0) {
		stands = !proc_killed_outright(code) && (!cancelled(log) ||
		    (asked && res.status == STATUS_INTERRUPTED));
		result_free(&res, j->kind);
		kv_free(&f);
	}
	free(path);
	return stands;
}

/* How srun ended, for a reason: "srun exit N" or "srun killed by ...". */
static void
srun_ending(struct buf *b, const struct child *srun)
{
	if (srun->signal)
		buf_printf(b, "srun killed by signal %d (%s)", srun->signal,
		    strsignal(srun->signal));
	else
		buf_printf(b, "srun exit %d", srun->code);
}

/* The reason of the result the supervisor writes: the node left none
 * that stands. log is srun.log's text. */
static void
own_reason(struct slurm_end *e, const struct child *srun, const char *log)
{
	static const char where[] = "recorded on the submitting host";
	char *msg = slurm_log_message(log);

	if (e->sig)
		buf_printf(&e->why, "interrupted by signal %d (%s) before the "
		    "Slurm step left a result (%s)", e->sig,
		    strsignal(e->sig), where);
	else if (srun->exec_errno)
		buf_printf(&e->why, "Slurm: srun could not start: %s (%s)",
		    strerror(srun->exec_errno), where);
	else {
		buf_puts(&e->why, msg ? "Slurm: " : "the Slurm step ended "
		    "without a result");
		buf_printf(&e->why, "%s (", msg ? msg : "");
		srun_ending(&e->why, srun);
		buf_printf(&e->why, ", %s)", where);
	}
	free(msg);
}

/* srun's messages, kept in srun.log, to the supervisor's stderr, where
 * ninja shows them; returns them (allocated, "" when there are none). */
static char *
show_log(const char *log)
{
	size_t len;
	char *text = file_read(log, &len);

	if (!text)
		return xstrdup("");
	fwrite(text, 1, len, stderr);
	fflush(stderr);
	return text;
}

int
slurm_supervisor_lock(const char *dir, int64_t grace, struct buf *why)
{
	char *log = layout_in(dir, DIR_SRUN_LOG);
	int fd = beneath_open(log, O_RDWR | O_CREAT | O_CLOEXEC, 0666), sig;
	int64_t until = now_ms() + grace + 2 * MARGIN_MS + SRUN_TERM_MS;

	if (fd < 0)
		fatal(errno, "cannot open %s", log);
	while (flock(fd, LOCK_EX | LOCK_NB) != 0) {
		if (errno != EWOULDBLOCK && errno != EINTR)
			fatal(errno, "cannot lock %s", log);
		if (now_ms() >= until) {
			buf_printf(why, "another cosim-run supervises its "
			    "Slurm step (it holds %s)", log);
			close(fd);
			free(log);
			return -1;
		}
		if (proc_event(NULL, 0, NULL, 0, now_ms() + LOCK_POLL_MS,
		    &sig) == EV_SIGNAL)
			proc_reraise(sig);
	}
	free(log);
	return 0;	/* fd stays open, the lock held, until the end */
}

void
slurm_supervise(const struct slurm_job *j, char **env, struct slurm_end *e)
{
	char *log = layout_in(j->dir, DIR_SRUN_LOG);
	char *pids = layout_in(j->dir, DIR_PIDS);
	char *old, *self = path_self(), **argv, *text;
	char **step_env, *stop_file;
	struct child srun, *one[1] = {&srun};
	struct spawn s = {0};

	if (!self)
		fatal(errno, "cannot read /proc/self/exe");
	old = pidrecord_run_id(pids);	/* the node's run will be newer */
	/* whatever result is there afterwards, the node wrote; no request
	 * to stop is left from an earlier run */
	if (lastrun_set_aside(j->dir) != 0)
		fatal(errno, "cannot move %s/result aside", j->dir);
	stop_file = layout_in(j->dir, DIR_STOP);
	if (file_unlink(stop_file) != 0 && errno != ENOENT)
		fatal(errno, "cannot remove %s", stop_file);
	free(stop_file);
	argv = slurm_srun_argv(j, env, self);
	step_env = srun_env(env);
	s.argv = argv;
	s.envp = step_env;
	s.out = NULL;	/* the node's console line, to ninja */
	s.err = log;
	s.listen_fd = -1;
	children_start(&srun, &s, "srun");
	list_free(argv);
	while (!srun.reaped)
		if (proc_event(one, 1, NULL, 0, INT64_MAX, &e->sig) ==
		    EV_SIGNAL) {
			stop_step(&srun, j, pids, old, env);
			break;
		}
	text = show_log(log);
	e->code = srun.signal ? 128 + srun.signal : srun.code;
	e->node_result = node_result_stands(j, e->code, text, e->sig != 0);
	if (!e->node_result)
		own_reason(e, &srun, text);
	free(text);
	free(log);
	free(pids);
	free(old);
	free(self);
	list_free(step_env);
}

void
slurm_exit_as_node(const struct slurm_end *e)
{
	if (e->sig)
		proc_reraise(e->sig);
	exit(e->code);
}
