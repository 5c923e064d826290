// cosim_bridge.svh - the bridge's functions for a SystemVerilog testbench,
// the same under Verilator (DPI-C imports) and Icarus (the VPI module's
// $cosim_* system functions). `include it inside the testbench module:
//
//   string msg;
//   int rc;
//   initial begin
//     rc = `COSIM_ACCEPT;                  // wait for the host client
//     `COSIM_RECV(msg, rc);                // next message; rc -1 and ""
//                                          // once the client has left
//     rc = `COSIM_SEND($sformatf("%0d", 42));
//     if (`COSIM_DONE) $finish;            // client left, or SIGTERM
//   end
//
// See cosim_bridge.h for what each does.
`ifdef VERILATOR
import "DPI-C" function int cosim_accept();
import "DPI-C" function int cosim_poll();
import "DPI-C" function string cosim_recv();
import "DPI-C" function int cosim_recv_msg(output string msg);
import "DPI-C" function int cosim_send(input string msg);
import "DPI-C" function int cosim_done();
`define COSIM_ACCEPT cosim_accept()
`define COSIM_POLL cosim_poll()
`define COSIM_RECV(msg, rc) rc = cosim_recv_msg(msg)
`define COSIM_SEND(msg) cosim_send(msg)
`define COSIM_DONE cosim_done()
`else
`define COSIM_ACCEPT $cosim_accept()
`define COSIM_POLL $cosim_poll()
`define COSIM_RECV(msg, rc) rc = $cosim_recv(msg)
`define COSIM_SEND(msg) $cosim_send(msg)
`define COSIM_DONE $cosim_done()
`endif
