/* slurm.h - the generator's side of executor = slurm: which executor the
 * graph's runs use, the Slurm keys' checks, and what the specs of tests
 * and compiles carry for cosim-run to hand to srun (spec.h: slurm, srun,
 * slurm_license).
 *
 * The commands of the graph are the same under both executors: only the
 * specs differ. Under local nothing of this reaches a spec, so a manifest
 * shared by a laptop and a cluster (switched with cosimgen --executor)
 * gives a laptop the specs it always had. Nor does any of it reach a
 * compile's recipe hash: where a design compiles is not what it is. */
#ifndef COSIM_SLURM_H
#define COSIM_SLURM_H

#include "manifest.h"
#include "model.h"
#include "resolve.h"

/* Set mo->executor: the command line's (executor not EXEC_MANIFEST),
 * else [cosimgen]'s executor key, else local. */
void slurm_executor(struct ctx *c, enum executor executor);
/* check.c's hook for slurm_partition, slurm_account and slurm_license:
 * one word that srun's options can hold. */
void slurm_check_name(struct ctx *c, const struct keydef *kd,
	const struct mvalue *v, char **items);
/* check.c's hook for srun_args: srun's options, none of those cosim-run
 * sets itself (one task on one node). */
void slurm_check_args(struct ctx *c, const struct keydef *kd,
	const struct mvalue *v, char **items);
/* Under slurm, fill t's spec's slurm, srun and slurm_licenses (a
 * disabled test is recorded as a skip where ninja runs: no srun). Needs
 * t's needs (resources_test) and its final disabled. */
void slurm_test(struct ctx *c, struct test *t);
/* Under slurm (the caller looks), fill the slurm and srun of s, the
 * compile spec of r (NULL: the VPI module, which runs where [cosimgen]
 * says); cpus and mib are what it asks for (the most any design it
 * builds asks for), 0 for nothing. */
void slurm_compile(struct ctx *c, const struct recipe *r,
	struct compile_spec *s, int64_t cpus, int64_t mib);

#endif
