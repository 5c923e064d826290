/* args.c - see args.h. */
#include "args.h"
#include "compile.h"
#include "compiled.h"

#include <stdio.h>
#include <string.h>

int
args_parse(struct run *r, int argc, char **argv, char **env, int *rc)
{
	/* first: the launcher on a Slurm node, started by a supervisor */
	if (argc > 1 && strcmp(argv[1], "--node") == 0) {
		r->node = 1;
		argc--;
		argv++;
	}
	r->args = argv + 1;
	/* then the waves run of a test (wavesrun.h) */
	if (argc > 3 && strcmp(argv[1], "--waves") == 0) {
		r->waves_sim = argv[2];
		argc -= 2;
		argv += 2;
	}
	if (argc == 4 && strcmp(argv[1], "--stamp") == 0) {
		r->stamp = argv[2];
		r->keep_going = 1;
		r->specpath = argv[3];
	} else if (argc == 3 && strcmp(argv[1], "--compile") == 0) {
		*rc = compile_main(argv[2], env, r->node ? NULL : r->args, 0);
		return 0;
	} else if (argc == 4 && strcmp(argv[1], "--compile") == 0 &&
	    strcmp(argv[2], "--link") == 0) {
		*rc = compile_main(argv[3], env, r->node ? NULL : r->args, 1);
		return 0;
	} else if (argc >= 3 && strcmp(argv[1], "--compiled") == 0) {
		*rc = compiled_check(argv[2], argv + 3, argc - 3);
		return 0;
	} else if (argc == 3 && strcmp(argv[1], "--scan-only") == 0) {
		r->specpath = argv[2];
		return 's';
	} else if (argc == 2 && argv[1][0] != '-') {
		r->specpath = argv[1];
	} else {
		fprintf(stderr, "usage: cosim-run [--node] [--waves SIM] "
		    "[--stamp FILE] SPEC\n"
		    "       cosim-run --scan-only SPEC\n"
		    "       cosim-run [--node] --compile [--link] COMPILE_SPEC\n"
		    "       cosim-run --compiled BUILDDIR ID...\n");
		*rc = 125;
		return 0;
	}
	return 'r';
}
