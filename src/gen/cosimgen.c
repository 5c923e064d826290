/* cosimgen.c - the command line: read a manifest, check it, write the spec
 * files and a ninja file (or a make fragment); or `cosimgen report`. */
#include "diag.h"
#include "escape.h"
#include "lastrun.h"
#include "makefile.h"
#include "manifest.h"
#include "model.h"
#include "ninja.h"
#include "owner.h"
#include "report/report.h"
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
"       cosimgen report [--filter PATTERN]... [BUILDDIR]\n"
"\n"
"Read an INI test manifest and write a ninja file that compiles each\n"
"distinct design once and runs every test through cosim-run.\n"
"\n"
"options:\n"
"  -o FILE          write FILE (default build.ninja; cosim.mk with -G make)\n"
"  -C DIR           change to DIR before doing anything\n"
"  -G ninja|make    the generator: a ninja file or a GNU make fragment\n"
"  --launcher PATH  the cosim-run to call (default: beside cosimgen)\n"
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
"usage: cosimgen report [--filter PATTERN]... [BUILDDIR]\n"
"\n"
"Summarise the results under BUILDDIR (default cosim-out): print one entry\n"
"per test that did not pass and the counts, and write summary.txt,\n"
"report.xml, results.json and report.html there.\n"
"\n"
"options:\n"
"  --filter PATTERN  print only the tests PATTERN selects, and write no\n"
"                   file: a shell pattern on the name, or label:PATTERN,\n"
"                   design:PATTERN or status:PATTERN; given more than\n"
"                   once, a test must match every one\n"
"  -h, --help       show this help and exit\n"
"\n"
"Exits 0 when every test (of the filter) passed, was skipped or failed as\n"
"expected. See cosimgen(1).\n";

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
	char buf[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);
	char *r;

	if (n > 0) {
		buf[n] = '\0';
		return xstrdup(buf);
	}
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

/* Returns 1 when the file was written, 0 when it was left as it was. */
static int
write_or_die(const char *path, const char *data, size_t len, int always)
{
	int rc = always ? file_write_atomic(path, data, len) :
	    file_write_if_changed(path, data, len);

	if (rc < 0)
		fatal(errno, "cannot write %s", path);
	return always || rc == 1;
}

/* Write each test's spec where its text changed, and the test list: a
 * line per test, its name and then its labels. The labels are there, not
 * in the spec, so that changing them reruns no test, only the report.
 *
 * <builddir>/specs.sums remembers, test by test in list order, a hash of
 * each spec as last written: when the hash and the name at the same place
 * agree and the file is still there, the spec is not read again. (A run of
 * 100k tests then costs one stat per test instead of a read.) Anything
 * else falls back to comparing the file's content. */
static void
write_specs(const struct model *mo)
{
	struct buf list = {0}, sums = {0};
	char *lp = xasprintf("%s/tests.list", mo->builddir);
	char *sp = xasprintf("%s/specs.sums", mo->builddir);
	char *old = file_read(sp, NULL), *cur = old;
	size_t t;
	struct stat st;

	for (t = 0; t < mo->ntests; t++) {
		const struct test *te = mo->tests[t];
		size_t len = strlen(te->spec_text);
		uint64_t h = fnv1a(FNV_OFFSET, te->spec_text, len);
		char line[64], **l;
		int known = 0;

		snprintf(line, sizeof line, "%016llx ", (unsigned long long)h);
		if (cur && strncmp(cur, line, 17) == 0 &&
		    strncmp(cur + 17, te->name, strlen(te->name)) == 0 &&
		    cur[17 + strlen(te->name)] == '\n' &&
		    stat(te->spec, &st) == 0)
			known = 1;
		if (cur && (cur = strchr(cur, '\n')))
			cur++;
		if (!known) {
			if (mkdir_p(te->dir) != 0)
				fatal(errno, "cannot create directory %s", te->dir);
			/* a result of another spec says nothing of this one:
			 * it goes aside before the spec changes, so that a
			 * cosimgen killed in between leaves no result beside
			 * a spec it was not run with */
			if (!file_holds(te->spec, te->spec_text, len)) {
				if (lastrun_set_aside(te->dir) != 0)
					fatal(errno, "cannot move %s/result "
					    "aside", te->dir);
				write_or_die(te->spec, te->spec_text, len, 1);
			}
		}
		buf_puts(&sums, line);
		buf_puts(&sums, te->name);
		buf_putc(&sums, '\n');
		buf_puts(&list, te->name);
		for (l = te->labels; l && *l; l++) {
			buf_putc(&list, ' ');
			buf_puts(&list, *l);
		}
		buf_putc(&list, '\n');
	}
	if (mkdir_p(mo->builddir) != 0)
		fatal(errno, "cannot create directory %s", mo->builddir);
	write_or_die(lp, list.s, list.len, 0);
	write_or_die(sp, sums.s, sums.len, 0);
	free(old);
	free(lp);
	free(sp);
	buf_free(&list);
	buf_free(&sums);
}

/* Write each compile spec where its text changed, and the compile list:
 * a compile reruns when its spec does (it is an input of the edge). */
static void
write_compile_specs(const struct model *mo)
{
	char *lp = xasprintf("%s/compiles.list", mo->builddir), *dir;
	size_t i;

	for (i = 0; i <= mo->nrecipes; i++) {
		const char *path = i < mo->nrecipes ? mo->recipes[i]->spec :
		    mo->vpi_spec;
		const char *text = i < mo->nrecipes ? mo->recipes[i]->spec_text :
		    mo->vpi_spec_text;

		if (!path || !text)
			continue;
		dir = path_dirname(path);
		if (mkdir_p(dir) != 0)
			fatal(errno, "cannot create directory %s", dir);
		free(dir);
		write_or_die(path, text, strlen(text), 0);
	}
	write_or_die(lp, mo->compiles_text, strlen(mo->compiles_text), 0);
	free(lp);
}

int
main(int argc, char **argv)
{
	const char *manifest = NULL, *output = NULL, *dir = NULL;
	const char *launcher = NULL;
	enum gen gen = GEN_NINJA;
	struct manifest m;
	struct model mo;
	struct genopts o;
	struct buf out = {0}, cmd = {0}, regen = {0};
	char *self, *outdir, *outdir_abs, *outbase, *selfdir, *lpath;
	int i, only_args = 0;

	progname = "cosimgen";
	if (argc >= 2 && strcmp(argv[1], "report") == 0) {
		const char *bdir = NULL, *v;
		/* at most one filter per argument, and the NULL at the end */
		const char **filters = xcalloc((size_t)argc, sizeof *filters);
		size_t nf = 0;

		help_command = "cosimgen report --help";
		for (i = 2; i < argc; i++) {
			if ((v = optval(argc, argv, &i, "--filter", "--filter")))
				filters[nf++] = v;
			else if (strcmp(argv[i], "-h") == 0 ||
			    strcmp(argv[i], "--help") == 0) {
				fputs(report_usage_text, stdout);
				return 0;
			} else if (argv[i][0] == '-' && argv[i][1])
				usage_error("report: unknown option '%s'", argv[i]);
			else if (bdir)
				usage_error("report takes at most one BUILDDIR "
				    "('%s')", argv[i]);
			else
				bdir = argv[i];
		}
		return report_run(bdir ? bdir : "cosim-out", filters);
	}
	for (i = 1; i < argc; i++) {
		const char *a = argv[i], *v;

		if (only_args || a[0] != '-' || a[1] == '\0') {
			if (manifest)
				usage_error("more than one manifest given ('%s')", a);
			manifest = a;
		} else if (strcmp(a, "--") == 0) {
			only_args = 1;
		} else if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
			fputs(usage_text, stdout);
			return 0;
		} else if (strcmp(a, "--print-templates-dir") == 0) {
			char *self0 = self_path(argv[0]), *t = templates_dir(self0);

			printf("%s\n", t);
			free(t);
			free(self0);
			return 0;
		} else if (strcmp(a, "--version") == 0) {
			printf("cosimgen %s\n", VERSION);
			return 0;
		} else if ((v = optval(argc, argv, &i, "-o", "--output"))) {
			output = v;
		} else if ((v = optval(argc, argv, &i, "-C", "--directory"))) {
			dir = v;
		} else if ((v = optval(argc, argv, &i, "-G", "--generator"))) {
			if (strcmp(v, "ninja") == 0)
				gen = GEN_NINJA;
			else if (strcmp(v, "make") == 0)
				gen = GEN_MAKE;
			else
				usage_error("unknown generator '%s' (choose ninja "
				    "or make)", v);
		} else if ((v = optval(argc, argv, &i, "--launcher",
		    "--launcher"))) {
			launcher = v;
		} else {
			usage_error("unknown option '%s'", a);
		}
	}
	if (!manifest)
		usage_error("no manifest given%s", "");
	/* both are written into the graph, where ninja cannot escape these */
	if (strpbrk(manifest, "|\n\r"))
		usage_error("a manifest path with '|' or a line break cannot be "
		    "written into a ninja file: '%s'", manifest);
	if (output && strpbrk(output, "|\n\r"))
		usage_error("an output path with '|' or a line break cannot be "
		    "written into a ninja file: '%s'", output);
	if (!output)
		output = gen == GEN_MAKE ? "cosim.mk" : "build.ninja";
	self = self_path(argv[0]);
	selfdir = path_dirname(self);
	lpath = launcher ? (launcher[0] == '/' || !strchr(launcher, '/') ?
	    xstrdup(launcher) : NULL) : path_join(selfdir, "cosim-run");

	for (i = 0; i < argc; i++) {
		if (i)
			buf_putc(&cmd, ' ');
		esc_shell(&cmd, i ? argv[i] : "cosimgen");
	}
	if (dir && chdir(dir) != 0)
		fatal(errno, "cannot change to directory %s", dir);
	if (!lpath) {
		char *cwd = getcwd(NULL, 0);

		if (!cwd)
			fatal(errno, "getcwd");
		lpath = path_join(cwd, launcher);
		free(cwd);
	}

	outdir = path_dirname(output);
	if (mkdir_p(outdir) != 0)
		fatal(errno, "cannot create directory %s", outdir);
	outdir_abs = path_realdir(outdir);
	outbase = xstrdup(strrchr(output, '/') ? strrchr(output, '/') + 1 :
	    output);

	manifest_load(&m, manifest);
	model_build(&mo, &m, outdir_abs, templates_dir(self));
	{
		char *bd = path_join(outdir_abs, mo.builddir);

		owner_check(bd, outdir_abs, &m.global.v[K_BUILDDIR], manifest);
		free(bd);
	}
	if (gen == GEN_MAKE)
		makefile_check(&m, &mo);
	if (diag_errors()) {
		diag_flush();
		fprintf(stderr, "cosimgen: %d error%s in %s; %s %s\n",
		    diag_errors(), diag_errors() == 1 ? "" : "s", manifest,
		    output, access(output, F_OK) == 0 ? "left as it was" :
		    "not written");
		return 2;
	}
	diag_flush();

	if (gen == GEN_MAKE)
		esc_shell(&regen, "-G");
	if (gen == GEN_MAKE)
		buf_puts(&regen, " make ");
	if (launcher) {
		buf_puts(&regen, "--launcher ");
		esc_shell(&regen, lpath);
		buf_putc(&regen, ' ');
	}
	buf_puts(&regen, "-o ");
	esc_shell(&regen, outbase);
	buf_putc(&regen, ' ');
	esc_shell(&regen, mo.manifest);

	o.cosimgen = self;
	o.launcher = lpath;
	o.output = outbase;
	o.cmdline = cmd.s;
	o.regen = regen.s;
	if (gen == GEN_MAKE)
		makefile_write(&out, &mo, &o);
	else
		ninja_write(&out, &mo, &o);

	/* Everything below is relative to the output directory. The specs go
	 * first: the graph that names them is written last. */
	if (chdir(outdir_abs) != 0)
		fatal(errno, "cannot change to directory %s", outdir_abs);
	write_specs(&mo);
	write_compile_specs(&mo);
	owner_write(mo.builddir, outdir_abs, outbase);
	/* A make fragment is always rewritten so make sees it is newer than
	 * the manifest; ninja's restat makes that unneeded for build.ninja. */
	write_or_die(outbase, out.s, out.len, gen == GEN_MAKE);
	return 0;
}
