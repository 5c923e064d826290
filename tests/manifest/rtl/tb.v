module tb; endmodule
