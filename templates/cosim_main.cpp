// cosim_main.cpp - the main of a Verilator design built as a variant:
// with waves (--trace-fst) or coverage (--coverage).
//
// Verilator's --binary main records nothing: it opens no trace unless the
// design calls $dumpfile/$dumpvars, and it never writes coverage data. So
// cosimgen builds its variants with this main instead (--cc --exe), which
// runs the model the way Verilator 5's generated main does (the same
// loop, the same exit status) and adds:
//
// - waves: when COSIM_WAVES names a file, every signal of the design is
//   traced into it (FST), from time 0, and the trace is closed at the end,
//   also when the run ends by $stop, $fatal or a failed assertion (those
//   abort through Verilator's exit callbacks) or by SIGTERM (a timeout:
//   the loop stops at the next time step, the trace is closed, and the
//   signal then ends the process as it would have);
// - coverage: the counters are written at the end of the run to
//   COSIM_COVERAGE, else coverage.dat in the working directory (the
//   test's run directory).
//
// COSIM_MODEL is the model's class (V and the top's name), given with
// -CFLAGS -DCOSIM_MODEL=...; its header is that name with .h.
#include "verilated.h"

#include <csignal>
#include <cstdlib>
#include <memory>

#define COSIM_STR(x) #x
#define COSIM_XSTR(x) COSIM_STR(x)
#include COSIM_XSTR(COSIM_MODEL.h)

#if VM_TRACE
#include "verilated_fst_c.h"
#endif

namespace {

volatile std::sig_atomic_t cosim_term;	// SIGTERM arrived
struct sigaction cosim_old_term;	// the handler before ours

void cosim_on_term(int) { cosim_term = 1; }

#if VM_TRACE
VerilatedFstC* cosim_trace;

void cosim_close_trace(void*) {
    if (cosim_trace) {
        cosim_trace->close();
        cosim_trace = nullptr;
    }
}
#endif

#if VM_COVERAGE
VerilatedContext* cosim_context;

void cosim_write_coverage(void*) {
    const char* path = std::getenv("COSIM_COVERAGE");

    if (!cosim_context) return;
    cosim_context->coveragep()->write(path && *path ? path : "coverage.dat");
    cosim_context = nullptr;
}
#endif

// Stop at the next time step on SIGTERM, where nothing else catches it
// (the bridge does, and ends the run with $finish itself).
void cosim_catch_term() {
    struct sigaction sa {};

    sa.sa_handler = cosim_on_term;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGTERM, &sa, &cosim_old_term);
}

// Let the SIGTERM that stopped the run end the process as it would have.
void cosim_rethrow_term() {
    sigaction(SIGTERM, &cosim_old_term, nullptr);
    std::raise(SIGTERM);
}

}  // namespace

int main(int argc, char** argv, char**) {
    Verilated::debug(0);
    const std::unique_ptr<VerilatedContext> contextp{new VerilatedContext};
    contextp->commandArgs(argc, argv);
#if VM_TRACE
    contextp->traceEverOn(true);
#endif
    const std::unique_ptr<COSIM_MODEL> topp{new COSIM_MODEL{contextp.get()}};

#if VM_TRACE
    const char* waves = std::getenv("COSIM_WAVES");

    if (waves && *waves) {
        cosim_trace = new VerilatedFstC;
        topp->trace(cosim_trace, 99);
        cosim_trace->open(waves);
        Verilated::addExitCb(cosim_close_trace, nullptr);
    }
#endif
#if VM_COVERAGE
    cosim_context = contextp.get();
    Verilated::addExitCb(cosim_write_coverage, nullptr);
#endif
    cosim_catch_term();

    // the loop of Verilator's --binary main, tracing each time step
    while (!contextp->gotFinish() && !cosim_term) {
        topp->eval();
#if VM_TRACE
        if (cosim_trace) cosim_trace->dump(contextp->time());
#endif
        if (!topp->eventsPending()) break;
        contextp->time(topp->nextTimeSlot());
    }
    if (!cosim_term) topp->final();
#if VM_TRACE
    cosim_close_trace(nullptr);
#endif
#if VM_COVERAGE
    cosim_write_coverage(nullptr);
#endif
    if (cosim_term) cosim_rethrow_term();
    return 0;
}
