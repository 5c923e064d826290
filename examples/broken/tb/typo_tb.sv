// A testbench with a typo: the design does not compile, so its test is an
// error that names the compiler's first error, and every other test runs.
module typo_tb;
    logic [8:0] sum;
    adder #(.WIDTH(8)) dut (.a(8'd1), .b(8'd2), .sum(sum))
    initial begin
        #1;
        $finish;
    end
endmodule
