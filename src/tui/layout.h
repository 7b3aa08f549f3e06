#ifndef DJ_TUI_LAYOUT_H
#define DJ_TUI_LAYOUT_H
/*
 * The shell's windows: title (row 0), left menu, main pane, status (last row).
 * Rebuilt from LINES and COLS after every resize.  Below TUI_MIN_COLS x
 * TUI_MIN_ROWS no window is made and the loop shows a notice instead.
 */
#include <curses.h>
#include <stdbool.h>

#define TUI_MIN_COLS 80
#define TUI_MIN_ROWS 24

struct tui_layout {
    int cols, rows;
    bool too_small;
    WINDOW *title, *menu, *pane, *status;
};

/* (Re)creates the windows for the current terminal size; menu_cols is the
 * menu's width including its border.  Returns 0, or -1 if curses failed. */
int tui_layout_build(struct tui_layout *lay, int menu_cols);

void tui_layout_free(struct tui_layout *lay);

/* Draws the notice for a terminal below the minimum size on stdscr. */
void tui_layout_draw_too_small(const struct tui_layout *lay);

#endif
