/* escape.c - see escape.h. */
#include "escape.h"

#include <assert.h>
#include <string.h>

static int
shell_safe(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || strchr("_@%+=:,./-", c) != NULL;
}

void
esc_shell(struct buf *b, const char *s)
{
	const char *p;
	int safe = *s != '\0';

	for (p = s; *p && safe; p++)
		safe = shell_safe((unsigned char)*p);
	if (safe) {
		buf_puts(b, s);
		return;
	}
	buf_putc(b, '\'');
	for (p = s; *p; p++) {
		if (*p == '\'')
			buf_puts(b, "'\\''");
		else
			buf_putc(b, *p);
	}
	buf_putc(b, '\'');
}

void
esc_ninja_path(struct buf *b, const char *s)
{
	if (!strpbrk(s, "$ :\n")) {
		buf_puts(b, s);	/* the common case */
		return;
	}
	for (; *s; s++) {
		assert(*s != '\n');
		if (*s == '$' || *s == ' ' || *s == ':')
			buf_putc(b, '$');
		buf_putc(b, *s);
	}
}

void
esc_ninja_value(struct buf *b, const char *s)
{
	int leading = 1;

	if (*s != ' ' && *s != '\t' && !strpbrk(s, "$\n")) {
		buf_puts(b, s);	/* the common case */
		return;
	}
	for (; *s; s++) {
		assert(*s != '\n');
		if (*s == '$' || (leading && (*s == ' ' || *s == '\t')))
			buf_putc(b, '$');
		else
			leading = 0;
		buf_putc(b, *s);
	}
}

int
esc_make_path_ok(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if ((unsigned char)*s <= ' ' || strchr(":#%=;\\*?[~\"'`|&<>(){}", *s))
			return 0;
	return 1;
}

void
esc_make_path(struct buf *b, const char *s)
{
	assert(esc_make_path_ok(s));
	for (; *s; s++) {
		if (*s == '$')
			buf_putc(b, '$');
		buf_putc(b, *s);
	}
}

void
esc_make_recipe(struct buf *b, const char *s)
{
	for (; *s; s++) {
		assert(*s != '\n');
		if (*s == '$')
			buf_putc(b, '$');
		buf_putc(b, *s);
	}
}

void
esc_make_value(struct buf *b, const char *s)
{
	for (; *s; s++) {
		assert(*s != '\n');
		if (*s == '$')
			buf_putc(b, '$');
		else if (*s == '#')
			buf_putc(b, '\\');
		buf_putc(b, *s);
	}
}

void
esc_line(struct buf *b, const char *s)
{
	if (!strpbrk(s, "\\\n\r")) {
		buf_puts(b, s);	/* the common case */
		return;
	}
	for (; *s; s++) {
		switch (*s) {
		case '\\': buf_puts(b, "\\\\"); break;
		case '\n': buf_puts(b, "\\n"); break;
		case '\r': buf_puts(b, "\\r"); break;
		default: buf_putc(b, *s);
		}
	}
}

char *
unesc_line(char *s)
{
	char *r = s, *w = s;

	while (*r) {
		if (r[0] == '\\' && r[1]) {
			switch (r[1]) {
			case '\\': *w++ = '\\'; r += 2; continue;
			case 'n': *w++ = '\n'; r += 2; continue;
			case 'r': *w++ = '\r'; r += 2; continue;
			}
		}
		*w++ = *r++;
	}
	*w = '\0';
	return s;
}
