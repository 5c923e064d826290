/* harness.h - what the fuzz targets share: one input at a time, in one
 * process, through code written for a batch program that runs once.
 *
 * The programs never free what lives as long as they do (util.h's memory
 * policy) and end at a fatal() error. Run in a loop, that would leak each
 * input's model and end the fuzzer at the first input the environment
 * refuses (a build directory where a file is). So each input runs inside
 * harness_begin() .. harness_end():
 *
 *   - memory: every block allocated in between and still held at the
 *     end is freed then (the sanitizer's malloc hooks keep the set), so
 *     the leak checker sees only what the code itself lost;
 *   - fatal(): its hook jumps back to HARNESS_RUN's caller, the input is
 *     abandoned (its blocks and descriptors kept or closed, see
 *     harness.c) and the next one runs;
 *   - files: the input runs in a fresh directory under one temporary
 *     directory made at the start, removed at the end of the input and
 *     of the process; the current directory is restored;
 *   - processes: posix_spawn is replaced by one that starts nothing
 *     (ENOENT), so no input runs a program (the generator asks cocotb
 *     and Verilator through it, capture.c).
 */
#ifndef COSIM_FUZZ_HARNESS_H
#define COSIM_FUZZ_HARNESS_H

#include <setjmp.h>
#include <stddef.h>
#include <stdint.h>

/* Where fatal() returns to: set by HARNESS_RUN. */
extern jmp_buf harness_jump;

/* Start an input: a fresh current directory, the arena on. Returns the
 * absolute path of that directory (the harness's). */
const char *harness_begin(void);
/* End it: free what it left, close what it opened, remove its files. */
void harness_end(void);
/* Make the files of directory src (its subdirectories and the files
 * inc-* at its top: the sources and the included files of the golden
 * tests, tests/manifest; copied once, at the first call, into the
 * harness's directory) appear in the input's directory, each a
 * symbolic link to its copy in a directory of its own: the files a
 * manifest names. Call after harness_begin. */
void harness_fixture(const char *src);
/* Whether path p (not NULL) stays inside the input's directory:
 * relative, without "..". */
int harness_inside(const char *p);
/* Write data[0..size) to path (in the input's directory): 0 or -1. */
int harness_put(const char *path, const uint8_t *data, size_t size);
/* Run stmt; a fatal() in it returns here. Use between begin and end. */
#define HARNESS_RUN(stmt) do { \
		if (setjmp(harness_jump) == 0) { \
			stmt; \
		} \
	} while (0)

#endif
