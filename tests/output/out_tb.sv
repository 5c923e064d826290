// What a simulation prints must reach its log as it is printed: one
// testbench, its behaviour chosen by +mode= (one compile per simulator).
//   hang     three lines and an unfinished one, then it never ends (a
//            timeout stops it)
//   tick     Verilator: a line every 0.5 s of wall time, six times
//   fifo     a line for each number read from +fifo=PATH, until its end
//            (Icarus has no $system to wait with: the test writes them)
//   chatty   prints without end
//   bigfile  writes big.dat (528 KiB) beside its logs
module out_tb;
	string mode, fifo;
	integer i, fd, n;

	initial begin
		if (!$value$plusargs("mode=%s", mode))
			mode = "hang";
		if (mode == "hang") begin
			$display("line one");
			$display("line two");
			$display("line three");
			$write("no newline");
`ifdef VERILATOR
			$system("sleep 600");
`else
			forever #1;
`endif
		end else if (mode == "tick") begin
			for (i = 0; i < 6; i = i + 1) begin
				$display("tick %0d", i);
`ifdef VERILATOR
				$system("sleep 0.5");
`endif
			end
		end else if (mode == "fifo") begin
			if (!$value$plusargs("fifo=%s", fifo))
				$fatal(1, "no +fifo=");
			fd = $fopen(fifo, "r");
			while ($fscanf(fd, "%d", n) == 1)
				$display("tick %0d", n);
		end else if (mode == "chatty") begin
			forever
				$display("chatter chatter chatter chatter chatter chatter");
		end else if (mode == "bigfile") begin
			fd = $fopen("big.dat", "w");
			for (i = 0; i < 4096; i = i + 1)
				$fwrite(fd, "%0128d\n", i);
			$fclose(fd);
			$display("wrote big.dat");
		end
		$finish;
	end
endmodule
