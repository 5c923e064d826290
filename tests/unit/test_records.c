/* Unit tests of the typed records (spec.c, result.c over fields.c): every
 * spec and compile spec of the golden tests, and results of every shape,
 * decode and encode back to the same bytes; values are typed as the
 * launcher and the report read them; unknown keys and damaged values are
 * kept, not lost. */
#include "result.h"
#include "file.h"
#include "scan.h"
#include "spec.h"
#include "tap.h"

#include <glob.h>
#include <stdlib.h>
#include <string.h>

/* The hash cosim-run has always written: every KEY VALUE of the file but
 * the pattern keys, in file order. */
static void
reference_hash(const struct kvfile *f, char out[17])
{
	static const char *const skip[] = {"fail_pattern", "warn_pattern",
		"pass_pattern", "skip_pattern", "default_patterns"};
	uint64_t h = FNV_OFFSET;
	size_t i, k;

	for (i = 0; i < f->n; i++) {
		for (k = 0; k < 5 && strcmp(f->keys[i], skip[k]); k++)
			;
		if (k < 5)
			continue;
		h = fnv1a(h, f->keys[i], strlen(f->keys[i]) + 1);
		h = fnv1a(h, f->vals[i], strlen(f->vals[i]) + 1);
	}
	snprintf(out, 17, "%016llx", (unsigned long long)h);
}

/* Each file of text that starts with magic, one after another. */
static size_t
each_file(const char *text, const char *magic, void (*fn)(const char *,
    size_t, const char *), const char *what)
{
	const char *p = text, *next;
	size_t n = 0, ml = strlen(magic);

	while ((p = strstr(p, magic)) && (p == text || p[-1] == '\n')) {
		next = p + ml;
		while ((next = strstr(next, magic)) && next[-1] != '\n')
			next += ml;
		fn(p, next ? (size_t)(next - p) : strlen(p), what);
		n++;
		if (!next)
			break;
		p = next;
	}
	return n;
}

static int spec_bad, hash_bad;

static void
spec_round_trip(const char *text, size_t len, const char *what)
{
	struct kvfile f;
	struct spec s;
	struct buf b = {0};
	char *copy = xstrndup(text, len), *orig = xstrndup(text, len);
	char h1[17], h2[17];
	size_t line;

	if (kv_parse(&f, copy, SPEC_MAGIC, &line) != 0) {
		spec_bad++;
		printf("# %s: does not parse\n", what);
		kv_free(&f);
		free(orig);
		return;
	}
	spec_decode(&s, &f);
	spec_encode(&b, &s);
	if (strcmp(b.s, orig) != 0) {
		spec_bad++;
		printf("# %s: %s\n# became\n%s", what, orig, b.s);
	}
	spec_hash(&s, h1);
	reference_hash(&f, h2);
	if (strcmp(h1, h2) != 0)
		hash_bad++;
	if (s.other.n) {
		spec_bad++;
		printf("# %s: unknown key %s\n", what, s.other.keys[0]);
	}
	spec_free(&s);
	kv_free(&f);
	buf_free(&b);
	free(orig);
}

static void
compile_round_trip(const char *text, size_t len, const char *what)
{
	struct kvfile f;
	struct compile_spec s;
	struct buf b = {0};
	char *orig = xstrndup(text, len);
	char *path = xasprintf("tests/out/records.compile");

	if (file_write_atomic(path, text, len) != 0 ||
	    compile_spec_read(&s, &f, path) != 0) {
		spec_bad++;
		free(orig);
		free(path);
		return;
	}
	compile_spec_encode(&b, &s);
	if (strcmp(b.s, orig) != 0 || s.other.n) {
		spec_bad++;
		printf("# %s: %s\n# became\n%s", what, orig, b.s);
	}
	compile_spec_free(&s);
	kv_free(&f);
	buf_free(&b);
	free(orig);
	free(path);
}

/* Each file of every golden file that matches pattern. */
static size_t
each_golden(const char *pattern, const char *magic,
    void (*fn)(const char *, size_t, const char *))
{
	glob_t g;
	size_t i, n = 0;

	if (glob(pattern, 0, NULL, &g) != 0)
		return 0;
	for (i = 0; i < g.gl_pathc; i++) {
		char *t = file_read(g.gl_pathv[i], NULL);

		n += each_file(t, magic, fn, g.gl_pathv[i]);
		free(t);
	}
	globfree(&g);
	return n;
}

static void
golden_specs(void)
{
	size_t nspecs = each_golden("tests/manifest/*.specs", SPEC_MAGIC "\n",
	    spec_round_trip);
	size_t ncompiles = each_golden("tests/manifest/*.compiles",
	    COMPILE_MAGIC "\n", compile_round_trip);

	CHECK(nspecs >= 30, "records: the golden tests hold specs (%zu)",
	    nspecs);
	CHECK(ncompiles >= 10, "records: and compile specs (%zu)", ncompiles);
	CHECK(spec_bad == 0, "records: every golden spec and compile spec "
	    "decodes and encodes to the same bytes");
	CHECK(hash_bad == 0, "records: spec_hash is the hash results have "
	    "always carried");
}

/* Whether spec_check says what want says (NULL: nothing wrong). */
static int
is_runnable(const struct spec *s, const char *want)
{
	struct buf why = {0};
	int rc = spec_check(s, &why), ok;

	ok = want ? rc != 0 && why.s && strcmp(why.s, want) == 0 : rc == 0;
	if (!ok)
		printf("# spec_check: %s\n", why.s ? why.s : "(nothing)");
	buf_free(&why);
	return ok;
}

static void
spec_typed(void)
{
	char text[] = "cosim-spec 1\nname t\ndesign d\nsimulator icarus\nsim x\n"
	    "ready socket\npty yes\nsrcdir .\nbuilddir b\ntemplates /t\n"
	    "dir b/tests/t\ntimeout 60000\nstartup_timeout 30000\n"
	    "idle_timeout 0\nkill_grace 2000\nlog_limit 67108864\n"
	    "seed 42\nplusarg +a=1\nplusarg +b\nresource board 2 0 1 2\n"
	    "resource lic 1 a\nretries 2\nfixture db\nmax_failures 3\n"
	    "fail_pattern test:boom\n"
	    "default_patterns no\nexpect fail\n";
	char other[] = "cosim-spec 1\nname u\nsimulator questa\n"
	    "timeout soon\nnew_key v\n";
	struct kvfile f;
	struct spec s;
	struct buf b = {0};
	size_t line;

	kv_parse(&f, xstrdup(text), SPEC_MAGIC, &line);
	spec_decode(&s, &f);
	CHECK(is_runnable(&s, NULL), "spec: a whole spec lacks nothing");
	CHECK(s.simulator == SIM_ICARUS && s.pty && s.timeout_ms == 60000 &&
	    s.kill_grace_ms == 2000 && s.log_limit == 67108864 &&
	    s.seed == 42, "spec: values are typed");
	CHECK(s.plusargs.n == 2 && strcmp(s.plusargs.v[1], "+b") == 0 &&
	    s.plusargs.v[2] == NULL, "spec: lists keep their order, "
	    "NULL-terminated");
	CHECK(s.resources.n == 2 && strcmp(s.resources.v[0], "board 2 0 1 2")
	    == 0 && s.retries == 2 && s.fixtures.n == 1 &&
	    s.max_failures == 3 && s.patterns[SPEC_FAIL].n == 1 &&
	    !s.default_patterns && s.expect_fail && !s.disabled &&
	    !s.command, "spec: flags and absent keys");
	spec_free(&s);
	kv_free(&f);
	kv_parse(&f, xstrdup(other), SPEC_MAGIC, &line);
	spec_decode(&s, &f);
	spec_encode(&b, &s);
	CHECK(s.simulator == SIM_N && strcmp(s.simulator_word, "questa") ==
	    0 && s.timeout_ms == 0 && s.other.n == 1 && s.default_patterns,
	    "spec: an unknown simulator, a damaged number and a new key are "
	    "kept");
	CHECK(strcmp(b.s, "cosim-spec 1\nname u\nsimulator questa\n"
	    "timeout soon\nnew_key v\n") == 0,
	    "spec: and written back as they were, absent numbers absent");
	spec_free(&s);
	kv_free(&f);
	buf_free(&b);
	{
		char partial[] = "cosim-spec 1\nname p\ndir d\nseed 7\n"
		    "fail_pattern x\nnew_key v\n";
		char h1[17], h2[17];

		kv_parse(&f, xstrdup(partial), SPEC_MAGIC, &line);
		spec_decode(&s, &f);
		spec_hash(&s, h1);
		reference_hash(&f, h2);
		CHECK(strcmp(h1, h2) == 0, "spec: the hash of a spec without "
		    "most keys is the file's");
		CHECK(is_runnable(&s, "has no 'srcdir'"), "spec: a spec without "
		    "srcdir cannot be run");
		spec_free(&s);
		kv_free(&f);
	}
	{
		char noseed[] = "cosim-spec 1\nname p\ndir d\nsrcdir .\n"
		    "builddir b\n";

		kv_parse(&f, xstrdup(noseed), SPEC_MAGIC, &line);
		spec_decode(&s, &f);
		CHECK(is_runnable(&s, "has no 'seed'"),
		    "spec: nor one without a seed (absent, not 0)");
		spec_free(&s);
		kv_free(&f);
	}
	{
		static const char *const bad[][2] = {
			{"design d\nsimulator vcs\nsim x\n", "names a simulator "
			    "this version does not know: vcs"},
			{"design d\nsimulator icarus\n", "has no 'sim'"},
			{"timeout 1x\n", "has a 'timeout' that cannot be read: 1x"},
		};
		size_t i;

		for (i = 0; i < sizeof bad / sizeof *bad; i++) {
			char *t = xasprintf("cosim-spec 1\nname p\n%ssrcdir .\n"
			    "builddir b\ndir d\nseed 1\n", bad[i][0]);

			kv_parse(&f, t, SPEC_MAGIC, &line);
			spec_decode(&s, &f);
			CHECK(is_runnable(&s, bad[i][1]), "spec: refused: %s",
			    bad[i][1]);
			spec_free(&s);
			kv_free(&f);
		}
	}
}

static const char test_result[] = "cosim-result 1\nname adder\n"
    "status fail\nstage scan\nreason test.out:3 matches 'x': boom\n"
    "design d\nsim b/designs/0123456789abcdef/Vtop\nexpect fail\n"
    "seed 1874820489\nspec_hash 00112233aabbccdd\n"
    "start_epoch_ms 1765000000000\nduration_ms 812\nrundir /b/run\n"
    "port 40001\nsim_signal 15\nsim_stopped yes\ntest_exit 1\n"
    "leftovers_killed 2\npre_scan pass\npre_scan_reason why\n"
    "pre_scan_stage test\nfail_match test.out:3: boom\n"
    "skip_match sim.err:10: not today\nwarning_lines 7\n"
    "warning sim.out:1: careful\nwarning test.err:22: again\n"
    "missing_pattern test:done\nscan_error too slow\n"
    "property k=v\nproperty a=b=c\nsim_err_tail e1\nsim_out_tail o1\n"
    "sim_out_tail o2\ntest_err_tail te\ntest_out_tail to\n"
    "compile_log designs/x/compile.log\ncompile_log_line 4\n"
    "compile_log_tail c1\n";

static const char compile_result[] = "cosim-result 1\n"
    "name designs/0123456789abcdef\ndesign a\ndesign b\nstatus error\n"
    "reason rtl/a.sv:3: syntax error\nlog designs/0123456789abcdef/"
    "compile.log\nlog_line 12\nstart_epoch_ms 1765000000000\n"
    "duration_ms 4000\noutput b/designs/0123456789abcdef/Vtop\n"
    "command verilator --binary top.sv\nexit 1\nlog_tail last\n";

static void
result_round_trip(const char *text, enum result_kind kind, const char *what)
{
	char *copy = xstrdup(text);
	struct kvfile f;
	struct result r;
	struct buf b = {0};
	size_t line;

	kv_parse(&f, copy, RESULT_MAGIC, &line);
	result_decode(&r, &f, kind);
	result_encode(&b, &r, kind);
	CHECK(strcmp(b.s, text) == 0 && r.other.n == 0,
	    "result: %s decodes and encodes to the same bytes", what);
	result_free(&r, kind);
	kv_free(&f);
	buf_free(&b);
}

static void
result_typed(void)
{
	char *copy = xstrdup(test_result);
	struct kvfile f;
	struct result r;
	size_t line;

	kv_parse(&f, copy, RESULT_MAGIC, &line);
	result_decode(&r, &f, RESULT_TEST);
	CHECK(r.status == STATUS_FAIL && !status_is_pass(r.status) &&
	    strcmp(r.stage, "scan") == 0 && r.duration_ms == 812,
	    "result: status and times are typed");
	CHECK(r.fail_match.stream == ST_TEST_OUT && r.fail_match.line == 3 &&
	    strcmp(r.fail_match.text, "boom") == 0 &&
	    r.skip_match.stream == ST_SIM_ERR && r.skip_match.line == 10,
	    "result: a match is its stream, line and text");
	CHECK(r.warnings.n == 2 && r.warnings.v[1].stream == ST_TEST_ERR &&
	    r.warnings.v[1].line == 22 && r.warning_lines == 7,
	    "result: warnings");
	CHECK(r.sim_end.kind == END_SIGNAL && r.sim_end.code == 15 &&
	    r.sim_end.stopped && r.test_end.kind == END_EXIT &&
	    r.test_end.code == 1 && !r.test_end.stopped,
	    "result: how each child ended");
	CHECK(r.properties.n == 2 && r.tails[TAIL_SIM_OUT].n == 2 &&
	    strcmp(r.tails[TAIL_SIM_OUT].v[1], "o2") == 0 &&
	    r.leftovers_killed == 2, "result: lists");
	result_free(&r, RESULT_TEST);
	kv_free(&f);
	copy = xstrdup(compile_result);
	kv_parse(&f, copy, RESULT_MAGIC, &line);
	result_decode(&r, &f, RESULT_COMPILE);
	CHECK(r.status == STATUS_ERROR && r.designs.n == 2 &&
	    r.log_line == 12 && r.end.kind == END_EXIT && r.end.code == 1,
	    "result: a compile's");
	result_free(&r, RESULT_COMPILE);
	kv_free(&f);
}

static void
result_damaged(void)
{
	char text[] = "cosim-result 1\nname t\nstatus brand_new\n"
	    "duration_ms 1e9\nfail_match somewhere else\ntest_exit x\n"
	    "future_key 1\n";
	char none[] = "cosim-result 1\nname t\n";
	struct kvfile f;
	struct result r;
	struct buf b = {0};
	size_t line;

	kv_parse(&f, xstrdup(text), RESULT_MAGIC, &line);
	result_decode(&r, &f, RESULT_TEST);
	CHECK(r.status == STATUS_UNKNOWN && strcmp(r.status_word,
	    "brand_new") == 0 && !status_is_pass(r.status),
	    "result: an unknown status is kept and is no pass");
	CHECK(r.fail_match.stream == -1 && strcmp(r.fail_match.text,
	    "somewhere else") == 0, "result: a match of another shape is "
	    "kept whole");
	CHECK(r.duration_ms == 0 && r.test_end.kind == END_NONE &&
	    r.other.n == 2 && r.other.as_text, "result: values that do not "
	    "parse and new keys are kept as text");
	result_encode(&b, &r, RESULT_TEST);
	CHECK(strcmp(b.s, "cosim-result 1\nname t\nstatus brand_new\n"
	    "duration_ms 1e9\nfail_match somewhere else\ntest_exit x\n"
	    "future_key 1\n") == 0, "result: and written back as they were, "
	    "absent numbers absent");
	buf_free(&b);
	result_free(&r, RESULT_TEST);
	kv_free(&f);
	kv_parse(&f, xstrdup(none), RESULT_MAGIC, &line);
	result_decode(&r, &f, RESULT_TEST);
	CHECK(r.status == STATUS_UNKNOWN && !r.status_word,
	    "result: no status is no pass either");
	result_free(&r, RESULT_TEST);
	kv_free(&f);
}

static void
result_repeated(void)
{
	char text[] = "cosim-result 1\nname t\nstatus fail\n"
	    "start_epoch_ms 9223372036854775807\nduration_ms 0812\n"
	    "test_exit 2\ntest_exit 0\nstatus pass\n";
	struct kvfile f;
	struct result r;
	struct buf b = {0};
	size_t line;

	kv_parse(&f, xstrdup(text), RESULT_MAGIC, &line);
	result_decode(&r, &f, RESULT_TEST);
	CHECK(r.status == STATUS_FAIL && r.test_end.kind == END_EXIT &&
	    r.test_end.code == 2, "result: a repeated key keeps its first "
	    "value");
	CHECK(r.start_epoch_ms == 9223372036854775807LL &&
	    r.duration_ms == 0, "result: numbers to the edge of long long; "
	    "a leading zero is no number");
	result_encode(&b, &r, RESULT_TEST);
	CHECK(strcmp(b.s, "cosim-result 1\nname t\nstatus fail\n"
	    "start_epoch_ms 9223372036854775807\nduration_ms 0812\n"
	    "test_exit 2\ntest_exit 0\nstatus pass\n") == 0,
	    "result: numbers in place, repeats after the rest");
	buf_free(&b);
	result_free(&r, RESULT_TEST);
	kv_free(&f);
}

static void
statuses(void)
{
	int s, ok = 1;

	for (s = 0; s < STATUS_N; s++)
		ok &= (int)status_find(status_name((enum status)s)) == s;
	CHECK(ok && status_find("nope") == STATUS_UNKNOWN &&
	    strcmp(status_name(STATUS_XPASS), "xpass") == 0,
	    "status: one table of names, both ways");
	CHECK(status_is_pass(STATUS_PASS) && status_is_pass(STATUS_SKIP) &&
	    status_is_pass(STATUS_XFAIL) && !status_is_pass(STATUS_XPASS) &&
	    !status_is_pass(STATUS_NOTRUN) &&
	    !status_is_pass(STATUS_INTERRUPTED), "status: what passes");
}

int
main(void)
{
	mkdir_p("tests/out");
	golden_specs();
	spec_typed();
	result_round_trip(test_result, RESULT_TEST, "a test's result");
	result_round_trip(compile_result, RESULT_COMPILE, "a compile's result");
	result_typed();
	result_damaged();
	result_repeated();
	statuses();
	return tap_done();
}
