/* waiver.c - see waiver.h. */
#include "waiver.h"

#include <errno.h>
#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>

int
waiver_date_ok(const char *s)
{
	static const int days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31,
		30, 31};
	int y, m, d, i;

	for (i = 0; i < 10; i++)
		if (i == 4 || i == 7 ? s[i] != '-' :
		    !(s[i] >= '0' && s[i] <= '9'))
			return 0;
	if (s[10])
		return 0;
	y = atoi(s);
	m = atoi(s + 5);
	d = atoi(s + 8);
	if (m < 1 || m > 12 || d < 1 || d > days[m - 1])
		return 0;
	/* 29 February only in a leap year */
	return !(m == 2 && d == 29 && (y % 4 || (y % 100 == 0 && y % 400)));
}

void
waivers_encode(struct buf *b, const struct waiver *w, size_t n)
{
	size_t i;

	kv_begin(b, WAIVERS_MAGIC);
	for (i = 0; i < n; i++) {
		kv_put(b, "waiver", w[i].name);
		kv_put(b, "signature", w[i].signature);
		kv_put(b, "reason", w[i].reason);
		kv_put(b, "expires", w[i].expires);
		if (w[i].tests)
			kv_put(b, "tests", w[i].tests);
	}
}

/* Set the field of the waiver being read that key names. */
static void
waiver_field(struct waiver *w, const char *key, const char *val)
{
	if (strcmp(key, "signature") == 0)
		w->signature = val;
	else if (strcmp(key, "reason") == 0)
		w->reason = val;
	else if (strcmp(key, "expires") == 0)
		w->expires = val;
	else if (strcmp(key, "tests") == 0)
		w->tests = val;
}

int
waivers_read(struct waivers *ws, const char *path)
{
	size_t i;

	memset(ws, 0, sizeof *ws);
	if (kv_read(&ws->kv, path, WAIVERS_MAGIC) != 0) {
		if (errno != ENOENT)
			return -1;
		memset(&ws->kv, 0, sizeof ws->kv);
		return 0;
	}
	ws->w = xcalloc(ws->kv.n + 1, sizeof *ws->w);
	for (i = 0; i < ws->kv.n; i++) {
		if (strcmp(ws->kv.keys[i], "waiver") == 0)
			ws->w[ws->n++].name = ws->kv.vals[i];
		else if (ws->n)
			waiver_field(&ws->w[ws->n - 1], ws->kv.keys[i],
			    ws->kv.vals[i]);
	}
	/* one that lacks a field (a hand-edited file) waives nothing */
	for (i = 0; i < ws->n; i++)
		if (!ws->w[i].signature || !ws->w[i].reason ||
		    !ws->w[i].expires || !waiver_date_ok(ws->w[i].expires))
			ws->w[i].signature = NULL;
	return 0;
}

void
waivers_free(struct waivers *ws)
{
	free(ws->w);
	if (ws->kv.data)
		kv_free(&ws->kv);
	memset(ws, 0, sizeof *ws);
}

int
waiver_expired(const struct waiver *w, time_t now)
{
	char today[16];
	struct tm tm;

	if (!localtime_r(&now, &tm) ||
	    !strftime(today, sizeof today, "%Y-%m-%d", &tm))
		return 0;
	/* the same width and order: the strings compare as the dates */
	return strcmp(today, w->expires) > 0;
}

/* Whether pattern matches s, with '*' and '?' its only wildcards: a
 * signature holds brackets ("[SCB]", "mem[<n>]") that a shell pattern
 * would take for a set. */
static int
glob_match(const char *pattern, const char *s)
{
	struct buf b = {0};
	int m;

	for (; *pattern; pattern++) {
		if (*pattern == '[' || *pattern == ']' || *pattern == '\\')
			buf_putc(&b, '\\');
		buf_putc(&b, *pattern);
	}
	buf_putc(&b, '\0');
	m = fnmatch(b.s, s, 0) == 0;
	buf_free(&b);
	return m;
}

int
waiver_covers(const struct waiver *w, const char *test, const char *signature)
{
	if (!w->signature || !signature)
		return 0;
	if (w->tests && fnmatch(w->tests, test, 0) != 0)
		return 0;
	if (strcmp(w->signature, signature) == 0)
		return 1;
	return strpbrk(w->signature, "*?") && glob_match(w->signature,
	    signature);
}

const struct waiver *
waivers_find(const struct waivers *ws, const char *test,
    const char *signature, time_t now)
{
	size_t i;

	for (i = 0; i < ws->n; i++)
		if (waiver_covers(&ws->w[i], test, signature) &&
		    !waiver_expired(&ws->w[i], now))
			return &ws->w[i];
	return NULL;
}
