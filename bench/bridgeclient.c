/* The C client of bench/bridge.sh: N requests "add I I" through
 * cosim_client.h, each answer checked; prints requests per second.
 * usage: bridgeclient N */
#include "cosim_client.h"

#include <time.h>

int
main(int argc, char **argv)
{
	struct cosim_client c;
	struct timespec t0, t1;
	int n = argc > 1 ? atoi(argv[1]) : 10000, i;
	char msg[64], want[32];
	const char *got;
	double s;

	if (cosim_connect(&c) != 0) {
		perror("connect");
		return 1;
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (i = 0; i < n; i++) {
		int v = i % 100;

		snprintf(msg, sizeof msg, "add %d %d", v, v);
		snprintf(want, sizeof want, "%d", 2 * v);
		if (cosim_client_send(&c, msg) != 0 ||
		    !(got = cosim_client_recv(&c)) || strcmp(got, want) != 0) {
			fprintf(stderr, "request %d failed\n", i);
			return 1;
		}
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	s = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	printf("%.0f\n", n / s);
	cosim_disconnect(&c);
	return 0;
}
