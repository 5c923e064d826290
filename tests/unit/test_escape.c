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

/* Does a real parser take it? cmd reads the document on stdin. */
static int
parses(const char *cmd, const char *doc)
{
	FILE *p = popen(cmd, "w");

	if (!p)
		return 0;
	fputs(doc, p);
	return pclose(p) == 0;
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
	s = esc(esc_depfile, "inc dir/a#b$c.vh");
	CHECK(strcmp(s, "inc\\ dir/a\\#b$$c.vh") == 0,
	    "esc_depfile escapes space and #, doubles $");
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
	{
		/* bad UTF-8, a control character, every markup character */
		const char *nasty = "a<b>&\"'\t\n\x01 \xff\xc3\x28 \xc3\xa9 \xed\xa0\x80";
		char *x = esc(esc_xml, nasty), *j = esc(esc_json, nasty);
		struct buf doc = {0};

		CHECK(strcmp(x, "a&lt;b&gt;&amp;&quot;&#39;&#9;&#10;\xef\xbf\xbd "
		    "\xef\xbf\xbd\xef\xbf\xbd( \xc3\xa9 \xef\xbf\xbd\xef\xbf\xbd"
		    "\xef\xbf\xbd") == 0, "xml: markup, controls and bad UTF-8 (%s)", x);
		CHECK(strcmp(j, "\"a\\u003cb\\u003e\\u0026\\\"'\\t\\n\\u0001 "
		    "\\ufffd\\ufffd( \xc3\xa9 \\ufffd\\ufffd\\ufffd\"") == 0,
		    "json: escapes and bad UTF-8 (%s)", j);
		buf_printf(&doc, "<r a=\"%s\" b='%s'>%s</r>\n", x, x, x);
		CHECK(parses("xmllint --noout - 2>/dev/null", doc.s),
		    "xml: xmllint reads it in text and in both attribute quotes");
		buf_reset(&doc);
		buf_printf(&doc, "%s", j);
		CHECK(parses("python3 -c 'import json,sys; "
		    "v = json.load(sys.stdin); sys.exit(v[:2] != \"a<\")'", doc.s),
		    "json: python reads it back");
		buf_free(&doc);
		free(x);
		free(j);
	}
	return tap_done();
}
