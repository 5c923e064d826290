/* fixture.c - see fixture.h.
 *
 * Waiting for a lock polls it every LOCK_POLL_MS, between which the
 * launcher answers signals (a blocking flock could not be interrupted:
 * the launcher reads its signals from a signalfd). A launcher interrupted
 * while it waits for a fixture gives up on it; one interrupted while it
 * releases waits at most twice the fixture's kill_grace and a second for
 * the lock, then leaves (its registration, a dead user then, is dropped
 * by the next launcher that takes the lock). */
#include "fixture.h"
#include "beneath.h"
#include "file.h"
#include "fixturecmd.h"
#include "fixturestate.h"
#include "keys.h"
#include "layout.h"
#include "outcome.h"
#include "path.h"
#include "suiterun.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

/* How often a launcher that waits for a fixture's lock looks again. */
#define LOCK_POLL_MS 50
/* The grace of a fixture whose spec cannot be read. */
#define DEFAULT_GRACE_MS 2000

/* How long a launcher interrupted while it releases a fixture of that
 * grace waits for its lock at most: the last user may be in the cleanup
 * (which has the grace once interrupted), or waiting for the lock. */
static int64_t
lock_patience(int64_t grace)
{
	return 2 * grace + 1000;
}

/* One fixture a launcher works on; its state is read once the lock is
 * taken (fx_lock) and is the launcher's until fx_unlock. */
struct fx {
	const char *name;
	char *dir;		/* BUILDDIR/fixtures/NAME */
	char *statepath;
	struct fixture_spec spec;
	struct kvfile specfile;
	int have_spec;
	int lockfd;
	struct fxstate st;
};

/* Find fixture name under builddir; 0, or -1 with why its spec cannot be
 * read set (fx is still good for the lock and the state). */
static int
fx_open(struct fx *fx, const char *builddir, const char *name, struct buf *why)
{
	char *path;
	int rc = 0;

	memset(fx, 0, sizeof *fx);
	fx->lockfd = -1;
	fx->name = name;
	fx->dir = layout_fixture(builddir, name);
	fx->statepath = layout_in(fx->dir, DIR_STATE);
	path = layout_in(fx->dir, DIR_SPEC);
	if (fixture_spec_read(&fx->spec, &fx->specfile, path) != 0) {
		buf_printf(why, "cannot read its spec %s: %s", path,
		    errno == EINVAL ? "not a fixture spec" : strerror(errno));
		rc = -1;
	} else {
		fx->have_spec = 1;
		/* where the launcher looks for it, whatever it says */
		fx->spec.name = (char *)name;
		fx->spec.dir = fx->dir;
	}
	free(path);
	return rc;
}

static void
fx_close(struct fx *fx)
{
	if (fx->have_spec) {
		fixture_spec_free(&fx->spec);
		kv_free(&fx->specfile);
	}
	free(fx->dir);
	free(fx->statepath);
}

/* Take the lock and read the state, waiting until `until` (monotonic ms)
 * at most. Returns 0, a terminating signal that arrived, or -1 when
 * `until` passed; the lock is not held then. */
static int
fx_lock(struct fx *fx, int64_t until)
{
	char *path = layout_in(fx->dir, DIR_LOCK);
	int sig;

	if (mkdir_p(fx->dir) != 0)
		fatal(errno, "cannot create %s", fx->dir);
	/* close-on-exec: a server the setup starts must not hold it */
	if ((fx->lockfd = beneath_open(path, O_RDWR | O_CREAT | O_CLOEXEC,
	    0666)) < 0)
		fatal(errno, "cannot open %s", path);
	free(path);
	while (flock(fx->lockfd, LOCK_EX | LOCK_NB) != 0) {
		int64_t now = now_ms(), next = now + LOCK_POLL_MS;

		if (errno != EWOULDBLOCK && errno != EINTR)
			fatal(errno, "cannot lock the fixture %s", fx->name);
		sig = 0;
		if (now >= until || proc_event(NULL, 0, NULL, 0,
		    next < until ? next : until, &sig) == EV_SIGNAL) {
			close(fx->lockfd);
			fx->lockfd = -1;
			return sig ? sig : -1;
		}
	}
	if (fxstate_read(&fx->st, fx->statepath) != 0)
		warn(errno, "%s is no fixture state: taken as down",
		    fx->statepath);
	return 0;
}

static void
fx_save(struct fx *fx)
{
	fxstate_write(&fx->st, fx->statepath);
}

static void
fx_unlock(struct fx *fx)
{
	fxstate_free(&fx->st);
	close(fx->lockfd);
	fx->lockfd = -1;
}

/* The test cannot run for its fixture name: status error, the reason
 * "fixture NAME: what", and the fixture fields. */
static void
fail_test(struct run *r, const char *name, const char *what)
{
	r->status = STATUS_ERROR;
	r->stage = "fixture";
	buf_reset(&r->reason);
	buf_printf(&r->reason, "fixture %s: %s", name, what);
	r->fixture.failed = name;
}

/* The setup of fx failed, now or before in this run: the test is an
 * error with the setup's reason, its log and the log's last lines. */
static void
fail_setup(struct run *r, struct fx *fx)
{
	char *rel = layout_fixture(NULL, fx->name);
	char *rpath = layout_in(fx->dir, DIR_SETUP_RESULT);
	char *log = layout_in(fx->dir, DIR_SETUP_LOG);
	struct result res;
	struct kvfile f;
	struct buf why = {0};

	if (result_read(&res, &f, rpath, RESULT_COMPILE) == 0) {
		buf_printf(&why, "setup failed: %s", res.reason ? res.reason :
		    status_name(res.status));
		result_free(&res, RESULT_COMPILE);
		kv_free(&f);
	} else {
		buf_puts(&why, "setup failed");
	}
	fail_test(r, fx->name, why.s);
	r->fixture.log = layout_in(rel, DIR_SETUP_LOG);
	outcome_tail(&r->fixture.log_tail, log, 10);
	buf_free(&why);
	free(rel);
	free(rpath);
	free(log);
}

/* Run the cleanup of fx (its lock held), then kill what its setup left:
 * the fixture is down. Returns a terminating signal that arrived, or 0. */
static int
clean(struct fx *fx, char **env, int bounded)
{
	struct fxstate *st = &fx->st;
	struct fxcmd cmd;

	if (!st->marker)
		st->marker = fxcmd_marker(fx->name);
	st->phase = FX_CLEANUP;
	fx_save(fx);
	fxcmd_run(&cmd, &fx->spec, FXCMD_CLEANUP, st->marker, env, bounded,
	    NULL);
	fxstate_sweep(st);
	if (cmd.status != STATUS_PASS) {
		printf("FAILED cleanup of fixture %s: %s (log: %s/%s)\n",
		    fx->name, cmd.reason.s ? cmd.reason.s : "", fx->dir,
		    dir_files[DIR_CLEANUP_LOG]);
		fflush(stdout);
	}
	st->phase = FX_DOWN;
	free(st->marker);
	st->marker = NULL;
	fx_save(fx);
	buf_free(&cmd.reason);
	return cmd.sig;
}

/* Set fx up (its lock held) for r. 0, -1 (failed: r says why) or a
 * terminating signal (the fixture is down again). */
static int
set_up(struct run *r, struct fx *fx, char **env)
{
	struct fxstate *st = &fx->st;
	struct fxcmd cmd;
	int sig;

	free(st->marker);
	st->marker = fxcmd_marker(fx->name);
	free(st->suite_run);
	st->suite_run = NULL;
	st->phase = FX_SETUP;
	fx_save(fx);
	fxcmd_run(&cmd, &fx->spec, FXCMD_SETUP, st->marker, env, 0, &st->left);
	sig = cmd.sig;
	if (!sig && cmd.status == STATUS_PASS) {
		st->phase = FX_UP;
		fxstate_add_user(st, fxstate_me());
		fx_save(fx);
		strlist_push(&r->fixture.held, (char *)fx->name);
		buf_free(&cmd.reason);
		return 0;
	}
	fxstate_sweep(st);
	st->phase = sig ? FX_DOWN : FX_FAILED;
	if (!sig) {
		st->suite_run = xstrdup(suiterun_id());
		printf("FAILED setup of fixture %s: %s (log: %s/%s)\n",
		    fx->name, cmd.reason.s ? cmd.reason.s : "", fx->dir,
		    dir_files[DIR_SETUP_LOG]);
		fflush(stdout);
	}
	fx_save(fx);
	buf_free(&cmd.reason);
	if (sig)
		return sig;
	fail_setup(r, fx);
	return -1;
}

/* Take fx (its lock held) for r: see fixture.h. */
static int
take(struct run *r, struct fx *fx, char **env)
{
	struct fxstate *st = &fx->st;
	size_t live = fxstate_prune(st);
	int sig;

	if (st->phase == FX_UP && live > 0) {
		fxstate_add_user(st, fxstate_me());
		fx_save(fx);
		strlist_push(&r->fixture.held, (char *)fx->name);
		return 0;
	}
	if (st->phase == FX_FAILED && st->suite_run &&
	    strcmp(st->suite_run, suiterun_id()) == 0) {
		fail_setup(r, fx);
		return -1;
	}
	if (st->phase == FX_SETUP || st->phase == FX_UP ||
	    st->phase == FX_CLEANUP) {
		printf("cosim-run: fixture %s was left %s by a run that was "
		    "killed: cleaning up first\n", fx->name,
		    st->phase == FX_UP ? "up" : st->phase == FX_SETUP ?
		    "in its setup" : "in its cleanup");
		fflush(stdout);
		if ((sig = clean(fx, env, 0)) != 0)
			return sig;
	}
	return set_up(r, fx, env);
}

static int
by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int
fixture_acquire(struct run *r, char **env)
{
	size_t n = r->spec.fixtures.n, i;
	char **names;
	int rc = 0;

	if (r->fixture.acquired || !n)
		return 0;
	r->fixture.acquired = 1;
	/* in name order: two tests never wait for each other's fixtures */
	names = xcalloc(n, sizeof *names);
	memcpy(names, r->spec.fixtures.v, n * sizeof *names);
	qsort(names, n, sizeof *names, by_name);
	for (i = 0; i < n && rc == 0; i++) {
		struct fx fx;
		struct buf why = {0};

		if (i > 0 && strcmp(names[i], names[i - 1]) == 0)
			continue;
		if (fx_open(&fx, r->spec.builddir, names[i], &why) != 0) {
			fail_test(r, names[i], why.s);
			rc = -1;
		} else if ((rc = fx_lock(&fx, INT64_MAX)) == 0) {
			rc = take(r, &fx, env);
			fx_unlock(&fx);
		}
		fx_close(&fx);
		buf_free(&why);
	}
	free(names);
	return rc;
}

/* Stop being a user of fixture name; the last user cleans it up. */
static int
release_one(struct run *r, const char *name, char **env, int bounded)
{
	struct fx fx;
	struct buf why = {0};
	int64_t grace, until = INT64_MAX;
	int sig, got = 0;

	fx_open(&fx, r->spec.builddir, name, &why);
	grace = fx.have_spec ? fx.spec.kill_grace_ms : DEFAULT_GRACE_MS;
	for (;;) {
		if (bounded && until == INT64_MAX)
			until = now_ms() + lock_patience(grace);
		if ((sig = fx_lock(&fx, until)) <= 0)
			break;
		if (!got)
			got = sig;	/* go on, for a bounded time */
		bounded = 1;
	}
	if (sig == 0) {
		fxstate_drop_user(&fx.st, fxstate_me());
		if (fxstate_prune(&fx.st) > 0 || fx.st.phase != FX_UP ||
		    !fx.have_spec)
			fx_save(&fx);
		else if ((sig = clean(&fx, env, bounded)) && !got)
			got = sig;
		fx_unlock(&fx);
	}
	fx_close(&fx);
	buf_free(&why);
	return got;
}

int
fixture_release(struct run *r, char **env, int interrupted)
{
	struct strlist *held = &r->fixture.held;
	int sig, got = 0;

	while (held->n > 0) {
		sig = release_one(r, held->v[--held->n], env,
		    interrupted || got);
		if (sig && !got)
			got = sig;
	}
	return got;
}

int64_t
fixture_wind_down(const struct run *r)
{
	int64_t sum = 0, grace;
	size_t i;

	for (i = 0; i < r->spec.fixtures.n; i++) {
		struct fx fx;
		struct buf why = {0};

		fx_open(&fx, r->spec.builddir, r->spec.fixtures.v[i], &why);
		grace = fx.have_spec ? fx.spec.kill_grace_ms : DEFAULT_GRACE_MS;
		sum += lock_patience(grace) + grace;
		fx_close(&fx);
		buf_free(&why);
	}
	return sum;
}

void
fixture_env(const struct run *r, char ***env, size_t *n)
{
	char *cwd, *builddir;
	size_t i;

	if (!r->spec.fixtures.n)
		return;
	if (!(cwd = getcwd(NULL, 0)))
		fatal(errno, "getcwd");
	builddir = path_join(cwd, r->spec.builddir ? r->spec.builddir : ".");
	for (i = 0; i < r->spec.fixtures.n; i++) {
		const char *name = r->spec.fixtures.v[i];
		char *dir = layout_fixture(builddir, name);
		char *run = layout_in(dir, DIR_RUN);
		char *key = env_var_name("COSIM_FIXTURE_", name);

		list_push(env, n, xasprintf("%s=%s", key, run));
		free(key);
		free(run);
		free(dir);
	}
	free(builddir);
	free(cwd);
}
