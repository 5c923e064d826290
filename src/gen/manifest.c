/* manifest.c - see manifest.h. */
#include "manifest.h"
#include "path.h"
#include "diag.h"
#include "util.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <ini.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define MAX_INCLUDE_DEPTH 16

struct reader {
	struct manifest *m;
	FILE *f;
	const char *file;
	char *real;		/* resolved path, for include cycles */
	struct reader *parent;
	int depth;
	int lineno;
	int has_name;		/* mirrors inih's prev_name being set */
	int cont;		/* the line just read is a continuation */
	int saw_content;	/* any section or key at all */
	int ignore;		/* keys follow a header already reported */
	int reported_outside;	/* said once: key before any header */
	struct msection *cur;	/* NULL: keys here are ignored */
	struct msection scratch;/* holds keys of a rejected header */
	const struct keydef *last_key;	/* key of the last name=value line */
	int last_key_bad;
	char *line;
	size_t cap;
};

static void load_file(struct manifest *m, const char *path, const char *from,
	int fromline, struct reader *parent);

/* inih's inline comment rule: ';' after white space starts a comment. */
static const char *
find_chars_or_comment(const char *s, const char *chars)
{
	int was_space = 0;

	while (*s && (!chars || !strchr(chars, *s)) && !(was_space && *s == ';')) {
		was_space = isspace((unsigned char)*s);
		s++;
	}
	return s;
}

int
manifest_name_ok(const char *s)
{
	const char *p;

	if (!*s || strcmp(s, ".") == 0 || strcmp(s, "..") == 0)
		return 0;
	for (p = s; *p; p++)
		if (!isalnum((unsigned char)*p) && !strchr("_.-", *p))
			return 0;
	return 1;
}

static char *
trim(const char *s, size_t n)
{
	while (n && isspace((unsigned char)*s)) {
		s++;
		n--;
	}
	while (n && isspace((unsigned char)s[n - 1]))
		n--;
	return xstrndup(s, n);
}

static uint64_t
section_hash(enum skind kind, const char *name)
{
	unsigned char k = (unsigned char)kind;

	return fnv1a(fnv1a(FNV_OFFSET, &k, 1), name, strlen(name));
}

/* Open addressing over sections; the table is at most half full. */
static struct msection **
index_slot(struct manifest *m, enum skind kind, const char *name)
{
	size_t i = (size_t)section_hash(kind, name) & (m->index_cap - 1);

	while (m->index[i] && (m->index[i]->kind != kind ||
	    strcmp(m->index[i]->name, name) != 0))
		i = (i + 1) & (m->index_cap - 1);
	return &m->index[i];
}

static struct msection *
find_section(struct manifest *m, enum skind kind, const char *name)
{
	return m->index_cap ? *index_slot(m, kind, name) : NULL;
}

static void
index_add(struct manifest *m, struct msection *s)
{
	if (2 * (m->nsections + 1) > m->index_cap) {
		size_t i;

		free(m->index);
		m->index_cap = m->index_cap ? m->index_cap * 2 : 64;
		m->index = xcalloc(m->index_cap, sizeof *m->index);
		for (i = 0; i < m->nsections; i++)
			*index_slot(m, m->sections[i]->kind,
			    m->sections[i]->name) = m->sections[i];
	}
	*index_slot(m, s->kind, s->name) = s;
}

static void
scratch_reset(struct reader *r)
{
	size_t i;

	for (i = 0; i < K_NKEYS; i++)
		free(r->scratch.v[i].raw);
	memset(&r->scratch, 0, sizeof r->scratch);
}

/* A "[...]" line: start points at '[' and the line holds a ']'. */
static void
section_header(struct reader *r, const char *start, const char *end)
{
	char *inner = trim(start + 1, (size_t)(end - start - 1));
	char *colon = strchr(inner, ':');
	char *kindword = colon ? trim(inner, (size_t)(colon - inner)) : xstrdup(inner);
	char *name = colon ? trim(colon + 1, strlen(colon + 1)) : NULL;
	enum skind kind = skind_find(kindword);
	struct msection *s;

	r->saw_content = 1;
	scratch_reset(r);
	r->cur = NULL;
	r->ignore = 1;
	if (!kind) {
		const char *sug = diag_suggest(kindword, skind_words);

		if (sug)
			diag_error(r->file, r->lineno,
			    "unknown section kind '%s' in [%s] (did you mean '%s'?)",
			    kindword, inner, sug);
		else
			diag_error(r->file, r->lineno,
			    "unknown section kind '%s' in [%s]; sections are "
			    "[cosimgen], [design:NAME], [test:NAME], "
			    "[resource:NAME], [fixture:NAME] and "
			    "[waiver:NAME]", kindword,
			    inner);
		goto out;
	}
	if (kind == SK_GLOBAL) {
		if (name)
			diag_error(r->file, r->lineno,
			    "[cosimgen] takes no name (found [%s])", inner);
		r->cur = &r->m->global;
		if (!r->m->global.file) {
			r->m->global.file = r->file;
			r->m->global.line = r->lineno;
		}
		goto out;
	}
	if (!name || !*name) {
		diag_error(r->file, r->lineno, "[%s] needs a name: [%s:NAME]",
		    inner, kindword);
		r->scratch.kind = kind;
		r->cur = &r->scratch;
		goto out;
	}
	if (!manifest_name_ok(name)) {
		diag_error(r->file, r->lineno,
		    "invalid %s name '%s': a name holds only letters, digits, "
		    "'_', '.' and '-', and is not '.' or '..' (it becomes a "
		    "directory name)", kindword, name);
		r->scratch.kind = kind;
		r->cur = &r->scratch;
		goto out;
	}
	if ((s = find_section(r->m, kind, name))) {
		diag_error(r->file, r->lineno,
		    "duplicate section [%s:%s] (first defined at %s:%d)",
		    kindword, name, s->file, s->line);
		r->scratch.kind = kind;
		r->cur = &r->scratch;
		goto out;
	}
	s = xcalloc(1, sizeof *s);
	s->kind = kind;
	s->name = xstrdup(name);
	s->file = r->file;
	s->line = r->lineno;
	index_add(r->m, s);
	if ((r->m->nsections & (r->m->nsections - 1)) == 0)	/* doubling */
		r->m->sections = xrealloc(r->m->sections, (r->m->nsections ?
		    2 * r->m->nsections : 1) * sizeof *r->m->sections);
	r->m->sections[r->m->nsections++] = s;
	r->cur = s;
out:
	free(inner);
	free(kindword);
	free(name);
}

static const char *
section_label(const struct msection *s, struct buf *b)
{
	buf_reset(b);
	if (s->kind == SK_GLOBAL)
		buf_puts(b, "[cosimgen]");
	else
		buf_printf(b, "[%s:%s]", skind_name(s->kind),
		    s->name ? s->name : "");
	return b->s;
}

static void
include_files(struct reader *r, const char *value)
{
	char **items, **p;
	char *dir;

	if (list_split(value, &items) < 0) {
		diag_error(r->file, r->lineno, "unterminated quote in 'include'");
		return;
	}
	dir = path_dirname(r->file);
	for (p = items; *p; p++) {
		char *path = path_join(dir, *p);
		struct msection *saved = r->cur;

		load_file(r->m, path, r->file, r->lineno, r);
		r->cur = saved;
		free(path);
	}
	free(dir);
	list_free(items);
}

/* An indented line: it continues the value of the last key. */
static void
continuation(struct reader *r, const char *value)
{
	const struct keydef *k = r->last_key;
	struct mvalue *v;

	if (r->last_key_bad || !r->cur || !k)
		return;
	if (k == &keys[K_INCLUDE]) {
		include_files(r, value);
		return;
	}
	{
		size_t n = strspn(value, "abcdefghijklmnopqrstuvwxyz_");
		char *word = xstrndup(value, n);

		if (n && value[n + strspn(value + n, " \t")] == '=' &&
		    key_find(word))
			diag_warning(r->file, r->lineno, "this indented line "
			    "continues '%s'; to set '%s', do not indent it",
			    k->name, word);
		free(word);
	}
	v = &r->cur->v[KEY_ID(k)];
	if (*value) {
		size_t n = strlen(v->raw);

		v->raw = xrealloc(v->raw, n + strlen(value) + 2);
		if (n)
			v->raw[n++] = ' ';
		strcpy(v->raw + n, value);
	}
}

static int
handler(void *user, const char *section, const char *name, const char *value)
{
	struct reader *r = user;
	const struct keydef *k;
	struct mvalue *v;
	struct buf label = {0};

	(void)section;	/* inih cuts it at 49 bytes; the reader knows better */
	if (r->cont) {
		continuation(r, value);
		return 1;
	}
	r->saw_content = 1;
	r->last_key = NULL;
	r->last_key_bad = 1;
	if (!r->cur) {
		/* Under a header already reported, keys are ignored; before
		 * any header, say so once per file. */
		if (!r->ignore && !r->reported_outside) {
			diag_error(r->file, r->lineno, "key '%s' outside any "
			    "section; start with [cosimgen], [design:NAME], "
			    "[test:NAME], [resource:NAME] or [fixture:NAME]",
			    name);
			r->reported_outside = 1;
		}
		return 1;
	}
	k = key_find(name);
	if (!k) {
		/* only a key the section takes: another would be an error */
		const char *sug = diag_suggest(name,
		    key_names(r->cur->kind));

		if (sug)
			diag_error(r->file, r->lineno,
			    "unknown key '%s' in %s (did you mean '%s'?)", name,
			    section_label(r->cur, &label), sug);
		else
			diag_error(r->file, r->lineno, "unknown key '%s' in %s",
			    name, section_label(r->cur, &label));
		goto out;
	}
	if (!(k->where & r->cur->kind)) {
		diag_error(r->file, r->lineno,
		    "key '%s' does not belong in %s; it is allowed in %s", name,
		    section_label(r->cur, &label), skind_where(k->where));
		goto out;
	}
	r->last_key = k;
	r->last_key_bad = 0;
	if (k == &keys[K_INCLUDE]) {
		/* not a setting: each file may include others */
		include_files(r, value);
		goto out;
	}
	v = &r->cur->v[KEY_ID(k)];
	if (v->raw) {
		diag_error(r->file, r->lineno,
		    "duplicate key '%s' in %s (first set at %s:%d); continue a "
		    "value on indented lines instead", name,
		    section_label(r->cur, &label), v->file, v->line);
		r->last_key_bad = 1;
		goto out;
	}
	v->raw = xstrdup(value);
	v->file = r->file;
	v->line = r->lineno;
out:
	buf_free(&label);
	return 1;
}

/* A value reaches ninja and make files and shell command lines, none of
 * which can carry a control character as it is (ninja cannot read a lone
 * carriage return at all): refuse them all but tab, once per line. A
 * header's name is checked as a name. */
static void
control_chars(struct reader *r, const char *line)
{
	static const char *const names[] = {[8] = "backspace",
		[10] = "line feed", [11] = "vertical tab", [12] = "form feed",
		[13] = "carriage return", [27] = "escape"};
	const unsigned char *p;

	for (p = (const unsigned char *)line; *p; p++) {
		if ((*p >= 0x20 && *p != 0x7f) || *p == '\t')
			continue;
		diag_error(r->file, r->lineno, "control character 0x%02x%s%s%s "
		    "at column %d: a value may hold no control character "
		    "but tab", *p, *p < 28 && names[*p] ? " (" : "",
		    *p < 28 && names[*p] ? names[*p] : "",
		    *p < 28 && names[*p] ? ")" : "",
		    (int)((const char *)p - r->line) + 1);
		return;
	}
}

/* A line longer than inih takes (limit): a header is lost with its
 * section; a value line damages its section. */
static void
too_long(struct reader *r, int header, size_t len, size_t limit)
{
	r->saw_content = 1;
	if (header) {
		diag_error(r->file, r->lineno, "section header is %zu bytes long; "
		    "the INI parser takes at most %zu", len, limit);
		r->cur = NULL;
		r->ignore = 1;
		r->has_name = 0;
	} else {
		if (r->cur)
			r->cur->damaged = 1;
		diag_error(r->file, r->lineno, "line is %zu bytes long; the INI "
		    "parser takes at most %zu: split the value over indented "
		    "continuation lines", len, limit);
	}
}

/* The reader handed to ini_parse_stream: one whole line per call. */
static char *
reader(char *str, int num, void *stream)
{
	struct reader *r = stream;
	ssize_t n;
	size_t len, limit = num > 3 ? (size_t)num - 3 : 0;
	char *start, *end;

	n = getline(&r->line, &r->cap, r->f);
	if (n < 0)
		return NULL;
	r->lineno++;
	len = (size_t)n;
	while (len && (r->line[len - 1] == '\n' || r->line[len - 1] == '\r'))
		len--;
	r->line[len] = '\0';
	if (strlen(r->line) != len) {
		if (r->cur)
			r->cur->damaged = 1;
		diag_error(r->file, r->lineno, "line holds a NUL byte");
		r->line[0] = '\0';
		len = 0;
	}
	start = r->line;
	if (r->lineno == 1 && strncmp(start, "\xEF\xBB\xBF", 3) == 0)
		start += 3;
	while (isspace((unsigned char)*start))
		start++;
	r->cont = 0;
	if (*start == ';' || *start == '#' || *start == '\0') {
		/* comment or blank: inih ignores it, whatever its length */
		str[0] = '\0';
		return str;
	}
	if (*start != '[')
		control_chars(r, start);
	if (len > limit) {
		too_long(r, *start == '[', len, limit);
		str[0] = '\0';
		return str;
	}
	if (r->has_name && start > r->line) {
		/* inih 55 keeps " ;" comments on continuation lines; newer
		 * versions cut them, as on key lines: do that everywhere */
		end = (char *)find_chars_or_comment(start, NULL);
		*end = '\0';
		len = (size_t)(end - r->line);
		r->cont = 1;
	} else if (*start == '[') {
		end = (char *)find_chars_or_comment(start + 1, "]");
		r->has_name = 0;
		if (*end != ']') {
			diag_error(r->file, r->lineno,
			    "section header without ']'");
			r->cur = NULL;
			r->ignore = 1;
			str[0] = '\0';
			return str;
		}
		section_header(r, start, end);
	} else {
		end = (char *)find_chars_or_comment(start, "=:");
		if (*end != '=' && *end != ':') {
			if (r->cur)
				r->cur->damaged = 1;
			diag_error(r->file, r->lineno,
			    "expected 'key = value', a [section] header or a "
			    "comment");
			str[0] = '\0';
			return str;
		}
		r->has_name = 1;
	}
	memcpy(str, r->line, len);
	str[len] = '\n';
	str[len + 1] = '\0';
	return str;
}

/* Whether r, the file at path included from from:fromline, may be read:
 * it is not being read already, not read before, not nested too deep. */
static int
include_ok(const struct manifest *m, const struct reader *r,
	const char *path, const char *from, int fromline)
{
	const struct reader *p;
	size_t i;

	for (p = r->parent; p; p = p->parent) {
		if (r->real && p->real && strcmp(r->real, p->real) == 0) {
			if (p == r->parent)
				diag_error(from, fromline, "'%s' includes itself",
				    path);
			else
				diag_error(from, fromline, "include cycle: '%s' "
				    "includes '%s', which is already being read",
				    r->parent->file, path);
			return 0;
		}
	}
	for (i = 0; r->real && i < m->nfiles; i++) {
		char *other = realpath(m->files[i], NULL);
		int same = other && strcmp(other, r->real) == 0;

		free(other);
		if (same) {
			diag_error(from, fromline, "'%s' is included more than "
			    "once", path);
			return 0;
		}
	}
	if (r->depth > MAX_INCLUDE_DEPTH) {
		diag_error(from, fromline, "includes nested more than %d deep",
		    MAX_INCLUDE_DEPTH);
		return 0;
	}
	return 1;
}

/* The most bytes a manifest or an included file may hold: a generated
 * manifest of 100,000 tests is some 10 MB. */
#define MANIFEST_MAX (256LL * 1024 * 1024)

/* Why a file of st cannot be a manifest (allocated), or NULL: only a
 * regular file of at most MANIFEST_MAX bytes is read, so a device or a
 * FIFO (/dev/zero, a pipe) is refused, not read without end. */
static char *
not_a_manifest(const struct stat *st)
{
	if (S_ISDIR(st->st_mode))
		return xstrdup("it is a directory");
	if (!S_ISREG(st->st_mode))
		return xasprintf("it is not a regular file but %s",
		    S_ISCHR(st->st_mode) || S_ISBLK(st->st_mode) ? "a device" :
		    S_ISFIFO(st->st_mode) ? "a FIFO" : "a socket");
	if ((long long)st->st_size > MANIFEST_MAX)
		return xasprintf("it is %lld bytes, more than the %lld MiB a "
		    "manifest may hold", (long long)st->st_size,
		    MANIFEST_MAX / 1024 / 1024);
	return NULL;
}

static void
load_file(struct manifest *m, const char *path, const char *from, int fromline,
	struct reader *parent)
{
	struct reader r;
	struct stat st;
	int rc, fd;
	char *stored, *what;

	memset(&r, 0, sizeof r);
	r.m = m;
	r.parent = parent;
	r.depth = parent ? parent->depth + 1 : 0;
	stored = xstrdup(path);
	r.file = stored;
	/* not blocking: a FIFO is refused below, not waited on */
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0 || fstat(fd, &st) != 0 || !(r.f = fdopen(fd, "r"))) {
		if (from)
			diag_error(from, fromline, "cannot read included file "
			    "'%s': %s", path, strerror(errno));
		else
			diag_error(path, 0, "cannot read the manifest: %s",
			    strerror(errno));
		if (fd >= 0)
			close(fd);
		free(stored);
		return;
	}
	if ((what = not_a_manifest(&st))) {
		if (from)
			diag_error(from, fromline, "cannot include '%s': %s",
			    path, what);
		else
			diag_error(path, 0, "cannot read the manifest: %s",
			    what);
		free(what);
		goto done;
	}
	fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
	r.real = realpath(path, NULL);
	if (!include_ok(m, &r, path, from, fromline))
		goto done;
	m->files = xrealloc(m->files, (m->nfiles + 1) * sizeof *m->files);
	m->files[m->nfiles++] = stored;
	stored = NULL;
	rc = ini_parse_stream(reader, &r, handler, &r);
	if (ferror(r.f))
		diag_error(path, 0, "read error: %s", strerror(errno));
	else if (rc > 0)
		diag_error(path, rc, "the INI parser rejected this line");
	if (!parent && !r.saw_content)
		diag_error(path, 0, "the manifest is empty: it needs at least "
		    "one [test:NAME] section");
done:
	scratch_reset(&r);
	fclose(r.f);
	free(r.real);
	free(r.line);
	free(stored);
}

void
manifest_load(struct manifest *m, const char *path)
{
	memset(m, 0, sizeof *m);
	m->path = path;
	m->global.kind = SK_GLOBAL;
	load_file(m, path, NULL, 0, NULL);
}
