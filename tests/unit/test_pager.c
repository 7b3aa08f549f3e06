/* Keyset paging (pager.c) against a fake source of 30,000 rows: scrolling
 * the whole result down and back up asks for one page per fetch, holds at
 * most three pages, and shows every row exactly once, in order. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "tui/pager.h"

#define N_ROWS 30000
#define PAGE   50
#define HEIGHT 20

/* Rows 0..N_ROWS-1 (only those that are multiples of `step`), keyed by their
 * number as a zero-padded string so the keys sort as the rows do. */
struct fake {
    int n, step;
    bool know_count;
    bool fail_next;
    int asked_more; /* fetches whose limit was not the page size */
};

static int row_of(const struct tui_rowkey *k)
{
    return atoi(k->part[0]);
}

static int add_row(struct tui_page *pg, int r)
{
    char num[16], name[32];
    snprintf(num, sizeof num, "%06d", r);
    snprintf(name, sizeof name, "党员%d", r);
    struct tui_rowkey k;
    tui_rowkey_set(&k, num, name, NULL);
    const char *cells[2] = {name, num};
    return tui_page_add(pg, &k, cells);
}

static bool member(const struct fake *f, int r)
{
    return r >= 0 && r < f->n && r % f->step == 0;
}

static int fake_fetch(void *ctx, enum tui_fetch_dir dir, const struct tui_rowkey *key, int limit,
                      struct tui_page *pg, char *err, size_t errlen)
{
    struct fake *f = ctx;
    if (limit != PAGE)
        f->asked_more++;
    if (f->fail_next) {
        f->fail_next = false;
        snprintf(err, errlen, "%s", "数据库连接已断开");
        return -1;
    }
    int start = 0, got = 0;
    switch (dir) {
    case TUI_FETCH_FIRST:
        start = 0;
        break;
    case TUI_FETCH_AFTER:
        start = row_of(key) + 1;
        break;
    case TUI_FETCH_BEFORE:
    case TUI_FETCH_LAST: {
        /* As SQL would: DESC with LIMIT, then handed back in ascending order. */
        int r = dir == TUI_FETCH_LAST ? f->n - 1 : row_of(key) - 1;
        for (; r >= 0 && got < limit; r--)
            if (member(f, r))
                got++;
        start = r + 1;
        got = 0;
        break;
    }
    }
    int end_row = dir == TUI_FETCH_BEFORE ? row_of(key) : f->n;
    for (int r = start; r < end_row && got < limit; r++)
        if (member(f, r)) {
            assert_int_equal(add_row(pg, r), 0);
            got++;
        }
    return 0;
}

static long fake_count(void *ctx)
{
    struct fake *f = ctx;
    if (!f->know_count)
        return -1;
    long c = 0;
    for (int r = 0; r < f->n; r++)
        c += member(f, r);
    return c;
}

static int fake_filter(void *ctx, const char *text, char *err, size_t errlen)
{
    struct fake *f = ctx;
    int step = atoi(text);
    if (*text && step <= 0) {
        snprintf(err, errlen, "“%s”不是数字", text);
        return -1;
    }
    f->step = step > 0 ? step : 1;
    return 0;
}

static void open_pager(struct tui_pager *p, struct fake *f)
{
    struct tui_pager_source src = {fake_fetch, fake_count, fake_filter, f};
    assert_int_equal(tui_pager_init(p, &src, 2, PAGE), 0);
    tui_pager_set_height(p, HEIGHT);
    assert_int_equal(tui_pager_reload(p), 0);
}

static int cur_row(const struct tui_pager *p)
{
    const struct tui_rowkey *k = tui_pager_current(p);
    assert_non_null(k);
    return row_of(k);
}

static void assert_bounded(const struct tui_pager *p, const struct fake *f)
{
    assert_true(p->npages <= TUI_PAGER_MAX_PAGES);
    assert_true(p->stats.max_pages_held <= TUI_PAGER_MAX_PAGES);
    assert_true(p->stats.max_rows_held <= TUI_PAGER_MAX_PAGES * PAGE);
    assert_int_equal(p->stats.min_limit, PAGE);
    assert_int_equal(p->stats.max_limit, PAGE);
    assert_true(p->stats.max_returned <= PAGE);
    assert_int_equal(f->asked_more, 0);
}

static void scroll_down_and_back_one_row_at_a_time(void **state)
{
    (void)state;
    struct fake f = {N_ROWS, 1, false, false, 0};
    struct tui_pager p;
    open_pager(&p, &f);
    assert_int_equal(cur_row(&p), 0);

    /* Down: every row once, in order, each fetched once. */
    int expect = 0;
    for (;;) {
        assert_int_equal(cur_row(&p), expect);
        /* The cursor is always on screen. */
        assert_true(p.cur >= p.top && p.cur < p.top + HEIGHT);
        assert_int_equal(tui_pager_abs(&p, p.cur), expect);
        assert_int_equal(tui_pager_move(&p, 1), 0);
        if (cur_row(&p) == expect)
            break; /* the end */
        expect++;
        assert_bounded(&p, &f);
    }
    assert_int_equal(expect, N_ROWS - 1);
    assert_int_equal(p.stats.rows_fetched, N_ROWS);
    /* 600 pages, and one empty fetch that finds the end (the last page was full). */
    assert_int_equal(p.stats.fetches, N_ROWS / PAGE + 1);
    assert_true(p.at_end);
    assert_int_equal(tui_pager_total(&p), N_ROWS);

    /* And back up to the top. */
    long fetched_down = p.stats.rows_fetched;
    /* The empty fetch that found the end dropped the far page first, so
     * never more than three are held, even for a moment. */
    int held_at_bottom = p.nrows;
    assert_int_equal(held_at_bottom, (TUI_PAGER_MAX_PAGES - 1) * PAGE);
    for (;;) {
        assert_int_equal(cur_row(&p), expect);
        assert_true(p.cur >= p.top && p.cur < p.top + HEIGHT);
        assert_int_equal(tui_pager_move(&p, -1), 0);
        if (cur_row(&p) == expect)
            break;
        expect--;
        assert_bounded(&p, &f);
    }
    assert_int_equal(expect, 0);
    /* Only the rows no longer held were fetched again. */
    assert_int_equal(p.stats.rows_fetched - fetched_down, N_ROWS - held_at_bottom);
    assert_bounded(&p, &f);
    tui_pager_free(&p);
}

static void page_down_sees_every_row(void **state)
{
    (void)state;
    struct fake f = {N_ROWS, 1, false, false, 0};
    struct tui_pager p;
    open_pager(&p, &f);
    /* Each PgDn shows the HEIGHT rows after the ones shown before. */
    int next_top_row = 0, pages = 0;
    for (;;) {
        int top_row = row_of(tui_pager_key(&p, p.top));
        if (top_row != next_top_row)
            break;
        for (int r = 0; r < HEIGHT; r++)
            assert_int_equal(row_of(tui_pager_key(&p, p.top + r)), top_row + r);
        next_top_row = top_row + HEIGHT;
        assert_int_equal(tui_pager_page_down(&p), 0);
        assert_bounded(&p, &f);
        pages++;
    }
    assert_int_equal(pages, N_ROWS / HEIGHT);
    assert_int_equal(cur_row(&p), N_ROWS - 1);
    assert_int_equal(p.stats.rows_fetched, N_ROWS);

    /* PgUp all the way back. */
    while (p.top > 0 || !p.at_start)
        assert_int_equal(tui_pager_page_up(&p), 0);
    assert_int_equal(row_of(tui_pager_key(&p, p.top)), 0);
    assert_bounded(&p, &f);
    tui_pager_free(&p);
}

static void end_and_home_fetch_one_page(void **state)
{
    (void)state;
    struct fake f = {N_ROWS, 1, false, false, 0};
    struct tui_pager p;
    open_pager(&p, &f);
    long before = p.stats.fetches;
    assert_int_equal(tui_pager_end(&p), 0);
    assert_int_equal(p.stats.fetches, before + 1);
    assert_int_equal(cur_row(&p), N_ROWS - 1);
    assert_int_equal(p.npages, 1);
    /* The total is unknown from the end: rows are counted from there. */
    char pos[96];
    tui_pager_position(&p, pos, sizeof pos);
    assert_string_equal(pos, "倒数第 20 条起");
    assert_int_equal(tui_pager_move(&p, -(PAGE + 5)), 0);
    assert_int_equal(cur_row(&p), N_ROWS - 1 - PAGE - 5);
    before = p.stats.fetches;
    assert_int_equal(tui_pager_home(&p), 0);
    assert_int_equal(p.stats.fetches, before + 1);
    assert_int_equal(cur_row(&p), 0);
    tui_pager_position(&p, pos, sizeof pos);
    assert_string_equal(pos, "第 1 条起");
    assert_int_equal(tui_pager_move(&p, 30), 0);
    tui_pager_position(&p, pos, sizeof pos);
    assert_string_equal(pos, "第 12 条起"); /* the first row shown: rows 11..30 */
    assert_bounded(&p, &f);
    tui_pager_free(&p);
}

static void count_from_the_source(void **state)
{
    (void)state;
    struct fake f = {1234, 1, true, false, 0};
    struct tui_pager p;
    open_pager(&p, &f);
    char pos[96];
    tui_pager_position(&p, pos, sizeof pos);
    assert_string_equal(pos, "共 1234 条，第 1 条");
    assert_int_equal(tui_pager_end(&p), 0);
    tui_pager_position(&p, pos, sizeof pos);
    assert_string_equal(pos, "共 1234 条，第 1234 条");
    tui_pager_free(&p);
}

static void small_result_is_whole(void **state)
{
    (void)state;
    struct fake f = {7, 1, false, false, 0};
    struct tui_pager p;
    open_pager(&p, &f);
    assert_true(p.at_start && p.at_end);
    assert_int_equal(p.nrows, 7);
    char pos[96];
    tui_pager_position(&p, pos, sizeof pos);
    assert_string_equal(pos, "共 7 条，第 1 条");
    long before = p.stats.fetches;
    assert_int_equal(tui_pager_end(&p), 0);
    assert_int_equal(tui_pager_move(&p, 1), 0);
    assert_int_equal(tui_pager_home(&p), 0);
    assert_int_equal(tui_pager_move(&p, -1), 0);
    assert_int_equal(p.stats.fetches, before); /* all rows are here: no fetch */
    tui_pager_free(&p);
}

static void empty_result(void **state)
{
    (void)state;
    struct fake f = {0, 1, false, false, 0};
    struct tui_pager p;
    open_pager(&p, &f);
    assert_int_equal(p.nrows, 0);
    assert_null(tui_pager_current(&p));
    assert_int_equal(tui_pager_move(&p, 1), 0);
    assert_int_equal(tui_pager_page_down(&p), 0);
    assert_int_equal(tui_pager_end(&p), 0);
    assert_null(tui_pager_current(&p));
    char pos[96];
    tui_pager_position(&p, pos, sizeof pos);
    assert_string_equal(pos, "共 0 条");
    tui_pager_free(&p);
}

static void filter_reloads_from_the_top(void **state)
{
    (void)state;
    struct fake f = {N_ROWS, 1, true, false, 0};
    struct tui_pager p;
    open_pager(&p, &f);
    assert_int_equal(tui_pager_move(&p, 120), 0);
    assert_int_equal(tui_pager_filter(&p, "1000"), 0);
    assert_int_equal(cur_row(&p), 0);
    assert_int_equal(p.nrows, 30);
    assert_int_equal(tui_pager_move(&p, 1), 0);
    assert_int_equal(cur_row(&p), 1000);
    /* A filter the source refuses keeps the old one and says why. */
    assert_int_equal(tui_pager_filter(&p, "张"), -1);
    assert_string_equal(p.err, "“张”不是数字");
    assert_int_equal(f.step, 1000);
    tui_pager_free(&p);
}

static void failed_fetch_keeps_the_view(void **state)
{
    (void)state;
    struct fake f = {N_ROWS, 1, false, false, 0};
    struct tui_pager p;
    open_pager(&p, &f);
    assert_int_equal(tui_pager_move(&p, PAGE - 1), 0);
    assert_int_equal(cur_row(&p), PAGE - 1);
    f.fail_next = true;
    assert_int_equal(tui_pager_move(&p, 1), -1);
    assert_string_equal(p.err, "数据库连接已断开");
    assert_int_equal(cur_row(&p), PAGE - 1);
    /* The next try works and clears the message. */
    assert_int_equal(tui_pager_move(&p, 1), 0);
    assert_int_equal(cur_row(&p), PAGE);
    assert_string_equal(p.err, "");
    tui_pager_free(&p);
}

static void rowkey_parts_are_cut_safely(void **state)
{
    (void)state;
    char longtext[400];
    memset(longtext, 'a', sizeof longtext - 1);
    longtext[sizeof longtext - 1] = '\0';
    struct tui_rowkey a, b;
    tui_rowkey_set(&a, longtext, "x", NULL);
    tui_rowkey_set(&b, longtext, "x", "");
    assert_int_equal(strlen(a.part[0]), TUI_ROWKEY_LEN - 1);
    assert_true(tui_rowkey_equal(&a, &b));
    tui_rowkey_set(&b, longtext, "y", "");
    assert_false(tui_rowkey_equal(&a, &b));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(scroll_down_and_back_one_row_at_a_time),
        cmocka_unit_test(page_down_sees_every_row),
        cmocka_unit_test(end_and_home_fetch_one_page),
        cmocka_unit_test(count_from_the_source),
        cmocka_unit_test(small_result_is_whole),
        cmocka_unit_test(empty_result),
        cmocka_unit_test(filter_reloads_from_the_top),
        cmocka_unit_test(failed_fetch_keeps_the_view),
        cmocka_unit_test(rowkey_parts_are_cut_safely),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
