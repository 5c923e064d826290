/* Unit tests of command.c: the argv and envp of the children, built from
 * a spec in memory, with no process started. */
#include "run/command.h"
#include "runfixture.h"
#include "tap.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int
has(char **list, const char *s)
{
	for (; *list; list++)
		if (strcmp(*list, s) == 0)
			return 1;
	return 0;
}

static size_t
count(char **list)
{
	size_t n = 0;

	while (list[n])
		n++;
	return n;
}

static void
test_shell_argv(void)
{
	char **a;
	int direct;

	a = command_shell_argv("./client --port 5", &direct);
	CHECK(direct && count(a) == 3 && strcmp(a[0], "./client") == 0 &&
	    strcmp(a[2], "5") == 0, "plain words are exec'd as they are");
	list_free(a);
	a = command_shell_argv("./client \"a b\"", &direct);
	CHECK(direct && count(a) == 3 && strcmp(a[0], "/bin/sh") == 0 &&
	    strcmp(a[2], "exec ./client \"a b\"") == 0,
	    "one simple command runs as sh -c 'exec CMD'");
	list_free(a);
	a = command_shell_argv("./a && ./b", &direct);
	CHECK(!direct && strcmp(a[2], "./a && ./b") == 0,
	    "a list runs under sh -c, not exec'd");
	list_free(a);
	a = command_shell_argv("echo hi", &direct);
	CHECK(!direct && strcmp(a[0], "/bin/sh") == 0,
	    "a builtin is left to the shell");
	list_free(a);
	a = command_shell_argv("X=1 ./t", &direct);
	CHECK(!direct, "an assignment first is left to the shell");
	list_free(a);
}

static void
test_expand(void)
{
	struct run r;
	char *s;

	run_fixture(&r, "srcdir /src\nbuilddir /b\nseed 7\ndesign d\n");
	s = command_expand(&r, "{test}:{port}:{seed}:{slot}:{design}", 0);
	CHECK(strcmp(s, "t1:4242:7:3:d") == 0, "placeholders expand (%s)", s);
	free(s);
	s = command_expand(&r, "x {rundir}", 1);
	CHECK(strcmp(s, "x '/tmp/run dir'") == 0,
	    "in a shell command a value is one word (%s)", s);
	free(s);
	s = command_expand(&r, "{builddir}", 0);
	CHECK(strcmp(s, "/b") == 0, "an absolute builddir stays (%s)", s);
	free(s);
	run_fixture_free(&r);
}

static void
test_env(void)
{
	struct run r;
	char *inherited[] = {"PATH=/bin", "COSIM_PORT=1", "LISTEN_FDS=1",
		"COSIM_TIMEOUT_MULTIPLIER=2", "FOO=old", NULL};
	char **e;

	run_fixture(&r, "srcdir /s\nbuilddir /b\nseed 9\nenv FOO=new-{test}\n");
	e = command_env(&r, inherited, "COSIM_RUN_ID=abc");
	CHECK(strcmp(e[0], "COSIM_RUN_ID=abc") == 0, "the run id comes first");
	CHECK(has(e, "PATH=/bin"), "the inherited environment is kept");
	CHECK(!has(e, "COSIM_PORT=1") && has(e, "COSIM_PORT=4242"),
	    "an inherited COSIM_* gives way to the run's");
	CHECK(!has(e, "LISTEN_FDS=1"), "an inherited LISTEN_* is dropped");
	CHECK(has(e, "COSIM_TIMEOUT_MULTIPLIER=2"),
	    "COSIM_TIMEOUT_MULTIPLIER is inherited");
	CHECK(!has(e, "FOO=old") && has(e, "FOO=new-t1"),
	    "the spec's env replaces the inherited entry, expanded");
	CHECK(has(e, "COSIM_SEED=9") && has(e, "COSIM_SLOT=3") &&
	    has(e, "COSIM_RUNDIR=/tmp/run dir") && has(e, "COSIM_DESIGN="),
	    "the run's COSIM_* are set");
	list_free(e);
	run_fixture_free(&r);
}

static void
test_sim_argv(void)
{
	struct run r;
	char **a, *cwd = getcwd(NULL, 0), *want;
	int direct = 0;

	run_fixture(&r, "srcdir /s\nbuilddir /b\nseed 5\nsimulator verilator\n"
	    "sim /d/Vtop\nplusarg +n={seed}\n");
	a = command_sim_argv(&r, &direct);
	CHECK(direct && count(a) == 4 && strcmp(a[0], "/d/Vtop") == 0 &&
	    strcmp(a[1], "+verilator+seed+5") == 0 &&
	    strcmp(a[2], "+seed=5") == 0 && strcmp(a[3], "+n=5") == 0,
	    "Verilator: the executable, its seed, the plusargs");
	list_free(a);
	run_fixture_free(&r);
	run_fixture(&r, "srcdir /s\nbuilddir /b\nseed 5\nsimulator icarus\n"
	    "sim d/t.vvp\nvpi v/cosim_bridge.vpi\n");
	a = command_sim_argv(&r, &direct);
	want = xasprintf("%s/v", cwd);
	CHECK(count(a) == 8 && strcmp(a[0], "vvp") == 0 &&
	    strcmp(a[1], "-N") == 0 && strcmp(a[3], want) == 0 &&
	    strcmp(a[5], "cosim_bridge") == 0,
	    "Icarus: vvp -N with the VPI module");
	list_free(a);
	free(want);
	free(cwd);
	run_fixture_free(&r);
	run_fixture(&r, "srcdir /s\nbuilddir /b\nseed 5\nrun ./mysim --port {port}\n");
	direct = 0;
	a = command_sim_argv(&r, &direct);
	CHECK(direct && count(a) == 3 && strcmp(a[2], "4242") == 0,
	    "a run command is expanded and exec'd");
	list_free(a);
	run_fixture_free(&r);
}

static void
test_note(void)
{
	struct buf line = {0};
	char **given = NULL;
	char *argv[] = {"./t", "a b", NULL};
	char *env[] = {"COSIM_RUN_ID=x", "COSIM_PORT=1", "HOME=/h",
		"LISTEN_PID=2", NULL};

	command_note(&line, &given, argv, env, 1);
	CHECK(strcmp(line.s, "./t 'a b'") == 0, "the command line in shell "
	    "words (%s)", line.s);
	CHECK(count(given) == 2 && strcmp(given[0], "COSIM_PORT=1") == 0 &&
	    strcmp(given[1], "LISTEN_PID=2") == 0,
	    "the test's COSIM_* and LISTEN_* but the run id are kept");
	buf_free(&line);
	list_free(given);
}

int
main(void)
{
	test_shell_argv();
	test_expand();
	test_env();
	test_sim_argv();
	test_note();
	return tap_done();
}
