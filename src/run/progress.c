/* progress.c - see progress.h. The tally is one record, struct tally,
 * with its codec (fields.h), changed in place under the lock as
 * failfast.c does with BUILDDIR/failures. */
#include "progress.h"
#include "beneath.h"
#include "fields.h"
#include "gen/progressplan.h"
#include "file.h"
#include "keys.h"
#include "kvfile.h"
#include "layout.h"
#include "plan.h"
#include "suiterun.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#define TALLY_MAGIC "cosim-progress 1"

/* BUILDDIR/progress in memory. */
struct tally {
	char *suite_run;	/* the run of the suite it counts */
	long long start_ms;	/* epoch ms: the earliest start of a test
				 * that ended */
	long long planned;	/* the tests counted to run; -1: unknown */
	long long planned_ms;	/* and their expected durations */
	long long passed, failed, notrun;	/* the tests that ended */
	long long done_ms;	/* and their expected durations */
	struct other other;
};

static const struct fdef rows[] = {
	{"suite_run", F_STR, offsetof(struct tally, suite_run), NULL, 0, 0},
	{"start_ms", F_NUM, offsetof(struct tally, start_ms), NULL, 0, 0},
	{"planned", F_NUM, offsetof(struct tally, planned), NULL, 0, 0},
	{"planned_ms", F_NUM, offsetof(struct tally, planned_ms), NULL, 0, 0},
	{"passed", F_NUM, offsetof(struct tally, passed), NULL, 0, 0},
	{"failed", F_NUM, offsetof(struct tally, failed), NULL, 0, 0},
	{"notrun", F_NUM, offsetof(struct tally, notrun), NULL, 0, 0},
	{"done_ms", F_NUM, offsetof(struct tally, done_ms), NULL, 0, 0},
};

#define NROWS (sizeof rows / sizeof *rows)

static int
newer(const struct timespec *a, const struct timespec *b)
{
	return a->tv_sec != b->tv_sec ? a->tv_sec > b->tv_sec :
	    a->tv_nsec > b->tv_nsec;
}

/* Whether a ninja runs the test of a plan line: its stamp is missing or
 * older than one of its inputs (or an input is missing). */
static int
line_dirty(const char *line)
{
	const char *s = line;
	struct buf b = {0};
	struct stat stamp, in;
	int dirty = 1;

	if (plan_field(&s, &b) && plan_field(&s, &b) &&	/* the stamp */
	    stat(b.s, &stamp) == 0)
		for (dirty = 0; !dirty && plan_field(&s, &b);)
			dirty = stat(b.s, &in) != 0 ||
			    newer(&in.st_mtim, &stamp.st_mtim);
	buf_free(&b);
	return dirty;
}

/* Count the test of line, when a ninja runs it, into t. */
static void
plan_count(struct tally *t, const char *line)
{
	if (line && line_dirty(line)) {
		t->planned++;
		t->planned_ms += plan_line_ms(line);
	}
}

/* Whether the launcher's parent is a ninja (or samu) that builds its
 * default target: no target, no tool among its arguments. Its arguments
 * are read from /proc; anything else (make, a ninja given targets, no
 * /proc) is no. */
static int
parent_builds_all(void)
{
	char path[64], *text, *a, *end, *base;
	size_t len;
	int all = 1;

	snprintf(path, sizeof path, "/proc/%ld/cmdline", (long)getppid());
	if (!(text = file_read(path, &len)) || !len) {
		free(text);
		return 0;
	}
	end = text + len;
	base = strrchr(text, '/') ? strrchr(text, '/') + 1 : text;
	if (strcmp(base, "ninja") != 0 && strcmp(base, "samu") != 0)
		all = 0;
	for (a = text + strlen(text) + 1; all && a < end;
	    a += strlen(a) + 1) {
		if (a[0] != '-' || strcmp(a, "--") == 0 || a[1] == 't')
			all = 0;	/* a target, or a tool */
		else if (strchr("Cfjkldw", a[1]) && !a[2] && a + strlen(a) +
		    1 < end)
			a += strlen(a) + 1;	/* an option's argument */
	}
	free(text);
	return all;
}

/* What suite run id will run, from the plan, into t: the tests
 * `cosimgen run` selected for it, else every test when the parent
 * ninja builds them all, else unknown (-1). */
static void
count_planned(struct tally *t, const struct plan *p, const char *builddir,
    const char *id)
{
	char *path = layout_top(builddir, TOP_PROGRESS_SELECT);
	char *text = file_read(path, NULL), *line, *save = NULL;
	const char *s;

	free(path);
	t->planned = 0;
	line = text ? strtok_r(text, "\n", &save) : NULL;
	if (line && strcmp(line, PROGRESS_SELECT_MAGIC) == 0 &&
	    (line = strtok_r(NULL, "\n", &save)) && strcmp(line, id) == 0) {
		while ((line = strtok_r(NULL, "\n", &save)))
			plan_count(t, plan_find(p, line));
	} else if (p->map && parent_builds_all()) {
		for (s = p->map + p->first; s < p->map + p->len;
		    s = strchr(s, '\n') + 1)
			plan_count(t, s);
	} else {
		t->planned = -1;
	}
	free(text);
}

/* Open and lock the tally of builddir: the fd, or -1 (no tally then). */
static int
tally_lock(const char *path)
{
	int fd = beneath_open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0666);

	if (fd < 0)
		return -1;
	while (flock(fd, LOCK_EX) != 0)
		if (errno != EINTR) {
			close(fd);
			return -1;
		}
	return fd;
}

/* The text of the locked tally, read through fd; NULL when empty. */
static char *
tally_text(int fd)
{
	struct buf b = {0};
	char chunk[512];
	ssize_t got;
	off_t at = 0;

	while ((got = pread(fd, chunk, sizeof chunk, at)) > 0) {
		buf_add(&b, chunk, (size_t)got);
		at += got;
	}
	return b.s;
}

/* Write b over the locked tally through fd: 0, or -1. */
static int
tally_put(int fd, const struct buf *b)
{
	return pwrite(fd, b->s, b->len, 0) == (ssize_t)b->len &&
	    ftruncate(fd, (off_t)b->len) == 0 ? 0 : -1;
}

/* "M:SS", or "H:MM:SS" from an hour on, of ms. */
static void
clock_text(char *s, size_t size, long long ms)
{
	long long sec = ms > 0 ? ms / 1000 : 0;

	if (sec >= 3600)
		snprintf(s, size, "%lld:%02lld:%02lld", sec / 3600,
		    sec / 60 % 60, sec % 60);
	else
		snprintf(s, size, "%lld:%02lld", sec / 60, sec % 60);
}

/* The note of tally t: counts, then the times. */
static void
note_text(char *note, size_t size, const struct tally *t)
{
	long long ended = t->passed + t->failed + t->notrun;
	long long elapsed = epoch_ms() - t->start_ms;
	char notrun[32] = "", left[32] = "", ago[24], eta[40] = "";

	if (t->notrun)
		snprintf(notrun, sizeof notrun, ", %lld not run", t->notrun);
	if (t->planned >= 0)
		snprintf(left, sizeof left, ", %lld left", t->planned - ended);
	clock_text(ago, sizeof ago, elapsed);
	if (t->planned > ended && ended >= PROGRESS_FEW && t->done_ms > 0 &&
	    t->planned_ms > t->done_ms) {
		strcpy(eta, ", about ");
		clock_text(eta + strlen(eta), sizeof eta - strlen(eta),
		    (long long)((double)elapsed * (double)(t->planned_ms -
		    t->done_ms) / (double)t->done_ms));
		strcat(eta, " left");
	}
	snprintf(note, size, "  [%lld passed, %lld failed%s%s; %s%s]",
	    t->passed, t->failed, notrun, left, ago, eta);
}

/* Count r, which ends now (its expected duration ms), into t. */
static void
tally_add(struct tally *t, const struct run *r, long long ms)
{
	int64_t began = r->run_started ? r->run_started : r->started ?
	    r->started : now_ms();
	long long start = epoch_ms() - (long long)(now_ms() - began);

	if (!t->start_ms || start < t->start_ms)
		t->start_ms = start;
	if (r->status == STATUS_NOTRUN)
		t->notrun++;
	else if (status_is_pass(r->status))
		t->passed++;
	else
		t->failed++;
	t->done_ms += ms;
	/* more ended than were counted: the count was wrong */
	if (t->planned >= 0 && t->passed + t->failed + t->notrun > t->planned)
		t->planned = -1;
}

/* Whether a row of t was missing from its file or could not be read. */
static int
tally_damaged(const struct tally *t)
{
	size_t k;

	for (k = 0; k < NROWS; k++)
		if ((t->other.absent >> k & 1) ||
		    (t->other.as_text && t->other.as_text[k]))
			return 1;
	return 0;
}

void
progress_note(const struct run *r, char *note, size_t size)
{
	const char *off = getenv("COSIM_PROGRESS"), *id = suiterun_id();
	const char *builddir = r->spec.builddir;
	struct tally t;
	struct kvfile f;
	struct buf b = {0};
	char *path, *text;
	size_t at;
	int fd;

	note[0] = '\0';
	if ((off && strcmp(off, "0") == 0) || r->waves || !builddir)
		return;
	path = layout_top(builddir, TOP_PROGRESS);
	if ((fd = tally_lock(path)) < 0) {
		free(path);
		return;
	}
	memset(&t, 0, sizeof t);
	memset(&f, 0, sizeof f);
	if ((text = tally_text(fd)) &&
	    kv_parse(&f, text, TALLY_MAGIC, &at) == 0)
		fields_decode(&f, rows, NROWS, &t, &t.other);
	if (!t.suite_run || strcmp(t.suite_run, id) != 0) {
		fields_free(rows, NROWS, &t, &t.other);
		memset(&t, 0, sizeof t);
		count_planned(&t, &r->plan, builddir, id);
	} else if (tally_damaged(&t)) {
		/* a row missing or unreadable: its count is lost, so the
		 * tally starts again, whole, and says nothing of what is
		 * left */
		fields_free(rows, NROWS, &t, &t.other);
		memset(&t, 0, sizeof t);
		t.planned = -1;
	}
	t.suite_run = (char *)id;
	tally_add(&t, r, r->plan_line ? plan_line_ms(r->plan_line) : 0);
	fields_encode(&b, TALLY_MAGIC, rows, NROWS, &t, &t.other);
	/* in place: every reader holds the lock; a tally that cannot be
	 * written is only not shown */
	if (tally_put(fd, &b) == 0)
		note_text(note, size, &t);
	close(fd);
	buf_free(&b);
	fields_free(rows, NROWS, &t, &t.other);
	kv_free(&f);
	free(path);
}
