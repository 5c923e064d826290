/* escape.h - every quoting rule the tools need, in one tested place.
 *
 * Values from a manifest reach three languages: ninja files, make files and
 * /bin/sh command lines (often nested: a shell word inside a ninja value).
 * Results and logs reach XML, HTML and JSON in the reports: there, any
 * byte that is not valid UTF-8 becomes U+FFFD, so that the files parse.
 * Callers compose: esc_shell() first, then the file format's escaping. */
#ifndef COSIM_ESCAPE_H
#define COSIM_ESCAPE_H

#include "util.h"

/* Append s as one /bin/sh word: unchanged when it holds only safe characters,
 * otherwise in single quotes (a quote inside becomes '\''). */
void esc_shell(struct buf *b, const char *s);
/* Append a path as ninja writes it in a build or default line:
 * '$' ' ' ':' are escaped. The path must hold no newline. */
void esc_ninja_path(struct buf *b, const char *s);
/* Append text as the right-hand side of a ninja variable: '$' is escaped, and
 * so is leading white space (which ninja would drop). No newline allowed. */
void esc_ninja_value(struct buf *b, const char *s);
/* Nonzero when a path can be written in a make rule: make cannot express
 * white space, ':', '#', '%', '=', ';', '\', '*', '?', '[' or '~' reliably in
 * targets and prerequisites. */
int esc_make_path_ok(const char *s);
/* Append a path accepted by esc_make_path_ok for a make rule ('$' doubled). */
void esc_make_path(struct buf *b, const char *s);
/* Append text for a make recipe line: '$' doubled. No newline allowed. */
void esc_make_recipe(struct buf *b, const char *s);
/* Append text as the value of a make variable: '$' doubled and '#' escaped
 * (make would take it for a comment). No newline allowed. */
void esc_make_value(struct buf *b, const char *s);
/* Append a path as a dependency in a gcc-style depfile, which both ninja
 * (deps = gcc) and make read: white space and '#' get a backslash, '$' is
 * doubled. No newline allowed. */
void esc_depfile(struct buf *b, const char *s);
/* Append text as a spec/result value: '\\' '\n' '\r' become two-character
 * escapes, so one value is always one line. */
void esc_line(struct buf *b, const char *s);
/* esc_line, and a tab written \t: a field of a tab-separated line. */
void esc_field(struct buf *b, const char *s);
/* Undo esc_line or esc_field in place; returns s. Unknown escapes are
 * kept as they are. */
char *unesc_line(char *s);

/* Append text for XML or HTML, as element content or an attribute value in
 * double or single quotes: & < > " ' are escaped, tab, newline and carriage
 * return written as character references; other control characters, which
 * XML 1.0 cannot carry, become U+FFFD. */
void esc_xml(struct buf *b, const char *s);
/* An HTML link: <a href="HREF PATH">TEXT</a>, the href (href then path,
 * joined) escaped, text written as it is (it may be markup). */
void esc_link(struct buf *b, const char *href, const char *path,
	const char *text);
/* Append s as a JSON string, quotes included; < > & are written as \u
 * escapes, so the string can also sit inside an HTML <script>. */
void esc_json(struct buf *b, const char *s);

#endif
