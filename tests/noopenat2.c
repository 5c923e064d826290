/* noopenat2 - run a command as on a kernel without openat2(2): a seccomp
 * filter, inherited by every process the command starts, makes that call
 * fail with ENOSYS, so beneath.c takes its walk a component at a time.
 * Exits 77 when the filter cannot be installed (not x86_64, no seccomp),
 * for the suite to skip.
 *
 *     noopenat2 COMMAND [ARG...]
 */
#define _GNU_SOURCE
#include <errno.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#ifndef __NR_openat2
#define __NR_openat2 437
#endif

int
main(int argc, char **argv)
{
	struct sock_filter code[] = {
		/* another architecture's numbers mean other calls: allowed */
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
		    offsetof(struct seccomp_data, arch)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, AUDIT_ARCH_X86_64, 0, 3),
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
		    offsetof(struct seccomp_data, nr)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_openat2, 0, 1),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | ENOSYS),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	};
	struct sock_fprog prog = {sizeof code / sizeof *code, code};

	if (argc < 2) {
		fprintf(stderr, "usage: noopenat2 COMMAND [ARG...]\n");
		return 2;
	}
#if !defined(__x86_64__)
	fprintf(stderr, "noopenat2: only for x86_64\n");
	return 77;
#else
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0 ||
	    prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog) != 0) {
		fprintf(stderr, "noopenat2: cannot install the filter: %s\n",
		    strerror(errno));
		return 77;
	}
	execvp(argv[1], argv + 1);
	fprintf(stderr, "noopenat2: %s: %s\n", argv[1], strerror(errno));
	return 127;
#endif
}
