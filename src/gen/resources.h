/* resources.h - the model's side of resources: [resource:NAME] sections
 * (count = N, slots 0 to N-1, or ids = the slots' names), what a test
 * needs of them (resources = NAME or NAME:NEED, along test -> design; a
 * test's resource = NAME is the one-slot form), the ninja pool it waits
 * in, and the {resource:NAME} placeholders it may use. */
#ifndef COSIM_RESOURCES_H
#define COSIM_RESOURCES_H

#include "manifest.h"
#include "model.h"
#include "resolve.h"

/* The resource called name, or NULL. */
struct resource *resources_find(const struct model *mo, const char *name);
/* Whether names a and b give the same environment variable name (upper
 * case, any character but a letter or digit as '_'), as cosim-run makes
 * COSIM_RESOURCE_<NAME> and COSIM_FIXTURE_<NAME>. */
int resources_env_same(const char *a, const char *b);
/* Add the resource of section s to the model, checking count and ids. */
void resources_add(struct model *mo, const struct msection *s);
/* Check the needs written in every design and test section, once where
 * they are written: known resources, NEED within their slots. */
void resources_check(struct ctx *c);
/* Set t's needs, its pool and its spec's resources, and check that the
 * {resource:NAME} placeholders of its values name resources it holds. */
void resources_test(struct ctx *c, struct test *t);

#endif
