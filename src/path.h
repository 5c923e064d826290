/* path.h - paths as strings: joined, normalised, made relative; and a
 * program found through a search path. */
#ifndef COSIM_PATH_H
#define COSIM_PATH_H

/* Join two path parts; an absolute b or an empty a gives b alone. The
 * result is lexically normalised ("a/./b" -> "a/b", "a/x/../b" -> "a/b"). */
char *path_join(const char *a, const char *b);
/* Lexically normalise a path; "" becomes ".". */
char *path_normalize(const char *p);
/* Directory part of a path ("." when there is none). */
char *path_dirname(const char *p);
/* p made absolute from the current directory and normalised, without
 * asking the file system (p need not exist); dies when the current
 * directory cannot be told. */
char *path_absolute(const char *p);
/* Absolute, symlink-free form of an existing directory; dies on error. */
char *path_realdir(const char *dir);
/* Relative path from directory `from` to `to` (both absolute, normalised). */
char *path_relative(const char *from, const char *to);
/* The program prog as execvp finds it, but through the search path given
 * (a PATH value) rather than the process's own: prog itself when it holds
 * a slash, else the first executable regular file in a directory of path
 * (a relative one, and an empty one as ".", taken from cwd when cwd is
 * not NULL). Returns it allocated, or NULL with errno EACCES when a file
 * of that name was found but none can be run (a directory, a file without
 * x), else ENOENT. */
char *path_search(const char *prog, const char *path, const char *cwd);
/* The absolute path of the running program (/proc/self/exe), allocated,
 * or NULL when it cannot be read. */
char *path_self(void);

#endif
