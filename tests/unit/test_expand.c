/* Unit tests of expand.c and seeding.c: the names and values of the
 * sections seeds and sweeps make, the seeds drawn (stable within an
 * epoch, fresh across), and the errors, each once, at the written line. */
#include "gen/expand.h"
#include "gen/diag.h"
#include "gen/manifest.h"
#include "file.h"
#include "seeding.h"
#include "tap.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Kept for the life of the test: the expanded sections point into the
 * manifest, as in cosimgen. */
static struct manifest *kept[64];
static struct msection **kept_out[64];

/* The sections text expands to in epoch (seeds override), as
 * "NAME[key=value,...] ..." for the keys that changed. */
static const char *
expand_text(const char *text, int64_t epoch, int64_t seeds)
{
	static struct buf b;
	static int k;
	struct manifest *m = xcalloc(1, sizeof *m);
	struct seeding sd = {epoch, seeds, 1};
	struct msection **out;
	char *path = xasprintf("/tmp/test_expand.%ld.%d.ini", (long)getpid(),
	    k++);
	size_t n, i;

	file_write_atomic(path, text, strlen(text));
	manifest_load(m, path);
	expand_sections(m, &sd, &out, &n);
	if (k <= 64) {
		kept[k - 1] = m;
		kept_out[k - 1] = out;
	}
	buf_reset(&b);
	buf_puts(&b, "");
	for (i = 0; i < n; i++) {
		const struct msection *s = out[i];

		buf_printf(&b, "%s%s", i ? " " : "", s->name);
		if (s->v[K_PARAMS].raw)
			buf_printf(&b, "[params=%s]", s->v[K_PARAMS].raw);
		if (s->v[K_PLUSARGS].raw)
			buf_printf(&b, "[plusargs=%s]", s->v[K_PLUSARGS].raw);
		if (s->base && s->kind == SK_TEST)
			buf_printf(&b, "[design=%s,base=%s]",
			    s->v[K_DESIGN].raw ? s->v[K_DESIGN].raw : "",
			    s->base);
	}
	unlink(path);
	free(path);
	return b.s;
}

static void
test_sweeps(void)
{
	CHECK(strcmp(expand_text("[design:f]\nsources=a\ntop=t\n"
	    "sweep = W=8,16 D=4\n", 0, -1),
	    "f.W8.D4[params=W=8 D=4] f.W16.D4[params=W=16 D=4]") == 0,
	    "a design: one per combination, the last axis fastest");
	CHECK(strcmp(expand_text("[design:f]\nsources=a\ntop=t\nparams=X=1\n"
	    "sweep = W=8,16\n[test:b]\ndesign=f\n", 0, -1),
	    "f.W8[params=X=1 W=8] f.W16[params=X=1 W=16] "
	    "b.W8[design=f.W8,base=b] b.W16[design=f.W16,base=b]") == 0,
	    "a test of a swept design: one per variant, params kept");
	CHECK(strcmp(expand_text("[cosimgen]\nplusargs=+v\n[design:f]\n"
	    "sources=a\ntop=t\n[test:b]\ndesign=f\nsweep=+mode=a,b.c\n", 0, -1),
	    "f b.modea[plusargs=+v +mode=a][design=f,base=b] "
	    "b.modeb_c[plusargs=+v +mode=b.c][design=f,base=b]") == 0,
	    "a test's plusargs sweep: after the plusargs it has, '.' as '_'");
	CHECK(strcmp(expand_text("[test:b]\ncommand=true\n", 0, -1), "b") == 0,
	    "a test without seeds or sweep stays as written");
	CHECK(strcmp(expand_text("[design:f]\nsources=a\ntop=t\n[test:b]\n"
	    "design=f\nplusargs=+v\nsweep='+m=a b' \"+q=it's\"\n", 0, -1),
	    "f b.ma_b.qit_s[plusargs=+v '+m=a b' \"+q=it's\"][design=f,base=b]")
	    == 0, "a value with white space or a quote stays one word");
}

static void
test_seeds(void)
{
	const char *e0 = "[test:b]\ncommand=true\nseeds=3\n";
	char *a = xstrdup(expand_text(e0, 0, -1));
	char *again = xstrdup(expand_text(e0, 0, -1));
	char *fresh = xstrdup(expand_text(e0, 7, -1));
	char name[64];

	CHECK(strcmp(a, again) == 0, "the same seeds within an epoch: %s", a);
	CHECK(strcmp(a, fresh) != 0, "other seeds in another epoch: %s", fresh);
	snprintf(name, sizeof name, "b.%lld", (long long)seed_draw("b", 0, 0));
	CHECK(strncmp(a, name, strlen(name)) == 0, "the first seed of epoch "
	    "0 is the seed of the name alone");
	CHECK(strcmp(expand_text("[test:b]\ncommand=true\nseed=5 9\n", 3, -1),
	    "b.5[design=,base=b] b.9[design=,base=b]") == 0,
	    "listed seeds: one test each, whatever the epoch");
	CHECK(strcmp(expand_text("[test:b]\ncommand=true\nseed=5\n", 3, -1),
	    "b") == 0, "one listed seed: the test as written");
	CHECK(strcmp(expand_text("[test:b]\ncommand=true\nseeds=1\n", 3, -1),
	    "b") == 0, "seeds = 1: one test, its name as written");
	CHECK(strcmp(expand_text("[test:b]\ncommand=true\nseeds=2\n"
	    "[test:c]\ncommand=true\n", 0, 4), expand_text("[test:b]\n"
	    "command=true\nseeds=4\n[test:c]\ncommand=true\n", 0, -1)) == 0,
	    "the override counts for every test with seeds, not the others");
	CHECK(seed_draw("x", 1, 0) != seed_draw("x", 0, 1) &&
	    seed_draw("x", 0, 0) >= 1, "index and epoch draw apart");
	free(a);
	free(again);
	free(fresh);
}

static void
test_errors(void)
{
	int before = diag_errors();

	expand_text("[design:f]\nsources=a\ntop=t\nsweep=W=1\n"
	    "[design:f.W1]\nsources=a\ntop=t\n", 0, -1);
	CHECK(diag_errors() == before + 1, "a generated name that is taken");
	expand_text("[design:f]\nsources=a\ntop=t\nsweep=+W=1 X=,\n", 0, -1);
	CHECK(diag_errors() == before + 2, "a design sweeping a plusarg");
	expand_text("[cosimgen]\nseed=0\n[test:a]\ncommand=x\n[test:b]\n"
	    "command=x\n", 0, -1);
	CHECK(diag_errors() == before + 3, "a bad default seed, once");
	expand_text("[design:f]\nsources=a\ntop=t\n[test:a]\ndesign=f\n"
	    "sweep='+m=a\"b'\"it's\"\n", 0, -1);
	CHECK(diag_errors() == before + 4, "a value with both quotes");
	expand_text("[test:a]\ncommand=x\nsweep=+m=1,2\n", 0, -1);
	CHECK(diag_errors() == before + 5, "a sweep of plusargs without a "
	    "design");
	CHECK(strcmp(expand_text("[design:g]\nsimulator=ghdl\nsources=a\n"
	    "top=t\n[test:a]\ndesign=g\nsweep=+m=1,2\n", 0, -1), "g a") == 0 &&
	    diag_errors() == before + 6, "a sweep of plusargs on GHDL, once, "
	    "and the test as written");
	diag_flush();
}

int
main(void)
{
	test_sweeps();
	test_seeds();
	test_errors();
	return tap_done();
}
