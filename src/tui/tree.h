#ifndef DJ_TUI_TREE_H
#define DJ_TUI_TREE_H
/*
 * A tree widget: rows that open and close, children fetched when a node is
 * first opened (through the caller's fetch function, so a city of 80,000
 * organizations is never loaded whole), kept while it is closed and open
 * again.  The visible rows are one flat array in display order (a node, then
 * its open subtree); opening inserts the children after the node, closing
 * hides them.
 *
 * Keys (actions): Up/Down/PgUp/PgDn/Home/End move; Right or + opens a node
 * (on an open one Right goes to its first child); Left or - closes it (on a
 * closed one Left goes to its parent); Space toggles.  Left on a closed root
 * is ignored, so the loop can take the keyboard back to the menu.
 *
 * The labels are drawn through draw.h (sanitized, cut in display columns).
 */
#include <curses.h>
#include <stdbool.h>
#include <stddef.h>

#include "tui/actions.h"

#define TUI_TREE_LABEL 512

#define TUI_TREE_KEY 64

struct tui_tree_item {
    long long id;
    char key[TUI_TREE_KEY];     /* the caller's stable key (an organization's code) */
    char label[TUI_TREE_LABEL]; /* the text of the row, e.g. "001.001  某某区委" */
    bool has_children;
};

/* Fetches the children of parent, in display order, into *items (malloc'd,
 * freed by the tree).  Returns their number (>= 0), or -1 with a message in
 * err for the status line. */
typedef int (*tui_tree_fetch_fn)(void *ctx, long long parent, struct tui_tree_item **items,
                                 char *err, size_t errlen);

struct tui_tree_row {
    struct tui_tree_item item;
    int depth;     /* 0 for a root */
    bool expanded; /* its children are shown (the rows after it) */
    bool loaded;   /* its children have been fetched */
    /* A closed node's subtree rows, kept for reopening (owned by the row). */
    struct tui_tree_row *kept;
    int kept_n;
};

struct tui_tree {
    struct tui_tree_row *rows; /* the visible rows */
    int n, cap;
    int sel, top;
    int height; /* rows shown at the last draw, for paging */
    tui_tree_fetch_fn fetch;
    void *ctx;
    char err[256]; /* why the last fetch failed */
};

enum tui_tree_result {
    TUI_TREE_IGNORED = 0,
    TUI_TREE_HANDLED,
    TUI_TREE_ERROR, /* a fetch failed: t->err says why */
};

void tui_tree_init(struct tui_tree *t, tui_tree_fetch_fn fetch, void *ctx);
void tui_tree_free(struct tui_tree *t);

/* Replaces everything with these roots (closed).  Returns 0 or -1 (memory). */
int tui_tree_set_roots(struct tui_tree *t, const struct tui_tree_item *items, int n);

/* Opens / closes the visible row i.  Opening fetches on first use. */
enum tui_tree_result tui_tree_expand(struct tui_tree *t, int i);
void tui_tree_collapse(struct tui_tree *t, int i);

/* The visible row with this id, or -1. */
int tui_tree_find(const struct tui_tree *t, long long id);

/* The visible row with this key, or -1. */
int tui_tree_find_key(const struct tui_tree *t, const char *key);

/* Opens the chain of keys (a visible row first, then each child of the one
 * before) and selects the last.  Returns TUI_TREE_HANDLED, or TUI_TREE_ERROR
 * (a fetch failed, or a key was not found among the children). */
enum tui_tree_result tui_tree_reveal(struct tui_tree *t, const char *const *chain, int n);

/* The selected row, or NULL when the tree is empty. */
const struct tui_tree_row *tui_tree_selected(const struct tui_tree *t);

enum tui_tree_result tui_tree_handle(struct tui_tree *t, enum tui_action a);

/* Draws rows [y, y + rows) of the window from column x, cols wide. */
void tui_tree_draw(struct tui_tree *t, WINDOW *w, int y, int x, int rows, int cols, bool focused);

#endif
