/* ready.c - see ready.h. */
#include "ready.h"
#include "file.h"
#include "children.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/socket.h>
#include <unistd.h>

static int held_fd = -1;

enum ready_mode
ready_mode(const char *word)
{
	if (!word || strcmp(word, "none") == 0)
		return READY_NONE;
	if (strcmp(word, "file") == 0)
		return READY_FILE;
	if (strcmp(word, "port") == 0)
		return READY_PORT;
	return READY_SOCKET;
}

static int
bind_loopback(char *port, size_t len)
{
	struct sockaddr_in a;
	socklen_t al = sizeof a;
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);

	if (fd < 0)
		fatal(errno, "socket");
	memset(&a, 0, sizeof a);
	a.sin_family = AF_INET;
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (bind(fd, (struct sockaddr *)&a, sizeof a) != 0 ||
	    getsockname(fd, (struct sockaddr *)&a, &al) != 0)
		fatal(errno, "cannot bind 127.0.0.1");
	snprintf(port, len, "%u", ntohs(a.sin_port));
	return fd;
}

int
ready_prepare(enum ready_mode m, char *port, size_t len)
{
	int fd;

	snprintf(port, len, "0");
	switch (m) {
	case READY_SOCKET:
		fd = bind_loopback(port, len);
		if (listen(fd, 128) != 0)
			fatal(errno, "listen");
		return fd;
	case READY_PORT:
		/* free now; the simulator binds it next (SO_REUSEADDR-free
		 * ports of a closed, never-connected socket are reusable) */
		close(bind_loopback(port, len));
		return -1;
	default:
		return -1;
	}
}

/* Nonzero when a socket listens on 127.0.0.1 or any address at port. */
static int
listening(const char *port)
{
	static const char *const tables[] = {"/proc/net/tcp", "/proc/net/tcp6"};
	unsigned want = (unsigned)strtoul(port, NULL, 10);
	char line[512];
	size_t t;

	for (t = 0; t < 2; t++) {
		FILE *f = fopen(tables[t], "r");

		if (!f)
			continue;
		while (fgets(line, sizeof line, f)) {
			unsigned lport, state;
			char addr[64];

			if (sscanf(line, " %*d: %63[0-9A-Fa-f]:%x %*[0-9A-Fa-f]:%*x %x",
			    addr, &lport, &state) == 3 && lport == want &&
			    state == 0x0A) {
				fclose(f);
				return 1;
			}
		}
		fclose(f);
	}
	return 0;
}

/* Read "port: N" from cosim.cfg; nonzero when found. */
static int
read_cfg(const char *rundir, char *port, size_t len)
{
	char *path = xasprintf("%s/cosim.cfg", rundir), *text, *p;
	int found = 0;

	text = file_read(path, NULL);
	free(path);
	if (!text)
		return 0;
	for (p = text; (p = strstr(p, "port")); p++) {
		char *q = p + 4;
		unsigned long v;

		while (*q == ' ' || *q == '\t')
			q++;
		if (*q != ':' && *q != '=')
			continue;
		v = strtoul(q + 1, &q, 10);
		if (v > 0 && v < 65536) {
			snprintf(port, len, "%lu", v);
			found = 1;
			break;
		}
	}
	free(text);
	return found;
}

static void
died(struct child *sim, struct buf *reason)
{
	children_describe(reason, "the simulator", sim, sim->signal,
	    "before it was ready");
}

int
ready_wait(enum ready_mode m, struct child *sim, const char *rundir,
	char *port, size_t len, int64_t deadline_ms, int *sig,
	struct buf *reason)
{
	struct child *one[1] = {sim};
	struct pollfd pf[1];
	int ino = -1, have_port = m == READY_PORT, rc = READY_TIMEOUT;
	char buf[4096];

	if (sim->exec_errno) {
		died(sim, reason);
		return READY_DIED;
	}
	if (m == READY_NONE || m == READY_SOCKET || !sim->pid)
		return READY_OK;
	if (m == READY_FILE) {
		ino = inotify_init1(IN_CLOEXEC | IN_NONBLOCK);
		if (ino < 0 || inotify_add_watch(ino, rundir,
		    IN_CLOSE_WRITE | IN_MOVED_TO) < 0)
			fatal(errno, "inotify on %s", rundir);
		pf[0].fd = ino;
		pf[0].events = POLLIN;
	}
	for (;;) {
		int64_t wake = deadline_ms;
		int ev;

		if (!have_port && read_cfg(rundir, port, len))
			have_port = 1;
		if (have_port && listening(port)) {
			rc = READY_OK;
			break;
		}
		/* No event tells when a port starts listening: look again
		 * in 2 ms. The file itself comes through inotify. */
		if (have_port && now_ms() + 2 < wake)
			wake = now_ms() + 2;
		ev = proc_event(one, 1, have_port ? NULL : pf,
		    have_port || ino < 0 ? 0 : 1, wake, sig);
		if (ev == EV_SIGNAL) {
			rc = READY_SIGNAL;
			break;
		}
		if (ev == EV_CHILD) {
			died(sim, reason);
			rc = READY_DIED;
			break;
		}
		if (ev == EV_FD)
			while (read(ino, buf, sizeof buf) > 0)
				;
		if (ev == EV_DEADLINE && now_ms() >= deadline_ms) {
			if (!have_port)
				buf_printf(reason, "the simulator wrote no "
				    "cosim.cfg with its port in time");
			else
				buf_printf(reason, "nothing listened on port %s "
				    "in time", port);
			break;
		}
	}
	held_fd = ino;	/* closed by ready_release, off the critical path */
	return rc;
}

void
ready_release(void)
{
	if (held_fd >= 0)
		close(held_fd);
	held_fd = -1;
}
