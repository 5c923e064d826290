/* Unit tests of ghdl.c: the run options and top written for every run
 * (--std=08 first, so that a flag overrides it; an architecture as a word
 * of its own), and the compile command (import, make, then the output
 * copied whole; paths quoted for the shell). */
#include "gen/ghdl.h"
#include "tap.h"

#include <stdlib.h>
#include <string.h>

int
main(void)
{
	char *none[] = {NULL};
	char *flags[] = {"--std=93", "-frelaxed", NULL};
	char *srcs[] = {"tb/a b.vhd", "rtl/x.vhd", NULL};
	char *t, *cmd;
	const char *end;

	t = ghdl_args_text(none, "tb");
	CHECK(strcmp(t, "--std=08\ntb\n") == 0, "args: --std=08 and the top");
	free(t);
	t = ghdl_args_text(flags, "tb(sim)");
	CHECK(strcmp(t, "--std=08\n--std=93\n-frelaxed\ntb\nsim\n") == 0,
	    "args: flags after --std=08, the architecture a word of its own");
	free(t);

	cmd = ghdl_compile_command("out/d", flags, "tb(sim)", srcs);
	CHECK(strncmp(cmd, "rm -f out/d/*.cf && ghdl -i --std=08 --std=93 "
	    "-frelaxed --workdir=out/d 'tb/a b.vhd' rtl/x.vhd && ", 86) == 0,
	    "compile: a fresh library, every source imported: %s", cmd);
	CHECK(strstr(cmd, " && ghdl -m --std=08 --std=93 -frelaxed "
	    "--workdir=out/d tb sim && ") != NULL,
	    "compile: make the top and its architecture");
	end = "&& cp out/d/ghdl.args out/d/ghdl.run.tmp && exec mv -f "
	    "out/d/ghdl.run.tmp out/d/ghdl.run";
	CHECK(strlen(cmd) > strlen(end) &&
	    strcmp(cmd + strlen(cmd) - strlen(end), end) == 0,
	    "compile: the output last, renamed into place");
	free(cmd);
	return tap_done();
}
