/* scan.c - see scan.h. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include "scan.h"
#include "beneath.h"

#include <fcntl.h>
#include <pcre2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

const char *const stream_files[ST_N] = {"sim.out", "sim.err", "test.out",
	"test.err"};

static const struct {
	const char *name;
	unsigned streams;
} selectors[] = {
	{"all", 0xf}, {"sim", 1 << ST_SIM_OUT | 1 << ST_SIM_ERR},
	{"test", 1 << ST_TEST_OUT | 1 << ST_TEST_ERR},
};

int
scan_add(struct scanner *s, enum pkind kind, const char *item, char **err)
{
	const char *re = item;
	unsigned streams = 0xf;
	size_t i;
	int code;
	PCRE2_SIZE off;
	pcre2_code *c;

	for (i = 0; i < sizeof selectors / sizeof *selectors + ST_N; i++) {
		const char *name = i < ST_N ? stream_files[i] :
		    selectors[i - ST_N].name;
		size_t n = strlen(name);

		if (strncmp(item, name, n) == 0 && item[n] == ':') {
			streams = i < ST_N ? 1u << i : selectors[i - ST_N].streams;
			re = item + n + 1;
			break;
		}
	}
	c = pcre2_compile((PCRE2_SPTR)re, PCRE2_ZERO_TERMINATED, PCRE2_UTF |
	    PCRE2_MATCH_INVALID_UTF, &code, &off, NULL);
	if (!c) {
		PCRE2_UCHAR msg[256];

		pcre2_get_error_message(code, msg, sizeof msg);
		*err = xasprintf("bad pattern '%s': %s at offset %zu", re,
		    (char *)msg, (size_t)off);
		return -1;
	}
	s->p = xrealloc(s->p, (s->n + 1) * sizeof *s->p);
	s->p[s->n].kind = kind;
	s->p[s->n].streams = streams;
	s->p[s->n].text = xstrdup(item);
	s->p[s->n].re = c;
	s->p[s->n].found = 0;
	s->n++;
	return 0;
}

/* GHDL: "f.vhd:3:5:@10ns:(assertion error): ..."; it goes on after
 * error severity, which must still fail */
static const char ghdl_asserts[] =
    "\\((?:psl )?(?:assertion|report) (?:error|failure)\\):";

void
scan_ghdl(struct scanner *s)
{
	char *err;

	if (scan_add(s, PK_FAIL, ghdl_asserts, &err) != 0)
		fatal(0, "%s", err);
}

void
scan_defaults(struct scanner *s)
{
	static const char *const defaults[] = {
		"%Error", "%Fatal", "^ERROR:", "^FATAL:",
		"(?i)\\berror\\b",	/* "error", not "0 errors" */
		/* a report, not the summary's "UVM_ERROR :    0" nor the
		 * catcher summary's "Number of demoted UVM_ERROR reports  :" */
		"UVM_(?:ERROR|FATAL) (?!\\s*:|reports\\s*:)",
		ghdl_asserts,
	};
	size_t i;
	char *err;

	for (i = 0; i < sizeof defaults / sizeof *defaults; i++)
		if (scan_add(s, PK_FAIL, defaults[i], &err) != 0)
			fatal(0, "%s", err);
}

void
scan_free(struct scanner *s)
{
	size_t i;

	for (i = 0; i < s->n; i++) {
		pcre2_code_free(s->p[i].re);
		free(s->p[i].text);
	}
	free(s->p);
	s->p = NULL;
	s->n = 0;
}

static void
hit(struct scan_hit *h, enum stream st, size_t line, const char *text,
	size_t len, const struct pattern *p)
{
	if (len > 200)
		len = 200;
	h->stream = st;
	h->line = line;
	h->text = xstrndup(text, len);
	h->pattern = p->text;
}

/* Read one line into line (SCAN_LINE_MAX + 1 bytes): a longer line keeps
 * its first SCAN_LINE_MAX bytes and the rest is skipped, so that a log of
 * one endless line costs no memory. Returns its length, or -1 at the end. */
static ssize_t
read_line(FILE *f, char *line)
{
	static char rest[4096];
	size_t n;

	if (!fgets(line, SCAN_LINE_MAX + 1, f))
		return -1;
	n = strlen(line);	/* a NUL in the log ends the line early */
	if (n == SCAN_LINE_MAX && line[n - 1] != '\n')
		while (fgets(rest, sizeof rest, f)) {	/* skip the rest */
			size_t m = strlen(rest);

			if (m && rest[m - 1] == '\n')
				break;
		}
	return (ssize_t)n;
}

/* PCRE2's own default match limit, set here so that a build with another
 * default gives the same verdicts; about 0.1 s of backtracking. The depth
 * limit lets a per-character group run over a whole SCAN_LINE_MAX line. */
#define MATCH_LIMIT 10000000
#define DEPTH_LIMIT (4 * SCAN_LINE_MAX)
/* The most lines matched between two looks at the time bound. */
#define CLOCK_LINES 1024

/* Match one line: 1 on a match, 0 on none, or a PCRE2 error code (< 0). A
 * JIT match that runs out of the JIT's stack is tried again without it. */
static int
match(const struct pattern *p, const char *line, size_t len,
	pcre2_match_data *md, pcre2_match_context *mc)
{
	int rc = pcre2_match(p->re, (PCRE2_SPTR)line, len, 0, 0, md, mc);

	if (rc == PCRE2_ERROR_JIT_STACKLIMIT)
		rc = pcre2_match(p->re, (PCRE2_SPTR)line, len, 0, PCRE2_NO_JIT,
		    md, mc);
	if (rc == PCRE2_ERROR_NOMATCH)
		return 0;
	return rc < 0 ? rc : 1;
}

/* The time bound has passed at line lineno: name the pattern slowest on
 * that line, the likely culprit, by timing each again on it. */
static void
too_slow(struct scan_report *r, const struct scanner *s, enum stream st,
	size_t lineno, const char *line, size_t len, pcre2_match_data *md,
	pcre2_match_context *mc)
{
	const struct pattern *slow = NULL;
	int64_t worst = -1;
	size_t i;

	for (i = 0; i < s->n; i++) {
		int64_t t = now_ms();

		if (!(s->p[i].streams & 1u << st))
			continue;
		match(&s->p[i], line, len, md, mc);
		if ((t = now_ms() - t) > worst) {
			worst = t;
			slow = &s->p[i];
		}
	}
	r->error = xasprintf("the log scan did not finish within %.1f s (it "
	    "had reached %s:%zu)%s%s%s", (double)s->limit_ms / 1000,
	    stream_files[st], lineno, slow ? "; the slowest pattern there is '"
	    : "", slow ? slow->text : "", slow ? "'" : "");
}

static void
cannot_match(struct scan_report *r, const struct pattern *p, int rc,
	enum stream st, size_t lineno)
{
	PCRE2_UCHAR msg[256];

	pcre2_get_error_message(rc, msg, sizeof msg);
	r->error = xasprintf("the pattern '%s' cannot be evaluated on %s:%zu: "
	    "%s", p->text, stream_files[st], lineno, (char *)msg);
}

/* One scan under way. */
struct scanning {
	struct scanner *s;
	struct scan_report *r;
	pcre2_match_data *md;
	pcre2_match_context *mc;
	char *line;		/* the line read, SCAN_LINE_MAX + 1 bytes */
	int64_t until;		/* the scan's time bound, 0: none */
	int64_t looked;		/* when the clock was last read */
	size_t step, since;	/* the clock every step lines */
};

/* The sizes of the logs in dir; JIT compiling costs more than
 * interpreting a small log: only for logs worth it. */
static void
log_sizes(struct scanner *s, const char *dir, size_t sizes[ST_N])
{
	size_t total = 0, i;
	struct stat sb;
	int st;

	for (st = 0; st < ST_N; st++) {
		char *path = xasprintf("%s/%s", dir, stream_files[st]);

		/* not a link's target, nor a FIFO's wait (beneath.h) */
		sizes[st] = lstat(path, &sb) == 0 && S_ISREG(sb.st_mode) ?
		    (size_t)sb.st_size : 0;
		total += sizes[st];
		free(path);
	}
	if (total > 256 * 1024)
		for (i = 0; i < s->n; i++)
			pcre2_jit_compile(s->p[i].re, PCRE2_JIT_COMPLETE);
}

/* Whether the scan is still within its time bound. The clock costs
 * about what a match does: it is read every step lines, step doubling up
 * to CLOCK_LINES while that many lines take under 10 ms, and back to 1
 * at once when they do not (slow patterns). */
static int
in_time(struct scanning *sc, int st, size_t lineno, size_t len)
{
	int64_t t;

	if (!sc->until || ++sc->since < sc->step)
		return 1;
	t = now_ms();
	if (t > sc->until) {
		too_slow(sc->r, sc->s, st, lineno, sc->line, len, sc->md,
		    sc->mc);
		return 0;
	}
	sc->step = t - sc->looked >= 10 ? 1 : sc->step < CLOCK_LINES ?
	    sc->step * 2 : CLOCK_LINES;
	sc->since = 0;
	sc->looked = t;
	return 1;
}

/* Record a warning pattern's match: the line counts once, the first
 * match of each of up to 8 patterns is kept. */
static void
warned(struct scan_report *r, const struct pattern *p, int st,
    size_t lineno, const char *line, size_t len, int *counted)
{
	size_t w;

	r->warn_lines += !(*counted)++;
	for (w = 0; w < r->nwarn; w++)
		if (r->warn[w].pattern == p->text)
			break;
	if (w == r->nwarn && r->nwarn < 8)
		hit(&r->warn[r->nwarn++], st, lineno, line, len, p);
}

/* Match every pattern that still can on one line of stream st. */
static void
match_line(struct scanning *sc, int st, size_t lineno, size_t len)
{
	struct scan_report *r = sc->r;
	int counted = 0, rc;
	size_t i;

	for (i = 0; i < sc->s->n; i++) {
		struct pattern *p = &sc->s->p[i];

		if (!(p->streams & 1u << st) ||
		    (p->kind == PK_FAIL && r->fail.text) ||
		    (p->kind == PK_SKIP && r->skip.text) ||
		    (p->kind == PK_PASS && p->found))
			continue;
		if ((rc = match(p, sc->line, len, sc->md, sc->mc)) < 0) {
			cannot_match(r, p, rc, st, lineno);
			return;
		}
		if (rc == 0)
			continue;
		if (p->kind == PK_FAIL)
			hit(&r->fail, st, lineno, sc->line, len, p);
		else if (p->kind == PK_SKIP)
			hit(&r->skip, st, lineno, sc->line, len, p);
		else if (p->kind == PK_PASS)
			p->found = 1;
		else
			warned(r, p, st, lineno, sc->line, len, &counted);
	}
}

/* Scan one log file, line by line. */
static void
scan_stream(struct scanning *sc, const char *dir, int st)
{
	char *path = xasprintf("%s/%s", dir, stream_files[st]);
	int fd = beneath_open(path, O_RDONLY | O_CLOEXEC, 0);
	FILE *f = fd >= 0 ? fdopen(fd, "r") : NULL;
	size_t lineno = 0, len;
	ssize_t n;
	struct uvm_reader uvm;

	free(path);
	if (!f) {
		if (fd >= 0)
			close(fd);
		return;
	}
	uvm_reader_start(&uvm, st);
	while (!sc->r->error && (n = read_line(f, sc->line)) >= 0) {
		len = (size_t)n;
		lineno++;
		while (len && (sc->line[len - 1] == '\n' ||
		    sc->line[len - 1] == '\r'))
			len--;
		if (!in_time(sc, st, lineno, len))
			break;
		match_line(sc, st, lineno, len);
		uvm_reader_line(&uvm, sc->line, len, lineno, &sc->r->uvm);
	}
	fclose(f);
}

void
scan_logs(struct scanner *s, const char *dir, struct scan_report *r)
{
	struct scanning sc = {s, r, pcre2_match_data_create(4, NULL),
		pcre2_match_context_create(NULL), xmalloc(SCAN_LINE_MAX + 1),
		0, 0, 1, 0};
	size_t i, sizes[ST_N];
	int st;

	memset(r, 0, sizeof *r);
	if (!sc.md || !sc.mc)
		fatal(0, "out of memory");
	sc.until = s->limit_ms > 0 ? now_ms() + s->limit_ms : 0;
	sc.looked = sc.until ? now_ms() : 0;
	pcre2_set_match_limit(sc.mc, MATCH_LIMIT);
	pcre2_set_depth_limit(sc.mc, DEPTH_LIMIT);
	log_sizes(s, dir, sizes);
	for (st = 0; st < ST_N && !r->error; st++)
		if (sizes[st])	/* missing or empty: nothing to match */
			scan_stream(&sc, dir, st);
	for (i = 0; i < s->n && !r->error; i++)
		if (s->p[i].kind == PK_PASS && !s->p[i].found && !r->missing)
			r->missing = s->p[i].text;
	free(sc.line);
	pcre2_match_data_free(sc.md);
	pcre2_match_context_free(sc.mc);
}

void
scan_report_free(struct scan_report *r)
{
	size_t i;

	free(r->fail.text);
	free(r->skip.text);
	free(r->error);
	for (i = 0; i < r->nwarn; i++)
		free(r->warn[i].text);
	memset(r, 0, sizeof *r);
}
