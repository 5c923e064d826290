/* signature.c - see signature.h. */
#include "signature.h"
#include "results.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

static int
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static int
is_hex(char c)
{
	return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

static int
is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int
is_word(char c)
{
	return is_alpha(c) || is_digit(c) || c == '_';
}

static int
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}

/* The characters of a path: a word with one of them but ':' and quotes
 * and brackets around it. */
static int
is_path(char c)
{
	return is_word(c) || c == '/' || c == '.' || c == '-' || c == '~' ||
	    c == '+';
}

/* The length of the path at s (up to end), or 0: a run of path characters
 * with a '/' and a letter in it. */
static size_t
path_len(const char *s, const char *end)
{
	size_t n = 0;
	int slash = 0, letter = 0;

	while (s + n < end && is_path(s[n])) {
		slash |= s[n] == '/';
		letter |= is_alpha(s[n]);
		n++;
	}
	return slash && letter ? n : 0;
}

/* The length of the word at s (letters, digits, '_') when it is a value:
 * hex digits only, a decimal digit among them ("91", "0000001f", "3c",
 * "1f0c2a9e5d7b3c48"); else 0. A word of letters alone ("ff", "bad")
 * stays a word. */
static size_t
value_len(const char *s, const char *end)
{
	size_t n = 0;
	int digit = 0, other = 0;

	while (s + n < end && is_word(s[n])) {
		if (is_digit(s[n]))
			digit = 1;
		else if (!is_hex(s[n]))
			other = 1;
		n++;
	}
	return digit && !other ? n : 0;
}

/* The length of the digits of a Verilog literal's value after "'h",
 * "'sb", ... at s, or 0. */
static size_t
literal_len(const char *s, const char *end)
{
	const char *p = s + 1;
	size_t n = 0;

	if (p < end && (*p == 's' || *p == 'S'))
		p++;
	if (p >= end || !strchr("hHdDbBoO", *p))
		return 0;
	p++;
	while (p + n < end && (is_hex(p[n]) || p[n] == '_' || p[n] == 'x' ||
	    p[n] == 'X' || p[n] == 'z' || p[n] == 'Z' || p[n] == '?'))
		n++;
	return n ? (size_t)(p + n - s) : 0;
}

/* The length of a number at s: digits, a fraction, an exponent. */
static size_t
number_len(const char *s, const char *end)
{
	const char *p = s;

	while (p < end && is_digit(*p))
		p++;
	if (p + 1 < end && *p == '.' && is_digit(p[1]))
		for (p++; p < end && is_digit(*p); p++)
			;
	if (p + 1 < end && (*p == 'e' || *p == 'E') && (is_digit(p[1]) ||
	    (p + 2 < end && (p[1] == '-' || p[1] == '+') && is_digit(p[2]))))
		for (p += 2; p < end && is_digit(*p); p++)
			;
	return (size_t)(p - s);
}

/* Normalise s..end into b (see signature.h). */
static void
normalise(struct buf *b, const char *s, const char *end)
{
	const char *p = s;
	size_t n;

	while (p < end) {
		int start = p == s || !is_path(p[-1]);

		if (is_space(*p)) {
			while (p < end && is_space(*p))
				p++;
			if (b->len && b->s[b->len - 1] != ' ')
				buf_putc(b, ' ');
			continue;
		}
		if (start && (n = path_len(p, end))) {
			const char *last = p + n;

			while (last > p && last[-1] != '/')
				last--;
			if (last == p + n) {	/* "dir/": no last part */
				buf_puts(b, "<dir>/");
				p += n;
				continue;
			}
			/* its last part, normalised as words are */
			normalise(b, last, p + n);
			p += n;
			continue;
		}
		if ((p == s || !is_word(p[-1])) && p + 2 < end && *p == '0' &&
		    (p[1] == 'x' || p[1] == 'X') && is_hex(p[2])) {
			for (p += 2; p < end && is_hex(*p); p++)
				;
			buf_puts(b, "0x<n>");
			continue;
		}
		if (*p == '\'' && (n = literal_len(p, end))) {
			buf_add(b, p, (size_t)(p[1] == 's' || p[1] == 'S' ? 3 :
			    2));
			buf_puts(b, "<n>");
			p += n;
			continue;
		}
		if ((p == s || !is_word(p[-1])) && (n = value_len(p, end))) {
			/* a decimal number may go on past the word: "1.5e-3" */
			size_t d = is_digit(*p) ? number_len(p, end) : 0;

			p += d > n ? d : n;
			buf_puts(b, "<n>");
			continue;
		}
		if (is_digit(*p)) {
			p += number_len(p, end);
			buf_puts(b, "<n>");
			continue;
		}
		buf_putc(b, *p++);
	}
}

char *
signature_of(const char *prefix, const char *text, size_t len)
{
	struct buf b = {0};
	const char *nl = memchr(text, '\n', len);

	if (prefix)
		buf_printf(&b, "%s: ", prefix);
	normalise(&b, text, nl ? nl : text + len);
	while (b.len && b.s[b.len - 1] == ' ')
		b.len--;
	if (b.len > SIGNATURE_MAX)
		b.len = utf8_cut(b.s, SIGNATURE_MAX);
	buf_putc(&b, '\0');
	b.len--;
	return buf_steal(&b);
}

/* The text after the last "did not compile: " in reason, or reason. */
static const char *
compile_error(const char *reason)
{
	static const char said[] = "did not compile: ";
	const char *p = reason, *at = NULL;

	while ((p = strstr(p, said)))
		at = p += sizeof said - 1;
	return at ? at : reason;
}

/* The signature of e, which did not pass (signature.h says which line). */
static char *
entry_signature(const struct entry *e)
{
	const char *reason = e->reason ? e->reason : "";
	const char *m = e->r.message;

	if (e->cause)
		return signature_of("compile", e->cause, strlen(e->cause));
	if (e->compile_log) {
		reason = compile_error(reason);
		return signature_of("compile", reason, strlen(reason));
	}
	if (e->fixture_log)
		return signature_of("fixture", reason, strlen(reason));
	if (e->r.fail_match.text)
		return signature_of(NULL, e->r.fail_match.text,
		    strlen(e->r.fail_match.text));
	if (m && results_message_len(m))
		return signature_of(NULL, m, results_message_len(m));
	if (*reason)
		return signature_of(NULL, reason, strlen(reason));
	return signature_of(NULL, results_word(e->status, e->status_word),
	    strlen(results_word(e->status, e->status_word)));
}

void
signature_all(struct report *rp)
{
	size_t i;

	for (i = 0; i < rp->n; i++) {
		struct entry *e = &rp->e[i];

		free(e->signature);
		e->signature = NULL;
		/* an interrupted run says nothing of the test */
		if ((e->tally == TL_FAIL || e->tally == TL_TIMEOUT ||
		    e->tally == TL_CRASH || e->tally == TL_ERROR) &&
		    e->status != STATUS_INTERRUPTED)
			e->signature = entry_signature(e);
	}
}

void
signature_free(struct report *rp)
{
	size_t i;

	for (i = 0; i < rp->n; i++) {
		free(rp->e[i].signature);
		rp->e[i].signature = NULL;
	}
}
