#ifndef DJ_TUI_DRAW_H
#define DJ_TUI_DRAW_H
/*
 * Putting text into a window.  Every string drawn goes through width.c here:
 * sanitized, measured in display columns, cut without splitting a wide
 * character.  Nothing here refreshes.
 */
#include <curses.h>
#include <stdbool.h>

#include "tui/theme.h"

/* Draws s at (y, x) in role, cut to at most cols columns (with "…" if cut).
 * Returns the number of columns drawn. */
int tui_draw_text(WINDOW *w, int y, int x, int cols, enum tui_role role, const char *s);

/* Like tui_draw_text, then fills with spaces in role up to exactly cols. */
void tui_draw_field(WINDOW *w, int y, int x, int cols, enum tui_role role, const char *s);

/* Fills row y of the window with spaces in role. */
void tui_draw_row(WINDOW *w, int y, enum tui_role role);

/* Draws s centred on row y of the window (cut to the window's width). */
void tui_draw_center(WINDOW *w, int y, enum tui_role role, const char *s);

#endif
