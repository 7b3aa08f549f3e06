#ifndef DJ_TUI_PAGER_H
#define DJ_TUI_PAGER_H
/*
 * Keyset paging for lists, without curses.  A list never loads a whole result
 * and never uses OFFSET: it asks a data source for one page at a time, the
 * first page, the page after a row's key, the page before a row's key, or the
 * last page, and keeps at most TUI_PAGER_MAX_PAGES consecutive pages, dropping
 * the one farthest from the cursor (before fetching, so even during a fetch
 * no more are held).  A key is an opaque copyable value the source makes for
 * each row, e.g. the row's sort key and id as strings; for SQL the next page
 * is `WHERE (sort, id) > ($1, $2) ORDER BY sort, id LIMIT n`, the previous
 * one the same with < and DESC, given back in ascending order.
 *
 * The pager also holds the cursor and the first row shown, moves them, and
 * counts what it asked for (struct tui_pager_stats), so tests can check that
 * every fetch asked for one page and that no more than three were held.
 * Row numbers ("第 N 条") are known when the pager came from the first page
 * or the source knows the total.
 */
#include <stdbool.h>
#include <stddef.h>

#define TUI_PAGER_MAX_PAGES 3
#define TUI_PAGER_MIN_ROWS  4 /* the smallest page size allowed */
#define TUI_PAGER_MAX_COLS  16
#define TUI_ROWKEY_PARTS    3
#define TUI_ROWKEY_LEN      160 /* bytes per part, NUL included */

/* A row's place in the sort order, as the source defines it: up to three
 * strings (say, a pinyin sort key, a name and an id).  Copied by value. */
struct tui_rowkey {
    char part[TUI_ROWKEY_PARTS][TUI_ROWKEY_LEN];
};

/* Sets the key's parts (NULL stands for ""); each is cut to fit. */
void tui_rowkey_set(struct tui_rowkey *k, const char *a, const char *b, const char *c);
bool tui_rowkey_equal(const struct tui_rowkey *a, const struct tui_rowkey *b);

/* One fetched page: rows of ncols strings, each with its key. */
struct tui_page;

/* For a source's fetch: appends a row (cells: ncols strings, NULL for an
 * empty cell; copied).  Returns 0, or -1 when the page already has the rows
 * asked for or memory ran out. */
int tui_page_add(struct tui_page *p, const struct tui_rowkey *key, const char *const *cells);
int tui_page_rows(const struct tui_page *p);

enum tui_fetch_dir {
    TUI_FETCH_FIRST,  /* the first `limit` rows of the result */
    TUI_FETCH_AFTER,  /* the `limit` rows right after key */
    TUI_FETCH_BEFORE, /* the `limit` rows right before key */
    TUI_FETCH_LAST,   /* the last `limit` rows */
};

struct tui_pager_source {
    /* Adds at most limit rows to page with tui_page_add, always in display
     * (ascending) order; key is NULL for FIRST and LAST.  Fewer rows than
     * limit mean the result ends there.  Returns 0, or -1 with a clerk's
     * message in err. */
    int (*fetch)(void *ctx, enum tui_fetch_dir dir, const struct tui_rowkey *key, int limit,
                 struct tui_page *page, char *err, size_t errlen);
    /* The number of rows in the result, or -1 when the source cannot tell
     * cheaply.  May be NULL.  Asked once after every (re)load. */
    long (*count)(void *ctx);
    /* The search line's text ("" clears it).  May be NULL: no search line.
     * Returns 0, or -1 with a message in err (the old filter stays). */
    int (*set_filter)(void *ctx, const char *text, char *err, size_t errlen);
    void *ctx;
};

struct tui_pager_stats {
    long fetches;      /* calls to fetch */
    long rows_fetched; /* rows the fetches returned */
    int min_limit;     /* the smallest and largest limit asked: both the page size */
    int max_limit;
    int max_returned; /* the most rows one fetch returned */
    int max_pages_held;
    int max_rows_held;
};

struct tui_pager {
    struct tui_pager_source src;
    int ncols;
    int page_rows;                               /* the limit of every fetch */
    struct tui_page *pages[TUI_PAGER_MAX_PAGES]; /* consecutive, in order */
    int npages;
    int nrows;     /* rows held: the window */
    bool at_start; /* nothing before the window */
    bool at_end;   /* nothing after it */
    bool loaded;   /* a first fetch was made */
    int cur;       /* the cursor, an index into the window */
    int top;       /* the first row shown */
    int height;    /* rows shown (page_rows is raised to it) */
    long base;     /* rows of the result before the window; -1 unknown */
    long tail;     /* rows after the window; -1 unknown */
    long count;    /* from the source; -1 unknown */
    struct tui_pager_stats stats;
    char err[256]; /* the last fetch's error, "" if none */
};

/* page_rows is the size of every fetch (raised to TUI_PAGER_MIN_ROWS);
 * ncols the cells per row (1..TUI_PAGER_MAX_COLS).  Nothing is fetched yet. */
int tui_pager_init(struct tui_pager *p, const struct tui_pager_source *src, int ncols,
                   int page_rows);
void tui_pager_free(struct tui_pager *p);

/* Drops every page and fetches the first one; the cursor goes to row 0.
 * Returns 0, or -1 with p->err set (the window is then empty). */
int tui_pager_reload(struct tui_pager *p);

/* Hands text to the source's filter and reloads.  Returns 0 or -1 (p->err). */
int tui_pager_filter(struct tui_pager *p, const char *text);

/* The rows the view shows; keeps the cursor in view.  A view taller than
 * page_rows raises page_rows to its height for the fetches that follow, so
 * the view never needs more pages than are held. */
void tui_pager_set_height(struct tui_pager *p, int height);

/* Cursor moves, fetching what they reach.  Each returns 0, or -1 with
 * p->err set when a fetch failed (the cursor then stays where it could go). */
int tui_pager_move(struct tui_pager *p, int delta);
int tui_pager_page_down(struct tui_pager *p);
int tui_pager_page_up(struct tui_pager *p);
int tui_pager_home(struct tui_pager *p);
int tui_pager_end(struct tui_pager *p);

/* Window rows, 0..p->nrows-1: the cell text (never NULL) and the key.
 * NULL when i is out of range. */
const char *tui_pager_cell(const struct tui_pager *p, int i, int col);
const struct tui_rowkey *tui_pager_key(const struct tui_pager *p, int i);

/* The row under the cursor's key, NULL when the list is empty. */
const struct tui_rowkey *tui_pager_current(const struct tui_pager *p);

/* The result's row number (0-based) of window row i, or -1 when unknown. */
long tui_pager_abs(const struct tui_pager *p, int i);

/* Rows in the whole result, or -1 when unknown. */
long tui_pager_total(const struct tui_pager *p);

/* What the list's count line says: "共 1234 条" (with "，第 N 条" for the
 * cursor when known), "第 N 条起" (the first row shown) when the total is
 * unknown, "倒数第 N 条起" after End without a total. */
void tui_pager_position(const struct tui_pager *p, char *buf, size_t bufsz);

/* Rows held now (all pages). */
int tui_pager_rows_held(const struct tui_pager *p);

#endif
