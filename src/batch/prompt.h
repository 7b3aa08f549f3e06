#ifndef DJ_BATCH_PROMPT_H
#define DJ_BATCH_PROMPT_H
/*
 * Asking for a password on the console: read from /dev/tty (not stdin, which a
 * batch job may be feeding with data) with echo off, and the terminal restored
 * on every path, Ctrl-C included.  Fits dj_db_hooks.password (ctx unused).
 * Returns -1 without a terminal, on Ctrl-C or on end of input.
 */
#include <stdbool.h>
#include <stddef.h>

int dj_prompt_password(void *ctx, const char *user, bool again, char *buf, size_t buflen);

#endif
