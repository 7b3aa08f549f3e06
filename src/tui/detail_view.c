/* Read-only "label：value" lines (contract: detail_view.h). */
#include "tui/detail_view.h"

#include <stdio.h>
#include <string.h>

#include "tui/dialog.h"
#include "tui/draw.h"
#include "tui/width.h"

#define MAX_WRAP 64 /* lines of one value at most (a 500-character note at 16 columns) */

void tui_detail_draw(struct tui_detail_view *v, WINDOW *w, int y, int x, int rows, int cols,
                     const void *record, const struct dj_detail_field *fields, size_t nfields)
{
    int lw = 0;
    for (size_t i = 0; i < nfields; i++) {
        int fw = tui_width(fields[i].label);
        if (fw > lw)
            lw = fw;
    }
    lw += 2; /* "：" */
    if (lw > cols / 2)
        lw = cols / 2;
    int vx = x + lw + 1, vw = cols - lw - 1;
    if (vw < 4)
        vw = 4;
    v->height = rows;

    /* First the height of the whole, so the scroll position can be kept in
     * range (after a resize, say) before anything is drawn. */
    int total = 0;
    for (size_t i = 0; i < nfields; i++) {
        const char *value = (const char *)record + fields[i].offset;
        struct tui_wrap_line wl[MAX_WRAP];
        int n = value[0] ? tui_wrap(value, vw, wl, MAX_WRAP) : 0;
        total += n <= 0 ? 1 : n < MAX_WRAP ? n : MAX_WRAP;
    }
    v->total = total;
    if (v->top > total - rows)
        v->top = total - rows;
    if (v->top < 0)
        v->top = 0;

    int line = 0;
    for (size_t i = 0; i < nfields; i++) {
        const char *value = (const char *)record + fields[i].offset;
        struct tui_wrap_line wl[MAX_WRAP];
        int n = value[0] ? tui_wrap(value, vw, wl, MAX_WRAP) : 0;
        if (n > MAX_WRAP)
            n = MAX_WRAP;
        int used = n > 0 ? n : 1;
        for (int j = 0; j < used; j++, line++) {
            int row = line - v->top;
            if (row < 0 || row >= rows)
                continue;
            if (j == 0) {
                char label[96];
                snprintf(label, sizeof label, "%s：", fields[i].label);
                tui_draw_text(w, y + row, x, lw, TUI_ROLE_MENU_HEAD, label);
            }
            if (n > 0) {
                char piece[2048];
                size_t len = wl[j].len < sizeof piece ? wl[j].len : sizeof piece - 1;
                memcpy(piece, value + wl[j].start, len);
                piece[len] = '\0';
                tui_draw_text(w, y + row, vx, vw, TUI_ROLE_NORMAL, piece);
            }
        }
    }
}

bool tui_detail_handle(struct tui_detail_view *v, enum tui_action a)
{
    int page = v->height > 1 ? v->height - 1 : 1;
    int max_top = v->total - v->height > 0 ? v->total - v->height : 0;
    switch (a) {
    case TUI_A_UP:
        v->top--;
        break;
    case TUI_A_DOWN:
        v->top++;
        break;
    case TUI_A_PAGE_UP:
        v->top -= page;
        break;
    case TUI_A_PAGE_DOWN:
        v->top += page;
        break;
    case TUI_A_HOME:
        v->top = 0;
        break;
    case TUI_A_END:
        v->top = max_top;
        break;
    default:
        return false;
    }
    if (v->top > max_top)
        v->top = max_top;
    if (v->top < 0)
        v->top = 0;
    return true;
}
