/* cocotbinfo.h - what cosimgen knows of an installed cocotb and of the
 * tests of cocotb modules, and BUILDDIR/cocotb, where it is remembered
 * with the stamps of the files each fact was drawn from (cocotbprobe.h
 * asks cocotb). */
#ifndef COSIM_COCOTBINFO_H
#define COSIM_COCOTBINFO_H

#include <stddef.h>
#include "util.h"

/* A file as stat saw it. */
struct stamp {
	long long size;		/* -1: missing */
	long long mtime_ns;
};

/* One test of a module, as cocotb names and marks it. */
struct cocotb_case {
	char *name;		/* cocotb's own: TESTCASE (1.x), the name in
				 * COCOTB_TEST_FILTER's "module.name" (2.x) */
	long line;		/* of its function; 0: not in the module */
	int skip, expect_fail, expect_error;
};

/* A module to import: its file, its import name, and the directories to
 * put on sys.path after the one that name starts from (the PYTHONPATH its
 * tests get from the manifest's env). */
struct cocotb_ask {
	const char *path;	/* absolute */
	const char *name;	/* "test_fifo"; in a package, dotted from the
				 * top package: "tests.unit.test_rel" */
	const char *pythonpath;	/* absolute directories joined by ':', or
				 * NULL */
};

/* What importing a module showed. */
struct cocotb_module {
	char *path;		/* absolute */
	char *name;		/* as asked (struct cocotb_ask) */
	char *pythonpath;	/* as asked, or NULL */
	struct stamp stamp;
	struct cocotb_case *cases;
	size_t ncases;
	char **locals;		/* the user's files the import loaded
				 * (absolute), NULL-terminated */
	struct stamp *local_stamps;
	size_t nlocals;
	char *error;		/* the import failed: the exception's last
				 * line; NULL when it did not */
	char *error_file;	/* where, when known (absolute) */
	long error_line;
	long long err_at;	/* where what the import wrote begins in the
				 * script's stderr; -1: unknown */
	int used;		/* this generation uses it: the cache keeps it */
};

/* An installed cocotb, as the cocotb-config of it reports. */
struct cocotb_info {
	char *config;		/* the cocotb-config (absolute) */
	struct stamp config_stamp;
	char *version;		/* "1.9.2" */
	int major, minor;
	char *python, *libpython, *lib_dir, *share_dir;
	char *vpi_icarus;	/* lib-name-path vpi icarus: vvp -m takes it */
	char *vpi_icarus_file;	/* the file that is (1.x adds .vpl), or NULL */
	char *entry;		/* 2.x: the PYGPI entry point; else NULL */
	char *venv;		/* sys.prefix of a virtual environment, or */
	char *home;		/* of an interpreter that is not one */
	char *version_file;	/* cocotb's _version.py */
	struct stamp version_stamp;
	struct cocotb_module **modules;
	size_t nmodules;
	char *fail;		/* why cocotb could not tell (its version may
				 * be set); NULL when it did */
	int used;		/* this generation uses it: the cache keeps it */
};

/* What BUILDDIR/cocotb remembers. */
struct cocotb_cache {
	struct cocotb_info **infos;
	size_t ninfos;
	char *verilator;	/* the verilator found on the PATH, or NULL */
	struct stamp verilator_stamp;
	char *verilator_version;	/* what its --version said: "5.006" */
};

/* The stamp of path now. */
struct stamp stamp_of(const char *path);
/* Whether two stamps are of the same file content, as far as stat knows. */
int stamp_same(struct stamp a, struct stamp b);

/* Read the cache at path into c: the infos that still hold (whose
 * cocotb-config and _version.py are as they were), with their modules
 * whether they hold or not; nothing when the file is missing, corrupt, of
 * another format, or written with another script than the one at
 * script. */
void cocotb_cache_read(struct cocotb_cache *c, const char *path,
	const char *script);
/* The cache's text for c: its used infos without a failure and their
 * used modules that imported, each with its stamps. */
char *cocotb_cache_text(const struct cocotb_cache *c, const char *script);
/* Whether a remembered info still holds: its cocotb-config and its
 * _version.py are as they were. */
int cocotb_info_fresh(const struct cocotb_info *i);
/* Whether a remembered module still holds: it and its local files are as
 * they were. */
int cocotb_module_fresh(const struct cocotb_module *m);
/* Whether two asks are of one import. */
int cocotb_ask_same(const struct cocotb_ask *a, const struct cocotb_ask *b);
/* The module of i imported as a says, or NULL. */
struct cocotb_module *cocotb_module_find(const struct cocotb_info *i,
	const struct cocotb_ask *a);
/* Drop the modules of i imported as the n asks say (to be asked
 * again). */
void cocotb_modules_forget(struct cocotb_info *i,
	const struct cocotb_ask *asks, size_t n);
/* Read what templates/cosim_cocotb.py printed, text (taken over), into i:
 * its facts, and a module for each it imported. 0, or -1 when the text
 * is not of that format. */
int cocotb_info_read(struct cocotb_info *i, char *text);

/* Parse "MAJOR.MINOR..." into *major and *minor; -1 when it is not
 * one. */
int cocotb_version_pair(const char *v, int *major, int *minor);

#endif
