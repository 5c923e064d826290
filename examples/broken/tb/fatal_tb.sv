// A testbench that gives up with $fatal: Verilator's main aborts (134).
module fatal_tb;
    initial begin
        #1;
        $fatal(1, "the reference model disagrees");
    end
endmodule
