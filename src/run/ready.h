/* ready.h - making the simulator reachable: the readiness modes.
 *
 *   socket  the launcher binds 127.0.0.1:0 and hands the listening socket
 *           to the simulator as fd 3 (LISTEN_FDS=1): ready at once, since
 *           the kernel queues a client until the simulator accepts.
 *   file    the simulator writes cosim.cfg ("port: N") into its run
 *           directory; the launcher waits for it with inotify, then for
 *           the port to be listening.
 *   port    the launcher picks a free port, passes it as COSIM_PORT, and
 *           waits for it to be listening.
 *   none    no server.
 * "Listening" is read from /proc/net/tcp rather than by connecting, since
 * a probe connection could be taken for the client by a simulator that
 * serves one client and quits when it leaves. */
#ifndef COSIM_READY_H
#define COSIM_READY_H

#include <stddef.h>
#include <stdint.h>
#include "proc.h"
#include "util.h"

enum ready_mode { READY_NONE, READY_SOCKET, READY_FILE, READY_PORT };

/* The mode spelt word (NULL: none). */
enum ready_mode ready_mode(const char *word);
/* Before the simulator starts: for socket, a listening socket (returned)
 * and its port; for port, a free port. Returns the socket fd or -1;
 * port is "0" when there is none yet. Dies on failure. */
int ready_prepare(enum ready_mode m, char *port, size_t len);

enum { READY_OK, READY_DIED, READY_TIMEOUT, READY_SIGNAL };

/* Wait until the simulator is reachable or deadline_ms passes. On success
 * port holds the port. *sig receives a terminating signal (READY_SIGNAL);
 * reason explains a failure. */
int ready_wait(enum ready_mode m, struct child *sim, const char *rundir,
	char *port, size_t len, int64_t deadline_ms, int *sig,
	struct buf *reason);

/* Free what ready_wait kept. Closing an inotify instance waits for an RCU
 * grace period (milliseconds), so this comes after the test has started. */
void ready_release(void);

#endif
