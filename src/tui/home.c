/* The main pane before any function is chosen: a welcome and how to begin. */
#include <stdio.h>

#include "tui/draw.h"
#include "tui/screen.h"
#include "tui/title.h"

static int home_open(struct tui_screen *s, const void *arg, struct tui_ctx *ctx)
{
    (void)arg;
    (void)ctx;
    snprintf(s->title, sizeof s->title, "%s", "首页");
    return 0;
}

static const char *key_of(enum tui_action a, char *buf, size_t bufsz)
{
    struct tui_key k = tui_action_key(a);
    return tui_key_name(&k, buf, bufsz);
}

static void home_draw(struct tui_screen *s, WINDOW *win, bool focused)
{
    (void)s;
    (void)focused;
    char up[16], down[16], open[16], focus[16], help[16], quit[16], line[4][160];
    snprintf(line[0], sizeof line[0], "在左侧菜单中用 %s / %s 选择功能，按 %s 打开。",
             key_of(TUI_A_UP, up, sizeof up), key_of(TUI_A_DOWN, down, sizeof down),
             key_of(TUI_A_OPEN, open, sizeof open));
    snprintf(line[1], sizeof line[1], "按 %s 在菜单和主窗口之间切换。",
             key_of(TUI_A_FOCUS, focus, sizeof focus));
    snprintf(line[2], sizeof line[2], "按 %s 查看全部按键，按 %s 退出系统。",
             key_of(TUI_A_HELP, help, sizeof help), key_of(TUI_A_QUIT, quit, sizeof quit));
    int cols = getmaxx(win);
    tui_draw_text(win, 1, 2, cols - 2, TUI_ROLE_HEADING, "欢迎使用" TUI_SYSTEM_NAME);
    for (int i = 0; i < 3; i++)
        tui_draw_text(win, 3 + i, 2, cols - 2, TUI_ROLE_NORMAL, line[i]);
}

static unsigned home_handle(struct tui_screen *s, enum tui_action action, const struct tui_key *key,
                            struct tui_ctx *ctx)
{
    (void)s;
    (void)action;
    (void)key;
    (void)ctx;
    return TUI_R_IGNORED;
}

static const enum tui_action home_hints[] = {TUI_A_FOCUS, TUI_A_NONE};

const struct tui_screen_ops tui_home_ops = {
    .name = "home",
    .open = home_open,
    .draw = home_draw,
    .handle = home_handle,
    .close = NULL,
    .hints = home_hints,
};
