#ifndef DJ_BATCH_COMMANDS_H
#define DJ_BATCH_COMMANDS_H
/*
 * The console subcommands: `dangjian NAME ARGS...`.  Each lives in
 * src/batch/cmd_NAME.c as
 *     dj_command_fn dj_cmd_NAME;
 *     int dj_cmd_NAME(int argc, char **argv, const struct dj_config *cfg) { ... }
 * argv[0] is NAME.  It prints results on stdout, messages on stderr, and
 * returns the exit code: 0 done, 1 failed, 2 wrong usage.
 * Adding one is one line in DJ_COMMAND_LIST in commands.c.
 */
#include <stddef.h>

#include "config.h"

typedef int dj_command_fn(int argc, char **argv, const struct dj_config *cfg);

struct dj_command {
    const char *name;
    dj_command_fn *run;
    const char *help; /* one line, Chinese then English */
};

extern const struct dj_command dj_commands[];
extern const size_t dj_command_count;

/* NULL when there is no such subcommand. */
const struct dj_command *dj_command_find(const char *name);

#endif
