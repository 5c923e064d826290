/* Unit tests of shard.c: the form I/N, and the split of a selection into
 * parts of about equal expected time. */
#include "gen/shard.h"
#include "tap.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

/* The parts of names as "a b|c d": the names of each part in the order
 * given, the parts in order. */
static const char *
parts(char **names, const long long *ms, size_t n, long long count,
    long long *load)
{
	static struct buf b;
	size_t *part = xcalloc(n + 1, sizeof *part), i;
	long long k;
	const char *sep;

	shard_split(names, ms, n, count, part, load);
	buf_reset(&b);
	buf_puts(&b, "");
	for (k = 0; k < count; k++) {
		buf_puts(&b, k ? "|" : "");
		for (i = 0, sep = ""; i < n; i++)
			if (part[i] == (size_t)k) {
				buf_printf(&b, "%s%s", sep, names[i]);
				sep = " ";
			}
	}
	free(part);
	return b.s;
}

static void
test_parse(void)
{
	static const char *const bad[] = {"0/4", "5/4", "1/0", "x", "", "1/",
		"/4", "1/4x", "-1/4", "1/-4", "1 /4", "2/200000", NULL};
	struct shard s;
	size_t i;

	CHECK(shard_parse("2/4", &s) == 0 && s.index == 2 && s.count == 4,
	    "2/4 is shard 2 of 4");
	CHECK(shard_parse("1/1", &s) == 0 && s.index == 1 && s.count == 1,
	    "1/1 is the whole");
	for (i = 0; bad[i]; i++)
		CHECK(shard_parse(bad[i], &s) == -1, "'%s' is not a shard",
		    bad[i]);
}

static void
test_split(void)
{
	char *names[] = {"long", "a", "b", "c", "d"};
	char *none[] = {"e", "d", "c", "b", "a"};
	long long ms[] = {4000, 1000, 1000, 1000, 1000}, load[8];
	long long unknown[] = {-1, -1, -1, -1, -1};
	long long some[] = {-1, 3000, 1000, -1, 2000};

	CHECK(strcmp(parts(names, ms, 5, 2, load), "long|a b c d") == 0 &&
	    load[0] == 4000 && load[1] == 4000,
	    "one 4 s test and four of 1 s: {4} and {1,1,1,1}");
	CHECK(strcmp(parts(names, ms, 5, 3, load), "long|a c|b d") == 0,
	    "three parts: the long one alone, the rest dealt round");
	CHECK(strcmp(parts(none, unknown, 5, 2, load), "e c a|d b") == 0 &&
	    load[0] == 3 && load[1] == 2,
	    "no history: by count, in the order of the names");
	/* the two without history count as the mean, 2 s */
	CHECK(strcmp(parts(none, some, 5, 2, load), "e d|c b a") == 0 &&
	    load[0] == 5000 && load[1] == 5000,
	    "a test without history counts as the mean of the others");
	CHECK(strcmp(parts(names, ms, 5, 7, load),
	    "long|a|b|c|d||") == 0,
	    "more parts than tests: one each, the rest empty");
	CHECK(strcmp(parts(names, ms, 0, 2, load), "|") == 0 && load[0] == 0,
	    "no test: empty parts");
}

/* Tests of no duration are dealt round rather than all given to the
 * first part, whose load stays the least. */
static void
test_zero(void)
{
	char *names[] = {"a", "b", "c", "d"};
	long long ms[] = {0, 0, 0, 0}, load[2];

	CHECK(strcmp(parts(names, ms, 4, 2, load), "a c|b d") == 0,
	    "tests of 0 ms: dealt round");
}

int
main(void)
{
	test_parse();
	test_split();
	test_zero();
	return tap_done();
}
