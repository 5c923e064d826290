module counter; endmodule
