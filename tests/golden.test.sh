#!/bin/sh
# Golden tests: for each tests/manifest/NAME.ini, run cosimgen in a copy of
# tests/manifest and compare with the expected files beside it:
#   NAME.ninja  the ninja file          NAME.mk     the make fragment (-G make)
#   NAME.err    stderr of a run that must fail with exit 2 and leave the
#               existing output untouched
#   NAME.specs  every spec file, in test order (optional)
# The cosimgen path is written as @COSIMGEN@. UPDATE=1 rewrites the expected
# files from the actual output (review the diff before committing).
. "$COSIM_TOP/tests/lib.sh"
src="$COSIM_TOP/tests/manifest"
n=0
for ini in "$src"/*.ini; do
	name=$(basename "$ini" .ini)
	case "$name" in inc-*) continue ;; esac
	n=$((n + 1))
	for kind in ninja mk err; do
		exp="$src/$name.$kind"
		[ -f "$exp" ] || continue
		d=$(scratch "golden/$name.$kind")
		cp -R "$src/." "$d/"
		case "$kind" in
		ninja) out=build.ninja gen=ninja ;;
		mk) out=cosim.mk gen=make ;;
		err) out=build.ninja gen=ninja ;;
		esac
		echo "sentinel" >"$d/$out"
		(cd "$d" && "$COSIMGEN" -G "$gen" --launcher /opt/cosim/cosim-run \
		    -o "$out" "$name.ini" >stdout 2>stderr)
		rc=$?
		if [ "$kind" = err ]; then
			actual="$d/stderr"
		else
			actual="$d/$out"
		fi
		sed "s#$COSIMGEN#@COSIMGEN@#g" "$actual" >"$d/actual"
		if [ "${UPDATE:-0}" = 1 ]; then
			cp "$d/actual" "$exp"
		fi
		if [ "$kind" = err ]; then
			if [ "$rc" -ne 2 ]; then
				fail "golden $name.err" "exit status $rc, expected 2" \
				    "$(cat "$d/stderr")"
				continue
			fi
			if [ "$(cat "$d/$out")" != sentinel ]; then
				fail "golden $name.err" "the existing $out was changed"
				continue
			fi
		elif [ "$rc" -ne 0 ]; then
			fail "golden $name.$kind" "exit status $rc" "$(cat "$d/stderr")"
			continue
		fi
		if diff -u "$exp" "$d/actual" >"$d/diff"; then
			ok "golden $name.$kind"
		else
			fail "golden $name.$kind" "$(head -n 40 "$d/diff")"
		fi
		if [ "$kind" != err ] && [ -f "$src/$name.specs" ]; then
			(cd "$d" && bd=$(sed -n 's/^builddir = //p' build.ninja cosim.mk 2>/dev/null | head -n 1)
			 [ -n "$bd" ] || bd=$(sed -n 's/^COSIM_BUILDDIR := //p' cosim.mk)
			 while read -r t; do cat "$bd/tests/$t/spec"; done <"$bd/tests.list") >"$d/specs"
			[ "${UPDATE:-0}" = 1 ] && cp "$d/specs" "$src/$name.specs"
			if diff -u "$src/$name.specs" "$d/specs" >"$d/diff"; then
				ok "golden $name.specs ($kind)"
			else
				fail "golden $name.specs ($kind)" "$(head -n 40 "$d/diff")"
			fi
		fi
	done
done
[ "$n" -ge 25 ] && ok "at least 25 golden cases ($n)" || fail "at least 25 golden cases" "found $n"
