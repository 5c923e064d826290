module adder; endmodule
