#ifndef DJ_TUI_DETAIL_VIEW_H
#define DJ_TUI_DETAIL_VIEW_H
/*
 * A read-only record as "label：value" lines (an organization's or a
 * person's details): labels in one column as wide as the widest, values
 * wrapped to the rest of the width (CJK between characters, line feeds
 * kept), the whole scrolled by Up/Down/PgUp/PgDn/Home/End when it is
 * taller than the window.  Values come from a struct through the field
 * table of model/member.h (label, offset, size); every value is drawn
 * through draw.h, so database text is sanitized.
 */
#include <curses.h>
#include <stdbool.h>
#include <stddef.h>

#include "model/member.h"
#include "tui/actions.h"

struct tui_detail_view {
    int top;    /* first line shown */
    int height; /* lines shown at the last draw */
    int total;  /* lines of the whole record at the last draw */
};

void tui_detail_draw(struct tui_detail_view *v, WINDOW *w, int y, int x, int rows, int cols,
                     const void *record, const struct dj_detail_field *fields, size_t nfields);

/* Scrolling keys; false for any other action. */
bool tui_detail_handle(struct tui_detail_view *v, enum tui_action a);

#endif
