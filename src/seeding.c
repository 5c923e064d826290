/* seeding.c - see seeding.h. */
#include "seeding.h"
#include "file.h"
#include "keys.h"
#include "kvfile.h"
#include "layout.h"
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int
read_count(const struct kvfile *kv, const char *key, int64_t max,
	int64_t *out)
{
	const char *v = kv_get(kv, key);

	if (!v)
		return 0;
	if (parse_int(v, 0, max, out) < 0) {
		errno = EINVAL;
		return -1;
	}
	return 0;
}

int
seeding_read(const char *builddir, struct seeding *s)
{
	char *path = layout_top(builddir, TOP_SEEDING);
	struct kvfile kv;
	int rc = 0;

	s->epoch = 0;
	s->seeds = -1;
	s->present = 0;
	if (kv_read(&kv, path, SEEDING_MAGIC) != 0) {
		rc = errno == ENOENT ? 0 : -1;
		free(path);
		return rc;
	}
	s->present = 1;
	if (read_count(&kv, "epoch", SEED_MAX, &s->epoch) != 0 ||
	    read_count(&kv, "seeds", SEEDS_MAX, &s->seeds) != 0)
		rc = -1;
	if (!kv_get(&kv, "seeds"))
		s->seeds = -1;
	kv_free(&kv);
	free(path);
	return rc;
}

int
seeding_write(const char *builddir, const struct seeding *s)
{
	char *path = layout_top(builddir, TOP_SEEDING);
	struct buf b = {0};
	int rc;

	kv_begin(&b, SEEDING_MAGIC);
	kv_putint(&b, "epoch", s->epoch);
	if (s->seeds >= 0)
		kv_putint(&b, "seeds", s->seeds);
	rc = file_write_if_changed(path, b.s, b.len) < 0 ? -1 : 0;
	buf_free(&b);
	free(path);
	return rc;
}

int64_t
seeding_fresh_epoch(void)
{
	uint64_t r = 0;
	long long t = epoch_ms();
	pid_t pid = getpid();
	int fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);

	/* the clock and the pid when there is no /dev/urandom */
	if (fd < 0 || read(fd, &r, sizeof r) != (ssize_t)sizeof r) {
		r = fnv1a(FNV_OFFSET, &t, sizeof t);
		r = fnv1a(r, &pid, sizeof pid);
	}
	if (fd >= 0)
		close(fd);
	return (int64_t)(r % SEED_MAX) + 1;
}

/* FNV-1a alone leaves names that differ in their last byte (s1, s2)
 * with hashes that differ in their low bits only, and simulators'
 * generators seeded so start alike: splitmix64's finalizer spreads every
 * bit of the hash over all 64. The range is what Verilator's
 * +verilator+seed+ takes. */
int64_t
seed_draw(const char *name, int64_t index, int64_t epoch)
{
	uint64_t h = fnv1a(FNV_OFFSET, name, strlen(name));

	if (index || epoch) {
		/* as bytes in a fixed order, so every machine draws alike */
		unsigned char b[16];
		int i;

		for (i = 0; i < 8; i++) {
			b[i] = (unsigned char)((uint64_t)index >> (8 * i));
			b[8 + i] = (unsigned char)((uint64_t)epoch >> (8 * i));
		}
		h = fnv1a(h, b, sizeof b);
	}
	h = (h ^ (h >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
	h = (h ^ (h >> 27)) * UINT64_C(0x94d049bb133111eb);
	h ^= h >> 31;
	return (int64_t)(h % SEED_MAX) + 1;
}
