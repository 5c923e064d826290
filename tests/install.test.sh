#!/bin/sh
# configure, make install with PREFIX and DESTDIR, and the installed
# programs and man pages, in a copy of the source tree.
. "$COSIM_TOP/tests/lib.sh"
d=$(scratch install)
src="$d/src-copy"
mkdir -p "$src"
(cd "$COSIM_TOP" && cp -R configure Makefile.in VERSION src docs templates "$src/")
rm -f "$src"/src/*.o "$src"/src/*.d "$src"/src/*/*.o "$src"/src/*/*.d
cd "$src" || exit 1

./configure --bogus >out.txt 2>&1
same "configure: an unknown option is an error" 1 $?
grep -q "unknown option '--bogus'" out.txt && ok "configure: and names it" ||
    fail "configure: and names it" "$(cat out.txt)"
check "configure --prefix --mandir" ./configure --prefix=/opt/cosim --mandir=/opt/man CFLAGS=-O1
grep -q '^PREFIX = /opt/cosim$' config.mk && grep -q '^MANDIR = /opt/man$' config.mk &&
    grep -q '^CFLAGS = -O1$' config.mk && ok "configure: config.mk holds the options" ||
    fail "configure: config.mk holds the options" "$(cat config.mk)"
PKG_CONFIG=false ./configure >out.txt 2>&1 && grep -q 'inih... yes' out.txt &&
    ok "configure: falls back to -linih without pkg-config" ||
    fail "configure: falls back to -linih without pkg-config" "$(cat out.txt)"
./configure --enable-static-launcher CFLAGS='-O2 -fsanitize=address' \
    LDFLAGS=-fsanitize=address >out.txt 2>&1
same "configure: --enable-static-launcher under a sanitizer is an error" 1 $?
grep -q 'sanitizers need the shared C library' out.txt &&
    ok "configure: and says why" || fail "configure: and says why" "$(cat out.txt)"
./configure CFLAGS='-O2 -fsanitize=address' LDFLAGS=-fsanitize=address >out.txt 2>&1 &&
    grep -q '^RUN_LDFLAGS = $' config.mk &&
    ok "configure: a sanitizer build links cosim-run shared" ||
    fail "configure: a sanitizer build links cosim-run shared" "$(cat out.txt config.mk)"
check "configure (defaults)" ./configure --prefix=/usr
check "make" make -j2
# cosim-run is what configure chose: static (no program interpreter)
# exactly when config.mk says -static
if grep -q '^RUN_LDFLAGS = -static' config.mk; then want=static; else want=shared; fi
if readelf -l cosim-run | grep -q 'INTERP'; then got=shared; else got=static; fi
same "cosim-run is linked as configure chose ($want)" "$want" "$got"
if readelf -l cosimgen | grep -q 'INTERP'; then got=shared; else got=static; fi
same "cosimgen is linked shared" shared "$got"
check "make install PREFIX DESTDIR" make install PREFIX=/usr DESTDIR="$d/root"
for f in usr/bin/cosimgen usr/bin/cosim-run usr/share/man/man1/cosimgen.1 \
    usr/share/man/man1/cosim-run.1 usr/share/man/man5/cosimgen.ini.5 \
    usr/share/cosimgen/templates/cosim_bridge.c \
    usr/share/cosimgen/templates/cosim_linebuf.c \
    usr/share/cosimgen/templates/cosim_bridge.svh \
    usr/share/cosimgen/templates/cosim_client.py \
    usr/share/cosimgen/templates/cosim_client.h; do
	[ -f "$d/root/$f" ] && ok "installed $f" || fail "installed $f"
done
for m in "$d"/root/usr/share/man/man*/*; do
	if command -v groff >/dev/null 2>&1; then
		w=$(groff -man -Tutf8 -ww -z "$m" 2>&1)
		same "man page renders without warnings: $(basename "$m")" "" "$w"
		# a control character but the tab (a form feed where \f was
		# meant) renders silently as garbage
		same "man page holds no control character: $(basename "$m")" 0 \
		    "$(LC_ALL=C grep -c "$(printf '[\001-\010\013-\037\177]')" "$m")"
	else
		skip "man page renders: $(basename "$m")" "groff is not installed"
	fi
done
cd "$d" || exit 1
printf '[test:a]\ncommand = true\n' >m.ini
"$d/root/usr/bin/cosimgen" m.ini &&
    grep -q "^cosim_run = $d/root/usr/bin/cosim-run\$" build.ninja &&
    ok "installed cosimgen calls the cosim-run beside it" ||
    fail "installed cosimgen calls the cosim-run beside it" "$(grep cosim_run build.ninja)"
ninja >ninja.out 2>&1 && grep -q '^1 passed, 0 failed$' ninja.out &&
    ok "installed programs run a test" || fail "installed programs run a test" "$(cat ninja.out)"
same "installed cosimgen finds the installed templates" /usr/share/cosimgen/templates \
    "$("$d/root/usr/bin/cosimgen" --print-templates-dir)"
check "make uninstall" make -C "$src" uninstall PREFIX=/usr DESTDIR="$d/root"
[ ! -e "$d/root/usr/bin/cosimgen" ] && ok "uninstall removed the programs" ||
    fail "uninstall removed the programs"
