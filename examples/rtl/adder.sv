// A combinational adder whose width is a parameter: the example suite
// compiles it twice, at 8 and at 16 bits.
module adder #(parameter int WIDTH = 8) (
    input  logic [WIDTH-1:0] a,
    input  logic [WIDTH-1:0] b,
    output logic [WIDTH:0]   sum
);
    assign sum = a + b;
endmodule
