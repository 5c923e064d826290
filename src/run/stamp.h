/* stamp.h - the stamp of a test edge (cosim-run --stamp FILE): the file
 * ninja and make see, which exists, newer than the spec, only after a
 * pass or skip, so that the edge of a failed test stays dirty. */
#ifndef COSIM_STAMP_H
#define COSIM_STAMP_H

/* Touch the stamp after a pass, remove it otherwise; dies on failure. */
void stamp_set(const char *stamp, int pass);
/* Tell ninja's log (in builddir, as the graph sets it) that stamp, made
 * outside ninja for test name, is up to date; a failure to is only told
 * (the next ninja runs the test again). */
void stamp_tell_ninja(const char *stamp, const char *builddir,
    const char *name);

#endif
