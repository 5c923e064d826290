#!/usr/bin/env python3
"""A fake simulator for the launcher tests: `fakesim.py MODE [ARG]`.

Servers answer each line a client sends with "<COSIM_TEST>:<line>", so a
client can tell it reached its own simulator. Modes:
  socket        serve on the listening socket cosim-run passes as fd 3
  file          bind port 0 itself, publish it in cosim.cfg (atomically)
  port          bind $COSIM_PORT
  die           exit 3 before getting ready
  no-cfg        never write cosim.cfg
  cfg-no-listen write cosim.cfg naming a port nobody listens on
  quit-early    serve on fd 3, but exit 0 after ARG seconds
  hang          ignore the client and sleep
  ignore-term   ignore SIGTERM and sleep
  print         print ARG and exit 0
  abort         print a Verilator-style error and abort (rc 134)
"""
import os
import signal
import socket
import sys
import time


def serve(sock, quit_after=None):
    name = os.environ.get("COSIM_TEST", "?")
    if quit_after is not None:
        signal.signal(signal.SIGALRM, lambda *a: os._exit(0))
        signal.setitimer(signal.ITIMER_REAL, quit_after)
    conn, _ = sock.accept()
    with conn, conn.makefile("rw") as f:
        for line in f:
            f.write(f"{name}:{line.strip()}\n")
            f.flush()
    print(f"{name}: client left", flush=True)


def main():
    mode = sys.argv[1]
    arg = sys.argv[2] if len(sys.argv) > 2 else ""
    if mode in ("socket", "quit-early"):
        assert os.environ.get("LISTEN_FDS") == "1", "no LISTEN_FDS"
        assert os.environ.get("LISTEN_PID") == str(os.getpid()), "LISTEN_PID"
        sock = socket.socket(fileno=3)
        serve(sock, float(arg) if mode == "quit-early" else None)
    elif mode == "file":
        sock = socket.socket()
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        with open("cosim.cfg.tmp", "w") as f:
            f.write(f"port: {sock.getsockname()[1]}\n")
        os.rename("cosim.cfg.tmp", "cosim.cfg")
        serve(sock)
    elif mode == "port":
        sock = socket.socket()
        sock.bind(("127.0.0.1", int(os.environ["COSIM_PORT"])))
        sock.listen()
        serve(sock)
    elif mode == "die":
        print("fakesim: dying before ready", file=sys.stderr, flush=True)
        sys.exit(3)
    elif mode == "no-cfg":
        time.sleep(1000)
    elif mode == "cfg-no-listen":
        s = socket.socket()
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
        s.close()
        with open("cosim.cfg", "w") as f:
            f.write(f"port: {port}\n")
        time.sleep(1000)
    elif mode == "hang":
        time.sleep(1000)
    elif mode == "ignore-term":
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        time.sleep(1000)
    elif mode == "print":
        print(arg, flush=True)
    elif mode == "abort":
        print("%Error: tb.sv:10: Verilog $stop", flush=True)
        os.abort()
    else:
        sys.exit(f"fakesim: unknown mode {mode}")


main()
