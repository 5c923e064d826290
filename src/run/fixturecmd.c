/* fixturecmd.c - see fixturecmd.h. */
#include "fixturecmd.h"
#include "children.h"
#include "file.h"
#include "keys.h"
#include "layout.h"
#include "outcome.h"
#include "path.h"
#include "pidrecord.h"
#include "proc.h"
#include "rundir.h"
#include "timeouts.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* A command being run, and what its record needs. */
struct cmdrun {
	const struct fixture_spec *s;
	enum fxcmd_kind kind;
	const char *who;	/* "the setup", "the cleanup" */
	char *log;		/* DIR/setup.log */
	char *rundir;		/* absolute */
	struct child c;
	int64_t started;
	long long started_epoch_ms;
	int leftovers;
};

char *
fxcmd_marker(const char *name)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return xasprintf("COSIM_RUN_ID=fixture.%s.%ld.%ld.%ld", name,
	    (long)getpid(), (long)ts.tv_sec, ts.tv_nsec);
}

/* Whether env entry e sets one of the keys of l ("KEY=VALUE" each). */
static int
sets_key(const struct strlist *l, const char *e)
{
	size_t klen = strcspn(e, "="), i;

	for (i = 0; i < l->n; i++)
		if (strncmp(l->v[i], e, klen) == 0 && l->v[i][klen] == '=')
			return 1;
	return 0;
}

static char **
make_env(const struct cmdrun *cr, const char *marker, char **inherited)
{
	const struct fixture_spec *s = cr->s;
	char **env = NULL, *cwd = getcwd(NULL, 0), *p;
	size_t n = 0, i;

	if (!cwd)
		fatal(errno, "getcwd");
	/* first, so a sweep finds it however large the environment is */
	list_push(&env, &n, xstrdup(marker));
	for (; *inherited; inherited++) {
		const char *e = *inherited;

		if ((strncmp(e, "COSIM_", 6) == 0 &&
		    strncmp(e, "COSIM_TIMEOUT_MULTIPLIER=", 25) != 0 &&
		    strncmp(e, "COSIM_SUITE_RUN=", 16) != 0) ||
		    strncmp(e, "LISTEN_", 7) == 0 || sets_key(&s->env, e))
			continue;
		list_push(&env, &n, xstrdup(e));
	}
	list_push(&env, &n, xasprintf("COSIM_FIXTURE=%s", s->name));
	list_push(&env, &n, xasprintf("COSIM_FIXTURE_DIR=%s", cr->rundir));
	p = path_join(cwd, s->srcdir ? s->srcdir : ".");
	list_push(&env, &n, xasprintf("COSIM_SRCDIR=%s", p));
	free(p);
	p = path_join(cwd, s->builddir ? s->builddir : ".");
	list_push(&env, &n, xasprintf("COSIM_BUILDDIR=%s", p));
	free(p);
	for (i = 0; i < s->env.n; i++)
		list_push(&env, &n, xstrdup(s->env.v[i]));
	free(cwd);
	return env;
}

/* The run directory: fresh for a setup; as the setup left it for a
 * cleanup (made when a killed run left none). */
static char *
run_dir(const struct fixture_spec *s, enum fxcmd_kind k)
{
	char *p, *abs;

	if (k == FXCMD_SETUP)
		return rundir_fresh(s->dir, 0, 0);
	p = layout_in(s->dir, DIR_RUN);
	if (mkdir_p(p) != 0)
		fatal(errno, "cannot create %s", p);
	if (!(abs = realpath(p, NULL)))
		fatal(errno, "realpath %s", p);
	free(p);
	return abs;
}

static void
write_record(const struct cmdrun *cr, const struct fxcmd *out)
{
	const int setup = cr->kind == FXCMD_SETUP;
	struct result res;
	struct buf b = {0};
	char *rel = layout_fixture(NULL, cr->s->name);
	char *path = layout_in(cr->s->dir, setup ? DIR_SETUP_RESULT :
	    DIR_CLEANUP_RESULT);

	result_init(&res);
	res.name = cr->s->name;
	res.status = out->status;
	res.reason = out->reason.s ? out->reason.s : "";
	res.log = layout_in(rel, setup ? DIR_SETUP_LOG : DIR_CLEANUP_LOG);
	res.start_epoch_ms = cr->started_epoch_ms;
	res.duration_ms = now_ms() - cr->started;
	res.command = setup ? cr->s->setup : cr->s->cleanup;
	outcome_ending(&res.end, &cr->c);
	res.leftovers_killed = cr->leftovers;
	if (out->status != STATUS_PASS)
		outcome_tail(&res.log_tail, cr->log, 10);
	result_encode(&b, &res, RESULT_COMPILE);
	if (file_write_atomic(path, b.s, b.len) != 0)
		fatal(errno, "cannot write %s", path);
	list_free(res.log_tail.v);
	free(res.log);
	free(rel);
	free(path);
	buf_free(&b);
}

/* Wait for the command to end, answering its deadline and signals. */
static void
supervise(struct cmdrun *cr, struct fxcmd *out, int64_t limit, int bounded)
{
	struct child *one[1] = {&cr->c};
	int64_t grace = cr->s->kill_grace_ms, now = now_ms();
	int64_t deadline = limit > 0 ? now + limit : INT64_MAX;
	int sig, ev;

	if (bounded && now + grace < deadline)
		deadline = now + grace;
	while (!cr->c.reaped) {
		ev = proc_event(one, 1, NULL, 0, deadline, &sig);
		if (ev == EV_SIGNAL) {
			if (!out->sig)
				out->sig = sig;
			if (cr->kind == FXCMD_CLEANUP && !bounded) {
				/* the cleanup still runs, for kill_grace */
				bounded = 1;
				if (now_ms() + grace < deadline)
					deadline = now_ms() + grace;
				continue;
			}
			proc_stop(&cr->c, 0);
			out->status = STATUS_INTERRUPTED;
			buf_printf(&out->reason, "interrupted by signal %d (%s)",
			    sig, strsignal(sig));
			return;
		}
		if (ev == EV_DEADLINE && now_ms() >= deadline) {
			if ((sig = proc_stop(&cr->c, bounded ? 0 : grace)) &&
			    !out->sig)
				out->sig = sig;
			out->status = STATUS_TIMEOUT;
			if (limit > 0 && deadline - cr->started >= limit)
				buf_printf(&out->reason, "%s timed out after "
				    "%.1f s (timeout %.1f s)", cr->who,
				    (double)(now_ms() - cr->started) / 1000,
				    (double)limit / 1000);
			else
				buf_printf(&out->reason, "%s was stopped after "
				    "kill_grace (%.1f s): the run was "
				    "interrupted", cr->who, (double)grace / 1000);
			return;
		}
	}
	if (cr->c.exec_errno || cr->c.signal || cr->c.code != 0) {
		out->status = cr->c.exec_errno ? STATUS_ERROR : STATUS_FAIL;
		children_describe(&out->reason, cr->who, &cr->c,
		    cr->c.signal, NULL);
	}
}

void
fxcmd_run(struct fxcmd *out, const struct fixture_spec *s,
    enum fxcmd_kind k, const char *marker, char **env, int bounded,
    struct strlist *left)
{
	struct cmdrun cr = {0};
	struct timeouts lim = {s->timeout_ms, 0, 0, 0};
	const char *cmd = k == FXCMD_SETUP ? s->setup : s->cleanup;
	char *argv[4] = {"/bin/sh", "-c", NULL, NULL}, **cenv, *p;
	struct spawn sp = {0};

	memset(out, 0, sizeof *out);
	out->status = STATUS_PASS;
	if (!cmd)
		return;
	cr.s = s;
	cr.kind = k;
	cr.who = k == FXCMD_SETUP ? "the setup" : "the cleanup";
	cr.rundir = run_dir(s, k);
	/* absolute: the child opens it in its run directory */
	p = path_dirname(cr.rundir);
	cr.log = layout_in(p, k == FXCMD_SETUP ? DIR_SETUP_LOG :
	    DIR_CLEANUP_LOG);
	free(p);
	cr.started = now_ms();
	cr.started_epoch_ms = epoch_ms();
	if (timeouts_apply(&lim, &out->reason) != 0) {
		out->status = STATUS_ERROR;	/* never an unlimited run */
	} else {
		argv[2] = (char *)cmd;
		cenv = make_env(&cr, marker, env);
		sp.argv = argv;
		sp.envp = cenv;
		sp.cwd = cr.rundir;
		sp.out = cr.log;
		sp.err = cr.log;	/* both O_APPEND: lines interleave whole */
		sp.listen_fd = -1;
		/* what the setup leaves goes to init, not to this launcher */
		if (k == FXCMD_SETUP)
			proc_subreaper(0);
		children_start(&cr.c, &sp, k == FXCMD_SETUP ?
		    "fixture's setup" : "fixture's cleanup");
		list_free(cenv);
		supervise(&cr, out, lim.test, bounded);
		if (k == FXCMD_SETUP)
			proc_subreaper(1);
	}
	cr.leftovers = proc_kill_all();
	if (k == FXCMD_CLEANUP || out->status != STATUS_PASS) {
		char *sweep = xasprintf("%s\n", marker);

		pidrecord_sweep(sweep);	/* what went to init meanwhile */
		free(sweep);
	} else if (left) {
		struct buf b = {0};
		char *line, *save = NULL;

		pidrecord_list_marked(marker, &b);
		for (line = b.len ? strtok_r(b.s, "\n", &save) : NULL; line;
		    line = strtok_r(NULL, "\n", &save))
			strlist_push(left, xstrdup(line));
		buf_free(&b);
	}
	write_record(&cr, out);
	free(cr.log);
	free(cr.rundir);
}
