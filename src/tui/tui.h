#ifndef DJ_TUI_H
#define DJ_TUI_H
/* The full-screen ncursesw client.  tui_run takes over the terminal, returns when
 * the clerk quits (F10), and leaves the terminal as it was.
 * Returns the process exit code: 0 done, 1 failed. */
#include "config.h"

int tui_run(const struct dj_config *cfg);

#endif
