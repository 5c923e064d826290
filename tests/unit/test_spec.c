/* Unit tests of spec.c: round trips, repeated keys, no line limit, and
 * rejection of foreign or cut-off files. */
#include "spec.h"
#include "tap.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int
main(void)
{
	struct buf b = {0};
	struct spec s;
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

	spec_begin(&b, SPEC_MAGIC);
	spec_put(&b, "name", "t1");
	spec_put(&b, "all_bytes", val);
	spec_put(&b, "big", big);
	spec_put(&b, "plusarg", "+a=1");
	spec_put(&b, "plusarg", "");
	spec_put(&b, "plusarg", "+c=3 4");
	spec_putf(&b, "timeout", "%d", 60000);
	CHECK(spec_parse(&s, xstrdup(b.s), SPEC_MAGIC, &line) == 0,
	    "spec parses what spec_put wrote");
	CHECK(strcmp(spec_get(&s, "name"), "t1") == 0, "single value");
	CHECK(strcmp(spec_get(&s, "all_bytes"), val) == 0,
	    "every byte but NUL survives");
	CHECK(strcmp(spec_get(&s, "big"), big) == 0, "a 1 MB value survives");
	CHECK(strcmp(spec_get(&s, "timeout"), "60000") == 0, "spec_putf");
	CHECK(spec_get(&s, "missing") == NULL, "a missing key is NULL");
	CHECK(spec_int(&s, "timeout") == 60000 && spec_int(&s, "missing") == 0,
	    "spec_int: a number, 0 when absent");
	CHECK(strcmp(spec_need(&s, "name"), "t1") == 0, "spec_need");
	idx = 0;
	CHECK(strcmp(spec_next(&s, "plusarg", &idx), "+a=1") == 0 &&
	    strcmp(spec_next(&s, "plusarg", &idx), "") == 0 &&
	    strcmp(spec_next(&s, "plusarg", &idx), "+c=3 4") == 0 &&
	    spec_next(&s, "plusarg", &idx) == NULL,
	    "repeated keys come back in order");
	spec_free(&s);

	CHECK(spec_parse(&s, xstrdup("cosim-result 1\nname x\n"), SPEC_MAGIC,
	    &line) < 0 && line == 1, "another magic line is rejected");
	spec_free(&s);
	CHECK(spec_parse(&s, xstrdup("cosim-spec 1\nname x\nstatus pa"),
	    SPEC_MAGIC, &line) < 0 && line == 3,
	    "a cut-off last line is rejected");
	spec_free(&s);
	CHECK(spec_parse(&s, xstrdup("cosim-spec 1\nNoSpace\n"), SPEC_MAGIC,
	    &line) < 0 && line == 2, "a line without a value is rejected");
	spec_free(&s);
	CHECK(spec_parse(&s, xstrdup("cosim-spec 1\nBad-Key x\n"), SPEC_MAGIC,
	    &line) < 0, "a malformed key is rejected");
	spec_free(&s);

	fd = mkstemp(path);
	CHECK(fd >= 0 && write(fd, b.s, b.len) == (ssize_t)b.len &&
	    close(fd) == 0, "write a spec file");
	CHECK(spec_read(&s, path, SPEC_MAGIC) == 0 &&
	    strcmp(spec_get(&s, "big"), big) == 0, "spec_read round trip");
	spec_free(&s);
	CHECK(spec_read(&s, "/nonexistent/spec", SPEC_MAGIC) < 0,
	    "spec_read of a missing file fails");
	unlink(path);
	buf_free(&b);
	free(big);
	free(val);
	return tap_done();
}
