"""cosim_cocotb.py - what cosimgen learns of an installed cocotb and of the
tests of cocotb modules, in one Python process.

    PYTHON cosim_cocotb.py [-t MS] [[-p DIRS] [-m NAME] MODULE_FILE]...

PYTHON is the interpreter `cocotb-config --python-bin` names. The facts
come from cocotb's own configuration module, the one cocotb-config runs
(cocotb.config in 1.x, cocotb_tools.config in 2.x). Each MODULE_FILE (an
absolute path to a .py file) is imported as cocotb imports a test module,
by its import NAME (default: the file's name; tests.unit.test_rel for a
module of a package), the directory that name starts from first on
sys.path, then the directories DIRS (joined by ':', the PYTHONPATH its
tests run with), and its tests are listed. An import (with the listing
of its tests) that takes longer than MS milliseconds (0, the default: no
limit) is stopped where it is, and is an error of that module.

Output, on stdout: the line format of cosimgen's own files. A magic line
"cosim-cocotb-probe 1", then one "KEY VALUE" line per fact, the value with
backslash, newline and carriage return written as \\ \n \r:

    version VERSION         cocotb.__version__; when it is not from 1.8 to
                            below 3, the output ends here
    python PATH             the interpreter (sys.executable)
    libpython PATH          the libpython to embed (find_libpython)
    lib_dir PATH            cocotb's libraries
    share_dir PATH          cocotb's share directory
    vpi_icarus PATH         `cocotb-config --lib-name-path vpi icarus`
    vpi_icarus_file PATH    the file that names (1.x adds .vpl)
    entry ENTRY             2.x: `cocotb-config --pygpi-entry-point`
    venv PREFIX             sys.prefix of a virtual environment, or
    home PREFIX             sys.prefix of an interpreter that is not one
    version_file PATH       cocotb's _version.py

then, for each MODULE_FILE in order:

    module PATH             the file, as given, written (with the next
                            line) before the import starts, so that when
                            the import ends the process the reader knows
                            which module did it
    stderr OFFSET           where the import's output begins in stderr,
                            when stderr is a file
    test LINE FLAGS NAME    a test: the line of its function (0 when it is
                            not in the module), FLAGS "-" or a comma list of
                            skip, expect_fail and expect_error, and the
                            test's name as cocotb selects it (the rest of
                            the line: a 2.x parametrised name may hold
                            spaces)
    local PATH              a file the import loaded that is the user's own:
                            neither under the interpreter's prefixes nor in
                            site-packages (the module's helpers)
    error_file PATH         when the import failed: where, when known,
    error_line N
    error_text MESSAGE      and the exception's last line

and last "end N", N the number of modules imported: output without it was
cut short by the end of the process. Exit status 0 when the output is
complete, whether or not the modules imported; else non-zero, with the
reason on stderr (cocotb not importable, its configuration unreadable).
Whatever a module prints goes to stderr. The process ends without
Python's shutdown (os._exit), which a thread a module started could hold
up.
"""

import contextlib
import faulthandler
import importlib
import os
import signal
import sys
import traceback

MAGIC = "cosim-cocotb-probe 1"


class ImportTimeout(BaseException):
    """An import took longer than allowed (a BaseException, as a module's
    own `except Exception` must not swallow it)."""


def main():
    # the script's own directory is no place to import tests from
    if sys.path and os.path.abspath(sys.path[0]) == os.path.dirname(
            os.path.abspath(__file__)):
        del sys.path[0]
    # stdout is the protocol: anything else printed goes to stderr
    out = os.fdopen(os.dup(1), "w")
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    # an extension that crashes at import says where, on stderr
    faulthandler.enable()
    put(out, None, MAGIC)
    try:
        import cocotb
    except ImportError as e:
        sys.stderr.write("%s cannot import cocotb: %s\n" % (sys.executable, e))
        return 1
    version = str(cocotb.__version__)
    put(out, "version", version)
    major, minor = version_pair(version)
    if not (1, 8) <= (major, minor) < (3, 0):
        put(out, "end", 0)
        out.flush()
        return 0
    info(out, major)
    prefixes = system_dirs()
    out.flush()  # the facts, before the first import starts its deadline
    args, extra, name, limit, count = sys.argv[1:], [], None, 0, 0
    if args[:1] == ["-t"] and len(args) > 1:
        limit = int(args[1]) / 1000.0
        args = args[2:]
    while args:
        if args[0] in ("-p", "-m") and len(args) > 2:
            if args[0] == "-p":
                extra = [d for d in args[1].split(":") if d]
            else:
                name = args[1]
            args = args[2:]
            continue
        put(out, "module", args[0])
        sys.stderr.flush()
        try:
            put(out, "stderr", os.lseek(2, 0, os.SEEK_CUR))
        except OSError:
            pass
        out.flush()
        discover(out, args[0], name, major, prefixes, extra, limit)
        args, extra, name, count = args[1:], [], None, count + 1
    put(out, "end", count)
    out.flush()
    sys.stderr.flush()
    os._exit(0)


def put(out, key, value):
    text = str(value).replace("\\", "\\\\").replace("\n", "\\n")
    text = text.replace("\r", "\\r")
    out.write(text + "\n" if key is None else key + " " + text + "\n")


def version_pair(version):
    parts = []
    for piece in version.split(".")[:2]:
        digits = ""
        for ch in piece:
            if not ch.isdigit():
                break
            digits += ch
        parts.append(int(digits) if digits else 0)
    while len(parts) < 2:
        parts.append(0)
    return parts[0], parts[1]


def info(out, major):
    import cocotb
    if major >= 2:
        from cocotb_tools import config
        import find_libpython
        libpython = find_libpython.find_libpython()
        vpi = config.lib_name_path("vpi", "icarus").as_posix()
        lib_dir = config.libs_dir.as_posix()
        share_dir = config.share_dir.as_posix()
        entry = config.pygpi_entry_point()
    else:
        from cocotb import config
        import find_libpython
        libpython = find_libpython.find_libpython()
        vpi = config.lib_name_path("vpi", "icarus")
        lib_dir = config.libs_dir
        share_dir = config.share_dir
        entry = None
    if libpython is None:
        sys.stderr.write("cocotb-config --libpython finds no libpython for "
                         + sys.executable + "\n")
        sys.exit(1)
    put(out, "python", os.path.abspath(sys.executable))
    put(out, "libpython", os.path.abspath(libpython))
    put(out, "lib_dir", lib_dir)
    put(out, "share_dir", share_dir)
    put(out, "vpi_icarus", vpi)
    for suffix in ("", ".vpl", ".so"):
        if os.path.isfile(vpi + suffix):
            put(out, "vpi_icarus_file", vpi + suffix)
            break
    if entry:
        put(out, "entry", entry)
    base = getattr(sys, "real_prefix", None) or sys.base_prefix
    put(out, "venv" if base != sys.prefix else "home", sys.prefix)
    here = os.path.dirname(os.path.abspath(cocotb.__file__))
    vfile = os.path.join(here, "_version.py")
    put(out, "version_file", vfile if os.path.isfile(vfile)
        else os.path.abspath(cocotb.__file__))


def system_dirs():
    """The directories whose files are not the user's own."""
    import site
    dirs = {sys.prefix, sys.base_prefix, sys.exec_prefix,
            getattr(sys, "base_exec_prefix", sys.exec_prefix)}
    try:
        dirs.update(site.getsitepackages())
    except AttributeError:
        pass
    try:
        dirs.add(site.getusersitepackages())
    except AttributeError:
        pass
    return [os.path.realpath(d) + os.sep for d in dirs if d]


def is_local(path, prefixes):
    if not path or path.startswith("<") or not os.path.isfile(path):
        return False
    real = os.path.realpath(path)
    return real != os.path.realpath(__file__) and \
        not any(real.startswith(p) for p in prefixes)


@contextlib.contextmanager
def deadline(seconds):
    """Raise ImportTimeout where the code in the block is after seconds
    (0: never)."""
    if not seconds:
        yield
        return

    def expired(signum, frame):
        raise ImportTimeout("importing it took longer than %g s" % seconds)

    old = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def discover(out, path, name, major, prefixes, extra, limit):
    name = name or os.path.splitext(os.path.basename(path))[0]
    # a module of a package: the directory its top package is in
    root = os.path.dirname(path)
    for _ in range(name.count(".")):
        root = os.path.dirname(root)
    before = set(sys.modules)
    added = [root] + extra
    sys.path[0:0] = added
    try:
        with deadline(limit):
            module = importlib.import_module(name)
            loaded = getattr(module, "__file__", None) or "a built-in module"
            if not loaded.endswith(".py") or os.path.realpath(loaded) != \
                    os.path.realpath(path):
                raise ImportError("the name %s is taken by %s: rename the "
                                  "file" % (name, loaded))
            found = tests_of(module, major)
    except (Exception, SystemExit, ImportTimeout) as e:
        failed(out, e, prefixes)
        found = None
    finally:
        for d in added:
            if d in sys.path:
                sys.path.remove(d)
    for line, flags, test in found or ():
        put(out, "test", "%d %s %s" % (line, ",".join(flags) or "-", test))
    # the user's files this import loaded, forgotten again so that the
    # next module that loads them lists them too
    mine = os.path.realpath(path)
    for key in sorted(set(sys.modules) - before):
        mod = sys.modules.get(key)
        file = getattr(mod, "__file__", None)
        if is_local(file, prefixes):
            if found is not None and os.path.realpath(file) != mine:
                put(out, "local", os.path.abspath(file))
            del sys.modules[key]


def tests_of(module, major):
    """(line, flags, name) of each test of module, as cocotb finds them:
    a test under two names (an alias) is one test."""
    found, seen = [], set()
    if major >= 2:
        from cocotb._decorators import Test, TestGenerator
        for obj in vars(module).values():
            if id(obj) in seen:
                continue
            seen.add(id(obj))
            if isinstance(obj, TestGenerator):
                tests = list(obj.generate_tests())
            elif isinstance(obj, Test):
                tests = [obj]
            else:
                continue
            for t in tests:
                # cocotb selects a test by "module.name"
                if t.module == module.__name__:
                    found.append((line_of(t.func, module), flags_of(t),
                                  t.name))
    else:
        from cocotb.regression import Test
        for key, obj in vars(module).items():
            if isinstance(obj, Test) and id(obj) not in seen:
                seen.add(id(obj))
                # TESTCASE names the module's attribute
                found.append((line_of(obj._func, module), flags_of(obj),
                              key))
    return found


def flags_of(t):
    flags = []
    if t.skip:
        flags.append("skip")
    if t.expect_fail:
        flags.append("expect_fail")
    if t.expect_error:
        flags.append("expect_error")
    return flags


def line_of(func, module):
    import inspect
    try:
        func = inspect.unwrap(func)
        code = func.__code__
    except (AttributeError, ValueError):
        return 0
    here = getattr(module, "__file__", None)
    if not here or os.path.realpath(code.co_filename) != \
            os.path.realpath(here):
        return 0
    return code.co_firstlineno


def failed(out, e, prefixes):
    file, line = None, 0
    if isinstance(e, SyntaxError) and e.filename:
        file, line = e.filename, e.lineno or 0
    else:
        for frame in reversed(traceback.extract_tb(e.__traceback__)):
            if is_local(frame.filename, prefixes):
                file, line = frame.filename, frame.lineno
                break
    if file:
        put(out, "error_file", os.path.abspath(file))
        if line:
            put(out, "error_line", line)
    if isinstance(e, ImportTimeout):
        message = str(e)
    else:
        message = traceback.format_exception_only(type(e), e)[-1].strip()
    put(out, "error_text", message or type(e).__name__)


if __name__ == "__main__":
    sys.exit(main())
