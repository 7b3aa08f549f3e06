#ifndef DJ_TUI_MENU_H
#define DJ_TUI_MENU_H
/*
 * The left menu: the manual's three modules and their functions, as the web
 * system showed them.  It is a screen (tui_menu_ops in screen.h) that lives in
 * the left column; Enter asks the loop to open the chosen function in the
 * main pane, or the "not built yet" screen while it has none.
 */

/* The menu's width in columns, border included: its widest line plus margins. */
int tui_menu_width(void);

#endif
