/* fields.h - typed records over the KEY VALUE line format (kvfile.h).
 *
 * A record that crosses a process boundary (a spec, a result) is a C
 * struct described by a table of fields: each row names a key, how its
 * value is typed, and where in the struct it lives. One table gives the
 * encoder (the struct to a file, the rows in order, so the file's key
 * order is the table's), the decoder (a file to the struct: each value
 * parsed once) and a walk that hands typed values to writers of other
 * formats (the report's JSON). Only spec.c and result.c hold tables:
 * they are the one place that spells a key.
 *
 * A value that does not parse as its row's type (a damaged or
 * hand-edited file), and a key no row knows (a newer writer), is kept as
 * text in the record's `other` list, in file order, and written back at
 * the end: older readers skip newer keys, and nothing is lost. */
#ifndef COSIM_FIELDS_H
#define COSIM_FIELDS_H

#include <stddef.h>
#include "kvfile.h"
#include "util.h"

/* A list of strings, in order. */
struct strlist {
	char **v;
	size_t n;
};

/* A log line a pattern matched: "STREAM:LINE: TEXT" in a file. A stream
 * of -1 means the value did not have that shape: text is all of it. */
struct hit {
	int stream;		/* enum stream (scan.h), or -1 */
	long long line;
	char *text;		/* NULL: no hit */
};

struct hits {
	struct hit *v;
	size_t n;
};

/* How a child process ended. */
enum end_kind { END_NONE, END_EXIT, END_SIGNAL, END_EXEC_ERROR };

struct ending {
	enum end_kind kind;
	long long code;		/* END_EXIT: the status; END_SIGNAL: the
				 * signal number */
	char *exec_error;	/* END_EXEC_ERROR: why exec failed */
	int stopped;		/* cosim-run stopped it ("PREFIX_stopped") */
};

/* What a file held beyond the typed fields: keys a table does not know
 * and repeats of a single-valued key, in file order (written at the
 * end, as is a part of an F_ENDING that does not parse); values of a
 * known key that do not parse as its row's type, by row (written as text
 * in the row's place); and the F_NUM rows the file
 * did not hold (not written back). A record filled by a program has none
 * of them. */
struct other {
	char **keys, **vals;
	size_t n;
	char **as_text;		/* by row, or NULL */
	unsigned long long absent;	/* bit k: row k */
};

enum ftype {
	F_STR,		/* char *, NULL: absent */
	F_NUM,		/* long long, always written */
	F_NUMNZ,	/* long long, written when not 0 */
	F_NUMSTR,	/* char *, a number or empty; walks as a number
			 * when it is one */
	F_YES,		/* int, written as the row's word (names[0], or
			 * "yes" without names) when set */
	F_NO,		/* int, 1 unless the file says "no"; written "no" */
	F_ENUM,		/* int index into names; an unknown word is
			 * index nnames, its text kept at raw */
	F_LIST,		/* struct strlist, one line per item */
	F_HIT,		/* struct hit */
	F_HITS,		/* struct hits, one line per hit */
	F_ENDING,	/* struct ending: keys PREFIX_exit, PREFIX_signal,
			 * PREFIX_exec_error, PREFIX_stopped, or exit,
			 * signal, exec_error for an empty prefix */
};

struct fdef {
	const char *key;	/* the key, or an F_ENDING's prefix */
	enum ftype type;
	size_t off;		/* offsetof the field */
	const char *const *names;	/* F_ENUM: the words */
	int nnames;
	size_t raw;		/* F_ENUM: offsetof a char * for an
				 * unknown word */
};

/* A value as a writer of another format sees it. */
struct fval {
	enum { FV_STR, FV_NUM, FV_LIST } kind;
	const char *s;		/* FV_STR */
	long long n;		/* FV_NUM */
	char *const *items;	/* FV_LIST */
	size_t nitems;
};

/* Append obj's fields to b, after magic, in table order, then o's. */
void fields_encode(struct buf *b, const char *magic, const struct fdef *t,
	size_t nt, const void *obj, const struct other *o);
/* Fill obj (zeroed by the caller; F_NO fields start at 1) from a file;
 * strings point into f, which must outlive obj. A key that repeats in a
 * single-valued row keeps its first value. Tables have at most 64
 * rows. */
void fields_decode(const struct kvfile *f, const struct fdef *t, size_t nt,
	void *obj, struct other *o);
/* Call fn for each field obj holds, in table order, then for o's. */
void fields_walk(const struct fdef *t, size_t nt, const void *obj,
	const struct other *o,
	void (*fn)(void *ctx, const char *key, const struct fval *v),
	void *ctx);
/* Free what fields_decode allocated in obj and o (the arrays of its
 * lists, hits and unknown keys; the strings are the file's). */
void fields_free(const struct fdef *t, size_t nt, void *obj, struct other *o);
/* Whether a row of t knows key (an F_ENDING row its PREFIX_ keys). */
int fields_knows(const struct fdef *t, size_t nt, const char *key);
/* Append s to l (not copied). */
void strlist_push(struct strlist *l, char *s);
/* Free the items of l (each allocated) and its array, and empty it. */
void strlist_clear(struct strlist *l);
/* A hit as a file writes it: "STREAM:LINE: TEXT". Allocated. */
char *hit_text(const struct hit *h);

#endif
