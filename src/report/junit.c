/* junit.c - report.xml: JUnit XML as the Jenkins xUnit plugin's
 * junit-10.xsd describes it, which GitLab also reads.
 *
 * One <testsuite> per design (tests without one go to "(commands)"), in
 * the order designs first appear in the test list. The schema has no
 * properties inside a <testcase>, so a test's properties (its labels, its
 * seed, its count of warning lines, its UVM summary's counts, and what it
 * recorded itself) go to its
 * suite's <properties> as NAME.KEY, and the test's own and its warnings to
 * its <system-out> as well. A failure of
 * the test (fail, xpass, timeout) is a <failure>, a crash or a problem of
 * the run itself (error, interrupted, no result) an <error>, each with the
 * status as its type and the reason as its message; a skip is <skipped>.
 * When the test said why it failed (a cocotb test's exception: the
 * result's message and traceback), the type is the exception's
 * ("AssertionError") when the message starts with one, the message
 * attribute adds the message's first line unless the reason says it, and
 * the text starts with the message and the traceback, as a stack trace
 * does in the JUnit files of other languages. The log tails the result keeps
 * for a test that did not pass go to <system-out> and <system-err>; so
 * does, to <system-err>, the end of the compile log of a test whose design
 * did not compile, or of the setup log of its fixture.
 *
 * A test run more than once (retries) is written as Maven Surefire writes
 * a rerun test, which the Jenkins JUnit plugin and GitLab read: a flaky
 * test passes, with a <flakyFailure> (<flakyError> for a crash) per
 * earlier attempt that failed; a test that failed every attempt has its
 * <failure> or <error>, the last attempt's verdict, and a <rerunFailure>
 * or <rerunError> per earlier attempt. Each holds a <stackTrace> (the
 * attempt's reason, first match and log) and the attempt's log tails. */
#include "junit.h"
#include "coverage.h"
#include "attempts.h"
#include "escape.h"
#include "layout.h"
#include "waiver.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static const char *
suite_of(const struct entry *e)
{
	return e->design ? e->design : "(commands)";
}

static int
is_failure(const struct entry *e)
{
	return e->tally == TL_FAIL || e->tally == TL_TIMEOUT;
}

static int
is_error(const struct entry *e)
{
	return e->tally == TL_CRASH || e->tally == TL_ERROR ||
	    e->tally == TL_NOTRUN;
}

static void
attr(struct buf *b, const char *name, const char *value)
{
	buf_printf(b, " %s=\"", name);
	esc_xml(b, value);
	buf_putc(b, '"');
}

/* A log the result keeps the last lines of, and its name. */
struct kept_tail {
	const struct strlist *lines;
	const char *log;
};

/* Append "PREFIX LINE&#10;" for each of the n lines v (escaped). */
static void
lines(struct buf *b, const char *prefix, char *const *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		buf_puts(b, prefix);
		esc_xml(b, v[i]);
		buf_puts(b, "&#10;");
	}
}

/* The tails of one stream pair, with a header line for each; in the
 * <system-out> of a test e (NULL for an attempt), the warnings and
 * properties as well. */
static void
tails(struct buf *b, const struct entry *e, const struct kept_tail *t, size_t nt,
    const char *tag, const char *indent)
{
	int out = e && strcmp(tag, "system-out") == 0, any = 0;
	size_t i, at = b->len;

	buf_printf(b, "%s<%s>", indent, tag);
	for (i = 0; i < nt; i++) {
		if (!t[i].lines->n)
			continue;
		buf_printf(b, "==&gt; %s (last lines) &lt;==&#10;", t[i].log);
		lines(b, "", t[i].lines->v, t[i].lines->n);
		any = 1;
	}
	if (out && e->warnings) {
		buf_printf(b, "%lld warning line%s; first match of each warning "
		    "pattern:&#10;", e->warnings, e->warnings == 1 ? "" : "s");
		for (i = 0; i < e->r.warnings.n; i++) {
			char *w = hit_text(&e->r.warnings.v[i]);

			lines(b, "warning ", &w, 1);
			free(w);
		}
		any = 1;
	}
	if (out && e->r.properties.n) {
		lines(b, "property ", e->r.properties.v, e->r.properties.n);
		any = 1;
	}
	if (!any) {
		b->len = at;	/* nothing to say: no element */
		b->s[at] = '\0';
		return;
	}
	buf_printf(b, "</%s>\n", tag);
}

/* The logs of r, from a test's or an attempt's result: the simulator's
 * and the test's stdout to out, their stderr, the compile log and the
 * fixture's setup log to err. */
static void
kept_tails(const struct result *r, struct kept_tail out[2],
    struct kept_tail err[4])
{
	out[0] = (struct kept_tail){&r->tails[TAIL_SIM_OUT],
		tail_log(TAIL_SIM_OUT)};
	out[1] = (struct kept_tail){&r->tails[TAIL_TEST_OUT],
		tail_log(TAIL_TEST_OUT)};
	err[0] = (struct kept_tail){&r->tails[TAIL_SIM_ERR],
		tail_log(TAIL_SIM_ERR)};
	err[1] = (struct kept_tail){&r->tails[TAIL_TEST_ERR],
		tail_log(TAIL_TEST_ERR)};
	err[2] = (struct kept_tail){&r->compile_log_tail,
		dir_files[DIR_COMPILE_LOG]};
	err[3] = (struct kept_tail){&r->fixture_log_tail,
		dir_files[DIR_SETUP_LOG]};
}

/* A failure's type: the exception type message starts with, else the
 * status. */
static void
failure_type(struct buf *b, const char *message, const char *status)
{
	char *type = results_exception(message);

	attr(b, "type", type ? type : status);
	free(type);
}

/* A failure's message: the reason, and the first line of what the test
 * said when the reason does not say it already. */
static void
failure_message(struct buf *b, const char *why, const char *message)
{
	buf_puts(b, " message=\"");
	esc_xml(b, why);
	if (message && *message && !results_reason_says(why, message)) {
		char *first = xstrndup(message, strcspn(message, "\n"));

		buf_puts(b, ": ");
		esc_xml(b, first);
		free(first);
	}
	buf_putc(b, '"');
}

/* What the test said, before the rest of a failure's text: its message
 * (without its trailing newlines) and its traceback, each followed by an
 * empty line. */
static void
said(struct buf *b, const struct result *r)
{
	size_t n = results_message_len(r->message);

	if (n) {
		char *m = xstrndup(r->message, n);

		esc_xml(b, m);
		buf_puts(b, "&#10;&#10;");
		free(m);
	}
	if (r->traceback.n) {
		lines(b, "", r->traceback.v, r->traceback.n);
		buf_puts(b, "&#10;");
	}
}

/* An earlier attempt a of e that did not pass: <flakyFailure> and the
 * like (see the note atop). */
static void
attempt(struct buf *b, const struct entry *e,
    const struct attempt *a)
{
	const char *tag = e->tally == TL_FLAKY ? (attempts_is_error(a) ?
	    "flakyError" : "flakyFailure") : (attempts_is_error(a) ?
	    "rerunError" : "rerunFailure");
	const char *status = results_word(a->status, a->status_word);
	struct kept_tail out[2], err[4];

	kept_tails(&a->r, out, err);
	buf_printf(b, "      <%s", tag);
	failure_type(b, a->r.message, status);
	failure_message(b, *a->reason ? a->reason : status, a->r.message);
	buf_puts(b, ">\n        <stackTrace>");
	said(b, &a->r);
	buf_printf(b, "attempt %lld of %lld: ", a->k, e->r.attempts);
	esc_xml(b, status);
	if (*a->reason) {
		buf_puts(b, ": ");
		esc_xml(b, a->reason);
	}
	if (a->match) {
		buf_puts(b, "&#10;first match: ");
		esc_xml(b, a->match);
	}
	buf_puts(b, "&#10;log: ");
	esc_xml(b, e->home);
	buf_putc(b, '/');
	esc_xml(b, a->log_path);
	if (a->log_line)
		buf_printf(b, ":%zu", a->log_line);
	buf_puts(b, "</stackTrace>\n");
	tails(b, NULL, out, 2, "system-out", "        ");
	tails(b, NULL, err, 4, "system-err", "        ");
	buf_printf(b, "      </%s>\n", tag);
}

static void
testcase(struct buf *b, const struct entry *e)
{
	struct kept_tail out[2], err[4];
	const char *status = results_word(e->status, e->status_word);
	const char *why = e->reason && *e->reason ? e->reason : status;
	size_t inner, i;

	kept_tails(&e->r, out, err);
	buf_puts(b, "    <testcase");
	attr(b, "name", e->name);
	attr(b, "classname", suite_of(e));
	buf_printf(b, " time=\"%lld.%03lld\">\n", e->dur_ms / 1000,
	    e->dur_ms % 1000);
	inner = b->len;
	if (is_failure(e) || is_error(e)) {
		const char *tag = is_failure(e) ? "failure" : "error";

		buf_printf(b, "      <%s", tag);
		failure_type(b, e->r.message, status);
		failure_message(b, why, e->r.message);
		buf_putc(b, '>');
		said(b, &e->r);
		esc_xml(b, why);
		if (e->match) {
			buf_puts(b, "&#10;first match: ");
			esc_xml(b, e->match);
		}
		buf_printf(b, "</%s>\n", tag);
	} else if (e->tally == TL_SKIP) {
		buf_puts(b, "      <skipped");
		attr(b, "message", why);
		buf_puts(b, "/>\n");
	} else if (e->waiver) {
		char *m = xasprintf("waived: %s (%s: %s)", why, e->waiver->name,
		    e->waiver->reason);

		buf_puts(b, "      <skipped");
		attr(b, "message", m);
		buf_puts(b, "/>\n");
		free(m);
	}
	for (i = 0; i < e->natt; i++)
		if (!status_is_pass(e->att[i].status))
			attempt(b, e, &e->att[i]);
	tails(b, e, out, 2, "system-out", "      ");
	tails(b, e, err, 4, "system-err", "      ");
	if (b->len == inner) {	/* nothing inside: <testcase .../> */
		b->len -= 2;
		buf_puts(b, "/>\n");
	} else {
		buf_puts(b, "    </testcase>\n");
	}
}

static void
property(struct buf *b, const struct entry *e, const char *key, int keylen,
    const char *value)
{
	char *name = xasprintf("%s.%.*s", e->name, keylen, key);

	buf_puts(b, "      <property");
	attr(b, "name", name);
	attr(b, "value", value);
	buf_puts(b, "/>\n");
	free(name);
}

/* The counts of the UVM report summary its logs held, if any. */
static void
uvm_properties(struct buf *b, const struct entry *e)
{
	if (e->r.uvm_errors)
		property(b, e, "uvm_errors", 10, e->r.uvm_errors);
	if (e->r.uvm_fatals)
		property(b, e, "uvm_fatals", 10, e->r.uvm_fatals);
	if (e->r.uvm_warnings)
		property(b, e, "uvm_warnings", 12, e->r.uvm_warnings);
}

/* A test's properties, as NAME.KEY: its labels, its seed, its count of
 * warning lines and of attempts (when it ran more than once), the counts
 * of its UVM report summary, then what the test itself recorded. */
static void
properties(struct buf *b, const struct entry *e)
{
	const char *eq;
	size_t j;

	if (*e->labels) {
		struct buf l = {0};

		for (j = 0; e->labels[j]; j++)
			buf_printf(&l, "%s%s", j ? " " : "", e->labels[j]);
		property(b, e, "labels", 6, l.s);
		buf_free(&l);
	}
	if (e->seed)
		property(b, e, "seed", 4, e->seed);
	if (e->warnings) {
		char *n = xasprintf("%lld", e->warnings);

		property(b, e, "warnings", 8, n);
		free(n);
	}
	if (e->r.attempts > 1) {
		char *n = xasprintf("%lld", e->r.attempts);

		property(b, e, "attempts", 8, n);
		free(n);
	}
	uvm_properties(b, e);
	if (e->waves) {		/* the path, as the log's in system-out */
		char *p = xasprintf("%s/%s", e->home, e->waves);

		property(b, e, "waves", 5, p);
		free(p);
	}
	for (j = 0; j < e->r.properties.n; j++) {
		const char *v = e->r.properties.v[j];

		if ((eq = strchr(v, '=')))
			property(b, e, v, (int)(eq - v), eq + 1);
	}
}

/* The <testsuite> start tag of suite me: its counts, total time, the
 * first start among its tests and the host. Returns whether any of its
 * tests has a property. */
static int
suite_open(struct buf *b, const struct report *rp, const int *of, int me,
    const char *name)
{
	size_t i, n = 0, nfail = 0, nerr = 0, nskip = 0, nprop = 0;
	long long ms = 0, first = 0;

	for (i = 0; i < rp->n; i++) {
		const struct entry *e = &rp->e[i];

		if (of[i] != me)
			continue;
		n++;
		nfail += is_failure(e);
		nerr += is_error(e);
		nskip += e->tally == TL_SKIP || e->tally == TL_WAIVED;
		ms += e->dur_ms;
		if (e->start_ms && (!first || e->start_ms < first))
			first = e->start_ms;
		nprop += e->r.properties.n || e->seed ||
		    e->warnings || *e->labels || e->r.attempts > 1 ||
		    e->r.uvm_errors || e->waves;
	}
	buf_puts(b, "  <testsuite");
	attr(b, "name", name);
	buf_printf(b, " tests=\"%zu\" failures=\"%zu\" errors=\"%zu\" "
	    "skipped=\"%zu\" time=\"%lld.%03lld\"", n, nfail, nerr, nskip,
	    ms / 1000, ms % 1000);
	if (first) {
		time_t t = (time_t)(first / 1000);
		struct tm tm;
		char ts[32];

		gmtime_r(&t, &tm);
		strftime(ts, sizeof ts, "%Y-%m-%dT%H:%M:%S", &tm);
		attr(b, "timestamp", ts);
	}
	if (*host_name())
		attr(b, "hostname", host_name());
	buf_puts(b, ">\n");
	return nprop > 0;
}

/* A property "provenance.KEY" per item of rp's provenance. */
static void
provenance(struct buf *b, const struct report *rp)
{
	size_t i;

	for (i = 0; rp->provenance && i < rp->provenance->n; i++) {
		const char *item = rp->provenance->v[i];
		char *name = xasprintf("provenance.%.*s",
		    (int)strcspn(item, "="), item);

		buf_puts(b, "      <property");
		attr(b, "name", name);
		attr(b, "value", item + strcspn(item, "=") + 1);
		buf_puts(b, "/>\n");
		free(name);
	}
}

/* Suite me: the tests whose suite of[i] is me, in list order. */
static void
suite(struct buf *b, const struct report *rp, const int *of, int me,
    const char *name)
{
	size_t i;
	int props = suite_open(b, rp, of, me, name);
	struct buf cov = {0};

	/* the run's coverage: in the first suite */
	if (me == 0 && coverage_junit(&cov, rp))
		props = 1;
	if (props || rp->seed_epoch >= 0 || rp->provenance) {
		buf_puts(b, "    <properties>\n");
		provenance(b, rp);
		if (rp->seed_epoch >= 0)
			buf_printf(b, "      <property name=\"seed_epoch\" "
			    "value=\"%lld\"/>\n", rp->seed_epoch);
		if (rp->seed_epoch >= 0 && rp->seeds_override >= 0)
			buf_printf(b, "      <property name=\"seeds_override\" "
			    "value=\"%lld\"/>\n", rp->seeds_override);
		if (cov.len)
			buf_add(b, cov.s, cov.len);
		for (i = 0; i < rp->n; i++)
			if (of[i] == me)
				properties(b, &rp->e[i]);
		buf_puts(b, "    </properties>\n");
	}
	for (i = 0; i < rp->n; i++)
		if (of[i] == me)
			testcase(b, &rp->e[i]);
	buf_puts(b, "  </testsuite>\n");
	buf_free(&cov);
}

void
junit_render(struct buf *b, const struct report *rp)
{
	size_t i, nfail = 0, nerr = 0, nsuites = 0;
	const char **names = NULL;
	int *of = xcalloc(rp->n + 1, sizeof *of), k;
	long long ms = 0;

	/* suites in order of first use; there are few of them */
	for (i = 0; i < rp->n; i++) {
		const char *name = suite_of(&rp->e[i]);

		for (k = (int)nsuites - 1; k >= 0; k--)
			if (strcmp(names[k], name) == 0)
				break;
		if (k < 0) {
			names = xrealloc(names, (nsuites + 1) * sizeof *names);
			names[nsuites] = name;
			k = (int)nsuites++;
		}
		of[i] = k;
		nfail += is_failure(&rp->e[i]);
		nerr += is_error(&rp->e[i]);
		ms += rp->e[i].dur_ms;
	}
	buf_puts(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites "
	    "name=\"cosimgen\"");
	buf_printf(b, " tests=\"%zu\" failures=\"%zu\" errors=\"%zu\" "
	    "time=\"%lld.%03lld\">\n", rp->n, nfail, nerr, ms / 1000,
	    ms % 1000);
	for (k = 0; k < (int)nsuites; k++)
		suite(b, rp, of, k, names[k]);
	buf_puts(b, "</testsuites>\n");
	free(names);
	free(of);
}
