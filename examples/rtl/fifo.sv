// A synchronous FIFO with full and empty flags.
module fifo #(parameter int WIDTH = 8, parameter int DEPTH = 8) (
    input  logic             clk,
    input  logic             rst,
    input  logic             push,
    input  logic             pop,
    input  logic [WIDTH-1:0] din,
    output logic [WIDTH-1:0] dout,
    output logic             full,
    output logic             empty
);
    localparam int AW = $clog2(DEPTH);
    logic [WIDTH-1:0] mem [DEPTH];
    logic [AW:0] wr, rd;

    assign empty = wr == rd;
    assign full  = (wr[AW-1:0] == rd[AW-1:0]) && (wr[AW] != rd[AW]);
    assign dout  = mem[rd[AW-1:0]];

    always_ff @(posedge clk) begin
        if (rst) begin
            wr <= '0;
            rd <= '0;
        end else begin
            if (push && !full) begin
                mem[wr[AW-1:0]] <= din;
                wr <= wr + 1'b1;
            end
            if (pop && !empty)
                rd <= rd + 1'b1;
        end
    end
endmodule
