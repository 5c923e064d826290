/* kvfile.c - see kvfile.h. */
#include "kvfile.h"
#include "file.h"
#include "escape.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

void
kv_begin(struct buf *b, const char *magic)
{
	buf_puts(b, magic);
	buf_putc(b, '\n');
}

void
kv_put(struct buf *b, const char *key, const char *value)
{
	buf_puts(b, key);
	buf_putc(b, ' ');
	esc_line(b, value);
	buf_putc(b, '\n');
}

void
kv_putf(struct buf *b, const char *key, const char *fmt, ...)
{
	struct buf v = {0};
	va_list ap;

	va_start(ap, fmt);
	buf_vprintf(&v, fmt, ap);
	va_end(ap);
	kv_put(b, key, v.s ? v.s : "");
	buf_free(&v);
}

void
kv_putint(struct buf *b, const char *key, long long v)
{
	buf_puts(b, key);
	buf_putc(b, ' ');
	buf_putint(b, v);
	buf_putc(b, '\n');
}

static int
key_ok(const char *k)
{
	if (!*k)
		return 0;
	for (; *k; k++)
		if (!((*k >= 'a' && *k <= 'z') || *k == '_' ||
		    (*k >= '0' && *k <= '9')))
			return 0;
	return 1;
}

int
kv_parse(struct kvfile *s, char *text, const char *magic, size_t *line)
{
	char *p = text, *nl;
	size_t cap = 0, ln = 1;

	memset(s, 0, sizeof *s);
	s->data = text;
	nl = strchr(p, '\n');
	if (!nl || (size_t)(nl - p) != strlen(magic) ||
	    strncmp(p, magic, strlen(magic)) != 0) {
		*line = 1;
		return -1;
	}
	*nl = '\0';
	s->magic = p;
	p = nl + 1;
	while (*p) {
		char *sp;

		ln++;
		nl = strchr(p, '\n');
		if (!nl) {
			*line = ln;	/* a cut-off last line: not ours */
			return -1;
		}
		*nl = '\0';
		sp = strchr(p, ' ');
		if (!sp) {
			*line = ln;
			return -1;
		}
		*sp = '\0';
		if (!key_ok(p)) {
			*line = ln;
			return -1;
		}
		if (s->n == cap) {
			cap = cap ? cap * 2 : 32;
			s->keys = xrealloc(s->keys, cap * sizeof *s->keys);
			s->vals = xrealloc(s->vals, cap * sizeof *s->vals);
		}
		s->keys[s->n] = p;
		s->vals[s->n] = unesc_line(sp + 1);
		s->n++;
		p = nl + 1;
	}
	return 0;
}

int
kv_read(struct kvfile *s, const char *path, const char *magic)
{
	size_t len, line;
	char *text = file_read(path, &len);

	memset(s, 0, sizeof *s);
	if (!text)
		return -1;
	if (strlen(text) != len) {
		free(text);
		errno = EINVAL;
		return -1;
	}
	if (kv_parse(s, text, magic, &line) < 0) {
		kv_free(s);
		errno = EINVAL;
		return -1;
	}
	return 0;
}

const char *
kv_next(const struct kvfile *s, const char *key, size_t *i)
{
	for (; *i < s->n; (*i)++) {
		if (strcmp(s->keys[*i], key) == 0)
			return s->vals[(*i)++];
	}
	return NULL;
}

const char *
kv_get(const struct kvfile *s, const char *key)
{
	size_t i = 0;

	return kv_next(s, key, &i);
}

const char *
kv_need(const struct kvfile *s, const char *key)
{
	const char *v = kv_get(s, key);

	if (!v)
		fatal(0, "%sspec has no '%s'", s->magic && strcmp(s->magic,
		    COMPILE_MAGIC) == 0 ? "compile " : "", key);
	return v;
}

int64_t
kv_int(const struct kvfile *s, const char *key)
{
	const char *v = kv_get(s, key);

	return v ? strtoll(v, NULL, 10) : 0;
}

void
kv_free(struct kvfile *s)
{
	free(s->keys);
	free(s->vals);
	free(s->data);
	memset(s, 0, sizeof *s);
}
