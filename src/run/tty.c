/* tty.c - see tty.h. */
#define _GNU_SOURCE	/* posix_openpt, grantpt, ptsname, cfmakeraw */
#include "tty.h"
#include "beneath.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <termios.h>
#include <unistd.h>

/* The simulator's stdout is the only terminal a run gives out. */
#define MAX_COPIES 4

struct copy {
	int master, file;	/* -1: slot free */
	int64_t left;		/* bytes still to write; < 0: no limit */
};

static struct copy copies[MAX_COPIES] = {
	{-1, -1, 0}, {-1, -1, 0}, {-1, -1, 0}, {-1, -1, 0},
};

int
tty_open(int *slave)
{
	struct termios t;
	int m = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC), e;
	const char *name;

	if (m < 0)
		return -1;
	if (grantpt(m) != 0 || unlockpt(m) != 0 || !(name = ptsname(m)))
		goto fail;
	*slave = open(name, O_RDWR | O_NOCTTY | O_CLOEXEC);
	if (*slave < 0)
		goto fail;
	if (tcgetattr(*slave, &t) != 0) {
		close(*slave);
		goto fail;
	}
	cfmakeraw(&t);
	if (tcsetattr(*slave, TCSANOW, &t) != 0 ||
	    fcntl(m, F_SETFL, O_NONBLOCK) != 0) {
		close(*slave);
		goto fail;
	}
	return m;
fail:
	e = errno;
	close(m);
	errno = e;
	return -1;
}

int
tty_copy(int master, const char *path, int64_t max)
{
	int i, fd;

	for (i = 0; i < MAX_COPIES && copies[i].master >= 0; i++)
		;
	fd = beneath_open(path, O_WRONLY | O_CREAT | O_TRUNC | O_APPEND |
	    O_CLOEXEC, 0666);
	if (i == MAX_COPIES || fd < 0) {
		if (fd >= 0)
			close(fd);
		close(master);
		if (i == MAX_COPIES)
			errno = EMFILE;
		return -1;
	}
	copies[i].master = master;
	copies[i].file = fd;
	copies[i].left = max;
	return 0;
}

int
tty_pollfds(struct pollfd *pf, int n)
{
	int i, k = 0;

	for (i = 0; i < MAX_COPIES && k < n; i++) {
		if (copies[i].master < 0)
			continue;
		pf[k].fd = copies[i].master;
		pf[k].events = POLLIN;
		pf[k++].revents = 0;
	}
	return k;
}

enum { PUMP_CLOSED, PUMP_EMPTY, PUMP_MORE };

static void
close_copy(struct copy *c)
{
	close(c->master);
	close(c->file);
	c->master = c->file = -1;
}

/* Copy what c's master has now, at most a few hundred KiB at a time so
 * that a writer as fast as the copy cannot keep the caller from its
 * deadlines. Returns PUMP_MORE when it stopped with more to read,
 * PUMP_EMPTY when nothing is waiting, PUMP_CLOSED once it can give no more
 * (EIO: every writer has gone), and c is closed then. */
static int
pump_one(struct copy *c)
{
	char buf[16384];
	ssize_t n = 0;
	int rounds = 16;

	while (rounds-- > 0 && ((n = read(c->master, buf, sizeof buf)) > 0 ||
	    (n < 0 && errno == EINTR))) {
		ssize_t want = n, off = 0;

		if (n < 0)
			continue;
		if (c->left >= 0 && want > c->left)
			want = (ssize_t)c->left;	/* the rest is dropped */
		while (off < want) {
			ssize_t w = write(c->file, buf + off, (size_t)(want - off));

			if (w < 0 && errno == EINTR)
				continue;
			if (w <= 0)
				break;	/* a full disk: the log stays short */
			off += w;
		}
		if (c->left >= 0)
			c->left -= want;
	}
	if (n > 0 || (n < 0 && errno == EINTR))
		return PUMP_MORE;
	if (n < 0 && errno == EAGAIN)
		return PUMP_EMPTY;
	close_copy(c);
	return PUMP_CLOSED;
}

void
tty_pump(const struct pollfd *pf, int n)
{
	int i, j;

	for (i = 0; i < n; i++)
		for (j = 0; j < MAX_COPIES; j++)
			if (pf[i].revents && copies[j].master == pf[i].fd)
				pump_one(&copies[j]);
}

void
tty_drain(void)
{
	int i;

	/* With no writer left a read gives the rest, then EIO; EAGAIN means
	 * something still holds the terminal, and it is not waited for. */
	for (i = 0; i < MAX_COPIES; i++) {
		while (copies[i].master >= 0 && pump_one(&copies[i]) == PUMP_MORE)
			;
		if (copies[i].master >= 0)
			close_copy(&copies[i]);
	}
}
