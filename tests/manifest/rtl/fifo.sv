module fifo; endmodule
