/* strmap.c - see strmap.h. */
#include "strmap.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

/* The slot that holds key, or the free slot where it would go. cap is a
 * power of two and some slot is free, so the probe ends. */
static struct strmap_slot *
find(const struct strmap_slot *slots, size_t cap, const char *key)
{
	size_t i = (size_t)fnv1a(FNV_OFFSET, key, strlen(key)) & (cap - 1);

	while (slots[i].key && strcmp(slots[i].key, key) != 0)
		i = (i + 1) & (cap - 1);
	return (struct strmap_slot *)&slots[i];
}

/* Double the table (64 slots at first) and put every key back. */
static void
grow(struct strmap *m)
{
	size_t cap = m->cap ? 2 * m->cap : 64, i;
	struct strmap_slot *slots = xcalloc(cap, sizeof *slots);

	for (i = 0; i < m->cap; i++)
		if (m->slots[i].key)
			*find(slots, cap, m->slots[i].key) = m->slots[i];
	free(m->slots);
	m->slots = slots;
	m->cap = cap;
}

void *
strmap_get(const struct strmap *m, const char *key)
{
	return m->cap ? find(m->slots, m->cap, key)->val : NULL;
}

void *
strmap_add(struct strmap *m, const char *key, void *val)
{
	struct strmap_slot *s;

	if (2 * (m->n + 1) > m->cap)
		grow(m);
	s = find(m->slots, m->cap, key);
	if (s->key)
		return s->val;
	s->key = key;
	s->val = val;
	m->n++;
	return NULL;
}

void
strmap_free(struct strmap *m)
{
	free(m->slots);
	memset(m, 0, sizeof *m);
}
