/* launcher.c - cosim-run: run one test as its spec file says, write its
 * result, and tell the build graph.
 *
 * Stages: startup (the simulator starts and becomes reachable, see
 * ready.h), test (the test command runs with COSIM_* in its environment),
 * teardown (the simulator gets kill_grace to finish, then is stopped; any
 * process left behind is killed), scan (the logs are matched against the
 * patterns, see scan.h). A test passes only if every stage passed: an exit
 * status alone never makes a pass.
 *
 * Everything is prepared before a child starts; the children run in their
 * own process groups in a fresh run directory, with output to files (never
 * to ninja's pipe, so a background child holding a log open cannot stall
 * the build). One poll() waits for children, signals, log growth (for the
 * idle timeout) and deadlines. The result is written atomically by this
 * process, so it exists whatever the children did; the processes it starts
 * are recorded so that a later run can end them if this one is killed.
 *
 * With --stamp FILE (as the generated graph calls it), the exit status is
 * 0 whatever the verdict and FILE exists only after a pass or skip: the
 * edge of a failed test stays dirty, so the next `ninja` reruns it.
 * Without it, the exit status is 0 only on a pass or skip, 1 on a test
 * failure, 126/127 when the simulator cannot be run; its own failures exit
 * 125, as timeout(1) does. */
#define _XOPEN_SOURCE 700	/* nftw */
#include "children.h"
#include "compile.h"
#include "escape.h"
#include "keys.h"
#include "lastrun.h"
#include "links.h"
#include "loglimit.h"
#include "ninjalog.h"
#include "proc.h"
#include "ready.h"
#include "run.h"
#include "scan.h"
#include "kvfile.h"
#include "timeouts.h"
#include "treesignal.h"
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <dirent.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <unistd.h>

extern char **environ;

static struct run r;
static int64_t scan_limit;	/* ms, see timeouts.h */

static void set_stamp(int pass);

static const char *
need(const char *key)
{
	return kv_need(&r.spec, key);
}

static int64_t
ms_of(const char *key)
{
	return kv_int(&r.spec, key);
}

static int
rm_entry(const char *path, const struct stat *st, int flag, struct FTW *f)
{
	(void)st;
	(void)flag;
	(void)f;
	return remove(path);
}

/* Make the run directory fresh: nothing of an earlier attempt stays but
 * the logs this run opens again (truncated then), which is cheaper than
 * removing and creating them. */
static void
fresh_rundir(int sim, int test)
{
	char *p = xasprintf("%s/run", r.dir);
	DIR *d = opendir(p);
	struct dirent *e;

	if (d) {
		while ((e = readdir(d))) {
			const char *n = e->d_name;
			char *sub;

			if (!strcmp(n, ".") || !strcmp(n, "..") ||
			    (sim && (!strcmp(n, "sim.out") || !strcmp(n, "sim.err"))) ||
			    (test && (!strcmp(n, "test.out") || !strcmp(n, "test.err"))))
				continue;
			sub = xasprintf("%s/%s", p, n);
			nftw(sub, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
			free(sub);
		}
		closedir(d);
	} else if (mkdir_p(p) != 0) {
		fatal(errno, "cannot create %s", p);
	}
	r.rundir = realpath(p, NULL);
	if (!r.rundir)
		fatal(errno, "realpath %s", p);
	free(p);
}

/* Stop the test, then the simulator, then what they left; a terminating
 * signal that arrives meanwhile is returned. */
static int
stop_both(int64_t grace)
{
	struct child *both[2] = {&r.test, &r.sim};

	return children_stop(both, 2, grace, &r.leftovers);
}

static int cut_logs(void);

/* A fatal error of the launcher itself stops what it started and still
 * leaves a result. */
static void
on_fatal(void)
{
	if (r.finished || r.writing)
		return;
	r.finished = 1;		/* a fatal from here on exits at once */
	stop_both(0);
	cut_logs();
	r.pre_scan = NULL;	/* not a verdict a rescan may go back to */
	r.status = "error";
	buf_reset(&r.reason);
	buf_printf(&r.reason, "cosim-run failed: %s", fatal_message);
	/* the record says done only once the result is there: a result
	 * that cannot be written leaves a run that did not finish */
	result_write(&r);
	proc_record_close();
}

/* Placeholders as the test sees them; in a shell command (shell set)
 * each value goes in as one shell word. */
static char *
expand_as(const char *tmpl, int shell)
{
	const char *names[] = {"host", "port", "rundir", "test", "design",
		"seed", "slot", "attempt", "sim", "srcdir", "builddir",
		"templates", NULL};
	const char *design = kv_get(&r.spec, "design");
	const char *sim = kv_get(&r.spec, "sim");
	char *cwd = getcwd(NULL, 0);
	char *srcdir = path_join(cwd, need("srcdir"));
	char *builddir = path_join(cwd, need("builddir"));
	char *simp = sim ? path_join(cwd, sim) : xstrdup("");
	const char *vals[] = {"127.0.0.1", r.port, r.rundir, r.name,
		design ? design : "", need("seed"), r.slot, "1", simp, srcdir,
		builddir, kv_get(&r.spec, "templates") ?
		kv_get(&r.spec, "templates") : "", NULL};
	char *out, *q[16];
	size_t i;

	for (i = 0; vals[i]; i++) {
		struct buf b = {0};

		esc_shell(&b, vals[i]);
		q[i] = shell ? buf_steal(&b) : (buf_free(&b), NULL);
	}
	q[i] = NULL;
	out = placeholder_expand(tmpl, names, shell ? (const char *const *)q :
	    vals);
	for (i = 0; vals[i]; i++)
		free(q[i]);
	free(cwd);
	free(srcdir);
	free(builddir);
	free(simp);
	return out;
}

static char *
expand(const char *tmpl)
{
	return expand_as(tmpl, 0);
}

static char **
environment(void)
{
	char **env = NULL, **e;
	size_t n = 0, i;
	const char *v;
	const char *design = kv_get(&r.spec, "design");

	/* first, so a sweep finds it however large the environment is */
	list_push(&env, &n, xstrdup(proc_run_id()));
	for (e = environ; *e; e++) {
		size_t klen = strcspn(*e, "=");
		int mine = 0;

		if (strncmp(*e, "COSIM_", 6) == 0 && strncmp(*e,
		    "COSIM_TIMEOUT_MULTIPLIER=", 25) != 0)
			continue;
		if (strncmp(*e, "LISTEN_", 7) == 0)
			continue;
		/* the manifest's env = entries replace inherited ones */
		for (i = 0; (v = kv_next(&r.spec, "env", &i));)
			if (strncmp(v, *e, klen) == 0 && v[klen] == '=')
				mine = 1;
		if (!mine)
			list_push(&env, &n, xstrdup(*e));
	}
	list_push(&env, &n, xstrdup("COSIM_HOST=127.0.0.1"));
	list_push(&env, &n, xasprintf("COSIM_PORT=%s", r.port));
	list_push(&env, &n, xasprintf("COSIM_RUNDIR=%s", r.rundir));
	list_push(&env, &n, xasprintf("COSIM_TEST=%s", r.name));
	list_push(&env, &n, xasprintf("COSIM_DESIGN=%s", design ? design : ""));
	list_push(&env, &n, xasprintf("COSIM_PROPERTIES=%s/properties",
	    r.rundir));
	list_push(&env, &n, xstrdup("COSIM_ATTEMPT=1"));
	list_push(&env, &n, xasprintf("COSIM_SEED=%s", need("seed")));
	list_push(&env, &n, xasprintf("COSIM_SLOT=%s", r.slot));
	for (i = 0; (v = kv_next(&r.spec, "env", &i));)
		list_push(&env, &n, expand(v));
	return env;
}

/* The stamp exists, newer than the spec, only after a pass. An old stamp
 * stays while the test runs: if this run is killed, the edge is still
 * dirty for the reason it was run. */
static void
set_stamp(int pass)
{
	int fd;

	if (!pass) {
		if (unlink(r.stamp) != 0 && errno != ENOENT)
			fatal(errno, "cannot remove %s", r.stamp);
		return;
	}
	if (utimensat(AT_FDCWD, r.stamp, NULL, 0) == 0)
		return;
	fd = open(r.stamp, O_WRONLY | O_CREAT | O_CLOEXEC, 0666);
	if (fd < 0 || close(fd) != 0)
		fatal(errno, "cannot write %s", r.stamp);
}

/* The end of the test was seen after its deadline: only a launcher that
 * was stopped (SIGSTOP, a debugger) or starved meanwhile sees that, and
 * then it cannot tell when the test really ended. A verdict past the
 * deadline is no pass, nor any other verdict than a timeout. */
static void
late(int64_t ran, int64_t timeout)
{
	r.status = "timeout";
	r.stage = "test";
	buf_reset(&r.reason);
	buf_printf(&r.reason, "timed out: cosim-run saw the test end %.1f s "
	    "after its start, past its timeout of %.1f s (cosim-run was "
	    "stopped or starved meanwhile)", (double)ran / 1000,
	    (double)timeout / 1000);
}

/* A test that signals its own launcher misbehaves: the run went on, and
 * its verdict is an error that says so (see proc.h). Told once: judge()
 * tells it before the scan, finish() for a run that ended otherwise. */
static void
tree_signal(void)
{
	treesignal_judge(&r.status, &r.reason, "the test",
	    "; a test must not signal its launcher", "the run");
}

/* The log limit (loglimit.h), for the tick; the logs are cut once, when
 * nothing runs any more. */
static struct {
	int64_t limit;
	int keep_going, cut;
} logs;

/* Cut the logs, once: the first that was over the limit, or -1. */
static int
cut_logs(void)
{
	proc_set_tick(0, NULL);	/* nothing writes to them any more */
	if (logs.cut || !r.rundir)
		return -1;
	logs.cut = 1;
	return loglimit_cut(r.rundir, logs.limit);
}

static void __attribute__((noreturn))
finish(int keep_going)
{
	int64_t ms = now_ms() - r.started;
	int code = 1;

	tree_signal();
	/* where the logs were not cut yet: a run that started nothing */
	cut_logs();
	result_write(&r);
	result_write_repro(&r);
	r.finished = 1;
	proc_record_close();
	if (r.stamp)
		set_stamp(result_is_pass(&r));
	printf("%-7s %s (%lld.%02llds)%s%s\n", r.status, r.name,
	    (long long)(ms / 1000), (long long)(ms % 1000 / 10),
	    r.reason.s && *r.reason.s ? ": " : "",
	    r.reason.s ? r.reason.s : "");
	fflush(stdout);
	if (keep_going || result_is_pass(&r))
		exit(0);
	if (r.sim.exec_errno)
		code = r.sim.exec_errno == ENOENT ? 127 : 126;
	exit(code);
}

/* Stop everything that runs, on a signal from outside. */
static void __attribute__((noreturn))
interrupted(int sig)
{
	stop_both(0);
	cut_logs();
	r.status = "interrupted";
	buf_reset(&r.reason);
	buf_printf(&r.reason, "interrupted by signal %d (%s)", sig,
	    strsignal(sig));
	result_write(&r);
	result_write_repro(&r);
	r.finished = 1;
	proc_record_close();
	if (r.stamp)
		set_stamp(0);
	proc_reraise(sig);
}

/* A log passed the limit (it is cut): the test fails, whatever else it
 * did, in the stage it was in. */
static void __attribute__((noreturn))
log_limit_fail(int stream)
{
	r.status = "fail";
	if (strcmp(r.stage, "startup") != 0)
		r.stage = "test";
	buf_reset(&r.reason);
	buf_printf(&r.reason, "%s passed the log limit of ",
	    stream_files[stream]);
	loglimit_describe(&r.reason, logs.limit);
	finish(logs.keep_going);
}

/* The tick, while anything runs: a log past the limit stops everything
 * at once (a program that writes without bound would go on through a
 * grace period), and the logs are cut back. */
static void
check_logs(void)
{
	int sig, over = loglimit_over(r.rundir, logs.limit);

	if (over < 0)
		return;
	proc_set_tick(0, NULL);	/* the stops below wait in proc_event */
	/* an interrupt caught by a stop this tick runs inside wins */
	if ((sig = proc_held_signal()) || (sig = stop_both(0)))
		interrupted(sig);
	cut_logs();
	log_limit_fail(over);
}

/* Take a slot of the test's resource: a lock file per slot. Ninja's pool
 * keeps at most count tests running, so one is free; under make (no pools)
 * the test waits for one. The lock goes with the process. */
static void interrupted(int sig) __attribute__((noreturn));
static void
take_slot(void)
{
	const char *res = kv_get(&r.spec, "resource");
	long count = strtol(kv_get(&r.spec, "resource_count") ?
	    kv_get(&r.spec, "resource_count") : "1", NULL, 10), i;
	char *dir;

	snprintf(r.slot, sizeof r.slot, "0");
	if (!res || count < 1)
		return;
	dir = xasprintf("%s/resources", need("builddir"));
	if (mkdir_p(dir) != 0)
		fatal(errno, "cannot create %s", dir);
	/* Take any free slot; when none is (make has no pools), look again
	 * every 50 ms, still answering signals. */
	for (i = 0;; i = (i + 1) % count) {
		char *path = xasprintf("%s/%s.%ld", dir, res, i);
		int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0666), sig;

		free(path);
		if (fd < 0)
			fatal(errno, "cannot open a slot of %s", res);
		if (flock(fd, LOCK_EX | LOCK_NB) == 0) {
			snprintf(r.slot, sizeof r.slot, "%ld", i);
			break;	/* fd stays open: the lock is held */
		}
		close(fd);
		if (i == count - 1 && proc_event(NULL, 0, NULL, 0,
		    now_ms() + 50, &sig) == EV_SIGNAL)
			interrupted(sig);
	}
	free(dir);
}

static void
load_patterns(struct scanner *sc)
{
	static const struct { const char *key; enum pkind kind; } kinds[] = {
		{"fail_pattern", PK_FAIL}, {"warn_pattern", PK_WARN},
		{"pass_pattern", PK_PASS}, {"skip_pattern", PK_SKIP},
	};
	const char *v, *d = kv_get(&r.spec, "default_patterns");
	size_t i, k;
	char *err;

	for (k = 0; k < sizeof kinds / sizeof kinds[0]; k++)
		for (i = 0; (v = kv_next(&r.spec, kinds[k].key, &i));)
			if (scan_add(sc, kinds[k].kind, v, &err) != 0)
				fatal(0, "%s", err);	/* cosimgen checked */
	if (!d || strcmp(d, "no") != 0)
		scan_defaults(sc);
}

/* The scan stage: only a run that passed so far can fail by it. */
static void
scan_stage(void)
{
	struct scanner sc = {0};

	load_patterns(&sc);
	sc.limit_ms = scan_limit;
	scan_logs(&sc, r.rundir, &r.scan);
	r.scanned = 1;
	if (r.scan.error && strcmp(r.stage, "startup") != 0 &&
	    (strcmp(r.status, "pass") == 0 || strcmp(r.status, "fail") == 0)) {
		/* an unfinished scan proves nothing: never a pass */
		r.status = "error";
		r.stage = "scan";
		buf_reset(&r.reason);
		buf_puts(&r.reason, r.scan.error);
	} else if (strcmp(r.pre_scan, "pass") == 0) {
		r.stage = "scan";
		if (r.scan.fail.text) {
			r.status = "fail";
			buf_reset(&r.reason);
			buf_printf(&r.reason, "%s:%zu matches '%s': %s",
			    stream_files[r.scan.fail.stream], r.scan.fail.line,
			    r.scan.fail.pattern, r.scan.fail.text);
		} else if (r.scan.missing) {
			r.status = "fail";
			buf_reset(&r.reason);
			buf_printf(&r.reason, "no log line matches the required "
			    "pattern '%s'", r.scan.missing);
		} else {
			r.stage = "done";
		}
	}
	/* A skip pattern has the last word over a pass or a failure, not
	 * over a crash, a timeout or a skip the test asked for. */
	if (r.scan.skip.text && !r.scan.error && (strcmp(r.status, "pass") == 0 ||
	    strcmp(r.status, "fail") == 0)) {
		r.status = "skip";
		r.stage = "scan";
		buf_reset(&r.reason);
		buf_printf(&r.reason, "%s:%zu matches skip pattern '%s': %s",
		    stream_files[r.scan.skip.stream], r.scan.skip.line,
		    r.scan.skip.pattern, r.scan.skip.text);
	}
	/* the pattern texts live in sc: keep copies for the result */
	if (r.scan.skip.text)
		r.scan.skip.pattern = NULL;
	if (r.scan.fail.text)
		r.scan.fail.pattern = NULL;
	for (size_t i = 0; i < r.scan.nwarn; i++)
		r.scan.warn[i].pattern = NULL;
	if (r.scan.missing)
		r.scan.missing = xstrdup(r.scan.missing);
	scan_free(&sc);
}

/* The verdict after the exits: keep it as pre_scan, scan the logs, then
 * apply expect = fail. A signal from the test (and a late end, see main)
 * is part of pre_scan: --scan-only goes back to it, and must keep them. */
static void
judge(void)
{
	tree_signal();
	r.pre_scan = r.status;
	if (strcmp(r.status, "pass") != 0)
		r.pre_scan_reason = xstrdup(r.reason.s ? r.reason.s : "");
	scan_stage();
	result_expect(&r);
}

/* A stamp made outside ninja is up to date only once ninja's log says so
 * (see ninjalog.h); the log is in the builddir, as the graph sets it. */
static void
tell_ninja(void)
{
	struct stat st;
	char *log = xasprintf("%s/.ninja_log", need("builddir"));

	if (stat(r.stamp, &st) != 0)
		fatal(errno, "cannot stat %s", r.stamp);
	if (ninja_log_restat(log, r.stamp, (int64_t)st.st_mtim.tv_sec *
	    1000000000 + st.st_mtim.tv_nsec) < 0)
		fprintf(stderr, "cosim-run: cannot record the new stamp in %s "
		    "(%s): the next ninja runs %s again\n", log,
		    strerror(errno), r.name);
	free(log);
}

/* --scan-only: scan the saved logs again with the spec's patterns and
 * rewrite the verdict of the result: what the run recorded stays, the
 * scan's findings are replaced, and the stamp follows the new verdict. */
static int
scan_only(void)
{
	static const char *const scan_keys[] = {"status", "stage", "reason",
		"fail_match", "skip_match", "warning", "warning_lines",
		"missing_pattern", "scan_error", NULL};
	struct kvfile old;
	struct buf b = {0};
	char *path = xasprintf("%s/result", r.dir);
	const char *v;
	size_t i, k;
	int rc;
	char hash[17];

	/* The result to rescan is set aside first, as a run does, so that
	 * the new one goes in beside it; cosimgen has already set it aside
	 * when the patterns (the spec) changed. */
	if (lastrun_set_aside(r.dir) != 0)
		fatal(errno, "cannot move %s aside", path);
	if (access(path, F_OK) != 0 && lastrun_state(r.dir) != LR_FINISHED)
		fatal(0, "%s has no finished run to rescan", r.name);
	free(path);
	path = xasprintf("%s/result.prev", r.dir);
	if (kv_read(&old, path, RESULT_MAGIC) != 0)
		fatal(errno, "cannot read %s (has the test run?)", path);
	/* the run must be one of this test as it is now, but its patterns:
	 * a result of another command, simulator or timeout says nothing */
	result_spec_hash(&r.spec, hash);
	if (!(v = kv_get(&old, "spec_hash")) || strcmp(v, hash) != 0) {
		r.stamp = xasprintf("%s/stamp", r.dir);
		set_stamp(0);
		fatal(0, "%s: the test changed since its last run (not only "
		    "its patterns): run it", r.name);
	}
	{
		struct timeouts lim;
		struct buf why = {0};

		/* an unusable multiplier was told by the run: unscaled here */
		timeouts_read(&lim, &r.spec, &why);
		scan_limit = lim.scan;
		buf_free(&why);
	}
	r.rundir = xstrdup((v = kv_get(&old, "rundir")) ? v : "");
	r.status = xstrdup((v = kv_get(&old, "status")) ? v : "error");
	r.stage = xstrdup((v = kv_get(&old, "stage")) ? v : "");
	buf_puts(&r.reason, (v = kv_get(&old, "reason")) ? v : "");
	r.pre_scan = kv_get(&old, "pre_scan");
	if (r.pre_scan) {	/* the run got as far as the scan */
		/* back to the verdict of the exits, then the scan again */
		r.status = r.pre_scan;
		buf_reset(&r.reason);
		if (strcmp(r.pre_scan, "pass") == 0) {
			r.stage = "done";
		} else {
			r.stage = (v = kv_get(&old, "pre_scan_stage")) ?
			    v : "test";
			buf_puts(&r.reason, (v = kv_get(&old,
			    "pre_scan_reason")) ? v : "");
		}
		scan_stage();
		result_expect(&r);
	}
	kv_begin(&b, RESULT_MAGIC);
	kv_put(&b, "name", r.name);
	kv_put(&b, "status", r.status);
	kv_put(&b, "stage", r.stage);
	kv_put(&b, "reason", r.reason.s ? r.reason.s : "");
	for (i = 0; i < old.n; i++) {
		for (k = 0; scan_keys[k]; k++)
			if (strcmp(old.keys[i], scan_keys[k]) == 0)
				break;
		if (!scan_keys[k] && strcmp(old.keys[i], "name") != 0)
			kv_put(&b, old.keys[i], old.vals[i]);
	}
	result_scan_fields(&b, &r);
	if (lastrun_put(r.dir, b.s, b.len) != 0)
		fatal(errno, "cannot write the result in %s", r.dir);
	r.stamp = xasprintf("%s/stamp", r.dir);
	set_stamp(result_is_pass(&r));
	if (result_is_pass(&r))
		tell_ninja();
	printf("%-7s %s%s%s\n", r.status, r.name, r.reason.len ? ": " : "",
	    r.reason.len ? r.reason.s : "");
	rc = result_is_pass(&r) ? 0 : 1;
	r.status = NULL;	/* it may point into old */
	kv_free(&old);
	buf_free(&b);
	free(path);
	return rc;
}

/* Keep what a child ran, for the repro script: its command line, and for
 * the test, the variables cosim-run gave it. */
static void
note_command(struct buf *line, char **argv, char **env, int is_test)
{
	size_t n = 0;
	char **e;

	buf_reset(line);
	for (; *argv; argv++) {
		if (line->len)
			buf_putc(line, ' ');
		esc_shell(line, *argv);
	}
	if (!is_test)
		return;
	list_free(r.given);
	r.given = NULL;
	for (e = env; *e; e++)
		if ((strncmp(*e, "COSIM_", 6) == 0 &&
		    strncmp(*e, "COSIM_RUN_ID=", 13) != 0) ||
		    strncmp(*e, "LISTEN_", 7) == 0)
			list_push(&r.given, &n, xstrdup(*e));
}

static void
start(struct child *c, char **argv, char **env, const char *who, int lfd)
{
	struct spawn s = {0};
	const char *v;
	char *out = xasprintf("%s/%s.out", r.rundir, who);
	char *err = xasprintf("%s/%s.err", r.rundir, who);

	note_command(c == &r.sim ? &r.sim_line : &r.test_line, argv, env,
	    c == &r.test || !kv_get(&r.spec, "command"));
	s.argv = argv;
	s.envp = env;
	s.cwd = r.rundir;
	s.out = out;
	s.err = err;
	s.listen_fd = lfd;
	/* pty = yes: the simulator's stdout; one byte past the limit is
	 * enough for the size check to see it */
	if (c == &r.sim && (v = kv_get(&r.spec, "pty")) &&
	    strcmp(v, "yes") == 0) {
		s.tty = 1;
		s.out_max = ms_of("log_limit") > 0 ? ms_of("log_limit") + 1 : -1;
	}
	children_start(c, &s, who);
	free(out);
	free(err);
}

/* How a command runs. Plain words (no quotes, no $, no operators) are
 * exec'd as they are; one simple command is run as "sh -c 'exec CMD'";
 * anything else as "sh -c CMD". Exec'ing saves a process, lets a signal
 * that kills the program be seen as such (not as the shell's 128+n), and
 * makes LISTEN_PID name the program itself. *direct says whether the
 * program is exec'd. */
static char **
shell_argv(const char *cmd, int *direct)
{
	static const char *const keep[] = {"exit", "cd", ":", ".", "source",
		"set", "export", "unset", "return", "eval", "exec", "trap",
		"shift", "readonly", "wait", "if", "for", "while", "until",
		"case", "{", "!", "local", "ulimit", "umask", "alias", "read",
		"type", "command", "times", "break", "continue", "[[", "echo",
		"printf", "test", "[", "true", "false", "kill", "pwd", NULL};
	const char *p = cmd + strspn(cmd, " \t");
	size_t n = strcspn(p, " \t"), i, k = 0;
	char **argv = NULL;
	int builtin = 0;

	for (i = 0; keep[i]; i++)
		if (strlen(keep[i]) == n && strncmp(p, keep[i], n) == 0)
			builtin = 1;
	*direct = n > 0 && !builtin && !memchr(p, '=', n);
	if (*direct && strspn(cmd, "abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_./:=,+@%- \t") ==
	    strlen(cmd)) {
		char *copy = xstrdup(cmd), *w, *save = NULL;

		for (w = strtok_r(copy, " \t", &save); w;
		    w = strtok_r(NULL, " \t", &save))
			list_push(&argv, &k, xstrdup(w));
		free(copy);
		return argv;
	}
	*direct = *direct && !strpbrk(cmd, ";&|\n`()");
	list_push(&argv, &k, xstrdup("/bin/sh"));
	list_push(&argv, &k, xstrdup("-c"));
	list_push(&argv, &k, *direct ? xasprintf("exec %s", cmd) : xstrdup(cmd));
	return argv;
}

static char **
sim_argv(void)
{
	const char *runt = kv_get(&r.spec, "run"), *v;
	char **argv = NULL, *cwd = getcwd(NULL, 0);
	size_t n = 0, i;

	if (runt) {
		char *e = expand_as(runt, 1);

		free(argv);
		argv = shell_argv(e, &r.sim_direct);
		free(e);
	} else {
		r.sim_direct = 1;
		if (strcmp(need("simulator"), "icarus") == 0) {
			/* -N: $stop ends the run instead of prompting */
			list_push(&argv, &n, xstrdup("vvp"));
			list_push(&argv, &n, xstrdup("-N"));
			if ((v = kv_get(&r.spec, "vpi"))) {
				char *abs = path_join(cwd, v);

				list_push(&argv, &n, xstrdup("-M"));
				list_push(&argv, &n, path_dirname(abs));
				list_push(&argv, &n, xstrdup("-m"));
				list_push(&argv, &n, xstrdup("cosim_bridge"));
				free(abs);
			}
		}
		list_push(&argv, &n, path_join(cwd, need("sim")));
		/* the seed, as Verilator takes it and for $value$plusargs */
		if (strcmp(need("simulator"), "verilator") == 0)
			list_push(&argv, &n, xasprintf("+verilator+seed+%s",
			    need("seed")));
		list_push(&argv, &n, xasprintf("+seed=%s", need("seed")));
		for (i = 0; (v = kv_next(&r.spec, "plusarg", &i));)
			list_push(&argv, &n, expand(v));
	}
	free(cwd);
	return argv;
}

int
main(int argc, char **argv)
{
	const char *specpath, *v, *cmd;
	int keep_going = 0, scan_mode = 0, lfd = -1, sig = 0, ino, blocked;
	int over;
	int64_t timeout, grace, idle, deadline, idle_deadline, startup, seen;
	struct timeouts lim;
	char **env;
	struct child *both[2] = {&r.test, &r.sim};
	enum ready_mode mode;
	struct pollfd pf[1];

	progname = "cosim-run";
	fatal_status = 125;
	if (argc == 4 && strcmp(argv[1], "--stamp") == 0) {
		r.stamp = argv[2];
		keep_going = 1;
		specpath = argv[3];
	} else if (argc == 3 && strcmp(argv[1], "--compile") == 0) {
		return compile_main(argv[2]);
	} else if (argc >= 3 && strcmp(argv[1], "--compiled") == 0) {
		return compile_check(argv[2], argv + 3, argc - 3);
	} else if (argc == 3 && strcmp(argv[1], "--scan-only") == 0) {
		scan_mode = 1;
		specpath = argv[2];
	} else if (argc == 2 && argv[1][0] != '-') {
		specpath = argv[1];
	} else {
		fprintf(stderr, "usage: cosim-run [--stamp FILE] SPEC\n"
		    "       cosim-run --scan-only SPEC\n"
		    "       cosim-run --compile COMPILE_SPEC\n"
		    "       cosim-run --compiled BUILDDIR ID...\n");
		return 125;
	}
	r.specpath = specpath;
	if (kv_read(&r.spec, specpath, SPEC_MAGIC) != 0)
		fatal(errno == EINVAL ? 0 : errno, "cannot read spec %s%s",
		    specpath, errno == EINVAL ? ": not a cosimgen spec file" : "");
	r.name = need("name");
	r.dir = need("dir");
	if (scan_mode)
		return scan_only();
	proc_init();
	r.started = now_ms();
	r.started_epoch_ms = epoch_ms();
	r.stage = "startup";
	r.status = "error";
	snprintf(r.port, sizeof r.port, "0");

	/* No result while the run lasts: one that never finishes must not
	 * leave the last one to be taken for its verdict. */
	if (lastrun_set_aside(r.dir) != 0)
		fatal(errno, "cannot move %s/result aside", r.dir);
	/* End what a killed earlier run left, then start a new record. */
	r.pids = xasprintf("%s/pids", r.dir);
	if (proc_record_open(r.pids) != 0) {
		fprintf(stderr, "cosim-run: %s is already running (%s is "
		    "locked)\n", r.name, r.pids);
		return 125;
	}
	atexit(on_fatal);
	cmd = kv_get(&r.spec, "command");
	/* a test whose design did not compile starts nothing: no old log
	 * may stay in its run directory */
	v = kv_get(&r.spec, "disabled");
	blocked = !(v && strcmp(v, "yes") == 0) && compile_blocks(&r);
	fresh_rundir(!blocked && kv_get(&r.spec, "design") != NULL,
	    !blocked && cmd != NULL);

	if ((v = kv_get(&r.spec, "disabled")) && strcmp(v, "yes") == 0) {
		r.status = "skip";
		r.stage = "done";
		buf_puts(&r.reason, "disabled in the manifest");
		finish(keep_going);
	}
	if (blocked)
		finish(keep_going);
	links_make(&r.spec, r.rundir);
	if (timeouts_read(&lim, &r.spec, &r.reason) != 0)
		finish(keep_going);	/* never an unlimited run */
	timeout = lim.test;
	scan_limit = lim.scan;
	startup = lim.startup;
	idle = lim.idle;
	grace = ms_of("kill_grace");
	logs.limit = ms_of("log_limit");
	logs.keep_going = keep_going;
	take_slot();
	/* waiting for a slot is not the test's time */
	deadline = timeout > 0 ? now_ms() + timeout : INT64_MAX;

	/* Output growth, for the idle timeout. Only then: closing an inotify
	 * instance waits for an RCU grace period, milliseconds per test. */
	ino = -1;
	if (idle > 0) {
		ino = inotify_init1(IN_CLOEXEC | IN_NONBLOCK);
		if (ino < 0 || inotify_add_watch(ino, r.rundir, IN_MODIFY) < 0)
			fatal(errno, "inotify");
	}
	pf[0].fd = ino;	/* poll() skips a negative fd */
	pf[0].events = POLLIN;
	idle_deadline = idle > 0 ? now_ms() + idle : INT64_MAX;

	mode = kv_get(&r.spec, "design") ? ready_mode(kv_get(&r.spec,
	    "ready")) : READY_NONE;
	lfd = ready_prepare(mode, r.port, sizeof r.port);
	env = environment();
	/* the first look after a while: a short test costs nothing */
	if (logs.limit > 0)
		proc_set_tick(LOGLIMIT_CHECK_MS, check_logs);
	if (kv_get(&r.spec, "design")) {
		char **sargv = sim_argv();
		int64_t until = startup > 0 ? now_ms() + startup : INT64_MAX;
		int rc;

		start(&r.sim, sargv, env, "sim", lfd);
		list_free(sargv);
		if (lfd >= 0)
			close(lfd);
		if (r.sim.exec_errno) {
			proc_reap(both + 1, 1);
			result_describe_exit(&r, "the simulator", &r.sim, 1);
			finish(keep_going);
		}
		if (until > deadline)
			until = deadline;
		rc = ready_wait(mode, &r.sim, r.rundir, r.port, sizeof r.port,
		    until, &sig, &r.reason);
		if (rc == READY_SIGNAL)
			interrupted(sig);
		if (rc != READY_OK) {
			r.status = rc == READY_TIMEOUT ? "timeout" : "fail";
			if (rc == READY_DIED && r.sim.signal)
				r.status = "crash";
			if ((sig = children_stop(both + 1, 1, grace,
			    &r.leftovers)))
				interrupted(sig);
			/* cut before the scan reads them */
			if ((over = cut_logs()) >= 0)
				log_limit_fail(over);
			/* a skip pattern may explain it; --scan-only goes
			 * back to this verdict, in this stage */
			r.pre_scan = r.status;
			r.pre_scan_reason = xstrdup(r.reason.s ? r.reason.s :
			    "");
			r.pre_scan_stage = r.stage;
			scan_stage();
			finish(keep_going);
		}
		if (mode == READY_FILE || mode == READY_PORT) {
			list_free(env);	/* the port is known now */
			env = environment();
		}
	}

	r.stage = "test";
	if (idle > 0)
		idle_deadline = now_ms() + idle;	/* from the test's start */
	if (cmd) {
		char *e = expand_as(cmd, 1), **targv = shell_argv(e, &r.test_direct);

		start(&r.test, targv, env, "test", -1);
		free(e);
		list_free(targv);
	}
	ready_release();
	for (;;) {
		/* the test ends the stage; without one, the simulator */
		struct child **watch = cmd ? both : both + 1;
		int ev;
		int64_t until = deadline < idle_deadline ? deadline : idle_deadline;
		char buf[4096];

		if (!cmd && !r.sim.started)
			break;
		if (watch[0]->reaped)
			break;	/* seen now: see late() */
		ev = proc_event(watch, 1, pf, 1, until, &sig);
		if (ev == EV_SIGNAL)
			interrupted(sig);
		if (ev == EV_FD) {
			while (read(ino, buf, sizeof buf) > 0)
				;
			if (idle > 0)
				idle_deadline = now_ms() + idle;
			continue;
		}
		if (ev == EV_DEADLINE) {
			int64_t now = now_ms();

			if (now < deadline && now < idle_deadline)
				continue;
			r.status = "timeout";
			if (now >= deadline)
				buf_printf(&r.reason, "timed out after %.1f s "
				    "(timeout %.1f s)", (double)(now - deadline +
				    timeout) / 1000, (double)timeout / 1000);
			else
				buf_printf(&r.reason, "no output for %.1f s "
				    "(idle_timeout)", (double)idle / 1000);
			if ((sig = stop_both(grace)))
				interrupted(sig);
			if ((over = cut_logs()) >= 0)
				log_limit_fail(over);
			finish(keep_going);
		}
	}

	seen = now_ms();
	/* Teardown: the client may have told the simulator to quit. */
	r.stage = "teardown";
	if (cmd && r.sim.started && !r.sim.reaped) {
		int ev = proc_event(both + 1, 1, NULL, 0, now_ms() + grace,
		    &sig);

		if (ev == EV_SIGNAL)
			interrupted(sig);
		if (!r.sim.reaped && (sig = proc_stop(&r.sim, grace)))
			interrupted(sig);
	}
	if (r.test.started && (sig = proc_stop(&r.test, 0)))
		interrupted(sig);
	r.leftovers += proc_kill_all();
	if ((over = cut_logs()) >= 0)
		log_limit_fail(over);

	r.status = "pass";
	if (result_asks_skip(cmd ? &r.test : &r.sim)) {
		r.status = "skip";
		r.stage = "test";
		buf_printf(&r.reason, "the %s exited %d: skipped",
		    cmd ? "test" : "simulator", SKIP_EXIT);
	} else if (r.test.started && (r.test.exec_errno || r.test.signal ||
	    r.test.code != 0)) {
		r.stage = "test";
		r.status = result_death_signal(&r.test, r.test_direct) ? "crash" : "fail";
		result_describe_exit(&r, "test", &r.test, r.test_direct);
	} else if (r.sim.started && !r.sim.killed && (r.sim.signal ||
	    r.sim.code != 0)) {
		/* stopped by teardown is fine; crashed or $stop/$fatal not */
		r.stage = "test";
		r.status = result_death_signal(&r.sim, r.sim_direct) ? "crash" : "fail";
		result_describe_exit(&r, "simulator", &r.sim, r.sim_direct);
		if (result_exit_meaning(&r, &r.sim))
			buf_printf(&r.reason, ": %s", result_exit_meaning(&r, &r.sim));
	}
	if (timeout > 0 && seen > deadline)
		late(seen - (deadline - timeout), timeout);
	judge();
	finish(keep_going);
}
