/* Unit tests of signature.c: what varies between runs and tests is taken
 * out (numbers, hex values, Verilog literals, hashes, paths, times,
 * seeds, instance indices), what names the problem stays, and lines that
 * differ only in those parts get one signature. */
#include "report/signature.h"
#include "tap.h"

#include <stdlib.h>
#include <string.h>

/* Whether the signature of text (with prefix) is want. */
static int
sig_is(const char *prefix, const char *text, const char *want)
{
	char *got = signature_of(prefix, text, strlen(text));
	int ok = strcmp(got, want) == 0;

	if (!ok)
		printf("# got '%s'\n# want '%s'\n", got, want);
	free(got);
	return ok;
}

/* Whether a and b have the same signature. */
static int
same(const char *a, const char *b)
{
	char *x = signature_of(NULL, a, strlen(a));
	char *y = signature_of(NULL, b, strlen(b));
	int ok = strcmp(x, y) == 0;

	free(x);
	free(y);
	return ok;
}

int
main(void)
{
	char *long_line, *s;

	CHECK(sig_is(NULL, "ERROR: checksum mismatch, expected 91 got 17",
	    "ERROR: checksum mismatch, expected <n> got <n>"),
	    "numbers become <n>");
	CHECK(sig_is(NULL, "UVM_ERROR @ 1250 ns: uvm_test_top.env.agt[3] "
	    "[SCB] data 0x1F != 0xdeadBEEF",
	    "UVM_ERROR @ <n> ns: uvm_test_top.env.agt[<n>] [SCB] data 0x<n> "
	    "!= 0x<n>"), "times, instance indices and hex values");
	CHECK(sig_is(NULL, "got 8'hff want 32'sd12 or 'b10x1_z",
	    "got <n>'h<n> want <n>'sd<n> or 'b<n>"),
	    "Verilog literals keep their base");
	CHECK(sig_is(NULL, "%Error: /home/ann/proj/rtl/fifo.sv:12:5: syntax "
	    "error, unexpected ';'",
	    "%Error: fifo.sv:<n>:<n>: syntax error, unexpected ';'"),
	    "a path keeps its last part");
	CHECK(sig_is(NULL, "cannot open out/run.42/", "cannot open <dir>/"),
	    "a path that ends in '/' is a directory");
	CHECK(sig_is(NULL, "design 1f0c2a9e5d7b3c48 failed; abcdefgh ok",
	    "design <n> failed; abcdefgh ok"),
	    "a hash is a value; a word of letters is a word");
	CHECK(sig_is(NULL, "exp 0000001f got 3c, not ff or a5 at t7",
	    "exp <n> got <n>, not ff or <n> at t<n>"),
	    "%%h values without 0x are values; letters alone stay");
	CHECK(same("mismatch: exp 0000001f got 00000020",
	    "mismatch: exp 000000ab got 000000cd"),
	    "a mismatch of hex values is one signature whatever the data");
	CHECK(sig_is(NULL, "  seed=1234   took 1.5e-3 s\t\t ok  ",
	    "seed=<n> took <n> s ok"), "white space folds; fractions and "
	    "exponents are one number");
	CHECK(sig_is("compile", "rtl/a.sv:3: syntax error\nmore",
	    "compile: a.sv:<n>: syntax error"),
	    "a prefix, and only the first line");
	CHECK(sig_is(NULL, "[2026-12-06 10:00:01] FAIL u_core3 x=3/4",
	    "[<n>-<n>-<n> <n>:<n>:<n>] FAIL u_core<n> x=<n>/<n>"),
	    "a timestamp, an index in a name, a fraction is no path");
	CHECK(same("FAIL: t12 went wrong at 0x1000 (seed 77)",
	    "FAIL: t3 went wrong at 0xabc (seed 123456)"),
	    "lines differing in seeds, tests and addresses share one");
	CHECK(!same("FAIL: overflow in fifo", "FAIL: underflow in fifo"),
	    "different words stay different");
	long_line = malloc(1001);
	memset(long_line, 'x', 1000);
	long_line[1000] = '\0';
	s = signature_of(NULL, long_line, 1000);
	CHECK(strlen(s) == SIGNATURE_MAX, "at most %d bytes", SIGNATURE_MAX);
	free(s);
	memcpy(long_line + SIGNATURE_MAX - 1, "\xc3\xa9", 2);
	s = signature_of(NULL, long_line, 1000);
	CHECK(strlen(s) == SIGNATURE_MAX - 1, "cut before a UTF-8 character");
	free(s);
	free(long_line);
	CHECK(sig_is(NULL, "", ""), "an empty line");
	return tap_done();
}
