#ifndef DJ_TUI_DIALOG_H
#define DJ_TUI_DIALOG_H
/*
 * Modal dialogs drawn over a screen, centred in its window and sized by the
 * display width of their text (CJK wrapped between characters, English
 * between words, closing punctuation never starting a line):
 *   - a confirmation, 确定 / 取消: Enter takes the button marked [ ], Esc
 *     cancels, Left/Right/Tab move between the buttons;
 *   - a message with 确定: the manual's blue success message ("党员转正成功！")
 *     or a red error.  Enter or Esc closes it.
 * A screen keeps a struct tui_dialog, draws it last, and while it is open
 * hands it every key first.  Nothing here refreshes.
 */
#include <curses.h>
#include <stdbool.h>
#include <stddef.h>

#include "tui/keys.h"

enum tui_dialog_kind {
    TUI_DIALOG_NONE = 0, /* closed */
    TUI_DIALOG_CONFIRM,  /* 确定 / 取消 */
    TUI_DIALOG_SUCCESS,  /* the blue success message */
    TUI_DIALOG_ERROR,    /* a red error message */
};

enum tui_dialog_answer {
    TUI_DIALOG_PENDING = 0, /* the dialog took the key and stays open */
    TUI_DIALOG_OK,          /* closed with 确定 */
    TUI_DIALOG_CANCEL,      /* closed with 取消 (a confirmation only) */
    TUI_DIALOG_PASS,        /* not for the dialog (F1, F10): the screen returns TUI_R_IGNORED */
};

struct tui_dialog {
    enum tui_dialog_kind kind;
    int tag;    /* the caller's: which question this is */
    int button; /* 0: 确定, 1: 取消 */
    char title[64];
    char text[512];
};

/* Opens a confirmation with 确定 chosen; title NULL means "请确认". */
void tui_dialog_confirm(struct tui_dialog *d, int tag, const char *title, const char *text);

/* Opens a message: TUI_DIALOG_SUCCESS (title "提示") or TUI_DIALOG_ERROR ("错误"). */
void tui_dialog_message(struct tui_dialog *d, enum tui_dialog_kind kind, const char *text);

static inline bool tui_dialog_is_open(const struct tui_dialog *d)
{
    return d->kind != TUI_DIALOG_NONE;
}

void tui_dialog_close(struct tui_dialog *d);

/* One key while the dialog is open. */
enum tui_dialog_answer tui_dialog_handle(struct tui_dialog *d, enum tui_action a,
                                         const struct tui_key *k);

/* Draws the dialog centred in win (nothing when closed). */
void tui_dialog_draw(const struct tui_dialog *d, WINDOW *win);

/* A line of wrapped text: bytes [start, start + len) of the text. */
struct tui_wrap_line {
    size_t start, len;
    int cols; /* its display width */
};

/* Wraps text to lines of at most cols display columns (line feeds end lines;
 * a line break eats the spaces at it).  Writes at most max lines and returns
 * how many there are in all. */
int tui_wrap(const char *text, int cols, struct tui_wrap_line *lines, int max);

#endif
