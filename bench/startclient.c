/* The test side of bench/startup.sh: writes the time its main() starts to
 * t1, then connects to $COSIM_PORT and leaves (the simulator then quits). */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

int
main(void)
{
	struct timespec ts;
	struct sockaddr_in a;
	FILE *f;
	int fd;

	clock_gettime(CLOCK_REALTIME, &ts);
	if ((f = fopen("t1", "w"))) {
		fprintf(f, "%lld\n", (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec);
		fclose(f);
	}
	fd = socket(AF_INET, SOCK_STREAM, 0);
	memset(&a, 0, sizeof a);
	a.sin_family = AF_INET;
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	a.sin_port = htons((unsigned short)atoi(getenv("COSIM_PORT")));
	if (connect(fd, (struct sockaddr *)&a, sizeof a) != 0)
		return 1;
	close(fd);
	return 0;
}
