/* The tree widget's logic: opening fetches once, closing keeps the rows,
 * moving by keys, revealing a node deep in the tree, a failed fetch. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "tui/tree.h"

/* A fake organization tree: node id N has children N*10+1 .. N*10+3 while
 * N < 100 (so 1 -> 11,12,13 -> 111,112,113); id 12 fails to load. */
static int fetches;

static int fake_fetch(void *ctx, long long parent, struct tui_tree_item **items, char *err,
                      size_t errlen)
{
    (void)ctx;
    fetches++;
    if (parent == 12) {
        snprintf(err, errlen, "连接已断开");
        return -1;
    }
    *items = calloc(3, sizeof **items);
    for (int i = 0; i < 3; i++) {
        (*items)[i].id = parent * 10 + i + 1;
        snprintf((*items)[i].key, sizeof(*items)[i].key, "k%lld", parent * 10 + i + 1);
        snprintf((*items)[i].label, sizeof(*items)[i].label, "org %lld", parent * 10 + i + 1);
        (*items)[i].has_children = parent * 10 + i + 1 < 100;
    }
    return 3;
}

static void setup_tree(struct tui_tree *t)
{
    struct tui_tree_item root = {.id = 1, .key = "k1", .label = "org 1", .has_children = true};
    tui_tree_init(t, fake_fetch, NULL);
    fetches = 0;
    assert_int_equal(tui_tree_set_roots(t, &root, 1), 0);
}

static void expand_fetches_once(void **state)
{
    (void)state;
    struct tui_tree t;
    setup_tree(&t);
    assert_int_equal(t.n, 1);
    assert_int_equal(tui_tree_expand(&t, 0), TUI_TREE_HANDLED);
    assert_int_equal(t.n, 4);
    assert_int_equal(fetches, 1);
    assert_true(t.rows[1].item.id == 11 && t.rows[1].depth == 1);
    assert_int_equal(tui_tree_expand(&t, 1), TUI_TREE_HANDLED); /* 11 -> 111..113 */
    assert_int_equal(t.n, 7);
    assert_true(t.rows[2].item.id == 111 && t.rows[2].depth == 2);
    assert_true(t.rows[5].item.id == 12);

    /* Closing the root hides all six; opening shows them again, 11 still open. */
    tui_tree_collapse(&t, 0);
    assert_int_equal(t.n, 1);
    assert_int_equal(tui_tree_expand(&t, 0), TUI_TREE_HANDLED);
    assert_int_equal(t.n, 7);
    assert_int_equal(fetches, 2);
    assert_true(t.rows[1].expanded && t.rows[2].item.id == 111);
    tui_tree_free(&t);
}

static void keys_move_and_fold(void **state)
{
    (void)state;
    struct tui_tree t;
    setup_tree(&t);
    /* Left on a closed root: the loop's (back to the menu). */
    assert_int_equal(tui_tree_handle(&t, TUI_A_LEFT), TUI_TREE_IGNORED);
    assert_int_equal(tui_tree_handle(&t, TUI_A_RIGHT), TUI_TREE_HANDLED); /* open */
    assert_int_equal(t.n, 4);
    assert_int_equal(t.sel, 0);
    assert_int_equal(tui_tree_handle(&t, TUI_A_RIGHT), TUI_TREE_HANDLED); /* to 11 */
    assert_int_equal(t.sel, 1);
    assert_int_equal(tui_tree_handle(&t, TUI_A_END), TUI_TREE_HANDLED);
    assert_true(tui_tree_selected(&t)->item.id == 13);
    assert_int_equal(tui_tree_handle(&t, TUI_A_LEFT), TUI_TREE_HANDLED); /* to the parent */
    assert_int_equal(t.sel, 0);
    assert_int_equal(tui_tree_handle(&t, TUI_A_LEFT), TUI_TREE_HANDLED); /* close */
    assert_int_equal(t.n, 1);
    assert_int_equal(tui_tree_handle(&t, TUI_A_TOGGLE), TUI_TREE_HANDLED);
    assert_int_equal(t.n, 4);
    assert_int_equal(tui_tree_handle(&t, TUI_A_DOWN), TUI_TREE_HANDLED);
    assert_int_equal(tui_tree_handle(&t, TUI_A_EXPAND), TUI_TREE_HANDLED);
    assert_int_equal(t.n, 7);
    /* Closing a node while a child is selected moves the selection to it. */
    assert_int_equal(tui_tree_handle(&t, TUI_A_DOWN), TUI_TREE_HANDLED);
    assert_true(tui_tree_selected(&t)->item.id == 111);
    assert_int_equal(tui_tree_handle(&t, TUI_A_COLLAPSE), TUI_TREE_HANDLED); /* 111 is closed: up */
    assert_true(tui_tree_selected(&t)->item.id == 11);
    assert_int_equal(tui_tree_handle(&t, TUI_A_COLLAPSE), TUI_TREE_HANDLED);
    assert_int_equal(t.n, 4);
    tui_tree_free(&t);
}

static void reveal_opens_the_chain(void **state)
{
    (void)state;
    struct tui_tree t;
    setup_tree(&t);
    const char *chain[] = {"k1", "k13", "k132"};
    assert_int_equal(tui_tree_reveal(&t, chain, 3), TUI_TREE_HANDLED);
    assert_true(tui_tree_selected(&t)->item.id == 132);
    assert_int_equal(tui_tree_selected(&t)->depth, 2);
    assert_int_equal(t.n, 7); /* root, 11, 12, 13, 131, 132, 133 */
    const char *missing[] = {"k1", "k13", "k999"};
    assert_int_equal(tui_tree_reveal(&t, missing, 3), TUI_TREE_ERROR);
    tui_tree_free(&t);
}

static void failed_fetch_says_why(void **state)
{
    (void)state;
    struct tui_tree t;
    setup_tree(&t);
    assert_int_equal(tui_tree_expand(&t, 0), TUI_TREE_HANDLED);
    assert_int_equal(tui_tree_expand(&t, 2), TUI_TREE_ERROR); /* id 12 */
    assert_string_equal(t.err, "连接已断开");
    assert_int_equal(t.n, 4);
    assert_false(t.rows[2].expanded);
    tui_tree_free(&t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(expand_fetches_once),
        cmocka_unit_test(keys_move_and_fold),
        cmocka_unit_test(reveal_opens_the_chain),
        cmocka_unit_test(failed_fetch_says_why),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
