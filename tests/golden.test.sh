#!/bin/sh
# Golden tests: for each tests/manifest/NAME.ini, run cosimgen in a copy of
# tests/manifest and compare with the expected files beside it:
#   NAME.ninja   the ninja file             NAME.mk  the make fragment (-G make)
#   NAME.err     stderr of a run that must fail with exit 2 and leave the
#                existing output untouched  NAME.mk.err  the same with -G make
#   NAME.stderr  stderr (warnings) of a successful ninja run; NAME.mk.stderr
#                of a successful make run; without it, stderr must be empty
#   NAME.specs   every spec file, in test order (optional)
#   NAME.compiles the compile list, then every compile spec in its order
#                (optional)
#   NAME.fixtures every fixture spec, in name order (optional)
# The cosimgen path is written as @COSIMGEN@, the bridge's directory as
# @TEMPLATES@. Files named inc-*.ini are
# included by cases, not cases themselves. UPDATE=1 rewrites the expected
# files from the actual output (review the diff before committing).
. "$COSIM_TOP/tests/lib.sh"
src="$COSIM_TOP/tests/manifest"
templates=$("$COSIMGEN" --print-templates-dir)
n=0
update() { [ "${UPDATE:-0}" = 1 ] && cp "$1" "$2"; }
# expect LABEL EXPECTED ACTUAL: the files agree (UPDATE=1 rewrites EXPECTED)
expect() {
	update "$3" "$2"
	if diff -u "$2" "$3" >"$3.diff"; then
		ok "$1"
	else
		fail "$1" "$(head -n 40 "$3.diff")"
	fi
}
for ini in "$src"/*.ini; do
	name=$(basename "$ini" .ini)
	case "$name" in inc-*) continue ;; esac
	n=$((n + 1))
	for kind in ninja mk err mk.err waves.ninja; do
		exp="$src/$name.$kind"
		[ -f "$exp" ] || continue
		label="golden $name.$kind"
		d=$(scratch "golden/$name.$kind")
		cp -R "$src/." "$d/"
		case "$kind" in
		ninja|err|waves.ninja) out=build.ninja gen=ninja ;;
		mk|mk.err) out=cosim.mk gen=make ;;
		esac
		echo "sentinel" >"$d/$out"
		(cd "$d" && "$COSIMGEN" -G "$gen" --launcher /opt/cosim/cosim-run \
		    -o "$out" "$name.ini" >stdout 2>stderr)
		rc=$?
		case "$kind" in
		*err) actual="$d/stderr" ;;
		waves.ninja) actual="$d/cosim-out/waves.ninja" ;;	# the default builddir
		*) actual="$d/$out" ;;
		esac
		sed "s#$COSIMGEN#@COSIMGEN@#g; s#$templates#@TEMPLATES@#g" "$actual" >"$d/actual"
		update "$d/actual" "$exp"
		case "$kind" in
		*err)
			if [ "$rc" -ne 2 ]; then
				fail "$label" "exit status $rc, expected 2" "$(cat "$d/stderr")"
				continue
			fi
			if [ "$(cat "$d/$out")" != sentinel ]; then
				fail "$label" "the existing $out was changed"
				continue
			fi
			;;
		*)
			if [ "$rc" -ne 0 ]; then
				fail "$label" "exit status $rc" "$(cat "$d/stderr")"
				continue
			fi
			warn="$src/$name.stderr"
			[ "$kind" = mk ] && warn="$src/$name.mk.stderr"
			if [ -f "$warn" ] || [ -s "$d/stderr" ]; then
				update "$d/stderr" "$warn"
				if [ -f "$warn" ] && cmp -s "$warn" "$d/stderr"; then
					ok "$label: warnings"
				else
					fail "$label: warnings" "expected:" \
					    "$(cat "$warn" 2>/dev/null)" "actual:" "$(cat "$d/stderr")"
				fi
			fi
			;;
		esac
		if diff -u "$exp" "$d/actual" >"$d/diff"; then
			ok "$label"
		else
			fail "$label" "$(head -n 40 "$d/diff")"
		fi
		if [ "$kind" = ninja ] || [ "$kind" = mk ] && [ -f "$src/$name.specs" ]; then
			list=$(cd "$d" && find . -name tests.list | head -n 1)
			bd=$(dirname "$list")
			(cd "$d" && while read -r t _; do cat "$bd/tests/$t/spec"; done <"$list") |
			    sed "s#$templates#@TEMPLATES@#g" >"$d/specs"
			expect "$label: specs" "$src/$name.specs" "$d/specs"
		fi
		if [ "$kind" = ninja ] && [ -f "$src/$name.compiles" ]; then
			list=$(cd "$d" && find . -name compiles.list | head -n 1)
			bd=$(dirname "$list")
			(cd "$d" && cat "$list" && while read -r c _; do
				cat "$bd/$c/spec"; done <"$list") |
			    sed "s#$templates#@TEMPLATES@#g" >"$d/compiles"
			expect "$label: compile specs" "$src/$name.compiles" "$d/compiles"
		fi
		if [ "$kind" = ninja ] && [ -f "$src/$name.fixtures" ]; then
			list=$(cd "$d" && find . -name tests.list | head -n 1)
			bd=$(dirname "$list")
			(cd "$d" && for f in "$bd"/fixtures/*/spec; do cat "$f"; done) |
			    sed "s#$templates#@TEMPLATES@#g" >"$d/fixtures"
			expect "$label: fixture specs" "$src/$name.fixtures" "$d/fixtures"
		fi
	done
done
[ "$n" -ge 25 ] && ok "at least 25 golden cases ($n)" || fail "at least 25 golden cases" "found $n"
