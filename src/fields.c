/* fields.c - see fields.h. */
#include "fields.h"
#include "scan.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#define AT(obj, off, type) ((type *)(void *)((char *)(obj) + (off)))
#define CAT(obj, off, type) \
	((const type *)(const void *)((const char *)(obj) + (off)))

void
strlist_push(struct strlist *l, char *s)
{
	l->v = xrealloc(l->v, (l->n + 2) * sizeof *l->v);
	l->v[l->n++] = s;
	l->v[l->n] = NULL;
}

void
strlist_clear(struct strlist *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	l->v = NULL;
	l->n = 0;
}

static void
other_push(struct other *o, char *k, char *v)
{
	o->keys = xrealloc(o->keys, (o->n + 1) * sizeof *o->keys);
	o->vals = xrealloc(o->vals, (o->n + 1) * sizeof *o->vals);
	o->keys[o->n] = k;
	o->vals[o->n++] = v;
}

/* A decimal integer, the whole of s, within long long, without leading
 * zeros (a file written by a program has none). */
static int
num_parse(const char *s, long long *out)
{
	const char *d = s + (*s == '-');
	size_t n = strspn(d, "0123456789");

	if (n == 0 || d[n] || (d[0] == '0' && n > 1))
		return -1;
	errno = 0;
	*out = strtoll(s, NULL, 10);
	return errno ? -1 : 0;
}

char *
hit_text(const struct hit *h)
{
	if (h->stream < 0 || h->stream >= ST_N)
		return xstrdup(h->text);
	return xasprintf("%s:%lld: %s", stream_files[h->stream], h->line,
	    h->text);
}

static void
hit_parse(struct hit *h, char *v)
{
	const char *colon = strchr(v, ':');
	char *end;
	int s;

	h->stream = -1;
	h->line = 0;
	h->text = v;
	if (!colon)
		return;
	for (s = 0; s < ST_N; s++)
		if (strlen(stream_files[s]) == (size_t)(colon - v) &&
		    strncmp(v, stream_files[s], (size_t)(colon - v)) == 0)
			break;
	if (s == ST_N || colon[1] < '0' || colon[1] > '9')
		return;
	errno = 0;
	h->line = strtoll(colon + 1, &end, 10);
	if (errno || end[0] != ':' || end[1] != ' ' ||
	    (colon[1] == '0' && end != colon + 2)) {
		h->line = 0;
		return;
	}
	h->stream = s;
	h->text = end + 2;
}

typedef void walk_fn(void *, const char *, const struct fval *);

/* A hit, or each of a list of them, as the file has it. */
static void
walk_hits(const struct fdef *d, const struct hit *h, size_t n, walk_fn *fn,
    void *ctx)
{
	struct fval v = {0};
	char **t;
	size_t i;

	if (!n || !h[0].text)
		return;
	t = xcalloc(n + 1, sizeof *t);
	for (i = 0; i < n; i++)
		t[i] = hit_text(&h[i]);
	if (d->type == F_HITS) {
		v.kind = FV_LIST;
		v.items = t;
		v.nitems = n;
	} else {
		v.s = t[0];
	}
	fn(ctx, d->key, &v);
	for (i = 0; i < n; i++)
		free(t[i]);
	free(t);
}

/* How a child ended: up to two keys, PREFIX_HOW and PREFIX_stopped. */
static void
walk_ending(const struct fdef *d, const struct ending *e, walk_fn *fn,
    void *ctx)
{
	struct fval v = {0};
	const char *sep = *d->key ? "_" : "";
	char key[64];

	if (e->kind == END_EXEC_ERROR) {
		snprintf(key, sizeof key, "%s%sexec_error", d->key, sep);
		v.s = e->exec_error ? e->exec_error : "";
		fn(ctx, key, &v);
	} else if (e->kind != END_NONE) {
		snprintf(key, sizeof key, "%s%s%s", d->key, sep,
		    e->kind == END_SIGNAL ? "signal" : "exit");
		v.kind = FV_NUM;
		v.n = e->code;
		fn(ctx, key, &v);
	}
	if (e->stopped) {
		snprintf(key, sizeof key, "%s%sstopped", d->key, sep);
		v.kind = FV_STR;
		v.s = "yes";
		fn(ctx, key, &v);
	}
}

/* A field of one value or one list; 0 when the file does not hold it. */
static int
simple_value(const struct fdef *d, const void *obj, struct fval *v)
{
	const struct strlist *l;
	int i;

	switch (d->type) {
	case F_STR:
		return (v->s = *CAT(obj, d->off, char *)) != NULL;
	case F_NUMNZ:
	case F_NUM:
		v->kind = FV_NUM;
		v->n = *CAT(obj, d->off, long long);
		return d->type == F_NUM || v->n != 0;
	case F_NUMSTR:
		if (!(v->s = *CAT(obj, d->off, char *)))
			return 0;
		if (num_parse(v->s, &v->n) == 0)
			v->kind = FV_NUM;
		return 1;
	case F_YES:
		v->s = d->names ? d->names[0] : "yes";
		return *CAT(obj, d->off, int);
	case F_NO:
		v->s = "no";
		return !*CAT(obj, d->off, int);
	case F_ENUM:
		i = *CAT(obj, d->off, int);
		if (i >= 0 && i < d->nnames)
			v->s = d->names[i];
		else
			v->s = *CAT(obj, d->raw, char *);
		return v->s != NULL;
	case F_LIST:
		l = CAT(obj, d->off, struct strlist);
		v->kind = FV_LIST;
		v->items = l->v;
		v->nitems = l->n;
		return l->n != 0;
	default:
		return 0;
	}
}

/* The walk of row k: fn gets what a file holds of it. */
static void
walk_field(const struct fdef *t, size_t k, const void *obj,
    const struct other *o, walk_fn *fn, void *ctx)
{
	const struct fdef *d = &t[k];
	struct fval v = {0};
	const struct hits *h;

	if (o && o->as_text && o->as_text[k]) {
		v.s = o->as_text[k];
		fn(ctx, d->key, &v);
	} else if (o && (o->absent >> k & 1)) {
		return;
	} else if (d->type == F_HIT) {
		walk_hits(d, CAT(obj, d->off, struct hit), 1, fn, ctx);
	} else if (d->type == F_HITS) {
		h = CAT(obj, d->off, struct hits);
		walk_hits(d, h->v, h->n, fn, ctx);
	} else if (d->type == F_ENDING) {
		walk_ending(d, CAT(obj, d->off, struct ending), fn, ctx);
	} else if (simple_value(d, obj, &v)) {
		fn(ctx, d->key, &v);
	}
}

void
fields_walk(const struct fdef *t, size_t nt, const void *obj,
    const struct other *o,
    void (*fn)(void *ctx, const char *key, const struct fval *v), void *ctx)
{
	struct fval v = {0};
	size_t i;

	for (i = 0; i < nt; i++)
		walk_field(t, i, obj, o, fn, ctx);
	for (i = 0; o && i < o->n; i++) {
		v.s = o->vals[i];
		fn(ctx, o->keys[i], &v);
	}
}

static void
put_value(void *ctx, const char *key, const struct fval *v)
{
	struct buf *b = ctx;
	size_t i;

	switch (v->kind) {
	case FV_STR:
		kv_put(b, key, v->s);
		break;
	case FV_NUM:
		kv_putint(b, key, v->n);
		break;
	case FV_LIST:
		for (i = 0; i < v->nitems; i++)
			kv_put(b, key, v->items[i]);
		break;
	}
}

void
fields_encode(struct buf *b, const char *magic, const struct fdef *t,
    size_t nt, const void *obj, const struct other *o)
{
	kv_begin(b, magic);
	fields_walk(t, nt, obj, o, put_value, b);
}

/* The row of an F_ENDING key "PREFIX_what" (or "what"), and which
 * part it is; NULL when no ending row has it. */
static const struct fdef *
ending_of(const struct fdef *t, size_t nt, const char *key, const char **part)
{
	static const char *const parts[] = {"exit", "signal", "exec_error",
		"stopped"};
	size_t i, k, n;

	for (i = 0; i < nt; i++) {
		if (t[i].type != F_ENDING)
			continue;
		n = strlen(t[i].key);
		if (n && (strncmp(key, t[i].key, n) != 0 || key[n] != '_'))
			continue;
		for (k = 0; k < sizeof parts / sizeof *parts; k++)
			if (strcmp(key + n + (n > 0), parts[k]) == 0) {
				*part = parts[k];
				return &t[i];
			}
	}
	return NULL;
}

/* Set an ending's part from its value; -1 when the value does not fit or
 * the part is set already. */
static int
ending_set(struct ending *e, const char *part, char *v)
{
	long long n;

	if (strcmp(part, "stopped") == 0) {
		if (e->stopped || strcmp(v, "yes") != 0)
			return -1;
		e->stopped = 1;
		return 0;
	}
	if (e->kind != END_NONE)
		return -1;
	if (strcmp(part, "exec_error") == 0) {
		e->kind = END_EXEC_ERROR;
		e->exec_error = v;
		return 0;
	}
	if (num_parse(v, &n) != 0)
		return -1;
	e->kind = part[1] == 'i' ? END_SIGNAL : END_EXIT;
	e->code = n;
	return 0;
}

/* Store value v of row d in obj; -1 when it does not parse (obj is then
 * left as it was). */
static int
decode_field(const struct fdef *d, void *obj, char *v)
{
	long long n;
	int i;

	switch (d->type) {
	case F_STR:
		*AT(obj, d->off, char *) = v;
		return 0;
	case F_NUMSTR:
		if (*v && num_parse(v, &n) != 0)
			return -1;
		*AT(obj, d->off, char *) = v;
		return 0;
	case F_NUM:
	case F_NUMNZ:
		if (num_parse(v, &n) != 0)
			return -1;
		*AT(obj, d->off, long long) = n;
		return 0;
	case F_YES:
		if (strcmp(v, d->names ? d->names[0] : "yes") != 0)
			return -1;
		*AT(obj, d->off, int) = 1;
		return 0;
	case F_NO:
		if (strcmp(v, "no") != 0)
			return -1;
		*AT(obj, d->off, int) = 0;
		return 0;
	case F_ENUM:
		for (i = 0; i < d->nnames; i++)
			if (strcmp(d->names[i], v) == 0)
				break;
		*AT(obj, d->off, int) = i;
		if (i == d->nnames)
			*AT(obj, d->raw, char *) = v;
		return 0;
	case F_LIST:
		strlist_push(AT(obj, d->off, struct strlist), v);
		return 0;
	case F_HIT:
		hit_parse(AT(obj, d->off, struct hit), v);
		return 0;
	case F_HITS: {
		struct hits *h = AT(obj, d->off, struct hits);

		h->v = xrealloc(h->v, (h->n + 1) * sizeof *h->v);
		hit_parse(&h->v[h->n++], v);
		return 0;
	}
	case F_ENDING:
		break;
	}
	return -1;
}

/* Whether a row takes any number of values. */
static int
is_list(const struct fdef *d)
{
	return d->type == F_LIST || d->type == F_HITS;
}

void
fields_free(const struct fdef *t, size_t nt, void *obj, struct other *o)
{
	size_t k;

	for (k = 0; k < nt; k++)
		if (t[k].type == F_LIST)
			free(AT(obj, t[k].off, struct strlist)->v);
		else if (t[k].type == F_HITS)
			free(AT(obj, t[k].off, struct hits)->v);
	free(o->keys);
	free(o->vals);
	free(o->as_text);
}

/* The row of key, or nt. Files list their keys in table order, so the
 * search starts at the row of the key before (*at): usually a hit at
 * once. */
static size_t
row_of(const struct fdef *t, size_t nt, const char *key, size_t *at)
{
	size_t j, k;

	for (j = 0; j < nt; j++) {
		k = (*at + j) % nt;
		if (t[k].type != F_ENDING && strcmp(t[k].key, key) == 0) {
			*at = k;
			return k;
		}
	}
	return nt;
}

int
fields_knows(const struct fdef *t, size_t nt, const char *key)
{
	size_t at = 0;
	const char *part;

	return row_of(t, nt, key, &at) < nt || ending_of(t, nt, key, &part);
}

/* Keep v, of row k, as text in the row's place. */
static void
keep_as_text(struct other *o, size_t nt, size_t k, char *v)
{
	if (!o->as_text)
		o->as_text = xcalloc(nt, sizeof *o->as_text);
	o->as_text[k] = v;
}

void
fields_decode(const struct kvfile *f, const struct fdef *t, size_t nt,
    void *obj, struct other *o)
{
	const struct fdef *d;
	const char *part;
	size_t i, k, at = 0;
	unsigned long long seen = 0;

	if (nt > 64)
		fatal(0, "a table of %zu fields", nt);
	memset(o, 0, sizeof *o);
	for (k = 0; k < nt; k++)
		if (t[k].type == F_NO)
			*AT(obj, t[k].off, int) = 1;
	for (i = 0; i < f->n; i++) {
		k = row_of(t, nt, f->keys[i], &at);
		if (k < nt && (is_list(&t[k]) || !(seen >> k & 1))) {
			seen |= 1ULL << k;
			if (decode_field(&t[k], obj, f->vals[i]) != 0)
				keep_as_text(o, nt, k, f->vals[i]);
			continue;
		}
		if (k == nt && (d = ending_of(t, nt, f->keys[i], &part)) &&
		    ending_set(AT(obj, d->off, struct ending), part,
		    f->vals[i]) == 0)
			continue;
		other_push(o, f->keys[i], f->vals[i]);
	}
	for (k = 0; k < nt; k++)
		if (t[k].type == F_NUM && !(seen >> k & 1))
			o->absent |= 1ULL << k;
}
