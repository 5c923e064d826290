#!/bin/sh
# The shape of the tree, checked on the built objects: no circle between
# modules (A -> B when A calls a function or reads a variable of B, or
# uses a type of B: includes B's header, directly or through another), no
# spec or result field read or written by key outside their codecs, and
# statuses compared as an enum.
. "$(dirname "$0")/lib.sh"
cd "$COSIM_TOP" || exit 1

if ! command -v nm >/dev/null || ! command -v python3 >/dev/null; then
	skip "arch: needs nm and python3"
	exit 0
fi

out=$(python3 - <<'PY'
# A node is a module: X.c with X.h, or a header without a .c (types only).
# A -> B when A calls a function or reads a variable B defines (nm), when
# A's .c or .h includes, directly or through other headers, B's header,
# or when it names a struct B's header defines. Objects of sources that are gone (a renamed
# file's) are left out.
import glob, os, re, subprocess, sys
objs = sorted(o for o in glob.glob("src/*.o") + glob.glob("src/*/*.o")
              if os.path.exists(o[:-2] + ".c"))
heads = sorted(glob.glob("src/*.h") + glob.glob("src/*/*.h"))
stem = lambda p: os.path.splitext(p)[0]
nodes = set(stem(o) for o in objs) | set(stem(h) for h in heads)
edges = {n: set() for n in nodes}
defs = {}
for o in objs:
    for line in subprocess.run(["nm", o], capture_output=True, text=True).stdout.splitlines():
        f = line.split()
        if len(f) == 3 and f[1] in "TDBR":
            defs[f[2]] = stem(o)
for o in objs:
    for line in subprocess.run(["nm", "-u", o], capture_output=True, text=True).stdout.splitlines():
        f = line.split()
        if f and f[-1] in defs and defs[f[-1]] != stem(o):
            edges[stem(o)].add(defs[f[-1]])
def includes(path):
    out = []
    for inc in re.findall(r'#include "([^"]+)"', open(path).read()):
        for base in (os.path.dirname(path), "src"):
            h = os.path.normpath(os.path.join(base, inc))
            if os.path.exists(h):
                out.append(h)
                break
    return out
for n in nodes:
    todo = [p for p in (n + ".c", n + ".h") if os.path.exists(p)]
    seen = set(todo)
    while todo:
        for h in includes(todo.pop()):
            if stem(h) != n and stem(h) in nodes:
                edges[n].add(stem(h))
            if h not in seen:
                seen.add(h)
                todo.append(h)
# a type named without its header (struct X; or struct X *) is a use too
owner = {}
for h in heads:
    for name in re.findall(r'^struct (\w+) \{', open(h).read(), re.M):
        owner[name] = stem(h)
for n in nodes:
    for p in (n + ".c", n + ".h"):
        if os.path.exists(p):
            for name in re.findall(r'\bstruct (\w+)\b', open(p).read()):
                if name in owner and owner[name] != n:
                    edges[n].add(owner[name])
index, low, stack, on, sccs, i = {}, {}, [], set(), [], [0]
sys.setrecursionlimit(10000)
def visit(v):
    index[v] = low[v] = i[0]; i[0] += 1; stack.append(v); on.add(v)
    for w in sorted(edges[v]):
        if w not in index:
            visit(w); low[v] = min(low[v], low[w])
        elif w in on:
            low[v] = min(low[v], index[w])
    if low[v] == index[v]:
        c = []
        while True:
            w = stack.pop(); on.discard(w); c.append(w)
            if w == v: break
        if len(c) > 1: sccs.append(sorted(c))
for v in sorted(edges):
    if v not in index: visit(v)
print("nodes %d edges %d" % (len(edges), sum(len(e) for e in edges.values())))
for c in sccs:
    print("circle: " + " ".join(c))
PY
)
echo "$out" | sed 's/^/# /'
case $out in
nodes\ [1-9]*) ok "arch: the dependency graph of the objects was read" ;;
*) fail "arch: the dependency graph of the objects was read" ;;
esac
if echo "$out" | grep -q '^circle:'; then
	fail "arch: no circle between source files" "$(echo "$out" | grep '^circle:')"
else
	ok "arch: no circle between source files"
fi

# Only the codecs read or write spec, result, seeding, waivers and tools
# files by key.
reads=$(grep -n 'kv_\(get\|need\|next\|int\|put\|putf\|putint\)(' src/*.c src/*/*.c |
	grep -v '^src/\(kvfile\|fields\|spec\|result\|seeding\|waiver\|toolsfile\)\.c:')
check "arch: no spec or result field read or written by key outside the codecs" \
	test -z "$reads"
[ -z "$reads" ] || echo "$reads" | sed 's/^/# /'

# Statuses are an enum: no status word compared as a string.
words=$(grep -n 'strcmp([^;]*"\(pass\|fail\|xfail\|xpass\|skip\|timeout\|crash\|error\|interrupted\|notrun\)"' \
	src/*.c src/*/*.c)
check "arch: no status compared as a string" test -z "$words"
[ -z "$words" ] || echo "$words" | sed 's/^/# /'


