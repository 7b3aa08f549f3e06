#include "tui/title.h"

#include <stdio.h>

#include "tui/draw.h"
#include "tui/width.h"

void tui_title_set(struct tui_title *t, const char *clerk, const char *org)
{
    snprintf(t->clerk, sizeof t->clerk, "%s", clerk ? clerk : "");
    snprintf(t->org, sizeof t->org, "%s", org ? org : "");
}

void tui_title_draw(const struct tui_title *t, WINDOW *w)
{
    int cols = getmaxx(w);
    tui_draw_row(w, 0, TUI_ROLE_TITLE);
    int left = 1 + tui_draw_text(w, 0, 1, cols - 1, TUI_ROLE_TITLE, TUI_SYSTEM_NAME);

    char who[256];
    if (t->clerk[0] && t->org[0])
        snprintf(who, sizeof who, "操作员：%s  组织：%s", t->clerk, t->org);
    else if (t->clerk[0])
        snprintf(who, sizeof who, "操作员：%s", t->clerk);
    else if (t->org[0])
        snprintf(who, sizeof who, "组织：%s", t->org);
    else
        return;
    /* Right-aligned after a gap of two; a long organization name is cut. */
    int room = cols - left - 3;
    if (room <= 0)
        return;
    int w_who = tui_width(who);
    int width = w_who < room ? w_who : room;
    tui_draw_text(w, 0, cols - 1 - width, width, TUI_ROLE_TITLE, who);
}
