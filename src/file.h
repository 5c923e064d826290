/* file.h - whole files read, and written atomically: every file the tools
 * write goes through here. Below the build directory, no link cosim-run
 * did not make is followed on the way to one (beneath.h). */
#ifndef COSIM_FILE_H
#define COSIM_FILE_H

#include <stddef.h>

/* Read a whole file, opened by beneath_open (a link under the build
 * directory is not followed); returns NULL (errno set) when it cannot be
 * read. */
char *file_read(const char *path, size_t *len);
/* Write data to path through a temp file in the same directory and rename;
 * returns 0, or -1 with errno set (the temp file is removed). */
int file_write_atomic(const char *path, const char *data, size_t len);
/* Like file_write_atomic, with the file created with mode (less the
 * umask): 0777 for a script. */
int file_write_atomic_mode(const char *path, const char *data, size_t len,
    unsigned mode);
/* Like file_write_atomic_mode, with path relative to the directory open
 * on dirfd (AT_FDCWD: the current one), which saves the kernel looking
 * up its leading directories in each of the calls. */
int file_write_atomic_at(int dirfd, const char *path, const char *data,
    size_t len, unsigned mode);
/* Create path (relative to dirfd), which must not exist, holding data:
 * it appears whole or not at all. Where the file system has unnamed
 * files (O_TMPFILE), the data goes into one that is then linked in:
 * fewer system calls than a temp file and a rename, and no name to
 * clean up; elsewhere it falls back to file_write_atomic_at. Returns 0,
 * or -1 with errno set (EEXIST when path exists). */
int file_create_at(int dirfd, const char *path, const char *data, size_t len,
    unsigned mode);
/* Write data over path in place, growing or cutting it to size: not
 * atomic, for a file no reader looks at until it is renamed. 0 or -1. */
int file_write_in_place(const char *path, const char *data, size_t len);
/* Like file_write_in_place, of name in the directory open on dirfd
 * (path names it in messages). */
int file_write_in_place_at(int dirfd, const char *name, const char *path,
    const char *data, size_t len);
/* Like file_write_atomic, for a file rewritten again and again: the data
 * goes into prev first, then path and prev swap names, so that readers of
 * path see the old or the new content whole and prev holds the one before.
 * prev is a name beside path, spelled with the same directory. */
int file_write_keeping(const char *path, const char *prev, const char *data,
    size_t len);
/* Whether the file at path holds exactly data (0 when it cannot be read). */
int file_holds(const char *path, const char *data, size_t len);
/* Like file_write_atomic, but leaves the file alone when it already holds
 * exactly this data. Returns 1 when written, 0 when unchanged, -1 on error. */
int file_write_if_changed(const char *path, const char *data, size_t len);
/* Like file_write_if_changed, with the mode of file_write_atomic_mode. */
int file_write_if_changed_mode(const char *path, const char *data, size_t len,
    unsigned mode);
/* Remove path and, for a directory, everything under it; what cannot
 * be removed stays (a path that is not there is no error). No link is
 * followed: a link is removed itself. */
void file_remove_tree(const char *path);
/* Like file_remove_tree, of name in the directory open on dirfd. */
void file_remove_at(int dirfd, const char *name);
/* unlink(2) of path, no link on its way followed. */
int file_unlink(const char *path);
/* rename(2) of from to to, no link on their way followed. */
int file_rename(const char *from, const char *to);
/* Create a directory and its parents (mode 0777 & ~umask); 0 or -1.
 * Below the build directory, a link in the place of one is fatal. */
int mkdir_p(const char *path);

#endif
