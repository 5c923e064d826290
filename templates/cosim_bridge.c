/* cosim_bridge.c - see cosim_bridge.h. Build: list this file (by an
 * absolute path) among a Verilator design's sources, or build it with
 * iverilog-vpi for Icarus (cosimgen does both when the design has
 * bridge = yes). Define COSIM_BRIDGE_VPI for the VPI face. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "cosim_bridge.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define LINE_MAX_LEN 65536
#ifndef SPIN_US
#define SPIN_US 50	/* how long a wait looks before it sleeps */
#endif

static int listen_fd = -1, conn_fd = -1;
static int left;			/* the client has gone */
static volatile sig_atomic_t term;	/* SIGTERM arrived */
static char inbuf[LINE_MAX_LEN + 1];
static size_t inlen;
static char line[LINE_MAX_LEN + 1];

static int wake[2] = {-1, -1};	/* SIGTERM wakes a waiting poll() */

static void
on_term(int sig)
{
	int e = errno;

	(void)sig;
	term = 1;
	if (wake[1] >= 0 && write(wake[1], "", 1) < 0) {
		/* full: a wakeup is pending anyway */
	}
	errno = e;
}

/* Runs when the library is loaded, before the simulation starts. */
__attribute__((constructor)) static void
cosim_bridge_init(void)
{
	struct sigaction sa;

	signal(SIGPIPE, SIG_IGN);
	if (pipe2(wake, O_CLOEXEC | O_NONBLOCK) != 0)
		wake[0] = wake[1] = -1;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_term;	/* no SA_RESTART: poll() returns */
	sigaction(SIGTERM, &sa, NULL);
}

static void
warn(const char *what)
{
	fprintf(stderr, "cosim_bridge: %s: %s\n", what, strerror(errno));
}

/* The listening socket: fd 3 from cosim-run, else our own. */
static int
get_listener(void)
{
	const char *fds = getenv("LISTEN_FDS"), *pid = getenv("LISTEN_PID");
	struct sockaddr_in a;
	socklen_t al = sizeof a;
	FILE *f;

	if (listen_fd >= 0)
		return 0;
	if (fds && strcmp(fds, "1") == 0 &&
	    (!pid || atol(pid) == (long)getpid())) {
		listen_fd = 3;
		return 0;
	}
	listen_fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	memset(&a, 0, sizeof a);
	a.sin_family = AF_INET;
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	/* ready = port: cosim-run chose the port */
	if (getenv("COSIM_PORT") && atoi(getenv("COSIM_PORT")) > 0)
		a.sin_port = htons((unsigned short)atoi(getenv("COSIM_PORT")));
	if (listen_fd < 0 || bind(listen_fd, (struct sockaddr *)&a, sizeof a) ||
	    listen(listen_fd, 1) ||
	    getsockname(listen_fd, (struct sockaddr *)&a, &al)) {
		warn("cannot listen on 127.0.0.1");
		return -1;
	}
	/* publish the port atomically */
	if (!(f = fopen("cosim.cfg.tmp", "w"))) {
		warn("cannot write cosim.cfg");
		return -1;
	}
	fprintf(f, "port: %u\n", ntohs(a.sin_port));
	if (fclose(f) != 0 || rename("cosim.cfg.tmp", "cosim.cfg") != 0) {
		warn("cannot write cosim.cfg");
		return -1;
	}
	printf("cosim_bridge: listening on 127.0.0.1:%u\n", ntohs(a.sin_port));
	return 0;
}

int
cosim_accept(void)
{
	int one = 1;

	if (conn_fd >= 0)
		return 0;
	if (get_listener() != 0)
		return -1;
	while (conn_fd < 0 && !term) {
		struct pollfd p[2] = {{listen_fd, POLLIN, 0}, {wake[0], POLLIN, 0}};

		if (poll(p, wake[0] >= 0 ? 2 : 1, -1) < 0 && errno != EINTR)
			return -1;
		if (p[0].revents)
			conn_fd = accept4(listen_fd, NULL, NULL, SOCK_CLOEXEC);
	}
	if (conn_fd < 0)
		return -1;
	setsockopt(conn_fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
	return 0;
}

static long long
now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

/* Read what the socket has; wait only when asked. 1 while open. A wait
 * first looks again for a short while (the answer to a request usually
 * comes within microseconds, and going to sleep and waking costs more),
 * then blocks in poll(), using no CPU while the client is silent. */
static int
fill(int wait)
{
	long long spin_until = wait ? now_us() + SPIN_US : 0;

	while (!left && !term && inlen < LINE_MAX_LEN) {
		/* the wake pipe: a SIGTERM between the check of term and
		 * poll() still ends the wait */
		struct pollfd p[2] = {{conn_fd, POLLIN, 0}, {wake[0], POLLIN, 0}};
		ssize_t n;
		int r = poll(p, wake[0] >= 0 ? 2 : 1,
		    !wait || now_us() < spin_until ? 0 : -1);

		if (r == 0 && wait)
			continue;	/* still spinning */
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0 || !p[0].revents)
			break;
		n = recv(conn_fd, inbuf + inlen, LINE_MAX_LEN - inlen, 0);
		if (n <= 0) {
			left = 1;	/* a disconnect is the natural quit */
			break;
		}
		inlen += (size_t)n;
		if (memchr(inbuf, '\n', inlen))
			break;
	}
	return !left;
}

int
cosim_poll(void)
{
	if (conn_fd < 0 && cosim_accept() != 0)
		return -1;
	if (memchr(inbuf, '\n', inlen))
		return 1;
	fill(0);
	if (memchr(inbuf, '\n', inlen))
		return 1;
	return left || term ? -1 : 0;
}

const char *
cosim_recv(void)
{
	char *nl;
	size_t n;

	if (conn_fd < 0 && cosim_accept() != 0)
		return "";
	while (!(nl = (char *)memchr(inbuf, '\n', inlen)) && !left && !term &&
	    inlen < LINE_MAX_LEN)
		fill(1);
	if (!nl && inlen == LINE_MAX_LEN) {
		/* longer than a message may be: hand it over cut, keep the
		 * rest for the next call */
		fprintf(stderr, "cosim_bridge: a message longer than %d bytes "
		    "was cut\n", LINE_MAX_LEN);
		memcpy(line, inbuf, LINE_MAX_LEN);
		line[LINE_MAX_LEN] = '\0';
		inlen = 0;
		return line;
	}
	if (!nl)
		return "";
	n = (size_t)(nl - inbuf);
	memcpy(line, inbuf, n);
	line[n] = '\0';
	if (n && line[n - 1] == '\r')
		line[n - 1] = '\0';
	inlen -= n + 1;
	memmove(inbuf, nl + 1, inlen);
	return line;
}

int
cosim_recv_msg(const char **msg)
{
	*msg = cosim_recv();
	return **msg || !cosim_done() ? 0 : -1;
}

int
cosim_send(const char *msg)
{
	size_t n = strlen(msg), off = 0;
	char *buf;

	if (conn_fd < 0 || left)
		return -1;
	buf = (char *)malloc(n + 1);
	if (!buf)
		return -1;
	memcpy(buf, msg, n);
	buf[n] = '\n';
	while (off < n + 1) {
		ssize_t w = send(conn_fd, buf + off, n + 1 - off, MSG_NOSIGNAL);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			left = 1;
			break;
		}
		off += (size_t)w;
	}
	free(buf);
	return left ? -1 : 0;
}

int
cosim_done(void)
{
	return left || term;
}

#ifdef COSIM_BRIDGE_VPI
/* The VPI face, for Icarus: $cosim_accept(), $cosim_poll(),
 * $cosim_send(msg), $cosim_done() return integers; $cosim_recv(var)
 * stores the message in var (a string or a wide enough reg). */
#include <vpi_user.h>

static PLI_INT32
put_int(int v)
{
	vpiHandle call = vpi_handle(vpiSysTfCall, NULL);
	s_vpi_value val;

	val.format = vpiIntVal;
	val.value.integer = v;
	vpi_put_value(call, &val, NULL, vpiNoDelay);
	return 0;
}

static vpiHandle
arg(int i)
{
	vpiHandle call = vpi_handle(vpiSysTfCall, NULL);
	vpiHandle it = vpi_iterate(vpiArgument, call), h = NULL;

	while (it && (h = vpi_scan(it)) && i-- > 0)
		;
	if (it && h)
		vpi_free_object(it);
	return h;
}

static PLI_INT32 t_accept(PLI_BYTE8 *u) { (void)u; return put_int(cosim_accept()); }
static PLI_INT32 t_poll(PLI_BYTE8 *u) { (void)u; return put_int(cosim_poll()); }
static PLI_INT32 t_done(PLI_BYTE8 *u) { (void)u; return put_int(cosim_done()); }

static PLI_INT32
t_send(PLI_BYTE8 *u)
{
	vpiHandle a = arg(0);
	s_vpi_value val;

	(void)u;
	val.format = vpiStringVal;
	if (!a)
		return put_int(-1);
	vpi_get_value(a, &val);
	return put_int(cosim_send(val.value.str));
}

static PLI_INT32
t_recv(PLI_BYTE8 *u)
{
	vpiHandle a = arg(0);
	s_vpi_value val;
	const char *msg = cosim_recv();

	(void)u;
	if (a) {
		val.format = vpiStringVal;
		val.value.str = (PLI_BYTE8 *)msg;
		vpi_put_value(a, &val, NULL, vpiNoDelay);
	}
	return put_int(*msg || !cosim_done() ? 0 : -1);	/* as cosim_recv_msg */
}

static void
reg(const char *name, PLI_INT32 (*fn)(PLI_BYTE8 *))
{
	s_vpi_systf_data tf;

	memset(&tf, 0, sizeof tf);
	tf.type = vpiSysFunc;
	tf.sysfunctype = vpiIntFunc;
	tf.tfname = (PLI_BYTE8 *)name;
	tf.calltf = fn;
	vpi_register_systf(&tf);
}

static void
cosim_register(void)
{
	reg("$cosim_accept", t_accept);
	reg("$cosim_poll", t_poll);
	reg("$cosim_recv", t_recv);
	reg("$cosim_send", t_send);
	reg("$cosim_done", t_done);
}

void (*vlog_startup_routines[])(void) = {cosim_register, 0};
#endif
