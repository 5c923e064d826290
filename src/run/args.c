/* args.c - see args.h. */
#include "args.h"
#include "compile.h"
#include "compiled.h"

#include <stdio.h>
#include <string.h>

int
args_parse(struct run *r, int argc, char **argv, char **env, int *rc)
{
	if (argc == 4 && strcmp(argv[1], "--stamp") == 0) {
		r->stamp = argv[2];
		r->keep_going = 1;
		r->specpath = argv[3];
	} else if (argc == 3 && strcmp(argv[1], "--compile") == 0) {
		*rc = compile_main(argv[2], env);
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
		fprintf(stderr, "usage: cosim-run [--stamp FILE] SPEC\n"
		    "       cosim-run --scan-only SPEC\n"
		    "       cosim-run --compile COMPILE_SPEC\n"
		    "       cosim-run --compiled BUILDDIR ID...\n");
		*rc = 125;
		return 0;
	}
	return 'r';
}
