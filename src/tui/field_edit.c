#include "tui/field_edit.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "tui/width.h"

static bool grow_bytes(struct tui_edit *e, size_t need)
{
    if (need + 1 <= e->cap)
        return true;
    size_t cap = e->cap ? e->cap : 32;
    while (cap < need + 1)
        cap *= 2;
    char *p = realloc(e->buf, cap);
    if (p == NULL)
        return false;
    e->buf = p;
    e->cap = cap;
    return true;
}

static bool grow_chars(struct tui_edit *e, int need)
{
    if (need + 1 <= e->ncap)
        return true;
    int cap = e->ncap ? e->ncap : 16;
    while (cap < need + 1)
        cap *= 2;
    int *off = realloc(e->off, (size_t)cap * sizeof *off);
    if (off == NULL)
        return false;
    e->off = off;
    int *col = realloc(e->col, (size_t)cap * sizeof *col);
    if (col == NULL)
        return false;
    e->col = col;
    e->ncap = cap;
    return true;
}

/* Width of the character at byte offset o, as it will be drawn. */
static int char_at(const struct tui_edit *e, size_t o, size_t *bytes)
{
    if (e->buf[o] == '\n') {
        *bytes = 1;
        return 0;
    }
    wchar_t wc;
    int w;
    *bytes = tui_width_next(e->buf + o, e->len - o, &wc, &w);
    return w;
}

/* Rebuilds off[] and col[] from the text.  The text only ever holds what
 * insert and set let in, so every character decodes the same way again. */
static bool reindex(struct tui_edit *e)
{
    int n = 0, c = 0;
    size_t o = 0;
    while (o < e->len) {
        if (!grow_chars(e, n + 1))
            return false;
        size_t bytes;
        int w = char_at(e, o, &bytes);
        e->off[n] = (int)o;
        e->col[n] = c;
        n++;
        c += w;
        o += bytes;
    }
    if (!grow_chars(e, n))
        return false;
    e->off[n] = (int)e->len;
    e->col[n] = c;
    e->n = n;
    if (e->cur > n)
        e->cur = n;
    if (e->scroll > n)
        e->scroll = n;
    return true;
}

int tui_edit_init(struct tui_edit *e, int max_chars, bool multiline)
{
    memset(e, 0, sizeof *e);
    e->max_chars = max_chars > 0 ? max_chars : 0;
    e->multiline = multiline;
    if (!grow_bytes(e, 0) || !grow_chars(e, 0))
        return -1;
    e->buf[0] = '\0';
    e->off[0] = 0;
    e->col[0] = 0;
    return 0;
}

void tui_edit_free(struct tui_edit *e)
{
    free(e->buf);
    free(e->off);
    free(e->col);
    memset(e, 0, sizeof *e);
}

/* Characters that never go into a field: controls, and what wcwidth cannot
 * draw.  A multi-line field takes line feeds. */
static bool refused_char(const struct tui_edit *e, wchar_t wc)
{
    if (wc == L'\n')
        return !e->multiline;
    if (wc < 0x20 || wc == 0x7f || (wc >= 0x80 && wc <= 0x9f))
        return true;
    if ((wc >= 0x202a && wc <= 0x202e) || (wc >= 0x2066 && wc <= 0x2069))
        return true;
    return wcwidth(wc) < 0;
}

static bool full(const struct tui_edit *e)
{
    return e->max_chars > 0 && e->n >= e->max_chars;
}

/* Inserts bytes (one whole character) at the cursor; no reindex. */
static bool put_bytes(struct tui_edit *e, const char *mb, size_t len)
{
    if (!grow_bytes(e, e->len + len))
        return false;
    size_t at = (size_t)e->off[e->cur];
    memmove(e->buf + at + len, e->buf + at, e->len - at + 1);
    memcpy(e->buf + at, mb, len);
    e->len += len;
    return true;
}

enum tui_edit_result tui_edit_insert(struct tui_edit *e, wchar_t wc)
{
    if (refused_char(e, wc))
        return TUI_EDIT_REFUSED;
    if (full(e))
        return TUI_EDIT_FULL;
    char mb[MB_LEN_MAX];
    mbstate_t st;
    memset(&st, 0, sizeof st);
    size_t len = wcrtomb(mb, wc, &st);
    if (len == (size_t)-1)
        return TUI_EDIT_REFUSED;
    int cur = e->cur;
    if (!put_bytes(e, mb, len) || !reindex(e))
        return TUI_EDIT_REFUSED;
    e->cur = cur + 1;
    e->changed = true;
    return TUI_EDIT_CHANGED;
}

/* Removes character i. */
static enum tui_edit_result remove_char(struct tui_edit *e, int i)
{
    if (i < 0 || i >= e->n)
        return TUI_EDIT_MOVED;
    size_t a = (size_t)e->off[i], b = (size_t)e->off[i + 1];
    memmove(e->buf + a, e->buf + b, e->len - b + 1);
    e->len -= b - a;
    if (!reindex(e))
        return TUI_EDIT_REFUSED; /* cannot happen: the text only shrank */
    e->changed = true;
    return TUI_EDIT_CHANGED;
}

enum tui_edit_result tui_edit_backspace(struct tui_edit *e)
{
    if (e->cur == 0)
        return TUI_EDIT_MOVED;
    e->cur--;
    return remove_char(e, e->cur);
}

enum tui_edit_result tui_edit_delete(struct tui_edit *e)
{
    return remove_char(e, e->cur);
}

enum tui_edit_result tui_edit_clear(struct tui_edit *e)
{
    if (e->len == 0)
        return TUI_EDIT_MOVED;
    e->len = 0;
    e->buf[0] = '\0';
    e->cur = e->scroll = e->top = 0;
    reindex(e);
    e->changed = true;
    return TUI_EDIT_CHANGED;
}

enum tui_edit_result tui_edit_move_to(struct tui_edit *e, int i)
{
    e->cur = i < 0 ? 0 : i > e->n ? e->n : i;
    return TUI_EDIT_MOVED;
}

int tui_edit_set(struct tui_edit *e, const char *s)
{
    e->len = 0;
    e->buf[0] = '\0';
    e->cur = e->scroll = e->top = e->n = 0;
    size_t len = s ? strlen(s) : 0;
    int chars = 0;
    while (len > 0 && (e->max_chars == 0 || chars < e->max_chars)) {
        size_t used;
        const char *bytes;
        size_t nbytes;
        if (*s == '\r' && e->multiline && len > 1 && s[1] == '\n') {
            s++, len--; /* CR LF is stored as LF, as text.h does */
            continue;
        }
        if (*s == '\n' && e->multiline) {
            used = nbytes = 1;
            bytes = s;
        } else {
            wchar_t wc;
            int w;
            used = tui_width_next(s, len, &wc, &w);
            /* A replaced character (control, invalid byte) is stored as '?'. */
            bool replaced = wc == L'?' && !(used == 1 && *s == '?');
            bytes = replaced ? "?" : s;
            nbytes = replaced ? 1 : used;
        }
        if (!grow_bytes(e, e->len + nbytes))
            return -1;
        memcpy(e->buf + e->len, bytes, nbytes);
        e->len += nbytes;
        e->buf[e->len] = '\0';
        s += used;
        len -= used;
        chars++;
    }
    if (!reindex(e))
        return -1;
    e->cur = e->n;
    e->changed = false;
    return 0;
}

bool tui_edit_is_text_key(const struct tui_key *k)
{
    return k && k->kind == TUI_KEY_CHAR && k->code >= 0x20 && k->code != 0x7f &&
           !(k->code >= 0x80 && k->code <= 0x9f);
}

enum tui_edit_result tui_edit_key(struct tui_edit *e, enum tui_action a, const struct tui_key *k)
{
    if (tui_edit_is_text_key(k))
        return tui_edit_insert(e, (wchar_t)k->code);
    if (k && k->kind == TUI_KEY_CHAR) {
        switch (k->code) {
        case '\n':
        case '\r':
            return e->multiline ? tui_edit_insert(e, L'\n') : TUI_EDIT_IGNORED;
        case 0x7f: /* what most terminals send for Backspace */
        case 'H' - '@':
            return tui_edit_backspace(e);
        }
    }
    switch (a) {
    case TUI_A_ERASE:
        return tui_edit_backspace(e);
    case TUI_A_DEL_CHAR:
        return tui_edit_delete(e);
    case TUI_A_CLEAR_FIELD:
        return tui_edit_clear(e);
    case TUI_A_LEFT:
        return e->cur > 0 ? tui_edit_move_to(e, e->cur - 1) : TUI_EDIT_MOVED;
    case TUI_A_RIGHT:
        return e->cur < e->n ? tui_edit_move_to(e, e->cur + 1) : TUI_EDIT_MOVED;
    case TUI_A_HOME:
        return tui_edit_move_to(e, 0);
    case TUI_A_END:
        return tui_edit_move_to(e, e->n);
    default:
        return TUI_EDIT_IGNORED;
    }
}

/* Columns taken by character i, 1 for the cell after the end. */
static int cell_width(const struct tui_edit *e, int i)
{
    if (i >= e->n)
        return 1;
    int w = e->col[i + 1] - e->col[i];
    return w > 0 ? w : 1;
}

/* Copies characters [from, to) into out and pads to width columns. */
static void put_span(const struct tui_edit *e, int from, int to, int width, char *out, size_t outsz)
{
    if (outsz == 0)
        return;
    size_t o = 0;
    int used = 0;
    for (int i = from; i < to; i++) {
        int w = e->col[i + 1] - e->col[i];
        size_t nb = (size_t)(e->off[i + 1] - e->off[i]);
        if (e->buf[e->off[i]] == '\n')
            continue;
        if (used + w > width || o + nb + 1 > outsz)
            break;
        memcpy(out + o, e->buf + e->off[i], nb);
        o += nb;
        used += w;
    }
    while (used < width && o + 2 <= outsz) {
        out[o++] = ' ';
        used++;
    }
    out[o] = '\0';
}

int tui_edit_view(struct tui_edit *e, int width, char *out, size_t outsz, int *cursor_x,
                  int *cursor_w)
{
    if (width < 1)
        width = 1;
    if (e->scroll > e->cur)
        e->scroll = e->cur;
    /* The cursor's whole cell must fit: move the left edge right as needed. */
    while (e->scroll < e->cur && e->col[e->cur] + cell_width(e, e->cur) - e->col[e->scroll] > width)
        e->scroll++;
    /* After deleting, show as much text as fits left of the cursor again. */
    int right = e->col[e->n] + (e->cur == e->n ? 1 : 0);
    while (e->scroll > 0 && right - e->col[e->scroll - 1] <= width)
        e->scroll--;
    put_span(e, e->scroll, e->n, width, out, outsz);
    if (cursor_x)
        *cursor_x = e->col[e->cur] - e->col[e->scroll];
    if (cursor_w)
        *cursor_w = cell_width(e, e->cur);
    return e->scroll;
}

static void add_start(int *starts, int max, int *count, int i)
{
    if (*count < max)
        starts[*count] = i;
    (*count)++;
}

int tui_edit_wrap(const struct tui_edit *e, int width, int *starts, int max)
{
    if (width < 1)
        width = 1;
    int count = 0, x = 0;
    add_start(starts, max, &count, 0);
    for (int i = 0; i < e->n; i++) {
        if (e->buf[e->off[i]] == '\n') {
            add_start(starts, max, &count, i + 1);
            x = 0;
            continue;
        }
        int w = e->col[i + 1] - e->col[i];
        if (x + w > width && x > 0) {
            add_start(starts, max, &count, i);
            x = 0;
        }
        x += w;
    }
    /* A full last line leaves no cell for the cursor at the end: open one. */
    if (x >= width)
        add_start(starts, max, &count, e->n);
    return count;
}

int tui_edit_view_lines(struct tui_edit *e, int width, int rows, char *lines, size_t linesz,
                        int *cursor_y, int *cursor_x)
{
    if (rows < 1)
        rows = 1;
    int total = tui_edit_wrap(e, width, NULL, 0);
    int *starts = malloc((size_t)total * sizeof *starts);
    if (starts == NULL)
        return 0;
    tui_edit_wrap(e, width, starts, total);
    int cl = 0; /* the cursor's line: the last one starting at or before it */
    for (int l = 0; l < total; l++)
        if (starts[l] <= e->cur)
            cl = l;
    if (e->top > cl)
        e->top = cl;
    if (cl >= e->top + rows)
        e->top = cl - rows + 1;
    if (e->top > total - rows)
        e->top = total - rows > 0 ? total - rows : 0;
    for (int r = 0; r < rows; r++) {
        int l = e->top + r;
        char *out = lines + (size_t)r * linesz;
        if (l < total)
            put_span(e, starts[l], l + 1 < total ? starts[l + 1] : e->n, width, out, linesz);
        else
            put_span(e, 0, 0, width, out, linesz);
    }
    if (cursor_y)
        *cursor_y = cl - e->top;
    if (cursor_x)
        *cursor_x = e->col[e->cur] - e->col[starts[cl]];
    free(starts);
    return total;
}
