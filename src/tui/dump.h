#ifndef DJ_TUI_DUMP_H
#define DJ_TUI_DUMP_H
/*
 * The screen as text, for script-mode tests: what curses last sent to the
 * terminal (curscr), one line per row, each wide character once, line-drawing
 * characters as their Unicode box characters, trailing spaces trimmed.
 */
#include <stddef.h>

/* Writes the screen to path; returns 0, or -1 with a message in err. */
int tui_dump_screen(const char *path, char *err, size_t errlen);

#endif
