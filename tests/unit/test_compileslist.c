/* Unit tests of compileslist.c: the line of a compile in compiles.list,
 * as cosimgen writes it and both cosim-run and the report read it. */
#include "compileslist.h"
#include "tap.h"

#include <string.h>

int
main(void)
{
	struct compiles_line cl;
	struct buf b = {0};

	CHECK(compileslist_parse("designs/ab12 600000 5000 top alt", &cl) == 0 &&
	    cl.id_len == 12 && strncmp(cl.id, "designs/ab12", 12) == 0 &&
	    cl.timeout == 600000 && cl.grace == 5000 &&
	    strcmp(cl.names, "top alt") == 0, "a design's line");
	CHECK(compileslist_parse("vpi 1000 0", &cl) == 0 && cl.names == NULL &&
	    cl.timeout == 1000 && cl.grace == 0,
	    "the VPI module's line has no designs");
	CHECK(compileslist_parse("vpi 1000", &cl) < 0, "a line without a grace");
	CHECK(compileslist_parse("vpi x 0", &cl) < 0, "a timeout not a number");
	CHECK(compileslist_parse("vpi 1 2x top", &cl) < 0,
	    "a grace not a number");
	CHECK(compileslist_parse("vpi", &cl) < 0, "an id alone");
	CHECK(compileslist_parse("designs/ab12 1 2 top", &cl) == 0 &&
	    cl.jobs == 0, "a line without jobs= (an older cosimgen's)");
	CHECK(compileslist_parse("designs/ab12 1 2 jobs=3 top alt", &cl) == 0 &&
	    cl.jobs == 3 && cl.grace == 2 && strcmp(cl.names, "top alt") == 0,
	    "jobs= before the designs");
	CHECK(compileslist_parse("runtime/cd34 1 2 jobs=2", &cl) == 0 &&
	    cl.jobs == 2 && cl.names == NULL, "jobs= and no designs");
	CHECK(compileslist_parse("designs/ab12 1 2 jobs=0 top", &cl) < 0 &&
	    compileslist_parse("designs/ab12 1 2 jobs=x top", &cl) < 0 &&
	    compileslist_parse("designs/ab12 1 2 jobs=2x", &cl) < 0,
	    "jobs= not a positive number");
	compileslist_put(&b, "designs/ab12", 600000, 5000, 0, "top alt");
	compileslist_put(&b, "vpi", 1000, 0, 0, NULL);
	compileslist_put(&b, "runtime/cd34", 1000, 0, 2, NULL);
	CHECK(strcmp(b.s, "designs/ab12 600000 5000 top alt\nvpi 1000 0\n"
	    "runtime/cd34 1000 0 jobs=2\n") == 0,
	    "the lines written are the lines read");
	buf_free(&b);
	return tap_done();
}
