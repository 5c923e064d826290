/* spec.c - see spec.h. */
#include "spec.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

static const char *const sim_names[SIM_N] = {"verilator", "icarus",
	"custom", "ghdl"};
static const char *const fail_word[] = {"fail"};

const char *const spec_pattern_keys[SPEC_PATTERNS] = {"fail_pattern",
	"warn_pattern", "pass_pattern", "skip_pattern"};

const char *
sim_name(enum sim s)
{
	return s >= 0 && s < SIM_N ? sim_names[s] : "";
}

#define F(key, type, field) {key, type, offsetof(struct spec, field), \
	NULL, 0, 0}

/* In the order cosimgen writes them. */
static const struct fdef rows[] = {
	F("name", F_STR, name),
	F("design", F_STR, design),
	{"simulator", F_ENUM, offsetof(struct spec, simulator), sim_names,
	    SIM_N, offsetof(struct spec, simulator_word)},
	F("sim", F_STR, sim),
	F("vpi", F_STR, vpi),
	F("run", F_STR, run),
	F("ready", F_STR, ready),
	F("pty", F_YES, pty),
	F("coverage", F_YES, coverage),
	F("command", F_STR, command),
	F("srcdir", F_STR, srcdir),
	F("builddir", F_STR, builddir),
	F("templates", F_STR, templates),
	F("dir", F_STR, dir),
	F("timeout", F_NUM, timeout_ms),
	F("startup_timeout", F_NUM, startup_timeout_ms),
	F("idle_timeout", F_NUM, idle_timeout_ms),
	F("kill_grace", F_NUM, kill_grace_ms),
	F("log_limit", F_NUM, log_limit),
	F("seed", F_NUM, seed),
	F("plusarg", F_LIST, plusargs),
	F("env", F_LIST, env),
	F("file", F_LIST, files),
	F("resource", F_LIST, resources),
	F("retries", F_NUMNZ, retries),
	F("fixture", F_LIST, fixtures),
	F("max_failures", F_NUMNZ, max_failures),
	F("fail_pattern", F_LIST, patterns[SPEC_FAIL]),
	F("warn_pattern", F_LIST, patterns[SPEC_WARN]),
	F("pass_pattern", F_LIST, patterns[SPEC_PASS]),
	F("skip_pattern", F_LIST, patterns[SPEC_SKIP]),
	F("default_patterns", F_NO, default_patterns),
	F("disabled", F_YES, disabled),
	{"expect", F_YES, offsetof(struct spec, expect_fail), fail_word, 1, 0},
	F("cocotb_test", F_STR, cocotb_test),
	F("cocotb_module", F_STR, cocotb_module),
	F("cocotb_path", F_STR, cocotb_path),
	F("cocotb_toplevel", F_STR, cocotb_toplevel),
	F("cocotb_version", F_STR, cocotb_version),
	F("cocotb_python", F_STR, cocotb_python),
	F("cocotb_libpython", F_STR, cocotb_libpython),
	F("cocotb_venv", F_STR, cocotb_venv),
	F("cocotb_home", F_STR, cocotb_home),
	F("cocotb_entry", F_STR, cocotb_entry),
	F("cocotb_vpi", F_STR, cocotb_vpi),
	F("cocotb_expect", F_YES, cocotb_expect),
	F("cocotb_skip", F_YES, cocotb_skip),
	F("slurm", F_YES, slurm),
	F("srun", F_LIST, srun),
	F("slurm_license", F_LIST, slurm_licenses),
};

#undef F

#define NROWS (sizeof rows / sizeof *rows)
/* fields.h: a table has at most 64 rows */
typedef char rows_fit[NROWS <= 64 ? 1 : -1];

void
spec_encode(struct buf *b, const struct spec *s)
{
	fields_encode(b, SPEC_MAGIC, rows, NROWS, s, &s->other);
}

void
spec_decode(struct spec *s, const struct kvfile *f)
{
	memset(s, 0, sizeof *s);
	s->simulator = SIM_NONE;
	fields_decode(f, rows, NROWS, s, &s->other);
}

int
spec_read(struct spec *s, struct kvfile *f, const char *path)
{
	memset(s, 0, sizeof *s);
	s->simulator = SIM_NONE;
	s->default_patterns = 1;
	if (kv_read(f, path, SPEC_MAGIC) != 0)
		return -1;
	spec_decode(s, f);
	return 0;
}

void
spec_free(struct spec *s)
{
	fields_free(rows, NROWS, s, &s->other);
}

/* The first key a run of s cannot do without that s lacks, or NULL. */
static const char *
missing(const struct spec *s)
{
	size_t k;

	if (!s->name)
		return "name";
	if (!s->dir)
		return "dir";
	if (!s->srcdir)
		return "srcdir";
	if (!s->builddir)
		return "builddir";
	for (k = 0; k < NROWS; k++)
		if (rows[k].off == offsetof(struct spec, seed) &&
		    (s->other.absent >> k & 1))
			return "seed";
	if (s->design && s->simulator == SIM_NONE)
		return "simulator";
	if (s->design && s->simulator != SIM_CUSTOM && !s->sim)
		return "sim";
	return NULL;
}

int
spec_check(const struct spec *s, struct buf *why)
{
	const char *key = missing(s);
	size_t k;

	if (key) {
		buf_printf(why, "has no '%s'", key);
		return -1;
	}
	if (s->simulator == SIM_N) {
		buf_printf(why, "names a simulator this version does not "
		    "know: %s", s->simulator_word);
		return -1;
	}
	for (k = 0; s->other.as_text && k < NROWS; k++)
		if (s->other.as_text[k]) {
			buf_printf(why, "has a '%s' that cannot be read: %s",
			    rows[k].key, s->other.as_text[k]);
			return -1;
		}
	return 0;
}

struct hashing {
	uint64_t h;
};

/* The patterns and default_patterns are left out: --scan-only may see
 * them changed. */
static void
hash_value(void *ctx, const char *key, const struct fval *v)
{
	struct hashing *hs = ctx;
	char digits[24];
	size_t i, k;

	for (k = 0; k < SPEC_PATTERNS; k++)
		if (strcmp(key, spec_pattern_keys[k]) == 0)
			return;
	if (strcmp(key, "default_patterns") == 0)
		return;
	/* as the file has them: KEY NUL VALUE NUL, a line each */
	for (i = 0; i < (v->kind == FV_LIST ? v->nitems : 1); i++) {
		const char *s = v->kind == FV_LIST ? v->items[i] : v->s;

		if (v->kind == FV_NUM) {
			snprintf(digits, sizeof digits, "%lld", v->n);
			s = digits;
		}
		hs->h = fnv1a(hs->h, key, strlen(key) + 1);
		hs->h = fnv1a(hs->h, s, strlen(s) + 1);
	}
}

void
spec_hash(const struct spec *s, char out[17])
{
	struct hashing hs = {FNV_OFFSET};

	fields_walk(rows, NROWS, s, &s->other, hash_value, &hs);
	snprintf(out, 17, "%016llx", (unsigned long long)hs.h);
}

#define C(key, field) {key, F_STR, offsetof(struct compile_spec, field), \
	NULL, 0, 0}

static const struct fdef compile_rows[] = {
	C("id", id), C("builddir", builddir), C("dir", dir),
	C("output", output), C("command", command),
	C("deps_make", deps_make), C("deps_lines", deps_lines),
	C("depfile", depfile), C("needs", needs), C("objects", objects),
	C("link", link),
	{"slurm", F_YES, offsetof(struct compile_spec, slurm), NULL, 0, 0},
	{"srun", F_LIST, offsetof(struct compile_spec, srun), NULL, 0, 0},
};

#undef C

void
compile_spec_encode(struct buf *b, const struct compile_spec *s)
{
	fields_encode(b, COMPILE_MAGIC, compile_rows,
	    sizeof compile_rows / sizeof *compile_rows, s, &s->other);
}

int
compile_spec_read(struct compile_spec *s, struct kvfile *f, const char *path)
{
	memset(s, 0, sizeof *s);
	if (kv_read(f, path, COMPILE_MAGIC) != 0)
		return -1;
	fields_decode(f, compile_rows,
	    sizeof compile_rows / sizeof *compile_rows, s, &s->other);
	return 0;
}

void
compile_spec_free(struct compile_spec *s)
{
	fields_free(compile_rows, sizeof compile_rows / sizeof *compile_rows, s,
	    &s->other);
}

#define X(key, type, field) {key, type, \
	offsetof(struct fixture_spec, field), NULL, 0, 0}

static const struct fdef fixture_rows[] = {
	X("name", F_STR, name), X("setup", F_STR, setup),
	X("cleanup", F_STR, cleanup), X("srcdir", F_STR, srcdir),
	X("builddir", F_STR, builddir), X("templates", F_STR, templates),
	X("dir", F_STR, dir), X("timeout", F_NUM, timeout_ms),
	X("kill_grace", F_NUM, kill_grace_ms), X("env", F_LIST, env),
};

#undef X

#define NFIXTURE (sizeof fixture_rows / sizeof *fixture_rows)

void
fixture_spec_encode(struct buf *b, const struct fixture_spec *s)
{
	fields_encode(b, FIXTURE_MAGIC, fixture_rows, NFIXTURE, s, &s->other);
}

int
fixture_spec_read(struct fixture_spec *s, struct kvfile *f, const char *path)
{
	memset(s, 0, sizeof *s);
	if (kv_read(f, path, FIXTURE_MAGIC) != 0)
		return -1;
	fields_decode(f, fixture_rows, NFIXTURE, s, &s->other);
	return 0;
}

void
fixture_spec_free(struct fixture_spec *s)
{
	fields_free(fixture_rows, NFIXTURE, s, &s->other);
}
