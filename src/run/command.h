/* command.h - the argv and envp of the simulator and the test, built from
 * the spec and the state of the run before anything starts. Nothing here
 * starts a process or waits, so all of it is unit-tested as it is. */
#ifndef COSIM_COMMAND_H
#define COSIM_COMMAND_H

#include "run.h"

/* tmpl with its placeholders as the test sees them (host, port, rundir,
 * ...); with shell set, each value goes in as one shell word. */
char *command_expand(const struct run *r, const char *tmpl, int shell);
/* The environment of the children: run_id first, inherited less COSIM_*
 * and LISTEN_* (and what the spec's env sets, and for a cocotb test what
 * cocotb.h sets), then COSIM_* of the run, then a cocotb test's
 * variables, then the spec's env entries expanded (less those cocotb.h
 * forces). */
char **command_env(const struct run *r, char *const *inherited,
    const char *run_id);
/* The argv that runs cmd: its words when plain, else under /bin/sh;
 * *direct says whether the program itself is exec'd. */
char **command_shell_argv(const char *cmd, int *direct);
/* The argv of the simulator: the spec's run command, or the built-in one
 * for its simulator; *direct as for command_shell_argv. */
char **command_sim_argv(const struct run *r, int *direct);
/* Keep what a child ran, for the repro script: argv in shell words into
 * line and, for the test, the COSIM_* and LISTEN_* of env into *given. */
void command_note(struct buf *line, char ***given, char **argv, char **env,
    int is_test);

#endif
