/* attempts.c - see attempts.h. */
#include "attempts.h"
#include "file.h"
#include "keys.h"
#include "layout.h"
#include "path.h"
#include "rundir.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The most attempts a stress run may ask for. */
#define REPEAT_MAX 1000000

int
attempts_plan(struct run *r, struct buf *why)
{
	const char *v = getenv("COSIM_REPEAT");
	int64_t n;

	r->attempts_max = 1 + (r->spec.retries > 0 ? r->spec.retries : 0);
	if (!v || !*v)
		return 0;
	/* digits only: no sign */
	if (!(*v >= '0' && *v <= '9') || parse_int(v, 1, REPEAT_MAX, &n)) {
		buf_printf(why, "COSIM_REPEAT='%s' cannot be used: it must be "
		    "a whole number from 1 to %d", v, REPEAT_MAX);
		return -1;
	}
	if (n > 1) {
		r->repeat = 1;
		r->attempts_max = n;
	}
	return 0;
}

/* Remove the attempt.K/ an earlier run of the test left in dir: they
 * are made in order, 1 first, so the first one missing ends them. One
 * stat for a test that was never retried. */
static void
clear_attempts(const char *dir)
{
	long long k;

	for (k = 1;; k++) {
		char *p = layout_attempt(dir, k);
		struct stat st;
		int there = lstat(p, &st) == 0;	/* a link too */

		if (there)
			rundir_remove(p);
		free(p);
		if (!there)
			break;
	}
}

int
attempts_next(struct run *r, int *code, int *sig)
{
	struct child c, *one[1] = {&c};
	int got = 0, s;

	clear_attempts(r->dir);
	for (r->attempt = 1; r->attempt < r->attempts_max; r->attempt++) {
		if (proc_fork(&c) == 0) {
			r->attempt_copy = 1;
			return ATT_RUN;
		}
		while (!c.reaped)
			if (proc_event(one, 1, NULL, 0, INT64_MAX, &s) ==
			    EV_SIGNAL) {
				got = s;
				proc_signal(&c, s);
			}
		*code = c.code;
		*sig = got;
		if (c.signal && !got) {
			*sig = c.signal;	/* it could write nothing */
			return ATT_LOST;
		}
		if (c.signal || c.code != ATTEMPT_AGAIN)
			return ATT_OVER;
		if (got)
			return ATT_INTERRUPTED;
	}
	return ATT_RUN;
}

int
attempts_again(const struct run *r)
{
	enum status s = r->status;

	if (r->attempt >= r->attempts_max)
		return 0;
	if (r->repeat)
		return s == STATUS_PASS || s == STATUS_XFAIL;
	return s == STATUS_FAIL || s == STATUS_XPASS || s == STATUS_TIMEOUT ||
	    s == STATUS_CRASH;
}

int
attempts_flaky(struct run *r, long long k, long long max)
{
	struct kvfile f;
	struct result first;
	char *dir, *path;
	int known;

	if (k < 2 || r->status != STATUS_PASS)
		return 0;
	dir = layout_attempt(r->dir, 1);
	path = layout_in(dir, DIR_RESULT);
	known = result_read(&first, &f, path, RESULT_TEST) == 0;
	free(dir);
	free(path);
	/* a repeat's first attempt passed: that is no flaky test */
	if (!known || !status_is_pass(first.status)) {
		r->status = STATUS_FLAKY;
		buf_reset(&r->reason);
		buf_printf(&r->reason, "passed on attempt %lld of %lld", k,
		    max);
	}
	if (known && r->status == STATUS_FLAKY)
		buf_printf(&r->reason, "; attempt 1: %s: %s",
		    first.status_word ? first.status_word :
		    status_name(first.status), first.reason ? first.reason : "");
	if (known) {
		result_free(&first, RESULT_TEST);
		kv_free(&f);
	}
	return r->status == STATUS_FLAKY;
}

void
attempts_conclude(struct run *r)
{
	char *was;

	if (!r->repeat) {
		attempts_flaky(r, r->attempt, r->attempts_max);
		return;
	}
	was = buf_steal(&r->reason);
	if (r->status == STATUS_PASS)
		buf_printf(&r->reason, "passed %lld of %lld repeats",
		    r->attempt, r->attempts_max);
	else if (!status_is_pass(r->status))
		buf_printf(&r->reason, "failed on repeat %lld of %lld: %s",
		    r->attempt, r->attempts_max, was ? was : "");
	else
		buf_puts(&r->reason, was ? was : "");
	free(was);
}

/* Rename file f of r->dir into adir; a missing one is no error. */
static void
move_in(const struct run *r, const char *adir, enum dir_file f)
{
	char *from = layout_in(r->dir, f), *to = layout_in(adir, f);

	if (file_rename(from, to) != 0 && errno != ENOENT)
		fatal(errno, "cannot move %s to %s", from, to);
	free(from);
	free(to);
}

char *
attempts_move_rundir(const struct run *r)
{
	char *adir = layout_attempt(r->dir, r->attempt), *top, *run;

	rundir_remove(adir);	/* of an earlier run that was killed */
	if (mkdir_p(adir) != 0)
		fatal(errno, "cannot create %s", adir);
	move_in(r, adir, DIR_RUN);
	free(adir);
	if (!r->rundir)
		return NULL;
	/* the same place, absolute as the run directory was */
	top = path_dirname(r->rundir);
	adir = layout_attempt(top, r->attempt);
	run = layout_in(adir, DIR_RUN);
	free(top);
	free(adir);
	return run;
}

void
attempts_archive(const struct run *r)
{
	char *adir = layout_attempt(r->dir, r->attempt);

	move_in(r, adir, DIR_RESULT);
	move_in(r, adir, DIR_REPRO);
	free(adir);
}
