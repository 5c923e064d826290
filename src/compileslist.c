/* compileslist.c - see compileslist.h. */
#include "compileslist.h"

#include <stdlib.h>
#include <string.h>

void
compileslist_put(struct buf *b, const char *id, int64_t timeout,
    int64_t grace, int64_t jobs, const char *names)
{
	buf_printf(b, "%s %lld %lld", id, (long long)timeout, (long long)grace);
	if (jobs > 0)
		buf_printf(b, " jobs=%lld", (long long)jobs);
	if (names) {
		buf_putc(b, ' ');
		buf_puts(b, names);
	}
	buf_putc(b, '\n');
}

int
compileslist_parse(const char *line, struct compiles_line *cl)
{
	const char *p;
	char *end;

	cl->id = line;
	cl->id_len = strcspn(line, " ");
	if (!cl->id_len || line[cl->id_len] != ' ')
		return -1;
	cl->timeout = strtoll(p = line + cl->id_len + 1, &end, 10);
	if (end == p || *end != ' ')
		return -1;
	cl->grace = strtoll(p = end + 1, &end, 10);
	if (end == p || (*end && *end != ' '))
		return -1;
	cl->jobs = 0;
	if (strncmp(end, " jobs=", 6) == 0) {
		cl->jobs = strtoll(p = end + 6, &end, 10);
		if (end == p || cl->jobs < 1 || (*end && *end != ' '))
			return -1;
	}
	cl->names = *end ? end + 1 : NULL;
	return 0;
}
