/* Unit tests of slurm.c's pure parts: srun's command line inside and
 * outside an allocation, and the line of srun.log a result quotes. */
#include "keys.h"
#include "run/slurm.h"
#include "tap.h"

#include <stdlib.h>
#include <string.h>

/* argv as one string, words joined by spaces */
static char *
joined(char **v)
{
	struct buf b = {0};

	for (; *v; v++)
		buf_printf(&b, "%s%s", b.len ? " " : "", *v);
	return buf_steal(&b);
}

static void
check_argv(void)
{
	char *opts[] = {"--partition=sim", "--cpus-per-task=2"};
	char *lics[] = {"cosimlic:1", "vcs:2"};
	struct strlist srun = {opts, 2}, licenses = {lics, 2};
	char *args[] = {"--stamp", "out/tests/t/stamp", "out/tests/t/spec",
		NULL};
	char *inside[] = {"PATH=/bin", "SLURM_JOB_ID=42", NULL};
	char *outside[] = {"PATH=/bin", "SLURM_JOB_ID=", NULL};
	struct slurm_job j = {"out/tests/t", "cosim:t", &srun, &licenses, 0,
		args, RESULT_TEST};
	char **v = slurm_srun_argv(&j, inside, "/opt/bin/cosim-run");
	char *s = joined(v);

	CHECK(strcmp(s, "srun --quiet --exact -N1 -n1 --partition=sim "
	    "--cpus-per-task=2 --job-name=cosim:t /opt/bin/cosim-run --node "
	    "--stamp out/tests/t/stamp out/tests/t/spec") == 0,
	    "srun argv: a step of the allocation, without licences: %s", s);
	list_free(v);
	free(s);
	v = slurm_srun_argv(&j, outside, "/opt/bin/cosim-run");
	s = joined(v);
	CHECK(strcmp(s, "srun --quiet -N1 -n1 -L cosimlic:1,vcs:2 "
	    "--partition=sim --cpus-per-task=2 --job-name=cosim:t "
	    "/opt/bin/cosim-run --node --stamp out/tests/t/stamp "
	    "out/tests/t/spec") == 0,
	    "srun argv: a job of its own asks for the licences: %s", s);
	list_free(v);
	free(s);
}

/* slurm_log_message(log) is want (NULL: none) */
static void
check_message(const char *log, const char *want, const char *what)
{
	char *got = slurm_log_message(log);

	CHECK(want ? got && strcmp(got, want) == 0 : !got,
	    "srun.log message: %s: %s", what, got ? got : "(none)");
	free(got);
}

int
main(void)
{
	char long_line[1000];

	check_argv();
	check_message("srun: error: Unable to allocate resources: Unable to "
	    "contact slurm controller (connect failure)\n",
	    "Unable to allocate resources: Unable to contact slurm "
	    "controller (connect failure)", "srun's error, without its prefix");
	check_message("srun: Job step aborted: Waiting up to 4 seconds for "
	    "job step to finish.\nslurmstepd-node1: error: *** STEP 5.0 ON "
	    "node1 CANCELLED AT 2026-12-06T16:01:09 ***\nsrun: error: node1: "
	    "task 0: Killed\n\n",
	    "STEP 5.0 ON node1 CANCELLED AT 2026-12-06T16:01:09",
	    "the step's end over the task's");
	check_message("srun: error: node1: task 0: Killed\n",
	    "node1: task 0: Killed", "the task's end when nothing else");
	check_message("srun: error: node1: task 0: Exited with exit code 125"
	    "\n", NULL, "an exit status alone says nothing");
	check_message("cosim-run: t is already running (out/tests/t/pids is "
	    "locked)\nsrun: error: node1: task 0: Exited with exit code 125\n",
	    "cosim-run: t is already running (out/tests/t/pids is locked)",
	    "the node's launcher's own message");
	check_message("", NULL, "an empty log");
	memset(long_line, 'x', sizeof long_line - 1);
	long_line[sizeof long_line - 1] = '\0';
	{
		char *got = slurm_log_message(long_line);

		CHECK(got && strlen(got) == 300 &&
		    strcmp(got + 297, "...") == 0,
		    "srun.log message: a long line is cut to 300 bytes");
		free(got);
	}
	return tap_done();
}
