#include "tui/draw.h"

#include "tui/width.h"

/* Long enough for a row of a 500-column terminal in 4-byte characters. */
#define ROW_BYTES 2048

static void put(WINDOW *w, int y, int x, enum tui_role role, const char *buf)
{
    attr_t old_attr;
    short old_pair;
    wattr_get(w, &old_attr, &old_pair, NULL);
    wattrset(w, (int)tui_role_attr(role));
    /* ERR at the bottom-right corner is expected (the cursor cannot advance). */
    (void)mvwaddstr(w, y, x, buf);
    wattr_set(w, old_attr, old_pair, NULL);
}

static int room(WINDOW *w, int x, int cols)
{
    int avail = getmaxx(w) - x;
    return cols < avail ? cols : avail;
}

int tui_draw_text(WINDOW *w, int y, int x, int cols, enum tui_role role, const char *s)
{
    char buf[ROW_BYTES];
    cols = room(w, x, cols);
    if (cols <= 0 || y < 0 || y >= getmaxy(w))
        return 0;
    int n = tui_width_truncate(buf, sizeof buf, s, cols, true);
    put(w, y, x, role, buf);
    return n;
}

void tui_draw_field(WINDOW *w, int y, int x, int cols, enum tui_role role, const char *s)
{
    char buf[ROW_BYTES];
    cols = room(w, x, cols);
    if (cols <= 0 || y < 0 || y >= getmaxy(w))
        return;
    tui_width_pad(buf, sizeof buf, s, cols, true);
    put(w, y, x, role, buf);
}

void tui_draw_row(WINDOW *w, int y, enum tui_role role)
{
    tui_draw_field(w, y, 0, getmaxx(w), role, "");
}

void tui_draw_center(WINDOW *w, int y, enum tui_role role, const char *s)
{
    int cols = getmaxx(w);
    int width = tui_width(s);
    int x = width < cols ? (cols - width) / 2 : 0;
    tui_draw_text(w, y, x, cols - x, role, s);
}
