/* launcher.c - cosim-run: run one test as its spec file says, write its
 * result, and tell the build graph.
 *
 * The simulator (when the test has a design) and the test command each
 * run in their own process group, in the test's run directory, with
 * stdout and stderr to files. With `ready = socket` the launcher binds
 * 127.0.0.1:0 itself and hands the listening socket to the simulator as
 * fd 3 (LISTEN_FDS=1, LISTEN_PID), so the port is known before the
 * simulator starts and a client may connect at once. A wall-clock timeout
 * covers the whole run; stopping is SIGTERM to the group, kill_grace, then
 * SIGKILL. The result is written atomically by this process, so it exists
 * whatever the children did.
 *
 * With --stamp FILE (as the generated graph calls it), the exit status is
 * 0 whatever the verdict and FILE exists only after a pass: the edge of a
 * failed test stays dirty, so the next `ninja` reruns it. Without it, the
 * exit status is 0 only on a pass. Own failures use timeout(1)'s words:
 * 125 internal error. */
#define _XOPEN_SOURCE 700	/* nftw */
#include "escape.h"
#include "keys.h"
#include "proc.h"
#include "spec.h"
#include "util.h"

#include <arpa/inet.h>
#include <errno.h>
#include <ftw.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

struct run {
	struct spec spec;
	const char *name, *dir, *stamp;
	char *rundir;		/* absolute */
	char port[16];
	int64_t started;
	const char *status, *stage;
	struct buf reason;
	struct child sim, test;
	int have_sim, have_test;
};

static const char *
need(const struct spec *s, const char *key)
{
	const char *v = spec_get(s, key);

	if (!v)
		fatal(0, "spec has no '%s'", key);
	return v;
}

static int64_t
ms_of(const struct spec *s, const char *key)
{
	const char *v = spec_get(s, key);

	return v ? strtoll(v, NULL, 10) : 0;
}

static int
rm_entry(const char *path, const struct stat *st, int flag, struct FTW *f)
{
	(void)st;
	(void)flag;
	(void)f;
	return remove(path);
}

/* Placeholders as the test sees them. */
static char *
expand(struct run *r, const char *tmpl)
{
	const char *names[] = {"host", "port", "rundir", "test", "design",
		"seed", "slot", "attempt", "sim", "srcdir", "builddir", NULL};
	const char *design = spec_get(&r->spec, "design");
	const char *sim = spec_get(&r->spec, "sim");
	char *cwd = getcwd(NULL, 0);
	char *srcdir = path_join(cwd, need(&r->spec, "srcdir"));
	char *builddir = path_join(cwd, need(&r->spec, "builddir"));
	char *simp = sim ? path_join(cwd, sim) : xstrdup("");
	const char *vals[] = {"127.0.0.1", r->port, r->rundir, r->name,
		design ? design : "", need(&r->spec, "seed"), "0", "1", simp,
		srcdir, builddir, NULL};
	char *out = placeholder_expand(tmpl, names, vals);

	free(cwd);
	free(srcdir);
	free(builddir);
	free(simp);
	return out;
}

static char **
environment(struct run *r)
{
	char **env = NULL, **e;
	size_t n = 0, i;
	const char *v;
	const char *design = spec_get(&r->spec, "design");

	for (e = environ; *e; e++) {
		size_t klen = strcspn(*e, "=");
		int mine = 0;

		if (strncmp(*e, "COSIM_", 6) == 0 || strncmp(*e, "LISTEN_", 7) == 0)
			continue;
		/* the manifest's env = entries replace inherited ones */
		for (i = 0; (v = spec_next(&r->spec, "env", &i));)
			if (strncmp(v, *e, klen) == 0 && v[klen] == '=')
				mine = 1;
		if (mine)
			continue;
		env = xrealloc(env, (n + 1) * sizeof *env);
		env[n++] = xstrdup(*e);
	}
#define ADD(...) do { \
	env = xrealloc(env, (n + 1) * sizeof *env); \
	env[n++] = xasprintf(__VA_ARGS__); \
} while (0)
	ADD("COSIM_HOST=127.0.0.1");
	ADD("COSIM_PORT=%s", r->port);
	ADD("COSIM_RUNDIR=%s", r->rundir);
	ADD("COSIM_TEST=%s", r->name);
	ADD("COSIM_DESIGN=%s", design ? design : "");
	ADD("COSIM_PROPERTIES=%s/properties", r->rundir);
	ADD("COSIM_ATTEMPT=1");
	ADD("COSIM_SEED=%s", need(&r->spec, "seed"));
	ADD("COSIM_SLOT=0");
	for (i = 0; (v = spec_next(&r->spec, "env", &i));) {
		char *x = expand(r, v);

		ADD("%s", x);
		free(x);
	}
#undef ADD
	env = xrealloc(env, (n + 1) * sizeof *env);
	env[n] = NULL;
	return env;
}

static int
listen_socket(char *port, size_t len)
{
	struct sockaddr_in a;
	socklen_t al = sizeof a;
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);

	if (fd < 0)
		return -1;
	memset(&a, 0, sizeof a);
	a.sin_family = AF_INET;
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (bind(fd, (struct sockaddr *)&a, sizeof a) != 0 ||
	    listen(fd, 64) != 0 ||
	    getsockname(fd, (struct sockaddr *)&a, &al) != 0) {
		close(fd);
		return -1;
	}
	snprintf(port, len, "%u", ntohs(a.sin_port));
	return fd;
}

static void
describe_exit(struct buf *b, const char *who, const struct child *c)
{
	if (c->exec_errno)
		buf_printf(b, "%s could not start: %s", who,
		    strerror(c->exec_errno));
	else if (WIFSIGNALED(c->status))
		buf_printf(b, "%s killed by signal %d (%s)", who,
		    WTERMSIG(c->status), strsignal(WTERMSIG(c->status)));
	else
		buf_printf(b, "%s exited with status %d", who,
		    WEXITSTATUS(c->status));
}

static void
child_fields(struct buf *b, const char *who, const struct child *c)
{
	char key[32];

	if (!c->pid || !c->reaped)
		return;
	if (WIFSIGNALED(c->status)) {
		snprintf(key, sizeof key, "%s_signal", who);
		spec_putf(b, key, "%d", WTERMSIG(c->status));
	} else {
		snprintf(key, sizeof key, "%s_exit", who);
		spec_putf(b, key, "%d", WEXITSTATUS(c->status));
	}
}

static void
write_result(struct run *r)
{
	struct buf b = {0};
	char *path = xasprintf("%s/result", r->dir);
	char *props = xasprintf("%s/properties", r->rundir);
	char *text;
	size_t len;

	spec_begin(&b, RESULT_MAGIC);
	spec_put(&b, "name", r->name);
	spec_put(&b, "status", r->status);
	spec_put(&b, "stage", r->stage);
	spec_put(&b, "reason", r->reason.s ? r->reason.s : "");
	spec_putf(&b, "duration_ms", "%lld",
	    (long long)(proc_now_ms() - r->started));
	child_fields(&b, "sim", &r->sim);
	child_fields(&b, "test", &r->test);
	if ((text = file_read(props, &len))) {
		char *line, *save = NULL;

		for (line = strtok_r(text, "\n", &save); line;
		    line = strtok_r(NULL, "\n", &save))
			if (strchr(line, '='))
				spec_put(&b, "property", line);
		free(text);
	}
	if (file_write_atomic(path, b.s, b.len) != 0)
		fatal(errno, "cannot write %s", path);
	free(path);
	free(props);
	buf_free(&b);
}

static void
finish(struct run *r, int keep_going)
{
	int pass = strcmp(r->status, "pass") == 0 || strcmp(r->status, "skip") == 0;
	int64_t ms = proc_now_ms() - r->started;

	write_result(r);
	if (pass && r->stamp) {
		if (file_write_atomic(r->stamp, "", 0) != 0)
			fatal(errno, "cannot write %s", r->stamp);
	}
	printf("%-7s %s (%lld.%02llds)%s%s\n", r->status, r->name,
	    (long long)(ms / 1000), (long long)(ms % 1000 / 10),
	    r->reason.s && *r->reason.s ? ": " : "",
	    r->reason.s ? r->reason.s : "");
	fflush(stdout);
	exit(keep_going || pass ? 0 : 1);
}

static void
interrupted(struct run *r, int sig)
{
	if (r->have_test)
		proc_stop(&r->test, 0);
	if (r->have_sim)
		proc_stop(&r->sim, 0);
	r->status = "interrupted";
	buf_reset(&r->reason);
	buf_printf(&r->reason, "interrupted by signal %d (%s)", sig,
	    strsignal(sig));
	write_result(r);
	proc_reraise(sig);
}

int
main(int argc, char **argv)
{
	struct run r;
	const char *specpath, *sim, *cmd, *ready, *v;
	int keep_going = 0, lfd = -1, rc;
	int64_t timeout, grace, deadline;
	char **env, *p;
	size_t i, nargs;
	char **simargv = NULL;
	struct child *both[2];

	progname = "cosim-run";
	memset(&r, 0, sizeof r);
	if (argc == 4 && strcmp(argv[1], "--stamp") == 0) {
		r.stamp = argv[2];
		keep_going = 1;
		specpath = argv[3];
	} else if (argc == 2 && argv[1][0] != '-') {
		specpath = argv[1];
	} else {
		fprintf(stderr, "usage: cosim-run [--stamp FILE] SPEC\n");
		return 125;
	}
	if (r.stamp && unlink(r.stamp) != 0 && errno != ENOENT)
		fatal(errno, "cannot remove %s", r.stamp);
	if (spec_read(&r.spec, specpath, SPEC_MAGIC) != 0) {
		fprintf(stderr, "cosim-run: cannot read spec %s: %s\n", specpath,
		    errno == EINVAL ? "not a cosimgen spec file" : strerror(errno));
		return 125;
	}
	proc_init();
	r.started = proc_now_ms();
	r.name = need(&r.spec, "name");
	r.dir = need(&r.spec, "dir");
	r.stage = "startup";
	strcpy(r.port, "0");
	p = xasprintf("%s/run", r.dir);
	nftw(p, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
	if (mkdir_p(p) != 0)
		fatal(errno, "cannot create %s", p);
	r.rundir = realpath(p, NULL);
	free(p);
	if (!r.rundir)
		fatal(errno, "realpath");

	if ((v = spec_get(&r.spec, "disabled")) && strcmp(v, "yes") == 0) {
		r.status = "skip";
		buf_puts(&r.reason, "disabled in the manifest");
		finish(&r, keep_going);
	}
	timeout = ms_of(&r.spec, "timeout");
	grace = ms_of(&r.spec, "kill_grace");
	if ((v = getenv("COSIM_TIMEOUT_MULTIPLIER")) && atof(v) > 0)
		timeout = (int64_t)((double)timeout * atof(v));
	deadline = timeout > 0 ? r.started + timeout : INT64_MAX;
	sim = spec_get(&r.spec, "sim");
	cmd = spec_get(&r.spec, "command");
	ready = spec_get(&r.spec, "ready");
	if (ready && strcmp(ready, "socket") == 0 && cmd) {
		lfd = listen_socket(r.port, sizeof r.port);
		if (lfd < 0)
			fatal(errno, "cannot listen on 127.0.0.1");
	}
	env = environment(&r);

	if (spec_get(&r.spec, "design")) {
		const char *simkind = need(&r.spec, "simulator");
		const char *runt = spec_get(&r.spec, "run");
		char *cwd = getcwd(NULL, 0);
		struct spawn s = {0};
		char *out = xasprintf("%s/sim.out", r.rundir);
		char *err = xasprintf("%s/sim.err", r.rundir);

		nargs = 0;
		simargv = xcalloc(8 + r.spec.n, sizeof *simargv);
		if (runt) {
			simargv[nargs++] = xstrdup("/bin/sh");
			simargv[nargs++] = xstrdup("-c");
			simargv[nargs++] = expand(&r, runt);
		} else {
			if (strcmp(simkind, "icarus") == 0) {
				simargv[nargs++] = xstrdup("vvp");
				simargv[nargs++] = xstrdup("-N");
			}
			simargv[nargs++] = path_join(cwd, sim);
			for (i = 0; (v = spec_next(&r.spec, "plusarg", &i));)
				simargv[nargs++] = expand(&r, v);
		}
		s.argv = simargv;
		s.envp = env;
		s.cwd = r.rundir;
		s.out = out;
		s.err = err;
		s.listen_fd = lfd;
		if (proc_spawn(&r.sim, &s) != 0)
			fatal(errno, "cannot start the simulator");
		r.have_sim = 1;
		free(cwd);
		free(out);
		free(err);
		if (lfd >= 0)
			close(lfd);
		if (r.sim.exec_errno) {
			proc_stop(&r.sim, 0);
			r.status = "error";
			describe_exit(&r.reason, "simulator", &r.sim);
			finish(&r, keep_going);
		}
	}
	r.stage = "test";
	if (cmd) {
		char *argv3[4] = {"/bin/sh", "-c", NULL, NULL};
		struct spawn s = {0};
		char *out = xasprintf("%s/test.out", r.rundir);
		char *err = xasprintf("%s/test.err", r.rundir);

		argv3[2] = expand(&r, cmd);
		s.argv = argv3;
		s.envp = env;
		s.cwd = r.rundir;
		s.out = out;
		s.err = err;
		s.listen_fd = -1;
		if (proc_spawn(&r.test, &s) != 0)
			fatal(errno, "cannot start the test");
		r.have_test = 1;
		free(out);
		free(err);
		free(argv3[2]);
		both[0] = &r.test;
		rc = proc_wait(both, 1, deadline);
	} else {
		both[0] = &r.sim;
		rc = r.have_sim ? proc_wait(both, 1, deadline) : 0;
	}
	if (rc > 1)
		interrupted(&r, rc);
	if (rc == 1) {
		r.status = "timeout";
		buf_printf(&r.reason, "timed out after %lld ms",
		    (long long)(proc_now_ms() - r.started));
		if (r.have_test)
			proc_stop(&r.test, grace);
		if (r.have_sim)
			proc_stop(&r.sim, grace);
		finish(&r, keep_going);
	}
	r.stage = "teardown";
	if (r.have_test && r.have_sim && !r.sim.reaped) {
		/* the client may have told the simulator to quit */
		both[0] = &r.sim;
		rc = proc_wait(both, 1, proc_now_ms() + grace);
		if (rc > 1)
			interrupted(&r, rc);
		if (!r.sim.reaped)
			proc_stop(&r.sim, grace);
	}
	if (r.have_test)
		proc_stop(&r.test, 0);	/* leftovers in its group */
	r.status = "pass";
	if (r.have_test && (r.test.exec_errno || !WIFEXITED(r.test.status) ||
	    WEXITSTATUS(r.test.status) != 0)) {
		r.status = WIFSIGNALED(r.test.status) ? "crash" : "fail";
		describe_exit(&r.reason, "test", &r.test);
	} else if (r.have_sim && !r.sim.killed && (!WIFEXITED(r.sim.status) ||
	    WEXITSTATUS(r.sim.status) != 0)) {
		r.status = WIFSIGNALED(r.sim.status) ? "crash" : "fail";
		describe_exit(&r.reason, "simulator", &r.sim);
	}
	r.stage = "done";
	finish(&r, keep_going);
	return 0;
}
