#!/bin/sh
# writer.sh MODE: a custom simulator that writes 100 KB to its stdout and
# waits. startup: at once, before it is ready (it never is). grace: a
# second later, ignoring SIGTERM, and if it is still running 5 s later it
# leaves the file "late" in its run directory.
case $1 in grace) trap '' TERM; sleep 1 ;; esac
head -c 100000 /dev/zero | tr '\0' x
case $1 in grace) sleep 5; : >late ;; esac
exec sleep 600
