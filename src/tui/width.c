#include "tui/width.h"

#include <string.h>
#include <wchar.h>

/* Characters that must never reach the terminal as they are: they move the
 * cursor, start escape sequences, or reorder the text on screen. */
static bool unsafe_char(wchar_t wc)
{
    if (wc < 0x20 || wc == 0x7f || (wc >= 0x80 && wc <= 0x9f))
        return true;
    if ((wc >= 0x202a && wc <= 0x202e) || (wc >= 0x2066 && wc <= 0x2069))
        return true;
    return false;
}

size_t tui_width_next(const char *s, size_t len, wchar_t *wc, int *cols)
{
    if (s == NULL || len == 0 || *s == '\0')
        return 0;
    mbstate_t st;
    memset(&st, 0, sizeof st);
    wchar_t c;
    size_t n = mbrtowc(&c, s, len, &st);
    if (n == (size_t)-1 || n == (size_t)-2 || n == 0) {
        /* Not UTF-8 (or cut short): replace one byte and resynchronise. */
        *wc = L'?';
        *cols = 1;
        return 1;
    }
    int w = unsafe_char(c) ? -1 : wcwidth(c);
    if (w < 0) {
        *wc = L'?';
        *cols = 1;
        return n;
    }
    *wc = c;
    *cols = w;
    return n;
}

int tui_width_n(const char *s, size_t len)
{
    int total = 0;
    wchar_t wc;
    int w;
    size_t n;
    while ((n = tui_width_next(s, len, &wc, &w)) > 0) {
        total += w;
        s += n;
        len -= n;
    }
    return total;
}

int tui_width(const char *s)
{
    return s ? tui_width_n(s, strlen(s)) : 0;
}

/* A bounded output buffer that always keeps room for the NUL. */
struct out {
    char *p;
    size_t size;
    size_t len;
};

static bool out_put(struct out *o, const char *bytes, size_t n)
{
    if (o->size == 0 || o->len + n + 1 > o->size)
        return false;
    memcpy(o->p + o->len, bytes, n);
    o->len += n;
    o->p[o->len] = '\0';
    return true;
}

static void out_init(struct out *o, char *dst, size_t dstsz)
{
    o->p = dst;
    o->size = dstsz;
    o->len = 0;
    if (dstsz > 0)
        dst[0] = '\0';
}

/* Writes one decoded character: its own bytes, or '?' if it was replaced. */
static bool out_char(struct out *o, const char *src, size_t n, wchar_t wc)
{
    if (wc == L'?' && !(n == 1 && *src == '?'))
        return out_put(o, "?", 1);
    return out_put(o, src, n);
}

/* Copies characters of s while they fit in limit columns; returns the width. */
static int copy_cols(struct out *o, const char *s, size_t len, int limit)
{
    int width = 0;
    wchar_t wc;
    int w;
    size_t n;
    while ((n = tui_width_next(s, len, &wc, &w)) > 0) {
        if (width + w > limit)
            break;
        if (!out_char(o, s, n, wc))
            break;
        width += w;
        s += n;
        len -= n;
    }
    return width;
}

int tui_width_truncate(char *dst, size_t dstsz, const char *s, int cols, bool mark)
{
    struct out o;
    out_init(&o, dst, dstsz);
    if (s == NULL || cols <= 0)
        return 0;
    size_t len = strlen(s);
    if (tui_width_n(s, len) <= cols)
        return copy_cols(&o, s, len, cols);
    if (!mark)
        return copy_cols(&o, s, len, cols);
    int w = copy_cols(&o, s, len, cols - 1);
    if (out_put(&o, TUI_WIDTH_ELLIPSIS, sizeof TUI_WIDTH_ELLIPSIS - 1))
        w += 1;
    return w;
}

int tui_width_pad(char *dst, size_t dstsz, const char *s, int cols, bool mark)
{
    int w = tui_width_truncate(dst, dstsz, s, cols, mark);
    struct out o = {dst, dstsz, dstsz > 0 ? strlen(dst) : 0};
    while (w < cols && out_put(&o, " ", 1))
        w++;
    return w;
}

size_t tui_width_sanitize(char *dst, size_t dstsz, const char *s)
{
    struct out o;
    out_init(&o, dst, dstsz);
    if (s == NULL)
        return 0;
    size_t len = strlen(s);
    wchar_t wc;
    int w;
    size_t n;
    while ((n = tui_width_next(s, len, &wc, &w)) > 0) {
        if (!out_char(&o, s, n, wc))
            break;
        s += n;
        len -= n;
    }
    return o.len;
}
