/* beneath.h - paths under the build directory, resolved without
 * following a symbolic link cosim-run did not make.
 *
 * Someone who can write in a build directory could plant a link there
 * (pids -> ~/.bashrc, tests/a/run -> ~/src) and have the launcher write,
 * truncate, touch or empty what it points to. Once the root is set
 * (cosim-run sets it to the spec's builddir), a path spelled under it
 * ("BUILDDIR/tests/a/pids", or absolute under its real path) is resolved
 * from a descriptor of the root, one openat2(RESOLVE_BENEATH |
 * RESOLVE_NO_SYMLINKS) where the kernel has it, else component by
 * component with O_NOFOLLOW. The root itself may be a link (build ->
 * /scratch/build): that is the user's choice, made before the root was
 * opened. Paths elsewhere, and every path before the root is set (as in
 * cosimgen), are used as they are.
 *
 * What a link found below the root does: one on the way to a path or in
 * the place of a directory (tests/NAME, designs/HASH) is a fatal error
 * naming it; one in the place of a file created if missing (O_CREAT) is
 * removed, the link itself, with a warning, and the file made anew, as a
 * rename over it would; one in the place of a file only read or appended
 * to (O_CREAT not asked) is not opened (ELOOP). */
#ifndef COSIM_BENEATH_H
#define COSIM_BENEATH_H

#include <sys/types.h>

/* Resolve paths under dir from now on (NULL: no root); dies when dir
 * cannot be opened. */
void beneath_root(const char *dir);
/* open(2) of path, resolved as above; -1 with errno set. */
int beneath_open(const char *path, int flags, mode_t mode);
/* The directory path open (O_PATH) for the *at calls on its files,
 * reached as above (a link in its place is fatal); -1 with errno set. */
int beneath_open_dir(const char *path);
/* openat(2) of leaf in dirfd (from beneath_dir or beneath_open_dir),
 * with what a link there does as above; path names it in messages.
 * With AT_FDCWD, a plain openat. */
int beneath_openat(int dirfd, const char *leaf, const char *path, int flags,
    mode_t mode);
/* The directory holding path, open (O_PATH), with *leaf set to path's
 * last component: for the *at calls on one name. AT_FDCWD and path
 * itself for a path not under the root (or the root itself); -1 (errno
 * set) when the directory cannot be opened. A trailing slash stays in
 * *leaf (a directory's). Give it back with beneath_done. */
int beneath_dir(const char *path, const char **leaf);
/* Close a directory from beneath_dir (not AT_FDCWD or the root),
 * errno left as it was. */
void beneath_done(int dirfd);
/* Remove leaf of dirfd when it is a symbolic link, saying so on stderr
 * (path names it there): it stands where cosim-run puts a file or a
 * directory of its own. Returns 1 when removed, else 0. */
int beneath_unlink_link(int dirfd, const char *leaf, const char *path);
/* Remove every symbolic link in the directory path (under the root) and
 * in its subdirectories, each with beneath_unlink_link's warning: before
 * a tool that writes there what it likes (a compiler) runs. A link in
 * the place of path itself is fatal. */
void beneath_unlink_links(const char *path);
/* Die when leaf of dirfd is a symbolic link: path names it. */
void beneath_refuse_link(int dirfd, const char *leaf, const char *path);
/* The absolute path of path when it is under the root (its real path,
 * the root's links resolved), else NULL; malloc'd. */
char *beneath_abs(const char *path);

#endif
