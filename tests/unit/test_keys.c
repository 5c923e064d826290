/* Unit tests of keys.c (typed values, lists, placeholders), util.c paths
 * and diag.c suggestions. */
#include "gen/diag.h"
#include "path.h"
#include "keys.h"
#include "tap.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

static int
count_ph(void *ctx, const char *name, size_t len, size_t off)
{
	struct buf *b = ctx;

	(void)off;
	buf_add(b, name, len);
	buf_putc(b, ',');
	return 0;
}

static int
pathcheck(char *got, const char *want)
{
	int r = strcmp(got, want) == 0;

	if (!r)
		printf("# got [%s] want [%s]\n", got, want);
	free(got);
	return r;
}

int
main(void)
{
	static const struct { const char *s; long long ms; } durs[] = {
		{"90", 90000}, {"1.5s", 1500}, {"500ms", 500}, {"2m", 120000},
		{"1h30m", 5400000}, {"0", 0}, {"0.25", 250}, {"1m30s", 90000},
		{"168h", 604800000},
	};
	static const char *baddurs[] = {"", "abc", "5 s", "-1", "1x", "s",
		"1.5.2", "169h", "99999999999999999999", "1h30", NULL};
	const char *const words[] = {"timeout", "design", "command", NULL};
	static const char *goodts[] = {"1ns/1ps", "10ns/1ns", "100us/10ns",
		"1s/1fs", "1ms/1ms", "100ps/100ps", NULL};
	static const char *badts[] = {"", "1ns", "1ns/", "2ns/1ps", "1000ns/1ps",
		"1 ns/1ps", "1ns/1ps ", "1ns/1xs", "ns/ps", "1ns/1ps/1fs",
		"01ns/1ps", NULL};
	size_t i;
	int64_t v;
	int b;
	char **items;
	struct buf ph = {0};

	for (i = 0; i < sizeof durs / sizeof *durs; i++)
		CHECK(parse_duration(durs[i].s, &v) == 0 && v == durs[i].ms,
		    "duration %s = %lld ms", durs[i].s, durs[i].ms);
	for (i = 0; baddurs[i]; i++)
		CHECK(parse_duration(baddurs[i], &v) < 0,
		    "bad duration '%s' rejected", baddurs[i]);
	CHECK(parse_size("64M", &v) == 0 && v == 64 << 20, "size 64M");
	CHECK(parse_size("512k", &v) == 0 && v == 512 << 10, "size 512k");
	CHECK(parse_size("1G", &v) == 0 && v == 1 << 30, "size 1G");
	CHECK(parse_size("1500", &v) == 0 && v == 1500, "size in bytes");
	CHECK(parse_size("0", &v) == 0 && v == 0, "size 0: no limit");
	CHECK(parse_size("1024G", &v) == 0 && v == INT64_C(1) << 40,
	    "size 1024G, the largest");
	CHECK(parse_size("1025G", &v) < 0, "size above 1 TiB rejected");
	CHECK(parse_size("64MB", &v) < 0, "size with junk rejected");
	CHECK(parse_size("M", &v) < 0, "size without digits rejected");
	CHECK(parse_size("-1", &v) < 0, "negative size rejected");
	CHECK(parse_size("1.5M", &v) < 0, "fractional size rejected");
	CHECK(parse_memory("4096", &v) == 0 && v == 4096, "memory: bare is MiB");
	CHECK(parse_memory("4G", &v) == 0 && v == 4096, "memory 4G in MiB");
	CHECK(parse_memory("2t", &v) == 0 && v == 2 << 20, "memory 2t in MiB");
	CHECK(parse_memory("1024K", &v) == 0 && v == 1, "memory 1024K: 1 MiB");
	CHECK(parse_memory("1536K", &v) == 0 && v == 2,
	    "memory 1536K rounded up to 2 MiB");
	CHECK(parse_memory("1024T", &v) == 0 && v == MEMORY_MAX_MIB,
	    "memory 1024T, the largest");
	CHECK(parse_memory("1025T", &v) < 0, "memory above 1 PiB rejected");
	CHECK(parse_memory("1073741825", &v) < 0,
	    "memory above 1 PiB in MiB rejected");
	CHECK(parse_memory("99999999999999999999T", &v) < 0,
	    "memory overflow rejected");
	CHECK(parse_memory("0", &v) < 0, "memory 0 rejected");
	CHECK(parse_memory("1023K", &v) < 0, "memory below 1 MiB rejected");
	CHECK(parse_memory("5X", &v) < 0, "memory with a bad unit rejected");
	CHECK(parse_memory("4GB", &v) < 0, "memory with junk rejected");
	CHECK(parse_memory("G", &v) < 0, "memory without digits rejected");
	CHECK(parse_int("42", 0, 100, &v) == 0 && v == 42, "int 42");
	CHECK(parse_int("101", 0, 100, &v) < 0, "int above max rejected");
	CHECK(parse_int("0", 1, 100, &v) < 0, "int below min rejected");
	CHECK(parse_int("4x", 0, 100, &v) < 0, "int with junk rejected");
	CHECK(parse_int("", 0, 100, &v) < 0, "empty int rejected");
	CHECK(parse_int("99999999999999999999999", 0, INT64_MAX, &v) < 0,
	    "int overflow rejected");
	CHECK(parse_bool("Yes", &b) == 0 && b == 1, "bool Yes");
	CHECK(parse_bool("off", &b) == 0 && b == 0, "bool off");
	CHECK(parse_bool("maybe", &b) < 0, "bool maybe rejected");
	for (i = 0; goodts[i]; i++)
		CHECK(parse_timescale(goodts[i]) == 0, "timescale %s", goodts[i]);
	for (i = 0; badts[i]; i++)
		CHECK(parse_timescale(badts[i]) == -1, "bad timescale '%s' "
		    "rejected", badts[i]);
	CHECK(parse_timescale("1ps/1ns") == -2 &&
	    parse_timescale("1ns/10ns") == -2,
	    "a timescale whose precision is coarser than its unit rejected");
	CHECK(enum_ok("socket file port none", "port"), "enum member");
	CHECK(!enum_ok("socket file port none", "por"), "enum prefix rejected");

	CHECK(list_split("  a  'b c' \"d'e\" f\"g h\"i ", &items) == 4 &&
	    !strcmp(items[0], "a") && !strcmp(items[1], "b c") &&
	    !strcmp(items[2], "d'e") && !strcmp(items[3], "fg hi") &&
	    items[4] == NULL, "list_split with quotes");
	list_free(items);
	CHECK(list_split("a ''", &items) == 2 && !strcmp(items[1], ""),
	    "list_split keeps an empty quoted item");
	list_free(items);
	CHECK(list_split("a 'b", &items) < 0, "unterminated quote rejected");
	items = NULL;
	i = 0;
	list_push(&items, &i, xstrdup("a"));
	list_push(&items, &i, xstrdup("b"));
	CHECK(i == 2 && !strcmp(items[0], "a") && !strcmp(items[1], "b") &&
	    items[2] == NULL, "list_push appends and keeps the list ended");
	list_free(items);

	placeholder_each("run {port} ${HOME} {{lit}} {a b} {x_1} awk '{print}'",
	    count_ph, &ph);
	CHECK(ph.s && strcmp(ph.s, "port,x_1,print,") == 0,
	    "placeholders found: [%s]", ph.s ? ph.s : "");
	buf_free(&ph);
	CHECK(placeholder_phases("port", 4) == PH_RUNTIME, "port is run time");
	CHECK(placeholder_phases("outdir", 6) == PH_COMPILE,
	    "outdir is compile time");
	CHECK(placeholder_phases("srcdir", 6) == (PH_RUNTIME | PH_COMPILE),
	    "srcdir is both");
	CHECK(placeholder_phases("prot", 4) == 0, "prot is unknown");
	CHECK(placeholder_find("port}", 4) == PLH_PORT &&
	    placeholder_find("por", 3) == PLH_N, "a placeholder by name");
	CHECK(strcmp(skind_where(SK_GLOBAL), "[cosimgen]") == 0 &&
	    strcmp(skind_where(SK_DESIGN | SK_TEST), "[design:] and [test:] "
	    "sections") == 0 && strcmp(skind_where(SK_GLOBAL | SK_DESIGN |
	    SK_TEST | SK_FIXTURE), "[cosimgen], [design:], [test:] and "
	    "[fixture:] sections") == 0, "where a key may stand, in words");
	placeholder_each("{resource:fpga.0} {resource:} {host:x} {resource}",
	    count_ph, &ph);
	CHECK(ph.s && strcmp(ph.s, "resource:fpga.0,host:x,resource,") == 0,
	    "placeholders with an argument found: [%s]", ph.s ? ph.s : "");
	buf_free(&ph);
	{
		size_t al = 0;
		const char *arg = placeholder_arg("resource:b-1", 12, &al);
		const char *names[] = {"resource:b-1", NULL}, *vals[] = {"x y",
			NULL};
		char *e = placeholder_expand("[{resource:b-1}] {resource:c}",
		    names, vals);

		CHECK(placeholder_find("resource:b-1", 12) == PLH_RESOURCE &&
		    placeholder_takes_arg(PLH_RESOURCE) &&
		    !placeholder_takes_arg(PLH_HOST) && arg && al == 3 &&
		    strncmp(arg, "b-1", 3) == 0 &&
		    placeholder_arg("port", 4, &al) == NULL,
		    "{resource:NAME}: a placeholder with an argument");
		CHECK(placeholder_find("host:x", 6) == PLH_N,
		    "no argument where none is taken");
		CHECK(strcmp(e, "[x y] {resource:c}") == 0,
		    "expand {resource:NAME} by its full name: [%s]", e);
		free(e);
	}
	{
		const char *const *names = placeholder_names();
		const char *vals[PLH_N] = {0};
		char *e;
		size_t n = 0, j;

		while (names[n])
			n++;
		CHECK(n == PLH_N, "every placeholder has a name (%zu)", n);
		for (j = 0; j < PLH_N; j++)
			CHECK(placeholder_phases(names[j], strlen(names[j])) != 0 &&
			    strcmp(placeholder_name((enum placeholder_id)j),
			    names[j]) == 0, "placeholder %s has a phase",
			    names[j]);
		vals[PLH_TOP] = "t";
		vals[PLH_OUTDIR] = "o d";
		e = placeholder_expand_ids("{top} {outdir} {sim} {{top}}", vals);
		CHECK(strcmp(e, "t o d {sim} {top}") == 0,
		    "expand by id: [%s]", e);
		free(e);
	}

	CHECK(pathcheck(path_normalize("a/./b//c/"), "a/b/c"), "normalize");
	CHECK(pathcheck(path_normalize("a/../../b"), "../b"), "normalize ..");
	CHECK(pathcheck(path_normalize("/../a"), "/a"), "normalize /..");
	CHECK(pathcheck(path_normalize("./"), "."), "normalize .");
	CHECK(pathcheck(path_join("a/b", "../c"), "a/c"), "join");
	CHECK(pathcheck(path_join("a", "/abs"), "/abs"), "join absolute");
	CHECK(pathcheck(path_relative("/x/y", "/x/y/z"), "z"), "relative down");
	CHECK(pathcheck(path_relative("/x/y", "/x/z"), "../z"), "relative up");
	CHECK(pathcheck(path_relative("/x/y", "/x/y"), "."), "relative same");
	CHECK(pathcheck(path_relative("/x/yy", "/x/y"), "../y"),
	    "relative prefix is not a parent");
	CHECK(pathcheck(path_relative("/", "/a/b"), "a/b"), "relative from /");
	CHECK(pathcheck(path_relative("/a/b", "/"), "../.."), "relative to /");
	CHECK(pathcheck(path_dirname("a/b/c"), "a/b"), "dirname");
	CHECK(pathcheck(path_dirname("c"), "."), "dirname none");

	CHECK(diag_suggest("timout", words) == words[0], "suggest timeout");
	CHECK(diag_suggest("comand", words) == words[2], "suggest command");
	CHECK(diag_suggest("xyzzy", words) == NULL, "no wild suggestion");
	CHECK(diag_suggest("ab", words) == NULL, "no suggestion for short words");
	return tap_done();
}
