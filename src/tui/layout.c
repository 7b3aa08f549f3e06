#include "tui/layout.h"

#include <stdio.h>

#include "tui/draw.h"
#include "tui/keys.h"

void tui_layout_free(struct tui_layout *lay)
{
    WINDOW **wins[] = {&lay->title, &lay->menu, &lay->pane, &lay->status};
    for (size_t i = 0; i < sizeof wins / sizeof wins[0]; i++) {
        if (*wins[i])
            delwin(*wins[i]);
        *wins[i] = NULL;
    }
}

int tui_layout_build(struct tui_layout *lay, int menu_cols)
{
    tui_layout_free(lay);
    lay->cols = COLS;
    lay->rows = LINES;
    lay->too_small = COLS < TUI_MIN_COLS || LINES < TUI_MIN_ROWS;
    if (lay->too_small)
        return 0;
    int body = LINES - 2;
    lay->title = newwin(1, COLS, 0, 0);
    lay->menu = newwin(body, menu_cols, 1, 0);
    lay->pane = newwin(body, COLS - menu_cols, 1, menu_cols);
    lay->status = newwin(1, COLS, LINES - 1, 0);
    if (!lay->title || !lay->menu || !lay->pane || !lay->status) {
        tui_layout_free(lay);
        return -1;
    }
    return 0;
}

void tui_layout_draw_too_small(const struct tui_layout *lay)
{
    char line[4][96], quit[32];
    struct tui_key k = tui_action_key(TUI_A_QUIT);
    tui_key_name(&k, quit, sizeof quit);
    snprintf(line[0], sizeof line[0], "终端窗口太小，至少需要 %dx%d", TUI_MIN_COLS, TUI_MIN_ROWS);
    snprintf(line[1], sizeof line[1], "Terminal too small: %dx%d needed", TUI_MIN_COLS,
             TUI_MIN_ROWS);
    snprintf(line[2], sizeof line[2], "当前 %dx%d", lay->cols, lay->rows);
    snprintf(line[3], sizeof line[3], "请放大窗口，或按 %s 退出", quit);
    werase(stdscr);
    /* Centred; on a very short terminal the first (Chinese) line comes first. */
    int y = lay->rows / 2 - 2;
    if (y < 0)
        y = 0;
    for (int i = 0; i < 4; i++)
        tui_draw_center(stdscr, y + i, i == 0 ? TUI_ROLE_NOTICE : TUI_ROLE_NORMAL, line[i]);
}
