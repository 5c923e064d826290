/* cosim_client.h - the host side of a co-simulation test, for C and C++
 * test programs; header only.
 *
 *   struct cosim_client c;
 *   if (cosim_connect(&c) != 0) ... ;         COSIM_HOST / COSIM_PORT
 *   cosim_client_send(&c, "add 2 3");
 *   const char *answer = cosim_client_recv(&c);   NULL: the simulator left
 *   cosim_disconnect(&c);                     the testbench then finishes
 *
 * Messages are lines of text, as the bridge (cosim_bridge.h) speaks them.
 * Without COSIM_PORT the port is read from cosim.cfg ("port: N"). */
#ifndef COSIM_CLIENT_H
#define COSIM_CLIENT_H

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#ifndef COSIM_CLIENT_LINE
#define COSIM_CLIENT_LINE 65536
#endif

struct cosim_client {
	int fd;
	size_t len;
	char buf[COSIM_CLIENT_LINE + 1];
	char line[COSIM_CLIENT_LINE + 1];
};

static inline int
cosim_client_port(void)
{
	const char *p = getenv("COSIM_PORT");
	char text[256];
	FILE *f;
	int port = 0;

	if (p && *p)
		return atoi(p);
	if (!(f = fopen("cosim.cfg", "r")))
		return 0;
	while (fgets(text, sizeof text, f))
		if (sscanf(text, " port : %d", &port) == 1)
			break;
	fclose(f);
	return port;
}

/* Connect to the simulator; 0, or -1 (errno set). */
static inline int
cosim_connect(struct cosim_client *c)
{
	const char *host = getenv("COSIM_HOST");
	struct sockaddr_in a;
	int one = 1;

	memset(c, 0, sizeof *c);
	memset(&a, 0, sizeof a);
	a.sin_family = AF_INET;
	a.sin_port = htons((unsigned short)cosim_client_port());
	if (inet_pton(AF_INET, host && *host ? host : "127.0.0.1",
	    &a.sin_addr) != 1)
		return -1;
	c->fd = socket(AF_INET, SOCK_STREAM, 0);
	if (c->fd < 0 || connect(c->fd, (struct sockaddr *)&a, sizeof a) != 0)
		return -1;
	setsockopt(c->fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
	return 0;
}

/* Send one message; 0, or -1 when the simulator has gone. The message and
 * its newline go in one send: two would cost the bridge a second wakeup. */
static inline int
cosim_client_send(struct cosim_client *c, const char *msg)
{
	size_t n = strlen(msg), off = 0;
	char *buf = (char *)malloc(n + 1);

	if (!buf)
		return -1;
	memcpy(buf, msg, n);
	buf[n] = '\n';
	while (off <= n) {
		ssize_t w = send(c->fd, buf + off, n + 1 - off, MSG_NOSIGNAL);

		if (w <= 0) {
			free(buf);
			return -1;
		}
		off += (size_t)w;
	}
	free(buf);
	return 0;
}

/* The next message (valid until the next call), or NULL when the
 * simulator has gone. */
static inline const char *
cosim_client_recv(struct cosim_client *c)
{
	char *nl;
	size_t n;

	while (!(nl = (char *)memchr(c->buf, '\n', c->len))) {
		ssize_t r;

		if (c->len == COSIM_CLIENT_LINE)
			return NULL;
		r = recv(c->fd, c->buf + c->len, COSIM_CLIENT_LINE - c->len, 0);
		if (r <= 0)
			return NULL;
		c->len += (size_t)r;
	}
	n = (size_t)(nl - c->buf);
	memcpy(c->line, c->buf, n);
	c->line[n] = '\0';
	if (n && c->line[n - 1] == '\r')
		c->line[n - 1] = '\0';
	c->len -= n + 1;
	memmove(c->buf, nl + 1, c->len);
	return c->line;
}

/* Leave: the testbench sees cosim_done() and finishes. */
static inline void
cosim_disconnect(struct cosim_client *c)
{
	if (c->fd >= 0)
		close(c->fd);
	c->fd = -1;
}

#endif
