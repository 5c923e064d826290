#!/usr/bin/env python3
"""A fake UVM simulator for tests/uvm.test.sh: `fakeuvm.py MODE`.

It prints what a UVM testbench's run prints (the text of UVM 1.1d's,
1.2's and IEEE 1800.2's uvm_report_server, as simulators show it) and
exits 0, as a UVM run does after $finish, even after a UVM_FATAL. Modes:
  clean        reports, then a summary with no warning, error or fatal
  warnings     a summary counting 3 UVM_WARNING only
  errors       a summary counting 2 UVM_ERROR, no UVM_ERROR line shown
               (their action was UVM_COUNT|UVM_LOG: logged to a file)
  fatal        a UVM_FATAL line, then a summary counting it
  fatal-count  a summary counting 1 UVM_FATAL, no line shown
  line-error   a UVM_ERROR line and no summary (the run stopped early)
  catcher      report catchers' summary (Xcelium's 1.1d prints it always)
               then a clean summary
  uvm12        UVM 1.2's form: the summary inside a UVM_INFO report,
               with a quit count, 1 UVM_ERROR and big INFO counts
  transcript   Riviera's transcript form, "# KERNEL: " before each line,
               1 UVM_ERROR
  split        the 2-error summary written in pieces that cut lines,
               flushed apart
  twice        a clean summary, then a later one counting 1 UVM_ERROR
  cut          the summary's header and heading, then an exit before any
               count (the table never arrives)
  hang         a clean run's reports, then never ends (a timeout)
"""
import sys
import time

HEAD = """UVM_INFO @ 0: reporter [RNTST] Running test base_test...
UVM_INFO tb.sv(20) @ 0: uvm_test_top [test] build-phase
UVM_INFO tb.sv(31) @ 100: uvm_test_top.env.scb [SCB] 12 transactions checked
"""


def summary(info=3, warning=0, error=0, fatal=0, prefix="", quit=None):
    lines = ["", "--- UVM Report Summary ---", ""]
    if quit is not None:
        lines.append("Quit count : %5d of %5d" % quit)
    lines.append("** Report counts by severity")
    for name, n in (("UVM_INFO", info), ("UVM_WARNING", warning),
                    ("UVM_ERROR", error), ("UVM_FATAL", fatal)):
        lines.append("%s :%5d" % (name, n))
    lines += ["** Report counts by id", "[RNTST]     1", "[SCB]     1",
              "[test]     1"]
    return "".join(prefix + line + "\n" for line in lines)


CATCHER = """
--- UVM Report catcher Summary ---


Number of demoted UVM_FATAL reports  :    0
Number of demoted UVM_ERROR reports  :    2
Number of demoted UVM_WARNING reports:    0
Number of caught UVM_FATAL reports   :    0
Number of caught UVM_ERROR reports   :    2
Number of caught UVM_WARNING reports :    0
"""

DONE = '$finish called from file "uvm_root.svh", line 517.\n'


def out(text):
    sys.stdout.write(text)
    sys.stdout.flush()


def main():
    mode = sys.argv[1]
    if mode == "transcript":
        out("".join("# KERNEL: " + line + "\n"
                    for line in HEAD.splitlines()))
    else:
        out(HEAD)
    if mode == "clean":
        out(summary())
    elif mode == "warnings":
        out("UVM_WARNING tb.sv(40) @ 50: uvm_test_top [SLOW] late reply\n")
        out(summary(warning=3))
    elif mode == "errors":
        out(summary(error=2))
    elif mode == "fatal":
        out("UVM_FATAL tb.sv(52) @ 80: uvm_test_top.env [CFG] no vif\n")
        out(summary(fatal=1))
    elif mode == "fatal-count":
        out(summary(fatal=1))
    elif mode == "line-error":
        out("UVM_ERROR tb.sv(12) @ 100: uvm_test_top.env.scb [CHK] "
            "expected 4, got 5\n")
    elif mode == "catcher":
        out(CATCHER)
        out(summary())
    elif mode == "uvm12":
        out("UVM_INFO /usr/share/uvm-1.2/src/base/uvm_report_server.svh"
            "(847) @ 100: reporter [UVM/REPORT/SERVER] ")
        out(summary(info=123456, error=1, quit=(1, 10)))
    elif mode == "transcript":
        out(summary(error=1, prefix="# KERNEL: "))
    elif mode == "split":
        text = summary(error=2)
        cut = text.index("UVM_ERROR :") + 6
        for piece in (text[:17], text[17:cut], text[cut:]):
            out(piece)
            time.sleep(0.05)
    elif mode == "twice":
        out(summary())
        out("UVM_INFO tb.sv(60) @ 200: uvm_test_top [again] second run\n")
        out(summary(info=5, error=1))
    elif mode == "cut":
        out("\n--- UVM Report Summary ---\n\n** Report counts by severity\n")
        return
    elif mode == "hang":
        time.sleep(1000)
    out(DONE)


main()
