/* test_timeline.c - lane placement of the report's timeline. */
#include "report/timeline.h"
#include "tap.h"

#include <string.h>

static void
entry(struct entry *e, long long start, long long dur, int ran)
{
	memset(e, 0, sizeof *e);
	e->has_result = 1;
	e->start_ms = start;
	e->dur_ms = dur;
	e->ran = ran;
}

int
main(void)
{
	struct entry e[4];
	struct compile c[1];
	struct report rp;

	/* what ran this time: a compile, then two tests at once */
	memset(&rp, 0, sizeof rp);
	memset(c, 0, sizeof c);
	c[0].start_ms = 1000, c[0].dur_ms = 500, c[0].ran = 1;
	entry(&e[0], 1500, 1000, 1);
	entry(&e[1], 1600, 300, 1);
	entry(&e[2], 2000, 100, 1);
	entry(&e[3], 100, 100, 0);	/* an older result */
	rp.e = e, rp.n = 4, rp.c = c, rp.nc = 1;
	CHECK(timeline_place(&rp, "0 99999") == 1,
	    "what ran this time is a new span to keep");
	CHECK(rp.nlanes == 2, "as many rows as jobs ran at once");
	CHECK(c[0].lane == 0 && e[0].lane == 0 && e[1].lane == 1,
	    "each item in the lowest row free at its start");
	CHECK(e[2].lane == 1, "a row is free again after its item ends");
	CHECK(e[3].lane == -1, "an older result is not placed");
	CHECK(rp.first == 1000 && rp.last == 2500, "the span: first start "
	    "to last end");

	/* nothing ran: what lies within the kept span */
	memset(&rp, 0, sizeof rp);
	entry(&e[0], 1500, 1000, 0);
	entry(&e[1], 100, 100, 0);
	entry(&e[2], 1600, 300, 0);
	e[2].has_result = 0;
	rp.e = e, rp.n = 3;
	CHECK(timeline_place(&rp, "1000 2500\n") == 0,
	    "nothing ran: no new span");
	CHECK(e[0].lane == 0 && e[1].lane == -1,
	    "nothing ran: the kept span's items are placed again");
	CHECK(e[2].lane == -1, "a test without a result is not placed");

	/* nothing ran and no span kept: every result */
	memset(&rp, 0, sizeof rp);
	rp.e = e, rp.n = 3;
	timeline_place(&rp, NULL);
	CHECK(e[0].lane == 0 && e[1].lane == 0 && rp.nlanes == 1,
	    "without a kept span, every result is placed");
	memset(&rp, 0, sizeof rp);
	rp.e = e, rp.n = 3;
	timeline_place(&rp, "garbage");
	CHECK(e[0].lane == 0 && e[1].lane == 0,
	    "a damaged span is no span");

	/* a test run twice: its earlier attempt is placed with it */
	{
		struct attempt a[1];

		memset(&rp, 0, sizeof rp);
		memset(a, 0, sizeof a);
		entry(&e[0], 2000, 500, 1);
		a[0].start_ms = 1000, a[0].dur_ms = 900;
		e[0].att = a, e[0].natt = 1;
		entry(&e[1], 1200, 300, 1);
		rp.e = e, rp.n = 2;
		timeline_place(&rp, NULL);
		CHECK(a[0].lane == 0 && e[1].lane == 1 && e[0].lane == 0,
		    "an earlier attempt has its own bar, in its own time");
		CHECK(rp.first == 1000 && rp.last == 2500,
		    "the span starts at the first attempt");
		e[0].att = NULL, e[0].natt = 0;
	}
	return tap_done();
}
