/* resources.c - see resources.h.
 *
 * A slot is free when its lock file can be locked. Deciding happens
 * under BUILDDIR/resources/lock, held for the few system calls a
 * decision takes: read the queue (the needs of the live waiters ahead),
 * lock free slots without blocking, and keep them only when every
 * resource has enough for the waiters ahead and for this test; else let
 * them go, join the queue if not in it yet, and look again in 50 ms,
 * answering signals meanwhile. A ticket is the monotonic clock in
 * nanoseconds (zero-padded, so names sort as numbers) and the pid. */
#define _GNU_SOURCE	/* CLOCK_MONOTONIC through time.h */
#include "resources.h"
#include "beneath.h"
#include "file.h"
#include "keys.h"
#include "layout.h"
#include "proc.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <time.h>
#include <unistd.h>

/* How often a waiting test looks again. */
#define RESOURCES_POLL_MS 50

int
resources_parse(struct holding *h, const struct strlist *items,
    struct buf *why)
{
	size_t i;

	memset(h, 0, sizeof *h);
	h->v = items->n ? xcalloc(items->n, sizeof *h->v) : NULL;
	for (i = 0; i < items->n; i++) {
		struct need *nd = &h->v[h->n];
		char **w = NULL, *end;
		int k = list_split(items->v[i], &w);

		if (k < 3 || (nd->count = strtoll(w[1], &end, 10)) < 1 ||
		    *end || nd->count > k - 2) {
			buf_printf(why, "resource '%s' cannot be used: it must "
			    "be a name, a need from 1 to its slot count and "
			    "the slots' ids", items->v[i]);
			list_free(w);
			return -1;
		}
		nd->name = w[0];
		nd->nids = (size_t)k - 2;
		nd->ids = w + 2;	/* w stays: resources_free frees it */
		h->n++;
	}
	return 0;
}

/* Read the queue in qdir: add the needs of each live waiter ahead of h
 * (every one, while h has no ticket) to ahead[], per resource of h;
 * remove the files of waiters that died. */
static void
queue_ahead(const struct holding *h, const char *qdir, long long *ahead)
{
	DIR *d = opendir(qdir);
	struct dirent *e;

	if (!d)
		fatal(errno, "cannot read %s", qdir);
	while ((e = readdir(d))) {
		char *path, text[4096], *line, *save = NULL;
		ssize_t got;
		int fd;

		if (e->d_name[0] == '.' || (h->ticket &&
		    strcmp(e->d_name, h->ticket) >= 0))
			continue;
		path = xasprintf("%s/%s", qdir, e->d_name);
		fd = beneath_open(path, O_RDONLY | O_CLOEXEC, 0);
		if (fd >= 0 && flock(fd, LOCK_SH | LOCK_NB) == 0) {
			file_unlink(path);	/* nobody holds it: its waiter died */
		} else if (fd >= 0 && (got = read(fd, text, sizeof text - 1)) > 0) {
			text[got] = '\0';
			for (line = strtok_r(text, "\n", &save); line;
			    line = strtok_r(NULL, "\n", &save)) {
				size_t n = strcspn(line, " "), i;

				for (i = 0; i < h->n; i++)
					if (strlen(h->v[i].name) == n &&
					    !strncmp(line, h->v[i].name, n))
						ahead[i] += atoll(line + n);
			}
		}
		if (fd >= 0)
			close(fd);
		free(path);
	}
	closedir(d);
}

/* Lock up to want free slots of nd without waiting; their fds and
 * indices go to fds[] and idx[]. Returns how many. */
static size_t
lock_free(const struct need *nd, const char *dir, long long want, int *fds,
    size_t *idx)
{
	size_t i, got = 0;

	for (i = 0; i < nd->nids && (long long)got < want; i++) {
		char *path = xasprintf("%s/%s.%zu", dir, nd->name, i);
		int fd = beneath_open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0666);

		if (fd < 0)
			fatal(errno, "cannot open %s", path);
		free(path);
		if (flock(fd, LOCK_EX | LOCK_NB) == 0) {
			fds[got] = fd;
			idx[got++] = i;
		} else {
			close(fd);
		}
	}
	return got;
}

/* Leave the queue: h holds its slots, or gave up. */
static void
queue_leave(struct holding *h, const char *qdir)
{
	char *path;

	if (!h->ticket)
		return;
	path = xasprintf("%s/%s", qdir, h->ticket);
	file_unlink(path);
	free(path);
	close(h->queue_fd);
	free(h->ticket);
	h->ticket = NULL;
}

/* Join the queue in qdir with a new ticket, saying what h needs. */
static void
queue_join(struct holding *h, const char *qdir)
{
	struct timespec ts;
	struct buf b = {0};
	char *path;
	size_t i;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	h->ticket = xasprintf("%020lld.%ld", (long long)ts.tv_sec *
	    1000000000 + ts.tv_nsec, (long)getpid());
	path = xasprintf("%s/%s", qdir, h->ticket);
	h->queue_fd = beneath_open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC,
	    0666);
	if (h->queue_fd < 0 || flock(h->queue_fd, LOCK_EX) != 0)
		fatal(errno, "cannot queue in %s", path);
	for (i = 0; i < h->n; i++)
		buf_printf(&b, "%s %lld\n", h->v[i].name, h->v[i].count);
	if (write(h->queue_fd, b.s, b.len) != (ssize_t)b.len)
		fatal(errno, "cannot write %s", path);
	buf_free(&b);
	free(path);
}

/* One decision, under the lock: take every slot h needs when there are
 * enough for the waiters ahead and for h, else none. Returns 1 when
 * taken. */
static int
try_take(struct holding *h, const char *dir, const char *qdir)
{
	long long *ahead = xcalloc(h->n, sizeof *ahead);
	int **fds = xcalloc(h->n, sizeof *fds), ok = 1;
	size_t *got = xcalloc(h->n, sizeof *got), i, k;

	queue_ahead(h, qdir, ahead);
	for (i = 0; i < h->n; i++) {
		struct need *nd = &h->v[i];
		long long want = ahead[i] + nd->count;

		fds[i] = xcalloc(nd->nids, sizeof **fds);
		nd->held = xcalloc(nd->nids, sizeof *nd->held);
		got[i] = lock_free(nd, dir, want, fds[i], nd->held);
		if ((long long)got[i] < want) {
			ok = 0;
			i++;
			break;
		}
	}
	/* keep what is needed, or nothing; the rest goes back */
	while (i-- > 0) {
		struct need *nd = &h->v[i];

		for (k = ok ? (size_t)nd->count : 0; k < got[i]; k++)
			close(fds[i][k]);
		if (ok) {
			nd->fds = fds[i];
		} else {
			free(fds[i]);
			free(nd->held);
			nd->held = NULL;
		}
	}
	if (ok)
		queue_leave(h, qdir);
	free(fds);
	free(got);
	free(ahead);
	return ok;
}

int
resources_take(struct holding *h, const char *builddir)
{
	char *dir = layout_top(builddir, TOP_RESOURCES);
	char *qdir = xasprintf("%s/queue", dir);
	char *lock = xasprintf("%s/lock", dir);
	int fd = -1, sig = 0, taken = 0;

	if (h->n && (mkdir_p(qdir) != 0 ||
	    (fd = beneath_open(lock, O_RDWR | O_CREAT | O_CLOEXEC, 0666)) < 0))
		fatal(errno, "cannot create %s", lock);
	while (h->n && !taken) {
		while (flock(fd, LOCK_EX) != 0)
			if (errno != EINTR)
				fatal(errno, "cannot lock %s", lock);
		if (!(taken = try_take(h, dir, qdir)) && !h->ticket)
			queue_join(h, qdir);
		flock(fd, LOCK_UN);
		if (!taken && proc_event(NULL, 0, NULL, 0,
		    now_ms() + RESOURCES_POLL_MS, &sig) == EV_SIGNAL) {
			queue_leave(h, qdir);
			break;
		}
	}
	if (fd >= 0)
		close(fd);
	free(dir);
	free(qdir);
	free(lock);
	return taken || !h->n ? 0 : sig;
}

void
resources_release(struct holding *h)
{
	size_t i, k;

	for (i = 0; i < h->n; i++) {
		struct need *nd = &h->v[i];

		for (k = 0; nd->fds && k < (size_t)nd->count; k++)
			close(nd->fds[k]);
		free(nd->fds);
		nd->fds = NULL;
	}
	if (h->ticket) {
		/* the queue file of a waiter that gave up: nobody locks it
		 * now, so the next waiter removes it */
		close(h->queue_fd);
		free(h->ticket);
		h->ticket = NULL;
	}
}

void
resources_free(struct holding *h)
{
	size_t i;

	for (i = 0; i < h->n; i++) {
		struct need *nd = &h->v[i];

		free(nd->held);
		list_free(nd->ids - 2);	/* the words of its item */
	}
	free(h->v);
	memset(h, 0, sizeof *h);
}

char *
resources_ids(const struct holding *h, const char *name)
{
	struct buf b = {0};
	size_t i, k;

	for (i = 0; i < h->n; i++) {
		const struct need *nd = &h->v[i];

		if (strcmp(nd->name, name) != 0 || !nd->fds)
			continue;
		for (k = 0; k < (size_t)nd->count; k++) {
			if (k)
				buf_putc(&b, ' ');
			buf_puts(&b, nd->ids[nd->held[k]]);
		}
		return buf_steal(&b);
	}
	return NULL;
}

const char *
resources_first(const struct holding *h)
{
	return h->n && h->v[0].fds ? h->v[0].ids[h->v[0].held[0]] : "0";
}

void
resources_env(const struct holding *h, char ***env, size_t *n)
{
	size_t i;

	for (i = 0; i < h->n; i++) {
		char *ids = resources_ids(h, h->v[i].name), *var;

		if (!ids)
			continue;
		var = env_var_name("COSIM_RESOURCE_", h->v[i].name);
		list_push(env, n, xasprintf("%s=%s", var, ids));
		free(var);
		free(ids);
	}
}

void
resources_lines(const struct holding *h, struct strlist *l)
{
	size_t i;

	for (i = 0; i < h->n; i++) {
		char *ids = resources_ids(h, h->v[i].name);

		if (ids) {
			strlist_push(l, xasprintf("%s %s", h->v[i].name, ids));
			free(ids);
		}
	}
}
