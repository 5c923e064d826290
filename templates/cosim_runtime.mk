# cosim_runtime.mk - read after the makefile Verilator wrote for
# cosim_runtime.sv: builds only the runtime's objects (VK_GLOBAL_OBJS, each
# compiled as verilated.mk compiles it for a design) into libverilated.a,
# which the designs link instead of building their own, and writes
# cosim_runtime.d, what the objects were compiled from, so that a new
# Verilator rebuilds the runtime.
cosim-runtime: libverilated.a

libverilated.a: $(VK_GLOBAL_OBJS)
	rm -f $@ && $(AR) -rcs $@ $^
	{ echo 'libverilated.a : \'; \
	  sed 's/^[^ :]*://' $(VK_GLOBAL_OBJS:.o=.d); } > cosim_runtime.d
