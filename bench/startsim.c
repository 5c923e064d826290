/* A minimal simulator for bench/startup.sh: writes the time its main()
 * starts (CLOCK_REALTIME, ns) to t0, becomes reachable as asked, serves
 * one client and exits. usage: startsim socket|file */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

int
main(int argc, char **argv)
{
	struct timespec ts;
	struct sockaddr_in a;
	socklen_t al = sizeof a;
	FILE *f;
	int fd = 3, c;
	char buf[64];

	clock_gettime(CLOCK_REALTIME, &ts);
	if ((f = fopen("t0", "w"))) {
		fprintf(f, "%lld\n", (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec);
		fclose(f);
	}
	if (argc > 1 && strcmp(argv[1], "file") == 0) {
		fd = socket(AF_INET, SOCK_STREAM, 0);
		memset(&a, 0, sizeof a);
		a.sin_family = AF_INET;
		a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
		if (bind(fd, (struct sockaddr *)&a, sizeof a) || listen(fd, 8) ||
		    getsockname(fd, (struct sockaddr *)&a, &al))
			return 1;
		if (!(f = fopen("cosim.cfg.tmp", "w")))
			return 1;
		fprintf(f, "port: %u\n", ntohs(a.sin_port));
		fclose(f);
		rename("cosim.cfg.tmp", "cosim.cfg");
	}
	if ((c = accept(fd, NULL, NULL)) >= 0) {
		while (read(c, buf, sizeof buf) > 0)
			;
		close(c);
	}
	return 0;
}
