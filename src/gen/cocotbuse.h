/* cocotbuse.h - what the model learnt of cocotb (model.h's mo->cocotb):
 * each cocotb test section as discovery left it (cocotb.c), for the
 * making of its tests (cocotbtests.c), and what cocotb said. Types
 * only. */
#ifndef COSIM_COCOTBUSE_H
#define COSIM_COCOTBUSE_H

#include <stddef.h>
#include <stdint.h>
#include "cocotbinfo.h"
#include "manifest.h"

/* A cocotb test section, as discovery left it (cocotbtests.c makes its
 * tests). */
struct cocotb_use {
	const struct msection *test, *design;
	const struct mvalue *where;	/* its cocotb = */
	struct cocotb_ask ask;		/* its module (absolute), and the
					 * PYTHONPATH of its env */
	struct cocotb_info *info;	/* NULL: no cocotb-config found */
	struct cocotb_module *mod;	/* what its import showed */
	int ok;				/* its tests can be made */
};

/* What the model learnt of cocotb (model.h's mo->cocotb). */
struct cocotb {
	struct cocotb_use *uses;
	size_t nuses;
	struct cocotb_cache cache;	/* every info: remembered, then new */
	char *script;			/* templates/cosim_cocotb.py */
	int64_t import_limit;		/* cocotb_import_timeout, in ms */
	char *cwd;
};

#endif
