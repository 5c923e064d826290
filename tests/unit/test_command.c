/* Unit tests of command.c: the argv and envp of the children, built from
 * a spec in memory, with no process started. */
#include "run/command.h"
#include "run/rundir.h"
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

/* Resources held (in a fresh builddir: the slots are free) and the
 * attempt reach the placeholders and the environment. */
static void
test_resources(void)
{
	struct run r;
	struct buf why = {0};
	char tmpl[] = "/tmp/cosim-unit-XXXXXX", *s, **e;
	char *items[] = {"board 2 b0 b1 b2", "lic.x 1 L", NULL};
	struct strlist l = {items, 2};

	run_fixture(&r, "seed 7\n");
	CHECK(mkdtemp(tmpl) != NULL, "a scratch builddir");
	CHECK(resources_parse(&r.held, &l, &why) == 0 &&
	    resources_take(&r.held, tmpl) == 0, "free slots are taken at once");
	r.attempt = 2;
	s = command_expand(&r, "{resource:board}|{resource:lic.x}|{attempt}",
	    0);
	CHECK(strcmp(s, "b0 b1|L|2") == 0, "{resource:NAME} gives the ids "
	    "held, {attempt} the attempt (%s)", s);
	free(s);
	s = command_expand(&r, "x {resource:board}", 1);
	CHECK(strcmp(s, "x 'b0 b1'") == 0, "in a shell command, one word (%s)",
	    s);
	free(s);
	CHECK(strcmp(resources_first(&r.held), "b0") == 0,
	    "the first id held is COSIM_SLOT's");
	e = command_env(&r, (char *[]){NULL}, "COSIM_RUN_ID=abc");
	CHECK(has(e, "COSIM_RESOURCE_BOARD=b0 b1") &&
	    has(e, "COSIM_RESOURCE_LIC_X=L") && has(e, "COSIM_ATTEMPT=2"),
	    "COSIM_RESOURCE_<NAME>, upper case, [A-Z0-9_]; COSIM_ATTEMPT");
	list_free(e);
	resources_release(&r.held);
	resources_free(&r.held);
	rundir_remove(tmpl);
	run_fixture_free(&r);
	items[0] = "board 4 b0 b1 b2";
	CHECK(resources_parse(&r.held, &l, &why) != 0 && strstr(why.s,
	    "'board 4 b0 b1 b2' cannot be used"), "a need past the slots");
	resources_free(&r.held);
	buf_free(&why);
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
	test_resources();
	test_sim_argv();
	test_note();
	return tap_done();
}
