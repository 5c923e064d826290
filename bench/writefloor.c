/* writefloor.c - the floor of writing a suite's spec files: what creating
 * the same directories and writing the same bytes costs with nothing else
 * (no temp file, no rename, no comparison with what is there, no model).
 *
 * usage: writefloor PACK     (in the directory to write into)
 *
 * PACK lists what to create, in order: a line "d PATH" is a directory to
 * make (mkdir, its parent made before), a line "f LEN PATH" a file,
 * followed by its LEN bytes (open O_CREAT|O_TRUNC, one write, close).
 * bench.py pack makes one from a tree cosimgen wrote. The pack is read
 * into memory first; only the writing is timed, and its wall clock is
 * printed in seconds on stdout (so the exec and the read of the pack
 * count for cosimgen but not here: the floor is, if anything, low). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static char *
read_all(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *s = NULL;
	size_t cap = 0, n = 0, got;

	if (!f)
		return NULL;
	do {
		if (n == cap && !(s = realloc(s, cap = cap ? 2 * cap : 1 << 20)))
			exit(1);
		got = fread(s + n, 1, cap - n, f);
		n += got;
	} while (got > 0);
	fclose(f);
	*len = n;
	return s;
}

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Make one entry of the pack at p (end e); returns the next, or NULL. */
static char *
one(char *p, char *e)
{
	char *nl = memchr(p, '\n', (size_t)(e - p)), *path;
	unsigned long len;
	int fd;

	if (!nl)
		return NULL;
	*nl = '\0';
	if (p[0] == 'd' && p[1] == ' ') {
		if (mkdir(p + 2, 0777) != 0 && errno != EEXIST) {
			perror(p + 2);
			exit(1);
		}
		return nl + 1;
	}
	len = strtoul(p + 2, &path, 10);
	if (p[0] != 'f' || *path++ != ' ' || len > (unsigned long)(e - nl - 1))
		return NULL;
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
	if (fd < 0 || write(fd, nl + 1, len) != (ssize_t)len || close(fd) != 0) {
		perror(path);
		exit(1);
	}
	return nl + 1 + len;
}

int
main(int argc, char **argv)
{
	size_t len;
	char *pack, *p, *e;
	double t0;

	if (argc != 2 || !(pack = read_all(argv[1], &len))) {
		fprintf(stderr, "usage: writefloor PACK\n");
		return 2;
	}
	e = pack + len;
	t0 = now();
	for (p = pack; p && p < e; p = one(p, e))
		;
	if (!p) {
		fprintf(stderr, "writefloor: %s: bad pack\n", argv[1]);
		return 1;
	}
	printf("%.6f\n", now() - t0);
	free(pack);
	return 0;
}
