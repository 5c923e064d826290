/* signature.h - a failure's signature: the line that decided it, with
 * what varies from run to run and from test to test taken out, so that
 * tests that fail for the same reason have the same signature and fall
 * into one bucket (buckets.h), in this run and across runs (the history
 * records it).
 *
 * The line is, for a test that did not pass: the first error of the
 * compile that kept it from running ("compile: " before it), the reason
 * its fixture's setup failed ("fixture: "), the log line a fail pattern
 * matched, the first line of what the test said (a cocotb test's
 * exception), or else the launcher's reason (a timeout, a crash, an exit
 * status). Normalising it:
 *
 *   - a path (a word with a '/' and a letter) keeps its last part:
 *     "/home/ann/rtl/fifo.sv:12" -> "fifo.sv:<n>";
 *   - a value: "0x1f", a Verilog literal's digits "8'hff", "'b1010",
 *     and a word of hex digits with a decimal digit among them (what
 *     %h and %d print, "0000001f", "3c", "91", a hash), with a decimal
 *     number's fraction and exponent -> "0x<n>", "<n>'h<n>", "'b<n>",
 *     "<n>"; a word of letters alone ("ff", "bad") stays a word;
 *   - every other run of digits (in a name: "u_core3", "t12") -> "<n>";
 *   - runs of white space -> one space; none at either end;
 *   - at most SIGNATURE_MAX bytes (cut at a UTF-8 character). */
#ifndef COSIM_SIGNATURE_H
#define COSIM_SIGNATURE_H

#include <stddef.h>

struct report;

/* The longest signature, in bytes. */
#define SIGNATURE_MAX 200

/* The normalised form of the first line of text (len bytes; it stops at
 * a newline), with prefix (or NULL) before it: allocated. */
char *signature_of(const char *prefix, const char *text, size_t len);

/* Set the signature of every test of rp that did not pass (tally fail,
 * timeout, crash or error) but was not interrupted (the run was, not the
 * test); the others keep NULL. */
void signature_all(struct report *rp);
/* Free the signatures signature_all set (a merged report's entries are
 * copies that no results_free reaches). */
void signature_free(struct report *rp);

#endif
