/* layout.h - where everything is in a build directory: the one place that
 * spells its tree.
 *
 *   BUILDDIR/tests.list      the tests and their labels (cosimgen)
 *   BUILDDIR/compiles.list   the compiles, their limits and designs
 *   BUILDDIR/specs.sums      a hash of each test's spec, for rewrites
 *   BUILDDIR/graph           which graph owns the directory
 *   BUILDDIR/.ninja_log      ninja's log (the graph puts it there)
 *   BUILDDIR/resources/      the locks of the slots of each resource
 *                            (NAME.INDEX), lock and queue/ (resources.h)
 *   BUILDDIR/history         the run history (history.h)
 *   BUILDDIR/cocotb          what the generator learnt of the installed
 *                            cocotb and the tests of each cocotb module,
 *                            kept until one of them changes
 *   BUILDDIR/failures        the failures of the current run, for
 *                            max_failures
 *   BUILDDIR/progress        the running tally of the current run, and
 *   BUILDDIR/progress.plan   the tests it counts from, with their
 *   BUILDDIR/progress.select expected durations; the tests `cosimgen run`
 *                            selected (run/progress.h)
 *   BUILDDIR/seeding         the seed epoch and the seeds override
 *                            (seeding.h)
 *   BUILDDIR/fixtures/NAME/  a fixture: spec, lock, state, setup.log,
 *                            cleanup.log, setup.result, cleanup.result
 *   BUILDDIR/tests/NAME/     spec, stamp, result (.prev, .next), pids,
 *                            srun.log and stop (under executor = slurm:
 *                            what srun itself said; the supervisor's
 *                            request to stop), repro.sh and run/ (the run
 *                            directory, with
 *                            the logs sim.out, sim.err, test.out, test.err);
 *                            attempt.K/ (an earlier attempt: result, run/)
 *   BUILDDIR/designs/HASH/   a compile: spec, result, compile.log, deps.d,
 *                            srun.log, link.log and model.time (a
 *                            Verilator design's link, an edge of its
 *                            own) and what it builds
 *   BUILDDIR/runtime/HASH/   Verilator's runtime (libverilated.a), built
 *                            once for the designs compiled with the same
 *                            options: a compile, as designs/HASH
 *   BUILDDIR/vpi/            the VPI module every Icarus run loads
 *   BUILDDIR/waves.ninja     the waves runs and the compiles of the
 *                            waves variants, a graph of its own (its
 *                            .ninja_log in BUILDDIR/waves/)
 *   BUILDDIR/waves.compiles  the compiles.list of the waves variants
 *   BUILDDIR/waivers         the manifest's waivers, for the report
 *                            (waiver.h); none without one
 *   BUILDDIR/tools           the simulators the suite uses, its cocotb
 *                            and the manifest's directory, for the
 *                            report's provenance (report/provenance.h)
 *   BUILDDIR/versions        what each of those tools said its version
 *                            was, by its path, size and time
 *   BUILDDIR/tests/NAME/waves/  the test's waves run, laid out as a
 *                            test directory, with LAYOUT_WAVEFORM
 *   BUILDDIR/summary.txt, results.json, report.xml, report.html,
 *   BUILDDIR/.timeline       what cosimgen report writes
 *
 * Functions return allocated paths; a NULL builddir gives the path
 * relative to the build directory. */
#ifndef COSIM_LAYOUT_H
#define COSIM_LAYOUT_H

/* The files at the top of a build directory. */
enum top_file {
	TOP_TESTS_LIST, TOP_COMPILES_LIST, TOP_SPECS_SUMS, TOP_GRAPH,
	TOP_SUMMARY, TOP_RESULTS_JSON, TOP_REPORT_XML, TOP_REPORT_HTML,
	TOP_TIMELINE, TOP_NINJA_LOG, TOP_RESOURCES, TOP_HISTORY, TOP_FAILURES,
	TOP_FIXTURES, TOP_COCOTB, TOP_SEEDING,
	TOP_WAVES_NINJA,	/* the graph of the waves runs (gen/waves.h) */
	TOP_WAVES,		/* that graph's own ninja builddir */
	TOP_WAVES_COMPILES,	/* compiles.list of the waves variants */
	TOP_WAIVERS,		/* the manifest's waivers (waiver.h) */
	TOP_TOOLS,		/* what the suite is run with (provenance.h) */
	TOP_VERSIONS,		/* the versions of those tools, cached */
	TOP_PROGRESS,		/* the running tally (run/progress.h) */
	TOP_PROGRESS_PLAN,	/* and what it counts from (gen/progressplan.h) */
	TOP_PROGRESS_SELECT,	/* the tests `cosimgen run` selected */
	TOP_N
};

/* The files in a test's or a compile's directory. */
enum dir_file {
	DIR_SPEC, DIR_STAMP, DIR_RESULT, DIR_RESULT_PREV, DIR_RESULT_NEXT,
	DIR_PIDS, DIR_REPRO, DIR_RUN, DIR_COMPILE_LOG, DIR_DEPS,
	/* a fixture's */
	DIR_LOCK, DIR_STATE, DIR_SETUP_LOG, DIR_CLEANUP_LOG, DIR_SETUP_RESULT,
	DIR_CLEANUP_RESULT,
	DIR_SRUN_LOG,	/* srun's own messages (executor = slurm) */
	DIR_STOP,	/* there: the supervisor asks the node to stop */
	DIR_LINK_LOG,	/* a compile's link, when it is an edge of its own */
	DIR_MODEL_TIME,	/* and when its first edge began and how long it
			 * took, for the link's result */
	DIR_WAVES,	/* a test's waves run: a test directory of its own */
	DIR_N
};

/* The name of a top file: "tests.list", ... */
extern const char *const top_files[TOP_N];
/* The name of a file in a test's or compile's directory: "spec", ... */
extern const char *const dir_files[DIR_N];
/* The results file cocotb writes in a cocotb test's run directory. */
#define LAYOUT_COCOTB_RESULTS "results.xml"
/* The coverage data a coverage build writes in a test's run directory. */
#define LAYOUT_COVERAGE_DATA "coverage.dat"
/* The directory of the merged coverage data and its annotated sources,
 * relative to builddir (cosimgen report). */
#define LAYOUT_COVERAGE "coverage"
/* The directory of Verilator's runtimes, relative to builddir. */
#define LAYOUT_RUNTIME "runtime"
/* The waveform of a waves run, in its directory. */
#define LAYOUT_WAVEFORM "waves.fst"
/* The directory of the VPI module's compile, relative to builddir. */
#define LAYOUT_VPI "vpi"

/* BUILDDIR/FILE. */
char *layout_top(const char *builddir, enum top_file f);
/* BUILDDIR/tests/NAME. */
char *layout_test(const char *builddir, const char *name);
/* BUILDDIR/designs/HASH. */
char *layout_design(const char *builddir, const char *hash);
/* BUILDDIR/runtime/HASH. */
char *layout_runtime(const char *builddir, const char *hash);
/* BUILDDIR/fixtures/NAME. */
char *layout_fixture(const char *builddir, const char *name);
/* DIR/attempt.K: attempt K (from 1) of a test whose directory is DIR,
 * kept when another attempt followed it. */
char *layout_attempt(const char *dir, long long k);
/* DIR/FILE, for a directory of layout_test, layout_design,
 * layout_runtime, layout_fixture or layout_attempt. */
char *layout_in(const char *dir, enum dir_file f);
/* BUILDDIR/tests/NAME/FILE. */
char *layout_test_file(const char *builddir, const char *name,
	enum dir_file f);
/* BUILDDIR/tests/NAME/run/LOG, LOG a file of the run directory. */
char *layout_test_log(const char *builddir, const char *name,
	const char *log);

#endif
