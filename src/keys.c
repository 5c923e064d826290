/* keys.c - see keys.h. The table here is the one source of truth for keys;
 * docs/cosimgen.ini.5 describes every row. */
#include "keys.h"
#include "util.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define G SK_GLOBAL
#define D SK_DESIGN
#define T SK_TEST
#define R SK_RESOURCE
#define F SK_FIXTURE
#define W SK_WAIVER

const struct keydef keys[K_NKEYS] = {
	[K_BUILDDIR] = {"builddir", KT_STRING, G, KF_PATH | KF_NONEMPTY, 0, 0, 0, "cosim-out"},
	[K_INCLUDE] = {"include", KT_LIST, G, KF_PATH, 0, 0, 0, NULL},
	[K_COMPILE_JOBS] = {"compile_jobs", KT_INT, G, 0, 0, 1, 1024, "2"},
	[K_SIMULATOR] = {"simulator", KT_ENUM, G | D, 0,
	    "verilator icarus custom ghdl", 0, 0, "verilator"},
	[K_SOURCES] = {"sources", KT_LIST, D, KF_PATH | KF_REQUIRED | KF_NONEMPTY, 0, 0, 0, NULL},
	[K_TOP] = {"top", KT_STRING, D, KF_NONEMPTY, 0, 0, 0, NULL},
	[K_DEFINES] = {"defines", KT_LIST, G | D, 0, 0, 0, 0, NULL},
	[K_PARAMS] = {"params", KT_LIST, G | D, 0, 0, 0, 0, NULL},
	[K_FLAGS] = {"flags", KT_LIST, G | D, KF_COMPILE_PH, 0, 0, 0, NULL},
	[K_INCLUDE_DIRS] = {"include_dirs", KT_LIST, G | D, KF_PATH, 0, 0, 0, NULL},
	[K_READY] = {"ready", KT_ENUM, G | D, 0, "socket file port none", 0, 0,
	    "socket"},
	[K_COMPILE] = {"compile", KT_STRING, G | D,
	    KF_COMPILE_PH | KF_COMMAND_PH | KF_NONEMPTY, 0, 0, 0, NULL},
	[K_RUN] = {"run", KT_STRING, G | D, KF_RUNTIME_PH | KF_NONEMPTY, 0, 0, 0, NULL},
	[K_DESIGN] = {"design", KT_STRING, T, KF_NONEMPTY, 0, 0, 0, NULL},
	[K_COMMAND] = {"command", KT_STRING, T, KF_RUNTIME_PH | KF_NONEMPTY, 0, 0, 0, NULL},
	[K_TIMEOUT] = {"timeout", KT_DURATION, G | D | T | F, 0, 0, 0, 0, "60"},
	[K_STARTUP_TIMEOUT] = {"startup_timeout", KT_DURATION, G | D | T, 0, 0,
	    0, 0, "30"},
	[K_IDLE_TIMEOUT] = {"idle_timeout", KT_DURATION, G | D | T, 0, 0, 0, 0,
	    "0"},
	[K_KILL_GRACE] = {"kill_grace", KT_DURATION, G | D | T | F, 0, 0, 0, 0,
	    "2"},
	[K_PLUSARGS] = {"plusargs", KT_LIST, G | D | T, KF_RUNTIME_PH, 0, 0, 0,
	    NULL},
	/* a fixture's takes no placeholders (check.c) */
	[K_ENV] = {"env", KT_LIST, G | D | T | F, KF_RUNTIME_PH, 0, 0, 0, NULL},
	/* one seed, or a list: one test per seed (gen/expand.c) */
	[K_SEED] = {"seed", KT_LIST, G | D | T, KF_NONEMPTY, 0, 1, SEED_MAX,
	    NULL},
	[K_DEPENDS] = {"depends", KT_LIST, T, KF_PATH, 0, 0, 0, NULL},
	/* linked into the run directory: links.h */
	[K_FILES] = {"files", KT_LIST, G | D | T, KF_PATH, 0, 0, 0, NULL},
	/* the one-slot form of resources */
	[K_RESOURCE] = {"resource", KT_STRING, T, KF_NONEMPTY, 0, 0, 0, NULL},
	[K_DISABLED] = {"disabled", KT_BOOL, G | D | T, 0, 0, 0, 0, "no"},
	/* count or ids, exactly one (resources.c) */
	[K_COUNT] = {"count", KT_INT, R, 0, 0, 1, 1000000, NULL},
	[K_FAIL_PATTERNS] = {"fail_patterns", KT_LIST, G | D | T, 0, 0, 0, 0,
	    NULL},
	[K_WARN_PATTERNS] = {"warn_patterns", KT_LIST, G | D | T, 0, 0, 0, 0,
	    NULL},
	[K_PASS_PATTERNS] = {"pass_patterns", KT_LIST, G | D | T, 0, 0, 0, 0,
	    NULL},
	[K_DEFAULT_PATTERNS] = {"default_patterns", KT_BOOL, G | D | T, 0, 0, 0,
	    0, "yes"},
	[K_SKIP_PATTERNS] = {"skip_patterns", KT_LIST, G | D | T, 0, 0, 0, 0,
	    NULL},
	[K_EXPECT] = {"expect", KT_ENUM, G | D | T, 0, "pass fail", 0, 0,
	    "pass"},
	/* a test's labels are its own and its design's */
	[K_LABELS] = {"labels", KT_LIST, D | T, 0, 0, 0, 0, NULL},
	/* default: yes when ready is socket or file */
	[K_BRIDGE] = {"bridge", KT_BOOL, G | D, 0, 0, 0, 0, NULL},
	/* generous: a large Verilator build takes many minutes; 0: none */
	[K_COMPILE_TIMEOUT] = {"compile_timeout", KT_DURATION, G | D, 0, 0, 0,
	    0, "30m"},
	/* 0: no limit */
	[K_LOG_LIMIT] = {"log_limit", KT_SIZE, G | D | T, 0, 0, 0, 0, "64M"},
	[K_PTY] = {"pty", KT_BOOL, G | D, 0, 0, 0, 0, "no"},
	/* the order tests start in: schedule.h */
	[K_PRIORITY] = {"priority", KT_INT, G | D | T, 0, 0, -1000, 1000, "0"},
	/* the expected duration of a test without history */
	[K_COST] = {"cost", KT_DURATION, G | D | T, 0, 0, 0, 0, NULL},
	[K_RETRIES] = {"retries", KT_INT, G | D | T, 0, 0, 0, 100, "0"},
	/* NAME or NAME:NEED each (resources.c) */
	[K_RESOURCES] = {"resources", KT_LIST, D | T, 0, 0, 0, 0, NULL},
	[K_FIXTURES] = {"fixtures", KT_LIST, G | D | T, 0, 0, 0, 0, NULL},
	/* 0: no limit */
	[K_MAX_FAILURES] = {"max_failures", KT_INT, G, 0, 0, 0, 1000000, "0"},
	/* default: <builddir>/history */
	[K_HISTORY] = {"history", KT_STRING, G, KF_PATH | KF_NONEMPTY, 0, 0, 0,
	    NULL},
	[K_HISTORY_RUNS] = {"history_runs", KT_INT, G, 0, 0, 50, 100000, "50"},
	[K_IDS] = {"ids", KT_LIST, R, KF_NONEMPTY, 0, 0, 0, NULL},
	[K_SETUP] = {"setup", KT_STRING, F, KF_NONEMPTY, 0, 0, 0, NULL},
	[K_CLEANUP] = {"cleanup", KT_STRING, F, KF_NONEMPTY, 0, 0, 0, NULL},
	/* a Python module: one test per cocotb test in it (gen/cocotb.c) */
	[K_COCOTB] = {"cocotb", KT_STRING, T, KF_PATH | KF_NONEMPTY, 0, 0, 0,
	    NULL},
	/* a path, or a name found on the PATH */
	[K_COCOTB_CONFIG] = {"cocotb_config", KT_STRING, G | D, KF_NONEMPTY, 0,
	    0, 0, "cocotb-config"},
	/* the longest a module's import may take at discovery; 0: no limit */
	[K_COCOTB_IMPORT_TIMEOUT] = {"cocotb_import_timeout", KT_DURATION, G, 0,
	    0, 0, 0, "60"},
	/* default: 1ns/1ps for a design built for cocotb, else none */
	[K_TIMESCALE] = {"timescale", KT_STRING, G | D, KF_NONEMPTY, 0, 0, 0,
	    NULL},
	/* the keys below but executor are inert under local: one manifest
	 * serves a laptop and a cluster (gen/slurm.c) */
	[K_EXECUTOR] = {"executor", KT_ENUM, G, 0, "local slurm", 0, 0,
	    "local"},
	[K_SLURM_PARTITION] = {"slurm_partition", KT_STRING, G | D | T,
	    KF_NONEMPTY, 0, 0, 0, NULL},
	[K_SLURM_ACCOUNT] = {"slurm_account", KT_STRING, G | D | T,
	    KF_NONEMPTY, 0, 0, 0, NULL},
	[K_SRUN_ARGS] = {"srun_args", KT_LIST, G | D | T, 0, 0, 0, 0, NULL},
	/* a design's is its tests' default */
	[K_CPUS] = {"cpus", KT_INT, D | T, 0, 0, 1, 4096, NULL},
	[K_MEMORY] = {"memory", KT_MEMORY, D | T, 0, 0, 0, 0, NULL},
	/* the VPI module's compile takes [cosimgen]'s */
	[K_COMPILE_CPUS] = {"compile_cpus", KT_INT, G | D, 0, 0, 1, 4096,
	    NULL},
	[K_COMPILE_MEMORY] = {"compile_memory", KT_MEMORY, G | D, 0, 0, 0, 0,
	    NULL},
	[K_SLURM_LICENSE] = {"slurm_license", KT_STRING, R, KF_NONEMPTY, 0, 0,
	    0, NULL},
	/* N tests, one per seed drawn (gen/expand.c, seeding.h) */
	[K_SEEDS] = {"seeds", KT_INT, G | D | T, 0, 0, 1, 100000, "1"},
	/* a design's: NAME=V1,V2 params; a test's: +NAME=V1,V2 plusargs */
	[K_SWEEP] = {"sweep", KT_LIST, D | T, KF_NONEMPTY, 0, 0, 0, NULL},
	/* the coverage variant of a design (build.c); [cosimgen]'s is the
	 * default of the designs whose simulator can collect it */
	[K_COVERAGE] = {"coverage", KT_BOOL, G | D, 0, 0, 0, 0, "no"},
	/* failing tests the report reruns with waves; 0: none */
	[K_WAVES_ON_FAILURE] = {"waves_on_failure", KT_INT, G, 0, 0, 0,
	    1000000, "0"},
	/* a waiver's: the failure signature as the report prints it, exact
	 * or a shell pattern; why; the last day it holds; which tests (a
	 * name pattern, default all) */
	[K_SIGNATURE] = {"signature", KT_STRING, W, KF_REQUIRED | KF_NONEMPTY,
	    0, 0, 0, NULL},
	[K_REASON] = {"reason", KT_STRING, W, KF_REQUIRED | KF_NONEMPTY, 0, 0,
	    0, NULL},
	[K_EXPIRES] = {"expires", KT_STRING, W, KF_REQUIRED | KF_NONEMPTY, 0,
	    0, 0, NULL},
	[K_TESTS] = {"tests", KT_STRING, W, KF_NONEMPTY, 0, 0, 0, NULL},
};

const struct keydef *
key_find(const char *name)
{
	size_t i;

	for (i = 0; i < K_NKEYS; i++)
		if (strcmp(keys[i].name, name) == 0)
			return &keys[i];
	return NULL;
}

const char *const *
key_names(unsigned where)
{
	static const char *names[K_NKEYS + 1];
	size_t i, n = 0;

	for (i = 0; i < K_NKEYS; i++)
		if (keys[i].where & where)
			names[n++] = keys[i].name;
	names[n] = NULL;
	return names;
}

const char *const skind_words[] = {"cosimgen", "design", "test", "resource",
	"fixture", "waiver", NULL};

enum skind
skind_find(const char *word)
{
	static const enum skind kinds[] = {SK_GLOBAL, SK_DESIGN, SK_TEST,
		SK_RESOURCE, SK_FIXTURE, SK_WAIVER};
	size_t i;

	for (i = 0; skind_words[i]; i++)
		if (strcmp(skind_words[i], word) == 0)
			return kinds[i];
	return 0;
}

const char *
skind_name(enum skind k)
{
	switch (k) {
	case SK_GLOBAL: return "cosimgen";
	case SK_DESIGN: return "design";
	case SK_TEST: return "test";
	case SK_RESOURCE: return "resource";
	case SK_FIXTURE: return "fixture";
	case SK_WAIVER: return "waiver";
	}
	return "?";
}

const char *
skind_where(unsigned where)
{
	static char text[128];
	size_t n = 0;
	unsigned k, all = 0;

	for (k = SK_GLOBAL; k <= SK_WAIVER; k <<= 1)
		all += !!(where & k);
	text[0] = '\0';
	for (k = SK_GLOBAL; k <= SK_WAIVER; k <<= 1) {
		size_t len = strlen(text);

		if (!(where & k))
			continue;
		n++;
		snprintf(text + len, sizeof text - len, "%s[%s%s",
		    n == 1 ? "" : n == all ? " and " : ", ",
		    skind_name((enum skind)k), k == SK_GLOBAL ? "]" : ":]");
	}
	if (all > 1 || !(where & SK_GLOBAL))
		strncat(text, " sections", sizeof text - strlen(text) - 1);
	return text;
}

char *
env_var_name(const char *prefix, const char *name)
{
	char *v = xasprintf("%s%s", prefix, name), *p;

	for (p = v + strlen(prefix); *p; p++)
		*p = isalnum((unsigned char)*p) ? (char)toupper((unsigned char)*p) :
		    '_';
	return v;
}

int
parse_duration(const char *s, int64_t *ms)
{
	const int64_t week = INT64_C(7) * 24 * 3600 * 1000;
	int64_t total = 0;
	int parts = 0;

	while (*s) {
		int64_t whole = 0, frac = 0, fracdiv = 1, unit;
		int digits = 0;

		while (isdigit((unsigned char)*s)) {
			if (whole > week)
				return -1;
			whole = whole * 10 + (*s++ - '0');
			digits++;
		}
		if (*s == '.') {
			s++;
			while (isdigit((unsigned char)*s)) {
				if (fracdiv < 1000000) {
					frac = frac * 10 + (*s - '0');
					fracdiv *= 10;
				}
				s++;
				digits++;
			}
		}
		if (!digits)
			return -1;
		if (strncmp(s, "ms", 2) == 0) {
			unit = 1;
			s += 2;
		} else if (*s == 's') {
			unit = 1000;
			s++;
		} else if (*s == 'm') {
			unit = 60000;
			s++;
		} else if (*s == 'h') {
			unit = 3600000;
			s++;
		} else if (*s == '\0' && parts == 0) {
			unit = 1000;	/* a bare number is seconds */
		} else {
			return -1;
		}
		if (whole > week / unit)
			return -1;
		total += whole * unit + frac * unit / fracdiv;
		if (total > week)
			return -1;
		parts++;
	}
	if (!parts)
		return -1;
	*ms = total;
	return 0;
}

int
parse_int(const char *s, int64_t min, int64_t max, int64_t *out)
{
	int64_t v = 0;
	int neg = 0;

	if (*s == '-' || *s == '+')
		neg = *s++ == '-';
	if (!isdigit((unsigned char)*s))
		return -1;
	for (; isdigit((unsigned char)*s); s++) {
		if (v > (INT64_MAX - 9) / 10)
			return -1;
		v = v * 10 + (*s - '0');
	}
	if (*s)
		return -1;
	if (neg)
		v = -v;
	if (v < min || v > max)
		return -1;
	*out = v;
	return 0;
}

/* s as a whole number, into digits, and an optional unit letter after
 * it, one of units in either case: its index plus one into *unit, 0 for
 * none; 0, or -1 when s is not written so. */
static int
number_unit(const char *s, const char *units, char digits[32], int *unit)
{
	const char *u;
	size_t n = strspn(s, "0123456789");

	if (n == 0 || n >= 32)
		return -1;
	memcpy(digits, s, n);
	digits[n] = '\0';
	*unit = 0;
	if (!s[n])
		return 0;
	if (s[n + 1] || !(u = strchr(units, toupper((unsigned char)s[n]))))
		return -1;
	*unit = (int)(u - units) + 1;
	return 0;
}

int
parse_size(const char *s, int64_t *bytes)
{
	char digits[32];
	int64_t v;
	int unit, shift;

	if (number_unit(s, "KMG", digits, &unit) < 0)
		return -1;
	shift = 10 * unit;
	if (parse_int(digits, 0, INT64_C(1) << 40 >> shift, &v) < 0)
		return -1;
	*bytes = v << shift;
	return 0;
}

int
parse_memory(const char *s, int64_t *mib)
{
	char digits[32];
	int64_t v;
	int unit, shift;

	if (number_unit(s, "KMGT", digits, &unit) < 0)
		return -1;
	/* counted in KiB, the finest unit, then rounded up to MiB; a bare
	 * number is MiB */
	shift = unit ? 10 * (unit - 1) : 10;
	if (parse_int(digits, 1, MEMORY_MAX_MIB << 10 >> shift, &v) < 0)
		return -1;
	v <<= shift;
	if (v < 1024)
		return -1;
	*mib = (v + 1023) >> 10;
	return 0;
}

/* One side of a timescale: its power of ten in seconds, *end after it;
 * 1 when s does not start with one. */
static int
timescale_part(const char *s, const char **end, int *exp)
{
	static const char *const units[] = {"s", "ms", "us", "ns", "ps", "fs"};
	int zeros = 0;
	size_t u, n;

	if (*s++ != '1')
		return 1;
	while (*s == '0' && zeros < 3) {
		s++;
		zeros++;
	}
	for (u = sizeof units / sizeof *units; u-- > 0;) {
		n = strlen(units[u]);
		if (zeros < 3 && strncmp(s, units[u], n) == 0) {
			*exp = zeros - 3 * (int)u;
			*end = s + n;
			return 0;
		}
	}
	return 1;
}

int
parse_timescale(const char *s)
{
	int unit, prec;

	if (timescale_part(s, &s, &unit) || *s++ != '/' ||
	    timescale_part(s, &s, &prec) || *s)
		return -1;
	return prec > unit ? -2 : 0;
}

int
parse_bool(const char *s, int *out)
{
	static const char *yes[] = {"yes", "true", "on", "1"};
	static const char *no[] = {"no", "false", "off", "0"};
	size_t i;

	for (i = 0; i < 4; i++) {
		if (strcasecmp(s, yes[i]) == 0) {
			*out = 1;
			return 0;
		}
		if (strcasecmp(s, no[i]) == 0) {
			*out = 0;
			return 0;
		}
	}
	return -1;
}

int
enum_ok(const char *choices, const char *word)
{
	size_t n = strlen(word);

	while (*choices) {
		size_t len = strcspn(choices, " ");

		if (len == n && strncmp(choices, word, n) == 0)
			return 1;
		choices += len;
		while (*choices == ' ')
			choices++;
	}
	return 0;
}

int
list_split(const char *s, char ***items)
{
	char **v = NULL;
	size_t n = 0;
	struct buf item = {0};

	for (;;) {
		int have = 0;

		while (*s && isspace((unsigned char)*s))
			s++;
		if (!*s)
			break;
		buf_reset(&item);
		while (*s && !isspace((unsigned char)*s)) {
			if (*s == '\'' || *s == '"') {
				char q = *s++;
				const char *e = strchr(s, q);

				if (!e) {
					buf_free(&item);
					v = xrealloc(v, (n + 1) * sizeof *v);
					v[n] = NULL;
					list_free(v);
					*items = NULL;
					return -1;
				}
				buf_add(&item, s, (size_t)(e - s));
				s = e + 1;
				have = 1;
			} else {
				buf_putc(&item, *s++);
				have = 1;
			}
		}
		if (have) {
			v = xrealloc(v, (n + 2) * sizeof *v);
			v[n++] = item.s ? xstrdup(item.s) : xstrdup("");
		}
	}
	buf_free(&item);
	v = xrealloc(v, (n + 1) * sizeof *v);
	v[n] = NULL;
	*items = v;
	return (int)n;
}

void
list_free(char **items)
{
	char **p;

	if (!items)
		return;
	for (p = items; *p; p++)
		free(*p);
	free(items);
}

void
list_push(char ***v, size_t *n, char *s)
{
	*v = xrealloc(*v, (*n + 2) * sizeof **v);
	(*v)[(*n)++] = s;
	(*v)[*n] = NULL;
}

static const struct {
	const char *name;
	unsigned phases;
	int arg;		/* written {name:ARG} */
} placeholders[PLH_N] = {
	[PLH_HOST] = {"host", PH_RUNTIME},
	[PLH_PORT] = {"port", PH_RUNTIME},
	[PLH_RUNDIR] = {"rundir", PH_RUNTIME},
	[PLH_TEST] = {"test", PH_RUNTIME},
	[PLH_DESIGN] = {"design", PH_RUNTIME},
	[PLH_SEED] = {"seed", PH_RUNTIME},
	[PLH_SLOT] = {"slot", PH_RUNTIME},
	[PLH_ATTEMPT] = {"attempt", PH_RUNTIME},
	/* the ids of the slots of resource ARG the test holds */
	[PLH_RESOURCE] = {"resource", PH_RUNTIME, 1},
	[PLH_SIM] = {"sim", PH_RUNTIME | PH_COMPILE},
	[PLH_SRCDIR] = {"srcdir", PH_RUNTIME | PH_COMPILE},
	[PLH_BUILDDIR] = {"builddir", PH_RUNTIME | PH_COMPILE},
	[PLH_OUTDIR] = {"outdir", PH_COMPILE},
	[PLH_SOURCES] = {"sources", PH_COMMAND},
	[PLH_TOP] = {"top", PH_COMPILE},
	[PLH_DEFINES] = {"defines", PH_COMMAND},
	[PLH_PARAMS] = {"params", PH_COMMAND},
	[PLH_FLAGS] = {"flags", PH_COMMAND},
	[PLH_INCLUDE_DIRS] = {"include_dirs", PH_COMMAND},
	[PLH_TEMPLATES] = {"templates", PH_RUNTIME | PH_COMPILE},
};

const char *
placeholder_name(enum placeholder_id id)
{
	return placeholders[id].name;
}

const char *const *
placeholder_names(void)
{
	static const char *names[PLH_N + 1];
	size_t i;

	for (i = 0; i < PLH_N; i++)
		names[i] = placeholders[i].name;
	return names;
}

const char *
placeholder_arg(const char *name, size_t len, size_t *arglen)
{
	const char *colon = memchr(name, ':', len);

	if (!colon)
		return NULL;
	*arglen = len - (size_t)(colon + 1 - name);
	return colon + 1;
}

enum placeholder_id
placeholder_find(const char *name, size_t len)
{
	size_t arglen, n = len;
	int i;

	if (placeholder_arg(name, len, &arglen))
		n = len - arglen - 1;
	for (i = 0; i < PLH_N; i++)
		if (strlen(placeholders[i].name) == n &&
		    strncmp(placeholders[i].name, name, n) == 0)
			break;
	/* an argument only where one is taken */
	if (i < PLH_N && n < len && !placeholders[i].arg)
		return PLH_N;
	return (enum placeholder_id)i;
}

int
placeholder_takes_arg(enum placeholder_id id)
{
	return id < PLH_N && placeholders[id].arg;
}

unsigned
placeholder_phases(const char *name, size_t len)
{
	enum placeholder_id id = placeholder_find(name, len);

	return id < PLH_N ? placeholders[id].phases : 0;
}

int
placeholder_each(const char *s,
	int (*fn)(void *ctx, const char *name, size_t len, size_t off),
	void *ctx)
{
	size_t i = 0;

	while (s[i]) {
		size_t j;

		if (s[i] == '{' && s[i + 1] == '{') {
			i += 2;
			continue;
		}
		if (s[i] != '{' || (i > 0 && s[i - 1] == '$')) {
			i++;
			continue;
		}
		j = i + 1;
		if (!(isalpha((unsigned char)s[j]) || s[j] == '_')) {
			i++;
			continue;
		}
		while (isalnum((unsigned char)s[j]) || s[j] == '_')
			j++;
		/* {name:ARG}, ARG a manifest name */
		if (s[j] == ':' && s[j + 1] != '}') {
			j++;
			while (isalnum((unsigned char)s[j]) ||
			    (s[j] && strchr("_.-", s[j])))
				j++;
		}
		if (s[j] != '}') {
			i++;
			continue;
		}
		if (fn(ctx, s + i + 1, j - i - 1, i))
			return 1;
		i = j + 1;
	}
	return 0;
}

char *
placeholder_expand(const char *tmpl, const char *const *names,
	const char *const *vals)
{
	struct buf b = {0};
	const char *s = tmpl;

	while (*s) {
		size_t i, n;

		if ((s[0] == '{' && s[1] == '{') || (s[0] == '}' && s[1] == '}')) {
			buf_putc(&b, s[0]);
			s += 2;
			continue;
		}
		if (s[0] == '{' && !(s > tmpl && s[-1] == '$')) {
			n = strcspn(s + 1, "{} \t");
			if (s[1 + n] == '}') {
				for (i = 0; names[i]; i++)
					if (strlen(names[i]) == n &&
					    strncmp(names[i], s + 1, n) == 0)
						break;
				if (names[i]) {
					buf_puts(&b, vals[i]);
					s += n + 2;
					continue;
				}
			}
		}
		buf_putc(&b, *s++);
	}
	if (!b.s)
		buf_puts(&b, "");
	return buf_steal(&b);
}

char *
placeholder_expand_ids(const char *tmpl, const char *const vals[PLH_N])
{
	const char *names[PLH_N + 1], *v[PLH_N + 1];
	size_t i, n = 0;

	for (i = 0; i < PLH_N; i++)
		if (vals[i] && !placeholders[i].arg) {
			names[n] = placeholders[i].name;
			v[n++] = vals[i];
		}
	names[n] = v[n] = NULL;
	return placeholder_expand(tmpl, names, v);
}
