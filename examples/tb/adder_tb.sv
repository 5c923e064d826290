// Self-checking testbench: adds pseudo-random operands and compares with
// the expected sum. The simulation run is the test.
module adder_tb #(parameter int WIDTH = 8);
    logic [WIDTH-1:0] a, b;
    logic [WIDTH:0]   sum;
    int errors = 0;
    int n = 200;

    adder #(.WIDTH(WIDTH)) dut (.a(a), .b(b), .sum(sum));

    initial begin
        if ($value$plusargs("n=%d", n))
            $display("running %0d vectors", n);
        for (int i = 0; i < n; i++) begin
            a = WIDTH'($urandom);
            b = WIDTH'($urandom);
            #1;
            if (sum !== a + b) begin
                $display("ERROR: %0d + %0d gave %0d", a, b, sum);
                errors++;
            end
        end
        if (errors != 0)
            $fatal(1, "%0d mismatches", errors);
        $display("adder_tb: %0d-bit, %0d vectors, 0 errors", WIDTH, n);
        $finish;
    end
endmodule
