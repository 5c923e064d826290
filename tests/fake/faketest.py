#!/usr/bin/env python3
"""A fake test for the launcher tests: `faketest.py MODE`. Modes:
  client       send three lines to $COSIM_HOST:$COSIM_PORT and check the
               answers name this test
  hang         sleep 1000 s
  segv abort   die by that signal        exit3   os._exit(3)
  sigkill      SIGKILL itself            ignore-term  ignore SIGTERM, sleep
  setsid       start a setsid grandchild sleeping 1000 s, exit 0
  daemon       double-fork a daemon sleeping 1000 s, exit 0
  props-crash  append properties, then segfault
  print TEXT   print TEXT, exit 0
  quiet        exit 0 after 0.1 s without connecting
"""
import os
import signal
import socket
import subprocess
import sys
import time


def client():
    name = os.environ["COSIM_TEST"]
    with socket.create_connection((os.environ["COSIM_HOST"],
                                   int(os.environ["COSIM_PORT"])), 10) as s:
        f = s.makefile("rw")
        for i in range(3):
            f.write(f"ping{i}\n")
            f.flush()
            got = f.readline().strip()
            if got != f"{name}:ping{i}":
                sys.exit(f"wrong answer {got!r}")
    print("client ok", flush=True)


def main():
    mode = sys.argv[1]
    if mode == "client":
        client()
    elif mode == "hang":
        time.sleep(1000)
    elif mode == "segv":
        os.kill(os.getpid(), signal.SIGSEGV)
    elif mode == "abort":
        os.abort()
    elif mode == "exit3":
        os._exit(3)
    elif mode == "sigkill":
        os.kill(os.getpid(), signal.SIGKILL)
    elif mode == "ignore-term":
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        time.sleep(1000)
    elif mode == "setsid":
        subprocess.Popen(["sleep", "1000"], start_new_session=True,
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    elif mode == "daemon":
        if os.fork() == 0:
            os.setsid()
            if os.fork() == 0:
                devnull = os.open(os.devnull, os.O_RDWR)
                for fd in (0, 1, 2):
                    os.dup2(devnull, fd)
                time.sleep(1000)
            os._exit(0)
        os.wait()
    elif mode == "props-crash":
        with open(os.environ["COSIM_PROPERTIES"], "a") as f:
            f.write("answer=42\nboard=fake\n")
        os.kill(os.getpid(), signal.SIGSEGV)
    elif mode == "print":
        print(sys.argv[2], flush=True)
    elif mode == "quiet":
        time.sleep(0.1)
    else:
        sys.exit(f"faketest: unknown mode {mode}")


main()
