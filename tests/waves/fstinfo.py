#!/usr/bin/env python3
"""fstinfo.py FILE - what a test needs to know of an FST waveform, with
the standard library only: "end N" (the last time the header records,
0 when the writer never closed the file) and "signal NAME" for each name
in its hierarchy (gzip or LZ4 block, as Icarus and Verilator write; in a
gzip'd wrapper block, as GHDL writes)."""
import re
import struct
import sys
import zlib


def lz4_block(src, size):
    """Decode one LZ4 block (the format, not the frame)."""
    out = bytearray()
    i = 0
    while i < len(src):
        tok = src[i]
        i += 1
        lit = tok >> 4
        if lit == 15:
            while True:
                b = src[i]
                i += 1
                lit += b
                if b != 255:
                    break
        out += src[i:i + lit]
        i += lit
        if i >= len(src) or len(out) >= size:
            break
        off = src[i] | src[i + 1] << 8
        i += 2
        ml = tok & 15
        if ml == 15:
            while True:
                b = src[i]
                i += 1
                ml += b
                if b != 255:
                    break
        ml += 4
        for _ in range(ml):
            out.append(out[-off])
    return bytes(out)


def main(path):
    d = open(path, 'rb').read()
    if d[:1] == b'\xfe':   # a wrapper (GHDL writes one): a gzip'd FST
        d = zlib.decompress(d[17:], 47)
    i, end, names = 0, 0, []
    while i + 9 <= len(d):
        kind = d[i]
        size = struct.unpack('>Q', d[i + 1:i + 9])[0]
        body = d[i + 9:i + 1 + size]
        if kind == 0:                      # header: start, end time
            end = struct.unpack('>Q', body[8:16])[0]
        elif kind in (4, 6):               # hierarchy: gzip, LZ4
            ulen = struct.unpack('>Q', body[:8])[0]
            h = zlib.decompress(body[8:], 47) if kind == 4 else \
                lz4_block(body[8:], ulen)
            names += re.findall(rb'([A-Za-z_][A-Za-z0-9_$]*)(?: \[[0-9:]*\])?(?=\x00)', h)
        if size == 0:
            break
        i += 1 + size
    print('end', end)
    for n in sorted(set(names)):
        print('signal', n.decode())


main(sys.argv[1])
