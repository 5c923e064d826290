/* compile.h - cosim-run's compile mode: one compile edge of the graph,
 * and what a test learns from it.
 *
 * `cosim-run --compile SPEC` runs the command of a compile spec (spec.h)
 * from the directory the graph is in, in its own process group, with
 * stdout and stderr into one log, <dir>/compile.log (compilers interleave
 * them meaningfully). It enforces compile_timeout (which, with kill_grace,
 * it reads from its line of <builddir>/compiles.list, "ID TIMEOUT_MS
 * GRACE_MS DESIGN...": not from the spec, an input of the compile edge,
 * so that changing a limit recompiles nothing) with the tests' tree kill
 * (TERM, kill_grace, KILL, and every descendant) and answers an interrupt
 * as a test run does. Its output is removed first, so whatever is there
 * afterwards was built by this compile: an executable of an earlier
 * compile can never run against sources that no longer compile.
 *
 * It writes <dir>/result (status pass, fail, timeout, error or
 * interrupted; the reason, which for a failure is the compiler's first
 * error line, found by PCRE2 patterns for Verilator, Icarus, gcc, the
 * linker and make, else the log's last line; the log and that line's
 * number; start and duration; the designs, from <builddir>/compiles.list).
 * On success it turns what the compiler says it read (Verilator's
 * V<top>__ver.d, iverilog -M) into a gcc-style depfile "OUTPUT: FILE...",
 * which ninja (deps = gcc) and make (-include) both read, so an edited
 * `include`d file recompiles the design. On failure it prints one line,
 * which ninja and make show, and exits 0 all the same: the graph goes on to
 * the other tests and the report, and the edge, its output missing, runs
 * again next time.
 *
 * A compile whose spec has a link command (a Verilator design that links
 * a shared runtime) is two edges: `--compile SPEC` runs the command,
 * which makes the spec's objects (the model, before the link), and
 * `--compile --link SPEC` then runs the link command, which makes the
 * output, into <dir>/link.log. The link is an error without running when
 * the compile it needs (the runtime) did not pass; after a first edge that
 * failed it does nothing (that result stands); a result it writes spans
 * both edges (the first's start; the durations of both, not the wait
 * between them) and names link.log only when the link failed.
 *
 * A compile's result is in the directory of its output: that is how a
 * test, which names its simulator (sim) and VPI module (vpi), finds it
 * (compiled.h). */
#ifndef COSIM_COMPILE_H
#define COSIM_COMPILE_H

/* cosim-run --compile SPEC, with env the environment the compile is
 * given: returns the exit status (0 unless cosim-run itself fails). A
 * spec that says slurm runs through srun (slurm.h), as a supervisor that
 * hands args (cosim-run's arguments) on to the node, unless args is NULL
 * (--node: this is the node). linking: --link, the second edge. */
int compile_main(const char *specpath, char **env, char **args, int linking);

#endif
