#!/bin/sh
# The order tests start in, with real ninja, real make and cosim-run:
# each test appends its name to a file when it starts, under -j1, so the
# file holds the order ninja (or make) chose. The order comes from the
# run history the report keeps: the `ninja` after a run regenerates the
# graph by itself and starts the longest tests first, the ones that
# failed last time before them, and a priority before all; cost orders
# tests without history; a history carried into an empty builddir with
# --history or `history =` orders the first run there. Durations differ
# by 3x or more, and only their order is asserted.
#
# COSIM_TEST_NINJAS="ninja /path/to/ninja-1.13": run the ninja checks
# with each of these ninja programs (default: ninja).
. "$COSIM_TOP/tests/lib.sh"
if ! command -v ninja >/dev/null 2>&1; then
	skip "schedule" "ninja is not installed"
	exit 0
fi
top=$(scratch schedule)

# section DIR NAME [SHELL [EXTRA]]: a test that notes its start in
# DIR/starts, then runs SHELL
section() {
	printf '\n[test:%s]\ncommand = sh -c '"'"'echo %s >>%s/starts%s'"'"'\n%s\n' \
	    "$2" "$2" "$1" "${3:+; $3}" "${4:-}"
}
# manifest DIR [EXTRA-GLOBAL-LINES]: tests named after what they do,
# in an order that is none of the expected ones.
manifest() {
	{
		printf '[cosimgen]\nbuilddir = out\n%s\n' "${2:-}"
		section "$1" quick
		section "$1" bad 'exit 1'
		section "$1" mid 'sleep 0.4'
		section "$1" long 'sleep 1.2'
		section "$1" vip '' 'priority = 1'
	} >"$1/tests.ini"
}
# starts DIR: the order of the last run, and forget it
starts() { tr '\n' ' ' <"$1/starts" 2>/dev/null; : >"$1/starts"; }
# again DIR: every test is to run again (as `cosimgen run --force` does)
again() { rm -f "$1"/out/tests/*/stamp; }

for nj in ${COSIM_TEST_NINJAS:-ninja}; do
	v=$("$nj" --version 2>/dev/null) || {
		fail "ninja $nj runs" "cannot run '$nj --version'"
		continue
	}
	n="ninja $v"
	d="$top/ninja-$v"
	mkdir -p "$d"
	manifest "$d"
	(cd "$d" && "$COSIMGEN" tests.ini) >"$d/gen.out" 2>&1
	[ -f "$d/out/history" ] && ok "$n: cosimgen creates an empty run history" ||
	    fail "$n: cosimgen creates an empty run history" "$(cat "$d/gen.out")"
	(cd "$d" && "$nj" -j1 >ninja1.out 2>&1)
	grep -q REGEN "$d/ninja1.out" &&
	    fail "$n: the history cosimgen created does not regenerate the graph" \
	    "$(cat "$d/ninja1.out")" ||
	    ok "$n: the history cosimgen created does not regenerate the graph"
	same "$n: first run, no history: the priority first, then manifest order" \
	    "vip quick bad mid long " "$(starts "$d")"
	same "$n: the report recorded the run" 1 \
	    "$(grep -c '^run' "$d/out/history" 2>/dev/null)"

	again "$d"
	(cd "$d" && "$nj" -j1 >ninja2.out 2>&1)
	grep -q REGEN "$d/ninja2.out" &&
	    ok "$n: the next ninja regenerates the graph by itself" ||
	    fail "$n: the next ninja regenerates the graph by itself" \
	    "$(cat "$d/ninja2.out")"
	same "$n: second run: priority, the failed test, then longest first" \
	    "vip bad long mid quick " "$(starts "$d")"

	(cd "$d" && "$nj" -j1 >ninja3.out 2>&1)
	same "$n: a third run reruns only the failed test" "bad " \
	    "$(starts "$d")"
done
d="$top/ninja-$(ninja --version)"

# cost: no history, the longest cost first; without a cost, 0
c="$top/cost"
mkdir -p "$c"
{
	printf '[cosimgen]\nbuilddir = out\n'
	section "$c" none
	section "$c" small '' 'cost = 2s'
	section "$c" big '' 'cost = 1m'
} >"$c/tests.ini"
(cd "$c" && "$COSIMGEN" tests.ini && ninja -j1) >"$c/ninja.out" 2>&1
same "cost orders tests without history" "big small none " "$(starts "$c")"
(cd "$c" && ninja -j1 >ninja2.out 2>&1 && ninja -j1 >ninja3.out 2>&1)
grep -q REGEN "$c/ninja2.out" && ! grep -q REGEN "$c/ninja3.out" &&
    grep -q 'no work to do' "$c/ninja3.out" &&
    ok "a new history regenerates once, then there is no work to do" ||
    fail "a new history regenerates once, then there is no work to do" \
    "$(cat "$c/ninja2.out" "$c/ninja3.out")"

# --history FILE: a CI job starts from an empty builddir with the file it
# carried from the last job; the report adds to that file
cp "$d/out/history" "$top/carried"
h="$top/carried-cli"
mkdir -p "$h"
manifest "$h"
(cd "$h" && "$COSIMGEN" --history ../carried tests.ini &&
    ninja -j1) >"$h/ninja.out" 2>&1
same "--history FILE: an empty builddir starts in the carried file's order" \
    "vip bad long mid quick " "$(starts "$h")"
[ ! -e "$h/out/history" ] && ok "--history FILE: no history in the builddir" ||
    fail "--history FILE: no history in the builddir"
same "--history FILE: the report adds the run to the carried file" \
    "$(($(grep -c '^run' "$d/out/history") + 1))" \
    "$(grep -c '^run' "$top/carried")"
grep -q -- "--history ../carried" "$h/build.ninja" &&
    ok "--history FILE: the regeneration keeps it" ||
    fail "--history FILE: the regeneration keeps it" \
    "$(grep cosim_regen -A1 "$h/build.ninja")"

# history = in the manifest, relative to it
m="$top/carried-ini"
mkdir -p "$m"
cp "$d/out/history" "$top/carried2"
manifest "$m" "history = ../carried2"
(cd "$m" && "$COSIMGEN" tests.ini && ninja -j1) >"$m/ninja.out" 2>&1
same "history = PATH: the same from the manifest" \
    "vip bad long mid quick " "$(starts "$m")"

# make: the report's prerequisites in the same order, and the fragment
# remade when the history changed
k="$top/make"
mkdir -p "$k"
manifest "$k"
printf 'include cosim.mk\n' >"$k/Makefile"
(cd "$k" && "$COSIMGEN" -G make -o cosim.mk tests.ini &&
    make -j1 cosim-check) >"$k/make1.out" 2>&1
same "make: first run in manifest order, the priority first" \
    "vip quick bad mid long " "$(starts "$k")"
again "$k"
(cd "$k" && make -j1 cosim-check) >"$k/make2.out" 2>&1
same "make: the next make remakes the fragment and starts longest first" \
    "vip bad long mid quick " "$(starts "$k")"

# a fixture's spec is brought back like a test's
f="$top/fixture"
mkdir -p "$f"
cat >"$f/tests.ini" <<'EOT'
[cosimgen]
builddir = out

[fixture:db]
setup = true

[test:t]
command = true
fixtures = db
EOT
(cd "$f" && "$COSIMGEN" tests.ini && rm out/fixtures/db/spec &&
    ninja out/fixtures/db/spec) >"$f/ninja.out" 2>&1
[ -f "$f/out/fixtures/db/spec" ] && ok "a deleted fixture spec is written again" ||
    fail "a deleted fixture spec is written again" "$(cat "$f/ninja.out")"

# Compiles in the makespan, with real ninja -j2 and the default compile
# pool of 2: the compiles of slow and other wait until the test of quick
# has run (it creates the file go; they give up after 20 s, which only
# bounds a failure), so the run can end well only if quick's test starts
# while slow still compiles, before other's compile takes the job quick's
# compile left. quick's test is expected to take long (cost), the others
# nothing: quick's compile goes first, its test before the two compiles
# that gate less. What is asserted is what each compile saw, not a time.
# ninja 1.12 and later start every ready compile before any test: there,
# compile_jobs = 1 leaves the second job to the test.
c="$top/makespan"
mkdir -p "$c"
cat >"$c/waitgo.sh" <<'EOT'
# waitgo.sh NAME SIM: wait for the file go, note what came, make SIM
i=0
while [ ! -e go ] && [ "$i" -lt 200 ]; do sleep 0.1; i=$((i + 1)); done
if [ -e go ]; then echo saw-go >"$1.note"; else echo gave-up >"$1.note"; fi
printf '#!/bin/sh\nexit 0\n' >"$2" && chmod +x "$2"
EOT
printf '#!/bin/sh\ntouch "%s/go"\n' "$c" >"$c/go.sh"
# design NAME SOURCE COMPILE: a custom design whose simulator is the test
design() {
	printf '\n[design:%s]\nsimulator = custom\nready = none\n' "$1"
	printf 'run = {sim}\nsources = %s\ncompile = %s\n' "$2" "$3"
}
# makespan_ini POOL: the manifest, with compile_jobs = POOL
makespan_ini() {
	printf '[cosimgen]\nbuilddir = out\ncompile_jobs = %s\n' "$1"
	design other waitgo.sh 'sh waitgo.sh other {sim}'
	design slow waitgo.sh 'sh waitgo.sh slow {sim}'
	design quick go.sh 'cp go.sh {sim} && chmod +x {sim}'
	printf '\n[test:other_t]\ndesign = other\n'
	printf '\n[test:slow_t]\ndesign = slow\n'
	printf '\n[test:quick_t]\ndesign = quick\ncost = 1m\n'
}
v=$(ninja --version)
pool=2
case $v in 1.11.*|1.10.*) ;; *) pool=1 ;; esac
makespan_ini "$pool" >"$c/tests.ini"
(cd "$c" && "$COSIMGEN" tests.ini) >"$c/gen.out" 2>&1
# the lines that start the edges, as "quick quick_t slow other ..."
edges=$(sed -n 's,^build out/designs/[0-9a-f]*/sim: cosim_custom .* go.sh$,quick,p
	s,^build out/designs/[0-9a-f]*/sim: cosim_custom .*waitgo.sh$,W,p
	s,^build out/tests/\([a-z_]*\)/stamp: .*,\1,p' "$c/build.ninja" | tr '\n' ' ')
same "makespan: quick's compile, then its long test, then the compiles that gate less" \
    "quick quick_t W W" "$(echo "$edges" | cut -d' ' -f1-4)"
(cd "$c" && ninja -j2 >ninja.out 2>&1)
same "makespan (ninja $v, compile_jobs $pool): quick's test ran while slow compiled" \
    "saw-go" "$(cat "$c/slow.note" 2>/dev/null)"
same "makespan: and before other's compile ended" "saw-go" \
    "$(cat "$c/other.note" 2>/dev/null)"
grep -q '^3 passed, 0 failed' "$c/ninja.out" &&
    ok "makespan: the suite passes" ||
    fail "makespan: the suite passes" "$(cat "$c/ninja.out")"
