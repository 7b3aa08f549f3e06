#ifndef DJ_TUI_STATUSBAR_H
#define DJ_TUI_STATUSBAR_H
/*
 * The bottom line.  Normally it lists the keys that work on the current
 * screen ("F1 帮助  Enter 打开 ..."); a message replaces them until the next
 * key: the manual's blue success bar, or a red error.
 */
#include <curses.h>

#include "tui/actions.h"
#include "tui/screen.h"

struct tui_status {
    enum tui_msg_kind kind;
    char text[256];
};

void tui_status_set(struct tui_status *st, enum tui_msg_kind kind, const char *text);
void tui_status_clear(struct tui_status *st);

/* Draws the message if there is one, else the hints: the actions in hints
 * (ending with TUI_A_NONE), then F1 and F10, each as its key and label.
 * A hint that does not fit whole is left out. */
void tui_status_draw(const struct tui_status *st, WINDOW *w, const enum tui_action *hints);

#endif
