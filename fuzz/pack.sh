#!/bin/sh
# pack.sh BUILDDIR [FILE...]: the files of a build directory as one input
# of fuzz_report ("== PATH" then the text, for each), on stdout; FILE...
# (paths relative to BUILDDIR) narrows it to those. Without FILE: what
# the report reads, less its own outputs and the run logs over 2 KiB.
dir=${1:?usage: pack.sh BUILDDIR [FILE...]}
shift
cd "$dir" || exit 1
if [ $# -eq 0 ]; then
	set -- $(find . -type f ! -name spec ! -name stamp ! -name pids \
	    ! -name 'repro.sh' ! -name '.ninja_*' ! -name summary.txt \
	    ! -name results.json ! -name report.xml ! -name report.html \
	    ! -name .timeline ! -name graph ! -name specs.sums \
	    ! -name 'progress*' -size -3k | sed 's|^\./||' | sort)
fi
for f; do
	printf '== %s\n' "$f"
	cat "$f"
done
