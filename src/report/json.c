/* json.c - see json.h. A test's object holds the report's own fields
 * (name, status, ran_this_time, repro, log, label, reason), then every
 * other key of its result once, then its properties as an object. Keys a
 * result may repeat become arrays, and integer fields numbers; both are
 * told by the key's name. */
#include "json.h"
#include "escape.h"

#include <stdlib.h>
#include <string.h>

/* Keys a result may repeat: they become arrays. */
static int
repeated(const char *key)
{
	size_t n = strlen(key);

	return strcmp(key, "warning") == 0 ||
	    (n > 5 && strcmp(key + n - 5, "_tail") == 0);
}

/* Whether a value is written as a JSON number: integer fields, when they
 * are an integer as JSON writes one (no sign but '-', no leading zero). */
static int
numeric(const char *key, const char *v)
{
	size_t n = strlen(key);
	const char *d = v + (*v == '-');

	if (!(n > 3 && strcmp(key + n - 3, "_ms") == 0) &&
	    !(n > 5 && strcmp(key + n - 5, "_exit") == 0) &&
	    !(n > 7 && strcmp(key + n - 7, "_signal") == 0) &&
	    strcmp(key, "leftovers_killed") != 0 && strcmp(key, "port") != 0 &&
	    strcmp(key, "seed") != 0 && strcmp(key, "warning_lines") != 0 &&
	    !(n > 5 && strcmp(key + n - 5, "_line") == 0))
		return 0;
	if (!*d || (d[0] == '0' && d[1]) || strlen(d) > 15)
		return 0;
	return strspn(d, "0123456789") == strlen(d);
}

/* The first index of key in r, so that a key is written once. */
static size_t
first_of(const struct kvfile *r, const char *key)
{
	size_t j;

	for (j = 0; strcmp(r->keys[j], key) != 0; j++)
		;
	return j;
}

/* Append ", KEY: STRING". */
static void
str_field(struct buf *b, const char *key, const char *v)
{
	buf_printf(b, ", \"%s\": ", key);
	esc_json(b, v);
}

/* Append ", KEY: STRING" with the builddir before path. */
static void
path_field(struct buf *b, const struct report *rp, const char *key,
    const char *path)
{
	char *p = xasprintf("%s/%s", rp->builddir, path);

	str_field(b, key, p);
	free(p);
}

/* A compile: its designs, directory, status, reason, log (with the line
 * of its first error), times, and how its command ended. */
static void
compile_json(struct buf *b, const struct report *rp, const struct compile *c)
{
	static const char *const nums[] = {"exit", "signal", "leftovers_killed"};
	const char *v;
	size_t i = 0;
	int n = 0;

	buf_puts(b, "{\"designs\": [");
	while ((v = kv_next(&c->r, "design", &i))) {
		buf_puts(b, n++ ? ", " : "");
		esc_json(b, v);
	}
	buf_putc(b, ']');
	str_field(b, "dir", c->id);
	str_field(b, "status", c->status);
	str_field(b, "reason", c->reason);
	path_field(b, rp, "log", c->log);
	if (c->log_line)
		buf_printf(b, ", \"log_line\": %zu", c->log_line);
	buf_printf(b, ", \"start_epoch_ms\": %lld, \"duration_ms\": %lld, "
	    "\"ran_this_time\": %s", c->start_ms, c->dur_ms, c->ran ? "true" :
	    "false");
	for (i = 0; i < sizeof nums / sizeof *nums; i++)
		if (kv_get(&c->r, nums[i]))
			buf_printf(b, ", \"%s\": %lld", nums[i],
			    result_num(&c->r, nums[i], 1000000000LL));
	if ((v = kv_get(&c->r, "command")))
		str_field(b, "command", v);
	buf_putc(b, '}');
}

/* The fields the report gives every test, from the list and its own
 * judgement, before those of the result. */
static void
entry_head(struct buf *b, const struct report *rp, const struct entry *e)
{
	size_t i;

	buf_puts(b, "{\"name\": ");
	esc_json(b, e->name);
	str_field(b, "status", e->status);
	buf_printf(b, ", \"ran_this_time\": %s", e->ran && e->has_result ?
	    "true" : "false");
	path_field(b, rp, "repro", e->repro);
	path_field(b, rp, "log", e->log_path);
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
	/* without a result, what the spec says of it */
	if (!e->has_result && e->design)
		str_field(b, "design", e->design);
}

/* Every other key of r once: repeated keys as arrays. */
static void
result_keys(struct buf *b, const struct kvfile *r)
{
	size_t i, j;

	for (i = 0; i < r->n; i++) {
		const char *k = r->keys[i];

		/* labels are the manifest's now, from the list */
		if (!strcmp(k, "name") || !strcmp(k, "status") ||
		    !strcmp(k, "reason") || !strcmp(k, "property") ||
		    !strcmp(k, "label") || first_of(r, k) < i)
			continue;
		buf_puts(b, ", ");
		esc_json(b, k);
		buf_puts(b, ": ");
		if (repeated(k)) {
			buf_putc(b, '[');
			for (j = i; j < r->n; j++)
				if (strcmp(r->keys[j], k) == 0) {
					if (j > i)
						buf_puts(b, ", ");
					esc_json(b, r->vals[j]);
				}
			buf_putc(b, ']');
		} else if (numeric(k, r->vals[i])) {
			buf_puts(b, r->vals[i]);
		} else {
			esc_json(b, r->vals[i]);
		}
	}
}

/* The "property NAME=VALUE" lines of r as an object. */
static void
properties(struct buf *b, const struct kvfile *r)
{
	size_t i;
	int nprop = 0;
	char *p;

	buf_puts(b, ", \"properties\": {");
	for (i = 0; r && i < r->n; i++) {
		const char *eq;

		if (strcmp(r->keys[i], "property") != 0 ||
		    !(eq = strchr(r->vals[i], '=')))
			continue;
		p = xstrndup(r->vals[i], (size_t)(eq - r->vals[i]));
		buf_puts(b, nprop++ ? ", " : "");
		esc_json(b, p);
		buf_puts(b, ": ");
		esc_json(b, eq + 1);
		free(p);
	}
	buf_puts(b, "}}");
}

static void
entry_json(struct buf *b, const struct report *rp, const struct entry *e)
{
	entry_head(b, rp, e);
	if (e->has_result)
		result_keys(b, &e->r);
	properties(b, e->has_result ? &e->r : NULL);
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
	buf_printf(b, ",\n \"report_epoch_ms\": %lld,\n \"previous_report_"
	    "epoch_ms\": %lld,\n \"counts\": {", rp->now_ms, rp->prev_ms);
	for (k = 0; k < TL_N; k++)
		buf_printf(b, "%s\"%s\": %zu", k ? ", " : "", tally_words[k],
		    rp->count[k]);
	buf_puts(b, "},\n \"summary\": ");
	s = xstrndup(rp->summary_last, strlen(rp->summary_last) - 1);
	esc_json(b, s);
	free(s);
	buf_puts(b, ",\n \"compiles\": [\n");
	for (i = 0; i < rp->nc; i++) {
		buf_puts(b, "  ");
		compile_json(b, rp, &rp->c[i]);
		buf_puts(b, i + 1 < rp->nc ? ",\n" : "\n");
	}
	buf_puts(b, " ],\n \"tests\": [\n");
	for (i = 0; i < rp->n; i++) {
		buf_puts(b, "  ");
		entry_json(b, rp, &rp->e[i]);
		buf_puts(b, i + 1 < rp->n ? ",\n" : "\n");
	}
	buf_puts(b, " ]}\n");
}
