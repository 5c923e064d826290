# A custom simulator that block-buffers stdout when it is not a terminal,
# as Python does (PYTHONUNBUFFERED unset): three lines, then it hangs; or,
# with "chatty", it prints without end.
import sys
import time

if sys.argv[1:] == ["chatty"]:
    while True:
        print("custom chatter " * 4)
print("custom one")
print("custom two")
print("custom three")
time.sleep(600)
