/* The tree widget (contract: tree.h). */
#include "tui/tree.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui/draw.h"
#include "tui/theme.h"

#define INDENT 2

void tui_tree_init(struct tui_tree *t, tui_tree_fetch_fn fetch, void *ctx)
{
    memset(t, 0, sizeof *t);
    t->fetch = fetch;
    t->ctx = ctx;
}

static void free_rows(struct tui_tree_row *rows, int n)
{
    for (int i = 0; i < n; i++)
        if (rows[i].kept) {
            free_rows(rows[i].kept, rows[i].kept_n);
            free(rows[i].kept);
        }
}

void tui_tree_free(struct tui_tree *t)
{
    free_rows(t->rows, t->n);
    free(t->rows);
    t->rows = NULL;
    t->n = t->cap = 0;
    t->sel = t->top = 0;
}

static int reserve(struct tui_tree *t, int more)
{
    if (t->n + more <= t->cap)
        return 0;
    int cap = t->cap ? t->cap : 64;
    while (cap < t->n + more)
        cap *= 2;
    struct tui_tree_row *r = realloc(t->rows, (size_t)cap * sizeof *r);
    if (r == NULL)
        return -1;
    t->rows = r;
    t->cap = cap;
    return 0;
}

/* Makes room for k rows after row i (at i + 1). */
static int open_gap(struct tui_tree *t, int i, int k)
{
    if (reserve(t, k) < 0)
        return -1;
    memmove(&t->rows[i + 1 + k], &t->rows[i + 1], (size_t)(t->n - i - 1) * sizeof t->rows[0]);
    t->n += k;
    return 0;
}

int tui_tree_set_roots(struct tui_tree *t, const struct tui_tree_item *items, int n)
{
    tui_tree_free(t);
    if (n > 0 && reserve(t, n) < 0)
        return -1;
    for (int i = 0; i < n; i++)
        t->rows[i] = (struct tui_tree_row){.item = items[i]};
    t->n = n;
    return 0;
}

/* The number of rows below row i that belong to its open subtree. */
static int subtree_rows(const struct tui_tree *t, int i)
{
    int k = 0;
    while (i + 1 + k < t->n && t->rows[i + 1 + k].depth > t->rows[i].depth)
        k++;
    return k;
}

enum tui_tree_result tui_tree_expand(struct tui_tree *t, int i)
{
    if (i < 0 || i >= t->n)
        return TUI_TREE_IGNORED;
    struct tui_tree_row *r = &t->rows[i];
    if (r->expanded || !r->item.has_children)
        return TUI_TREE_HANDLED;
    if (r->kept) {
        struct tui_tree_row *kept = r->kept;
        int k = r->kept_n;
        if (open_gap(t, i, k) < 0) {
            snprintf(t->err, sizeof t->err, "内存不足，无法展开");
            return TUI_TREE_ERROR;
        }
        r = &t->rows[i];
        memcpy(&t->rows[i + 1], kept, (size_t)k * sizeof *kept);
        free(kept);
        r->kept = NULL;
        r->kept_n = 0;
        r->expanded = true;
        return TUI_TREE_HANDLED;
    }
    struct tui_tree_item *items = NULL;
    t->err[0] = '\0';
    int k = t->fetch(t->ctx, r->item.id, &items, t->err, sizeof t->err);
    if (k < 0) {
        free(items);
        if (t->err[0] == '\0')
            snprintf(t->err, sizeof t->err, "无法读取下级组织");
        return TUI_TREE_ERROR;
    }
    if (k > 0 && open_gap(t, i, k) < 0) {
        free(items);
        snprintf(t->err, sizeof t->err, "内存不足，无法展开");
        return TUI_TREE_ERROR;
    }
    r = &t->rows[i];
    for (int j = 0; j < k; j++)
        t->rows[i + 1 + j] = (struct tui_tree_row){.item = items[j], .depth = r->depth + 1};
    free(items);
    r->loaded = true;
    r->expanded = true;
    if (k == 0) /* it had none after all (moved away since the parent was read) */
        r->item.has_children = false;
    return TUI_TREE_HANDLED;
}

void tui_tree_collapse(struct tui_tree *t, int i)
{
    if (i < 0 || i >= t->n || !t->rows[i].expanded)
        return;
    int k = subtree_rows(t, i);
    struct tui_tree_row *kept = k ? malloc((size_t)k * sizeof *kept) : NULL;
    if (k && kept == NULL) {
        /* Without memory to keep them, forget them: reopening fetches again. */
        free_rows(&t->rows[i + 1], k);
        t->rows[i].loaded = false;
    } else if (k) {
        memcpy(kept, &t->rows[i + 1], (size_t)k * sizeof *kept);
    }
    memmove(&t->rows[i + 1], &t->rows[i + 1 + k], (size_t)(t->n - i - 1 - k) * sizeof t->rows[0]);
    t->n -= k;
    t->rows[i].kept = kept;
    t->rows[i].kept_n = kept ? k : 0;
    t->rows[i].expanded = false;
    if (t->sel > i && t->sel <= i + k)
        t->sel = i;
    else if (t->sel > i + k)
        t->sel -= k;
}

int tui_tree_find(const struct tui_tree *t, long long id)
{
    for (int i = 0; i < t->n; i++)
        if (t->rows[i].item.id == id)
            return i;
    return -1;
}

int tui_tree_find_key(const struct tui_tree *t, const char *key)
{
    for (int i = 0; i < t->n; i++)
        if (strcmp(t->rows[i].item.key, key) == 0)
            return i;
    return -1;
}

enum tui_tree_result tui_tree_reveal(struct tui_tree *t, const char *const *chain, int n)
{
    if (n <= 0)
        return TUI_TREE_IGNORED;
    int at = tui_tree_find_key(t, chain[0]);
    for (int c = 1; c < n && at >= 0; c++) {
        enum tui_tree_result r = tui_tree_expand(t, at);
        if (r == TUI_TREE_ERROR)
            return r;
        int k = subtree_rows(t, at), found = -1;
        for (int j = at + 1; j <= at + k; j++)
            if (t->rows[j].depth == t->rows[at].depth + 1 &&
                strcmp(t->rows[j].item.key, chain[c]) == 0) {
                found = j;
                break;
            }
        at = found;
    }
    if (at < 0) {
        snprintf(t->err, sizeof t->err, "该组织不在当前的组织树中");
        return TUI_TREE_ERROR;
    }
    t->sel = at;
    /* Bring it into view with a little context above. */
    if (t->height > 0 && (t->sel < t->top || t->sel >= t->top + t->height))
        t->top = t->sel - t->height / 3;
    return TUI_TREE_HANDLED;
}

const struct tui_tree_row *tui_tree_selected(const struct tui_tree *t)
{
    return t->n > 0 && t->sel >= 0 && t->sel < t->n ? &t->rows[t->sel] : NULL;
}

static void move_sel(struct tui_tree *t, int to)
{
    if (to >= t->n)
        to = t->n - 1;
    if (to < 0)
        to = 0;
    t->sel = to;
}

static int parent_of(const struct tui_tree *t, int i)
{
    for (int j = i - 1; j >= 0; j--)
        if (t->rows[j].depth < t->rows[i].depth)
            return j;
    return -1;
}

enum tui_tree_result tui_tree_handle(struct tui_tree *t, enum tui_action a)
{
    if (t->n == 0)
        return TUI_TREE_IGNORED;
    int page = t->height > 1 ? t->height - 1 : 1;
    struct tui_tree_row *r = &t->rows[t->sel];
    switch (a) {
    case TUI_A_UP:
        move_sel(t, t->sel - 1);
        return TUI_TREE_HANDLED;
    case TUI_A_DOWN:
        move_sel(t, t->sel + 1);
        return TUI_TREE_HANDLED;
    case TUI_A_PAGE_UP:
        move_sel(t, t->sel - page);
        return TUI_TREE_HANDLED;
    case TUI_A_PAGE_DOWN:
        move_sel(t, t->sel + page);
        return TUI_TREE_HANDLED;
    case TUI_A_HOME:
        move_sel(t, 0);
        return TUI_TREE_HANDLED;
    case TUI_A_END:
        move_sel(t, t->n - 1);
        return TUI_TREE_HANDLED;
    case TUI_A_RIGHT:
        if (r->expanded && t->sel + 1 < t->n && t->rows[t->sel + 1].depth > r->depth) {
            move_sel(t, t->sel + 1);
            return TUI_TREE_HANDLED;
        }
        return r->item.has_children ? tui_tree_expand(t, t->sel) : TUI_TREE_HANDLED;
    case TUI_A_EXPAND:
        return tui_tree_expand(t, t->sel);
    case TUI_A_LEFT: {
        if (r->expanded) {
            tui_tree_collapse(t, t->sel);
            return TUI_TREE_HANDLED;
        }
        int p = parent_of(t, t->sel);
        if (p < 0)
            return TUI_TREE_IGNORED;
        move_sel(t, p);
        return TUI_TREE_HANDLED;
    }
    case TUI_A_COLLAPSE:
        if (r->expanded)
            tui_tree_collapse(t, t->sel);
        else if (parent_of(t, t->sel) >= 0)
            move_sel(t, parent_of(t, t->sel));
        return TUI_TREE_HANDLED;
    case TUI_A_TOGGLE:
        if (r->expanded) {
            tui_tree_collapse(t, t->sel);
            return TUI_TREE_HANDLED;
        }
        return tui_tree_expand(t, t->sel);
    default:
        return TUI_TREE_IGNORED;
    }
}

void tui_tree_draw(struct tui_tree *t, WINDOW *w, int y, int x, int rows, int cols, bool focused)
{
    t->height = rows;
    if (t->sel >= t->n)
        t->sel = t->n - 1;
    if (t->sel < 0)
        t->sel = 0;
    if (t->sel < t->top)
        t->top = t->sel;
    if (t->sel >= t->top + rows)
        t->top = t->sel - rows + 1;
    if (t->top > t->n - rows)
        t->top = t->n - rows;
    if (t->top < 0)
        t->top = 0;
    for (int row = 0; row < rows && t->top + row < t->n; row++) {
        int i = t->top + row;
        const struct tui_tree_row *r = &t->rows[i];
        bool sel = i == t->sel;
        enum tui_role role =
            sel ? (focused ? TUI_ROLE_MENU_SEL : TUI_ROLE_MENU_SEL_IDLE) : TUI_ROLE_NORMAL;
        if (sel)
            tui_draw_field(w, y + row, x, cols, role, "");
        /* ">" marks the selection without colour; then the indent, then
         * [+] closed, [-] open, and nothing for a leaf (plain ASCII: the
         * Linux console has no triangles). */
        tui_draw_text(w, y + row, x, 1, role, sel ? ">" : " ");
        int indent = 1 + r->depth * INDENT;
        if (indent > cols / 2)
            indent = cols / 2;
        const char *mark = !r->item.has_children ? "   " : r->expanded ? "[-]" : "[+]";
        tui_draw_text(w, y + row, x + indent, cols - indent, role, mark);
        int lx = indent + 4;
        if (lx < cols)
            tui_draw_text(w, y + row, x + lx, cols - lx, role, r->item.label);
    }
}
