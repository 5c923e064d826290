/* pidrecord.c - see pidrecord.h. */
#include "pidrecord.h"
#include "beneath.h"
#include "fields.h"
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
#include <sys/stat.h>
#include <unistd.h>

/* How often a run looks whether a record held by a launcher that is
 * going was let go, the time it gives that launcher beyond its
 * wind-down, and the most wind-down it believes (a day: the record's
 * number must not overflow the clock; see take_lock). */
#define LOCK_POLL_MS 25
#define LET_GO_MARGIN_MS 5000
#define WIND_DOWN_MAX_MS (24LL * 3600 * 1000)

/* What /proc/PID/stat tells of a process. */
struct pstat {
	long parent;			/* field 4 */
	long group;			/* field 5: its process group */
	unsigned long long start;	/* field 22 */
};

/* Read the /proc stat of pid into ps. Returns 0, or -1 when there is no
 * such process or it has ended (a zombie). */
static int
stat_of(long pid, struct pstat *ps)
{
	char path[64], *buf, *p;
	size_t n;
	int i, rc = -1;

	snprintf(path, sizeof path, "/proc/%ld/stat", pid);
	if (!(buf = file_read(path, &n)) || !(p = strrchr(buf, ')'))) {
		free(buf);
		return -1;
	}
	/* not ended, not yet reaped */
	if (p[1] == ' ' && p[2] != 'Z' && sscanf(p + 2, "%*c %ld %ld",
	    &ps->parent, &ps->group) == 2) {
		for (i = 2; i < 22 && p; i++)
			p = strchr(p + 1, ' ');
		if (p) {
			ps->start = strtoull(p + 1, NULL, 10);
			rc = 0;
		}
	}
	free(buf);
	return rc;
}

unsigned long long
pidrecord_start_time(pid_t pid)
{
	struct pstat ps;

	return stat_of((long)pid, &ps) == 0 ? ps.start : 0;
}

/* Whether the environment of pid holds one of ids[0..n) (entries
 * "COSIM_RUN_ID=..."). */
static int
env_holds(long pid, char *const *ids, size_t n)
{
	char path[64], *buf, *p;
	size_t len, i;
	int found = 0;

	snprintf(path, sizeof path, "/proc/%ld/environ", pid);
	if (!(buf = file_read(path, &len)))	/* all of it, however big */
		return 0;
	for (p = buf; p < buf + len && !found; p += strlen(p) + 1)
		for (i = 0; i < n && !found; i++)
			found = strcmp(p, ids[i]) == 0;
	free(buf);
	return found;
}

/* Call fn for every other process whose environment holds one of
 * ids[0..n). */
static void
each_marked(char *const *ids, size_t n, void (*fn)(long pid, void *arg),
    void *arg)
{
	DIR *d = opendir("/proc");
	struct dirent *e;

	if (!d)
		return;
	while ((e = readdir(d))) {
		long pid = strtol(e->d_name, NULL, 10);

		if (pid > 0 && pid != getpid() && env_holds(pid, ids, n))
			fn(pid, arg);
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

/* The process groups of the marked processes. */
struct groups {
	long *v;
	size_t n;
};

static void
group_one(long pid, void *arg)
{
	struct groups *g = arg;
	struct pstat ps;

	if (stat_of(pid, &ps) == 0) {
		g->v = xreallocarray(g->v, g->n + 1, sizeof *g->v);
		g->v[g->n++] = ps.group;
	}
}

void
pidrecord_list_marked(const char *id, struct buf *out)
{
	char *ids[1];

	ids[0] = (char *)id;
	each_marked(ids, 1, list_one, out);
}

static int record_fd = -1;

static void
record_line(const char *line)
{
	size_t n = strlen(line);

	if (write(record_fd, line, n) != (ssize_t)n)
		fatal(errno, "cannot write the process record");
}

/* The line at *line of a text, cut to fit buf; *line moves past it.
 * Returns 0 at the end of the text. */
static int
next_line(const char **line, char *buf, size_t size)
{
	size_t n = strcspn(*line, "\n");

	if (!**line)
		return 0;
	snprintf(buf, size, "%.*s", (int)(n < size - 1 ? n : size - 1), *line);
	*line += n + ((*line)[n] == '\n');
	return 1;
}

static int
has_group(const struct groups *g, long pgid)
{
	size_t i;

	for (i = 0; i < g->n; i++)
		if (g->v[i] == pgid)
			return 1;
	return 0;
}

/* Kill the process group of a "PID STARTTIME" line when it is the run's:
 * a process in it holds one of the run's ids (groups, the groups of the
 * marked processes, g). A record is a file in the build directory: whoever
 * can write there can name any process in it, and only a process the run
 * started (or a descendant that kept its environment) carries the run
 * id. So a group whose every process cleared its environment is spared,
 * while one where the leader did and a member did not is killed, the
 * leader too. A group's id is its leader's pid, which is not used again
 * while the group lasts: the leader, when it runs, is the one recorded
 * (its start time), and a group whose leader ended is killed without
 * it. */
static void
kill_group(long pid, unsigned long long start, const struct groups *g)
{
	struct pstat ps;

	if (pid <= 1 || !has_group(g, pid))
		return;
	if (stat_of(pid, &ps) != 0)
		proc_kill_group((pid_t)pid);
	else if (ps.start == start)
		proc_kill((pid_t)pid, 1);
}

void
pidrecord_sweep(const char *text)
{
	struct strlist ids = {0};
	struct groups g = {0};
	const char *line;
	char buf[256];
	long pid;
	unsigned long long t;

	for (line = text; next_line(&line, buf, sizeof buf);)
		if (strncmp(buf, "COSIM_RUN_ID=", 13) == 0)
			strlist_push(&ids, xstrdup(buf));
	if (!ids.n)
		return;
	/* The groups first, while their processes can be told ours by
	 * their environments; then what left them. */
	each_marked(ids.v, ids.n, group_one, &g);
	for (line = text; next_line(&line, buf, sizeof buf);)
		if (sscanf(buf, "%ld %llu", &pid, &t) == 2)
			kill_group(pid, t, &g);
	each_marked(ids.v, ids.n, kill_one, NULL);
	free(g.v);
	strlist_clear(&ids);
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

/* Whether a record's text has a line "KEY VALUE". */
static int
record_has(const char *text, const char *key)
{
	char *v = record_value(text, key);
	int has = v != NULL;

	free(v);
	return has;
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

/* The first lines of this run's record: its run id, the host, the
 * launcher (for a run that finds the record locked, see take_lock), and
 * under Slurm the job step (SLURM_JOB_ID.SLURM_STEP_ID), which a
 * supervisor on another host reads to stop it (slurm.h). */
static void
record_header(struct buf *b, int64_t wind_down_ms)
{
	const char *job = getenv("SLURM_JOB_ID");
	const char *step = getenv("SLURM_STEP_ID");

	buf_printf(b, "%s\nhost %s\nlauncher %ld %llu %ld %lld\n",
	    proc_run_id(), host_name(), (long)getpid(),
	    pidrecord_start_time(getpid()), (long)getppid(),
	    (long long)wind_down_ms);
	if (job && *job && step && *step)
		buf_printf(b, "step %s.%s\n", job, step);
}

/* The whole text of the record open at fd, read from its start
 * whatever the offset (NUL-ended, possibly empty). */
static void
record_text(int fd, struct buf *b)
{
	char chunk[4096];
	ssize_t n;
	off_t at = 0;

	buf_puts(b, "");
	while ((n = pread(fd, chunk, sizeof chunk, at)) > 0) {
		buf_add(b, chunk, (size_t)n);
		at += n;
	}
}

/* Whether pid has the file open at fd open too. */
static int
has_open(long pid, int fd)
{
	struct stat mine, st;
	struct dirent *e;
	char path[300];
	DIR *d;
	int found = 0;

	snprintf(path, sizeof path, "/proc/%ld/fd", pid);
	if (fstat(fd, &mine) != 0 || !(d = opendir(path)))
		return 0;
	while (!found && (e = readdir(d))) {
		snprintf(path, sizeof path, "/proc/%ld/fd/%s", pid, e->d_name);
		found = e->d_name[0] != '.' && stat(path, &st) == 0 &&
		    st.st_dev == mine.st_dev && st.st_ino == mine.st_ino;
	}
	closedir(d);
	return found;
}

/* Who holds a locked record, as its "launcher PID STARTTIME PARENT
 * GRACE_MS" line and /proc tell. */
enum hold {
	HOLD_UNKNOWN,	/* no launcher of this host that can be named: a
			 * record of an earlier version, one whose launcher
			 * has yet to write its lines, or not a launcher */
	HOLD_LIVE,	/* a launcher whose parent (ninja, make, a shell)
			 * still runs: a run going on */
	HOLD_STALE,	/* a launcher that lost its parent: ninja or make was
			 * killed outright, and it is ending, or should be */
	HOLD_ELSEWHERE	/* a launcher of another host (a shared builddir):
			 * going on, or ending as its supervisor asked */
};

struct holder {
	long pid, parent;
	unsigned long long start;
	long long wind_down;	/* the longest it may take to end once
				 * interrupted, ms */
	int step;		/* a node's launcher under Slurm (its record
				 * has a step line) */
	char host[256];
};

/* Read who holds the record open at fd into h. The launcher named is
 * believed only when it runs with that start time and has the record
 * open: the record can be written by anyone who can write the build
 * directory, and an unrelated process named there must be neither waited
 * for nor signalled. */
static enum hold
holder_of(int fd, struct holder *h)
{
	struct buf b = {0};
	char *line, *host;
	struct pstat ps;
	enum hold k = HOLD_UNKNOWN;

	memset(h, 0, sizeof *h);
	record_text(fd, &b);
	host = record_value(b.s, "host");
	line = record_value(b.s, "launcher");
	if (host)
		snprintf(h->host, sizeof h->host, "%s", host);
	h->step = record_has(b.s, "step");
	if (host && strcmp(host, host_name()) != 0)
		k = HOLD_ELSEWHERE;
	else if (line && sscanf(line, "%ld %llu %ld %lld", &h->pid, &h->start,
	    &h->parent, &h->wind_down) == 4 && h->pid > 1 &&
	    stat_of(h->pid, &ps) == 0 && ps.start == h->start &&
	    has_open(h->pid, fd))
		/* A parent that died leaves it to a reaper: another parent.
		 * One that died before the launcher started (or asked for
		 * its death to be told) left it to init already: a launcher
		 * started by init is an orphan too, never a run that its
		 * ninja still runs. */
		k = ps.parent == h->parent && h->parent > 1 ? HOLD_LIVE :
		    HOLD_STALE;
	free(host);
	free(line);
	buf_free(&b);
	return k;
}

/* Why the record at path cannot be taken, held as k says. */
static void
say_held(struct buf *why, enum hold k, const struct holder *h,
    const char *path, int64_t waited)
{
	switch (k) {
	case HOLD_LIVE:
		buf_printf(why, "cosim-run pid %ld holds %s, and pid %ld that "
		    "started it still runs: let that run end, or stop it, "
		    "then run again", h->pid, path, h->parent);
		break;
	case HOLD_ELSEWHERE:
		buf_printf(why, "a cosim-run on host %s holds %s, and did not "
		    "let go in %.1f s: let that run end, or stop it, then run "
		    "again", h->host, path, (double)waited / 1000);
		break;
	case HOLD_STALE:
		buf_printf(why, "cosim-run pid %ld holds %s, and still ran "
		    "%.1f s after its ninja or make was gone and it was sent "
		    "SIGTERM: kill it (kill -KILL %ld), then run again", h->pid,
		    path, (double)waited / 1000, h->pid);
		break;
	case HOLD_UNKNOWN:
		buf_printf(why, "%s is locked, by no cosim-run of this host "
		    "that can be named, and was not let go in %.1f s: end what "
		    "holds it (fuser -v %s), then run again", path,
		    (double)waited / 1000, path);
		break;
	}
}

/* How long a run waits for a holder that is going (HOLD_STALE, or one
 * not yet known) to let go, before it asks it to end and again after:
 * an interrupted launcher stops its tree at once, but the stage it is in
 * may give a process its kill_grace, and as the last user of a fixture
 * it waits for the fixture's lock and runs its cleanup (its wind-down,
 * fixture_wind_down); then the margin. */
static int64_t
patience(long long wind_down_ms)
{
	if (wind_down_ms < 0)
		wind_down_ms = 0;
	if (wind_down_ms > WIND_DOWN_MAX_MS)
		wind_down_ms = WIND_DOWN_MAX_MS;
	return wind_down_ms + LET_GO_MARGIN_MS;
}

/* Lock the record open at fd. Held by a launcher whose ninja or make is
 * gone (killed outright: the launchers go on in their own process
 * groups), the lock is waited for its wind-down, as that launcher ends
 * its run on the SIGTERM its parent's death sent it
 * (proc_end_with_parent). One that does not let go in time (stopped,
 * one whose parent was gone before it could ask for the signal, or one
 * whose parent has more threads than one) is sent SIGTERM itself, and
 * waited for again. Only a launcher its "launcher" line names is ever
 * signalled: a holder that cannot be told (a launcher of an earlier
 * version, which writes no such line, or another program) or a node's
 * launcher under Slurm, here or on another host, whose supervisor may
 * be stopping it, is waited for as long, then given up on. Returns 0,
 * or -1 with why said: the record is held by a run going on, or by
 * something that did not let go. A signal meanwhile ends this launcher
 * through it: nothing was started. */
static int
take_lock(int fd, const char *path, int64_t wind_down_ms, struct buf *why)
{
	struct holder h;
	enum hold k;
	int64_t first = now_ms(), until = 0, now;
	int asked = 0, sig;

	for (;;) {
		if (flock(fd, LOCK_EX | LOCK_NB) == 0)
			return 0;
		if (errno != EWOULDBLOCK && errno != EINTR)
			fatal(errno, "cannot lock %s", path);
		k = holder_of(fd, &h);
		now = now_ms();
		/* a node's launcher keeps its parent (Slurm's step daemon)
		 * while its supervisor stops it: waited for as one that
		 * cannot be told */
		if (k == HOLD_LIVE && !h.step)
			break;
		if (!until)
			until = now + patience(k == HOLD_STALE ? h.wind_down :
			    wind_down_ms);
		if (now >= until) {
			if (k != HOLD_STALE || asked)
				break;
			proc_ask_to_end((pid_t)h.pid);
			asked = 1;
			until = now + patience(h.wind_down);
		}
		if (proc_event(NULL, 0, NULL, 0, now + LOCK_POLL_MS, &sig) ==
		    EV_SIGNAL)
			proc_reraise(sig);
	}
	say_held(why, k, &h, path, now - first);
	return -1;
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
pidrecord_open(const char *path, int64_t wind_down_ms, struct buf *why)
{
	struct buf head = {0}, b = {0};
	size_t d = strlen(RECORD_DONE);

	/* The record is locked while a run lives: a second run of the same
	 * test must not take the first one's processes for orphans. */
	record_fd = beneath_open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0666);
	if (record_fd < 0)
		fatal(errno, "cannot open %s", path);
	if (take_lock(record_fd, path, wind_down_ms, why) != 0) {
		close(record_fd);
		record_fd = -1;
		return -1;
	}
	/* Not ending in "done": a run was killed before it could finish. */
	record_text(record_fd, &b);
	if (b.len && !(b.len >= d &&
	    memcmp(b.s + b.len - d, RECORD_DONE, d) == 0) &&
	    record_is_here(b.s))
		pidrecord_sweep(b.s);
	buf_free(&b);
	/* Kept from run to run and rewritten in place from its start:
	 * emptying or replacing a file frees its block, which costs more
	 * on a journalling file system than the whole rest of the record.
	 * Lines left over from a longer record are cut off at the end. */
	if (lseek(record_fd, 0, SEEK_SET) != 0)
		fatal(errno, "cannot rewind %s", path);
	/* in one write: a supervisor may read it meanwhile */
	record_header(&head, wind_down_ms);
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
