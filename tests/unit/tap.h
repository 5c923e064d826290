/* tap.h - the smallest test harness: CHECK(cond, name...) prints
 * "ok - name" or "not ok - name"; tap_done() gives the exit status. */
#ifndef TAP_H
#define TAP_H
#include <stdio.h>

static int tap_failed;

#define CHECK(cond, ...) do { \
	int tap_ok_ = (cond) != 0; \
	if (tap_ok_) { \
		printf("ok - "); \
	} else { \
		printf("not ok - "); \
		tap_failed++; \
	} \
	printf(__VA_ARGS__); \
	printf("%s\n", tap_ok_ ? "" : "  [" #cond "]"); \
} while (0)

static inline int
tap_done(void)
{
	return tap_failed ? 1 : 0;
}
#endif
