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
esc_depfile(struct buf *b, const char *s)
{
	for (; *s; s++) {
		assert(*s != '\n');
		if (*s == ' ' || *s == '\t' || *s == '#')
			buf_putc(b, '\\');
		else if (*s == '$')
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

/* '\\', newline, carriage return and, when tabs is set, tab as
 * two-character escapes. */
static void
esc_escapes(struct buf *b, const char *s, int tabs)
{
	for (; *s; s++) {
		switch (*s) {
		case '\\': buf_puts(b, "\\\\"); break;
		case '\n': buf_puts(b, "\\n"); break;
		case '\r': buf_puts(b, "\\r"); break;
		case '\t':
			buf_puts(b, tabs ? "\\t" : "\t");
			break;
		default: buf_putc(b, *s);
		}
	}
}

void
esc_line(struct buf *b, const char *s)
{
	if (!strpbrk(s, "\\\n\r")) {
		buf_puts(b, s);	/* the common case */
		return;
	}
	esc_escapes(b, s, 0);
}

void
esc_field(struct buf *b, const char *s)
{
	esc_escapes(b, s, 1);
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
			case 't': *w++ = '\t'; r += 2; continue;
			}
		}
		*w++ = *r++;
	}
	*w = '\0';
	return s;
}

/* Length of the valid UTF-8 sequence at p (1 to 4), or 0: overlong forms,
 * surrogates and code points past U+10FFFF are not valid. *cp gets the
 * code point. */
static int
utf8_seq(const unsigned char *p, unsigned long *cp)
{
	int n, i;
	unsigned long c;

	if (p[0] < 0x80) {
		*cp = p[0];
		return 1;
	}
	if (p[0] >= 0xc2 && p[0] <= 0xdf)
		n = 2, c = p[0] & 0x1f;
	else if (p[0] >= 0xe0 && p[0] <= 0xef)
		n = 3, c = p[0] & 0x0f;
	else if (p[0] >= 0xf0 && p[0] <= 0xf4)
		n = 4, c = p[0] & 0x07;
	else
		return 0;
	for (i = 1; i < n; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return 0;
		c = c << 6 | (p[i] & 0x3f);
	}
	if ((n == 3 && c < 0x800) || (n == 4 && (c < 0x10000 || c > 0x10ffff)) ||
	    (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return n;
}

/* How many bytes from p on are printable ASCII other than the markup
 * characters and, for JSON, '\\' or, for XML, '\'': the bytes both
 * escapers copy as they are. */
static size_t
plain_run(const unsigned char *p, int json)
{
	const unsigned char *q = p;
	int odd = json ? '\\' : '\'';

	while (*q >= 0x20 && *q < 0x7f && *q != '"' && *q != '&' &&
	    *q != '<' && *q != '>' && *q != odd)
		q++;
	return (size_t)(q - p);
}

void
esc_xml(struct buf *b, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	while (*p) {
		unsigned long c;
		size_t run = plain_run(p, 0);
		int n;

		if (run) {	/* most text needs nothing: copy it at once */
			buf_add(b, (const char *)p, run);
			p += run;
			continue;
		}
		n = utf8_seq(p, &c);

		if (n == 0) {
			buf_puts(b, "\xef\xbf\xbd");	/* U+FFFD */
			p++;
			continue;
		}
		switch (c) {
		case '&': buf_puts(b, "&amp;"); break;
		case '<': buf_puts(b, "&lt;"); break;
		case '>': buf_puts(b, "&gt;"); break;
		case '"': buf_puts(b, "&quot;"); break;
		case '\'': buf_puts(b, "&#39;"); break;
		case '\t': buf_puts(b, "&#9;"); break;
		case '\n': buf_puts(b, "&#10;"); break;
		case '\r': buf_puts(b, "&#13;"); break;
		default:
			/* XML 1.0 has no way to write the other C0 controls,
			 * U+FFFE or U+FFFF, not even as references */
			if (c < 0x20 || c == 0xfffe || c == 0xffff)
				buf_puts(b, "\xef\xbf\xbd");
			else
				buf_add(b, (const char *)p, (size_t)n);
		}
		p += n;
	}
}

void
esc_json(struct buf *b, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	buf_putc(b, '"');
	while (*p) {
		unsigned long c;
		size_t run = plain_run(p, 1);
		int n;

		if (run) {
			buf_add(b, (const char *)p, run);
			p += run;
			continue;
		}
		n = utf8_seq(p, &c);

		if (n == 0) {
			buf_puts(b, "\\ufffd");
			p++;
			continue;
		}
		switch (c) {
		case '"': buf_puts(b, "\\\""); break;
		case '\\': buf_puts(b, "\\\\"); break;
		case '\n': buf_puts(b, "\\n"); break;
		case '\r': buf_puts(b, "\\r"); break;
		case '\t': buf_puts(b, "\\t"); break;
		default:
			if (c < 0x20 || c == 0x7f)
				buf_printf(b, "\\u%04lx", c);
			else if (c == '<' || c == '>' || c == '&')
				/* so that JSON can sit in an HTML script */
				buf_printf(b, "\\u%04lx", c);
			else
				buf_add(b, (const char *)p, (size_t)n);
		}
		p += n;
	}
	buf_putc(b, '"');
}

void
esc_link(struct buf *b, const char *href, const char *path, const char *text)
{
	buf_puts(b, "<a href=\"");
	esc_xml(b, href);
	esc_xml(b, path);
	buf_printf(b, "\">%s</a>", text);
}
