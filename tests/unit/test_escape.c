/* Unit tests of escape.c: shell words must survive a real /bin/sh, ninja
 * and make escaping must produce what the tools read back. */
#include "escape.h"
#include "tap.h"

#include <stdlib.h>
#include <string.h>

/* Ask /bin/sh to print the word back. */
static char *
through_sh(const char *word)
{
	struct buf cmd = {0};
	char out[4096];
	size_t n;
	FILE *p;

	buf_puts(&cmd, "printf '%s' ");
	esc_shell(&cmd, word);
	p = popen(cmd.s, "r");
	n = fread(out, 1, sizeof out - 1, p);
	out[n] = '\0';
	pclose(p);
	buf_free(&cmd);
	return xstrdup(out);
}

static char *
esc(void (*fn)(struct buf *, const char *), const char *s)
{
	struct buf b = {0};

	fn(&b, s);
	return buf_steal(&b);
}

int
main(void)
{
	static const char *hostile[] = {
		"plain", "with space", "it's", "\"double\"", "$HOME", "`id`",
		"$(id)", "a;b", "a&b|c", "new\nline", "tab\there", "*", "?",
		"~", "back\\slash", "'", "''", "-n", "a:b", "{x}", "#hash",
		"!bang", "", NULL};
	const char **h;
	char *s;

	for (h = hostile; *h; h++) {
		s = through_sh(*h);
		CHECK(strcmp(s, *h) == 0, "esc_shell round trip through sh: #%d",
		    (int)(h - hostile));
		free(s);
	}
	s = esc(esc_shell, "abc/d.e-f_g+h=i:j,k@l%m");
	CHECK(strcmp(s, "abc/d.e-f_g+h=i:j,k@l%m") == 0,
	    "esc_shell leaves safe words unquoted");
	free(s);
	s = esc(esc_shell, "");
	CHECK(strcmp(s, "''") == 0, "esc_shell quotes the empty word");
	free(s);

	s = esc(esc_ninja_path, "a b:c$d");
	CHECK(strcmp(s, "a$ b$:c$$d") == 0, "esc_ninja_path escapes $ space :");
	free(s);
	s = esc(esc_ninja_value, "  x $y z");
	CHECK(strcmp(s, "$ $ x $$y z") == 0,
	    "esc_ninja_value escapes $ and leading blanks only");
	free(s);

	CHECK(esc_make_path_ok("rtl/a-b_c.sv"), "make path ok: plain");
	CHECK(!esc_make_path_ok("a b.sv"), "make path rejected: space");
	CHECK(!esc_make_path_ok("a:b.sv"), "make path rejected: colon");
	CHECK(!esc_make_path_ok("a#b"), "make path rejected: hash");
	CHECK(!esc_make_path_ok("a%b"), "make path rejected: percent");
	CHECK(!esc_make_path_ok("a*b"), "make path rejected: wildcard");
	CHECK(!esc_make_path_ok(""), "make path rejected: empty");
	s = esc(esc_make_recipe, "echo $x # not a comment");
	CHECK(strcmp(s, "echo $$x # not a comment") == 0,
	    "esc_make_recipe doubles $ and keeps #");
	free(s);
	s = esc(esc_make_value, "'a#b' $c");
	CHECK(strcmp(s, "'a\\#b' $$c") == 0, "esc_make_value escapes # and $");
	free(s);

	for (h = hostile; *h; h++) {
		char *copy;

		s = esc(esc_line, *h);
		CHECK(strchr(s, '\n') == NULL, "esc_line gives one line: #%d", (int)(h - hostile));
		copy = unesc_line(xstrdup(s));
		CHECK(strcmp(copy, *h) == 0, "esc_line round trip: #%d", (int)(h - hostile));
		free(copy);
		free(s);
	}
	s = esc(esc_line, "\\n\n\r\\");
	CHECK(strcmp(s, "\\\\n\\n\\r\\\\") == 0, "esc_line escapes exactly");
	free(s);
	return tap_done();
}
