/* history.c - see history.h. */
#include "history.h"
#include "escape.h"
#include "file.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define HISTORY_MAGIC "cosimgen-history 1"
/* The longest duration a record is taken with. */
#define HISTORY_MAX_MS (366LL * 24 * 3600 * 1000)

/* The value of key in the fields of a line (split at tabs, NUL-ended
 * between), or NULL. */
static char *
field(char **f, size_t n, const char *key)
{
	size_t i, len = strlen(key);

	for (i = 1; i < n; i++)
		if (strncmp(f[i], key, len) == 0 && f[i][len] == '=')
			return f[i] + len + 1;
	return NULL;
}

static long long
number(char **f, size_t n, const char *key, long long none)
{
	char *v = field(f, n, key), *end;
	long long x;

	if (!v || !*v)
		return none;
	x = strtoll(v, &end, 10);
	return *end ? none : x;
}

static char *
text(char **f, size_t n, const char *key)
{
	char *v = field(f, n, key);

	return v ? v : "";
}

/* Split line at tabs into f (at most max), unescaping each field (only
 * a line with a backslash has anything to unescape). */
static size_t
split(char *line, char **f, size_t max)
{
	size_t n = 0;
	char *tab;
	int escaped = strchr(line, '\\') != NULL;

	while (n < max) {
		f[n++] = line;
		if (!(tab = strchr(line, '\t')))
			break;
		*tab = '\0';
		line = tab + 1;
	}
	for (size_t i = 0; escaped && i < n; i++)
		unesc_line(f[i]);
	return n;
}

static void
add_run(struct history *h, char **f, size_t n)
{
	struct hist_run *r;
	size_t i;

	h->runs = xrealloc(h->runs, (h->nruns + 1) * sizeof *h->runs);
	r = &h->runs[h->nruns++];
	memset(r, 0, sizeof *r);
	r->id = number(f, n, "id", 0);
	r->start_ms = number(f, n, "start_ms", -1);
	r->end_ms = number(f, n, "end_ms", -1);
	r->cosimgen = text(f, n, "cosimgen");
	r->host = text(f, n, "host");
	r->seed_epoch = number(f, n, "seed_epoch", -1);
	r->first = h->ntests;
	for (i = 1; i < n; i++)
		if (strncmp(f[i], "id=", 3) && strncmp(f[i], "start_ms=", 9) &&
		    strncmp(f[i], "end_ms=", 7) && strncmp(f[i], "cosimgen=", 9)
		    && strncmp(f[i], "host=", 5) && strncmp(f[i],
		    "seed_epoch=", 11) && strchr(f[i], '='))
			strlist_push(&r->tools, f[i]);
}

/* A slot for one more record in *v (n of them, cap allocated). */
static struct hist_test *
more(struct hist_test **v, size_t *n, size_t *cap)
{
	if (*n == *cap) {
		*cap = *cap ? *cap * 2 : 64;
		*v = xrealloc(*v, *cap * sizeof **v);
	}
	return &(*v)[(*n)++];
}

/* A test's record, or a compile's when compile is set: its fields read
 * in one pass (a history of 10,000 tests and 50 runs has half a million
 * of them). A key this version does not know is skipped. */
static void
add_test(struct history *h, char **f, size_t n, int compile, size_t *cap)
{
	struct hist_test t;
	size_t i;

	memset(&t, 0, sizeof t);
	t.run = h->nruns ? h->runs[h->nruns - 1].id : 0;
	t.duration_ms = t.cpu_ms = t.max_rss_kb = -1;
	t.attempts = 1;
	t.seed = t.fingerprint = t.inputs = t.signature = "";
	for (i = 1; i < n; i++) {
		char *v = strchr(f[i], '='), *end;
		size_t k;
		long long x;

		if (!v)
			continue;
		k = (size_t)(v++ - f[i]);
#define KEY(word) (k == sizeof word - 1 && memcmp(f[i], word, k) == 0)
		if (KEY("name"))
			t.name = v;
		else if (KEY("status"))
			t.status_word = v;
		else if (KEY("seed"))
			t.seed = v;
		else if (KEY("fingerprint"))
			t.fingerprint = v;
		else if (KEY("inputs"))
			t.inputs = v;
		else if (KEY("signature"))
			t.signature = v;
		else if (KEY("run") || KEY("duration_ms") || KEY("attempts") ||
		    KEY("cpu_ms") || KEY("max_rss_kb")) {
			x = strtoll(v, &end, 10);
			if (!*v || *end)
				continue;
			if (KEY("run"))
				t.run = x;
			else if (KEY("duration_ms"))
				/* a damaged value must not overflow a sum of
				 * them: a year at most */
				t.duration_ms = x >= 0 && x <= HISTORY_MAX_MS ?
				    x : -1;
			else if (KEY("attempts"))
				t.attempts = x;
			else if (KEY("cpu_ms"))
				t.cpu_ms = x;
			else
				t.max_rss_kb = x;
		}
#undef KEY
	}
	if (!t.name || !*t.name || !t.status_word || !h->nruns)
		return;	/* nothing to order by */
	t.compile = compile;
	t.status = status_find(t.status_word);
	if (compile) {
		*more(&h->compiles, &h->ncompiles, &cap[1]) = t;
	} else {
		*more(&h->tests, &h->ntests, &cap[0]) = t;
		h->runs[h->nruns - 1].n++;
	}
}

int
history_read(struct history *h, const char *path)
{
	char *line, *next, *f[64];
	size_t len, cap[2] = {0, 0};

	memset(h, 0, sizeof *h);
	if (!(h->text = file_read(path, &len)))
		return errno == ENOENT ? 0 : -1;
	if (strlen(h->text) != len ||
	    strncmp(h->text, HISTORY_MAGIC "\n", sizeof HISTORY_MAGIC) != 0) {
		history_free(h);
		errno = EINVAL;
		return -1;
	}
	for (line = h->text + sizeof HISTORY_MAGIC; *line; line = next) {
		size_t n;

		if ((next = strchr(line, '\n')))
			*next++ = '\0';
		else
			next = line + strlen(line);
		n = split(line, f, sizeof f / sizeof *f);
		if (strcmp(f[0], "run") == 0)
			add_run(h, f, n);
		else if (strcmp(f[0], "test") == 0)
			add_test(h, f, n, 0, cap);
		else if (strcmp(f[0], "compile") == 0)
			add_test(h, f, n, 1, cap);
	}
	return 0;
}

void
history_free(struct history *h)
{
	size_t i;

	for (i = 0; i < h->nruns; i++)
		free(h->runs[i].tools.v);
	free(h->runs);
	free(h->tests);
	free(h->compiles);
	free(h->text);
	memset(h, 0, sizeof *h);
}

static int
by_name(const void *a, const void *b)
{
	const struct hist_test *const *x = a, *const *y = b;
	int c = strcmp((*x)->name, (*y)->name);

	/* the same test: in file order */
	return c ? c : (*x < *y ? -1 : *x > *y);
}

/* The summaries of the nr records r, by name. */
static size_t
summarize(const struct hist_test *r, size_t nr, size_t k,
    struct hist_summary **out)
{
	const struct hist_test **v = xcalloc(nr + 1, sizeof *v);
	struct hist_summary *s = xcalloc(nr + 1, sizeof *s);
	size_t i, j, n = 0;

	for (i = 0; i < nr; i++)
		v[i] = &r[i];
	qsort(v, nr, sizeof *v, by_name);
	for (i = 0; i < nr; i = j) {
		long long sum = 0, used = 0;

		for (j = i; j < nr && strcmp(v[j]->name, v[i]->name) == 0; j++)
			;
		s[n].name = v[i]->name;
		s[n].records = j - i;
		s[n].last = v[j - 1]->status;
		s[n].last_fingerprint = v[j - 1]->fingerprint;
		/* the newest k with a duration */
		for (size_t m = j; m > i && (size_t)used < k; m--)
			if (v[m - 1]->duration_ms >= 0) {
				sum += v[m - 1]->duration_ms;
				used++;
			}
		s[n].mean_ms = used ? sum / used : -1;
		n++;
	}
	free(v);
	*out = s;
	return n;
}

size_t
history_summarize(const struct history *h, size_t k, struct hist_summary **out)
{
	return summarize(h->tests, h->ntests, k, out);
}

size_t
history_summarize_compiles(const struct history *h, size_t k,
    struct hist_summary **out)
{
	return summarize(h->compiles, h->ncompiles, k, out);
}

static int
name_cmp(const void *key, const void *elem)
{
	return strcmp(key, ((const struct hist_summary *)elem)->name);
}

const struct hist_summary *
history_find(const struct hist_summary *s, size_t n, const char *name)
{
	return n ? bsearch(name, s, n, sizeof *s, name_cmp) : NULL;
}

static void
put(struct buf *b, const char *key, const char *value)
{
	buf_printf(b, "\t%s=", key);
	esc_field(b, value ? value : "");
}

static void
put_num(struct buf *b, const char *key, long long value)
{
	buf_printf(b, "\t%s=%lld", key, value);
}

/* The offsets in text of the lines that start a run. */
static size_t
run_starts(const char *text, size_t **at)
{
	size_t n = 0;
	const char *p = text;

	*at = NULL;
	while ((p = strstr(p, "\nrun\t"))) {
		*at = xrealloc(*at, (n + 1) * sizeof **at);
		(*at)[n++] = (size_t)(p + 1 - text);
		p++;
	}
	return n;
}

/* The id of the last run in old (its runs start at at[0..n)), or 0. */
static long long
last_id(const char *old, const size_t *at, size_t n)
{
	const char *p;

	if (!n)
		return 0;
	p = strstr(old + at[n - 1], "\tid=");
	return p && p < strchr(old + at[n - 1], '\n') ? atoll(p + 4) : 0;
}

/* The new run's lines: its record, then its tests' and compiles'. */
static void
put_run(struct buf *b, const struct hist_run *run,
    const struct hist_test *tests, size_t n)
{
	size_t i;

	buf_puts(b, "run");
	put_num(b, "id", run->id);
	put_num(b, "start_ms", run->start_ms);
	put_num(b, "end_ms", run->end_ms);
	put(b, "cosimgen", run->cosimgen);
	put(b, "host", run->host);
	if (run->seed_epoch >= 0)
		put_num(b, "seed_epoch", run->seed_epoch);
	for (i = 0; i < run->tools.n; i++) {
		buf_putc(b, '\t');
		esc_field(b, run->tools.v[i]);
	}
	buf_putc(b, '\n');
	for (i = 0; i < n; i++) {
		const struct hist_test *t = &tests[i];

		/* a record belongs to the run before it: no run key */
		buf_puts(b, t->compile ? "compile" : "test");
		put(b, "name", t->name);
		put(b, "status", t->status_word ? t->status_word :
		    status_name(t->status));
		if (t->duration_ms >= 0)
			put_num(b, "duration_ms", t->duration_ms);
		if (t->compile) {
			buf_putc(b, '\n');
			continue;
		}
		/* the keys a reader takes as empty, or 1 attempt, only when
		 * they say more */
		if (t->seed && *t->seed)
			put(b, "seed", t->seed);
		put(b, "fingerprint", t->fingerprint);
		if (t->inputs && *t->inputs)
			put(b, "inputs", t->inputs);
		if (t->attempts > 1)
			put_num(b, "attempts", t->attempts);
		if (t->signature && *t->signature)
			put(b, "signature", t->signature);
		if (t->cpu_ms > 0)
			put_num(b, "cpu_ms", t->cpu_ms);
		if (t->max_rss_kb > 0)
			put_num(b, "max_rss_kb", t->max_rss_kb);
		buf_putc(b, '\n');
	}
}

int
history_add(const char *path, struct hist_run *run,
    const struct hist_test *tests, size_t n, size_t keep)
{
	struct buf b = {0}, add = {0};
	char *old;
	size_t len, *at = NULL, nruns = 0, first = 0;
	int rc;

	if (keep < HISTORY_RUNS)
		keep = HISTORY_RUNS;
	old = file_read(path, &len);
	if (!old && errno != ENOENT)
		return -1;
	if (old && (strlen(old) != len || strncmp(old, HISTORY_MAGIC "\n",
	    sizeof HISTORY_MAGIC) != 0)) {
		free(old);
		errno = EINVAL;	/* not ours: leave it alone */
		return -1;
	}
	if (old) {
		char *end = strrchr(old, '\n');

		end[1] = '\0';	/* without a cut last line */
		len = (size_t)(end + 1 - old);
		nruns = run_starts(old, &at);
		run->id = last_id(old, at, nruns) + 1;
	} else {
		run->id = 1;
	}
	put_run(&add, run, tests, n);
	/* the newest keep - 1 runs, as they were, as many of them as fit
	 * in HISTORY_BYTES with the new one */
	if (nruns >= keep)
		first = nruns - keep + 1;
	while (first < nruns && sizeof HISTORY_MAGIC + len - at[first] +
	    add.len > HISTORY_BYTES)
		first++;
	buf_puts(&b, HISTORY_MAGIC "\n");
	if (first < nruns)
		buf_puts(&b, old + at[first]);
	buf_add(&b, add.s, add.len);
	rc = file_write_atomic(path, b.s, b.len);
	free(old);
	free(at);
	buf_free(&b);
	buf_free(&add);
	return rc;
}

int
history_touch(const char *path)
{
	if (access(path, F_OK) == 0)
		return 0;
	return file_write_atomic(path, HISTORY_MAGIC "\n",
	    sizeof HISTORY_MAGIC);
}
