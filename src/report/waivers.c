/* waivers.c - see waivers.h. */
#include "waivers.h"
#include "layout.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void
waivers_apply(struct report *rp)
{
	const char *dir = rp->merged ? rp->merged[0] : rp->builddir;
	char *path = layout_top(dir, TOP_WAIVERS);
	struct waivers *ws = xcalloc(1, sizeof *ws);
	time_t now = (time_t)(rp->now_ms / 1000);
	size_t i;

	if (waivers_read(ws, path) != 0)
		fprintf(stderr, "cosimgen: report: warning: cannot read %s: "
		    "%s; no failure is waived\n", path, errno == EINVAL ?
		    "it is not a waivers file (cosimgen writes it again)" :
		    strerror(errno));
	rp->waivers = ws;
	for (i = 0; i < rp->n; i++) {
		struct entry *e = &rp->e[i];

		if (!e->signature || e->cause || e->compile_log ||
		    !(e->waiver = waivers_find(ws, e->name, e->signature,
		    now)))
			continue;
		rp->count[e->tally]--;
		e->tally = TL_WAIVED;
		rp->count[e->tally]++;
	}
	free(path);
}

void
waivers_note(struct buf *b, const struct waiver *w)
{
	buf_printf(b, " (waiver %s: %s, until %s)", w->name, w->reason,
	    w->expires);
}

void
waivers_summary(struct buf *b, const struct report *rp)
{
	time_t now = (time_t)(rp->now_ms / 1000);
	size_t i;

	for (i = 0; rp->waivers && i < rp->waivers->n; i++) {
		const struct waiver *w = &rp->waivers->w[i];

		if (w->signature && waiver_expired(w, now))
			buf_printf(b, "waiver %s expired on %s\n", w->name,
			    w->expires);
	}
}

void
waivers_done(struct report *rp)
{
	if (rp->waivers)
		waivers_free(rp->waivers);
	free(rp->waivers);
	rp->waivers = NULL;
}
