# cosim_verilator.mk - read after the makefile Verilator wrote, for what
# cosimgen builds in two steps.
#
# cosim-runtime (for templates/cosim_runtime.sv): only the runtime's
# objects (VK_GLOBAL_OBJS, each compiled as verilated.mk compiles it for a
# design) into libverilated.a, which the designs link instead of building
# their own; cosim_runtime.objs, their names, so that a design's link
# builds only what the library lacks; and cosim_runtime.deps, what the
# objects were compiled from, so that a new Verilator rebuilds the runtime
# (not a .d file: verilated.mk includes those, and the next make would
# read it).
#
# cosim-model (for a design): everything but the link, so that a design
# compiles while the runtime builds; the link waits for the runtime.
cosim-runtime: libverilated.a

libverilated.a: $(VK_GLOBAL_OBJS)
	rm -f $@ && $(AR) -rcs $@ $(VK_GLOBAL_OBJS)
	echo $(VM_GLOBAL_FAST) $(VM_GLOBAL_SLOW) > cosim_runtime.objs
	{ echo 'libverilated.a : \'; \
	  sed 's/^[^ :]*://' $(VK_GLOBAL_OBJS:.o=.d); } > cosim_runtime.deps

cosim-model: $(VK_USER_OBJS) $(VM_PREFIX)__ALL.a
