/* provenance.h - what a run was made with: the cosimgen version, the
 * versions of the simulators the suite uses and of its cocotb, the git
 * revision of the manifest's directory, and the hosts its tests ran on.
 * The report shows it (results.json, report.xml, report.html) and the
 * history records it with the run.
 *
 * BUILDDIR/tools, which the generator writes (gen/tools.h), names the
 * simulator programs the designs use, their cocotb's version and the
 * manifest's directory (toolsfile.h). The report finds each program on
 * its PATH and asks its version (PROGRAM --version; iverilog -V): the
 * first word of the first line that starts with a digit. The answers
 * are kept in BUILDDIR/versions by the program's path, size and time,
 * so that a report runs no program while the one found is the same
 * file as before: the report runs after every ninja, and must stay
 * fast. The revision is `git describe --always --dirty --abbrev=12`,
 * asked each time (an edit makes it -dirty); nothing when the directory
 * is in no git work tree or there is no git. */
#ifndef COSIM_PROVENANCE_H
#define COSIM_PROVENANCE_H

struct report;

/* Set rp->provenance: "KEY=VALUE" items, cosimgen first, then each
 * program, cocotb, git, and hosts (a comma-separated list). Updates
 * BUILDDIR/versions when what it knows changed. */
void provenance_load(struct report *rp);
/* Free rp->provenance. */
void provenance_free(struct report *rp);

#endif
