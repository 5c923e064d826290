/* ninjalog.c - see ninjalog.h.
 *
 * ninja 1.9 and later keep, in <builddir>/.ninja_log, one line per output
 * of every edge that exited 0: "START\tEND\tMTIME\tPATH\tHASH", times in
 * ms since the build began, MTIME in ns (the output's mtime when the
 * command ended, 0 when it did not exist; 1.12 and later record when the
 * command started), HASH the command's. The last line for a path wins. An
 * output whose recorded mtime is older than its newest input is dirty,
 * whatever its mtime on disk: so a test edge that ended without a stamp
 * (cosim-run exits 0 on a failure) stays dirty in the log even after
 * `cosim-run --scan-only` creates the stamp.
 *
 * Appending a line for the output with its mtime now, the other fields
 * copied from its last line, is what `ninja -t restat OUTPUT` records. It
 * is done here rather than by running that tool because the tool needs
 * the graph's file name and rewrites the whole log, which a ninja running
 * at the same time would lose; one short write with O_APPEND is what
 * ninja itself does to add a line. The layout is the same in log versions
 * 5 to 7; a log of another version is left alone. */
#include "ninjalog.h"
#include "beneath.h"
#include "file.h"
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The last line of text (NUL-terminated) whose fourth field is output,
 * as a pointer to its start, or NULL. */
static const char *
last_entry(const char *text, const char *output)
{
	const char *line, *last = NULL, *f, *e;
	size_t n = strlen(output);
	int k;

	for (line = text; *line; line = e + 1) {
		if (!(e = strchr(line, '\n')))
			break;	/* a line being written */
		for (f = line, k = 0; k < 3 && f && f < e; k++)
			if ((f = memchr(f, '\t', (size_t)(e - f))))
				f++;
		if (k == 3 && f && (size_t)(e - f) > n && f[n] == '\t' &&
		    memcmp(f, output, n) == 0)
			last = line;
	}
	return last;
}

int
ninja_log_restat(const char *log, const char *output, int64_t mtime_ns)
{
	char *text = file_read(log, NULL), *line = NULL, *fields[5], *p;
	const char *at;
	struct buf b = {0};
	int version = 0, fd, k, rc = 0;

	if (!text)
		return errno == ENOENT ? 0 : -1;
	if (sscanf(text, "# ninja log v%d\n", &version) != 1 || version < 5 ||
	    version > 7 || !(at = last_entry(text, output)))
		goto done;
	/* five fields: last_entry saw four tabs */
	line = xstrndup(at, (size_t)(strchr(at, '\n') - at));
	for (p = line, k = 0; k < 5; k++) {
		fields[k] = p;
		if ((p = strchr(p, '\t')))
			*p++ = '\0';
	}
	if (strtoll(fields[2], NULL, 10) >= mtime_ns)
		goto done;	/* the log already has it */
	buf_printf(&b, "%s\t%s\t%lld\t%s\t%s\n", fields[0], fields[1],
	    (long long)mtime_ns, fields[3], fields[4]);
	fd = beneath_open(log, O_WRONLY | O_APPEND | O_CLOEXEC, 0);
	if (fd < 0 || write(fd, b.s, b.len) != (ssize_t)b.len) {
		int e = errno;

		if (fd >= 0)
			close(fd);
		errno = e;
		rc = -1;
		goto done;
	}
	rc = close(fd) == 0 ? 1 : -1;
done:
	buf_free(&b);
	free(line);
	free(text);
	return rc;
}
