// The design of tests/cocotb-run.test.sh: a register that adds one, and
// ends the simulation at a clock edge that sees a == 8'hee.
module dut (
    input  logic       clk,
    input  logic [7:0] a,
    output logic [7:0] y
);
  always_ff @(posedge clk) y <= a + 8'd1;
  always @(posedge clk) if (a == 8'hee) $finish;
endmodule
