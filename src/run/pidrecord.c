/* pidrecord.c - see pidrecord.h. */
#include "pidrecord.h"
#include "beneath.h"
#include "file.h"
#include "lastrun.h"
#include "proc.h"
#include "util.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

unsigned long long
pidrecord_start_time(pid_t pid)
{
	char path[64], *buf, *p;
	size_t n;
	int i;

	unsigned long long t;

	snprintf(path, sizeof path, "/proc/%ld/stat", (long)pid);
	if (!(buf = file_read(path, &n)) || !(p = strrchr(buf, ')'))) {
		free(buf);
		return 0;
	}
	if (p[1] == ' ' && p[2] == 'Z') {	/* ended, not yet reaped */
		free(buf);
		return 0;
	}
	for (i = 2; i < 22 && p; i++)
		p = strchr(p + 1, ' ');
	t = p ? strtoull(p + 1, NULL, 10) : 0;
	free(buf);
	return t;
}

/* Call fn for every other process whose environment holds id. */
static void
each_marked(const char *id, void (*fn)(long pid, void *arg), void *arg)
{
	DIR *d = opendir("/proc");
	struct dirent *e;
	size_t idlen = strlen(id);

	if (!d)
		return;
	while ((e = readdir(d))) {
		char path[300], *buf, *p;
		size_t n;
		long pid = strtol(e->d_name, NULL, 10);

		if (pid <= 0 || pid == getpid())
			continue;
		snprintf(path, sizeof path, "/proc/%ld/environ", pid);
		if (!(buf = file_read(path, &n)))	/* all of it, however big */
			continue;
		for (p = buf; p < buf + n; p += strlen(p) + 1)
			if (strlen(p) == idlen && memcmp(p, id, idlen) == 0) {
				fn(pid, arg);
				break;
			}
		free(buf);
	}
	closedir(d);
}

static void
kill_one(long pid, void *arg)
{
	(void)arg;
	proc_kill((pid_t)pid, 0);
}

static void
list_one(long pid, void *arg)
{
	buf_printf(arg, "%ld %llu\n", pid, pidrecord_start_time((pid_t)pid));
}

void
pidrecord_list_marked(const char *id, struct buf *out)
{
	each_marked(id, list_one, out);
}

static int record_fd = -1;

static void
record_line(const char *line)
{
	size_t n = strlen(line);

	if (write(record_fd, line, n) != (ssize_t)n)
		fatal(errno, "cannot write the process record");
}

void
pidrecord_sweep(const char *text)
{
	const char *line = text;

	while (*line) {
		size_t n = strcspn(line, "\n");
		char buf[256];
		long pid;
		unsigned long long t;

		snprintf(buf, sizeof buf, "%.*s", (int)(n < 255 ? n : 255), line);
		if (strncmp(buf, "COSIM_RUN_ID=", 13) == 0) {
			each_marked(buf, kill_one, NULL);
		} else if (sscanf(buf, "%ld %llu", &pid, &t) == 2 && pid > 1 &&
		    pidrecord_start_time((pid_t)pid) == t) {
			proc_kill((pid_t)pid, 1);
		}
		line += n + (line[n] == '\n');
	}
}

/* The value of the first line "KEY VALUE" of a record's text, allocated,
 * or NULL. */
static char *
record_value(const char *text, const char *key)
{
	size_t k = strlen(key);
	const char *line;

	for (line = text; *line; line += strcspn(line, "\n"),
	    line += *line == '\n')
		if (strncmp(line, key, k) == 0 && line[k] == ' ')
			return xstrndup(line + k + 1, strcspn(line + k + 1,
			    "\n"));
	return NULL;
}

/* Whether a record's pids mean anything here: it names this host, or no
 * host (a record of a version before hosts were named). A record made on
 * another node of a cluster names processes of that node. */
static int
record_is_here(const char *text)
{
	char *host = record_value(text, "host");
	int here = !host || strcmp(host, host_name()) == 0;

	free(host);
	return here;
}

/* The first lines of this run's record: its run id, the host, and under
 * Slurm the job step (SLURM_JOB_ID.SLURM_STEP_ID), which a supervisor on
 * another host reads to stop it (slurm.h). */
static void
record_header(struct buf *b)
{
	const char *job = getenv("SLURM_JOB_ID");
	const char *step = getenv("SLURM_STEP_ID");

	buf_printf(b, "%s\nhost %s\n", proc_run_id(), host_name());
	if (job && *job && step && *step)
		buf_printf(b, "step %s.%s\n", job, step);
}

char *
pidrecord_step(const char *path, const char *old_id)
{
	char *text = file_read(path, NULL), *step = NULL;
	size_t n;

	if (!text)
		return NULL;
	n = strcspn(text, "\n");
	/* a record of a newer run, not yet done */
	if (text[n] == '\n' && !(old_id && strlen(old_id) == n &&
	    strncmp(text, old_id, n) == 0) && !strstr(text, "\n" RECORD_DONE))
		step = record_value(text, "step");
	free(text);
	return step;
}

char *
pidrecord_run_id(const char *path)
{
	char *text = file_read(path, NULL), *id;

	if (!text)
		return NULL;
	id = xstrndup(text, strcspn(text, "\n"));
	free(text);
	return id;
}

int
pidrecord_open(const char *path)
{
	struct buf head = {0};

	/* The record is locked while a run lives: a second run of the same
	 * test must not take the first one's processes for orphans. */
	record_fd = beneath_open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0666);
	if (record_fd < 0)
		fatal(errno, "cannot open %s", path);
	if (flock(record_fd, LOCK_EX | LOCK_NB) != 0) {
		close(record_fd);
		record_fd = -1;
		return -1;
	}
	/* Not ending in "done": a run was killed before it could finish. */
	{
		struct buf b = {0};
		char chunk[4096];
		ssize_t n;
		size_t d = strlen(RECORD_DONE);

		while ((n = read(record_fd, chunk, sizeof chunk)) > 0)
			buf_add(&b, chunk, (size_t)n);
		if (b.len && !(b.len >= d &&
		    memcmp(b.s + b.len - d, RECORD_DONE, d) == 0) &&
		    record_is_here(b.s))
			pidrecord_sweep(b.s);
		buf_free(&b);
	}
	/* Kept from run to run and rewritten in place from its start:
	 * emptying or replacing a file frees its block, which costs more
	 * on a journalling file system than the whole rest of the record.
	 * Lines left over from a longer record are cut off at the end. */
	if (lseek(record_fd, 0, SEEK_SET) != 0)
		fatal(errno, "cannot rewind %s", path);
	/* in one write: a supervisor may read it meanwhile */
	record_header(&head);
	record_line(head.s);
	if (ftruncate(record_fd, (off_t)head.len) != 0)
		fatal(errno, "cannot cut %s", path);
	buf_free(&head);
	return 0;
}

void
pidrecord_add(pid_t pid)
{
	char line[64];

	if (record_fd < 0)
		return;
	snprintf(line, sizeof line, "%ld %llu\n", (long)pid, pidrecord_start_time(pid));
	record_line(line);
}

void
pidrecord_close(void)
{
	if (record_fd < 0)
		return;
	record_line(RECORD_DONE);
	close(record_fd);
	record_fd = -1;
}
