/* diag.h - manifest diagnostics, collected so every error is reported at once.
 *
 * Each diagnostic names a file and a line, GCC style, so editors can jump to
 * it: "tests.ini:12: error: unknown key 'timout' ...". They are kept until
 * diag_flush(), which prints them ordered by file (in the order files were
 * opened) and line, then clears the list. */
#ifndef COSIM_DIAG_H
#define COSIM_DIAG_H

/* Record an error at file:line (line 0: the file as a whole). */
void diag_error(const char *file, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Record a warning; warnings never change the exit status. */
void diag_warning(const char *file, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Until called again with NULLs, write 'name' as 'base' in what is
 * recorded: the errors of the tests one written section makes (expand.h)
 * then name that section, and each is recorded once. A diagnostic
 * recorded already is never recorded again. */
void diag_alias(const char *name, const char *base);
/* Number of errors recorded since the start. */
int diag_errors(void);
/* Print every recorded diagnostic to stderr, sorted, and forget them. */
void diag_flush(void);
/* Forget every diagnostic, the files they name and the count of errors:
 * as at the start, for a program that checks more than one manifest (the
 * fuzz targets, fuzz/). */
void diag_reset(void);
/* The suggestion for a misspelt word among candidates (NULL-terminated), or
 * NULL when none is close enough: within 1 edit for words of up to 4
 * letters, 2 up to 8, 3 beyond, and at most about a third of the word. */
const char *diag_suggest(const char *word, const char *const *candidates);
/* Record "WHO names unknown WHAT 'WORD'" at file:line, with the
 * suggestion among names (NULL-terminated) when one is close, else with
 * hint after it. */
void diag_unknown(const char *file, int line, const char *who,
	const char *what, const char *word, const char *const *names,
	const char *hint);

#endif
