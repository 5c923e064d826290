// Co-simulation testbench for the FIFO. Requests, one per clock:
//   "push V" -> "ok" or "full"     "pop" -> the value, or "empty"
//   "depth"  -> DEPTH              "count" -> how many it holds
module fifo_cosim #(parameter int DEPTH = 8);
    logic clk = 0, rst = 1, push = 0, pop = 0;
    logic [7:0] din, dout;
    logic full, empty;
    string msg;
    int rc, v, count = 0;

    fifo #(.WIDTH(8), .DEPTH(DEPTH)) dut (.*);

`include "cosim_bridge.svh"

    task automatic tick;
        #5 clk = 1;
        #5 clk = 0;
    endtask

    initial begin
        tick();
        rst = 0;
        rc = `COSIM_ACCEPT;
        if (rc != 0)
            $fatal(1, "no client");
        msg = "start";
        while (msg != "") begin
            `COSIM_RECV(msg, rc);
            if ($sscanf(msg, "push %d", v) == 1) begin
                if (full)
                    rc = `COSIM_SEND("full");
                else begin
                    din = v[7:0];
                    push = 1;
                    tick();
                    push = 0;
                    count++;
                    rc = `COSIM_SEND("ok");
                end
            end else if (msg == "pop") begin
                if (empty)
                    rc = `COSIM_SEND("empty");
                else begin
                    rc = `COSIM_SEND($sformatf("%0d", dout));
                    pop = 1;
                    tick();
                    pop = 0;
                    count--;
                end
            end else if (msg == "depth")
                rc = `COSIM_SEND($sformatf("%0d", DEPTH));
            else if (msg == "count")
                rc = `COSIM_SEND($sformatf("%0d", count));
            else if (msg != "")
                rc = `COSIM_SEND("?");
        end
        $display("fifo_cosim: client left with %0d entries", count);
        $finish;
    end
endmodule
