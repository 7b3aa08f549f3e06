#ifndef DJ_TUI_THEME_H
#define DJ_TUI_THEME_H
/*
 * Colours as roles.  Code asks for a role (title, selected menu item, success
 * bar ...) and never for a colour, so the monochrome scheme is the same code.
 * The monochrome scheme (reverse, bold, underline) is used when NO_COLOR is
 * set in the environment, whatever its value, or the terminal has fewer than
 * eight colours.
 */
#include <curses.h>
#include <stdbool.h>

enum tui_role {
    TUI_ROLE_NORMAL,
    TUI_ROLE_TITLE,         /* row 0: system name, clerk, organization */
    TUI_ROLE_MENU_HEAD,     /* a module name in the left menu */
    TUI_ROLE_MENU_ITEM,     /* a function in the left menu */
    TUI_ROLE_MENU_SEL,      /* the selected function while the menu has the keyboard */
    TUI_ROLE_MENU_SEL_IDLE, /* the selected function while the pane has it */
    TUI_ROLE_HEADING,       /* a screen's heading in the main pane */
    TUI_ROLE_BORDER,
    TUI_ROLE_SUCCESS, /* the manual's blue success bar */
    TUI_ROLE_ERROR,   /* red error line */
    TUI_ROLE_KEY,     /* a key's name in the hint line */
    TUI_ROLE_HINT,    /* what the key does */
    TUI_ROLE_NOTICE,  /* the "terminal too small" message */
    TUI_ROLE_COUNT
};

/* Chooses the scheme; call once after the terminal is set up.
 * Returns true when colours are used. */
bool tui_theme_init(void);

/* Whether the colour scheme would be used: no NO_COLOR, and a colour terminal. */
bool tui_theme_wants_color(void);

/* The attributes (colour pair included) for a role. */
attr_t tui_role_attr(enum tui_role role);

#endif
