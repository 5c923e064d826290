"""cosim_client - the host side of a co-simulation test (stdlib only).

    from cosim_client import Simulator
    with Simulator() as sim:            # COSIM_HOST / COSIM_PORT
        assert sim.request("add 2 3") == "5"

Messages are lines of text. Leaving (closing the connection) tells the
bridge the test is over: cosim_done() becomes 1 and the testbench ends.
When COSIM_PORT is unset (a run outside cosim-run), the port is read from
cosim.cfg ("port: N"), as the bridge publishes it.
"""
import os
import socket

__all__ = ["Simulator", "find_port"]


def find_port(cfg="cosim.cfg"):
    """The simulator's port: $COSIM_PORT, else cosim.cfg."""
    port = os.environ.get("COSIM_PORT")
    if port:
        return int(port)
    with open(cfg) as f:
        for line in f:
            key, _, value = line.partition(":")
            if key.strip() == "port":
                return int(value)
    raise RuntimeError(f"no port in {cfg}")


class Simulator:
    """One connection to the simulator's bridge."""

    def __init__(self, host=None, port=None, timeout=30.0):
        host = host or os.environ.get("COSIM_HOST", "127.0.0.1")
        port = port or find_port()
        self.sock = socket.create_connection((host, port), timeout)
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.file = self.sock.makefile("rw", encoding="utf-8", newline="\n")

    def send(self, line):
        """Send one message (a line without its newline)."""
        self.file.write(line + "\n")
        self.file.flush()

    def recv(self):
        """The next message; raises EOFError when the simulator has left."""
        line = self.file.readline()
        if not line:
            raise EOFError("the simulator closed the connection")
        return line.rstrip("\r\n")

    def request(self, line):
        """Send a message and return the answer."""
        self.send(line)
        return self.recv()

    def close(self):
        """Leave: the testbench sees cosim_done() and finishes."""
        try:
            self.file.close()
        finally:
            self.sock.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
