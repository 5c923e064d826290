/* The floor: run N commands, J at a time, with posix_spawn and nothing
 * else (no logs, no timeouts, no results). usage: spawnfloor N J CMD... */
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>

extern char **environ;

int
main(int argc, char **argv)
{
	int n, j, started = 0, running = 0, st;
	pid_t pid;

	if (argc < 4)
		return 2;
	n = atoi(argv[1]);
	j = atoi(argv[2]);
	while (started < n || running > 0) {
		while (running < j && started < n) {
			if (posix_spawn(&pid, argv[3], NULL, NULL, argv + 3,
			    environ) != 0)
				return 1;
			started++;
			running++;
		}
		if (wait(&st) > 0)
			running--;
	}
	return 0;
}
