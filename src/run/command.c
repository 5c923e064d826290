/* command.c - see command.h. */
#include "command.h"
#include "escape.h"
#include "keys.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char *
need(const struct run *r, const char *key)
{
	return kv_need(&r->spec, key);
}

static const char *
get_or(const struct run *r, const char *key, const char *dflt)
{
	const char *v = kv_get(&r->spec, key);

	return v ? v : dflt;
}

/* Placeholders as the test sees them; in a shell command (shell set)
 * each value goes in as one shell word. */
char *
command_expand(const struct run *r, const char *tmpl, int shell)
{
	const char *names[] = {"host", "port", "rundir", "test", "design",
		"seed", "slot", "attempt", "sim", "srcdir", "builddir",
		"templates", NULL};
	const char *sim = kv_get(&r->spec, "sim");
	char *cwd = getcwd(NULL, 0);
	char *srcdir = path_join(cwd, need(r, "srcdir"));
	char *builddir = path_join(cwd, need(r, "builddir"));
	char *simp = sim ? path_join(cwd, sim) : xstrdup("");
	const char *vals[] = {"127.0.0.1", r->port, r->rundir, r->name,
		get_or(r, "design", ""), need(r, "seed"), r->slot, "1", simp,
		srcdir, builddir, get_or(r, "templates", ""), NULL};
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

char **
command_env(const struct run *r, char *const *inherited, const char *run_id)
{
	char **env = NULL;
	char *const *e;
	size_t n = 0, i;
	const char *v;

	/* first, so a sweep finds it however large the environment is */
	list_push(&env, &n, xstrdup(run_id));
	for (e = inherited; *e; e++) {
		size_t klen = strcspn(*e, "=");
		int mine = 0;

		if (strncmp(*e, "COSIM_", 6) == 0 && strncmp(*e,
		    "COSIM_TIMEOUT_MULTIPLIER=", 25) != 0)
			continue;
		if (strncmp(*e, "LISTEN_", 7) == 0)
			continue;
		/* the manifest's env = entries replace inherited ones */
		for (i = 0; (v = kv_next(&r->spec, "env", &i));)
			if (strncmp(v, *e, klen) == 0 && v[klen] == '=')
				mine = 1;
		if (!mine)
			list_push(&env, &n, xstrdup(*e));
	}
	list_push(&env, &n, xstrdup("COSIM_HOST=127.0.0.1"));
	list_push(&env, &n, xasprintf("COSIM_PORT=%s", r->port));
	list_push(&env, &n, xasprintf("COSIM_RUNDIR=%s", r->rundir));
	list_push(&env, &n, xasprintf("COSIM_TEST=%s", r->name));
	list_push(&env, &n, xasprintf("COSIM_DESIGN=%s",
	    get_or(r, "design", "")));
	list_push(&env, &n, xasprintf("COSIM_PROPERTIES=%s/properties",
	    r->rundir));
	list_push(&env, &n, xstrdup("COSIM_ATTEMPT=1"));
	list_push(&env, &n, xasprintf("COSIM_SEED=%s", need(r, "seed")));
	list_push(&env, &n, xasprintf("COSIM_SLOT=%s", r->slot));
	for (i = 0; (v = kv_next(&r->spec, "env", &i));)
		list_push(&env, &n, command_expand(r, v, 0));
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

/* The built-in command line of the spec's simulator. */
static char **
builtin_sim_argv(const struct run *r)
{
	const char *v;
	char **argv = NULL, *cwd = getcwd(NULL, 0);
	size_t n = 0, i;

	if (strcmp(need(r, "simulator"), "icarus") == 0) {
		/* -N: $stop ends the run instead of prompting */
		list_push(&argv, &n, xstrdup("vvp"));
		list_push(&argv, &n, xstrdup("-N"));
		if ((v = kv_get(&r->spec, "vpi"))) {
			char *abs = path_join(cwd, v);

			list_push(&argv, &n, xstrdup("-M"));
			list_push(&argv, &n, path_dirname(abs));
			list_push(&argv, &n, xstrdup("-m"));
			list_push(&argv, &n, xstrdup("cosim_bridge"));
			free(abs);
		}
	}
	list_push(&argv, &n, path_join(cwd, need(r, "sim")));
	/* the seed, as Verilator takes it and for $value$plusargs */
	if (strcmp(need(r, "simulator"), "verilator") == 0)
		list_push(&argv, &n, xasprintf("+verilator+seed+%s",
		    need(r, "seed")));
	list_push(&argv, &n, xasprintf("+seed=%s", need(r, "seed")));
	for (i = 0; (v = kv_next(&r->spec, "plusarg", &i));)
		list_push(&argv, &n, command_expand(r, v, 0));
	free(cwd);
	return argv;
}

char **
command_sim_argv(const struct run *r, int *direct)
{
	const char *runt = kv_get(&r->spec, "run");
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
