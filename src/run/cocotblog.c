/* cocotblog.c - see cocotblog.h. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include "cocotblog.h"
#include "util.h"

#include <errno.h>
#include <pcre2.h>
#include <stdlib.h>
#include <string.h>

/* The start of a record: time, level, logger; TEXT begins where the
 * match ends. */
static const char header_re[] =
    "^ *(?:-\\.--|[0-9]+(?:\\.[0-9]+)?)[a-z]* +"
    "(TRACE|DEBUG|INFO|WARNING|ERROR|CRITICAL) +(\\S+) +";
/* A line outside the records that reads as an error (caseless): the
 * simulator's "ERROR: ...", Verilator's "%Error: ...", Python's "Fatal
 * Python error: ...". */
static const char error_re[] = "^\\s*%?(?:error|fatal)\\b";

/* The lines of a record: the first COCOTBLOG_HEAD, then a ring of the
 * last COCOTBLOG_TAIL; dropped counts the ones between. */
struct lines {
	char *head[COCOTBLOG_HEAD];
	char *ring[COCOTBLOG_TAIL];
	size_t nhead, nring, next;
	unsigned long long dropped;
};

/* The record being read. */
struct record {
	int open;
	int logged;		/* a log record, not lines outside one */
	int error;		/* of level ERROR or CRITICAL */
	int regression;		/* of the logger cocotb.regression */
	size_t col;		/* where its text begins */
	struct lines l;
};

/* The end of a test: 'f' or 'p' (0: none yet), why, its traceback. */
struct end {
	int end;
	char *why;
	struct strlist traceback;
};

struct reading {
	struct cocotb_said *s;
	const char *module, *name;
	pcre2_code *re, *error_re;
	pcre2_match_data *md;
	struct record rec;
	struct end mine;	/* the last end of the test sought */
	struct end other;	/* the last end of a test of another name */
	int others;		/* how many ends of other names */
	char last[COCOTBLOG_LINE + 1];	/* the last line not blank */
};

static void
lines_push(struct lines *l, char *line)
{
	if (l->nhead < COCOTBLOG_HEAD) {
		l->head[l->nhead++] = line;
	} else if (l->nring < COCOTBLOG_TAIL) {
		l->ring[l->nring++] = line;
	} else {
		free(l->ring[l->next]);
		l->ring[l->next] = line;
		l->next = (l->next + 1) % COCOTBLOG_TAIL;
		l->dropped++;
	}
}

/* The lines in order into out (which takes them), a line that says how
 * many were left out where they were: indented, as a frame would be. */
static void
lines_take(struct lines *l, struct strlist *out)
{
	size_t i;

	for (i = 0; i < l->nhead; i++)
		strlist_push(out, l->head[i]);
	if (l->dropped)
		strlist_push(out, xasprintf("  ... (%llu lines left out)",
		    l->dropped));
	for (i = 0; i < l->nring; i++)
		strlist_push(out, l->ring[(l->next + i) % l->nring]);
	memset(l, 0, sizeof *l);
}

/* Replace to with the lines of from, from index k on but the blank ones
 * at the end (copies). */
static void
take_from(struct strlist *to, const struct strlist *from, size_t k)
{
	size_t n = from->n;

	while (n > k && !from->v[n - 1][strspn(from->v[n - 1], " ")])
		n--;
	strlist_clear(to);
	for (; k < n; k++)
		strlist_push(to, xstrdup(from->v[k]));
}

/* Whether the word of w bytes at text is the name of the test sought:
 * NAME, or MODULE.NAME (cocotb 2). */
static int
is_mine(const struct reading *rd, const char *text, size_t w)
{
	size_t m = strlen(rd->module), n = strlen(rd->name);

	if (w == n && strncmp(text, rd->name, n) == 0)
		return 1;
	return m && w == m + 1 + n && strncmp(text, rd->module, m) == 0 &&
	    text[m] == '.' && strncmp(text + m + 1, rd->name, n) == 0;
}

/* Keep the end of a test the record l says, if it says one: its first
 * line "WORD failed" or "WORD passed", then nothing or ": WHY"; its lines
 * from index tb on (none: (size_t)-1) are the traceback. WORD is the
 * test sought's name (into rd->mine) or another's (into rd->other). */
static void
test_end(struct reading *rd, const struct strlist *l, size_t tb)
{
	const char *text = l->v[0], *p;
	size_t w = strcspn(text, " ");
	struct end *e;

	p = text + w;
	if (!w || (strncmp(p, " failed", 7) != 0 &&
	    strncmp(p, " passed", 7) != 0) || (p[7] && strncmp(p + 7, ": ",
	    2) != 0))
		return;
	if (is_mine(rd, text, w)) {
		e = &rd->mine;
	} else {
		e = &rd->other;
		rd->others++;
	}
	e->end = p[1];
	free(e->why);
	e->why = p[7] ? xstrdup(p + 9) : NULL;
	strlist_clear(&e->traceback);
	if (tb != (size_t)-1)
		take_from(&e->traceback, l, tb);
}

/* The record read to its end: keep what is sought of it. */
static void
record_end(struct reading *rd)
{
	struct record *r = &rd->rec;
	struct cocotb_said *s = rd->s;
	struct strlist l = {0};
	size_t k, tb = (size_t)-1;

	if (!r->open)
		return;
	lines_take(&r->l, &l);
	for (k = 0; k < l.n; k++)
		if (strcmp(l.v[k], COCOTBLOG_TRACEBACK) == 0)
			tb = k;
	if (r->logged && r->regression && l.n)
		test_end(rd, &l, tb);
	if (tb != (size_t)-1)
		take_from(&s->last_traceback, &l, tb);
	if (r->logged && r->error && !s->error && l.n)
		s->error = xstrdup(l.v[0]);
	strlist_clear(&l);
	memset(r, 0, sizeof *r);
}

/* Whether line continues the open log record: indented to its text, or
 * blank. */
static int
continues(const struct record *r, const char *line)
{
	size_t sp = strspn(line, " ");

	return r->open && r->logged && (sp >= r->col || !line[sp]);
}

static void
read_line(struct reading *rd, const char *line)
{
	struct record *r = &rd->rec;
	PCRE2_SIZE *ov;
	size_t sp;

	if (pcre2_match(rd->re, (PCRE2_SPTR)line, PCRE2_ZERO_TERMINATED, 0, 0,
	    rd->md, NULL) >= 0) {
		ov = pcre2_get_ovector_pointer(rd->md);
		record_end(rd);
		r->open = r->logged = 1;
		r->error = !strncmp(line + ov[2], "ERROR", 5) ||
		    !strncmp(line + ov[2], "CRITICAL", 8);
		r->regression = ov[5] - ov[4] == 17 &&
		    !strncmp(line + ov[4], "cocotb.regression", 17);
		r->col = ov[1];
		lines_push(&r->l, xstrdup(line + ov[1]));
		return;
	}
	if (continues(r, line)) {
		sp = strspn(line, " ");
		lines_push(&r->l, xstrdup(line + (sp < r->col ? sp : r->col)));
		return;
	}
	if (r->open && r->logged)
		record_end(rd);
	r->open = 1;	/* lines outside a record */
	lines_push(&r->l, xstrdup(line));
	if (!rd->s->error_line && pcre2_match(rd->error_re, (PCRE2_SPTR)line,
	    PCRE2_ZERO_TERMINATED, 0, 0, rd->md, NULL) >= 0)
		rd->s->error_line = xstrdup(line);
}

static pcre2_code *
compile(const char *re, uint32_t options)
{
	pcre2_code *c;
	PCRE2_SIZE off;
	int errcode;

	if (!(c = pcre2_compile((PCRE2_SPTR)re, PCRE2_ZERO_TERMINATED, options,
	    &errcode, &off, NULL)))
		fatal(0, "cocotblog: pattern %s at %zu", re, (size_t)off);
	return c;
}

static void
end_free(struct end *e)
{
	free(e->why);
	strlist_clear(&e->traceback);
	memset(e, 0, sizeof *e);
}

/* The end of the test into s: its own, or else the only end in the log
 * (cocotb 1 logs a test by its function's __qualname__, which is not
 * always the name the module gives it; one test runs per simulator). */
static void
end_take(struct reading *rd)
{
	struct end *e = rd->mine.end ? &rd->mine : rd->others == 1 ?
	    &rd->other : NULL;

	if (e) {
		rd->s->end = e->end;
		rd->s->why = e->why;
		rd->s->traceback = e->traceback;
		memset(e, 0, sizeof *e);
	}
	end_free(&rd->mine);
	end_free(&rd->other);
}

int
cocotblog_read(struct cocotb_said *s, FILE *f, const char *module,
    const char *name)
{
	struct reading rd = {0};
	char line[COCOTBLOG_LINE + 1];
	int cut = 0, rc = 0;
	size_t len;

	memset(s, 0, sizeof *s);
	rd.s = s;
	rd.module = module ? module : "";
	rd.name = name;
	rd.re = compile(header_re, 0);
	rd.error_re = compile(error_re, PCRE2_CASELESS);
	rd.md = pcre2_match_data_create_from_pattern(rd.re, NULL);
	while (fgets(line, sizeof line, f)) {
		len = strlen(line);
		if (cut) {	/* the rest of a line cut at COCOTBLOG_LINE */
			cut = len && line[len - 1] != '\n';
			continue;
		}
		cut = len && line[len - 1] != '\n' && !feof(f);
		while (len && (line[len - 1] == '\n' || line[len - 1] == '\r'))
			line[--len] = '\0';
		read_line(&rd, line);
		if (line[strspn(line, " \t")])
			memcpy(rd.last, line, len + 1);
	}
	if (ferror(f))
		rc = -1;
	record_end(&rd);
	end_take(&rd);
	if (rd.last[0])
		s->last = xstrdup(rd.last);
	pcre2_match_data_free(rd.md);
	pcre2_code_free(rd.re);
	pcre2_code_free(rd.error_re);
	return rc;
}

char *
cocotblog_exception(const struct strlist *tb)
{
	struct buf b = {0};
	size_t k = 1, end = tb->n;

	if (!tb->n)
		return NULL;
	/* the frames: "  File ...", their code and carets, all indented */
	while (k < end && (tb->v[k][0] == ' ' || !tb->v[k][0]))
		k++;
	while (end > k && !tb->v[end - 1][strspn(tb->v[end - 1], " ")])
		end--;
	for (; k < end; k++) {
		if (b.len)
			buf_putc(&b, '\n');
		buf_puts(&b, tb->v[k]);
	}
	return b.len ? buf_steal(&b) : NULL;
}

void
cocotblog_free(struct cocotb_said *s)
{
	free(s->why);
	strlist_clear(&s->traceback);
	strlist_clear(&s->last_traceback);
	free(s->error);
	free(s->error_line);
	free(s->last);
	memset(s, 0, sizeof *s);
}
