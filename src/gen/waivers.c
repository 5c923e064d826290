/* waivers.c - see waivers.h. */
#include "waivers.h"
#include "diag.h"
#include "layout.h"
#include "specfiles.h"
#include "util.h"
#include "waiver.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void
waivers_add(struct ctx *c, const struct msection *s)
{
	static const enum keyid need[] = {K_SIGNATURE, K_REASON, K_EXPIRES};
	static const char *const what[] = {"the failure signature as the "
	    "report prints it, or a shell pattern of it", "why the failure "
	    "is waived", "the last day it holds, YYYY-MM-DD"};
	const struct mvalue *ex = &s->v[K_EXPIRES];
	struct model *mo = c->mo;
	struct waiver *w;
	size_t i;

	for (i = 0; i < sizeof need / sizeof need[0]; i++)
		if (!s->v[need[i]].raw && !s->damaged)
			diag_error(s->file, s->line, "[waiver:%s] needs '%s': "
			    "%s", s->name, keys[need[i]].name, what[i]);
	if (ex->raw && *ex->raw && !waiver_date_ok(ex->raw))
		diag_error(ex->file, ex->line, "'expires' in [waiver:%s] is "
		    "'%s', not a date YYYY-MM-DD (the waiver holds through "
		    "that day)", s->name, ex->raw);
	mo->waivers = xrealloc(mo->waivers,
	    (mo->nwaivers + 1) * sizeof *mo->waivers);
	w = &mo->waivers[mo->nwaivers++];
	w->name = s->name;
	w->signature = s->v[K_SIGNATURE].raw;
	w->reason = s->v[K_REASON].raw;
	w->expires = ex->raw;
	w->tests = s->v[K_TESTS].raw;
}

void
waivers_write(const struct model *mo)
{
	char *path = layout_top(mo->builddir, TOP_WAIVERS);
	struct buf b = {0};

	if (mo->nwaivers) {
		waivers_encode(&b, mo->waivers, mo->nwaivers);
		specfiles_put(path, b.s, b.len, 0);
	} else if (unlink(path) != 0 && errno != ENOENT) {
		fatal(errno, "cannot remove %s", path);
	}
	buf_free(&b);
	free(path);
}
