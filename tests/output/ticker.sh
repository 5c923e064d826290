# ticker.sh FIFO: write 0 to 5 into FIFO, one every 0.5 s.
for n in 0 1 2 3 4 5; do
	echo $n
	sleep 0.5
done >"$1"
