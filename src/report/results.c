/* results.c - see results.h. A test's result (and, without one, its
 * spec) is read here through its codec, at load time, and what the
 * summary and the renderers show of a test (its status, its log, the
 * first match to show, the exception type of its message and the frame
 * of its traceback) is computed once into fields; the renderers read the
 * rest of the result (tails, warnings, properties, the message and the
 * traceback themselves) from struct result. */
#include "results.h"
#include "lastrun.h"
#include "layout.h"
#include "scan.h"
#include "spec.h"
#include "testslist.h"
#include "util.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

const char *const mark_words[MARK_N] = {NULL, "new", "known", "fixed"};

const char *const tally_words[TL_N] = {"passed", "failed", "flaky",
	"skipped", "timed out", "crashed", "errors", "not run", "waived"};

enum tally
results_tally(enum status s)
{
	static const enum tally map[STATUS_N] = {
		[STATUS_PASS] = TL_PASS, [STATUS_XFAIL] = TL_PASS,
		[STATUS_FAIL] = TL_FAIL, [STATUS_XPASS] = TL_FAIL,
		[STATUS_SKIP] = TL_SKIP, [STATUS_TIMEOUT] = TL_TIMEOUT,
		[STATUS_CRASH] = TL_CRASH, [STATUS_ERROR] = TL_ERROR,
		[STATUS_INTERRUPTED] = TL_ERROR, [STATUS_NOTRUN] = TL_NOTRUN,
		[STATUS_FLAKY] = TL_FLAKY,
	};

	/* a status this version does not know counts as a failure */
	return s < STATUS_N ? map[s] : TL_FAIL;
}

const char *
results_word(enum status s, const char *unknown)
{
	return s == STATUS_UNKNOWN && unknown ? unknown : status_name(s);
}

int
results_has_status(const struct result *r)
{
	return r->status != STATUS_UNKNOWN || (r->status_word &&
	    *r->status_word);
}

long long
results_clamp(long long n, long long max)
{
	return n < 0 ? 0 : n > max ? max : n;
}

int
results_when(const struct result *r, long long prev_ms, long long *start_ms,
    long long *dur_ms)
{
	*start_ms = results_clamp(r->start_epoch_ms, 100000000000000LL);
	*dur_ms = results_clamp(r->duration_ms, 100000000000LL);
	return *start_ms + *dur_ms > prev_ms;
}

const char *
results_first_log(const struct result *r, int command, size_t *line)
{
	static const enum tail order[] = {TAIL_TEST_ERR, TAIL_TEST_OUT,
		TAIL_SIM_ERR, TAIL_SIM_OUT};
	const struct hit *m = &r->fail_match;
	size_t i;

	*line = 0;
	if (m->text && m->stream >= 0) {
		*line = (size_t)results_clamp(m->line, LLONG_MAX);
		return stream_files[m->stream];
	}
	for (i = 0; i < TAIL_N; i++)
		if (r->tails[order[i]].n)
			return tail_log(order[i]);
	return r->test_end.kind != END_NONE || command ?
	    stream_files[ST_TEST_OUT] : stream_files[ST_SIM_OUT];
}

char *
results_match(const struct result *r)
{
	if (r->fail_match.text && !(r->stage && strcmp(r->stage, "scan") == 0))
		return hit_text(&r->fail_match);
	return NULL;
}

static int
is_word_char(char c, int first)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
	    (!first && c >= '0' && c <= '9');
}

char *
results_exception(const char *m)
{
	const char *p = m, *part;

	if (!m)
		return NULL;
	for (;;) {
		part = p;
		if (!is_word_char(*p, 1))
			return NULL;
		while (is_word_char(*p, 0))
			p++;
		if (*p != '.')
			break;
		p++;
	}
	/* then the end of the line, or ':' and the rest of the message */
	if (*part < 'A' || *part > 'Z' || (*p == ':' ? p[1] && p[1] != ' ' &&
	    p[1] != '\n' : *p && *p != '\n'))
		return NULL;
	return xstrndup(m, (size_t)(p - m));
}

size_t
results_message_len(const char *m)
{
	size_t n = m ? strlen(m) : 0;

	while (n && m[n - 1] == '\n')
		n--;
	return n;
}

int
results_reason_says(const char *reason, const char *message)
{
	char *first;
	int says;

	if (!reason || !message)
		return 0;
	first = xstrndup(message, strcspn(message, "\n"));
	says = *first && strstr(reason, first) != NULL;
	free(first);
	return says;
}

/* The file and line of a traceback line `  File "PATH", line N, in F`,
 * Python's; 0 when it is not one. */
static int
frame_line(const char *s, const char **path, size_t *plen, const char **line,
    size_t *llen)
{
	const char *q, *end = NULL;

	while (*s == ' ')
		s++;
	if (strncmp(s, "File \"", 6) != 0)
		return 0;
	*path = s + 6;
	/* the last one: a path may hold the separator */
	for (q = *path; (q = strstr(q, "\", line ")); q++)
		end = q;
	if (!end || end == *path)
		return 0;
	*plen = (size_t)(end - *path);
	*line = end + 8;
	*llen = strspn(*line, "0123456789");
	return *llen > 0;
}

/* Whether path is the file own ("dir/test_fifo.py") or ends with it. */
static int
is_file(const char *path, size_t plen, const char *own)
{
	size_t n = strlen(own);

	return plen >= n && memcmp(path + plen - n, own, n) == 0 &&
	    (plen == n || path[plen - n - 1] == '/');
}

/* The file of a cocotb test's module, relative to the directories on the
 * PYTHONPATH ("test_fifo.py", "pkg/test_x.py"), from e's spec; NULL when
 * its spec names no module. */
static char *
module_file(const struct report *rp, const struct entry *e)
{
	char *path = layout_test_file(rp->builddir, e->name, DIR_SPEC), *own =
	    NULL, *p;
	struct kvfile f;
	struct spec s;

	if (spec_read(&s, &f, path) == 0) {
		if (s.cocotb_module && *s.cocotb_module) {
			own = xasprintf("%s.py", s.cocotb_module);
			for (p = own; p[3]; p++)
				if (*p == '.')
					*p = '/';
		}
		spec_free(&s);
		kv_free(&f);
	}
	free(path);
	return own;
}

/* "PATH:LINE" of the innermost frame of e's traceback in the test's own
 * file (a cocotb test's module; without one, any file), PATH relative to
 * the current directory when under it; NULL when no frame is there. */
static char *
frame_at(const struct report *rp, const struct entry *e)
{
	const struct strlist *tb = &e->r.traceback;
	char *own = module_file(rp, e), *cwd, *at = NULL;
	const char *path, *line;
	size_t i, plen, llen, n;

	for (i = tb->n; i-- > 0 && !at;) {
		if (!frame_line(tb->v[i], &path, &plen, &line, &llen) ||
		    (own && !is_file(path, plen, own)))
			continue;
		if ((cwd = getcwd(NULL, 0))) {
			n = strlen(cwd);
			if (n > 1 && plen > n + 1 && strncmp(path, cwd, n) == 0 &&
			    path[n] == '/') {
				path += n + 1;
				plen -= n + 1;
			}
			free(cwd);
		}
		at = xasprintf("%.*s:%.*s", (int)plen, path, (int)llen, line);
	}
	free(own);
	return at;
}

/* What the report shows of e's logs: the first match (unless the scan
 * failed the test), the log to open, its path relative to the builddir
 * (run/LOG of the test, or the log of the compile or the fixture setup
 * that kept it from running) and the line to look at there; the repro
 * script. */
static void
find_logs(struct entry *e, int spec_command)
{
	e->match = results_match(&e->r);
	e->compile_log = e->r.compile_log;
	e->fixture_log = e->r.fixture_log;
	e->log = results_first_log(&e->r, !e->has_result && spec_command,
	    &e->log_line);
	e->repro = layout_test_file(NULL, e->name, DIR_REPRO);
	if (e->compile_log) {	/* its design did not compile: nothing ran */
		e->log_line = e->r.compile_log_line ? (size_t)results_clamp(
		    strtoll(e->r.compile_log_line, NULL, 10), 1000000000LL) : 0;
		e->log_path = xstrdup(e->compile_log);
		return;
	}
	if (e->fixture_log) {	/* its fixture's setup failed: likewise */
		e->log_line = 0;
		e->log_path = xstrdup(e->fixture_log);
		return;
	}
	if (e->r.log) {	/* a log outside the run directory: srun's */
		e->log_line = 0;
		e->log_path = xstrdup(e->r.log);
		return;
	}
	e->log_path = layout_test_log(NULL, e->name, e->log);
}

/* Why e has no result: a run moves the last result aside when it starts,
 * and cosimgen when it changes the spec (see lastrun.h). */
static void
missing_result(const struct report *rp, struct entry *e)
{
	char *dir = layout_test(rp->builddir, e->name);

	switch (lastrun_state(dir)) {
	case LR_NEVER:
		e->status = STATUS_NOTRUN;
		e->reason = "the test has not run";
		break;
	case LR_UNFINISHED:
		e->status = STATUS_ERROR;
		e->reason = "its last run did not finish: cosim-run was "
		    "killed or stopped, could not write its result, or is "
		    "running now";
		break;
	case LR_FINISHED:
		e->status = STATUS_NOTRUN;
		e->reason = "not run since its spec changed";
		break;
	}
	free(dir);
}

/* What e's result says: status, reason, design, times, seed, warnings,
 * the exception type of its message and the frame of its traceback to
 * point at. */
static void
read_result(const struct report *rp, struct entry *e)
{
	const struct result *r = &e->r;

	e->has_result = 1;
	e->status = r->status;
	e->status_word = r->status_word;
	e->reason = r->reason;
	e->design = r->design;
	e->ran = results_when(r, rp->prev_ms, &e->start_ms, &e->dur_ms);
	e->seed = r->seed ? xstrdup(r->seed) : NULL;
	if (r->warnings.n)
		e->warning = hit_text(&r->warnings.v[0]);
	/* an older result has no count: its patterns' first matches */
	e->warnings = r->warning_lines ? results_clamp(r->warning_lines,
	    LLONG_MAX) : (long long)r->warnings.n;
	e->exception = results_exception(r->message);
	if (r->traceback.n)
		e->at = frame_at(rp, e);
}

/* What e's spec says, for a test without a result: its design and seed;
 * whether it has a test program. */
static int
read_spec(const struct report *rp, struct entry *e)
{
	char *path = layout_test_file(rp->builddir, e->name, DIR_SPEC);
	struct spec s;
	int command = 0;

	if (spec_read(&s, &e->spf, path) == 0) {
		e->design = s.design;
		e->seed = xasprintf("%lld", s.seed);
		command = s.command != NULL;
		spec_free(&s);
	}
	free(path);
	return command;
}

/* Read e's result; without a usable one, the status says why. */
static void
load_result(struct report *rp, struct entry *e)
{
	char *path = layout_test_file(rp->builddir, e->name, DIR_RESULT);
	int command = 0;

	if (result_read(&e->r, &e->rf, path, RESULT_TEST) != 0) {
		if (errno == ENOENT) {
			missing_result(rp, e);
		} else {
			e->status = STATUS_ERROR;
			e->reason = errno == EINVAL ? "its result file is damaged "
			    "(not a cosim-run result)" : "its result file cannot be "
			    "read";
		}
	} else if (!results_has_status(&e->r)) {
		e->status = STATUS_ERROR;
		e->reason = "its result file holds no status (cut short?)";
	} else {
		read_result(rp, e);
	}
	if (!e->reason)
		e->reason = "";
	if (!e->warning)
		e->warning = xstrdup("");
	if (!e->has_result)
		command = read_spec(rp, e);
	find_logs(e, command);
	free(path);
}

void
results_load(struct report *rp, char *list)
{
	char *line, *save = NULL;
	size_t cap = 0;

	for (line = strtok_r(list, "\n", &save); line;
	    line = strtok_r(NULL, "\n", &save)) {
		struct entry *e;
		char *name;

		if (rp->n == cap) {
			cap = cap ? 2 * cap : 64;
			rp->e = xrealloc(rp->e, cap * sizeof *rp->e);
		}
		e = &rp->e[rp->n++];
		memset(e, 0, sizeof *e);
		testslist_parse(line, &name, &e->labels);
		e->name = name;
		e->home = rp->builddir;
		e->href = "";
		load_result(rp, e);
		e->tally = results_tally(e->status);
		rp->count[e->tally]++;
	}
}

void
results_free(struct report *rp)
{
	size_t i;

	for (i = 0; i < rp->n; i++) {
		result_free(&rp->e[i].r, RESULT_TEST);
		kv_free(&rp->e[i].rf);
		kv_free(&rp->e[i].spf);
		free(rp->e[i].judged);
		free(rp->e[i].signature);
		free(rp->e[i].seed);
		free(rp->e[i].warning);
		free(rp->e[i].match);
		free(rp->e[i].exception);
		free(rp->e[i].at);
		free(rp->e[i].log_path);
		free(rp->e[i].repro);
		free(rp->e[i].waves);
		free(rp->e[i].waves_note);
		if (*rp->e[i].labels)
			free(rp->e[i].labels);
	}
	free(rp->e);
}
