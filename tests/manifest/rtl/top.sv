module top; adder u(); endmodule
