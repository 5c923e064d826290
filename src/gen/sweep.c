/* sweep.c - see sweep.h. A sweep is "NAME=V1,V2 ..." (a design's
 * parameters) or "+NAME=V1,V2 ..." (a test's plusargs); its combinations
 * are a mixed-radix count over the axes, the last axis fastest. */
#include "sweep.h"
#include "diag.h"
#include "keys.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

static int
ident_ok(const char *s, size_t n)
{
	size_t i;

	if (!n || isdigit((unsigned char)s[0]))
		return 0;
	for (i = 0; i < n; i++)
		if (!isalnum((unsigned char)s[i]) && s[i] != '_')
			return 0;
	return 1;
}

/* The values of an axis, "a,b,c"; 0, or -1 after reporting an empty one
 * or one that holds both kinds of quote (its word could not be quoted
 * for the list it joins: combo). */
static int
axis_values(struct axis *a, const char *list, const struct mvalue *v)
{
	const char *p = list, *comma;

	for (;;) {
		comma = strchr(p, ',');
		if (comma == p || !*p) {
			diag_error(v->file, v->line, "sweep of '%s' has an empty "
			    "value: write NAME=V1,V2,...", a->name);
			return -1;
		}
		if (memchr(p, '\'', comma ? (size_t)(comma - p) : strlen(p)) &&
		    memchr(p, '"', comma ? (size_t)(comma - p) : strlen(p))) {
			diag_error(v->file, v->line, "a value swept for '%s' "
			    "holds both ' and \": it cannot be passed as one "
			    "word", a->name);
			return -1;
		}
		a->values = xreallocarray(a->values, a->nvalues + 2,
		    sizeof *a->values);
		a->values[a->nvalues++] = comma ? xstrndup(p,
		    (size_t)(comma - p)) : xstrdup(p);
		a->values[a->nvalues] = NULL;
		if (!comma)
			return 0;
		p = comma + 1;
	}
}

/* One item of a sweep, "NAME=V1,V2" (a design's) or "+NAME=V1,V2" (a
 * test's), into sw; 0, or -1 after reporting it. */
static int
sweep_item(struct sweep *sw, const char *item, const struct mvalue *v)
{
	const char *eq, *name = item + sw->plus;
	struct axis *a;
	size_t i;

	if ((item[0] == '+') != sw->plus) {
		diag_error(v->file, v->line, "bad sweep item '%s': %s", item,
		    sw->plus ? "a test sweeps plusargs, +NAME=V1,V2 (a "
		    "design sweeps its parameters)" : "a design sweeps "
		    "parameters, NAME=V1,V2 (a test sweeps plusargs)");
		return -1;
	}
	eq = strchr(name, '=');
	if (!eq || !ident_ok(name, (size_t)(eq - name))) {
		diag_error(v->file, v->line, "bad sweep item '%s': write "
		    "%sNAME=V1,V2,... with NAME a letter or '_' then letters, "
		    "digits or '_'", item, sw->plus ? "+" : "");
		return -1;
	}
	for (i = 0; i < sw->naxes; i++)
		if (strlen(sw->axes[i].name) == (size_t)(eq - name) &&
		    strncmp(sw->axes[i].name, name, (size_t)(eq - name)) == 0) {
			diag_error(v->file, v->line, "'%s' is swept twice",
			    sw->axes[i].name);
			return -1;
		}
	sw->axes = xreallocarray(sw->axes, sw->naxes + 1, sizeof *sw->axes);
	a = &sw->axes[sw->naxes++];
	memset(a, 0, sizeof *a);
	a->name = xstrndup(name, (size_t)(eq - name));
	if (axis_values(a, eq + 1, v) != 0)
		return -1;
	if (sw->ncombos > COMBOS_MAX / a->nvalues) {
		diag_error(v->file, v->line, "the sweep makes more than %d "
		    "combinations", COMBOS_MAX);
		return -1;
	}
	sw->ncombos *= a->nvalues;
	return 0;
}

void
sweep_free(struct sweep *sw)
{
	size_t i;

	for (i = 0; i < sw->naxes; i++) {
		list_free(sw->axes[i].values);
		free(sw->axes[i].name);
	}
	free(sw->axes);
}

/* The sweep of section s (plus: a test's), into sw; ncombos 1 when s
 * sweeps nothing or its sweep is bad (reported). */
void
sweep_parse(struct sweep *sw, const struct msection *s, int plus)
{
	const struct mvalue *v = &s->v[K_SWEEP];
	char **items, **p;

	memset(sw, 0, sizeof *sw);
	sw->ncombos = 1;
	sw->plus = plus;
	if (!v->raw || list_split(v->raw, &items) < 0)
		return;		/* not set, or reported by check.c */
	for (p = items; *p; p++)
		if (sweep_item(sw, *p, v) != 0) {
			sweep_free(sw);
			memset(sw, 0, sizeof *sw);
			sw->ncombos = 1;
			sw->plus = plus;
			break;
		}
	list_free(items);
}

/* Word w into the list b, quoted as a manifest list quotes a word that
 * holds white space or a quote (axis_values refused one with both), so
 * that a value is passed as written. */
static void
list_word(struct buf *b, const char *w)
{
	char q = strchr(w, '\'') ? '"' : '\'';

	if (!w[strcspn(w, " \t'\"")]) {
		buf_puts(b, w);
		return;
	}
	buf_putc(b, q);
	buf_puts(b, w);
	buf_putc(b, q);
}

/* Combination k of sw: its name part ("W8.D4", characters a name cannot
 * hold as '_') into suffix, its words ("W=8 D=4", "+mode=a") into words. */
void
sweep_combo(const struct sweep *sw, size_t k, struct buf *suffix,
    struct buf *words)
{
	size_t i, idx[64], n = sw->naxes < 64 ? sw->naxes : 64;
	const char *p;
	struct buf w = {0};

	for (i = n; i-- > 0;) {
		idx[i] = k % sw->axes[i].nvalues;
		k /= sw->axes[i].nvalues;
	}
	buf_reset(suffix);
	buf_reset(words);
	for (i = 0; i < n; i++) {
		const char *val = sw->axes[i].values[idx[i]];

		if (i) {
			buf_putc(suffix, '.');
			buf_putc(words, ' ');
		}
		buf_puts(suffix, sw->axes[i].name);
		for (p = val; *p; p++)
			buf_putc(suffix, isalnum((unsigned char)*p) ||
			    *p == '-' || *p == '_' ? *p : '_');
		buf_reset(&w);
		buf_printf(&w, "%s%s=%s", sw->plus ? "+" : "",
		    sw->axes[i].name, val);
		list_word(words, w.s);
	}
	buf_free(&w);
}

/* The parameter a sweep sets that the design's params set too. */
const char *
sweep_clash(const struct msection *d, const struct sweep *sw)
{
	char **items, **p;
	const char *r = NULL;
	size_t i;

	if (!d->v[K_PARAMS].raw || list_split(d->v[K_PARAMS].raw, &items) < 0)
		return NULL;
	for (p = items; *p && !r; p++)
		for (i = 0; i < sw->naxes && !r; i++)
			if (strncmp(*p, sw->axes[i].name,
			    strlen(sw->axes[i].name)) == 0 &&
			    (*p)[strlen(sw->axes[i].name)] == '=')
				r = sw->axes[i].name;
	list_free(items);
	return r;
}
