/* scan.h - the log scan: PCRE2 patterns over the four log streams.
 *
 * A pattern item is "[STREAM:]REGEX", STREAM one of sim, test, sim.out,
 * sim.err, test.out, test.err or all (the default). Failure patterns fail
 * the test at the first matching line; warning patterns record their first
 * match; pass patterns must each match somewhere in their streams; skip
 * patterns mark the test skipped at their first matching line. The
 * built-in failure patterns catch Verilator's %Error/%Fatal, Icarus'
 * ERROR:/FATAL:, GHDL's error and failure assertions and reports,
 * UVM_ERROR/UVM_FATAL reports and the word "error" in any
 * case, but not summary lines
 * such as "0 errors" or "3 errors found". Patterns are compiled once, and
 * JIT-compiled (where PCRE2 has a JIT) when the logs are large enough for
 * it to pay. The JIT honours the match limit but not the depth limit: its
 * own stack is its bound, and a match that overflows it is tried again
 * without the JIT, under the depth limit. The same pass reads the UVM
 * report summary (uvmsummary.h), with or without patterns. */
#ifndef COSIM_SCAN_H
#define COSIM_SCAN_H

#include <stddef.h>
#include "util.h"
#include "uvmsummary.h"

/* Lines longer than this are matched on their first SCAN_LINE_MAX bytes. */
#define SCAN_LINE_MAX 65536

enum stream { ST_SIM_OUT, ST_SIM_ERR, ST_TEST_OUT, ST_TEST_ERR, ST_N };
enum pkind { PK_FAIL, PK_WARN, PK_PASS, PK_SKIP };

extern const char *const stream_files[ST_N];	/* "sim.out", ... */

struct pattern {
	enum pkind kind;
	unsigned streams;	/* 1 << ST_* bits */
	char *text;		/* the item as written */
	void *re;		/* pcre2_code */
	int found;		/* PK_PASS: matched somewhere */
};

struct scanner {
	struct pattern *p;
	size_t n;
	long long limit_ms;	/* the whole scan's time bound; 0: none */
};

/* Compile one item. Returns 0, or -1 with *err an allocated message that
 * names the offset of the problem in the item. */
int scan_add(struct scanner *s, enum pkind kind, const char *item,
	char **err);
/* Add the built-in failure patterns. */
void scan_defaults(struct scanner *s);
/* Add the one of them that fails GHDL's error and failure assertions
 * and reports, which GHDL's run goes on after (error) or which a
 * testbench may catch: on for every GHDL run, default_patterns or not. */
void scan_ghdl(struct scanner *s);
/* Free the patterns. */
void scan_free(struct scanner *s);

struct scan_hit {
	enum stream stream;
	size_t line;
	char *text;		/* the line, cut at 200 bytes */
	const char *pattern;
};

struct scan_report {
	struct scan_hit fail;	/* fail.text NULL: no failure matched */
	struct scan_hit skip;	/* skip.text NULL: no skip pattern matched */
	struct scan_hit warn[8];/* first match of up to 8 warning patterns */
	size_t nwarn;
	size_t warn_lines;	/* lines any warning pattern matched */
	const char *missing;	/* first pass pattern never matched */
	struct uvm_summary uvm;	/* the last UVM report summary of the
				 * logs (read whatever the patterns) */
	char *error;		/* set: the scan could not be completed (a
				 * pattern that cannot be evaluated on a line,
				 * or the time bound), and says why */
};

/* Scan the log files in dir (missing files are empty streams). Each match
 * is bounded by PCRE2's match and depth limits, and the whole scan by
 * s->limit_ms: a pattern that cannot be evaluated on a line, or a scan
 * past its bound, stops the scan with r->error set, never a silent "no
 * match". */
void scan_logs(struct scanner *s, const char *dir, struct scan_report *r);
/* Free what scan_logs stored. */
void scan_report_free(struct scan_report *r);

#endif
