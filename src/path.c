/* path.c - see path.h. */
#include "path.h"
#include "util.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

char *
path_normalize(const char *p)
{
	struct buf out = {0};
	size_t *starts = NULL, depth = 0, cap = 0, ups = 0;
	int abs = p[0] == '/';
	const char *s = p;

	/* Components are pushed with their start offset so ".." can pop one;
	 * leading ".." of a relative path are kept. */
	if (abs)
		buf_putc(&out, '/');
	while (*s) {
		const char *e;
		size_t n;

		while (*s == '/')
			s++;
		if (!*s)
			break;
		e = strchr(s, '/');
		n = e ? (size_t)(e - s) : strlen(s);
		if (n == 1 && s[0] == '.') {
			/* skip */
		} else if (n == 2 && s[0] == '.' && s[1] == '.' && depth > ups) {
			depth--;
			out.len = starts[depth];
			out.s[out.len] = '\0';
		} else if (n == 2 && s[0] == '.' && s[1] == '.' && abs) {
			/* "/.." is "/" */
		} else {
			if (depth == cap) {
				cap = cap ? cap * 2 : 16;
				starts = xreallocarray(starts, cap, sizeof *starts);
			}
			starts[depth] = out.len;
			if (out.len && out.s[out.len - 1] != '/')
				buf_putc(&out, '/');
			if (n == 2 && s[0] == '.' && s[1] == '.')
				ups++;
			buf_add(&out, s, n);
			depth++;
		}
		s += n;
	}
	free(starts);
	if (out.len == 0)
		buf_putc(&out, '.');
	return buf_steal(&out);
}

char *
path_join(const char *a, const char *b)
{
	char *j, *r;

	if (b[0] == '/' || a[0] == '\0' || (a[0] == '.' && a[1] == '\0'))
		return path_normalize(b);
	j = xasprintf("%s/%s", a, b);
	r = path_normalize(j);
	free(j);
	return r;
}

char *
path_dirname(const char *p)
{
	const char *slash = strrchr(p, '/');

	if (!slash)
		return xstrdup(".");
	if (slash == p)
		return xstrdup("/");
	return xstrndup(p, (size_t)(slash - p));
}

char *
path_absolute(const char *p)
{
	char *cwd = getcwd(NULL, 0), *a;

	if (!cwd)
		fatal(errno, "cannot tell the current directory");
	a = path_join(cwd, p);
	free(cwd);
	return a;
}

char *
path_realdir(const char *dir)
{
	char *r = realpath(dir, NULL);

	if (!r)
		fatal(errno, "%s", dir);
	return r;
}

char *
path_relative(const char *from, const char *to)
{
	struct buf out = {0};
	size_t i = 0, common = 0;
	const char *rest;

	/* Find the longest common prefix ending at a component boundary. */
	while (from[i] && to[i] && from[i] == to[i]) {
		i++;
		if (from[i - 1] == '/')
			common = i;
	}
	if ((!from[i] || from[i] == '/') && (!to[i] || to[i] == '/'))
		common = i;
	for (rest = from + common; *rest; rest++) {
		if (*rest == '/')
			continue;
		buf_puts(&out, out.len ? "/.." : "..");
		while (rest[1] && rest[1] != '/')
			rest++;
	}
	rest = to + common;
	while (*rest == '/')
		rest++;
	if (*rest) {
		if (out.len)
			buf_putc(&out, '/');
		buf_puts(&out, rest);
	}
	if (!out.len)
		buf_putc(&out, '.');
	return buf_steal(&out);
}

char *
path_search(const char *prog, const char *path, const char *cwd)
{
	int denied = 0;

	if (!*prog) {
		errno = ENOENT;
		return NULL;
	}
	if (strchr(prog, '/'))
		return xstrdup(prog);
	for (;;) {
		size_t n = strcspn(path, ":");
		/* an empty entry is the current directory, as for execvp */
		char *dir = n ? xstrndup(path, n) : xstrdup(".");
		char *cand = dir[0] == '/' || !cwd ?
		    xasprintf("%s/%s", dir, prog) :
		    xasprintf("%s/%s/%s", cwd, dir, prog);
		struct stat st;
		int found;

		free(dir);
		found = stat(cand, &st) == 0;
		if (found && S_ISREG(st.st_mode) && access(cand, X_OK) == 0)
			return cand;
		/* as execve: a directory or a file it may not run is EACCES,
		 * and the search goes on */
		denied |= found || errno == EACCES;
		free(cand);
		if (!path[n])
			break;
		path += n + 1;
	}
	errno = denied ? EACCES : ENOENT;
	return NULL;
}


char *
path_self(void)
{
	char buf[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);

	if (n <= 0)
		return NULL;
	buf[n] = '\0';
	return xstrdup(buf);
}
