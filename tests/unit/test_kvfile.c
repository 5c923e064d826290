/* Unit tests of kvfile.c: round trips, repeated keys, no line limit, and
 * rejection of foreign or cut-off files. */
#include "kvfile.h"
#include "tap.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int
main(void)
{
	struct buf b = {0};
	struct kvfile s;
	char *big, *val, path[] = "/tmp/cosim-spec-XXXXXX";
	size_t i, line, idx;
	int fd;
	unsigned seed = 12345;

	/* values with every byte but NUL, and a 1 MB line */
	val = xmalloc(256);
	for (i = 0; i < 255; i++)
		val[i] = (char)(i + 1);
	val[255] = '\0';
	big = xmalloc(1 << 20);
	for (i = 0; i < (1 << 20) - 1; i++) {
		seed = seed * 1103515245 + 12345;
		big[i] = (char)('a' + (seed >> 16) % 26);
	}
	big[(1 << 20) - 1] = '\0';

	kv_begin(&b, SPEC_MAGIC);
	kv_put(&b, "name", "t1");
	kv_put(&b, "all_bytes", val);
	kv_put(&b, "big", big);
	kv_put(&b, "plusarg", "+a=1");
	kv_put(&b, "plusarg", "");
	kv_put(&b, "plusarg", "+c=3 4");
	kv_putf(&b, "timeout", "%d", 60000);
	CHECK(kv_parse(&s, xstrdup(b.s), SPEC_MAGIC, &line) == 0,
	    "spec parses what kv_put wrote");
	CHECK(strcmp(kv_get(&s, "name"), "t1") == 0, "single value");
	CHECK(strcmp(kv_get(&s, "all_bytes"), val) == 0,
	    "every byte but NUL survives");
	CHECK(strcmp(kv_get(&s, "big"), big) == 0, "a 1 MB value survives");
	CHECK(strcmp(kv_get(&s, "timeout"), "60000") == 0, "kv_putf");
	CHECK(kv_get(&s, "missing") == NULL, "a missing key is NULL");
	CHECK(kv_int(&s, "timeout") == 60000 && kv_int(&s, "missing") == 0,
	    "kv_int: a number, 0 when absent");
	CHECK(strcmp(kv_need(&s, "name"), "t1") == 0, "kv_need");
	idx = 0;
	CHECK(strcmp(kv_next(&s, "plusarg", &idx), "+a=1") == 0 &&
	    strcmp(kv_next(&s, "plusarg", &idx), "") == 0 &&
	    strcmp(kv_next(&s, "plusarg", &idx), "+c=3 4") == 0 &&
	    kv_next(&s, "plusarg", &idx) == NULL,
	    "repeated keys come back in order");
	kv_free(&s);

	CHECK(kv_parse(&s, xstrdup("cosim-result 1\nname x\n"), SPEC_MAGIC,
	    &line) < 0 && line == 1, "another magic line is rejected");
	kv_free(&s);
	CHECK(kv_parse(&s, xstrdup("cosim-spec 1\nname x\nstatus pa"),
	    SPEC_MAGIC, &line) < 0 && line == 3,
	    "a cut-off last line is rejected");
	kv_free(&s);
	CHECK(kv_parse(&s, xstrdup("cosim-spec 1\nNoSpace\n"), SPEC_MAGIC,
	    &line) < 0 && line == 2, "a line without a value is rejected");
	kv_free(&s);
	CHECK(kv_parse(&s, xstrdup("cosim-spec 1\nBad-Key x\n"), SPEC_MAGIC,
	    &line) < 0, "a malformed key is rejected");
	kv_free(&s);

	fd = mkstemp(path);
	CHECK(fd >= 0 && write(fd, b.s, b.len) == (ssize_t)b.len &&
	    close(fd) == 0, "write a spec file");
	CHECK(kv_read(&s, path, SPEC_MAGIC) == 0 &&
	    strcmp(kv_get(&s, "big"), big) == 0, "kv_read round trip");
	kv_free(&s);
	CHECK(kv_read(&s, "/nonexistent/spec", SPEC_MAGIC) < 0,
	    "kv_read of a missing file fails");
	unlink(path);
	buf_free(&b);
	free(big);
	free(val);
	return tap_done();
}
