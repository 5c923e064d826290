/* waves.c - see waves.h. */
#include "waves.h"
#include "ninja.h"
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
	    (r->sim == SIM_VERILATOR || r->sim == SIM_ICARUS);
}

void
waves_variants(struct ctx *c)
{
	size_t i;

	for (i = 0; i < c->mo->ndesigns; i++) {
		struct design *d = c->mo->designs[i];

		if (waves_possible(d))
			d->waves = recipe_variant(c, d, VARIANT_WAVES);
	}
}

int
waves_offered(const struct test *t)
{
	return t->design && t->design->waves && !t->spec.disabled;
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
		if (r->cmdfile)
			specfiles_put(r->cmdfile, r->cmdfile_text,
			    strlen(r->cmdfile_text), 0);
	}
}

void
waves_write(const struct model *mo, const struct genopts *o)
{
	char *path = layout_top(mo->builddir, TOP_WAVES_NINJA);
	char *list = layout_top(mo->builddir, TOP_WAVES_COMPILES);
	struct buf b = {0};

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
	ninja_write_waves(&b, mo, o);
	specfiles_put(path, b.s, b.len, 0);
	buf_free(&b);
	free(path);
	free(list);
}
