/* Unit tests of fixturestate.c: the state file's round trip, a missing
 * file (down), an unknown phase (down), and users: added once, dropped,
 * and pruned when their process is gone (or is another process now). */
#include "run/fixturestate.h"
#include "file.h"
#include "tap.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int
main(void)
{
	char dir[] = "/tmp/cosim-fxstate-XXXXXX", *path, *gone;
	struct fxstate st, back;
	const char *me = fxstate_me();
	static const char other[] = "cosim-fixture-state 1\nphase sideways\n"
	    "user 1 2\n";

	if (!mkdtemp(dir))
		return 1;
	path = xasprintf("%s/state", dir);
	CHECK(fxstate_read(&st, path) == 0 && st.phase == FX_DOWN &&
	    !st.users.n && !st.marker, "a missing state is down");

	st.phase = FX_UP;
	st.marker = xstrdup("COSIM_RUN_ID=fixture.db.1.2.3");
	st.suite_run = xstrdup("4711.99");
	fxstate_add_user(&st, me);
	fxstate_add_user(&st, me);
	CHECK(st.users.n == 1, "a user is added once");
	/* no process has that pid (above pid_max) */
	gone = xstrdup("999999999 1");
	fxstate_add_user(&st, gone);
	strlist_push(&st.left, xstrdup("123 456"));
	fxstate_write(&st, path);
	CHECK(fxstate_read(&back, path) == 0, "the state reads back");
	CHECK(back.phase == FX_UP && !strcmp(back.marker, st.marker) &&
	    !strcmp(back.suite_run, "4711.99") && back.users.n == 2 &&
	    back.left.n == 1 && !strcmp(back.left.v[0], "123 456"),
	    "every field survives the round trip");
	CHECK(fxstate_prune(&back) == 1 && !strcmp(back.users.v[0], me),
	    "prune keeps the live user and drops the one that is gone");
	fxstate_drop_user(&back, me);
	CHECK(back.users.n == 0 && !fxstate_has_user(&back, me),
	    "a dropped user is gone");
	CHECK(!strcmp(fxstate_phase_name(FX_CLEANUP), "cleanup"),
	    "phase names");
	fxstate_free(&back);
	fxstate_free(&st);

	CHECK(file_write_atomic(path, other, strlen(other)) == 0,
	    "write a state from a newer version");
	CHECK(fxstate_read(&st, path) == 0 && st.phase == FX_DOWN &&
	    st.users.n == 1, "an unknown phase reads as down");
	fxstate_free(&st);
	CHECK(file_write_atomic(path, "junk\n", 5) == 0 &&
	    fxstate_read(&st, path) == -1, "a foreign file is refused");

	unlink(path);
	rmdir(dir);
	free(path);
	free(gone);
	return tap_done();
}
