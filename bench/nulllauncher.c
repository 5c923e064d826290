/* The launcher floor: what any launcher under ninja costs at least. It
 * runs /bin/true with posix_spawn, waits, and touches its stamp; nothing
 * else (no spec, no logs, no result, no timeouts).
 * usage: nulllauncher --stamp FILE SPEC */
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

int
main(int argc, char **argv)
{
	char *args[] = {"/bin/true", NULL};
	pid_t pid;
	int st, fd;

	if (argc != 4 || posix_spawn(&pid, args[0], NULL, NULL, args,
	    environ) != 0 || waitpid(pid, &st, 0) != pid)
		return 125;
	fd = open(argv[2], O_WRONLY | O_CREAT | O_TRUNC, 0666);
	return fd < 0 || close(fd) != 0 ? 125 : 0;
}
