/* result.c - see result.h. */
#include "result.h"
#include "scan.h"

#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

static const char *const status_names[STATUS_N] = {
	"pass", "fail", "xfail", "xpass", "skip", "timeout", "crash",
	"error", "interrupted", "notrun", "flaky",
};

/* The streams of the tails, in the order of enum tail. */
static const enum stream tail_streams[TAIL_N] = {ST_SIM_ERR, ST_SIM_OUT,
	ST_TEST_ERR, ST_TEST_OUT};
const char *const tail_keys[TAIL_N] = {"sim_err_tail", "sim_out_tail",
	"test_err_tail", "test_out_tail"};

const char *
tail_log(enum tail t)
{
	return stream_files[tail_streams[t]];
}

const char *
status_name(enum status s)
{
	return s < STATUS_N ? status_names[s] : "unknown";
}

enum status
status_find(const char *word)
{
	int i;

	for (i = 0; i < STATUS_N; i++)
		if (strcmp(status_names[i], word) == 0)
			return (enum status)i;
	return STATUS_UNKNOWN;
}

int
status_is_pass(enum status s)
{
	return s == STATUS_PASS || s == STATUS_SKIP || s == STATUS_XFAIL ||
	    s == STATUS_FLAKY;
}

#define F(key, type, field) {key, type, offsetof(struct result, field), \
	NULL, 0, 0}
#define STATUS_ROW {"status", F_ENUM, offsetof(struct result, status), \
	status_names, STATUS_N, offsetof(struct result, status_word)}
#define PRE_SCAN_ROW {"pre_scan", F_ENUM, offsetof(struct result, \
	pre_scan), status_names, STATUS_N, \
	offsetof(struct result, pre_scan_word)}

/* A test's result, in the order cosim-run writes it. */
static const struct fdef test_rows[] = {
	F("name", F_STR, name),
	STATUS_ROW,
	F("stage", F_STR, stage),
	F("reason", F_STR, reason),
	F("design", F_STR, design),
	F("sim", F_STR, sim),
	F("expect", F_STR, expect),
	F("seed", F_NUMSTR, seed),
	F("spec_hash", F_STR, spec_hash),
	F("inputs_hash", F_STR, inputs_hash),
	F("start_epoch_ms", F_NUM, start_epoch_ms),
	F("duration_ms", F_NUM, duration_ms),
	F("cpu_ms", F_NUMNZ, cpu_ms),
	F("max_rss_kb", F_NUMNZ, max_rss_kb),
	F("rundir", F_STR, rundir),
	F("port", F_NUMSTR, port),
	F("sim", F_ENDING, sim_end),
	F("test", F_ENDING, test_end),
	F("leftovers_killed", F_NUMNZ, leftovers_killed),
	F("host", F_STR, host),
	PRE_SCAN_ROW,
	F("pre_scan_reason", F_STR, pre_scan_reason),
	F("pre_scan_stage", F_STR, pre_scan_stage),
	F("fail_match", F_HIT, fail_match),
	F("skip_match", F_HIT, skip_match),
	F("warning_lines", F_NUMNZ, warning_lines),
	F("warning", F_HITS, warnings),
	F("missing_pattern", F_STR, missing_pattern),
	F("scan_error", F_STR, scan_error),
	F("uvm_warnings", F_NUMSTR, uvm_warnings),
	F("uvm_errors", F_NUMSTR, uvm_errors),
	F("uvm_fatals", F_NUMSTR, uvm_fatals),
	F("property", F_LIST, properties),
	F("properties_cut", F_STR, properties_cut),
	F("sim_err_tail", F_LIST, tails[TAIL_SIM_ERR]),
	F("sim_out_tail", F_LIST, tails[TAIL_SIM_OUT]),
	F("test_err_tail", F_LIST, tails[TAIL_TEST_ERR]),
	F("test_out_tail", F_LIST, tails[TAIL_TEST_OUT]),
	F("attempts", F_NUMNZ, attempts),
	F("resource", F_LIST, resources),
	F("fixture", F_STR, fixture),
	F("fixture_log", F_STR, fixture_log),
	F("fixture_log_tail", F_LIST, fixture_log_tail),
	F("compile_log", F_STR, compile_log),
	F("compile_log_line", F_NUMSTR, compile_log_line),
	F("compile_log_tail", F_LIST, compile_log_tail),
	F("log", F_STR, log),
	F("message", F_STR, message),
	F("traceback", F_LIST, traceback),
	F("coverage", F_STR, coverage),
	F("waves", F_STR, waves),
};

/* A compile's result, in the order cosim-run --compile writes it. */
static const struct fdef compile_rows[] = {
	F("name", F_STR, name),
	F("design", F_LIST, designs),
	STATUS_ROW,
	F("reason", F_STR, reason),
	F("log", F_STR, log),
	F("log_line", F_NUMNZ, log_line),
	F("start_epoch_ms", F_NUM, start_epoch_ms),
	F("duration_ms", F_NUM, duration_ms),
	F("cpu_ms", F_NUMNZ, cpu_ms),
	F("max_rss_kb", F_NUMNZ, max_rss_kb),
	F("output", F_STR, output),
	F("command", F_STR, command),
	F("", F_ENDING, end),
	F("leftovers_killed", F_NUMNZ, leftovers_killed),
	F("host", F_STR, host),
	F("log_tail", F_LIST, log_tail),
};

#define NTEST (sizeof test_rows / sizeof *test_rows)
#define NCOMPILE (sizeof compile_rows / sizeof *compile_rows)
/* fields.h: a table has at most 64 rows */
typedef char rows_fit[NTEST <= 64 && NCOMPILE <= 64 ? 1 : -1];

static const struct fdef *
rows(enum result_kind kind, size_t *n)
{
	if (kind == RESULT_COMPILE) {
		*n = sizeof compile_rows / sizeof *compile_rows;
		return compile_rows;
	}
	*n = sizeof test_rows / sizeof *test_rows;
	return test_rows;
}

void
result_init(struct result *r)
{
	memset(r, 0, sizeof *r);
	r->status = r->pre_scan = STATUS_UNKNOWN;
}

void
result_clear_verdict(struct result *r)
{
	static const size_t cleared[] = {offsetof(struct result, status),
		offsetof(struct result, stage), offsetof(struct result, reason),
		offsetof(struct result, fail_match),
		offsetof(struct result, skip_match),
		offsetof(struct result, warning_lines),
		offsetof(struct result, warnings),
		offsetof(struct result, missing_pattern),
		offsetof(struct result, scan_error),
		offsetof(struct result, uvm_warnings),
		offsetof(struct result, uvm_errors),
		offsetof(struct result, uvm_fatals)};
	struct other *o = &r->other;
	size_t k, i, n = 0;

	for (k = 0; k < NTEST && o->as_text; k++)
		for (i = 0; i < sizeof cleared / sizeof *cleared; i++)
			if (test_rows[k].off == cleared[i])
				o->as_text[k] = NULL;
	/* keep only the keys no row knows: a repeat is no longer true */
	for (i = 0; i < o->n; i++)
		if (!fields_knows(test_rows, NTEST, o->keys[i])) {
			o->keys[n] = o->keys[i];
			o->vals[n++] = o->vals[i];
		}
	o->n = n;
	r->status_word = NULL;
	r->stage = r->reason = r->missing_pattern = r->scan_error = NULL;
	r->uvm_warnings = r->uvm_errors = r->uvm_fatals = NULL;
	memset(&r->fail_match, 0, sizeof r->fail_match);
	memset(&r->skip_match, 0, sizeof r->skip_match);
	free(r->warnings.v);
	memset(&r->warnings, 0, sizeof r->warnings);
	r->warning_lines = 0;
}

void
result_encode(struct buf *b, const struct result *r, enum result_kind kind)
{
	size_t n;
	const struct fdef *t = rows(kind, &n);

	fields_encode(b, RESULT_MAGIC, t, n, r, &r->other);
}

void
result_decode(struct result *r, const struct kvfile *f, enum result_kind kind)
{
	size_t n;
	const struct fdef *t = rows(kind, &n);

	result_init(r);
	fields_decode(f, t, n, r, &r->other);
}

int
result_read(struct result *r, struct kvfile *f, const char *path,
    enum result_kind kind)
{
	result_init(r);
	if (kv_read(f, path, RESULT_MAGIC) != 0)
		return -1;
	result_decode(r, f, kind);
	return 0;
}

void
result_free(struct result *r, enum result_kind kind)
{
	size_t n;
	const struct fdef *t = rows(kind, &n);

	fields_free(t, n, r, &r->other);
}

void
result_walk(const struct result *r, enum result_kind kind,
    void (*fn)(void *ctx, const char *key, const struct fval *v), void *ctx)
{
	size_t n;
	const struct fdef *t = rows(kind, &n);

	fields_walk(t, n, r, &r->other, fn, ctx);
}
