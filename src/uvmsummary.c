/* uvmsummary.c - see uvmsummary.h. */
#include "uvmsummary.h"

#include <string.h>

const char *const uvm_severity_names[UVM_SEV_N] = {"UVM_INFO",
	"UVM_WARNING", "UVM_ERROR", "UVM_FATAL"};

/* Where in a table the reader is. */
enum { OUTSIDE, HEADER, COUNTS };

/* The most lines between the header and the severity heading: a blank
 * line and the quit count's two take three. */
#define HEADER_LINES 8
/* A count of more digits is no count (and could not be held). */
#define COUNT_DIGITS 15

/* The first word in the len bytes at s, or NULL. */
static const char *
find(const char *s, size_t len, const char *word)
{
	size_t n = strlen(word);
	const char *end = s + len, *p;

	for (p = s; (size_t)(end - p) >= n; p++) {
		p = memchr(p, word[0], (size_t)(end - p) - n + 1);
		if (!p)
			return NULL;
		if (memcmp(p, word, n) == 0)
			return p;
	}
	return NULL;
}

static const char *
blanks(const char *p, const char *end)
{
	while (p < end && (*p == ' ' || *p == '\t' || *p == '\r'))
		p++;
	return p;
}

/* "SEVERITY :   N" from p to the end of the line: its severity and
 * count, or -1. */
static int
count_at(const char *p, const char *end, long long *n)
{
	size_t k, len, digits = 0;
	int sev = -1;

	for (k = 0; k < UVM_SEV_N && sev < 0; k++) {
		len = strlen(uvm_severity_names[k]);
		if ((size_t)(end - p) > len &&
		    memcmp(p, uvm_severity_names[k], len) == 0 &&
		    (p[len] == ' ' || p[len] == '\t' || p[len] == ':'))
			sev = (int)k;
	}
	if (sev < 0)
		return -1;
	p = blanks(p + strlen(uvm_severity_names[sev]), end);
	if (p == end || *p++ != ':')
		return -1;
	p = blanks(p, end);
	*n = 0;
	while (p < end && *p >= '0' && *p <= '9') {
		if (++digits > COUNT_DIGITS)
			return -1;
		*n = *n * 10 + (*p++ - '0');
	}
	return digits && blanks(p, end) == end ? sev : -1;
}

/* A count line of a table, after any prefix a transcript gives it: its
 * severity and count, or -1. */
static int
count_line(const char *line, size_t len, long long *n)
{
	const char *end = line + len, *p = line;
	int sev;

	while ((p = find(p, (size_t)(end - p), "UVM_")) != NULL) {
		if ((sev = count_at(p, end, n)) >= 0)
			return sev;
		p++;
	}
	return -1;
}

void
uvm_reader_start(struct uvm_reader *u, int stream)
{
	memset(u, 0, sizeof *u);
	u->state = OUTSIDE;
	u->stream = stream;
}

void
uvm_reader_line(struct uvm_reader *u, const char *line, size_t len,
    size_t lineno, struct uvm_summary *last)
{
	long long n;
	int sev;

	if (find(line, len, "--- UVM Report Summary ---")) {
		/* a new table: a later summary counts all an earlier did */
		memset(&u->cur, 0, sizeof u->cur);
		u->cur.stream = u->stream;
		u->cur.line = lineno;
		u->state = HEADER;
		u->idle = 0;
	} else if (u->state == HEADER) {
		if (find(line, len, "** Report counts by severity"))
			u->state = COUNTS;
		else if (++u->idle > HEADER_LINES)
			u->state = OUTSIDE;
	} else if (u->state == COUNTS) {
		if ((sev = count_line(line, len, &n)) < 0) {
			u->state = OUTSIDE;	/* the table ended */
			return;
		}
		u->cur.count[sev] = n;
		u->cur.seen = 1;
		*last = u->cur;
	}
}

int
uvm_summary_fails(const struct uvm_summary *s)
{
	return s->seen && (s->count[UVM_SEV_ERROR] > 0 ||
	    s->count[UVM_SEV_FATAL] > 0);
}
