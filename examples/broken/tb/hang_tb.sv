// A testbench that never finishes: a clock runs forever and nothing
// calls $finish. The timeout ends it.
module hang_tb;
    logic clk = 0;
    always #5 clk = ~clk;
endmodule
