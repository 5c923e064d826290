/* uvmsummary.h - the report summary a UVM testbench prints at its end.
 *
 * uvm_report_server's summarize() (UVM 1.1, 1.2, IEEE 1800.2) prints,
 * directly or inside a UVM_INFO report of id UVM/REPORT/SERVER:
 *
 *     --- UVM Report Summary ---
 *
 *     Quit count :     0 of    10          (when a quit count is set)
 *     ** Report counts by severity
 *     UVM_INFO :   12
 *     UVM_WARNING :    0
 *     UVM_ERROR :    2
 *     UVM_FATAL :    0
 *     ** Report counts by id
 *     [TEST]     3
 *
 * each count "%s :%5d", so "UVM_ERROR :123456" too; simulators' transcripts
 * may put their own prefix before every line ("# ", "# KERNEL: "). The
 * reader takes the lines of one log in order and keeps the counts of the
 * last table seen: a count is taken only after the header and the
 * severity heading, so a count line cannot match by accident, and a
 * table cut short (the simulator killed) keeps what it had printed. The
 * counts are what the testbench itself concluded: an error counted but
 * never displayed (its action UVM_COUNT without UVM_DISPLAY, or logged to
 * a file) is in them, and an error a report catcher demoted is not. */
#ifndef COSIM_UVMSUMMARY_H
#define COSIM_UVMSUMMARY_H

#include <stddef.h>

enum uvm_severity { UVM_SEV_INFO, UVM_SEV_WARNING, UVM_SEV_ERROR,
	UVM_SEV_FATAL, UVM_SEV_N };

/* The words of the severities: "UVM_INFO", ... */
extern const char *const uvm_severity_names[UVM_SEV_N];

/* A summary's counts: only a seen summary has them. */
struct uvm_summary {
	int seen;		/* a count of the table was read */
	long long count[UVM_SEV_N];
	int stream;		/* where the table's header is: a log stream
				 * (the reader's caller says which) */
	size_t line;		/* and its line, from 1 */
};

/* The reader of one log. */
struct uvm_reader {
	int state;		/* where in a table it is (uvmsummary.c) */
	int stream;
	size_t idle;		/* lines since the header, before the
				 * severity heading */
	struct uvm_summary cur;	/* the table being read */
};

/* Start reading the log of stream (kept in the summaries it finds). */
void uvm_reader_start(struct uvm_reader *u, int stream);
/* Take line lineno (len bytes, no newline) of the log; a count of a table
 * replaces *last with that table as read so far. */
void uvm_reader_line(struct uvm_reader *u, const char *line, size_t len,
	size_t lineno, struct uvm_summary *last);
/* Whether a seen summary counts a UVM_ERROR or a UVM_FATAL. */
int uvm_summary_fails(const struct uvm_summary *s);

#endif
