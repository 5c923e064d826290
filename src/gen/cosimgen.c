/* cosimgen.c - the command line: read a manifest, check it, write the spec
 * files and a ninja file (or a make fragment); or `cosimgen report`. */
#include "diag.h"
#include "file.h"
#include "path.h"
#include "escape.h"
#include "makefile.h"
#include "manifest.h"
#include "build.h"
#include "history.h"
#include "ninja.h"
#include "owner.h"
#include "schedule.h"
#include "specfiles.h"
#include "tools.h"
#include "waivers.h"
#include "waves.h"
#include "report/report.h"
#include "history.h"
#include "runcmd.h"
#include "layout.h"
#include "seeding.h"
#include "util.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef VERSION
#define VERSION "unknown"
#endif
#ifndef DATADIR
#define DATADIR "/usr/local/share/cosimgen"
#endif

/* The writer: a ninja file or a make fragment. */
enum gen { GEN_NINJA, GEN_MAKE };

static const char usage_text[] =
"usage: cosimgen [options] MANIFEST\n"
"       cosimgen report [--filter PATTERN]... [--history FILE]\n"
"                       [--history-runs N] [--trend-runs N]\n"
"                       [--unstable-runs N]\n"
"                       [--waves-on-failure N] [BUILDDIR]\n"
"       cosimgen report --merge OUTDIR [OPTIONS] BUILDDIR...\n"
"       cosimgen run [OPTIONS] [PATTERN...] [-- NINJA-ARGS...]\n"
"       cosimgen list [OPTIONS] [PATTERN...]\n"
"\n"
"Read an INI test manifest and write a ninja file that compiles each\n"
"distinct design once and runs every test through cosim-run.\n"
"\n"
"options:\n"
"  -o FILE          write FILE (default build.ninja; cosim.mk with -G make)\n"
"  -C DIR           change to DIR before doing anything\n"
"  -G ninja|make    the generator: a ninja file or a GNU make fragment\n"
"  --executor local|slurm\n"
"                   where the tests and compiles run: here, or through\n"
"                   Slurm's srun (default: the manifest's executor =)\n"
"  --coverage, --no-coverage\n"
"                   build the designs that can collect coverage with it,\n"
"                   or without (default: the manifest's coverage =)\n"
"  --launcher PATH  the cosim-run to call (default: beside cosimgen)\n"
"  --history FILE   the run history that orders the tests and that the\n"
"                   report adds to (default: the manifest's history =,\n"
"                   else BUILDDIR/history); carry it between CI runs\n"
"  --seeds N|manifest\n"
"                   run every test that has seeds = under N seeds (kept\n"
"                   in BUILDDIR/seeding until changed; manifest: go back\n"
"                   to the manifest's counts)\n"
"  --reseed         start a new seed epoch: fresh seeds, kept until the\n"
"                   next --reseed or --seed-epoch\n"
"  --seed-epoch E   draw the seeds of epoch E (0 .. 2147483647), as a\n"
"                   report's seed epoch says, to replay that run\n"
"  --print-templates-dir\n"
"                   print where the co-simulation bridge and the host\n"
"                   clients (cosim_client.py, cosim_client.h) are\n"
"  -h, --help       show this help and exit\n"
"  --version        show the version and exit\n"
"\n"
"Then run `ninja` (or `make cosim-check` with -G make). Errors name the\n"
"manifest file and line; a manifest with errors exits 2 and leaves the\n"
"existing output untouched. See cosimgen(1) and cosimgen.ini(5).\n";

static const char report_usage_text[] =
"usage: cosimgen report [--filter PATTERN]... [--history FILE]\n"
"                       [--history-runs N] [--trend-runs N]\n"
"                       [--unstable-runs N]\n"
"                       [--waves-on-failure N] [BUILDDIR]\n"
"       cosimgen report --merge OUTDIR [OPTIONS] BUILDDIR...\n"
"\n"
"Summarise the results under BUILDDIR (default cosim-out): print one entry\n"
"per test that did not pass and the counts, write summary.txt,\n"
"report.xml, results.json and report.html there, and add the tests that\n"
"ran since the last recorded run to the run history.\n"
"\n"
"options:\n"
"  --filter PATTERN  print only the tests PATTERN selects, and write no\n"
"                   file: a shell pattern on the name, or label:PATTERN,\n"
"                   design:PATTERN or status:PATTERN; A|B matches\n"
"                   what A or B matches; given more than once, a test\n"
"                   must match every one\n"
"  --history FILE   the run history to add to (default BUILDDIR/history)\n"
"  --history-runs N keep the last N runs in it (at least 50, the default)\n"
"  --trend-runs N   show the trends over the last N runs (default 30)\n"
"  --unstable-runs N\n"
"                   mark a test unstable when it passed and failed with\n"
"                   the same inputs within its last N runs (default 10)\n"
"  --waves-on-failure N\n"
"                   first rerun the first N failing tests with waves\n"
"                   (ninja -f BUILDDIR/waves.ninja waves/NAME...) and\n"
"                   show where each waveform is\n"
"  --merge OUTDIR   report the BUILDDIRs (the shards of one run, see\n"
"                   cosimgen run --shard) as one, each test once with the\n"
"                   result that ended last, and write the files into\n"
"                   OUTDIR (the history default: OUTDIR/history)\n"
"  -h, --help       show this help and exit\n"
"\n"
"Exits 0 when every test (of the filter) passed, was skipped, failed as\n"
"expected or was flaky. See cosimgen(1).\n";

/* Where usage_error sends the user: the help of the command in use. */
static const char *help_command = "cosimgen --help";

static void
usage_error(const char *fmt, const char *arg)
{
	fprintf(stderr, "cosimgen: ");
	fprintf(stderr, fmt, arg);
	fprintf(stderr, "\nTry '%s' for more information.\n", help_command);
	exit(2);
}

/* The absolute path of this program, to call it again from the graph. */
static char *
self_path(const char *argv0)
{
	char *r;

	if ((r = path_self()))
		return r;
	if (strchr(argv0, '/') && (r = realpath(argv0, NULL)))
		return r;
	return xstrdup(argv0);
}

/* Where the bridge is: beside the program in a build tree, else where
 * make install put it. */
static char *
templates_dir(const char *self)
{
	char *dir = path_dirname(self), *t = path_join(dir, "templates");
	char *probe = path_join(t, "cosim_bridge.c");

	free(dir);
	if (access(probe, R_OK) == 0) {
		free(probe);
		return t;
	}
	free(probe);
	free(t);
	return xstrdup(DATADIR "/templates");
}

/* Options that take a value: "-o X", "-oX", "--output=X", "--output X". */
static const char *
optval(int argc, char **argv, int *i, const char *shrt, const char *lng)
{
	const char *a = argv[*i];
	size_t ll = strlen(lng);

	if (strcmp(a, shrt) == 0 || strcmp(a, lng) == 0) {
		if (*i + 1 >= argc)
			usage_error("option '%s' needs a value", a);
		return argv[++*i];
	}
	if (strncmp(a, shrt, 2) == 0 && a[2] && shrt[1] != '-')
		return a + 2;
	if (strncmp(a, lng, ll) == 0 && a[ll] == '=')
		return a + ll + 1;
	return NULL;
}

/* The value of option opt: a count from min to 1000000; what says what
 * it counts, in the usage error. */
static size_t
count_value(const char *opt, const char *v, long long min, const char *what)
{
	char *end;
	long long n = strtoll(v, &end, 10);

	if (!*v || *end || n < min || n > 1000000) {
		char *fmt = xasprintf("report: %s takes a number of %s, not "
		    "'%%s'", opt, what);

		usage_error(fmt, v);
	}
	return (size_t)n;
}

/* p without the slashes at its end ("out/" is "out"; "/" stays), in
 * place: an argument of the command line. */
static void
no_trailing_slash(char *p)
{
	size_t n = strlen(p);

	while (n > 1 && p[n - 1] == '/')
		p[--n] = '\0';
}

/* `cosimgen report`: summarise a builddir's results (src/report), or
 * with --merge several builddirs' as one. */
static int
cmd_report(int argc, char **argv)
{
	char *merge = NULL;
	const char *v;
	/* at most one filter, or one builddir, per argument, and the NULL
	 * at the end */
	const char **filters = xcalloc((size_t)argc, sizeof *filters);
	char **bdirs = xcalloc((size_t)argc, sizeof *bdirs);
	struct report_opts o = {filters, NULL, 0, NULL, 0, 0, 0, 0};
	size_t nf = 0, nb = 0;
	int i;

	help_command = "cosimgen report --help";
	for (i = 2; i < argc; i++) {
		const char *a = argv[i];

		if ((v = optval(argc, argv, &i, "--filter", "--filter"))) {
			filters[nf++] = v;
		} else if ((v = optval(argc, argv, &i, "--history",
		    "--history"))) {
			o.history = v;
		} else if ((v = optval(argc, argv, &i, "--history-runs",
		    "--history-runs"))) {
			o.history_runs = count_value("--history-runs", v,
			    HISTORY_RUNS, "runs from 50 to 1000000");
		} else if ((v = optval(argc, argv, &i, "--trend-runs",
		    "--trend-runs"))) {
			o.trend_runs = count_value("--trend-runs", v, 1,
			    "runs from 1 to 1000000");
		} else if ((v = optval(argc, argv, &i, "--unstable-runs",
		    "--unstable-runs"))) {
			o.unstable_runs = count_value("--unstable-runs", v, 1,
			    "runs from 1 to 1000000");
		} else if ((v = optval(argc, argv, &i, "--waves-on-failure",
		    "--waves-on-failure"))) {
			o.waves_on_failure = count_value("--waves-on-failure", v,
			    0, "tests (0 to 1000000)");
		} else if ((v = optval(argc, argv, &i, "--merge", "--merge"))) {
			merge = (char *)v;	/* in argv */
		} else if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
			fputs(report_usage_text, stdout);
			free(filters);
			free(bdirs);
			return 0;
		} else if (a[0] == '-' && a[1]) {
			usage_error("report: unknown option '%s'", a);
		} else {
			bdirs[nb++] = argv[i];
		}
	}
	/* the paths it prints start with each as given, less a trailing
	 * slash */
	for (i = 0; i < (int)nb; i++)
		no_trailing_slash(bdirs[i]);
	if (merge)
		no_trailing_slash(merge);
	if (!merge && nb > 1)
		usage_error("report takes at most one BUILDDIR ('%s'; to report "
		    "several as one: --merge OUTDIR BUILDDIR...)", bdirs[1]);
	if (merge && !nb)
		usage_error("report --merge %s needs the BUILDDIRs to merge",
		    merge);
	if (merge)
		i = report_merge(merge, bdirs, nb, &o);
	else
		i = report_run_opts(nb ? bdirs[0] : "cosim-out", &o);
	free(filters);
	free(bdirs);
	return i;
}

/* The subcommands, named by the first argument. */
static const struct {
	const char *name;
	int (*run)(int argc, char **argv);
} commands[] = {
	{"report", cmd_report},
	{"run", runcmd_run},
	{"list", runcmd_list},
};

/* What the generator's command line asks for. */
struct options {
	const char *manifest;
	const char *output;	/* NULL: the generator's default */
	const char *dir;	/* -C */
	const char *launcher;	/* NULL: beside this program */
	const char *history;	/* NULL: the manifest's */
	enum gen gen;
	enum executor executor;	/* EXEC_MANIFEST: the manifest's */
	struct seedopts seeding;	/* what to change of BUILDDIR/seeding */
	int coverage;		/* --coverage 1, --no-coverage 0; -1: the
				 * manifest's */
};

/* Options that end the program at once: help, version, the templates. */
static void
info_option(const char *a, const char *argv0)
{
	if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
		fputs(usage_text, stdout);
	} else if (strcmp(a, "--print-templates-dir") == 0) {
		char *self0 = self_path(argv0), *t = templates_dir(self0);

		printf("%s\n", t);
		free(t);
		free(self0);
	} else if (strcmp(a, "--version") == 0) {
		printf("cosimgen %s\n", VERSION);
	} else {
		return;
	}
	exit(0);
}

/* A whole number from min to max, the value of option opt. */
static int64_t
option_count(const char *opt, const char *v, int64_t min, int64_t max)
{
	int64_t n;

	if (parse_int(v, min, max, &n) < 0) {
		fprintf(stderr, "cosimgen: %s takes a whole number from %lld to "
		    "%lld, not '%s'\n", opt, (long long)min, (long long)max, v);
		fprintf(stderr, "Try '%s' for more information.\n",
		    help_command);
		exit(2);
	}
	return n;
}

/* --seeds, --reseed and --seed-epoch into so; 0 when argv[*i] is none. */
static int
seed_option(int argc, char **argv, int *i, struct seedopts *so)
{
	const char *v;

	if (strcmp(argv[*i], "--reseed") == 0) {
		so->reseed = 1;
	} else if ((v = optval(argc, argv, i, "--seeds", "--seeds"))) {
		so->seeds = strcmp(v, "manifest") == 0 ? 0 :
		    option_count("--seeds", v, 1, SEEDS_MAX);
	} else if ((v = optval(argc, argv, i, "--seed-epoch",
	    "--seed-epoch"))) {
		so->epoch = option_count("--seed-epoch", v, 0, SEED_MAX);
	} else {
		return 0;
	}
	if (so->reseed && so->epoch >= 0)
		usage_error("--reseed draws a new epoch%s; --seed-epoch sets "
		    "one: give one of them", "");
	return 1;
}

static void
parse_options(int argc, char **argv, struct options *o)
{
	int i, only_args = 0;

	memset(o, 0, sizeof *o);
	o->gen = GEN_NINJA;
	o->executor = EXEC_MANIFEST;
	o->seeding.epoch = o->seeding.seeds = -1;
	o->coverage = -1;
	for (i = 1; i < argc; i++) {
		const char *a = argv[i], *v;

		if (only_args || a[0] != '-' || a[1] == '\0') {
			if (o->manifest)
				usage_error("more than one manifest given ('%s')", a);
			o->manifest = a;
		} else if (strcmp(a, "--") == 0) {
			only_args = 1;
		} else if ((v = optval(argc, argv, &i, "-o", "--output"))) {
			o->output = v;
		} else if ((v = optval(argc, argv, &i, "-C", "--directory"))) {
			o->dir = v;
		} else if ((v = optval(argc, argv, &i, "-G", "--generator"))) {
			if (strcmp(v, "ninja") == 0)
				o->gen = GEN_NINJA;
			else if (strcmp(v, "make") == 0)
				o->gen = GEN_MAKE;
			else
				usage_error("unknown generator '%s' (choose ninja "
				    "or make)", v);
		} else if ((v = optval(argc, argv, &i, "--executor",
		    "--executor"))) {
			if (strcmp(v, "local") == 0)
				o->executor = EXEC_LOCAL;
			else if (strcmp(v, "slurm") == 0)
				o->executor = EXEC_SLURM;
			else
				usage_error("unknown executor '%s' (choose local "
				    "or slurm)", v);
		} else if (strcmp(a, "--coverage") == 0 ||
		    strcmp(a, "--no-coverage") == 0) {
			o->coverage = a[2] == 'c';
		} else if ((v = optval(argc, argv, &i, "--launcher",
		    "--launcher"))) {
			o->launcher = v;
		} else if ((v = optval(argc, argv, &i, "--history",
		    "--history"))) {
			if (!*v || strpbrk(v, "|\n\r"))
				usage_error("a history path must be a file name "
				    "without '|' or a line break: '%s'", v);
			o->history = v;
		} else if (!seed_option(argc, argv, &i, &o->seeding)) {
			info_option(a, argv[0]);
			usage_error("unknown option '%s'", a);
		}
	}
	if (!o->manifest)
		usage_error("no manifest given%s", "");
	/* both are written into the graph, where ninja cannot escape these */
	if (strpbrk(o->manifest, "|\n\r"))
		usage_error("a manifest path with '|' or a line break cannot be "
		    "written into a ninja file: '%s'", o->manifest);
	if (o->output && strpbrk(o->output, "|\n\r"))
		usage_error("an output path with '|' or a line break cannot be "
		    "written into a ninja file: '%s'", o->output);
	if (!o->output)
		o->output = o->gen == GEN_MAKE ? "cosim.mk" : "build.ninja";
}

/* The launcher's path as the graph calls it: as given when absolute or a
 * bare name (found on PATH), else made absolute from the directory -C
 * leads to (the current one); cosim-run beside this program by default. */
static char *
launcher_path(const char *launcher, const char *self)
{
	char *r;

	if (!launcher) {
		char *selfdir = path_dirname(self);

		r = path_join(selfdir, "cosim-run");
		free(selfdir);
		return r;
	}
	if (launcher[0] == '/' || !strchr(launcher, '/'))
		return xstrdup(launcher);
	return path_absolute(launcher);
}

/* The path of --history FILE, given from the current directory, as the
 * graph names it: from the output's directory outdir (absolute). */
static char *
history_path(const char *file, const char *outdir)
{
	char *abs, *r;

	if (file[0] == '/')
		return path_normalize(file);
	abs = path_absolute(file);
	r = path_relative(outdir, abs);
	free(abs);
	return r;
}

/* Load and check the manifest into mo; on errors, report them and
 * return 0. Warnings are printed either way. */
static int
build_model(struct model *mo, struct manifest *m, const struct options *o,
	const char *outdir_abs, const char *self)
{
	char *bd, *tdir = templates_dir(self);

	manifest_load(m, o->manifest);
	model_build(mo, m, outdir_abs, tdir, o->executor, &o->seeding,
	    o->coverage);
	free(tdir);
	if (o->history) {
		free(mo->history);	/* the manifest's, or the default */
		mo->history = history_path(o->history, outdir_abs);
	}
	bd = path_join(outdir_abs, mo->builddir);
	owner_check(bd, outdir_abs, &m->global.v[K_BUILDDIR], o->manifest);
	free(bd);
	if (o->gen == GEN_MAKE)
		makefile_check(m, mo);
	if (diag_errors()) {
		diag_flush();
		fprintf(stderr, "cosimgen: %d error%s in %s; %s %s\n",
		    diag_errors(), diag_errors() == 1 ? "" : "s", o->manifest,
		    o->output, access(o->output, F_OK) == 0 ?
		    "left as it was" : "not written");
		return 0;
	}
	diag_flush();
	return 1;
}

/* The shell words, after the program, that regenerate the output from its
 * directory. */
static void
regen_words(struct buf *b, const struct options *o, const char *lpath,
	const char *outbase, const struct model *mo)
{
	if (o->gen == GEN_MAKE)
		buf_puts(b, "-G make ");
	if (o->executor != EXEC_MANIFEST)
		buf_printf(b, "--executor %s ", o->executor == EXEC_SLURM ?
		    "slurm" : "local");
	if (o->coverage >= 0)
		buf_puts(b, o->coverage ? "--coverage " : "--no-coverage ");
	if (o->launcher) {
		buf_puts(b, "--launcher ");
		esc_shell(b, lpath);
		buf_putc(b, ' ');
	}
	if (o->history) {
		buf_puts(b, "--history ");
		esc_shell(b, mo->history);
		buf_putc(b, ' ');
	}
	buf_puts(b, "-o ");
	esc_shell(b, outbase);
	buf_putc(b, ' ');
	esc_shell(b, mo->manifest);
}

/* Create the run history where it is missing: the graph names it as an
 * input of the regeneration. Dies on I/O errors. */
static void
touch_history(const char *path)
{
	char *dir = path_dirname(path);

	if (mkdir_p(dir) != 0)
		fatal(errno, "cannot create directory %s", dir);
	if (history_touch(path) != 0)
		fatal(errno, "cannot create the run history %s", path);
	free(dir);
}

/* The manifest and the model live as long as the program: static, so they
 * stay reachable until exit (util.h). */
static struct manifest manifest;
static struct model model;

/* Keep the seeding in the build directory when the graph draws seeds or
 * the command line changed it: the regenerations after it read it
 * there. Dies on I/O errors. */
static void
write_seeding(const struct options *o)
{
	const struct seedopts *so = &o->seeding;

	if (!model.seeded_tests && !model.seeding.present && !so->reseed &&
	    so->epoch < 0 && so->seeds < 0)
		return;
	if (seeding_write(model.builddir, &model.seeding) != 0)
		fatal(errno, "cannot write %s/%s", model.builddir,
		    top_files[TOP_SEEDING]);
}

/* The directory of the manifest at path, absolute (allocated). */
static char *
manifest_dir(const char *path)
{
	char *dir = path_dirname(path), *abs = path_realdir(dir);

	free(dir);
	return abs;
}

/* Generate: check the manifest, then write the specs and the graph. */
static int
generate(int argc, char **argv, const struct options *o)
{
	struct genopts g;
	struct buf out = {0}, cmd = {0}, regen = {0}, waves = {0};
	char *self = self_path(argv[0]), *outdir, *outdir_abs, *outbase, *lpath;
	char *srcdir = NULL;
	int i, rc = 2;

	for (i = 0; i < argc; i++) {
		if (i)
			buf_putc(&cmd, ' ');
		esc_shell(&cmd, i ? argv[i] : "cosimgen");
	}
	if (o->dir && chdir(o->dir) != 0)
		fatal(errno, "cannot change to directory %s", o->dir);
	lpath = launcher_path(o->launcher, self);
	outdir = path_dirname(o->output);
	if (mkdir_p(outdir) != 0)
		fatal(errno, "cannot create directory %s", outdir);
	outdir_abs = path_realdir(outdir);
	outbase = xstrdup(strrchr(o->output, '/') ?
	    strrchr(o->output, '/') + 1 : o->output);
	if (build_model(&model, &manifest, o, outdir_abs, self)) {
		srcdir = manifest_dir(o->manifest);
		regen_words(&regen, o, lpath, outbase, &model);
		schedule_model(&model, outdir_abs);
		g.cosimgen = self;
		g.launcher = lpath;
		g.output = outbase;
		g.cmdline = cmd.s;
		g.regen = regen.s;
		if (o->gen == GEN_MAKE)
			makefile_write(&out, &model, &g);
		else
			ninja_write(&out, &model, &g);

		/* Everything below is relative to the output directory. The
		 * specs go first: the graph that names them is written last. */
		if (chdir(outdir_abs) != 0)
			fatal(errno, "cannot change to directory %s", outdir_abs);
		touch_history(model.history);	/* older than the outputs */
		specfiles_write(&model);
		waivers_write(&model);
		tools_write(&model, srcdir);
		write_seeding(o);
		if (model.nwaves)
			ninja_write_waves(&waves, &model, &g);
		waves_write(&model, &waves);
		owner_write(model.builddir, outdir_abs, outbase);
		/* A make fragment is always rewritten so make sees it is newer
		 * than the manifest; ninja's restat makes that unneeded for
		 * build.ninja. */
		specfiles_put(outbase, out.s, out.len, o->gen == GEN_MAKE);
		rc = 0;
	}
	free(out.s);
	free(waves.s);
	free(regen.s);
	free(cmd.s);
	free(outbase);
	free(outdir_abs);
	free(outdir);
	free(srcdir);
	free(lpath);
	free(self);
	return rc;
}

int
main(int argc, char **argv)
{
	struct options o;
	size_t i;

	progname = "cosimgen";
	for (i = 0; argc >= 2 && i < sizeof commands / sizeof commands[0]; i++)
		if (strcmp(argv[1], commands[i].name) == 0)
			return commands[i].run(argc, argv);
	parse_options(argc, argv, &o);
	return generate(argc, argv, &o);
}
