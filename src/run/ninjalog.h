/* ninjalog.h - tell ninja's build log that an output changed outside
 * ninja, as `ninja -t restat` does. */
#ifndef COSIM_NINJALOG_H
#define COSIM_NINJALOG_H

#include <stdint.h>

/* Record in the ninja log at path that output now has mtime_ns, so that
 * ninja takes it as up to date when its inputs are older. Returns 1 when a
 * line was added, 0 when there was nothing to do (no log, no line for
 * output, a log version this does not know, or a recorded mtime as new),
 * -1 with errno set when the log cannot be read or written. */
int ninja_log_restat(const char *log, const char *output, int64_t mtime_ns);

#endif
