/* ghdl.c - VHDL designs through GHDL (the mcode back end of GHDL 2.0).
 *
 * What this relies on, measured with GHDL 2.0.0 mcode (Debian 12):
 * - mcode writes no executable: -a/-i/-m only fill the work library
 *   (WORKDIR/work-obj08.cf, named after --std), and ghdl -r analyses
 *   the design again in memory at every run, from the sources the
 *   library names (by absolute directory). A source edited since its
 *   analysis makes the run fail ("file has changed and must be
 *   reanalysed"): a run depends on the compile, which depends on the
 *   sources.
 * - ghdl -e takes no generics (-gN=V: "unknown command option"); ghdl -r
 *   takes them after the unit, the last one winning, and fails on a
 *   generic the top does not have ("cannot find in top entity generic").
 *   So generics are run options: they are no part of the recipe, and
 *   designs that differ only in params share one analysis.
 * - -i (import) then -m (make) analyses what the top needs in the order
 *   it needs it and elaborates, so the order of the sources does not
 *   matter; --elab-order prints that order. -i parses every file (a
 *   syntax error anywhere fails); -m analyses only the units the top
 *   reaches.
 * - Every step needs the same --std (the library's name depends on it);
 *   the last --std given wins, so --std=08 goes first and flags may
 *   override it. -e and -r take the analysis options (-frelaxed,
 *   --ieee=synopsys, -fexplicit, -Wno-..., -P) too, so flags go to all.
 * - A response file (@FILE) splits words at white space, and may hold
 *   the unit: the runs read the options and the top from GHDL_RUN.
 * - Arguments that begin with '+' are ignored by ghdl -r (GHDL keeps them
 *   for VPI), so +seed=N is harmless.
 * There is no --gen-depends in mcode: the sources are the compile's
 * inputs, and VHDL has no include. A library outside the work library
 * (-P DIR in flags) is not tracked. */
#include "ghdl.h"
#include "diag.h"
#include "escape.h"
#include "keys.h"
#include "path.h"
#include "util.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* A key set in s itself that GHDL has no use for. (Set in [cosimgen]
 * for other designs, it is ignored.) */
static void
unused_key(const struct msection *s, enum keyid k, const char *why)
{
	const struct mvalue *v = &s->v[k];

	if (v->raw)
		diag_error(v->file, v->line, "'%s' is not for simulator = ghdl: "
		    "%s", keys[k].name, why);
}

/* Whether top is ENTITY or ENTITY(ARCH), each a VHDL basic identifier
 * (or a configuration's name). */
static int
top_ok(const char *top)
{
	const char *p = top;
	int paren = 0;

	for (; *p; p++) {
		if (isalnum((unsigned char)*p) || *p == '_')
			continue;
		if (*p == '(' && !paren && p > top && p[1] && p[1] != ')')
			paren = 1;
		else if (*p == ')' && paren == 1 && !p[1])
			paren = 2;
		else
			return 0;
	}
	return isalpha((unsigned char)*top) && paren != 1;
}

void
ghdl_check(struct ctx *c, const struct msection *s, char **flags)
{
	const struct mvalue *v = &s->v[K_TOP];
	char **p;

	unused_key(s, K_DEFINES, "VHDL has no macros; pass values as "
	    "generics (params)");
	unused_key(s, K_INCLUDE_DIRS, "VHDL has no include; list every file "
	    "in sources");
	unused_key(s, K_TIMESCALE, "VHDL times carry their unit");
	if (s->v[K_READY].raw && strcmp(s->v[K_READY].raw, "socket") == 0)
		diag_error(s->v[K_READY].file, s->v[K_READY].line, "ready = "
		    "socket needs the co-simulation bridge, which GHDL designs "
		    "do not have; use none, or port or file with a server of "
		    "your own");
	if (s->v[K_BRIDGE].raw && strcmp(s->v[K_BRIDGE].raw, "no") != 0)
		diag_error(s->v[K_BRIDGE].file, s->v[K_BRIDGE].line, "GHDL "
		    "designs have no co-simulation bridge; leave 'bridge' out");
	if (v->raw && !top_ok(v->raw))
		diag_error(v->file, v->line, "top '%s' is not a VHDL entity "
		    "(ENTITY, or ENTITY(ARCHITECTURE))", v->raw);
	v = resolve_lookup(s, NULL, &c->m->global, K_FLAGS);
	for (p = flags; *p; p++)
		if (strpbrk(*p, " \t\n"))
			diag_error(v->file, v->line, "flag '%s' holds white space, "
			    "which GHDL's response file (its run options) "
			    "cannot take", *p);
}

/* The words of top: "tb" or "tb(sim)" give "tb", then "sim". */
static void
top_words(char ***out, size_t *n, const char *top)
{
	const char *paren = strchr(top, '(');

	if (!paren) {
		list_push(out, n, xstrdup(top));
		return;
	}
	list_push(out, n, xstrndup(top, (size_t)(paren - top)));
	list_push(out, n, xstrndup(paren + 1, strlen(paren + 1) - 1));
}

/* --std=08 then the flags: every step takes the same options. */
static char **
options(char **flags)
{
	char **w = NULL, **p;
	size_t n = 0;

	list_push(&w, &n, xstrdup("--std=08"));
	for (p = flags; *p; p++)
		list_push(&w, &n, xstrdup(*p));
	return w;
}

char *
ghdl_args_text(char **flags, const char *top)
{
	char **w = options(flags), **p;
	size_t n = 0;
	struct buf b = {0};

	while (w[n])
		n++;
	top_words(&w, &n, top);
	for (p = w; *p; p++)
		buf_printf(&b, "%s\n", *p);
	list_free(w);
	return buf_steal(&b);
}

/* Append the words, each after a space, quoted for the shell. */
static void
put_words(struct buf *b, char **w)
{
	for (; *w; w++) {
		buf_putc(b, ' ');
		esc_shell(b, *w);
	}
}

char *
ghdl_compile_command(const char *outdir, char **flags, const char *top,
    char **sources)
{
	char **opts = options(flags), **unit = NULL;
	char *wd = xasprintf("--workdir=%s", outdir);
	char *args = path_join(outdir, GHDL_ARGS);
	char *run = path_join(outdir, GHDL_RUN);
	char *tmp = xasprintf("%s.tmp", run);
	struct buf b = {0};
	size_t n = 0;

	top_words(&unit, &n, top);
	/* a fresh library: no unit of a source since changed stays in it */
	buf_puts(&b, "rm -f ");
	esc_shell(&b, outdir);
	buf_puts(&b, "/*.cf && ghdl -i");
	put_words(&b, opts);
	buf_putc(&b, ' ');
	esc_shell(&b, wd);
	put_words(&b, sources);
	buf_puts(&b, " && ghdl -m");
	put_words(&b, opts);
	buf_putc(&b, ' ');
	esc_shell(&b, wd);
	put_words(&b, unit);
	/* the output last, whole at once, and a file of its own: a hard
	 * link would keep the generator's older mtime, and the edge would
	 * stay dirty after any edit of a source */
	buf_puts(&b, " && cp ");
	esc_shell(&b, args);
	buf_putc(&b, ' ');
	esc_shell(&b, tmp);
	buf_puts(&b, " && exec mv -f ");
	esc_shell(&b, tmp);
	buf_putc(&b, ' ');
	esc_shell(&b, run);
	list_free(opts);
	list_free(unit);
	free(wd);
	free(args);
	free(run);
	free(tmp);
	return buf_steal(&b);
}

void
ghdl_generics(struct ctx *c, const struct msection *s,
    struct strlist *plusargs)
{
	char **params = resolve_list(resolve_lookup(s, NULL, &c->m->global,
	    K_PARAMS));
	struct strlist all = {0};
	size_t i;

	for (i = 0; params[i]; i++)
		strlist_push(&all, xasprintf("-g%s", params[i]));
	for (i = 0; i < plusargs->n; i++)
		strlist_push(&all, plusargs->v[i]);
	list_free(params);
	if (!all.v)
		return;
	free(plusargs->v);
	*plusargs = all;
}
