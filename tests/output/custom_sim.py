# A custom simulator that block-buffers stdout when it is not a terminal,
# as Python does (PYTHONUNBUFFERED unset): three lines, then it hangs; or,
# with "chatty", it prints without end; with "bulk", 20000 lines (far more
# than a terminal holds), then it exits.
import sys
import time

if sys.argv[1:] == ["chatty"]:
    while True:
        print("custom chatter " * 4)
if sys.argv[1:] == ["bulk"]:
    for n in range(20000):
        print("bulk line", n)
    sys.exit(0)
print("custom one")
print("custom two")
print("custom three")
time.sleep(600)
