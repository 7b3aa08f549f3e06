/* A manual function that is not built yet: says so, in the function's name. */
#include <stdio.h>

#include "tui/draw.h"
#include "tui/screen.h"

static int placeholder_open(struct tui_screen *s, const void *arg, struct tui_ctx *ctx)
{
    (void)ctx;
    snprintf(s->title, sizeof s->title, "%s", arg ? (const char *)arg : "");
    return 0;
}

static void placeholder_draw(struct tui_screen *s, WINDOW *win, bool focused)
{
    (void)focused;
    char msg[192], back[16], hint[64];
    snprintf(msg, sizeof msg, "「%s」功能正在开发中，敬请期待。", s->title);
    struct tui_key k = tui_action_key(TUI_A_BACK);
    snprintf(hint, sizeof hint, "按 %s 返回菜单。", tui_key_name(&k, back, sizeof back));
    int cols = getmaxx(win);
    tui_draw_text(win, 1, 2, cols - 2, TUI_ROLE_HEADING, s->title);
    tui_draw_text(win, 3, 2, cols - 2, TUI_ROLE_NORMAL, msg);
    tui_draw_text(win, 5, 2, cols - 2, TUI_ROLE_NORMAL, hint);
}

static unsigned placeholder_handle(struct tui_screen *s, enum tui_action action,
                                   const struct tui_key *key, struct tui_ctx *ctx)
{
    (void)s;
    (void)key;
    (void)ctx;
    return action == TUI_A_BACK ? TUI_R_CLOSE : TUI_R_IGNORED;
}

static const enum tui_action placeholder_hints[] = {TUI_A_BACK, TUI_A_FOCUS, TUI_A_NONE};

const struct tui_screen_ops tui_placeholder_ops = {
    .name = "placeholder",
    .open = placeholder_open,
    .draw = placeholder_draw,
    .handle = placeholder_handle,
    .close = NULL,
    .hints = placeholder_hints,
};
