/* testslist.c - see testslist.h. */
#include "testslist.h"

#include <string.h>

void
testslist_put(struct buf *b, const char *name, char *const *labels)
{
	buf_puts(b, name);
	for (; labels && *labels; labels++) {
		buf_putc(b, ' ');
		buf_puts(b, *labels);
	}
	buf_putc(b, '\n');
}

void
testslist_parse(char *line, char **name, char ***labels)
{
	static char *none[] = {NULL};
	char **l = NULL, *w, *save = NULL;
	size_t n = 0;

	*name = line;
	*labels = none;
	if (!(line = strchr(line, ' ')))
		return;
	*line++ = '\0';
	for (w = strtok_r(line, " ", &save); w; w = strtok_r(NULL, " ", &save)) {
		l = xrealloc(l, (n + 2) * sizeof *l);
		l[n++] = w;
		l[n] = NULL;
	}
	if (l)
		*labels = l;
}
