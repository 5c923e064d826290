/* keys.h - the closed table of manifest keys, their types and where they may
 * stand, and the parsers for typed values.
 *
 * Every key a manifest may use is a row of keys[] (keys.c). A key that is
 * not in the table is an error with a suggestion; a key in the wrong kind of
 * section is an error naming where it belongs. Keys allowed in [cosimgen]
 * and in a design or test section are defaults: a test takes its own value,
 * else its design's, else the [cosimgen] one, else the built-in default. */
#ifndef COSIM_KEYS_H
#define COSIM_KEYS_H

#include <stddef.h>
#include <stdint.h>

/* The largest seed: Verilator 5 aborts on +verilator+seed+N unless
 * 1 <= N < 2^31, and every other simulator takes that range too. */
#define SEED_MAX 2147483647

enum ktype { KT_STRING, KT_LIST, KT_DURATION, KT_INT, KT_BOOL, KT_ENUM,
	KT_SIZE, KT_MEMORY };

/* Section kinds, also used as bit flags for where a key may stand. */
enum skind { SK_GLOBAL = 1, SK_DESIGN = 2, SK_TEST = 4, SK_RESOURCE = 8,
	SK_FIXTURE = 16, SK_WAIVER = 32 };

/* Key flags. */
enum {
	KF_PATH = 1,		/* relative paths are relative to the file it is in */
	KF_RUNTIME_PH = 2,	/* may use run-time {placeholders} */
	KF_COMPILE_PH = 4,	/* may use compile-time {placeholders} */
	KF_COMMAND_PH = 32,	/* and, in a compile command, the lists too */
	KF_REQUIRED = 8,	/* must be given (in this kind of section) */
	KF_NONEMPTY = 16,	/* an empty value is an error */
};

enum keyid {
	K_BUILDDIR, K_INCLUDE, K_COMPILE_JOBS,
	K_SIMULATOR, K_SOURCES, K_TOP, K_DEFINES, K_PARAMS, K_FLAGS,
	K_INCLUDE_DIRS, K_READY, K_COMPILE, K_RUN,
	K_DESIGN, K_COMMAND, K_TIMEOUT, K_STARTUP_TIMEOUT, K_IDLE_TIMEOUT,
	K_KILL_GRACE, K_PLUSARGS, K_ENV, K_SEED, K_DEPENDS, K_FILES, K_RESOURCE,
	K_DISABLED, K_COUNT,
	K_FAIL_PATTERNS, K_WARN_PATTERNS, K_PASS_PATTERNS, K_DEFAULT_PATTERNS,
	K_SKIP_PATTERNS, K_EXPECT, K_LABELS,
	K_BRIDGE, K_COMPILE_TIMEOUT,
	K_LOG_LIMIT, K_PTY,
	/* scheduling */
	K_PRIORITY, K_COST, K_RETRIES, K_RESOURCES, K_FIXTURES, K_MAX_FAILURES,
	K_HISTORY, K_HISTORY_RUNS, K_IDS, K_SETUP, K_CLEANUP,
	/* cocotb testbenches, and the default timescale */
	K_COCOTB, K_COCOTB_CONFIG, K_COCOTB_IMPORT_TIMEOUT, K_TIMESCALE,
	/* where the runs run (gen/slurm.c), and what one run needs */
	K_EXECUTOR, K_SLURM_PARTITION, K_SLURM_ACCOUNT, K_SRUN_ARGS, K_CPUS,
	K_MEMORY, K_COMPILE_CPUS, K_COMPILE_MEMORY, K_SLURM_LICENSE,
	/* seeds and sweeps (gen/expand.c) */
	K_SEEDS, K_SWEEP,
	/* regressions */
	K_COVERAGE,
	/* waves on demand (gen/waves.c) */
	K_WAVES_ON_FAILURE,
	/* waived failures (gen/waivers.c) */
	K_SIGNATURE, K_REASON, K_EXPIRES, K_TESTS,
	K_NKEYS
};

struct keydef {
	const char *name;
	enum ktype type;
	unsigned where;		/* SK_* bits */
	unsigned flags;		/* KF_* bits */
	const char *choices;	/* KT_ENUM: space-separated words */
	int64_t min, max;	/* KT_INT bounds */
	const char *deflt;	/* built-in default, NULL for none */
};

extern const struct keydef keys[K_NKEYS];

/* The key called name, or NULL. */
const struct keydef *key_find(const char *name);
/* Index of a key in keys[]. */
#define KEY_ID(k) ((enum keyid)((k) - keys))
/* The section kind spelt word ("design"), or 0. */
enum skind skind_find(const char *word);
/* The word for a section kind. */
const char *skind_name(enum skind k);
/* Where a key may stand, in words: "[cosimgen], [design:] and [test:]
 * sections" for where (SK_* bits); valid until the next call. */
const char *skind_where(unsigned where);
/* NULL-terminated list of section kind words, for suggestions. */
extern const char *const skind_words[];
/* NULL-terminated list of the names of the keys allowed where (SK_* bits),
 * for suggestions; valid until the next call. */
const char *const *key_names(unsigned where);

/* Parse a duration ("90", "1.5s", "500ms", "2m", "1h30m") into milliseconds;
 * returns 0 on success, -1 when malformed or beyond a week. */
int parse_duration(const char *s, int64_t *ms);
/* Parse a size in bytes: a whole number with an optional K, M or G
 * (KiB, MiB, GiB) into bytes, at most 1 TiB; 0 or -1. */
int parse_size(const char *s, int64_t *bytes);
/* The most memory a run may ask for: 1 PiB, in MiB. */
#define MEMORY_MAX_MIB (INT64_C(1) << 30)
/* Parse an amount of memory into MiB: a whole number with an optional
 * K, M, G or T (KiB ... TiB; a bare number is MiB), rounded up to a
 * whole MiB, from 1 MiB to MEMORY_MAX_MIB; 0 or -1. */
int parse_memory(const char *s, int64_t *mib);
/* Parse a decimal integer within [min, max]; 0 or -1. */
int parse_int(const char *s, int64_t min, int64_t max, int64_t *out);
/* Parse a Verilog timescale "UNIT/PRECISION", each 1, 10 or 100 and one
 * of s ms us ns ps fs, the precision no coarser than the unit ("1ns/1ps");
 * 0, or -1 when malformed, -2 when the precision is coarser. */
int parse_timescale(const char *s);
/* Parse yes/no/true/false/on/off/1/0 (any case); 0 or -1. */
int parse_bool(const char *s, int *out);
/* Nonzero when word is one of the space-separated choices. */
int enum_ok(const char *choices, const char *word);
/* Split a list: white space separates items; '...' and "..." quote (no
 * escapes inside). Returns the item count; items are allocated, the array
 * is NULL-terminated. On an unterminated quote returns -1. */
int list_split(const char *s, char ***items);
/* Free what list_split returned. */
void list_free(char **items);
/* Append s (taken over) to the NULL-terminated list *v of *n items. */
void list_push(char ***v, size_t *n, char *s);

/* PREFIX and name as an environment variable's name: name upper-cased,
 * every character but a letter or a digit as '_' (COSIM_RESOURCE_BOARD,
 * COSIM_FIXTURE_DB); allocated. */
char *env_var_name(const char *prefix, const char *name);

/* Placeholders: {name} where name is [A-Za-z_][A-Za-z0-9_]*, or
 * {name:ARG} for one that takes an argument ({resource:NAME}: ARG is
 * [A-Za-z0-9_.-]+, a manifest name). A '{' preceded by '$' (shell
 * ${VAR}), any other brace text, and "{{" "}}" (a literal brace) are not
 * placeholders. */
enum {
	PH_RUNTIME = 1,		/* known when a test runs */
	PH_COMPILE = 2,		/* known when a design compiles */
	PH_COMMAND = 4,		/* lists only a custom compile command takes */
};
/* Every placeholder, in the order suggestions try them (keys.c holds the
 * one table of their names and phases). */
enum placeholder_id {
	PLH_HOST, PLH_PORT, PLH_RUNDIR, PLH_TEST, PLH_DESIGN, PLH_SEED,
	PLH_SLOT, PLH_ATTEMPT, PLH_RESOURCE, PLH_SIM, PLH_SRCDIR, PLH_BUILDDIR, PLH_OUTDIR,
	PLH_SOURCES, PLH_TOP, PLH_DEFINES, PLH_PARAMS, PLH_FLAGS,
	PLH_INCLUDE_DIRS, PLH_TEMPLATES,
	PLH_N
};
/* The name of a placeholder, without braces. */
const char *placeholder_name(enum placeholder_id id);
/* NULL-terminated list of every placeholder name, for suggestions. */
const char *const *placeholder_names(void);
/* The placeholder whose name is the len bytes at name ("port", or
 * "resource:board" for one that takes an argument), or PLH_N. */
enum placeholder_id placeholder_find(const char *name, size_t len);
/* Whether a placeholder takes an argument: {resource:NAME}. */
int placeholder_takes_arg(enum placeholder_id id);
/* The argument of the len bytes at name ("board" of "resource:board"),
 * its length in *arglen; NULL when there is none. */
const char *placeholder_arg(const char *name, size_t len, size_t *arglen);
/* Phases (PH_* bits) in which a placeholder is known; 0 when unknown. */
unsigned placeholder_phases(const char *name, size_t len);
/* Calls fn for each placeholder in s (name, length, offset; the name
 * with its argument); stops and returns nonzero when fn does. */
int placeholder_each(const char *s,
	int (*fn)(void *ctx, const char *name, size_t len, size_t off),
	void *ctx);
/* Expand the placeholders of tmpl named in names[] (NULL-terminated) to the
 * matching vals[], inserted as they are; others stay as written. "{{" and
 * "}}" become single braces. Returns an allocated string. */
char *placeholder_expand(const char *tmpl, const char *const *names,
	const char *const *vals);
/* placeholder_expand with vals indexed by enum placeholder_id; a NULL
 * value leaves its placeholder as written, and so does one that takes an
 * argument (expand {resource:NAME} with placeholder_expand and the name
 * "resource:NAME"). */
char *placeholder_expand_ids(const char *tmpl, const char *const vals[PLH_N]);

#endif
