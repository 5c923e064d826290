/* waves.c - see waves.h. */
#include "waves.h"
#include "path.h"
#include "recipe.h"
#include "specfiles.h"
#include "file.h"
#include "util.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Whether design d can have a waves variant: see waves.h. */
static int
waves_possible(const struct design *d)
{
	const struct recipe *r = d->recipe;

	return r && r->exe && !r->cocotb && !d->for_cocotb &&
	    (r->sim == SIM_VERILATOR || r->sim == SIM_ICARUS ||
	    r->sim == SIM_GHDL);
}

void
waves_variants(struct ctx *c)
{
	struct model *mo = c->mo;
	size_t i;
	char *nb = layout_top(mo->builddir, TOP_WAVES);

	for (i = 0; i < mo->ndesigns; i++) {
		struct design *d = mo->designs[i];

		/* GHDL writes waves when the run is asked to (--fst=): its
		 * plain build is its waves variant */
		if (waves_possible(d))
			d->waves = d->recipe->sim == SIM_GHDL ? d->recipe :
			    recipe_variant(c, d, VARIANT_WAVES);
	}
	/* the specs under BUILDDIR/waves/ID/: a variant's directory is
	 * made only when it is built */
	for (i = 0; i < mo->nvariants; i++) {
		struct recipe *r = mo->variants[i];
		char *dir = path_join(nb, r->id);

		free(r->spec_path);
		r->spec_path = layout_in(dir, DIR_SPEC);
		free(dir);
	}
	free(nb);
}

int
waves_offered(const struct test *t)
{
	return t->design && t->design->waves && !t->spec.disabled;
}

int
waves_plain(const struct test *t)
{
	return waves_offered(t) && t->design->waves == t->design->recipe;
}

char *
waves_file(const struct test *t, enum dir_file f)
{
	char *dir = layout_in(t->spec.dir, DIR_WAVES);
	char *p = layout_in(dir, f);

	free(dir);
	return p;
}

/* Write each variant's compile spec where its text changed. */
static void
write_variant_specs(const struct model *mo)
{
	size_t i;

	for (i = 0; i < mo->nvariants; i++) {
		const struct recipe *r = mo->variants[i];
		char *dir;

		if (!r->spec_path || !r->spec_text)
			continue;
		dir = path_dirname(r->spec_path);
		if (mkdir_p(dir) != 0)
			fatal(errno, "cannot create directory %s", dir);
		free(dir);
		specfiles_put(r->spec_path, r->spec_text, strlen(r->spec_text),
		    0);
		if (r->cmdfile) {	/* named by its command, in outdir */
			if (mkdir_p(r->outdir) != 0)
				fatal(errno, "cannot create directory %s",
				    r->outdir);
			specfiles_put(r->cmdfile, r->cmdfile_text,
			    strlen(r->cmdfile_text), 0);
		}
	}
}

void
waves_write(const struct model *mo, const struct buf *graph)
{
	char *path = layout_top(mo->builddir, TOP_WAVES_NINJA);
	char *list = layout_top(mo->builddir, TOP_WAVES_COMPILES);

	if (!mo->nwaves) {
		/* no waves/NAME: nothing may run an old graph */
		if (unlink(path) != 0 && errno != ENOENT)
			fatal(errno, "cannot remove %s", path);
		free(path);
		free(list);
		return;
	}
	write_variant_specs(mo);
	specfiles_put(list, mo->waves_compiles_text,
	    strlen(mo->waves_compiles_text), 0);
	specfiles_put(path, graph->s, graph->len, 0);
	free(path);
	free(list);
}
