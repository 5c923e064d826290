/* command.c - see command.h. */
#include "command.h"
#include "cocotb.h"
#include "coverage.h"
#include "path.h"
#include "escape.h"
#include "fixture.h"
#include "keys.h"
#include "wavesrun.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* A string of the spec, or "" when it has none. */
static const char *
or_empty(const char *v)
{
	return v ? v : "";
}

/* The placeholders of the run that have a value, as names[] and vals[]
 * (both NULL-terminated, allocated). */
static void
placeholder_values(const struct run *r, char **names, char **vals)
{
	const struct spec *sp = &r->spec;
	char *cwd = getcwd(NULL, 0);
	char attempt[24];
	const char *v[PLH_N] = {
		[PLH_HOST] = "127.0.0.1", [PLH_PORT] = r->port,
		[PLH_RUNDIR] = r->rundir, [PLH_TEST] = r->name,
		[PLH_DESIGN] = or_empty(sp->design), [PLH_SEED] = r->seed,
		[PLH_SLOT] = r->slot ? r->slot : "0", [PLH_ATTEMPT] = attempt,
		[PLH_TEMPLATES] = or_empty(sp->templates),
	};
	size_t i, n = 0;

	snprintf(attempt, sizeof attempt, "%lld",
	    r->attempt > 0 ? r->attempt : 1);
	for (i = 0; i < PLH_N; i++) {
		char *val = v[i] ? xstrdup(v[i]) : NULL;

		if (i == PLH_SIM)
			val = sp->sim ? path_join(cwd, sp->sim) : xstrdup("");
		else if (i == PLH_SRCDIR)
			val = path_join(cwd, or_empty(sp->srcdir));
		else if (i == PLH_BUILDDIR)
			val = path_join(cwd, or_empty(sp->builddir));
		if (!val)
			continue;
		names[n] = xstrdup(placeholder_name((enum placeholder_id)i));
		vals[n++] = val;
	}
	/* {resource:NAME}: the ids held of it */
	for (i = 0; i < r->held.n; i++) {
		char *ids = resources_ids(&r->held, r->held.v[i].name);

		if (!ids)
			continue;
		names[n] = xasprintf("resource:%s", r->held.v[i].name);
		vals[n++] = ids;
	}
	names[n] = NULL;
	vals[n] = NULL;
	free(cwd);
}

/* Placeholders as the test sees them; in a shell command (shell set)
 * each value goes in as one shell word. */
char *
command_expand(const struct run *r, const char *tmpl, int shell)
{
	size_t max = PLH_N + r->held.n + 1, i;
	char **names = xcalloc(max, sizeof *names);
	char **vals = xcalloc(max, sizeof *vals), *out;

	placeholder_values(r, names, vals);
	for (i = 0; shell && vals[i]; i++) {
		struct buf b = {0};

		esc_shell(&b, vals[i]);
		free(vals[i]);
		vals[i] = buf_steal(&b);
	}
	out = placeholder_expand(tmpl, (const char *const *)names,
	    (const char *const *)vals);
	list_free(vals);
	list_free(names);
	return out;
}

char **
command_env(const struct run *r, char *const *inherited, const char *run_id)
{
	char **env = NULL, **mine_x = NULL;
	char *const *e;
	size_t n = 0, i, nx = 0;
	const struct strlist *own = &r->spec.env;

	/* first, so a sweep finds it however large the environment is */
	list_push(&env, &n, xstrdup(run_id));
	for (e = inherited; *e; e++) {
		size_t klen = strcspn(*e, "=");
		int mine = 0;

		if (strncmp(*e, "COSIM_", 6) == 0 && strncmp(*e,
		    "COSIM_TIMEOUT_MULTIPLIER=", 25) != 0)
			continue;
		if (strncmp(*e, "LISTEN_", 7) == 0 || cocotb_replaces(r, *e))
			continue;
		/* the manifest's env = entries replace inherited ones */
		for (i = 0; i < own->n; i++)
			if (strncmp(own->v[i], *e, klen) == 0 &&
			    own->v[i][klen] == '=')
				mine = 1;
		if (!mine)
			list_push(&env, &n, xstrdup(*e));
	}
	list_push(&env, &n, xstrdup("COSIM_HOST=127.0.0.1"));
	list_push(&env, &n, xasprintf("COSIM_PORT=%s", r->port));
	list_push(&env, &n, xasprintf("COSIM_RUNDIR=%s", r->rundir));
	list_push(&env, &n, xasprintf("COSIM_TEST=%s", r->name));
	list_push(&env, &n, xasprintf("COSIM_DESIGN=%s",
	    or_empty(r->spec.design)));
	list_push(&env, &n, xasprintf("COSIM_PROPERTIES=%s/properties",
	    r->rundir));
	list_push(&env, &n, xasprintf("COSIM_ATTEMPT=%lld",
	    r->attempt > 0 ? r->attempt : 1));
	list_push(&env, &n, xasprintf("COSIM_SEED=%s", r->seed));
	list_push(&env, &n, xasprintf("COSIM_SLOT=%s", r->slot ? r->slot : "0"));
	resources_env(&r->held, &env, &n);
	wavesrun_env(r, &env, &n);
	fixture_env(r, &env, &n);
	coverage_env(r, &env, &n);
	for (i = 0; i < own->n; i++)
		list_push(&mine_x, &nx, command_expand(r, own->v[i], 0));
	cocotb_env(r, inherited, mine_x, &env, &n);
	for (i = 0; i < nx; i++)
		if (!cocotb_forces(r, mine_x[i]))
			list_push(&env, &n, mine_x[i]);
		else
			free(mine_x[i]);
	free(mine_x);
	return env;
}

/* How a command runs. Plain words (no quotes, no $, no operators) are
 * exec'd as they are; one simple command is run as "sh -c 'exec CMD'";
 * anything else as "sh -c CMD". Exec'ing saves a process, lets a signal
 * that kills the program be seen as such (not as the shell's 128+n), and
 * makes LISTEN_PID name the program itself. *direct says whether the
 * program is exec'd. */
char **
command_shell_argv(const char *cmd, int *direct)
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

/* GHDL's run (mcode elaborates it here, from the work library beside
 * sp->sim): ghdl -r with the library, the options and the top from the
 * response file the compile made (sp->sim), then the generics and the
 * test's plusargs, which are run options and generics to GHDL (the last
 * -gNAME=VALUE wins). No +seed=N: VHDL cannot read it; a testbench
 * takes the seed as a generic, plusargs = -gSEED={seed}. */
static char **
ghdl_argv(const struct run *r, const char *cwd)
{
	const struct spec *sp = &r->spec;
	char *abs = path_join(cwd, or_empty(sp->sim)), *dir = path_dirname(abs);
	char **argv = NULL;
	size_t n = 0, i;

	list_push(&argv, &n, xstrdup("ghdl"));
	list_push(&argv, &n, xstrdup("-r"));
	list_push(&argv, &n, xasprintf("--workdir=%s", dir));
	list_push(&argv, &n, xasprintf("@%s", abs));
	wavesrun_sim_args(r, &argv, &n);
	for (i = 0; i < sp->plusargs.n; i++)
		list_push(&argv, &n, command_expand(r, sp->plusargs.v[i], 0));
	free(dir);
	free(abs);
	return argv;
}

/* The built-in command line of the spec's simulator. */
static char **
builtin_sim_argv(const struct run *r)
{
	const struct spec *sp = &r->spec;
	char **argv = NULL, *cwd = getcwd(NULL, 0);
	size_t n = 0, i;

	if (sp->simulator == SIM_GHDL) {
		argv = ghdl_argv(r, cwd);
		free(cwd);
		return argv;
	}

	if (sp->simulator == SIM_ICARUS) {
		/* -N: $stop ends the run instead of prompting */
		list_push(&argv, &n, xstrdup("vvp"));
		list_push(&argv, &n, xstrdup("-N"));
		if (sp->vpi) {
			char *abs = path_join(cwd, sp->vpi);

			list_push(&argv, &n, xstrdup("-M"));
			list_push(&argv, &n, path_dirname(abs));
			list_push(&argv, &n, xstrdup("-m"));
			list_push(&argv, &n, xstrdup("cosim_bridge"));
			free(abs);
		}
		/* a cocotb test: cocotb's VPI library, after ours */
		if (sp->cocotb_test && sp->cocotb_vpi) {
			list_push(&argv, &n, xstrdup("-m"));
			list_push(&argv, &n, path_join(cwd, sp->cocotb_vpi));
		}
	}
	list_push(&argv, &n, path_join(cwd, or_empty(sp->sim)));
	wavesrun_sim_args(r, &argv, &n);
	/* the seed, as Verilator takes it and for $value$plusargs */
	if (sp->simulator == SIM_VERILATOR)
		list_push(&argv, &n, xasprintf("+verilator+seed+%s", r->seed));
	list_push(&argv, &n, xasprintf("+seed=%s", r->seed));
	for (i = 0; i < sp->plusargs.n; i++)
		list_push(&argv, &n, command_expand(r, sp->plusargs.v[i], 0));
	free(cwd);
	return argv;
}

char **
command_sim_argv(const struct run *r, int *direct)
{
	const char *runt = r->spec.run;
	char **argv, *e;

	if (!runt) {
		*direct = 1;
		return builtin_sim_argv(r);
	}
	e = command_expand(r, runt, 1);
	argv = command_shell_argv(e, direct);
	free(e);
	return argv;
}

void
command_note(struct buf *line, char ***given, char **argv, char **env,
    int is_test)
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
	/* a temporary of the last child started: the test replaces the
	 * simulator's */
	list_free(*given);
	*given = NULL;
	for (e = env; *e; e++)
		if ((strncmp(*e, "COSIM_", 6) == 0 &&
		    strncmp(*e, "COSIM_RUN_ID=", 13) != 0) ||
		    strncmp(*e, "LISTEN_", 7) == 0)
			list_push(given, &n, xstrdup(*e));
}
