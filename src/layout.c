/* layout.c - see layout.h. */
#include "layout.h"
#include "util.h"

const char *const top_files[TOP_N] = {"tests.list", "compiles.list",
	"specs.sums", "graph", "summary.txt", "results.json", "report.xml",
	"report.html", ".timeline", ".ninja_log", "resources", "history",
	"failures", "fixtures", "cocotb", "seeding", "waves.ninja", "waves",
	"waves.compiles", "waivers", "tools", "versions", "progress",
	"progress.plan", "progress.select"};

const char *const dir_files[DIR_N] = {"spec", "stamp", "result",
	"result.prev", "result.next", "pids", "repro.sh", "run",
	"compile.log", "deps.d", "lock", "state", "setup.log", "cleanup.log",
	"setup.result", "cleanup.result", "srun.log", "stop", "link.log", "model.time",
	"waves"};

/* BASE/REST, or REST without a base. */
static char *
under(const char *base, const char *rest)
{
	return base ? xasprintf("%s/%s", base, rest) : xstrdup(rest);
}

char *
layout_top(const char *builddir, enum top_file f)
{
	return under(builddir, top_files[f]);
}

char *
layout_test(const char *builddir, const char *name)
{
	return builddir ? xasprintf("%s/tests/%s", builddir, name) :
	    xasprintf("tests/%s", name);
}

char *
layout_design(const char *builddir, const char *hash)
{
	return builddir ? xasprintf("%s/designs/%s", builddir, hash) :
	    xasprintf("designs/%s", hash);
}

char *
layout_runtime(const char *builddir, const char *hash)
{
	return builddir ? xasprintf("%s/" LAYOUT_RUNTIME "/%s", builddir, hash) :
	    xasprintf(LAYOUT_RUNTIME "/%s", hash);
}

char *
layout_fixture(const char *builddir, const char *name)
{
	return builddir ? xasprintf("%s/fixtures/%s", builddir, name) :
	    xasprintf("fixtures/%s", name);
}

char *
layout_attempt(const char *dir, long long k)
{
	return xasprintf("%s/attempt.%lld", dir, k);
}

char *
layout_in(const char *dir, enum dir_file f)
{
	return under(dir, dir_files[f]);
}

char *
layout_test_file(const char *builddir, const char *name, enum dir_file f)
{
	return builddir ? xasprintf("%s/tests/%s/%s", builddir, name,
	    dir_files[f]) : xasprintf("tests/%s/%s", name, dir_files[f]);
}

char *
layout_test_log(const char *builddir, const char *name, const char *log)
{
	return builddir ? xasprintf("%s/tests/%s/run/%s", builddir, name,
	    log) : xasprintf("tests/%s/run/%s", name, log);
}
