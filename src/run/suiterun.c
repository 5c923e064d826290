/* suiterun.c - see suiterun.h. */
#include "suiterun.h"
#include "pidrecord.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

const char *
suiterun_id(void)
{
	static char id[256];
	const char *given = getenv("COSIM_SUITE_RUN");
	pid_t parent;

	if (id[0])
		return id;
	if (given && *given) {
		snprintf(id, sizeof id, "%s", given);
	} else {
		parent = getppid();
		snprintf(id, sizeof id, "%ld.%llu", (long)parent,
		    pidrecord_start_time(parent));
	}
	return id;
}
