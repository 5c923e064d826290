/* fuzz_manifest.c - libFuzzer target: bytes as an INI manifest, through
 * what `cosimgen MANIFEST -o build.ninja` does (src/gen/cosimgen.c's
 * generate()): load, expand and check it, resolve the model, and when it
 * has no errors schedule it and write the specs, the waivers, the tools,
 * the seeding, the waves graph, the owner, the ninja file and the make
 * fragment, into the input's directory.
 *
 * The model is written only when its build directory and run history
 * are inside that directory (relative, no ".."): a manifest may put them
 * anywhere, and a fuzzer must not write there. Beside it are the
 * sources and included files of the golden tests (tests/manifest), so
 * that their manifests, the seeds, get through the checks; its other
 * includes are read from wherever they point. No program is started
 * (harness.h). */
#include "harness.h"
#include "util.h"
#include "file.h"
#include "history.h"
#include "layout.h"
#include "path.h"
#include "seeding.h"
#include "gen/build.h"
#include "gen/diag.h"
#include "gen/makefile.h"
#include "gen/manifest.h"
#include "gen/ninja.h"
#include "gen/owner.h"
#include "gen/schedule.h"
#include "gen/specfiles.h"
#include "gen/tools.h"
#include "gen/waivers.h"
#include "gen/waves.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* the bridge's directory; the sources the golden tests name */
#ifndef FUZZ_TEMPLATES
#define FUZZ_TEMPLATES "templates"
#endif
#ifndef FUZZ_FIXTURE
#define FUZZ_FIXTURE "tests/manifest"
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The manifest's name in the input's directory, as the user gives it. */
#define MANIFEST "tests.ini"

/* The writers, on a model without errors (cosimgen.c's generate()). */
static void
write_all(struct model *mo, const struct manifest *m, const char *dir)
{
	struct genopts g = {"/usr/local/bin/cosimgen",
	    "/usr/local/bin/cosim-run", "build.ninja",
	    "cosimgen -o build.ninja " MANIFEST, "-o build.ninja " MANIFEST};
	struct buf out = {0}, mk = {0}, waves = {0};
	char *hdir;

	schedule_model(mo, dir);
	ninja_write(&out, mo, &g);
	hdir = path_dirname(mo->history);
	if (mkdir_p(hdir) != 0)
		fatal(errno, "cannot create directory %s", hdir);
	free(hdir);
	if (history_touch(mo->history) != 0)
		fatal(errno, "cannot create the run history %s", mo->history);
	specfiles_write(mo);
	waivers_write(mo);
	tools_write(mo, dir);
	if (mo->seeded_tests && seeding_write(mo->builddir, &mo->seeding) != 0)
		fatal(errno, "cannot write %s/%s", mo->builddir,
		    top_files[TOP_SEEDING]);
	if (mo->nwaves)
		ninja_write_waves(&waves, mo, &g);
	waves_write(mo, &waves);
	owner_write(mo->builddir, dir, g.output);
	specfiles_put(g.output, out.s, out.len, 0);
	/* the make fragment, when make can run the model too */
	makefile_check(m, mo);
	if (!diag_errors()) {
		g.output = "cosim.mk";
		makefile_write(&mk, mo, &g);
		specfiles_put(g.output, mk.s, mk.len, 1);
	}
	/* what the suite checks a seed reached */
	fprintf(stderr, "fuzz_manifest: wrote %s with %zu tests\n", g.output,
	    mo->ntests);
	buf_free(&out);
	buf_free(&mk);
	buf_free(&waves);
}

static void
generate(const char *dir)
{
	static struct manifest m;
	static struct model mo;
	struct seedopts so = {0, -1, -1};
	char *bd;

	memset(&m, 0, sizeof m);
	memset(&mo, 0, sizeof mo);
	manifest_load(&m, MANIFEST);
	model_build(&mo, &m, dir, FUZZ_TEMPLATES, EXEC_MANIFEST, &so, -1);
	if (!harness_inside(mo.builddir))
		return;
	bd = path_join(dir, mo.builddir);
	owner_check(bd, dir, &m.global.v[K_BUILDDIR], MANIFEST);
	free(bd);
	if (!diag_errors() && harness_inside(mo.history))
		write_all(&mo, &m, dir);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *dir = harness_begin();

	harness_fixture(FUZZ_FIXTURE);
	if (harness_put(MANIFEST, data, size) == 0)
		HARNESS_RUN(generate(dir));
	diag_flush();
	harness_end();
	return 0;
}
