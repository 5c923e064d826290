// cosim_runtime.sv - what cosimgen verilates to build Verilator's runtime
// (verilated.cpp and its kin) once for every design compiled with the same
// options, instead of once in every design. It is never run. Its delay
// brings in the timing support, which most testbenches use; the parts few
// designs use (DPI's svdpi functions, $dist_*) each design that needs them
// builds at its link.
module cosim_runtime;
  initial begin
    #1;
    $finish;
  end
endmodule
