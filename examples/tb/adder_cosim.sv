// Co-simulation testbench for the adder: a host client sends
// "add A B" and gets the sum the RTL computed, one request per clock.
module adder_cosim #(parameter int WIDTH = 8);
    logic [WIDTH-1:0] a, b;
    logic [WIDTH:0]   sum;
    string msg;
    int rc, x, y, n = 0;

    adder #(.WIDTH(WIDTH)) dut (.a(a), .b(b), .sum(sum));

`include "cosim_bridge.svh"

    initial begin
        rc = `COSIM_ACCEPT;
        if (rc != 0)
            $fatal(1, "no client");
        msg = "start";
        while (msg != "") begin
            `COSIM_RECV(msg, rc);
            if (msg == "width")
                rc = `COSIM_SEND($sformatf("%0d", WIDTH));
            else if ($sscanf(msg, "add %d %d", x, y) == 2) begin
                a = x[WIDTH-1:0];
                b = y[WIDTH-1:0];
                #1;
                n++;
                rc = `COSIM_SEND($sformatf("%0d", sum));
            end else if (msg != "")
                rc = `COSIM_SEND("?");
        end
        $display("adder_cosim: %0d additions, client left", n);
        $finish;
    end
endmodule
