#!/usr/bin/env python3
"""Helpers for bench/generate.sh (python3 stdlib only).

    bench.py manifest N DIR          write DIR/tests.ini and DIR/rtl/d*.sv
    bench.py gentime ...             time cosimgen (cold: fresh dirs; warm)
    bench.py prime DIR FILE LOG [--create]
                                     make the graph in DIR/FILE up to date
                                     without running ninja (see prime())
    bench.py handwritten DIR OUT     write a hand-written equivalent graph
    bench.py compare DIR A B         compare the graphs of two ninja files
    bench.py noop DIR ...            time no-op ninja runs, interleaved
    bench.py designs ...             time generation of N designs, each
                                     with one test, for several N
    bench.py pack DIR OUT            list DIR's spec files for writefloor
    bench.py floor ...               cosimgen cold beside writefloor,
                                     paired and alternating

Times are wall clock from os.posix_spawn to os.wait4 (time.perf_counter),
so they include one spawn of the program (~0.3 ms) and nothing of Python's
start-up. Peak RSS is the child's own ru_maxrss from wait4.
"""

import argparse
import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

NDESIGNS = 3
PLAIN_EVERY = 10        # every 10th test is a plain command test


def say(*a):
    print(*a, flush=True)


def table_row(label, a, b, ratio, goal):
    """A row of bench/all.sh's summary table, as bench/pair.py writes
    them, when PAIR_TABLE names the table."""
    table = os.environ.get("PAIR_TABLE")
    if table:
        with open(table, "a") as f:
            f.write("%s\t%.3f\t%.3f\t%.2f\t%s\n" % (label, a, b, ratio, goal))


# ---------------------------------------------------------------- manifest

def cmd_manifest(args):
    n, d = args.n, args.dir
    os.makedirs(os.path.join(d, "rtl"), exist_ok=True)
    for i in range(NDESIGNS):
        with open(os.path.join(d, "rtl", "d%d.sv" % i), "w") as f:
            f.write("module d%d; endmodule\n" % i)
    out = ["; bench/generate.sh: %d tests on %d designs\n" % (n, NDESIGNS),
           "[cosimgen]\nbuilddir = cosim-out\n\n"]
    for i in range(NDESIGNS):
        out.append("[design:d%d]\nsimulator = custom\ncompile = touch {sim}\n"
                   "run = true\nsources = rtl/d%d.sv\n\n" % (i, i))
    plain = 0
    for k in range(n):
        out.append("[test:t%d]\n" % k)
        if k % PLAIN_EVERY == PLAIN_EVERY - 1:
            plain += 1
        else:
            out.append("design = d%d\n" % (k % NDESIGNS))
        out.append("command = true\nplusargs = +i=%d\n\n" % k)
    with open(os.path.join(d, "tests.ini"), "w") as f:
        f.write("".join(out))
    print("%d %d" % (n - plain, plain))


# ---------------------------------------------------------------- running

def spawn(argv, cwd, stdout_path=None, stderr_path=None):
    """Run argv in cwd; return (seconds, status, maxrss_kb)."""
    fa = [(os.POSIX_SPAWN_OPEN, 0, os.devnull, os.O_RDONLY, 0),
          (os.POSIX_SPAWN_OPEN, 1, stdout_path or os.devnull,
           os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644),
          (os.POSIX_SPAWN_OPEN, 2, stderr_path or os.devnull,
           os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)]
    old = os.getcwd()
    os.chdir(cwd)
    try:
        t0 = time.perf_counter()
        pid = os.posix_spawn(argv[0], argv, os.environ, file_actions=fa)
        _, status, ru = os.wait4(pid, 0)
        t1 = time.perf_counter()
    finally:
        os.chdir(old)
    return t1 - t0, os.waitstatus_to_exitcode(status), ru.ru_maxrss


def fmt_s(x):
    return "%.3f s" % x if x < 10 else "%.1f s" % x


def fmt_short(x):
    return "%.3f" % x if x < 1 else "%.2f" % x if x < 10 else "%.1f" % x


def summary_line(label, n, times, runs_wanted, why=""):
    med = statistics.median(times)
    extra = "%d run%s" % (len(times), "" if len(times) == 1 else "s")
    if len(times) < runs_wanted:
        extra += " of %d: %s" % (runs_wanted, why)
    return "%-24s %7d tests: median %s (min %s, max %s; %s)" % (
        label, n, fmt_s(med), fmt_short(min(times)), fmt_short(max(times)),
        extra)


def more_runs(times, runs, budget):
    """Run again? Stop at `runs`, or when one more run would take the
    total past `budget` seconds (at least one run is always made)."""
    if len(times) >= runs:
        return False, ""
    if times and sum(times) + statistics.median(times) > budget:
        return False, "one run takes %s, over the %g s budget " \
            "(BENCH_BUDGET)" % (fmt_s(statistics.median(times)), budget)
    return True, ""


def fmt_rss(kb):
    """wait4's peak RSS of a child, which cannot be below ours."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    if kb <= own * 1.05:
        return "<= %.1f MB (the spawner's own)" % (own / 1024.0)
    return "%.1f MB" % (kb / 1024.0)


def record(out, **kv):
    with open(out, "a") as f:
        for k, v in kv.items():
            f.write("%s %s\n" % (k, v))


def outputs_mtimes(d):
    """mtime_ns of build.ninja, of every file directly in cosim-out
    (tests.list and whatever else cosimgen keeps there) and of every
    spec."""
    m = {"build.ninja": os.stat(os.path.join(d, "build.ninja")).st_mtime_ns}
    for e in os.scandir(os.path.join(d, "cosim-out")):
        if e.is_file():
            m["cosim-out/" + e.name] = e.stat().st_mtime_ns
    tdir = os.path.join(d, "cosim-out", "tests")
    for e in os.scandir(tdir):
        try:
            m[e.name] = os.stat(os.path.join(e.path, "spec")).st_mtime_ns
        except OSError:
            m[e.name] = None
    return m


def cmd_gentime(args):
    argv = args.argv
    if argv and argv[0] == "--":
        argv = argv[1:]
    times, rss = [], []
    why = ""
    errf = os.path.join(args.workdir, "gentime.stderr")
    before = outputs_mtimes(args.src) if args.mode == "warm" else None
    i = 0
    while True:
        go, why = more_runs(times, args.runs, args.budget)
        if not go:
            break
        i += 1
        if args.mode == "cold":
            # a fresh directory each time: the first one is kept (it is
            # the tree ninja runs in), the others are removed after use
            d = args.keep_first if i == 1 else \
                os.path.join(args.workdir, "cold%d" % i)
            os.makedirs(d)
            shutil.copy2(os.path.join(args.src, "tests.ini"), d)
            shutil.copytree(os.path.join(args.src, "rtl"),
                            os.path.join(d, "rtl"))
        else:
            d = args.src
        t, st, kb = spawn(argv, d, stderr_path=errf)
        if st != 0:
            say("  cosimgen failed (exit %d):" % st)
            with open(errf) as f:
                say("  " + "  ".join(f.readlines()[-10:]))
            sys.exit(1)
        times.append(t)
        rss.append(kb)
        if args.mode == "cold" and i > 1:
            shutil.rmtree(d)
    say(summary_line("generate " + args.mode, args.n, times, args.runs, why))
    # wait4's ru_maxrss of a child spawned from this Python process is at
    # least this process's own peak (exec keeps the old mm's high-water
    # mark), so when a run is cheap, measure once more under GNU time.
    gnu_time = "/usr/bin/time"
    rss_how = "wait4: at least the spawner's own %.0f MB" % (
        resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0)
    peak = max(rss)
    if os.access(gnu_time, os.X_OK) and statistics.median(times) < \
            args.rss_max:
        d = args.src
        if args.mode == "cold":
            d = os.path.join(args.workdir, "cold-rss")
            os.makedirs(d)
            shutil.copy2(os.path.join(args.src, "tests.ini"), d)
            shutil.copytree(os.path.join(args.src, "rtl"),
                            os.path.join(d, "rtl"))
        tf = os.path.join(args.workdir, "rss")
        _, st, _ = spawn([gnu_time, "-f", "%M", "-o", tf] + argv, d)
        if st == 0:
            peak = int(open(tf).read().split()[-1])
            rss_how = "GNU time, one more run"
        if args.mode == "cold":
            shutil.rmtree(d)
    kv = {"gen_%s" % args.mode: statistics.median(times),
          "rss_%s" % args.mode: peak}
    kv["rss_how_%s" % args.mode] = rss_how
    if before is not None:
        after = outputs_mtimes(args.src)
        changed = sorted(k for k in after if before.get(k) != after[k])
        if changed:
            say("  warm runs changed %d file(s) on disk, e.g. %s" %
                (len(changed), ", ".join(changed[:3])))
        else:
            top = sorted(k for k in after if "/" in k or k == "build.ninja")
            say("  warm runs left %s and all %d specs untouched" % (
                ", ".join(os.path.basename(k) for k in top),
                len(after) - len(top)))
        kv["warm_changed"] = len(changed)
    record(args.out, **kv)


# ---------------------------------------------------------------- ninja log

_M = 0xc6a4a7935bd1e995
_MASK = (1 << 64) - 1


def murmur64a(b):
    """ninja's BuildLog hash of a command (MurmurHash64A, its seed)."""
    n = len(b)
    h = (0xDECAFBADDECAFBAD ^ (n * _M)) & _MASK
    i = 0
    while n - i >= 8:
        k = int.from_bytes(b[i:i + 8], "little")
        k = (k * _M) & _MASK
        k ^= k >> 47
        k = (k * _M) & _MASK
        h ^= k
        h = (h * _M) & _MASK
        i += 8
    if n - i:
        h ^= int.from_bytes(b[i:], "little")
        h = (h * _M) & _MASK
    h ^= h >> 47
    h = (h * _M) & _MASK
    h ^= h >> 47
    return h


def compdb(d, f):
    r = subprocess.run(["ninja", "-C", d, "-f", f, "-t", "compdb"],
                       capture_output=True, check=True)
    return [e for e in json.loads(r.stdout) if e["command"]]


def cmd_prime(args):
    """Bring DIR/FILE to the state one real `ninja` run leaves, as far as
    ninja can tell, without running ninja: with --create, make every output
    in manifest order (a test edge `exec STUB --stamp STAMP SPEC` gets its
    stamp, the report edge a summary.txt saying it was primed: no result
    files are written; other commands, the compiles, run through /bin/sh),
    then write the .ninja_log ninja would have written: one v5 line per
    output, the command's MurmurHash64A and the output's mtime. Generator
    edges get no line, as in a real run where the manifest was not
    regenerated. Every timed no-op run checks for "no work to do"."""
    d = args.dir
    ents = compdb(d, args.file)
    gen_outputs = {args.file}
    lines = ["# ninja log v5\n"]
    if args.create:
        say("  priming: writing %d outputs without running ninja" %
            len(ents))
        for e in ents:
            if e["output"] in gen_outputs:
                continue
            c = e["command"]
            m = re.match(r"exec (\S+) --stamp (\S+) (\S+)$", c)
            if not m:
                # ninja creates the directories of an edge's outputs
                # first (a stamp goes beside its spec: that one exists)
                os.makedirs(os.path.join(d, os.path.dirname(e["output"])),
                            exist_ok=True)
            if m:
                # the stamp only: ninja never looks at result files, and on
                # a slow file system every file created costs ~0.2 ms
                open(os.path.join(d, m.group(2)), "w").close()
            elif re.match(r"exec (\S+) report (\S+)$", c):
                with open(os.path.join(d, e["output"]), "w") as f:
                    f.write("(primed by bench/bench.py: no test ran)\n")
            else:
                r = subprocess.run(["/bin/sh", "-c", c], cwd=d,
                                   stdout=subprocess.PIPE, text=True)
                if r.returncode:
                    say("  priming: command failed (%d): %s" %
                        (r.returncode, c))
    t = 0
    missing = 0
    for e in ents:
        out = e["output"]
        if out in gen_outputs:
            continue
        try:
            mt = os.stat(os.path.join(d, out)).st_mtime_ns
        except OSError:
            missing += 1
            continue
        lines.append("%d\t%d\t%d\t%s\t%x\n" % (
            t, t + 1, mt, out, murmur64a(e["command"].encode())))
        t += 1
    os.makedirs(os.path.dirname(os.path.join(d, args.log)) or ".",
                exist_ok=True)
    with open(os.path.join(d, args.log), "w") as f:
        f.write("".join(lines))
    if missing:
        say("  priming: %d outputs do not exist" % missing)


# ---------------------------------------------------------------- hand-written

def read_tests(ini):
    """(builddir, [(test, design or None)]) from the bench's manifest."""
    tests, builddir, sec, cur = [], "cosim-out", None, None
    for line in open(ini):
        line = line.strip()
        if line.startswith("["):
            sec = line[1:-1]
            if sec.startswith("test:"):
                cur = [sec[5:], None]
                tests.append(cur)
            else:
                cur = None
        elif "=" in line and not line.startswith(";"):
            k, v = (x.strip() for x in line.split("=", 1))
            if sec == "cosimgen" and k == "builddir":
                builddir = v
            elif cur is not None and k == "design":
                cur[1] = v
    return builddir, [tuple(t) for t in tests]


def spec_value(path, key):
    for line in open(path):
        if line.startswith(key + " "):
            return line[len(key) + 1:].rstrip("\n")
    return None


def cmd_handwritten(args):
    """What someone would write without cosimgen: one rule per kind, no
    per-edge variables, $in/$out in the commands. The design outputs are
    where the specs say the simulators are (cosim-out/designs/HASH/sim);
    the regeneration edges (build.ninja and the test list; the specs,
    apart) are kept so that the graph has the same edges."""
    d = args.dir
    bd, tests = read_tests(os.path.join(d, "tests.ini"))
    designs = []
    for _, de in tests:
        if de and de not in designs:
            designs.append(de)
    designs.sort()
    exe, src = {}, {}
    for t, de in tests:
        if de and de not in exe:
            exe[de] = spec_value(os.path.join(d, bd, "tests", t, "spec"),
                                 "sim")
            src[de] = "rtl/%s.sv" % de
    cg, stub = args.cosimgen, args.launcher
    T = ["%s/tests/%s" % (bd, t) for t, _ in tests]
    o = []
    w = o.append
    w("# Hand-written equivalent of the graph cosimgen writes for this "
      "manifest.\n")
    w("pool compile\n  depth = 2\n\n")
    w("rule regen\n  command = %s --launcher %s -o build.ninja tests.ini\n"
      "  generator = 1\n  restat = 1\n" % (cg, stub))
    w("rule compile\n  command = touch $out\n  pool = compile\n")
    w("rule test\n  command = exec %s --stamp $out $in\n" % stub)
    w("rule report\n  command = exec %s report %s\n  pool = console\n\n" %
      (cg, bd))
    w("build build.ninja | %s/tests.list: regen tests.ini | %s\n" % (bd, cg))
    w("build %s: regen\n" % " ".join(p + "/spec" for p in T))
    for de in designs:
        w("build %s: compile %s\n" % (exe[de], src[de]))
    for (t, de), p in zip(tests, T):
        if de:
            w("build %s/stamp: test %s/spec | %s\n" % (p, p, exe[de]))
        else:
            w("build %s/stamp: test %s/spec\n" % (p, p))
    w("build %s/summary.txt: report %s/tests.list | %s\n" %
      (bd, bd, " ".join(p + "/stamp" for p in T)))
    w("build cosim-check: phony %s/summary.txt\n" % bd)
    w("build cosim-compile: phony %s\n" % " ".join(exe[x] for x in designs))
    for (t, _), p in zip(tests, T):
        w("build test/%s: phony %s/stamp\n" % (t, p))
    for de in designs:
        w("build design/%s: phony %s\n" % (de, " ".join(
            p + "/stamp" for (t, x), p in zip(tests, T) if x == de)))
    w("default cosim-check\n")
    with open(os.path.join(d, args.out), "w") as f:
        f.write("".join(o))


# ---------------------------------------------------------------- compare

def parse_edges(path):
    """Edges of a ninja file as comparable tuples (paths in these files
    hold no escapes): (phony?, outs, implicit outs, ins, implicit ins,
    order-only ins), plus the default targets."""
    text = open(path).read().replace("$\n", "")
    edges, defaults = [], []
    for line in text.split("\n"):
        if line.startswith("default "):
            defaults += line.split()[1:]
        if not line.startswith("build "):
            continue
        lhs, rhs = line[6:].split(":", 1)
        outs = lhs.split("|")
        words = rhs.split()
        rule, rest = words[0], " ".join(words[1:])
        oo = rest.split("||")
        ins = oo[0].split("|")
        edges.append((rule == "phony",
                      tuple(outs[0].split()),
                      tuple(sorted(outs[1].split())) if len(outs) > 1 else (),
                      tuple(ins[0].split()),
                      tuple(sorted(ins[1].split())) if len(ins) > 1 else (),
                      tuple(sorted(oo[1].split())) if len(oo) > 1 else ()))
    return edges, defaults


def cmd_compare(args):
    from collections import Counter
    a, da = parse_edges(os.path.join(args.dir, args.a))
    b, db = parse_edges(os.path.join(args.dir, args.b))
    ca, cb = Counter(a), Counter(b)
    only_a, only_b = ca - cb, cb - ca
    nph = sum(1 for e in a if e[0])
    if not only_a and not only_b and da == db:
        say("  same graph: %d edges (%d phony) with the same outputs, "
            "inputs and implicit inputs; same default" % (len(a), nph))
    else:
        say("  GRAPHS DIFFER: %d edges only in the cosimgen file, %d only in "
            "the hand-written one%s" % (sum(only_a.values()),
            sum(only_b.values()), "" if da == db else "; defaults differ"))
        # an edge's outputs, its first few: one edge may have 100k
        short = lambda e: (e[0], e[1][:3] + (("...",) if len(e[1]) > 3
                                             else ()))
        for e in list(only_a)[:2]:
            say("    cosimgen only: %s" % (short(e),))
        for e in list(only_b)[:2]:
            say("    hand only:     %s" % (short(e),))
    ka = {e["output"]: e["command"] for e in compdb(args.dir, args.a)}
    kb = {e["output"]: e["command"] for e in compdb(args.dir, args.b)}
    diff = [k for k in ka if kb.get(k) != ka[k]] + [k for k in kb
                                                    if k not in ka]
    if diff:
        say("  commands differ on %d edges, e.g. %s" % (len(diff), diff[0]))
    else:
        say("  same expanded command on all %d non-phony edges; what "
            "differs is how they are written (%s: descriptions and "
            "comments; hand-written: neither)" % (len(ka), args.a))


# ---------------------------------------------------------------- no-op

def link_as(d, src, dst="build.ninja"):
    tmp = os.path.join(d, dst + ".link-tmp")
    if os.path.lexists(tmp):
        os.unlink(tmp)
    os.link(os.path.join(d, src), tmp)
    os.replace(tmp, os.path.join(d, dst))


def ninja_stats(d):
    r = subprocess.run(["ninja", "-d", "stats"], cwd=d, capture_output=True,
                       text=True)
    got = {}
    for line in r.stdout.splitlines():
        f = [x.strip() for x in line.split("\t")]
        if len(f) == 4 and f[0] in (".ninja parse", "node stat",
                                    ".ninja_log load"):
            got[f[0]] = got.get(f[0], 0.0) + float(f[3])
            if f[0] == "node stat":
                got["stats"] = got.get("stats", 0) + int(f[1])
    return got


def cmd_noop(args):
    """Time `ninja` in DIR with each of the given files as build.ninja, the
    runs interleaved (one untimed warm-up run each first)."""
    d = args.dir
    names = [x.split("=", 1) for x in args.files]
    times = {k: [] for k, _ in names}
    rss = {k: 0 for k, _ in names}
    noop = {k: True for k, _ in names}
    outf = os.path.join(args.workdir, "noop.stdout")
    argv = [shutil.which("ninja")]
    for k, f in names:
        link_as(d, f)
        spawn(argv, d, stdout_path=outf)
    why = ""
    while True:
        # budget and count are judged on the slowest file
        slow = max(times.values(), key=lambda t: sum(t))
        go, why = more_runs(slow, args.runs, args.budget / len(names))
        if not go:
            break
        for k, f in names:
            link_as(d, f)
            t, st, kb = spawn(argv, d, stdout_path=outf)
            out = open(outf).read()
            if st != 0 or "ninja: no work to do." not in out:
                noop[k] = False
            times[k].append(t)
            rss[k] = max(rss[k], kb)
    kv = {}
    for k, f in names:
        link_as(d, f)
        s = ninja_stats(d)
        say(summary_line("ninja no-op " + k, args.n, times[k], args.runs,
                         why))
        say("  %s: %s; ninja peak RSS %s; -d stats: parse %.0f ms, "
            "%d stats %.0f ms, .ninja_log load %.0f ms" % (
                f, "no work to do" if noop[k] else
                "NOT A NO-OP: ninja did work or failed (see ninja -n -d "
                "explain)", fmt_rss(rss[k]), s.get(".ninja parse", 0),
                s.get("stats", 0), s.get("node stat", 0),
                s.get(".ninja_log load", 0)))
        if not noop[k]:
            r = subprocess.run(["ninja", "-n", "-d", "explain"], cwd=d,
                               capture_output=True, text=True)
            for line in (r.stderr + r.stdout).splitlines()[:3]:
                say("    " + line)
        kv["noop_" + k] = statistics.median(times[k])
        kv["noop_ok_" + k] = int(noop[k])
    link_as(d, names[0][1])
    record(args.out, **kv)


# ---------------------------------------------------------------- designs

def designs_manifest(n, d):
    """n designs with a compile each (custom, distinct commands), one test
    on each."""
    os.makedirs(os.path.join(d, "rtl"), exist_ok=True)
    with open(os.path.join(d, "rtl", "d.sv"), "w") as f:
        f.write("module d; endmodule\n")
    out = ["; bench/generate.sh: %d designs, a test each\n" % n,
           "[cosimgen]\nbuilddir = cosim-out\n\n"]
    for i in range(n):
        out.append("[design:d%d]\nsimulator = custom\n"
                   "compile = touch {sim} %d\nrun = true\n"
                   "sources = rtl/d.sv\n\n" % (i, i))
    for i in range(n):
        out.append("[test:t%d]\ndesign = d%d\ncommand = true\n\n" % (i, i))
    with open(os.path.join(d, "tests.ini"), "w") as f:
        f.write("".join(out))


def fresh(src, d):
    os.makedirs(d)
    shutil.copy2(os.path.join(src, "tests.ini"), d)
    shutil.copytree(os.path.join(src, "rtl"), os.path.join(d, "rtl"))


def run_ok(argv, d, errf):
    t, st, _ = spawn(argv, d, stderr_path=errf)
    if st != 0:
        say("  %s failed (exit %d):" % (argv[0], st))
        with open(errf) as f:
            say("  " + "  ".join(f.readlines()[-10:]))
        sys.exit(1)
    return t


def cmd_designs(args):
    """Cold generation of N designs for each N; with --peer, the peer
    program alternates with this one, run by run."""
    progs = [("cosimgen", args.cosimgen)]
    if args.peer:
        progs.append(("peer", args.peer))
    errf = os.path.join(args.workdir, "designs.stderr")
    first = None
    first_s = None
    for n in args.n:
        src = os.path.join(args.workdir, "designs%d" % n)
        designs_manifest(n, src)
        times = {k: [] for k, _ in progs}
        i = 0
        while more_runs(times["cosimgen"], args.runs, args.budget)[0]:
            order = progs if i % 2 == 0 else progs[::-1]
            for k, prog in order:
                d = os.path.join(args.workdir, "dcold%d" % i)
                fresh(src, d)
                times[k].append(run_ok([prog, "--launcher", args.launcher,
                                        "tests.ini"], d, errf))
                shutil.rmtree(d)
            i += 1
        for k, _ in progs:
            med = statistics.median(times[k])
            per = med / n * 1e6
            if k == "cosimgen" and first is None:
                first, first_s = per, med
            say("%-9s %6d designs: median %s (min %s, max %s; %d runs), "
                "%.1f us a design%s" % (
                    k, n, fmt_s(med), fmt_short(min(times[k])),
                    fmt_short(max(times[k])), len(times[k]), per,
                    " (x%.2f the first N's)" % (per / first)
                    if k == "cosimgen" else ""))
            if k == "cosimgen" and n == args.n[-1] and n != args.n[0]:
                table_row("generation, %d designs / %d designs, per design" %
                          (n, args.n[0]), med, first_s, per / first,
                          "~1 (linear)")
        shutil.rmtree(src)


# ---------------------------------------------------------------- floor

def cmd_pack(args):
    """The directories and spec files of DIR/cosim-out/tests, in the order
    of tests.list, as writefloor reads them."""
    top = os.path.join(args.dir, "cosim-out")
    with open(os.path.join(top, "tests.list")) as f:
        names = [line.split()[0] for line in f if line.strip()]
    with open(args.out, "wb") as out:
        out.write(b"d cosim-out\nd cosim-out/tests\n")
        total = 0
        for name in names:
            rel = "cosim-out/tests/%s" % name
            with open(os.path.join(args.dir, rel, "spec"), "rb") as f:
                data = f.read()
            total += len(data)
            out.write(b"d %s\nf %d %s/spec\n" % (rel.encode(), len(data),
                                                rel.encode()))
            out.write(data)
    say("write floor (bench/writefloor.c): the same %d spec files and their"
        " directories, %.2f MB, open/write/close each, nothing else" % (
            len(names), total / 1048576.0))


def cmd_floor(args):
    """cosimgen cold and writefloor, each in a fresh directory, paired and
    alternating; the ratio of each pair, then the medians."""
    argv = args.argv[1:] if args.argv and args.argv[0] == "--" else \
        args.argv
    errf = os.path.join(args.workdir, "floor.stderr")
    gen, floor, ratio = [], [], []
    i = 0
    while more_runs(gen, args.runs, args.budget)[0]:
        pair = {}
        for k in (("gen", "floor") if i % 2 == 0 else ("floor", "gen")):
            d = os.path.join(args.workdir, "fcold%d%s" % (i, k))
            fresh(args.src, d)
            if k == "gen":
                pair[k] = run_ok(argv, d, errf)
            else:
                outf = os.path.join(args.workdir, "floor.out")
                _, st, _ = spawn([args.floor, args.pack], d, outf, errf)
                if st != 0:
                    say("  writefloor failed (exit %d)" % st)
                    sys.exit(1)
                pair[k] = float(open(outf).read())
            shutil.rmtree(d)
        gen.append(pair["gen"])
        floor.append(pair["floor"])
        ratio.append(pair["gen"] / pair["floor"])
        i += 1
    say(summary_line("generate cold (paired)", args.n, gen, args.runs))
    say(summary_line("write floor", args.n, floor, args.runs))
    say("ratio generate cold/write floor: median %.2f (min %.2f, max %.2f)"
        " (goal <= 2)" % (statistics.median(ratio), min(ratio), max(ratio)))
    record(args.out, floor=statistics.median(floor),
           floor_ratio=statistics.median(ratio))
    table_row("%d tests, first generation / writing their spec files" %
              args.n, statistics.median(gen), statistics.median(floor),
              statistics.median(ratio), "<= 2")


# ---------------------------------------------------------------- main

def main():
    p = argparse.ArgumentParser()
    sub = p.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("manifest")
    s.add_argument("n", type=int)
    s.add_argument("dir")
    s = sub.add_parser("gentime")
    s.add_argument("--mode", choices=("cold", "warm"), required=True)
    s.add_argument("--n", type=int, required=True)
    s.add_argument("--src", required=True)
    s.add_argument("--workdir", required=True)
    s.add_argument("--keep-first")
    s.add_argument("--runs", type=int, default=5)
    s.add_argument("--budget", type=float, default=30)
    s.add_argument("--out", required=True)
    s.add_argument("--rss-max", type=float, default=15,
                   help="measure RSS with GNU time if a run is this quick")
    s.add_argument("argv", nargs=argparse.REMAINDER)
    s = sub.add_parser("prime")
    s.add_argument("dir")
    s.add_argument("file")
    s.add_argument("log")
    s.add_argument("--create", action="store_true")
    s = sub.add_parser("handwritten")
    s.add_argument("dir")
    s.add_argument("out")
    s.add_argument("--cosimgen", required=True)
    s.add_argument("--launcher", required=True)
    s = sub.add_parser("compare")
    s.add_argument("dir")
    s.add_argument("a")
    s.add_argument("b")
    s = sub.add_parser("noop")
    s.add_argument("dir")
    s.add_argument("--n", type=int, required=True)
    s.add_argument("--workdir", required=True)
    s.add_argument("--runs", type=int, default=5)
    s.add_argument("--budget", type=float, default=60)
    s.add_argument("--out", required=True)
    s.add_argument("files", nargs="+", help="LABEL=FILE")
    s = sub.add_parser("designs")
    s.add_argument("--cosimgen", required=True)
    s.add_argument("--peer")
    s.add_argument("--launcher", required=True)
    s.add_argument("--workdir", required=True)
    s.add_argument("--runs", type=int, default=5)
    s.add_argument("--budget", type=float, default=30)
    s.add_argument("n", type=int, nargs="+")
    s = sub.add_parser("pack")
    s.add_argument("dir")
    s.add_argument("out")
    s = sub.add_parser("floor")
    s.add_argument("--n", type=int, required=True)
    s.add_argument("--src", required=True)
    s.add_argument("--pack", required=True)
    s.add_argument("--floor", required=True)
    s.add_argument("--workdir", required=True)
    s.add_argument("--runs", type=int, default=5)
    s.add_argument("--budget", type=float, default=60)
    s.add_argument("--out", required=True)
    s.add_argument("argv", nargs=argparse.REMAINDER)
    a = p.parse_args()
    globals()["cmd_" + a.cmd](a)


if __name__ == "__main__":
    main()
