// cosim_runtime.sv - what cosimgen verilates to build Verilator's runtime
// (verilated.cpp and its kin) once for every design compiled with the same
// options, instead of once in every design. It is never run. It uses each
// part of the runtime that a design, rather than an option, brings in
// (delays: the timing support; a DPI import: the DPI support; $dist_*:
// probdist), so that the shared runtime has every part a design may link.
module cosim_runtime;
  import "DPI-C" function int cosim_runtime_dpi();
  /* verilator lint_off UNUSEDSIGNAL */
  integer seed = 1;
  /* verilator lint_on UNUSEDSIGNAL */
  initial begin
    #1;
    if (cosim_runtime_dpi() != $dist_uniform(seed, 0, 1))
      $display("cosim_runtime");
    $finish;
  end
endmodule
