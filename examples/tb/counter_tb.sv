// Self-checking testbench for the counter: counts with enable toggling
// and checks the value every cycle.
module counter_tb;
    logic clk = 0, rst = 1, en = 0;
    logic [3:0] count;
    int expected = 0;

    counter #(.WIDTH(4)) dut (.clk(clk), .rst(rst), .en(en), .count(count));

    always #5 clk = ~clk;

    initial begin
        repeat (2) @(posedge clk);
        rst = 0;
        for (int i = 0; i < 100; i++) begin
            en = (i % 3) != 0;
            @(posedge clk);
            #1;
            if (en)
                expected = (expected + 1) % 16;
            if (count !== 4'(expected))
                $fatal(1, "cycle %0d: count %0d, expected %0d", i, count,
                       expected);
        end
        $display("counter_tb: 100 cycles, 0 errors");
        $finish;
    end
endmodule
