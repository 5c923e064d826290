/* runfixture.h - a struct run made in memory from spec lines, for the
 * unit tests of the launcher's pure parts (command.c, verdict.c), and
 * freed after. */
#ifndef RUNFIXTURE_H
#define RUNFIXTURE_H

#include "keys.h"
#include "run/run.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Fill r as a run of test t1 whose spec holds lines ("KEY VALUE\n"...),
 * in run directory "/tmp/run dir", port 4242, slot 3, status error in
 * stage test. */
static inline void
run_fixture(struct run *r, const char *lines)
{
	struct buf b = {0};
	size_t line;

	kv_begin(&b, SPEC_MAGIC);
	buf_puts(&b, lines);
	memset(r, 0, sizeof *r);
	if (kv_parse(&r->specfile, b.s, SPEC_MAGIC, &line) != 0)
		abort();
	spec_decode(&r->spec, &r->specfile);
	r->name = "t1";
	r->rundir = "/tmp/run dir";
	strcpy(r->port, "4242");
	r->slot = "3";
	snprintf(r->seed, sizeof r->seed, "%lld", r->spec.seed);
	r->status = STATUS_ERROR;
	r->stage = "test";
}

/* Free what run_fixture and the rules under test left in r. */
static inline void
run_fixture_free(struct run *r)
{
	spec_free(&r->spec);
	kv_free(&r->specfile);
	buf_free(&r->reason);
	buf_free(&r->sim_line);
	buf_free(&r->test_line);
	free(r->pre_scan_reason);
	list_free(r->given);
}

#endif
