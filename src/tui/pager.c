#include "tui/pager.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct tui_page {
    int ncols;
    int limit; /* rows asked for: the most this page takes */
    int nrows;
    struct tui_rowkey *keys; /* limit entries */
    size_t *cell_off;        /* limit * ncols offsets into text */
    char *text;              /* the cells, each NUL-terminated */
    size_t text_len, text_cap;
};

void tui_rowkey_set(struct tui_rowkey *k, const char *a, const char *b, const char *c)
{
    const char *parts[TUI_ROWKEY_PARTS] = {a, b, c};
    for (int i = 0; i < TUI_ROWKEY_PARTS; i++)
        snprintf(k->part[i], sizeof k->part[i], "%s", parts[i] ? parts[i] : "");
}

bool tui_rowkey_equal(const struct tui_rowkey *a, const struct tui_rowkey *b)
{
    for (int i = 0; i < TUI_ROWKEY_PARTS; i++)
        if (strcmp(a->part[i], b->part[i]) != 0)
            return false;
    return true;
}

static void page_free(struct tui_page *pg)
{
    if (pg == NULL)
        return;
    free(pg->keys);
    free(pg->cell_off);
    free(pg->text);
    free(pg);
}

static struct tui_page *page_new(int ncols, int limit)
{
    struct tui_page *pg = calloc(1, sizeof *pg);
    if (pg == NULL)
        return NULL;
    pg->ncols = ncols;
    pg->limit = limit;
    pg->keys = calloc((size_t)limit, sizeof *pg->keys);
    pg->cell_off = calloc((size_t)limit * (size_t)ncols, sizeof *pg->cell_off);
    if (pg->keys == NULL || pg->cell_off == NULL) {
        page_free(pg);
        return NULL;
    }
    return pg;
}

static void page_reset(struct tui_page *pg)
{
    pg->nrows = 0;
    pg->text_len = 0;
}

static bool text_put(struct tui_page *pg, const char *s, size_t *at)
{
    size_t n = strlen(s) + 1;
    if (pg->text_len + n > pg->text_cap) {
        size_t cap = pg->text_cap ? pg->text_cap : 1024;
        while (cap < pg->text_len + n)
            cap *= 2;
        char *t = realloc(pg->text, cap);
        if (t == NULL)
            return false;
        pg->text = t;
        pg->text_cap = cap;
    }
    memcpy(pg->text + pg->text_len, s, n);
    *at = pg->text_len;
    pg->text_len += n;
    return true;
}

int tui_page_add(struct tui_page *p, const struct tui_rowkey *key, const char *const *cells)
{
    if (p->nrows >= p->limit)
        return -1;
    size_t *off = p->cell_off + (size_t)p->nrows * (size_t)p->ncols;
    for (int c = 0; c < p->ncols; c++)
        if (!text_put(p, cells && cells[c] ? cells[c] : "", &off[c]))
            return -1;
    p->keys[p->nrows] = *key;
    p->nrows++;
    return 0;
}

int tui_page_rows(const struct tui_page *p)
{
    return p->nrows;
}

int tui_pager_init(struct tui_pager *p, const struct tui_pager_source *src, int ncols,
                   int page_rows)
{
    memset(p, 0, sizeof *p);
    if (src == NULL || src->fetch == NULL || ncols < 1 || ncols > TUI_PAGER_MAX_COLS)
        return -1;
    p->src = *src;
    p->ncols = ncols;
    p->page_rows = page_rows < TUI_PAGER_MIN_ROWS ? TUI_PAGER_MIN_ROWS : page_rows;
    p->height = 1;
    p->base = p->tail = p->count = -1;
    return 0;
}

static void drop_all(struct tui_pager *p)
{
    for (int i = 0; i < p->npages; i++)
        page_free(p->pages[i]);
    p->npages = 0;
    p->nrows = 0;
    p->cur = p->top = 0;
    p->at_start = p->at_end = false;
    p->base = p->tail = -1;
}

void tui_pager_free(struct tui_pager *p)
{
    drop_all(p);
}

int tui_pager_rows_held(const struct tui_pager *p)
{
    int n = 0;
    for (int i = 0; i < p->npages; i++)
        n += p->pages[i]->nrows;
    return n;
}

static void note_held(struct tui_pager *p, int extra_pages, int extra_rows)
{
    int pages = p->npages + extra_pages, rows = tui_pager_rows_held(p) + extra_rows;
    if (pages > p->stats.max_pages_held)
        p->stats.max_pages_held = pages;
    if (rows > p->stats.max_rows_held)
        p->stats.max_rows_held = rows;
}

/* Removes the first or last page, keeping the cursor on the same row; returns
 * the page for reuse. */
static struct tui_page *drop_front(struct tui_pager *p)
{
    struct tui_page *pg = p->pages[0];
    memmove(p->pages, p->pages + 1, (size_t)(p->npages - 1) * sizeof p->pages[0]);
    p->npages--;
    p->nrows -= pg->nrows;
    p->cur -= pg->nrows;
    p->top -= pg->nrows;
    if (p->base >= 0)
        p->base += pg->nrows;
    p->at_start = false;
    return pg;
}

static struct tui_page *drop_back(struct tui_pager *p)
{
    struct tui_page *pg = p->pages[--p->npages];
    p->nrows -= pg->nrows;
    if (p->tail >= 0)
        p->tail += pg->nrows;
    p->at_end = false;
    return pg;
}

/* One fetch into pg (reset first).  Counts it. */
static int fetch(struct tui_pager *p, enum tui_fetch_dir dir, const struct tui_rowkey *key,
                 struct tui_page *pg)
{
    page_reset(pg);
    note_held(p, 1, 0);
    p->err[0] = '\0';
    p->stats.fetches++;
    if (p->stats.min_limit == 0 || p->page_rows < p->stats.min_limit)
        p->stats.min_limit = p->page_rows;
    if (p->page_rows > p->stats.max_limit)
        p->stats.max_limit = p->page_rows;
    int rc = p->src.fetch(p->src.ctx, dir, key, p->page_rows, pg, p->err, sizeof p->err);
    if (rc < 0) {
        if (p->err[0] == '\0')
            snprintf(p->err, sizeof p->err, "%s", "读取列表数据失败");
        page_reset(pg);
        return -1;
    }
    p->stats.rows_fetched += pg->nrows;
    if (pg->nrows > p->stats.max_returned)
        p->stats.max_returned = pg->nrows;
    note_held(p, 1, pg->nrows);
    return 0;
}

/* A page to fetch into: a new one, or the one dropped to make room. */
static struct tui_page *spare(struct tui_pager *p, struct tui_page *dropped)
{
    if (dropped && dropped->limit >= p->page_rows)
        return dropped;
    page_free(dropped); /* smaller than pages are now */
    return page_new(p->ncols, p->page_rows);
}

/* Fetches the page after the window.  Returns 1 if rows were added, 0 at the
 * end, -1 on error. */
static int fetch_after(struct tui_pager *p)
{
    if (p->at_end || p->npages == 0)
        return 0;
    struct tui_rowkey key = *tui_pager_key(p, p->nrows - 1);
    struct tui_page *dropped = p->npages == TUI_PAGER_MAX_PAGES ? drop_front(p) : NULL;
    struct tui_page *pg = spare(p, dropped);
    if (pg == NULL) {
        snprintf(p->err, sizeof p->err, "%s", "内存不足，无法读取更多行");
        return -1;
    }
    if (fetch(p, TUI_FETCH_AFTER, &key, pg) < 0) {
        page_free(pg);
        return -1;
    }
    int k = pg->nrows;
    if (k < p->page_rows) {
        p->at_end = true;
        p->tail = 0;
    } else if (p->tail >= 0) {
        p->tail = p->tail - k > 0 ? p->tail - k : 0;
    }
    if (k == 0) {
        page_free(pg);
        return 0;
    }
    p->pages[p->npages++] = pg;
    p->nrows += k;
    return 1;
}

/* Fetches the page before the window; rows already held move down by the
 * rows added, and so do the cursor and the view. */
static int fetch_before(struct tui_pager *p)
{
    if (p->at_start || p->npages == 0)
        return 0;
    struct tui_rowkey key = *tui_pager_key(p, 0);
    struct tui_page *dropped = p->npages == TUI_PAGER_MAX_PAGES ? drop_back(p) : NULL;
    struct tui_page *pg = spare(p, dropped);
    if (pg == NULL) {
        snprintf(p->err, sizeof p->err, "%s", "内存不足，无法读取更多行");
        return -1;
    }
    if (fetch(p, TUI_FETCH_BEFORE, &key, pg) < 0) {
        page_free(pg);
        return -1;
    }
    int k = pg->nrows;
    if (k < p->page_rows) {
        p->at_start = true;
        p->base = 0;
    } else if (p->base >= 0) {
        p->base = p->base - k > 0 ? p->base - k : 0;
    }
    if (k == 0) {
        page_free(pg);
        return 0;
    }
    memmove(p->pages + 1, p->pages, (size_t)p->npages * sizeof p->pages[0]);
    p->pages[0] = pg;
    p->npages++;
    p->nrows += k;
    p->cur += k;
    p->top += k;
    return 1;
}

static int load(struct tui_pager *p, enum tui_fetch_dir dir)
{
    drop_all(p);
    p->loaded = true;
    struct tui_page *pg = page_new(p->ncols, p->page_rows);
    if (pg == NULL) {
        snprintf(p->err, sizeof p->err, "%s", "内存不足，无法读取列表");
        return -1;
    }
    if (fetch(p, dir, NULL, pg) < 0) {
        page_free(pg);
        p->at_start = p->at_end = true;
        return -1;
    }
    bool whole = pg->nrows < p->page_rows;
    p->at_start = dir == TUI_FETCH_FIRST || whole;
    p->at_end = dir == TUI_FETCH_LAST || whole;
    p->base = p->at_start ? 0 : -1;
    p->tail = p->at_end ? 0 : -1;
    p->pages[0] = pg;
    p->npages = 1;
    p->nrows = pg->nrows;
    return 0;
}

static void clamp_view(struct tui_pager *p)
{
    if (p->cur >= p->nrows)
        p->cur = p->nrows - 1;
    if (p->cur < 0)
        p->cur = 0;
    if (p->top > p->cur)
        p->top = p->cur;
    if (p->cur >= p->top + p->height)
        p->top = p->cur - p->height + 1;
    /* No blank rows at the bottom while held rows above are hidden. */
    if (p->top > p->nrows - p->height)
        p->top = p->nrows - p->height;
    if (p->top < 0)
        p->top = 0;
}

int tui_pager_reload(struct tui_pager *p)
{
    int rc = load(p, TUI_FETCH_FIRST);
    p->count = p->src.count ? p->src.count(p->src.ctx) : -1;
    clamp_view(p);
    return rc;
}

int tui_pager_filter(struct tui_pager *p, const char *text)
{
    if (p->src.set_filter) {
        p->err[0] = '\0';
        if (p->src.set_filter(p->src.ctx, text ? text : "", p->err, sizeof p->err) < 0) {
            if (p->err[0] == '\0')
                snprintf(p->err, sizeof p->err, "%s", "无法按此条件查找");
            return -1;
        }
    }
    return tui_pager_reload(p);
}

/* Fetches until window row *idx exists (or the result ends); *idx follows
 * the rows as pages come and go. */
static int reach(struct tui_pager *p, int *idx)
{
    while (*idx >= p->nrows && !p->at_end) {
        int before = p->cur;
        int r = fetch_after(p);
        *idx += p->cur - before; /* a dropped front page shifts every index */
        if (r <= 0)
            return r;
    }
    while (*idx < 0 && !p->at_start) {
        int before = p->cur;
        int r = fetch_before(p);
        *idx += p->cur - before;
        if (r <= 0)
            return r;
    }
    return 0;
}

void tui_pager_set_height(struct tui_pager *p, int height)
{
    if (height < 1)
        height = 1;
    /* The view never needs more than two pages: a taller view (a larger
     * terminal) makes the pages fetched from now on as tall as it. */
    if (height > p->page_rows)
        p->page_rows = height;
    p->height = height;
    /* Grown taller (a resize): fill the new rows now rather than on the
     * next key. */
    if (p->loaded && p->nrows > 0 && p->top + height > p->nrows && !p->at_end) {
        int bottom = p->top + height - 1;
        reach(p, &bottom);
    }
    clamp_view(p);
}

/* Moves the cursor by delta and the view by scroll rows. */
static int shift(struct tui_pager *p, int delta, int scroll)
{
    if (!p->loaded && tui_pager_reload(p) < 0)
        return -1;
    if (p->nrows == 0)
        return 0;
    int target = p->cur + delta;
    int rc = reach(p, &target);
    /* Rows for the view's bottom too, when paging down. */
    if (rc == 0 && scroll > 0) {
        int bottom = p->top + scroll + p->height - 1;
        int shifted = bottom;
        rc = reach(p, &shifted);
        target += shifted - bottom;
    }
    p->top += scroll;
    p->cur = target;
    clamp_view(p);
    return rc < 0 ? -1 : 0;
}

int tui_pager_move(struct tui_pager *p, int delta)
{
    return shift(p, delta, 0);
}

int tui_pager_page_down(struct tui_pager *p)
{
    return shift(p, p->height, p->height);
}

int tui_pager_page_up(struct tui_pager *p)
{
    return shift(p, -p->height, -p->height);
}

int tui_pager_home(struct tui_pager *p)
{
    if (!p->loaded || !p->at_start) {
        long count = p->count;
        int rc = load(p, TUI_FETCH_FIRST);
        p->count = count;
        clamp_view(p);
        if (rc < 0)
            return -1;
    }
    p->cur = p->top = 0;
    clamp_view(p);
    return 0;
}

int tui_pager_end(struct tui_pager *p)
{
    if (!p->loaded || !p->at_end) {
        long count = p->count;
        int rc = load(p, TUI_FETCH_LAST);
        p->count = count;
        if (rc < 0) {
            clamp_view(p);
            return -1;
        }
    }
    p->cur = p->nrows - 1;
    p->top = p->nrows - p->height;
    clamp_view(p);
    return 0;
}

/* The page and row of window row i. */
static const struct tui_page *locate(const struct tui_pager *p, int i, int *row)
{
    if (i < 0)
        return NULL;
    for (int k = 0; k < p->npages; k++) {
        if (i < p->pages[k]->nrows) {
            *row = i;
            return p->pages[k];
        }
        i -= p->pages[k]->nrows;
    }
    return NULL;
}

const char *tui_pager_cell(const struct tui_pager *p, int i, int col)
{
    int row;
    const struct tui_page *pg = locate(p, i, &row);
    if (pg == NULL || col < 0 || col >= pg->ncols)
        return NULL;
    return pg->text + pg->cell_off[(size_t)row * (size_t)pg->ncols + (size_t)col];
}

const struct tui_rowkey *tui_pager_key(const struct tui_pager *p, int i)
{
    int row;
    const struct tui_page *pg = locate(p, i, &row);
    return pg ? &pg->keys[row] : NULL;
}

const struct tui_rowkey *tui_pager_current(const struct tui_pager *p)
{
    return p->nrows > 0 ? tui_pager_key(p, p->cur) : NULL;
}

long tui_pager_total(const struct tui_pager *p)
{
    if (p->at_start && p->at_end)
        return p->nrows;
    if (p->count >= 0)
        return p->count;
    if (p->base >= 0 && p->tail >= 0)
        return p->base + p->nrows + p->tail;
    return -1;
}

long tui_pager_abs(const struct tui_pager *p, int i)
{
    if (i < 0 || i >= p->nrows)
        return -1;
    if (p->base >= 0)
        return p->base + i;
    long total = tui_pager_total(p);
    if (p->tail >= 0 && total >= 0)
        return total - p->tail - (p->nrows - i);
    return -1;
}

void tui_pager_position(const struct tui_pager *p, char *buf, size_t bufsz)
{
    long total = tui_pager_total(p);
    long at = tui_pager_abs(p, p->cur);
    if (total >= 0) {
        if (at >= 0 && total > 0)
            snprintf(buf, bufsz, "共 %ld 条，第 %ld 条", total, at + 1);
        else
            snprintf(buf, bufsz, "共 %ld 条", total);
    } else if (p->base >= 0) {
        snprintf(buf, bufsz, "第 %ld 条起", p->base + p->top + 1);
    } else if (p->tail >= 0) {
        snprintf(buf, bufsz, "倒数第 %ld 条起", p->tail + (p->nrows - p->top));
    } else {
        snprintf(buf, bufsz, "%s", "");
    }
}
