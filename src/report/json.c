/* json.c - see json.h. A test's object holds the report's own fields
 * (name, status, ran_this_time, repro, log, label, reason), then every
 * other field of its result once, in the order cosim-run writes them
 * (result_walk; keys this version does not know last), then its
 * properties as an object. The JSON types are the record's: numbers as
 * numbers (but one of more than 15 digits, which not every reader keeps
 * exact, as a string), lists as arrays, the rest, a value that did not
 * parse as its type, and keys this version does not know, as strings.
 * A test run more than once has its earlier attempts as an array; the
 * fixtures whose cleanup has a result are an array of their own. */
#include "json.h"
#include "buckets.h"
#include "coverage.h"
#include "escape.h"
#include "layout.h"
#include "waiver.h"
#include "trends.h"
#include "triage.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Append ", KEY: STRING". */
static void
str_field(struct buf *b, const char *key, const char *v)
{
	buf_puts(b, ", \"");
	buf_puts(b, key);
	buf_puts(b, "\": ");
	esc_json(b, v);
}

/* Append ", KEY: STRING" with home, the build directory of the test or
 * the compile, before path. */
static void
path_field(struct buf *b, const char *home, const char *key,
    const char *path)
{
	char *p = xasprintf("%s/%s", home, path);

	str_field(b, key, p);
	free(p);
}

/* What a compile and a fixture's cleanup have: directory, status,
 * reason, log (with the line of its first error), times, and how its
 * command ended. */
static void
job_json(struct buf *b, const struct compile *c)
{
	const struct ending *end = &c->r.end;

	str_field(b, "dir", c->id);
	str_field(b, "status", results_word(c->status, c->status_word));
	str_field(b, "reason", c->reason);
	path_field(b, c->home, "log", c->log);
	if (c->log_line)
		buf_printf(b, ", \"log_line\": %zu", c->log_line);
	buf_printf(b, ", \"start_epoch_ms\": %lld, \"duration_ms\": %lld, "
	    "\"ran_this_time\": %s", c->start_ms, c->dur_ms, c->ran ? "true" :
	    "false");
	if (end->kind == END_EXIT || end->kind == END_SIGNAL)
		buf_printf(b, ", \"%s\": %lld", end->kind == END_EXIT ? "exit" :
		    "signal", results_clamp(end->code, 1000000000LL));
	if (c->r.leftovers_killed)
		buf_printf(b, ", \"leftovers_killed\": %lld",
		    results_clamp(c->r.leftovers_killed, 1000000000LL));
	if (c->r.command)
		str_field(b, "command", c->r.command);
	buf_putc(b, '}');
}

/* A compile: its designs, then what every job has. */
static void
compile_json(struct buf *b, const struct compile *c)
{
	size_t i;

	buf_puts(b, "{\"designs\": [");
	for (i = 0; i < c->r.designs.n; i++) {
		buf_puts(b, i ? ", " : "");
		esc_json(b, c->r.designs.v[i]);
	}
	buf_putc(b, ']');
	job_json(b, c);
}

/* The fields the report gives every test, from the list and its own
 * judgement, before those of the result. */
static void
entry_head(struct buf *b, const struct entry *e)
{
	size_t i;

	buf_puts(b, "{\"name\": ");
	esc_json(b, e->name);
	str_field(b, "status", results_word(e->status, e->status_word));
	buf_printf(b, ", \"ran_this_time\": %s", e->ran && e->has_result ?
	    "true" : "false");
	path_field(b, e->home, "repro", e->repro);
	path_field(b, e->home, "log", e->log_path);
	if (e->waves)
		path_field(b, e->home, "waves", e->waves);
	if (*e->labels) {
		buf_puts(b, ", \"label\": [");
		for (i = 0; e->labels[i]; i++) {
			buf_puts(b, i ? ", " : "");
			esc_json(b, e->labels[i]);
		}
		buf_putc(b, ']');
	}
	/* the recorded reason, or why there is none, or why the report
	 * does not take the recorded one (see compiles_judge) */
	str_field(b, "reason", e->reason);
	triage_json(b, e);
	/* without a result, what the spec says of it */
	if (!e->has_result && e->design)
		str_field(b, "design", e->design);
}

/* Where result_walk writes a test's result keys: the keys written so
 * far, for a key is written once. */
struct keys_out {
	struct buf *b;
	char **seen;
	size_t n;
};

/* Whether o wrote key already; if not, it will. */
static int
seen_before(struct keys_out *o, const char *key)
{
	size_t i;

	for (i = 0; i < o->n; i++)
		if (strcmp(o->seen[i], key) == 0)
			return 1;
	o->seen = xrealloc(o->seen, (o->n + 1) * sizeof *o->seen);
	o->seen[o->n++] = xstrdup(key);
	return 0;
}

/* A number; one of more than 15 digits as a string. */
static void
number(struct buf *b, long long n)
{
	if (n > 999999999999999LL || n < -999999999999999LL) {
		buf_putc(b, '"');
		buf_putint(b, n);
		buf_putc(b, '"');
	} else {
		buf_putint(b, n);
	}
}

/* ", KEY: VALUE" for one field of a result, unless the test's object
 * has the key already. */
static void
result_key(void *ctx, const char *key, const struct fval *v)
{
	/* written by entry_head or properties; labels are the manifest's
	 * now, from the list */
	static const char *const own[] = {"name", "status", "reason",
		"property", "label"};
	struct keys_out *o = ctx;
	size_t i;

	for (i = 0; i < sizeof own / sizeof *own; i++)
		if (strcmp(key, own[i]) == 0)
			return;
	if (seen_before(o, key))
		return;
	buf_puts(o->b, ", ");
	esc_json(o->b, key);
	buf_puts(o->b, ": ");
	switch (v->kind) {
	case FV_NUM:
		number(o->b, v->n);
		break;
	case FV_LIST:
		buf_putc(o->b, '[');
		for (i = 0; i < v->nitems; i++) {
			buf_puts(o->b, i ? ", " : "");
			esc_json(o->b, v->items[i]);
		}
		buf_putc(o->b, ']');
		break;
	case FV_STR:
		esc_json(o->b, v->s);
		break;
	}
}

/* Every other key of r once, typed. */
static void
result_keys(struct buf *b, const struct result *r)
{
	struct keys_out o = {b, NULL, 0};
	size_t i;

	result_walk(r, RESULT_TEST, result_key, &o);
	for (i = 0; i < o.n; i++)
		free(o.seen[i]);
	free(o.seen);
}

/* The "KEY=VALUE" properties of r as an object. */
static void
properties(struct buf *b, const struct result *r)
{
	size_t i;
	int nprop = 0;
	char *p;

	buf_puts(b, ", \"properties\": {");
	for (i = 0; r && i < r->properties.n; i++) {
		const char *v = r->properties.v[i], *eq = strchr(v, '=');

		if (!eq)
			continue;
		p = xstrndup(v, (size_t)(eq - v));
		buf_puts(b, nprop++ ? ", " : "");
		esc_json(b, p);
		buf_puts(b, ": ");
		esc_json(b, eq + 1);
		free(p);
	}
	buf_puts(b, "}}");
}

/* ", earlier_attempts: [...]": each earlier attempt's number, status,
 * reason, duration, first match and log. */
static void
attempts(struct buf *b, const struct entry *e)
{
	size_t i;

	if (!e->natt)
		return;
	buf_puts(b, ", \"earlier_attempts\": [");
	for (i = 0; i < e->natt; i++) {
		const struct attempt *a = &e->att[i];
		char *result = layout_in(a->dir, DIR_RESULT);

		buf_printf(b, "%s{\"attempt\": %lld", i ? ", " : "", a->k);
		str_field(b, "status", results_word(a->status, a->status_word));
		str_field(b, "reason", a->reason);
		buf_printf(b, ", \"duration_ms\": %lld", a->dur_ms);
		if (a->match)
			str_field(b, "fail_match", a->match);
		path_field(b, e->home, "log", a->log_path);
		if (a->log_line)
			buf_printf(b, ", \"log_line\": %zu", a->log_line);
		path_field(b, e->home, "result", result);
		buf_putc(b, '}');
		free(result);
	}
	buf_putc(b, ']');
}

/* ", waived: {...}": the waiver that waives e. */
static void
waived(struct buf *b, const struct waiver *w)
{
	buf_puts(b, ", \"waived\": {\"name\": ");
	esc_json(b, w->name);
	str_field(b, "reason", w->reason);
	str_field(b, "expires", w->expires);
	buf_putc(b, '}');
}

static void
entry_json(struct buf *b, const struct report *rp, const struct entry *e)
{
	entry_head(b, e);
	if (e->has_result)
		result_keys(b, &e->r);
	trends_json_test(b, rp, e);
	attempts(b, e);
	if (e->waiver)
		waived(b, e->waiver);
	properties(b, e->has_result ? &e->r : NULL);
}

/* A fixture's cleanup: its fixture, then what every job has. */
static void
cleanup_json(struct buf *b, const struct compile *c)
{
	buf_puts(b, "{\"fixture\": ");
	esc_json(b, c->label);
	job_json(b, c);
}

/* ",\n provenance: {KEY: VALUE, ...}": what the run was made with. */
static void
provenance(struct buf *b, const struct report *rp)
{
	size_t i;

	if (!rp->provenance)
		return;
	buf_puts(b, ",\n \"provenance\": {");
	for (i = 0; i < rp->provenance->n; i++) {
		const char *item = rp->provenance->v[i];
		char *key = xstrndup(item, strcspn(item, "="));

		buf_puts(b, i ? ", " : "");
		esc_json(b, key);
		buf_puts(b, ": ");
		esc_json(b, item + strlen(key) + 1);
		free(key);
	}
	buf_putc(b, '}');
}

void
json_render(struct buf *b, const struct report *rp)
{
	size_t i;
	int k;
	char *s;

	buf_puts(b, "{\"format\": \"cosimgen-results\", \"version\": 1,\n"
	    " \"builddir\": ");
	esc_json(b, rp->builddir);
	if (rp->merged) {
		buf_puts(b, ",\n \"merged\": [");
		for (i = 0; i < rp->nmerged; i++) {
			buf_puts(b, i ? ", " : "");
			esc_json(b, rp->merged[i]);
		}
		buf_putc(b, ']');
	}
	if (rp->seed_epoch >= 0)
		buf_printf(b, ",\n \"seed_epoch\": %lld", rp->seed_epoch);
	if (rp->seed_epoch >= 0 && rp->seeds_override >= 0)
		buf_printf(b, ",\n \"seeds_override\": %lld",
		    rp->seeds_override);
	provenance(b, rp);
	buf_printf(b, ",\n \"report_epoch_ms\": %lld,\n \"previous_report_"
	    "epoch_ms\": %lld,\n \"counts\": {", rp->now_ms, rp->prev_ms);
	for (k = 0; k < TL_N; k++)
		buf_printf(b, "%s\"%s\": %zu", k ? ", " : "", tally_words[k],
		    rp->count[k]);
	buf_puts(b, "},\n \"summary\": ");
	s = xstrndup(rp->summary_last, strlen(rp->summary_last) - 1);
	esc_json(b, s);
	free(s);
	coverage_json(b, rp);
	trends_json(b, rp);
	buckets_json(b, rp);
	buf_puts(b, ",\n \"compiles\": [\n");
	for (i = 0; i < rp->nc; i++) {
		buf_puts(b, "  ");
		compile_json(b, &rp->c[i]);
		buf_puts(b, i + 1 < rp->nc ? ",\n" : "\n");
	}
	buf_puts(b, " ],\n \"fixture_cleanups\": [\n");
	for (i = 0; i < rp->ncl; i++) {
		buf_puts(b, "  ");
		cleanup_json(b, &rp->cl[i]);
		buf_puts(b, i + 1 < rp->ncl ? ",\n" : "\n");
	}
	buf_puts(b, " ],\n \"tests\": [\n");
	for (i = 0; i < rp->n; i++) {
		buf_puts(b, "  ");
		entry_json(b, rp, &rp->e[i]);
		buf_puts(b, i + 1 < rp->n ? ",\n" : "\n");
	}
	buf_puts(b, " ]}\n");
}
