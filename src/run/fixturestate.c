/* fixturestate.c - see fixturestate.h. */
#include "fixturestate.h"
#include "file.h"
#include "kvfile.h"
#include "pidrecord.h"
#include "util.h"

#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char *const phase_names[] = {"down", "setup", "up", "cleanup",
	"failed"};

#define X(key, type, field) {key, type, offsetof(struct fxstate, field), \
	NULL, 0, 0}

/* The state file's codec (fields.h); an unknown phase reads as down. */
static const struct fdef state_rows[] = {
	{"phase", F_ENUM, offsetof(struct fxstate, phase), phase_names,
	    (int)(sizeof phase_names / sizeof *phase_names),
	    offsetof(struct fxstate, unknown_phase)},
	X("suite_run", F_STR, suite_run), X("marker", F_STR, marker),
	X("user", F_LIST, users), X("left", F_LIST, left),
};

#undef X

#define NSTATE (sizeof state_rows / sizeof *state_rows)

const char *
fxstate_phase_name(enum fx_phase p)
{
	return phase_names[p];
}

static char *
dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

static void
copy_list(struct strlist *to, const struct strlist *from)
{
	size_t i;

	for (i = 0; i < from->n; i++)
		strlist_push(to, xstrdup(from->v[i]));
}

int
fxstate_read(struct fxstate *st, const char *path)
{
	struct kvfile f;
	struct fxstate raw;
	struct other other;

	memset(st, 0, sizeof *st);
	if (kv_read(&f, path, FXSTATE_MAGIC) != 0)
		return errno == ENOENT ? 0 : -1;
	memset(&raw, 0, sizeof raw);
	memset(&other, 0, sizeof other);
	fields_decode(&f, state_rows, NSTATE, &raw, &other);
	if (raw.unknown_phase)
		raw.phase = FX_DOWN;
	st->phase = raw.phase;
	st->suite_run = dup_or_null(raw.suite_run);
	st->marker = dup_or_null(raw.marker);
	copy_list(&st->users, &raw.users);
	copy_list(&st->left, &raw.left);
	fields_free(state_rows, NSTATE, &raw, &other);
	kv_free(&f);
	return 0;
}

void
fxstate_write(const struct fxstate *st, const char *path)
{
	struct buf b = {0};
	struct other none = {0};

	fields_encode(&b, FXSTATE_MAGIC, state_rows, NSTATE, st, &none);
	if (file_write_atomic(path, b.s, b.len) != 0)
		fatal(errno, "cannot write %s", path);
	buf_free(&b);
}

void
fxstate_free(struct fxstate *st)
{
	free(st->suite_run);
	free(st->marker);
	strlist_clear(&st->users);
	strlist_clear(&st->left);
	memset(st, 0, sizeof *st);
}

/* Whether "PID STARTTIME" names a process that still runs. */
static int
alive(const char *user)
{
	long pid;
	unsigned long long t;

	return sscanf(user, "%ld %llu", &pid, &t) == 2 && pid > 0 &&
	    pidrecord_start_time((pid_t)pid) == t;
}

size_t
fxstate_prune(struct fxstate *st)
{
	size_t i, n = 0;

	for (i = 0; i < st->users.n; i++) {
		if (alive(st->users.v[i]))
			st->users.v[n++] = st->users.v[i];
		else
			free(st->users.v[i]);
	}
	st->users.n = n;
	return n;
}

const char *
fxstate_me(void)
{
	static char me[64];

	if (!me[0])
		snprintf(me, sizeof me, "%ld %llu", (long)getpid(),
		    pidrecord_start_time(getpid()));
	return me;
}

int
fxstate_has_user(const struct fxstate *st, const char *user)
{
	size_t i;

	for (i = 0; i < st->users.n; i++)
		if (strcmp(st->users.v[i], user) == 0)
			return 1;
	return 0;
}

void
fxstate_add_user(struct fxstate *st, const char *user)
{
	if (!fxstate_has_user(st, user))
		strlist_push(&st->users, xstrdup(user));
}

void
fxstate_drop_user(struct fxstate *st, const char *user)
{
	size_t i, n = 0;

	for (i = 0; i < st->users.n; i++) {
		if (strcmp(st->users.v[i], user) == 0)
			free(st->users.v[i]);
		else
			st->users.v[n++] = st->users.v[i];
	}
	st->users.n = n;
}

void
fxstate_sweep(struct fxstate *st)
{
	struct buf b = {0};
	size_t i;

	if (st->marker)
		buf_printf(&b, "%s\n", st->marker);
	for (i = 0; i < st->left.n; i++)
		buf_printf(&b, "%s\n", st->left.v[i]);
	if (b.len)
		pidrecord_sweep(b.s);
	strlist_clear(&st->left);
	buf_free(&b);
}
