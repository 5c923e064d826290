/* plan.c - see plan.h. */
#include "plan.h"
#include "beneath.h"
#include "gen/progressplan.h"
#include "layout.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

int
plan_open(struct plan *p, const char *builddir)
{
	char *path = layout_top(builddir, TOP_PROGRESS_PLAN);
	int fd = beneath_open(path, O_RDONLY | O_CLOEXEC, 0);
	size_t m = strlen(PROGRESS_PLAN_MAGIC "\n");
	struct stat st;

	free(path);
	memset(p, 0, sizeof *p);
	if (fd < 0)
		return -1;
	if (fstat(fd, &st) == 0 && (size_t)st.st_size > m) {
		p->map = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE,
		    fd, 0);
		if (p->map == MAP_FAILED)
			p->map = NULL;
	}
	close(fd);
	if (!p->map)
		return -1;
	p->len = (size_t)st.st_size;
	p->first = m;
	if (memcmp(p->map, PROGRESS_PLAN_MAGIC "\n", m) != 0 ||
	    p->map[p->len - 1] != '\n') {	/* not one, or not whole */
		munmap(p->map, p->len);
		p->map = NULL;
		return -1;
	}
	return 0;
}

void
plan_close(struct plan *p)
{
	if (p->map)
		munmap(p->map, p->len);
	p->map = NULL;
}

/* name against the name that starts the line at s: <0, 0, >0. */
static int
name_cmp(const char *name, const char *s)
{
	for (; *s != '\t' && *s != '\n'; name++, s++)
		if (*name != *s)
			return (unsigned char)*name - (unsigned char)*s;
	return *name ? 1 : 0;
}

const char *
plan_find(const struct plan *p, const char *name)
{
	size_t lo = p->first, hi = p->len, s;
	int c;

	while (p->map && lo < hi) {
		for (s = lo + (hi - lo) / 2; s > lo && p->map[s - 1] != '\n';)
			s--;
		if ((c = name_cmp(name, p->map + s)) == 0)
			return p->map + s;
		if (c < 0)
			hi = s;
		else
			lo = (size_t)((char *)memchr(p->map + s, '\n', p->len -
			    s) - p->map) + 1;
	}
	return NULL;
}

long long
plan_line_ms(const char *line)
{
	return strtoll(line + strcspn(line, "\t\n"), NULL, 10);
}

int
plan_field(const char **s, struct buf *b)
{
	size_t n;

	*s += strcspn(*s, "\t\n");	/* at a line's start: past its name */
	if (**s != '\t')
		return 0;
	n = strcspn(++*s, "\t\n");
	buf_reset(b);
	buf_add(b, *s, n);
	*s += n;
	return 1;
}

void
plan_inputs_hash(const char *line, const char *spec_hash, char out[17])
{
	uint64_t h = fnv1a(FNV_OFFSET, spec_hash, strlen(spec_hash) + 1);
	struct buf b = {0};
	struct stat st;
	char what[64];
	int n;

	/* past the name, the expected duration and the stamp (an output) */
	if (plan_field(&line, &b) && plan_field(&line, &b))
		while (plan_field(&line, &b)) {
			n = stat(b.s, &st) != 0 ? snprintf(what, sizeof what,
			    "missing") : snprintf(what, sizeof what,
			    "%lld.%09ld %lld", (long long)st.st_mtim.tv_sec,
			    (long)st.st_mtim.tv_nsec, (long long)st.st_size);
			h = fnv1a(h, b.s, b.len + 1);
			h = fnv1a(h, what, (size_t)n + 1);
		}
	buf_free(&b);
	snprintf(out, 17, "%016llx", (unsigned long long)h);
}
