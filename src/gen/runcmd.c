/* runcmd.c - see runcmd.h.
 *
 * A run: bring the graph up to date first (`ninja -f FILE FILE`, the
 * regeneration edge alone), so that BUILDDIR/tests.list names the tests
 * of the manifest as it is now; select from that list; remove the stamps
 * of the tests to force; set the variables; run ninja on test/NAME for
 * each selected test, or on the default target when nothing was chosen,
 * so that the graph's report edge runs as usual. A subset run has no
 * report edge: the graph's own report command (`ninja -t commands -s` on
 * the summary) runs after it, quietly, so every report file covers every
 * test and the history gets the run; then the summary of the selected
 * tests is printed, and says whether one failed.
 *
 * Selection: PATTERNs widen one another (a test matches one of them),
 * -L LABELs too (it has one of them); given both, a test must match
 * both kinds. A PATTERN or LABEL that selects nothing is an error: a
 * typing mistake should not run nothing and pass. --shard I/N then keeps
 * shard I of that selection (shard.h): a run of a subset too, though an
 * empty shard is no mistake (more shards than tests) and runs nothing. */
#include "runcmd.h"
#include "diag.h"
#include "layout.h"
#include "ninjacall.h"
#include "progressplan.h"
#include "runlist.h"
#include "expand.h"
#include "seeding.h"
#include "shard.h"
#include "testslist.h"
#include "fields.h"
#include "file.h"
#include "report/report.h"
#include "util.h"

#include <errno.h>
#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char run_usage_text[] =
"usage: cosimgen run [OPTIONS] [PATTERN...] [-- NINJA-ARGS...]\n"
"       cosimgen list [OPTIONS] [PATTERN...]\n"
"\n"
"Run the tests of the graph cosimgen wrote (build.ninja here) with ninja:\n"
"all of them, or those whose names match a PATTERN (a shell pattern) or\n"
"that have a LABEL. After a run of some tests, print their summary; exit\n"
"non-zero when one of them failed.\n"
"\n"
"options:\n"
"  -C DIR            change to DIR first (where the graph is)\n"
"  -f FILE           the graph (default build.ninja)\n"
"  -L LABEL          the tests with a label LABEL matches (a shell\n"
"                    pattern); given more than once, with any of them\n"
"  --force           run the selected tests even if they passed (with no\n"
"                    PATTERN or LABEL: every test)\n"
"  --max-failures N  start no test after N failed in this run (0: no\n"
"                    limit; overrides max_failures)\n"
"  --repeat N        run each selected test N times, stopping at its\n"
"                    first failure (implies --force)\n"
"  --shard I/N       of the selected tests, run only shard I of N, the\n"
"                    shards of about equal expected time by the run\n"
"                    history: N CI jobs, job I runs --shard I/N\n"
"  -j N              run N jobs at once (passed to ninja)\n"
"  --seeds N|manifest\n"
"                    run every test that has seeds = under N seeds, from\n"
"                    now on (manifest: the manifest's counts again)\n"
"  --reseed          start a new seed epoch: fresh seeds from now on\n"
"  --seed-epoch E    draw the seeds of epoch E, as a report gives it\n"
"  --list            run nothing: list the selected tests in the order\n"
"                    they would start, with their last status, expected\n"
"                    duration and whether they would run now\n"
"  -h, --help        show this help and exit\n"
"\n"
"See RUN-TIME OPTIONS in cosimgen(1) for the variables these set, which\n"
"work around a plain ninja or make too.\n";

/* The options, parsed from one table. */
enum opt { O_DIR, O_FILE, O_LABEL, O_JOBS, O_FORCE, O_MAXFAIL, O_REPEAT,
	O_SHARD, O_LIST, O_SEEDS, O_RESEED, O_SEED_EPOCH, O_HELP };

static const struct {
	const char *shrt, *lng;
	int takes_value;
	enum opt id;
} opts[] = {
	{"-C", "--directory", 1, O_DIR},
	{"-f", "--file", 1, O_FILE},
	{"-L", "--label", 1, O_LABEL},
	{"-j", "--jobs", 1, O_JOBS},
	{NULL, "--force", 0, O_FORCE},
	{NULL, "--max-failures", 1, O_MAXFAIL},
	{NULL, "--repeat", 1, O_REPEAT},
	{NULL, "--shard", 1, O_SHARD},
	{NULL, "--list", 0, O_LIST},
	{NULL, "--seeds", 1, O_SEEDS},
	{NULL, "--reseed", 0, O_RESEED},
	{NULL, "--seed-epoch", 1, O_SEED_EPOCH},
	{"-h", "--help", 0, O_HELP},
};

struct runopts {
	const char *dir, *file, *jobs;
	struct strlist patterns, labels;
	char **ninja_args;	/* after "--", in argv */
	int nninja;
	long long max_failures, repeat;	/* -1: not given */
	struct shard shard;	/* count 0: not given */
	int force, list;
	struct seedopts seeding;	/* what to change of BUILDDIR/seeding */
};

static void
usage(const char *fmt, const char *arg)
{
	fprintf(stderr, "cosimgen: run: ");
	fprintf(stderr, fmt, arg);
	fprintf(stderr, "\nTry 'cosimgen run --help' for more information.\n");
	exit(2);
}

/* A count of an option: a whole number from min. */
static long long
count(const char *opt, const char *v, long long min)
{
	char *end;
	long long n;

	errno = 0;
	n = strtoll(v, &end, 10);
	if (errno || end == v || *end || n < min || n > 1000000)
		usage(min ? "%s needs a whole number from 1" :
		    "%s needs a whole number from 0", opt);
	return n;
}

/* Which option argv[*i] is, with its value in *val; -1 when none. Forms:
 * "-j 4", "-j4", "--jobs 4", "--jobs=4". */
static int
which(int argc, char **argv, int *i, const char **val)
{
	const char *a = argv[*i];
	size_t k, ll;

	*val = NULL;

	for (k = 0; k < sizeof opts / sizeof opts[0]; k++) {
		ll = strlen(opts[k].lng);
		if ((opts[k].shrt && strcmp(a, opts[k].shrt) == 0) ||
		    strcmp(a, opts[k].lng) == 0) {
			if (opts[k].takes_value && ++*i >= argc)
				usage("option '%s' needs a value", a);
			if (opts[k].takes_value)
				*val = argv[*i];
		} else if (opts[k].takes_value && opts[k].shrt &&
		    strncmp(a, opts[k].shrt, 2) == 0 && a[2]) {
			*val = a + 2;
		} else if (opts[k].takes_value && strncmp(a, opts[k].lng,
		    ll) == 0 && a[ll] == '=') {
			*val = a + ll + 1;
		} else {
			continue;
		}
		return (int)opts[k].id;
	}
	return -1;
}

static void
take(struct runopts *o, int id, const char *a, const char *v)
{
	switch (id) {
	case O_DIR: o->dir = v; break;
	case O_FILE: o->file = v; break;
	case O_LABEL: strlist_push(&o->labels, (char *)v); break;
	case O_JOBS: count(a, v, 0); o->jobs = v; break;
	case O_FORCE: o->force = 1; break;
	case O_MAXFAIL: o->max_failures = count(a, v, 0); break;
	case O_REPEAT: o->repeat = count(a, v, 1); break;
	case O_SHARD:
		if (shard_parse(v, &o->shard) != 0)
			usage("bad --shard '%s': give I/N, shard I of N with 1 "
			    "<= I <= N (--shard 2/4)", v);
		break;
	case O_LIST: o->list = 1; break;
	case O_SEEDS:
		o->seeding.seeds = strcmp(v, "manifest") == 0 ? 0 :
		    count(a, v, 1);
		if (o->seeding.seeds > SEEDS_MAX)
			usage("%s takes at most 100000 seeds", a);
		break;
	case O_RESEED: o->seeding.reseed = 1; break;
	case O_SEED_EPOCH:
		if (parse_int(v, 0, SEED_MAX, &o->seeding.epoch) < 0)
			usage("%s needs an epoch, a whole number from 0 to "
			    "2147483647", a);
		break;
	case O_HELP:
		fputs(run_usage_text, stdout);
		exit(0);
	default:
		usage("unknown option '%s'", a);
	}
}

static void
parse(int argc, char **argv, struct runopts *o)
{
	const char *v = NULL;
	int i;

	memset(o, 0, sizeof *o);
	o->file = "build.ninja";
	o->max_failures = o->repeat = -1;
	o->seeding.epoch = o->seeding.seeds = -1;
	for (i = 2; i < argc; i++) {
		const char *a = argv[i];

		if (strcmp(a, "--") == 0) {
			o->ninja_args = argv + i + 1;
			o->nninja = argc - i - 1;
			break;
		}
		if (a[0] != '-' || a[1] == '\0') {
			strlist_push(&o->patterns, argv[i]);
		} else {
			int id = which(argc, argv, &i, &v);

			take(o, id, a, v);
		}
	}
	if (o->repeat > 0)
		o->force = 1;
	if (o->seeding.reseed && o->seeding.epoch >= 0)
		usage("--reseed draws a new epoch%s and --seed-epoch sets one: "
		    "give one of them", "");
}

/* The tests of tests.list, in its order, and their labels. */
struct suite {
	char *text;
	struct strlist names;
	char ***labels;		/* of names.v[i], NULL-terminated */
	struct strlist all_labels;	/* each once */
};

/* What a run uses, as long as the program: a static root (util.h). */
static struct {
	struct runopts o;
	struct graph g;
	struct suite s;
	struct strlist selected, ninja;
} run;

static int
listed(const struct strlist *l, const char *s)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (strcmp(l->v[i], s) == 0)
			return 1;
	return 0;
}

static int
suite_load(struct suite *s, const char *builddir)
{
	char *path = layout_top(builddir, TOP_TESTS_LIST), *line, *save = NULL;
	char *name, **labels;

	if (!(s->text = file_read(path, NULL))) {
		fprintf(stderr, "cosimgen: run: cannot read %s: %s (run cosimgen "
		    "on the manifest first)\n", path, strerror(errno));
		free(path);
		return -1;
	}
	free(path);
	for (line = strtok_r(s->text, "\n", &save); line;
	    line = strtok_r(NULL, "\n", &save)) {
		testslist_parse(line, &name, &labels);
		strlist_push(&s->names, name);
		s->labels = xreallocarray(s->labels, s->names.n,
		    sizeof *s->labels);
		s->labels[s->names.n - 1] = labels;
		for (; *labels; labels++)
			if (!listed(&s->all_labels, *labels))
				strlist_push(&s->all_labels, *labels);
	}
	return 0;
}

/* "a, b or c": up to five of the candidates nearest to what a pattern
 * says, its wildcards left out, nearest first; "" when none is near. */
static void
near_words(struct buf *b, const char *pattern, const struct strlist *cands)
{
	const char **c = xcalloc(cands->n + 1, sizeof *c);
	char *word = xstrdup(pattern), *w = word;
	const char *p, *s;
	size_t n = cands->n, k, i;

	for (p = pattern; *p; p++)
		if (!strchr("*?[]", *p))
			*w++ = *p;
	*w = '\0';
	memcpy(c, cands->v, n * sizeof *c);
	buf_puts(b, "");
	for (k = 0; k < 5 && (s = diag_suggest(word, c)); k++) {
		if (k)
			buf_puts(b, ", ");
		buf_puts(b, s);
		for (i = 0; c[i] != s; i++)
			;
		c[i] = c[--n];	/* not again */
		c[n] = NULL;
	}
	/* then those that hold it: "basic" for adder_basic */
	for (i = 0; k < 5 && *word && i < n; i++)
		if (strstr(c[i], word)) {
			buf_puts(b, k++ ? ", " : "");
			buf_puts(b, c[i]);
		}
	free(word);
	free(c);
}

/* A PATTERN or -L LABEL that selects nothing: say so, with near words. */
static void
no_match(const char *what, const char *pattern, const struct strlist *cands,
	const char *builddir)
{
	struct buf b = {0};

	near_words(&b, pattern, cands);
	fprintf(stderr, "cosimgen: run: error: no %s matches '%s'", what,
	    pattern);
	if (b.len)
		fprintf(stderr, " (near: %s)\n", b.s);
	else
		fprintf(stderr, " (%s/%s lists the tests and their labels; "
		    "`cosimgen list` shows them)\n", builddir,
		    top_files[TOP_TESTS_LIST]);
	buf_free(&b);
}

static int
matches_one(const struct strlist *patterns, char *used, const char *word)
{
	size_t j;
	int m = 0;

	for (j = 0; j < patterns->n; j++)
		if (fnmatch(patterns->v[j], word, 0) == 0)
			m = used[j] = 1;
	return m;
}

/* The tests o selects, into out, in the order of the suite; every test
 * when o names none. Returns the number of errors printed. */
static int
select_tests(const struct suite *s, const struct runopts *o,
	const char *builddir, struct strlist *out)
{
	char *pused = xcalloc(o->patterns.n + 1, 1);
	char *lused = xcalloc(o->labels.n + 1, 1);
	size_t i, j;
	int errors = 0;

	for (i = 0; i < s->names.n; i++) {
		int pm = !o->patterns.n, lm = !o->labels.n;
		char **l;

		pm |= matches_one(&o->patterns, pused, s->names.v[i]);
		for (l = s->labels[i]; *l; l++)
			lm |= matches_one(&o->labels, lused, *l);
		if (pm && lm)
			strlist_push(out, s->names.v[i]);
	}
	for (j = 0; j < o->patterns.n; j++)
		if (!pused[j] && ++errors)
			no_match("test", o->patterns.v[j], &s->names, builddir);
	for (j = 0; j < o->labels.n; j++)
		if (!lused[j] && ++errors)
			no_match("label", o->labels.v[j], &s->all_labels,
			    builddir);
	if (!errors && !out->n && ++errors)
		fprintf(stderr, "cosimgen: run: error: no test both matches a "
		    "PATTERN and has a LABEL given\n");
	free(pused);
	free(lused);
	return errors;
}

/* Bring the graph up to date: its regeneration edge alone. ninja's
 * output is shown only when that fails. */
static int
regenerate(const char *file)
{
	char *argv[] = {"ninja", "-f", (char *)file, (char *)file, NULL};
	struct buf out = {0};
	int rc = ninja_call(argv, &out);

	if (rc)
		fputs(out.s, stderr);
	buf_free(&out);
	return rc;
}

/* Keep what o asks of the seeding in the build directory, then
 * regenerate the graph, which draws its seeds from there: its own
 * regeneration command (`ninja -t commands`), which ninja would not run
 * now, the manifest being unchanged. 0, or an exit status. */
static int
reseed(const struct runopts *o, const struct graph *g)
{
	char *tool[] = {"ninja", "-f", (char *)g->file, "-t", "commands", "-s",
	    (char *)g->file, NULL};
	char *sh[] = {"/bin/sh", "-c", NULL, NULL};
	struct buf cmd = {0};
	struct seeding sd;
	int rc;

	if (seeding_read(g->builddir, &sd) != 0) {
		fprintf(stderr, "cosimgen: run: cannot read %s/%s: %s\n",
		    g->builddir, top_files[TOP_SEEDING], strerror(errno));
		return 2;
	}
	seedopts_apply(&o->seeding, &sd);
	if (seeding_write(g->builddir, &sd) != 0)
		fatal(errno, "cannot write %s/%s", g->builddir,
		    top_files[TOP_SEEDING]);
	if ((rc = ninja_call(tool, &cmd)) == 0 && cmd.len) {
		cmd.s[strcspn(cmd.s, "\n")] = '\0';
		sh[2] = cmd.s;
		rc = ninja_call(sh, NULL);
	}
	buf_free(&cmd);
	return rc ? 2 : 0;
}

/* The ninja command line: the graph, -j, the arguments after "--", then
 * test/NAME for each of names, or none (the default target). */
static void
ninja_words(struct strlist *w, const struct runopts *o, const char *file,
	const struct strlist *names, int dry)
{
	size_t i;
	int k;

	strlist_push(w, "ninja");
	strlist_push(w, "-f");
	strlist_push(w, (char *)file);
	if (dry)
		strlist_push(w, "-n");
	if (o->jobs) {
		strlist_push(w, "-j");
		strlist_push(w, (char *)o->jobs);
	}
	for (k = 0; k < o->nninja; k++)
		strlist_push(w, o->ninja_args[k]);
	for (i = 0; names && i < names->n; i++)
		strlist_push(w, xasprintf("test/%s", names->v[i]));
}

/* Remove the stamps of names, so that ninja runs them again. */
static void
unstamp(const char *builddir, const struct strlist *names)
{
	size_t i;

	for (i = 0; i < names->n; i++) {
		char *p = layout_test_file(builddir, names->v[i], DIR_STAMP);

		if (unlink(p) != 0 && errno != ENOENT)
			fatal(errno, "cannot remove %s", p);
		free(p);
	}
}

static void
setenv_count(const char *name, long long n)
{
	char *v = xasprintf("%lld", n);

	if (setenv(name, v, 1) != 0)
		fatal(errno, "cannot set %s", name);
	free(v);
}

/* The variables cosim-run reads: this run's identity, and the choices
 * given on the command line (cosimgen(1), RUN-TIME OPTIONS). */
static void
set_env(const struct runopts *o)
{
	char *id = xasprintf("%lld-%ld", epoch_ms(), (long)getpid());

	if (setenv("COSIM_SUITE_RUN", id, 1) != 0)
		fatal(errno, "cannot set %s", "COSIM_SUITE_RUN");
	free(id);
	if (o->max_failures >= 0)
		setenv_count("COSIM_MAX_FAILURES", o->max_failures);
	if (o->repeat > 0)
		setenv_count("COSIM_REPEAT", o->repeat);
}

/* "A|B|...": the items of l, each after prefix; a report filter that
 * matches what one of them does. */
static char *
alternatives(const struct strlist *l, const char *prefix)
{
	struct buf b = {0};
	size_t i;

	for (i = 0; i < l->n; i++) {
		if (i)
			buf_putc(&b, '|');
		buf_puts(&b, prefix);
		buf_puts(&b, l->v[i]);
	}
	return buf_steal(&b);
}

/* After a run of some tests: the graph's report command, its summary
 * unprinted, so the report files cover every test and the history gets
 * the run; then the summary of the tests run, selected by the report's
 * filters as the options selected them (alternatives widen, filters
 * narrow), and a shard's by their names. Returns its exit status. */
static int
subset_summary(const struct graph *g, const struct runopts *o,
	const struct strlist *selected)
{
	char *summary = layout_top(g->builddir, TOP_SUMMARY);
	char *tool[] = {"ninja", "-f", (char *)g->file, "-t", "commands", "-s",
	    summary, NULL};
	char *sh[] = {"/bin/sh", "-c", NULL, NULL};
	struct buf cmd = {0}, quiet = {0};
	const char *filters[3] = {NULL, NULL, NULL};
	struct report_opts ro = {filters, NULL, 0, NULL, 0, 0, 0, 0};
	size_t nf = 0;
	int rc;

	if (ninja_call(tool, &cmd) == 0 && cmd.len) {
		cmd.s[strcspn(cmd.s, "\n")] = '\0';
		sh[2] = cmd.s;
		ninja_call(sh, &quiet);
	} else {
		warn(0, "%s has no report edge for %s: the report files are "
		    "not updated", g->file, summary);
	}
	if (o->patterns.n)
		filters[nf++] = alternatives(&o->patterns, "");
	if (o->labels.n)
		filters[nf++] = alternatives(&o->labels, "label:");
	if (o->shard.count) {
		ro.only = selected->v;
		ro.nonly = selected->n;
	}
	rc = report_run_opts(g->builddir, &ro);
	while (nf)
		free((char *)filters[--nf]);
	buf_free(&cmd);
	buf_free(&quiet);
	free(summary);
	return rc;
}

/* Narrow run.selected to the shard run.o asks for; 0 when it is empty,
 * after saying so: nothing to run, and nothing failed. */
static int
keep_shard(void)
{
	struct strlist all = run.selected;

	memset(&run.selected, 0, sizeof run.selected);
	shard_select(&run.o.shard, run.g.history, all.v, all.n, &run.selected);
	free(all.v);
	if (run.selected.n)
		return 1;
	fprintf(stderr, "cosimgen: run: shard %lld/%lld has no test: more shards "
	    "than the %zu test%s selected; nothing to run\n",
	    run.o.shard.index, run.o.shard.count, all.n, all.n == 1 ? "" :
	    "s");
	return 0;
}

/* Read the graph run.o names into run.g; 0, or an exit status. */
static int
load_graph(void)
{
	free(run.g.builddir);
	free(run.g.history);
	run.g.builddir = run.g.history = NULL;
	run.g.file = run.o.file;
	return graph_read(&run.g) ? 2 : 0;
}

static int
run_main(int argc, char **argv, int list)
{
	struct runopts *o = &run.o;
	int subset, rc;

	parse(argc, argv, o);
	o->list |= list;
	if (o->dir && chdir(o->dir) != 0)
		fatal(errno, "cannot change to directory %s", o->dir);
	/* the graph first, to say so if it is not there; then the
	 * manifest's changes, which may move the builddir */
	if ((rc = load_graph()) || (rc = regenerate(o->file)) ||
	    (rc = load_graph()))
		return rc;
	if ((o->seeding.reseed || o->seeding.epoch >= 0 ||
	    o->seeding.seeds >= 0) && (rc = reseed(o, &run.g)))
		return rc;
	if (suite_load(&run.s, run.g.builddir) != 0 ||
	    select_tests(&run.s, o, run.g.builddir, &run.selected))
		return 2;
	if (o->shard.count && !keep_shard())
		return 0;
	subset = o->patterns.n || o->labels.n || o->shard.count;
	ninja_words(&run.ninja, o, o->file, subset ? &run.selected : NULL,
	    o->list);
	if (o->list) {
		struct runplan p = {&run.g, run.selected.v, run.selected.n,
		    o->force, run.ninja.v};

		return runlist_print(&p);
	}
	if (o->force)
		unstamp(run.g.builddir, &run.selected);
	set_env(o);
	progressplan_select(run.g.builddir, getenv("COSIM_SUITE_RUN"),
	    &run.selected);
	rc = ninja_call(run.ninja.v, NULL);
	if (ninja_interrupted())
		return rc ? rc : 130;
	if (!subset)
		return rc;
	fputs("\n", stdout);
	subset = subset_summary(&run.g, o, &run.selected);
	return rc ? rc : subset;
}

int
runcmd_run(int argc, char **argv)
{
	return run_main(argc, argv, 0);
}

int
runcmd_list(int argc, char **argv)
{
	return run_main(argc, argv, 1);
}
