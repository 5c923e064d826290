`define W 8
