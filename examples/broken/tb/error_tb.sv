// A self-checking testbench that finds a mismatch and reports it with
// $error. Icarus exits 0 after $error: only the log scan fails this test.
module error_tb;
    logic [8:0] sum;
    adder #(.WIDTH(8)) dut (.a(8'd200), .b(8'd100), .sum(sum));
    initial begin
        #1;
        if (sum !== 9'd299)
            $error("200 + 100 gave %0d, expected 299", sum);
        $finish;
    end
endmodule
