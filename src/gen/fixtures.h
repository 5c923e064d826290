/* fixtures.h - the model's side of fixtures: [fixture:NAME] sections (a
 * setup run before the first test that needs it, a cleanup after the
 * last: cosim-run does both), which fixtures each test needs (fixtures =
 * NAME..., along test -> design -> [cosimgen]) and each fixture's spec,
 * BUILDDIR/fixtures/NAME/spec (struct fixture_spec). */
#ifndef COSIM_FIXTURES_H
#define COSIM_FIXTURES_H

#include "manifest.h"
#include "model.h"
#include "resolve.h"

/* Add the fixture of section s to the model. */
void fixtures_add(struct ctx *c, const struct msection *s);
/* Check the fixtures lists written in [cosimgen], designs and tests, once
 * where they are written: known fixtures, each once. */
void fixtures_check(struct ctx *c);
/* Set t's fixtures and its spec's, and mark them used. */
void fixtures_test(struct ctx *c, struct test *t);
/* Warn of fixtures no test uses, and make each fixture's spec text. */
void fixtures_finish(struct model *mo);

#endif
