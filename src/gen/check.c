/* check.c - see check.h. check_value is the generic switch on the key's
 * type; what one key asks beyond its type (a Verilog identifier for top,
 * label names, scan patterns, env entries, files) is a hook in hooks[]. */
#include "check.h"
#include "datafiles.h"
#include "diag.h"
#include "scan.h"
#include "slurm.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

struct phctx {
	const struct mvalue *v;
	const char *key;
	unsigned allowed;
	int bad;
};

static int
check_placeholder(void *p, const char *name, size_t len, size_t off)
{
	struct phctx *pc = p;
	unsigned phases = placeholder_phases(name, len);
	char *word = xstrndup(name, len);
	size_t arglen;

	(void)off;
	if (!phases) {
		const char *sug = diag_suggest(word, placeholder_names());

		if (sug && (placeholder_phases(sug, strlen(sug)) & pc->allowed))
			diag_error(pc->v->file, pc->v->line,
			    "unknown placeholder {%s} in '%s' (did you mean "
			    "{%s}?); write {{ for a literal brace", word,
			    pc->key, sug);
		else
			diag_error(pc->v->file, pc->v->line,
			    "unknown placeholder {%s} in '%s'; write {{ for a "
			    "literal brace", word, pc->key);
		pc->bad = 1;
	} else if (placeholder_takes_arg(placeholder_find(name, len)) &&
	    !placeholder_arg(name, len, &arglen)) {
		diag_error(pc->v->file, pc->v->line, "placeholder {%s} in '%s' "
		    "needs a name: {%s:NAME}", word, pc->key, word);
		pc->bad = 1;
	} else if (!(phases & pc->allowed)) {
		if (phases == PH_COMMAND)
			diag_error(pc->v->file, pc->v->line,
			    "placeholder {%s} in '%s' is only for a custom "
			    "'compile' command", word, pc->key);
		else if (pc->allowed & PH_COMPILE)
			diag_error(pc->v->file, pc->v->line,
			    "placeholder {%s} in '%s' is known only when a test "
			    "runs, not when the design is compiled", word,
			    pc->key);
		else
			diag_error(pc->v->file, pc->v->line,
			    "placeholder {%s} in '%s' is known only when the "
			    "design is compiled", word, pc->key);
		pc->bad = 1;
	}
	free(word);
	return 0;
}

/* A fixture's commands and env are used as written: a placeholder there
 * would reach the shell as it is. */
static int
fixture_placeholder(void *p, const char *name, size_t len, size_t off)
{
	struct phctx *pc = p;

	(void)off;
	if (placeholder_find(name, len) == PLH_N)
		return 0;	/* brace text of the command's own */
	diag_error(pc->v->file, pc->v->line, "placeholder {%.*s} in '%s': a "
	    "fixture's values take no placeholders; its commands run in "
	    "BUILDDIR/fixtures/NAME/run with COSIM_FIXTURE_DIR, COSIM_SRCDIR "
	    "and COSIM_BUILDDIR in their environment", (int)len, name,
	    pc->key);
	pc->bad = 1;
	return 0;
}

static int
ident_ok(const char *s)
{
	const char *p;

	if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || *s == '_'))
		return 0;
	for (p = s; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || *p == '_' || *p == '$'))
			return 0;
	return 1;
}

/* top = : a Verilog identifier. */
static void
check_top(struct ctx *c, const struct keydef *kd, const struct mvalue *v,
	char **items)
{
	(void)c;
	(void)kd;
	(void)items;
	if (!ident_ok(v->raw))
		diag_error(v->file, v->line, "bad top module name '%s': write a "
		    "Verilog identifier", v->raw);
}

/* labels = : each one names a target label/NAME. */
static void
check_labels(struct ctx *c, const struct keydef *kd, const struct mvalue *v,
	char **items)
{
	char **p;

	(void)c;
	(void)kd;
	for (p = items; *p; p++)
		if (!manifest_name_ok(*p))
			diag_error(v->file, v->line, "bad label '%s': a label is "
			    "made of letters, digits, '_', '.' and '-' (it names "
			    "the target label/%s)", *p, *p);
}

/* *_patterns = : each one compiles as a scan pattern. */
static void
check_patterns(struct ctx *c, const struct keydef *kd, const struct mvalue *v,
	char **items)
{
	struct scanner sc = {0};
	char **p, *err;

	(void)c;
	(void)kd;
	for (p = items; *p; p++) {
		if (scan_add(&sc, PK_FAIL, *p, &err) != 0) {
			diag_error(v->file, v->line, "%s in '%s'", err,
			    kd->name);
			free(err);
		}
	}
	scan_free(&sc);
}

/* env = : NAME=VALUE entries, none of cosim-run's own variables. */
static void
check_env(struct ctx *c, const struct keydef *kd, const struct mvalue *v,
	char **items)
{
	char **p;

	(void)c;
	(void)kd;
	for (p = items; *p; p++) {
		const char *eq = strchr(*p, '=');
		const char *q;
		int ok = eq && eq != *p;

		for (q = *p; ok && q < eq; q++)
			ok = (*q >= 'A' && *q <= 'Z') ||
			    (*q >= 'a' && *q <= 'z') || *q == '_' ||
			    (q > *p && *q >= '0' && *q <= '9');
		if (!ok)
			diag_error(v->file, v->line, "bad environment entry '%s' "
			    "in 'env': write NAME=VALUE", *p);
		else if (strncmp(*p, "COSIM_", 6) == 0 ||
		    strncmp(*p, "LISTEN_", 7) == 0)
			diag_error(v->file, v->line, "'env' cannot set %.*s: "
			    "cosim-run sets the COSIM_* and LISTEN_* variables "
			    "itself", (int)(eq - *p), *p);
	}
}

/* files = : datafiles.c checks it. */
static void
check_files(struct ctx *c, const struct keydef *kd, const struct mvalue *v,
	char **items)
{
	(void)kd;
	(void)items;
	files_check(c, v);
}

/* timescale = : UNIT/PRECISION. */
static void
check_timescale(struct ctx *c, const struct keydef *kd,
	const struct mvalue *v, char **items)
{
	int rc = parse_timescale(v->raw);

	(void)c;
	(void)kd;
	(void)items;
	if (rc == -1)
		diag_error(v->file, v->line, "bad timescale '%s': write "
		    "UNIT/PRECISION, each 1, 10 or 100 and a unit of s, ms, us, "
		    "ns, ps, fs (1ns/1ps)", v->raw);
	else if (rc == -2)
		diag_error(v->file, v->line, "bad timescale '%s': the precision "
		    "(after '/') cannot be coarser than the unit", v->raw);
}

/* What a key asks beyond its type; items is its list (NULL for a
 * string). */
static const struct {
	enum keyid k;
	void (*check)(struct ctx *, const struct keydef *,
	    const struct mvalue *, char **);
} hooks[] = {
	{K_TOP, check_top},
	{K_LABELS, check_labels},
	{K_FAIL_PATTERNS, check_patterns},
	{K_WARN_PATTERNS, check_patterns},
	{K_PASS_PATTERNS, check_patterns},
	{K_SKIP_PATTERNS, check_patterns},
	{K_ENV, check_env},
	{K_FILES, check_files},
	{K_TIMESCALE, check_timescale},
	{K_SLURM_PARTITION, slurm_check_name},
	{K_SLURM_ACCOUNT, slurm_check_name},
	{K_SLURM_LICENSE, slurm_check_name},
	{K_SRUN_ARGS, slurm_check_args},
};

/* A scalar value of kd's type. */
static void
check_scalar(const struct keydef *kd, const struct mvalue *v)
{
	int64_t i;
	int b;

	switch (kd->type) {
	case KT_DURATION:
		if (parse_duration(v->raw, &i) < 0)
			diag_error(v->file, v->line,
			    "bad duration '%s' for '%s': write seconds (90), or "
			    "a number with a unit: 500ms, 1.5s, 2m, 1h30m (at "
			    "most a week)", v->raw, kd->name);
		break;
	case KT_SIZE:
		if (parse_size(v->raw, &i) < 0)
			diag_error(v->file, v->line,
			    "bad size '%s' for '%s': write bytes (65536), or a "
			    "number with K, M or G (64M), at most 1024G; 0 for "
			    "no limit", v->raw, kd->name);
		break;
	case KT_MEMORY:
		if (parse_memory(v->raw, &i) < 0)
			diag_error(v->file, v->line,
			    "bad amount of memory '%s' for '%s': write MiB "
			    "(4096), or a whole number with K, M, G or T (4G), "
			    "from 1M to 1024T", v->raw, kd->name);
		break;
	case KT_INT:
		if (parse_int(v->raw, kd->min, kd->max, &i) < 0)
			diag_error(v->file, v->line,
			    "bad integer '%s' for '%s': write a whole number "
			    "from %lld to %lld", v->raw, kd->name,
			    (long long)kd->min, (long long)kd->max);
		break;
	case KT_BOOL:
		if (parse_bool(v->raw, &b) < 0)
			diag_error(v->file, v->line,
			    "bad boolean '%s' for '%s': write yes or no",
			    v->raw, kd->name);
		break;
	case KT_ENUM:
		if (!enum_ok(kd->choices, v->raw))
			diag_error(v->file, v->line,
			    "bad value '%s' for '%s': choose one of: %s",
			    v->raw, kd->name, kd->choices);
		break;
	case KT_LIST:
	case KT_STRING:
		break;
	}
}

/* Each listed path can be written in a ninja file (make's rules are
 * makefile_check's). */
static void
check_paths(const struct keydef *kd, const struct mvalue *v, char **items)
{
	char **p;

	/* ninja has no escape for these in a path */
	for (p = items; *p; p++)
		if (strpbrk(*p, "|\n\r"))
			diag_error(v->file, v->line, "path '%s' in '%s' holds "
			    "'|', which a ninja file cannot express; rename it",
			    *p, kd->name);
}

static void
check_value(struct ctx *c, const struct msection *s, enum keyid k)
{
	const struct keydef *kd = &keys[k];
	const struct mvalue *v = &s->v[k];
	char **items = NULL;
	struct phctx pc = {v, kd->name, 0, 0};
	size_t i;

	if ((kd->flags & KF_NONEMPTY) && !*v->raw) {
		if (s->kind == SK_GLOBAL)
			diag_error(v->file, v->line, "'%s' is empty in [cosimgen]",
			    kd->name);
		else
			diag_error(v->file, v->line, "'%s' is empty in [%s:%s]",
			    kd->name, skind_name(s->kind), s->name);
		return;
	}
	if (kd->type != KT_LIST && kd->type != KT_STRING) {
		check_scalar(kd, v);
		return;
	}
	if (kd->type == KT_LIST && list_split(v->raw, &items) < 0) {
		diag_error(v->file, v->line, "unterminated quote in '%s'",
		    kd->name);
		return;
	}
	if (s->kind == SK_FIXTURE)
		placeholder_each(v->raw, fixture_placeholder, &pc);
	else if (kd->flags & KF_RUNTIME_PH)
		pc.allowed = PH_RUNTIME;
	else if (kd->flags & KF_COMPILE_PH)
		pc.allowed = PH_COMPILE |
		    (kd->flags & KF_COMMAND_PH ? PH_COMMAND : 0);
	if (pc.allowed)
		placeholder_each(v->raw, check_placeholder, &pc);
	if (items && (kd->flags & KF_PATH))
		check_paths(kd, v, items);
	for (i = 0; i < sizeof hooks / sizeof hooks[0]; i++)
		if (hooks[i].k == k && !(k == K_TOP &&
		    resolve_sim(s, &c->m->global) == SIM_GHDL))
			hooks[i].check(c, kd, v, items);	/* VHDL's: ghdl.c */
	list_free(items);
}

void
check_section(struct ctx *c, const struct msection *s)
{
	size_t k;

	for (k = 0; k < K_NKEYS; k++)
		if (s->v[k].raw)
			check_value(c, s, (enum keyid)k);
}
