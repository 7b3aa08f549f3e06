#ifndef DJ_TUI_SCREEN_H
#define DJ_TUI_SCREEN_H
/*
 * A screen: one manual function (or the menu, help, ...) as a table of
 * callbacks, in its own file that ends with its `struct tui_screen_ops`.
 *
 * The loop (app.c) owns the terminal.  A screen draws into the window it is
 * given and never refreshes it; it handles one action at a time and returns
 * result bits saying what the loop must do (close it, quit, move the focus).
 * Anything else it wants from the loop (open another screen, show a message
 * on the status line) it asks for through the tui_ctx of that call; the loop
 * carries it out after the handler returns.
 */
#include <curses.h>
#include <stdbool.h>

#include "tui/actions.h"
#include "tui/keys.h"

struct tui_screen;

/* What a handler returns: TUI_R_IGNORED lets the loop apply its global keys
 * (F1, F10, Tab, Esc ...); anything else means the screen took the key. */
enum tui_result {
    TUI_R_IGNORED = 0,
    TUI_R_HANDLED = 1 << 0,
    TUI_R_CLOSE = 1 << 1,      /* close this screen and return to the one below */
    TUI_R_QUIT = 1 << 2,       /* leave the program */
    TUI_R_FOCUS_MENU = 1 << 3, /* give the keyboard to the left menu */
    TUI_R_FOCUS_PANE = 1 << 4, /* give the keyboard to the main pane */
};

enum tui_msg_kind { TUI_MSG_NONE, TUI_MSG_SUCCESS, TUI_MSG_ERROR };

/* Requests a handler makes during one call. */
struct tui_ctx {
    const struct tui_screen_ops *open_ops; /* open this screen in the main pane */
    const void *open_arg;
    enum tui_msg_kind msg_kind; /* show this on the status line until the next key */
    char msg[256];
};

/* Asks the loop to open a screen in the main pane once the handler returns.
 * From the menu it replaces the function shown there; from a screen in the
 * pane it opens on top, and closing it comes back. */
void tui_ctx_open(struct tui_ctx *ctx, const struct tui_screen_ops *ops, const void *arg);

/* Shows the blue success bar (the manual's wording, e.g. "党员转正成功！") or a
 * red error on the status line. */
void tui_ctx_message(struct tui_ctx *ctx, enum tui_msg_kind kind, const char *text);

struct tui_screen_ops {
    const char *name; /* stable id, for logs and tests */
    /* Sets up s->data and s->title from arg; returns 0, or -1 with ctx->msg set. */
    int (*open)(struct tui_screen *s, const void *arg, struct tui_ctx *ctx);
    /* Draws the whole window (already erased); focused tells whether the
     * keyboard is here.  Must not refresh. */
    void (*draw)(struct tui_screen *s, WINDOW *win, bool focused);
    /* One action; key is the raw key it came from (for text input).
     * Returns enum tui_result bits. */
    unsigned (*handle)(struct tui_screen *s, enum tui_action action, const struct tui_key *key,
                       struct tui_ctx *ctx);
    /* Frees s->data; may be NULL. */
    void (*close)(struct tui_screen *s);
    /* The screen opened on top of this one has closed (a form saved, a dialog
     * was answered): reload what may have changed.  May be NULL.  A message
     * the closing screen left on the status line stays unless this sets one. */
    void (*resume)(struct tui_screen *s, struct tui_ctx *ctx);
    /* Actions to show in the key-hint line while this screen has the keyboard,
     * ending with TUI_A_NONE.  F1 and F10 are added by the loop. */
    const enum tui_action *hints;
};

struct tui_screen {
    const struct tui_screen_ops *ops;
    void *data;
    char title[96];
    /* This screen's key hints when they depend on its argument (a list that
     * offers other buttons for historical members); NULL: ops->hints. */
    const enum tui_action *hints;
};

/* The screens that exist, one file each. */
extern const struct tui_screen_ops tui_menu_ops;        /* menu.c: the left menu */
extern const struct tui_screen_ops tui_home_ops;        /* home.c: the pane before any function */
extern const struct tui_screen_ops tui_help_ops;        /* help.c: F1, from the action list */
extern const struct tui_screen_ops tui_placeholder_ops; /* placeholder.c: arg = function name */

#endif
