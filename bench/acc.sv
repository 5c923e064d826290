// bench/acc.sv - the accumulator of bench/compile.sh: a DUT of parameter
// width W and a self-checking testbench that adds +n=N random values
// (from +seed=S) and compares the sum with its own.
module acc #(parameter W = 8) (
  input clk,
  input rst,
  input [W-1:0] d,
  output reg [W-1:0] q
);
  always @(posedge clk) q <= rst ? {W{1'b0}} : q + d;
endmodule

module acc_tb;
  parameter W = 8;
  reg clk = 0, rst = 1;
  reg [W-1:0] d = 0, model = 0;
  wire [W-1:0] q;
  integer n, seed, i;
  acc #(.W(W)) dut (.clk(clk), .rst(rst), .d(d), .q(q));
  always #5 clk = ~clk;
  initial begin
    if (!$value$plusargs("n=%d", n)) n = 1000;
    if (!$value$plusargs("seed=%d", seed)) seed = 1;
    @(negedge clk) rst = 0;
    for (i = 0; i < n; i = i + 1) begin
      d = $random(seed);
      @(negedge clk);
      model = model + d;
      if (q !== model) begin
        $display("FAIL at %0d: q=%h, expected %h", i, q, model);
        $finish;
      end
    end
    $display("PASS %0d values, sum %h", n, q);
    $finish;
  end
endmodule
