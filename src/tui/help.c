/* F1: every action with its keys, generated from the one action list. */
#include <stdio.h>
#include <stdlib.h>

#include "tui/draw.h"
#include "tui/screen.h"

#define KEYS_COLS  14
#define LABEL_COLS 8
#define FIRST_ROW  3 /* rows above the list: heading, blank, column names */

struct help {
    int top;    /* first action shown */
    int height; /* rows for the list at the last draw */
};

static int help_open(struct tui_screen *s, const void *arg, struct tui_ctx *ctx)
{
    (void)arg;
    struct help *h = calloc(1, sizeof *h);
    if (h == NULL) {
        tui_ctx_message(ctx, TUI_MSG_ERROR, "内存不足，无法打开帮助");
        return -1;
    }
    snprintf(s->title, sizeof s->title, "%s", "帮助");
    s->data = h;
    return 0;
}

static int n_actions(void)
{
    return TUI_A_COUNT - 1;
}

static void clamp(struct help *h)
{
    int max_top = n_actions() - h->height;
    if (h->top > max_top)
        h->top = max_top;
    if (h->top < 0)
        h->top = 0;
}

static void help_draw(struct tui_screen *s, WINDOW *win, bool focused)
{
    (void)focused;
    struct help *h = s->data;
    int cols = getmaxx(win);
    h->height = getmaxy(win) - FIRST_ROW;
    clamp(h);
    tui_draw_text(win, 0, 1, cols - 1, TUI_ROLE_HEADING, "帮助：全部按键");
    int x_label = 1 + KEYS_COLS, x_help = x_label + LABEL_COLS;
    tui_draw_text(win, 2, 1, KEYS_COLS, TUI_ROLE_MENU_HEAD, "按键");
    tui_draw_text(win, 2, x_label, LABEL_COLS, TUI_ROLE_MENU_HEAD, "名称");
    tui_draw_text(win, 2, x_help, cols - x_help, TUI_ROLE_MENU_HEAD, "作用");
    for (int row = 0; row < h->height && h->top + row < n_actions(); row++) {
        enum tui_action a = (enum tui_action)(h->top + row + 1);
        const struct tui_action_info *info = tui_action_info(a);
        char keys[64];
        int y = FIRST_ROW + row;
        tui_draw_text(win, y, 1, KEYS_COLS - 1, TUI_ROLE_KEY,
                      tui_action_keys(a, keys, sizeof keys));
        tui_draw_text(win, y, x_label, LABEL_COLS - 1, TUI_ROLE_NORMAL, info->label);
        tui_draw_text(win, y, x_help, cols - x_help, TUI_ROLE_NORMAL, info->help);
    }
}

static unsigned help_handle(struct tui_screen *s, enum tui_action action, const struct tui_key *key,
                            struct tui_ctx *ctx)
{
    (void)key;
    (void)ctx;
    struct help *h = s->data;
    int page = h->height > 1 ? h->height - 1 : 1;
    switch (action) {
    case TUI_A_BACK:
        return TUI_R_CLOSE;
    case TUI_A_HELP: /* already here */
        return TUI_R_HANDLED;
    case TUI_A_UP:
        h->top--;
        break;
    case TUI_A_DOWN:
        h->top++;
        break;
    case TUI_A_PAGE_UP:
        h->top -= page;
        break;
    case TUI_A_PAGE_DOWN:
        h->top += page;
        break;
    case TUI_A_HOME:
        h->top = 0;
        break;
    case TUI_A_END:
        h->top = n_actions();
        break;
    default:
        return TUI_R_IGNORED;
    }
    clamp(h);
    return TUI_R_HANDLED;
}

static void help_close(struct tui_screen *s)
{
    free(s->data);
    s->data = NULL;
}

static const enum tui_action help_hints[] = {TUI_A_BACK, TUI_A_DOWN, TUI_A_PAGE_DOWN, TUI_A_NONE};

const struct tui_screen_ops tui_help_ops = {
    .name = "help",
    .open = help_open,
    .draw = help_draw,
    .handle = help_handle,
    .close = help_close,
    .hints = help_hints,
};
