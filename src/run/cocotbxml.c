/* cocotbxml.c - see cocotbxml.h. */
#include "cocotbxml.h"

#include <expat.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

/* The parse's state: the test sought, how deep the parser is, and where
 * the testcase and the child whose text is kept began (0: not in one). */
struct reading {
	struct cocotb_case *c;
	const char *module, *name;	/* name NULL: any testcase */
	int depth;
	int in_case;		/* the depth of the testcase sought */
	int in_child;		/* the depth of its failure, error or skip */
	int done;		/* the testcase sought was read whole */
	struct buf body;
};

/* An attribute of an element, or NULL. */
static const char *
attr(const XML_Char **atts, const char *key)
{
	for (; atts[0]; atts += 2)
		if (strcmp(atts[0], key) == 0)
			return atts[1];
	return NULL;
}

static char *
dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

/* The children of a testcase that say it did not pass (JUnit's), and
 * what each means; the others are properties, system-err, ... */
static const struct {
	const char *element;
	enum cocotb_outcome outcome;
} verdicts[] = {
	{"failure", COCOTB_FAILED}, {"error", COCOTB_FAILED},
	{"skipped", COCOTB_SKIPPED},
};

/* The first child of the testcase that says it did not pass. */
static void
case_child(struct reading *rd, const char *el, const XML_Char **atts)
{
	struct cocotb_case *c = rd->c;
	size_t i;

	if (c->outcome != COCOTB_PASSED)
		return;	/* one verdict: the first */
	for (i = 0; i < sizeof verdicts / sizeof *verdicts; i++)
		if (strcmp(el, verdicts[i].element) == 0)
			break;
	if (i == sizeof verdicts / sizeof *verdicts)
		return;
	c->outcome = verdicts[i].outcome;
	c->message = dup_or_null(attr(atts, "message"));
	c->type = dup_or_null(attr(atts, "type"));
	rd->in_child = rd->depth;
}

static void XMLCALL
on_start(void *data, const XML_Char *el, const XML_Char **atts)
{
	struct reading *rd = data;
	const char *cls;

	rd->depth++;
	if (rd->in_case) {
		if (rd->depth == rd->in_case + 1)
			case_child(rd, el, atts);
		return;
	}
	if (strcmp(el, "testcase") != 0)
		return;
	rd->c->cases++;
	cls = attr(atts, "classname");
	if (rd->done || (rd->name && (!attr(atts, "name") ||
	    strcmp(attr(atts, "name"), rd->name) != 0 ||
	    (cls && strcmp(cls, rd->module) != 0))))
		return;
	rd->c->found = 1;
	rd->in_case = rd->depth;
}

static void XMLCALL
on_end(void *data, const XML_Char *el)
{
	struct reading *rd = data;

	(void)el;
	if (rd->in_child == rd->depth)
		rd->in_child = 0;
	if (rd->in_case == rd->depth) {
		rd->in_case = 0;
		rd->done = 1;
	}
	rd->depth--;
}

static void XMLCALL
on_text(void *data, const XML_Char *s, int len)
{
	struct reading *rd = data;
	size_t room = COCOTBXML_BODY_MAX - rd->body.len;

	/* the failure's own text, not that of an element inside it */
	if (!rd->in_child || rd->depth != rd->in_child || len <= 0)
		return;
	buf_add(&rd->body, s, (size_t)len < room ? (size_t)len : room);
}

/* Parse text for the testcase name of module (name NULL: the first). */
static int
parse(struct cocotb_case *c, const char *text, size_t len,
    const char *module, const char *name, struct buf *why)
{
	struct reading rd = {0};
	XML_Parser p;
	int rc = 0;

	memset(c, 0, sizeof *c);
	if (!(p = XML_ParserCreate(NULL)))
		fatal(0, "out of memory");
	rd.c = c;
	rd.module = module ? module : "";
	rd.name = name;
	XML_SetUserData(p, &rd);
	XML_SetElementHandler(p, on_start, on_end);
	XML_SetCharacterDataHandler(p, on_text);
	if (XML_Parse(p, text, (int)len, 1) == XML_STATUS_ERROR) {
		buf_printf(why, "line %lu: %s",
		    (unsigned long)XML_GetCurrentLineNumber(p),
		    XML_ErrorString(XML_GetErrorCode(p)));
		rc = -1;
	}
	XML_ParserFree(p);
	if (rc == 0 && rd.body.len)
		c->body = buf_steal(&rd.body);
	buf_free(&rd.body);
	if (rc != 0)
		cocotbxml_free(c);
	return rc;
}

int
cocotbxml_read(struct cocotb_case *c, const char *text, size_t len,
    const char *module, const char *name, struct buf *why)
{
	if (len > INT_MAX) {
		memset(c, 0, sizeof *c);
		buf_puts(why, "it is too large");
		return -1;
	}
	if (parse(c, text, len, module, name, why) != 0)
		return -1;
	if (!c->found && c->cases == 1)	/* the only one, by another name */
		return parse(c, text, len, module, NULL, why);
	return 0;
}

void
cocotbxml_free(struct cocotb_case *c)
{
	free(c->message);
	free(c->type);
	free(c->body);
	memset(c, 0, sizeof *c);
}
