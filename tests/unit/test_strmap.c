/* Unit tests of strmap.c: keys that share a slot, a probe that wraps
 * round the end of the table, growth, and keys added twice. */
#include "gen/strmap.h"
#include "tap.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

#define FIRST_CAP 64	/* strmap.c's first table */

/* The slot key starts its probe at in a table of cap slots. */
static size_t
home(const char *key, size_t cap)
{
	return (size_t)fnv1a(FNV_OFFSET, key, strlen(key)) & (cap - 1);
}

/* Names "kN" (N from *next on), the first with home slot want. */
static char *
key_at(size_t want, unsigned *next)
{
	for (;;) {
		char *k = xasprintf("k%u", (*next)++);

		if (home(k, FIRST_CAP) == want)
			return k;
		free(k);
	}
}

static void
test_collisions(void)
{
	struct strmap m = {0};
	unsigned next = 0;
	/* three keys of the last slot: the second and third wrap to 0, 1;
	 * then one whose own slot is 0, taken, probes past them */
	char *k[4];
	int v[4];
	size_t i;

	k[0] = key_at(FIRST_CAP - 1, &next);
	k[1] = key_at(FIRST_CAP - 1, &next);
	k[2] = key_at(FIRST_CAP - 1, &next);
	k[3] = key_at(0, &next);
	CHECK(strmap_get(&m, k[0]) == NULL, "an empty map holds nothing");
	for (i = 0; i < 4; i++)
		CHECK(strmap_add(&m, k[i], &v[i]) == NULL, "add %s (slot %zu)",
		    k[i], home(k[i], FIRST_CAP));
	CHECK(m.cap == FIRST_CAP && m.n == 4, "4 keys in %zu slots", m.cap);
	for (i = 0; i < 4; i++)
		CHECK(strmap_get(&m, k[i]) == &v[i], "%s found past the "
		    "keys before it", k[i]);
	CHECK(m.slots[0].key == k[1] && m.slots[1].key == k[2] &&
	    m.slots[2].key == k[3], "the probe wrapped round the end");
	CHECK(strmap_get(&m, "absent") == NULL, "a missing key maps to none");
	CHECK(strmap_add(&m, k[1], &v[0]) == &v[1] &&
	    strmap_get(&m, k[1]) == &v[1] && m.n == 4,
	    "adding a key again keeps its first value");
	strmap_free(&m);
	CHECK(m.n == 0 && strmap_get(&m, k[0]) == NULL, "freed: empty");
	for (i = 0; i < 4; i++)
		free(k[i]);
}

static void
test_growth(void)
{
	enum { N = 20000 };
	struct strmap m = {0};
	char **keys = xcalloc(N, sizeof *keys);
	size_t i, bad = 0, caps = 0, cap = 0;

	for (i = 0; i < N; i++) {
		keys[i] = xasprintf("design_%zu", i);
		if (strmap_add(&m, keys[i], keys[i]) != NULL)
			bad++;
		if (m.cap != cap) {
			caps++;
			cap = m.cap;
		}
		if (2 * m.n > m.cap)
			bad++;
	}
	CHECK(bad == 0, "%d new keys added, the table never over half full",
	    N);
	CHECK(m.n == N && m.cap == 65536 && caps == 11,
	    "the table doubled from 64 to %zu slots (%zu sizes)", m.cap, caps);
	for (i = 0; i < N; i++) {
		char *copy = xstrdup(keys[i]);

		if (strmap_get(&m, copy) != keys[i])
			bad++;
		free(copy);
	}
	CHECK(bad == 0, "every key found after growth, by its text");
	CHECK(strmap_get(&m, "design_") == NULL &&
	    strmap_get(&m, "design_20000") == NULL, "missing keys: none");
	strmap_free(&m);
	for (i = 0; i < N; i++)
		free(keys[i]);
	free(keys);
}

int
main(void)
{
	test_collisions();
	test_growth();
	return tap_done();
}
