/* cocotbprobe.c - see cocotbprobe.h. */
#include "cocotbprobe.h"
#include "capture.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* i fails for why (allocated), and the child's stderr goes to the user
 * when it holds more than the line why quotes. */
static void
failed(struct cocotb_info *i, char *why, const char *cmd, const char *err)
{
	const char *nl = err ? strchr(err, '\n') : NULL;

	if (nl && nl[strspn(nl, "\n")]) {
		fflush(stdout);
		fprintf(stderr, "cosimgen: %s said:\n%s%s", cmd, err,
		    err[strlen(err) - 1] == '\n' ? "" : "\n");
	}
	free(i->fail);
	i->fail = why;
}

/* What a child's end means, for a message: "exit status 1". */
static char *
ending(int rc, const char *err)
{
	char *last = capture_last_line(err), *r;

	if (rc > 128)
		r = xasprintf("killed by signal %d%s%s", rc - 128,
		    *last ? ": " : "", last);
	else
		r = xasprintf("exit status %d%s%s", rc, *last ? ": " : "", last);
	free(last);
	return r;
}

/* i->python from `cocotb-config --python-bin`; 0, or -1 after failed(). */
static int
python_bin(struct cocotb_info *i)
{
	char *argv[] = {i->config, "--python-bin", NULL};
	struct buf out = {0}, err = {0};
	char *cmd = xasprintf("%s --python-bin", i->config), *why;
	int rc = capture_run(i->config, argv, &out, &err);

	if (rc < 0) {
		failed(i, xasprintf("cannot run %s: %s", i->config,
		    strerror(errno)), cmd, NULL);
	} else if (rc != 0) {
		why = ending(rc, err.s);
		failed(i, xasprintf("'%s' failed (%s)", cmd, why), cmd, err.s);
		free(why);
	} else {
		i->python = capture_last_line(out.s);
		if (!*i->python) {
			free(i->python);
			i->python = NULL;
			failed(i, xasprintf("'%s' printed nothing", cmd), cmd,
			    err.s);
		}
	}
	free(cmd);
	buf_free(&out);
	buf_free(&err);
	return i->python ? 0 : -1;
}

/* Make m what ask a brought: its stamp as taken before the import, its
 * local files' now. 0, or -1 when the script printed another module. */
static int
took(struct cocotb_module *m, const struct cocotb_ask *a, struct stamp st)
{
	size_t k;

	if (strcmp(m->path, a->path) != 0)
		return -1;
	m->name = xstrdup(a->name);
	m->pythonpath = a->pythonpath ? xstrdup(a->pythonpath) : NULL;
	m->stamp = st;
	for (k = 0; k < m->nlocals; k++)
		m->local_stamps[k] = stamp_of(m->locals[k]);
	return 0;
}

/* The script's arguments: each module, after "-p DIRS" when it has
 * directories of its own for sys.path and "-m NAME", its import name. */
static char **
probe_argv(const struct cocotb_info *i, const char *script,
	const struct cocotb_ask *asks, size_t n)
{
	char **argv = xcalloc(5 * n + 4, sizeof *argv);
	size_t k, a = 0;

	argv[a++] = i->python;
	argv[a++] = "-B";
	argv[a++] = (char *)script;
	for (k = 0; k < n; k++) {
		if (asks[k].pythonpath) {
			argv[a++] = "-p";
			argv[a++] = (char *)asks[k].pythonpath;
		}
		argv[a++] = "-m";
		argv[a++] = (char *)asks[k].name;
		argv[a++] = (char *)asks[k].path;
	}
	return argv;
}

/* Whether the modules of i from base on are the n asked, in order (none
 * when cocotb's version stopped the script). */
static int
modules_took(struct cocotb_info *i, size_t base,
	const struct cocotb_ask *asks, const struct stamp *stamps, size_t n)
{
	size_t k;

	if (i->nmodules == base)
		return n == 0 || !i->lib_dir;	/* stopped at the version */
	if (i->nmodules - base != n)
		return 0;
	for (k = 0; k < n; k++)
		if (took(i->modules[base + k], &asks[k], stamps[k]) < 0)
			return 0;
	return 1;
}

void
cocotb_probe(struct cocotb_info *i, const char *script,
	const struct cocotb_ask *asks, size_t n)
{
	struct buf out = {0}, err = {0};
	char **argv, *cmd, *why;
	struct stamp *stamps;
	size_t k, base;
	int rc;

	if (!i->python && python_bin(i) < 0)
		return;
	cocotb_modules_forget(i, asks, n);
	/* stamped before they are read: an edit meanwhile is seen next time */
	stamps = xcalloc(n + 1, sizeof *stamps);
	for (k = 0; k < n; k++)
		stamps[k] = stamp_of(asks[k].path);
	base = i->nmodules;
	argv = probe_argv(i, script, asks, n);
	cmd = xasprintf("%s %s", i->python, script);
	rc = capture_run(i->python, argv, &out, &err);
	if (rc < 0) {
		failed(i, xasprintf("cannot run %s (from '%s --python-bin'): %s",
		    i->python, i->config, strerror(errno)), cmd, NULL);
	} else if (rc != 0) {
		why = ending(rc, err.s);
		failed(i, xasprintf("%s (from '%s --python-bin') cannot tell "
		    "where cocotb is (%s)", i->python, i->config, why), cmd,
		    err.s);
		free(why);
	} else if (cocotb_info_read(i, buf_steal(&out)) != 0 ||
	    !i->version || !modules_took(i, base, asks, stamps, n)) {
		failed(i, xasprintf("%s printed what cosimgen cannot read",
		    cmd), cmd, err.s);
	} else {
		i->version_stamp = stamp_of(i->version_file ? i->version_file :
		    "");
	}
	free(stamps);
	free(cmd);
	free(argv);
	buf_free(&out);
	buf_free(&err);
}

char *
cocotb_verilator_version(const char *path)
{
	char *argv[] = {(char *)path, "--version", NULL};
	struct buf out = {0};
	char *v = NULL;

	if (capture_run(path, argv, &out, NULL) == 0 &&
	    strncmp(out.s, "Verilator ", 10) == 0)
		v = xstrndup(out.s + 10, strcspn(out.s + 10, " \n"));
	buf_free(&out);
	return v;
}
