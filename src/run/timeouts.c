/* timeouts.c - see timeouts.h. */
#include "timeouts.h"

#include <math.h>
#include <stdlib.h>

/* One limit times m, or -1 when the product is out of range. */
static int64_t
scaled(int64_t ms, double m)
{
	double v = (double)ms * m;

	if (ms == 0)
		return 0;	/* none stays none */
	if (!(v >= 0.5) || v > (double)TIMEOUT_MAX_MS)
		return -1;	/* rounds to 0, or overflows */
	return (int64_t)(v + 0.5);
}

static void
scan_bound(struct timeouts *t)
{
	t->scan = t->test == 0 ? SCAN_NONE_MS : t->test > SCAN_MIN_MS ?
	    t->test : SCAN_MIN_MS;
}

/* Scale t's limits by mult (NULL or empty: 1), see timeouts_apply. */
static int
scale(struct timeouts *t, const char *mult, struct buf *why)
{
	int64_t *limits[] = {&t->test, &t->startup, &t->idle};
	int64_t out[3];
	double m = 1;
	char *end;
	size_t i;

	if (mult && *mult) {
		m = strtod(mult, &end);
		if (end == mult || *end || !isfinite(m) || m <= 0) {
			buf_printf(why, "COSIM_TIMEOUT_MULTIPLIER='%s' cannot be "
			    "used: it must be a finite number greater than 0",
			    mult);
			scan_bound(t);
			return -1;
		}
	}
	for (i = 0; i < 3; i++) {
		out[i] = scaled(*limits[i], m);
		if (out[i] < 0) {
			buf_printf(why, "COSIM_TIMEOUT_MULTIPLIER='%s' cannot be "
			    "used: it makes a limit of %.3f s %s", mult,
			    (double)*limits[i] / 1000, out[i] == -1 &&
			    (double)*limits[i] * m > 1 ? "longer than 10^15 ms" :
			    "round to 0");
			scan_bound(t);
			return -1;
		}
	}
	for (i = 0; i < 3; i++)
		*limits[i] = out[i];
	scan_bound(t);
	return 0;
}

int
timeouts_apply(struct timeouts *t, struct buf *why)
{
	return scale(t, getenv("COSIM_TIMEOUT_MULTIPLIER"), why);
}

int
timeouts_read(struct timeouts *t, const struct spec *s, struct buf *why)
{
	t->test = s->timeout_ms;
	t->startup = s->startup_timeout_ms;
	t->idle = s->idle_timeout_ms;
	return timeouts_apply(t, why);
}
