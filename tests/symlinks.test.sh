#!/bin/sh
# Links planted in a build directory: cosim-run follows none it did not
# make. For each file it writes (result, result.prev, pids, the logs,
# stamp, .ninja_log, a fixture's files, progress, failures, a compile's
# result.prev and what its compiler writes) and for run/ and attempt.K/,
# a link to a victim outside the build directory leaves the victim's
# content, mtime and listing as they were; a link in the place of a file
# it makes is removed (with a warning) and the test runs as usual; a link
# in the place of the test's (or a compile's) directory is an error that
# touches nothing; a link for a log is not read, nor is an earlier run's
# log of a test that does not start. The main cases run again with
# openat2 denied by a seccomp filter (tests/noopenat2.c), through
# beneath.c's walk. A build directory that is itself a link works, and
# the links of `files =` are made and cleaned without their targets being
# touched.
. "$COSIM_TOP/tests/lib.sh"
d=$(scratch symlinks)
cd "$d" || exit 1
# ninja, run by $wrap when set (the filter of noopenat2, below); tag is
# put before the name of each case of that second pass
ninja_bin=$(command -v ninja)
wrap= tag=
ninja() { $wrap "$ninja_bin" "$@"; }
v="$d/victim"	# outside the build directory
echo data >data.txt
cat >tests.ini <<'EOT'
[cosimgen]
builddir = out
simulator = custom
ready = none
max_failures = 1000

[fixture:fx]
setup = echo up
cleanup = echo down

[test:tx]
fixtures = fx
command = true

[test:r]
retries = 1
command = test -d ../attempt.1

[design:d]
run = echo simout; echo simerr >&2

[test:t]
command = echo testout; echo testerr >&2

[test:s]
design = d

[test:f]
design = d
files = data.txt
command = test -L data.txt && cat data.txt

[design:dead]
ready = file
run = echo starting; exit 3

[test:td]
design = dead
command = echo testout

[design:c]
sources = data.txt
compile = touch {sim}; echo deps >{sim}.deps; mkdir -p {sim}.d && echo obj >{sim}.d/obj
run = true

[test:tc]
design = c
EOT
"$COSIMGEN" --launcher "$COSIM_TOP/cosim-run" tests.ini >gen.out 2>&1
ninja >ninja0.out 2>&1
same "the first run passes" "pass pass pass pass" \
    "$(for t in t s f tc; do sed -n 's/^status //p' out/tests/$t/result; done | xargs)"
h=$(cd out/designs && echo *)	# the compile of design c

# victims: a file and a directory outside the build directory, old
victims() {
	rm -rf "$v"
	mkdir -p "$v/dir"
	echo precious >"$v/file"
	echo keep >"$v/dir/keep"
	touch -d '2001-01-01 00:00' "$v/file" "$v/dir/keep" "$v/dir"
}
# state: every victim's name, kind, size, mtime and content
state() {
	find "$v" -printf '%P %y %s %T@\n' | sort
	cat "$v/file" "$v/dir/keep" 2>&1
}
status() { sed -n 's/^status //p' "out/tests/$1/result"; }
# fresh TEST: a run of TEST with nothing planted, so that each case starts
# from one (whatever an earlier case left, on code that followed links)
fresh() {
	(cd "out/tests/$1" && rm -rf run pids stamp result result.prev)
	ninja "out/tests/$1/stamp" >fresh.out 2>&1
}

# planted NAME TEST FILE TARGET: run TEST again with FILE of its directory
# a link to TARGET; the victims stay as they were, the link is replaced
# by a file (or directory) of cosim-run's own and the test passes.
planted() {
	_n=$tag$1 _t=$2 _at=out/tests/$2/$3
	fresh "$_t"
	victims
	rm -f "out/tests/$_t/stamp"	# (an old link for the stamp case)
	rm -rf "$_at"
	ln -s "$4" "$_at"
	_before=$(state)
	ninja "out/tests/$_t/stamp" >ninja.out 2>&1
	same "$_n: the victim is untouched" "$_before" "$(state)"
	same "$_n: the test passes" pass "$(status "$_t")"
	if [ -L "$_at" ]; then
		fail "$_n: the link is gone" "$(ls -l "$_at")"
	else
		ok "$_n: the link is gone"
	fi
	if grep -q "^cosim-run: removed the symbolic link [^ ]*out/tests/$_t/" \
	    ninja.out; then
		ok "$_n: cosim-run says it removed it"
	else
		fail "$_n: cosim-run says it removed it" "$(cat ninja.out)"
	fi
}

# refused NAME DIR OUTPUT: build OUTPUT with DIR (a test's or compile's
# directory) a link to the victim directory, holding DIR's spec as an
# attacker would leave one: an error that writes nothing there
refused() {
	_r=$tag$1
	victims
	cp "$2/spec" "$v/dir/spec"
	touch -d '2001-01-01 00:00' "$v/dir/spec" "$v/dir"
	mv "$2" kept
	ln -s "$v/dir" "$2"
	_before=$(state)
	ninja "$3" >ninja.out 2>&1
	_rc=$?
	same "$_r: the victim is untouched" "$_before" "$(state)"
	same "$_r: ninja fails" 1 "$_rc"
	if grep -qx "cosim-run: $2 is a symbolic link; cosim-run does not follow links it did not make" ninja.out; then
		ok "$_r: cosim-run says why"
	else
		fail "$_r: cosim-run says why" "$(cat ninja.out)"
	fi
	rm "$2"
	mv kept "$2"
}

# the files of a test: its run directory, its logs, its records
test_cases() {
	planted "result.prev" t result.prev "$v/file"
	# (removed before the last result is set aside: named as found)
	if grep -q "^cosim-run: removed the symbolic link out/tests/t/result.prev:" \
	    ninja.out; then
		ok "${tag}result.prev: the message names result.prev"
	else
		fail "${tag}result.prev: the message names result.prev" \
		    "$(cat ninja.out)"
	fi
	planted "result" t result "$v/file"
	planted "pids" t pids "$v/file"
	planted "run/test.out" t run/test.out "$v/file"
	planted "run/test.err" t run/test.err "$v/file"
	planted "run/sim.out" s run/sim.out "$v/file"
	planted "stamp" t stamp "$v/file"
	planted "run/" t run "$v/dir"
	same "${tag}run/: the test wrote its log in a run directory of its own" \
	    testout "$(cat out/tests/t/run/test.out)"
}
test_cases

# elsewhere: NAME PATH TEST [QUIET]: run TEST with PATH (under the build
# directory, a file cosim-run writes or a directory it removes) a link to
# the victim; it stays as it was, the link is removed with the warning
# (QUIET: a file written by a rename over it, which replaces the link
# itself, without a word)
elsewhere() {
	_n=$1 _at=$2
	fresh "$3"
	victims
	rm -f "out/tests/$3/stamp"
	rm -rf "$_at"
	case $_at in */attempt.*) ln -s "$v/dir" "$_at" ;; *) ln -s "$v/file" "$_at" ;; esac
	_before=$(state)
	ninja "out/tests/$3/stamp" >ninja.out 2>&1
	same "$_n: the victim is untouched" "$_before" "$(state)"
	if [ -L "$_at" ]; then
		fail "$_n: the link is gone" "$(ls -l "$_at")"
	else
		ok "$_n: the link is gone"
	fi
	[ "$4" ] && return
	if grep -q "^cosim-run: removed the symbolic link [^ ]*$_at:" ninja.out; then
		ok "$_n: cosim-run says it removed it"
	else
		fail "$_n: cosim-run says it removed it" "$(cat ninja.out)"
	fi
}
elsewhere "attempt.K" out/tests/r/attempt.1 r
same "attempt.K: the retry passes" "flaky 1" \
    "$(status r) $(ls -d out/tests/r/attempt.* | wc -l)"
for f in state:quiet setup.log setup.result:quiet cleanup.log \
    cleanup.result:quiet; do
	elsewhere "fixtures/NAME/${f%:*}" "out/fixtures/fx/${f%:*}" tx \
	    "$(echo "$f" | sed -n 's/.*://p')"
	same "fixtures/NAME/${f%:*}: the test passes" pass "$(status tx)"
done
elsewhere "BUILDDIR/progress" out/progress t
elsewhere "BUILDDIR/failures" out/failures td

# the logs of a test that never starts (its simulator dies before it is
# ready): kept from the run before, nothing opens them again, yet they
# are scanned and tailed; a link there is removed, and an old log of an
# earlier run says nothing of this one
secret() {
	_n=$1
	ninja >ninja.out 2>&1
	same "$_n: the victim is untouched" "$before" "$(state)"
	same "$_n: the simulator's death is the reason" \
	    "the simulator exited with status 3 before it was ready" \
	    "$(sed -n 's/^reason //p' out/tests/td/result)"
	if grep -rl SECRET out/tests/td/result out/summary.txt \
	    out/results.json out/report.html >secret.out 2>&1; then
		fail "$_n: nothing of it in the result or the report" \
		    "$(cat secret.out)"
	else
		ok "$_n: nothing of it in the result or the report"
	fi
}
fresh td
victims
echo "Error: SECRET" >"$v/file"
touch -d '2001-01-01 00:00' "$v/file"
rm -f out/tests/td/stamp out/tests/td/run/test.out
ln -s "$v/file" out/tests/td/run/test.out
before=$(state)
secret "a link for the log of a test that does not start"
if [ -L out/tests/td/run/test.out ]; then
	fail "a link for the log of a test that does not start: it is gone"
else
	ok "a link for the log of a test that does not start: it is gone"
fi
grep -q "^cosim-run: removed the symbolic link out/tests/td/run/test.out:" \
    ninja.out && ok "a link for the log of a test that does not start: said" ||
    fail "a link for the log of a test that does not start: said" \
    "$(cat ninja.out)"
rm -f out/tests/td/stamp out/tests/td/run/test.out
echo "Error: SECRET (an earlier run's)" >out/tests/td/run/test.out
secret "an old log of a test that does not start"

# --scan-only reads the logs through no link either
fresh t
victims
echo "Error: SECRET" >"$v/file"
rm out/tests/t/run/test.err
ln -s "$v/file" out/tests/t/run/test.err
"$COSIM_TOP/cosim-run" --scan-only out/tests/t/spec >scan.out 2>&1
rc=$?
same "--scan-only: a link for a log is not read" "0 pass" "$rc $(status t)"
rm out/tests/t/run/test.err

# .ninja_log: cosim-run --scan-only appends to it (ninjalog.h); ninja's
# own writes are ninja's business, so the link is there only for that
fresh t
victims
cp out/.ninja_log "$v/file"
touch -d '2001-01-01 00:00' "$v/file"
mv out/.ninja_log ninja_log.kept
ln -s "$v/file" out/.ninja_log
before=$(state)
"$COSIM_TOP/cosim-run" --scan-only out/tests/t/spec >scan.out 2>&1
rc=$?
same ".ninja_log: the victim is untouched" "$before" "$(state)"
same ".ninja_log: the rescan passes" "0 pass" "$rc $(status t)"
rm out/.ninja_log
mv ninja_log.kept out/.ninja_log

# the directories: a test's and a compile's, and what a compile writes
dir_cases() {
	# tests/NAME: the test's directory itself (with a spec, as an
	# attacker would leave one) is an error, and nothing in it is written
	fresh t
	refused tests/NAME out/tests/t out/tests/t/stamp

	# a compile's directory: result.prev (written in place, then
	# swapped with result), what the compiler writes in it and in a
	# directory of its there: a link planted for one is removed (before
	# the compiler runs) and the compile writes its own
	for f in result.prev sim.deps sim.d/obj; do
		victims
		rm -f "out/designs/$h/sim" "out/designs/$h/$f"
		ln -s "$v/file" "out/designs/$h/$f"
		before=$(state)
		ninja "out/designs/$h/sim" >ninja.out 2>&1
		same "${tag}designs/HASH/$f: the victim is untouched" \
		    "$before" "$(state)"
		same "${tag}designs/HASH/$f: the compile passes" pass \
		    "$(sed -n 's/^status //p' "out/designs/$h/result")"
		if [ -L "out/designs/$h/$f" ]; then
			fail "${tag}designs/HASH/$f: the link is gone"
		else
			ok "${tag}designs/HASH/$f: the link is gone"
		fi
		if grep -qx "cosim-run: removed the symbolic link out/designs/$h/$f: cosim-run does not follow links it did not make" ninja.out; then
			ok "${tag}designs/HASH/$f: cosim-run says it removed it"
		else
			fail "${tag}designs/HASH/$f: cosim-run says it removed it" \
			    "$(cat ninja.out)"
		fi
	done
	same "${tag}designs/HASH: the compiler wrote its own files" \
	    "deps obj" "$(cat "out/designs/$h/sim.deps" "out/designs/$h/sim.d/obj" | xargs)"
	# the directory itself is an error
	refused designs/HASH "out/designs/$h" "out/designs/$h/sim"
}
dir_cases

# files =: the link is the test's own; a rerun removes it (and makes it
# again) without a word and without touching what it points to
touch -d '2001-01-01 00:00' data.txt
before=$(find data.txt -printf '%s %T@\n'; cat data.txt)
rm out/tests/f/stamp
ninja out/tests/f/stamp >ninja.out 2>&1
same "files =: the rerun passes" pass "$(status f)"
same "files =: the target is untouched" "$before" \
    "$(find data.txt -printf '%s %T@\n'; cat data.txt)"
if grep -q "symbolic link" ninja.out; then
	fail "files =: no word about its own link" "$(cat ninja.out)"
else
	ok "files =: no word about its own link"
fi

# the same cases where openat2 fails (an older kernel, or a seccomp
# filter that denies it): beneath.c's walk, a component at a time
if ! cc -o noopenat2 "$COSIM_TOP/tests/noopenat2.c" >cc.out 2>&1; then
	skip "openat2 denied" "no C compiler: $(head -n 1 cc.out)"
elif ./noopenat2 true 2>cc.out; [ $? -eq 77 ]; then
	skip "openat2 denied" "$(cat cc.out)"
else
	wrap=$d/noopenat2 tag="openat2 denied: "
	same "openat2 denied: the filter is on for what it runs" "2" \
	    "$(./noopenat2 sh -c 'sed -n "s/^Seccomp:[[:space:]]*//p" /proc/self/status')"
	test_cases
	dir_cases
	wrap= tag=
fi

# a build directory that is a link: the user's choice, followed
b=$(scratch symlinks-builddir)
cd "$b" || exit 1
mkdir -p elsewhere/build
ln -s elsewhere/build out
cp "$d/tests.ini" "$d/data.txt" .
"$COSIMGEN" --launcher "$COSIM_TOP/cosim-run" tests.ini >gen.out 2>&1
ninja >ninja1.out 2>&1
rm out/tests/t/stamp
ninja >ninja2.out 2>&1
same "a linked builddir: the tests pass, twice" "pass pass pass pass" \
    "$(for t in t s f tc; do sed -n 's/^status //p' elsewhere/build/tests/$t/result; done | xargs)"
if grep -q "symbolic link" ninja1.out ninja2.out; then
	fail "a linked builddir: no word about links" "$(cat ninja1.out ninja2.out)"
else
	ok "a linked builddir: no word about links"
fi
