module weird; endmodule
