#ifndef DJ_TUI_LIST_H
#define DJ_TUI_LIST_H
/*
 * The list every screen shows its records in: a header row, rows in columns
 * sized in display columns (CJK counting two, cut with "…", never split), a
 * selection bar marked ">" as well as by colour, optional check boxes [x] / [ ]
 * for choosing several rows (Space), a search line (F3 or /; Enter hands the
 * text to the data source, Esc leaves it), and a count line ("共 1234 条" or
 * "第 N 条起").  Rows come from a tui_pager_source a page at a time (pager.h:
 * keyset paging, at most three pages held).
 *
 * The list draws into a rectangle of a window it is given and never
 * refreshes.  Its handler takes one action and says what happened; the
 * screen decides what Enter on a row means (TUI_LIST_ACTIVATE).
 */
#include <curses.h>
#include <stdbool.h>

#include "tui/field_edit.h"
#include "tui/keys.h"
#include "tui/pager.h"

/* Column flags. */
enum {
    TUI_COL_RIGHT = 1 << 0,    /* right-aligned (numbers, money) */
    TUI_COL_FLEX = 1 << 1,     /* takes the spare width, and gives it up first */
    TUI_COL_OPTIONAL = 1 << 2, /* hidden when even the narrowest layout does not fit */
};

struct tui_list_column {
    const char *title;
    int width;      /* preferred display columns; 0: the title's width */
    int min;        /* narrowest before it is hidden or cut; 0: min(width, 4) */
    unsigned flags; /* TUI_COL_* */
};

/* List flags. */
enum {
    TUI_LIST_MULTI = 1 << 0,     /* check boxes; Space toggles */
    TUI_LIST_NO_SEARCH = 1 << 1, /* no search line even if the source filters */
};

enum tui_list_event {
    TUI_LIST_IGNORED = 0, /* not a key for the list */
    TUI_LIST_HANDLED,     /* handled; redraw */
    TUI_LIST_ACTIVATE,    /* Enter on a row: tui_list_current() is the row */
    TUI_LIST_ERROR,       /* a fetch failed: tui_list_error() says why (also drawn) */
};

#define TUI_LIST_SEARCH_CHARS 50

struct tui_list {
    const struct tui_list_column *cols;
    int ncols;
    unsigned flags;
    struct tui_pager pager;
    struct tui_rowkey *checked; /* the rows ticked, wherever they are */
    int nchecked, checked_cap;
    bool searching;
    struct tui_edit search;
    char filter[TUI_LIST_SEARCH_CHARS * 4 + 1]; /* the text the source filters by */
    const char *empty_text;                     /* shown when there are no rows */
    int widths[TUI_PAGER_MAX_COLS];             /* at the last draw; 0 = hidden */
    int xs[TUI_PAGER_MAX_COLS];                 /* where each column started */
};

/* Columns must outlive the list.  page_rows is the size of every fetch
 * (0: 100).  Nothing is fetched until tui_list_reload.  Returns 0 or -1. */
int tui_list_init(struct tui_list *l, const struct tui_list_column *cols, int ncols,
                  const struct tui_pager_source *src, unsigned flags, int page_rows);
void tui_list_free(struct tui_list *l);

/* Fetches the first page again (after a change of the data).
 * Returns 0, or -1 with tui_list_error() set. */
int tui_list_reload(struct tui_list *l);

/* Draws the list in rows x cols at (y, x) of win: header, rows, count line. */
void tui_list_draw(struct tui_list *l, WINDOW *win, int y, int x, int rows, int cols, bool focused);

enum tui_list_event tui_list_handle(struct tui_list *l, enum tui_action a, const struct tui_key *k);

/* The row under the selection bar; NULL when the list is empty. */
const struct tui_rowkey *tui_list_current(const struct tui_list *l);

/* A cell of the row under the selection bar, NULL when empty. */
const char *tui_list_current_cell(const struct tui_list *l, int col);

/* The ticked rows (any order); returns how many. */
int tui_list_checked(const struct tui_list *l, const struct tui_rowkey **keys);
bool tui_list_is_checked(const struct tui_list *l, const struct tui_rowkey *k);
void tui_list_clear_checked(struct tui_list *l);

/* The last error ("" if none). */
const char *tui_list_error(const struct tui_list *l);

/* What was fetched and held, for tests (pager.h). */
const struct tui_pager_stats *tui_list_stats(const struct tui_list *l);

/* The column layout for avail display columns (after the marker and check
 * box): widths[i] is column i's width, 0 when hidden.  One column between
 * shown columns.  Returns the columns used in total. */
int tui_list_layout(const struct tui_list_column *cols, int ncols, int avail, int *widths);

#endif
