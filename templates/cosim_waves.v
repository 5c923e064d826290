// cosim_waves.v - the dump module of an Icarus design's waves variant.
//
// cosimgen compiles it as a second root (iverilog -s TOP -s cosim_waves,
// with -DCOSIM_WAVES_TOP=TOP), so the design itself is left as it is.
// The waves run (cosim-run --waves) gives +cosim_waves=FILE and vvp's
// -fst: every signal under the top is dumped into FILE from time 0. vvp
// closes the file at the end of the run, on $stop and $fatal under -N
// and on SIGTERM. Without the plusarg (a run of the variant by hand)
// it dumps nothing.
`ifndef COSIM_WAVES_TOP
`define COSIM_WAVES_TOP tb
`endif
module cosim_waves;
    // a path of up to 1024 bytes
    reg [8*1024-1:0] cosim_waves_file;

    initial
        if ($value$plusargs("cosim_waves=%s", cosim_waves_file)) begin
            $dumpfile(cosim_waves_file);
            $dumpvars(0, `COSIM_WAVES_TOP);
        end
endmodule
