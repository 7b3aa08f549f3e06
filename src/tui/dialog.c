#include "tui/dialog.h"

#include <stdio.h>
#include <string.h>
#include <wchar.h>

#include "tui/draw.h"
#include "tui/width.h"

#define PAD       2  /* columns between the border and the text */
#define MIN_INNER 20 /* the narrowest text area */
#define MAX_LINES 32

void tui_dialog_confirm(struct tui_dialog *d, int tag, const char *title, const char *text)
{
    d->kind = TUI_DIALOG_CONFIRM;
    d->tag = tag;
    d->button = 0;
    snprintf(d->title, sizeof d->title, "%s", title ? title : "请确认");
    snprintf(d->text, sizeof d->text, "%s", text ? text : "");
}

void tui_dialog_message(struct tui_dialog *d, enum tui_dialog_kind kind, const char *text)
{
    d->kind = kind == TUI_DIALOG_ERROR ? TUI_DIALOG_ERROR : TUI_DIALOG_SUCCESS;
    d->tag = 0;
    d->button = 0;
    snprintf(d->title, sizeof d->title, "%s", kind == TUI_DIALOG_ERROR ? "错误" : "提示");
    snprintf(d->text, sizeof d->text, "%s", text ? text : "");
}

void tui_dialog_close(struct tui_dialog *d)
{
    d->kind = TUI_DIALOG_NONE;
}

enum tui_dialog_answer tui_dialog_handle(struct tui_dialog *d, enum tui_action a,
                                         const struct tui_key *k)
{
    (void)k;
    if (d->kind == TUI_DIALOG_NONE)
        return TUI_DIALOG_PASS;
    if (a == TUI_A_HELP || a == TUI_A_QUIT || a == TUI_A_REDRAW)
        return TUI_DIALOG_PASS;
    bool confirm = d->kind == TUI_DIALOG_CONFIRM;
    switch (a) {
    case TUI_A_OPEN:
    case TUI_A_SAVE: {
        enum tui_dialog_answer ans =
            confirm && d->button == 1 && a == TUI_A_OPEN ? TUI_DIALOG_CANCEL : TUI_DIALOG_OK;
        d->kind = TUI_DIALOG_NONE;
        return ans;
    }
    case TUI_A_BACK:
        d->kind = TUI_DIALOG_NONE;
        return confirm ? TUI_DIALOG_CANCEL : TUI_DIALOG_OK;
    case TUI_A_LEFT:
    case TUI_A_RIGHT:
    case TUI_A_FOCUS:
    case TUI_A_PREV_FIELD:
        if (confirm)
            d->button = !d->button;
        return TUI_DIALOG_PENDING;
    default:
        return TUI_DIALOG_PENDING; /* modal: nothing reaches the screen below */
    }
}

/* Characters that must not begin a line (Chinese typesetting's 避头点). */
static bool no_line_start(wchar_t c)
{
    static const wchar_t set[] = L"，。！？、；：）》」』】〉”’…,.!?;:)]}%";
    return c != 0 && wcschr(set, c) != NULL;
}

static bool ascii_word(wchar_t c)
{
    return c < 0x80 && c > ' ';
}

static void emit(const char *text, size_t start, size_t end, struct tui_wrap_line *lines, int max,
                 int *n)
{
    while (end > start && text[end - 1] == ' ')
        end--;
    if (*n < max) {
        lines[*n].start = start;
        lines[*n].len = end - start;
        lines[*n].cols = tui_width_n(text + start, end - start);
    }
    (*n)++;
}

int tui_wrap(const char *text, int cols, struct tui_wrap_line *lines, int max)
{
    int n = 0;
    if (text == NULL)
        text = "";
    size_t len = strlen(text), pos = 0, line_start = 0, prev = 0, word = 0;
    int line_w = 0;
    bool have_word = false;
    wchar_t prev_c = 0;
    while (pos < len) {
        if (text[pos] == '\n') {
            emit(text, line_start, pos, lines, max, &n);
            line_start = ++pos;
            line_w = 0;
            have_word = false;
            prev_c = 0;
            continue;
        }
        wchar_t c;
        int w;
        size_t nb = tui_width_next(text + pos, len - pos, &c, &w);
        if (line_w + w > cols && line_w > 0 && c != ' ') {
            size_t brk = pos;
            if (ascii_word(c) && ascii_word(prev_c) && have_word && word > line_start)
                brk = word; /* move the whole English word down */
            else if (no_line_start(c) && prev > line_start)
                brk = prev; /* take the character before along with the mark */
            emit(text, line_start, brk, lines, max, &n);
            pos = brk;
            while (pos < len && text[pos] == ' ')
                pos++;
            line_start = pos;
            line_w = 0;
            have_word = false;
            prev_c = 0;
            continue;
        }
        if (c == ' ') {
            word = pos + nb;
            have_word = true;
        } else if (!ascii_word(c)) {
            /* After a Chinese character a word may start anywhere. */
            word = pos + nb;
            have_word = true;
        }
        prev = pos;
        prev_c = c;
        line_w += w;
        pos += nb;
    }
    if (line_start < len || n == 0)
        emit(text, line_start, len, lines, max, &n);
    return n;
}

static enum tui_role body_role(const struct tui_dialog *d)
{
    switch (d->kind) {
    case TUI_DIALOG_SUCCESS:
        return TUI_ROLE_SUCCESS;
    case TUI_DIALOG_ERROR:
        return TUI_ROLE_ERROR;
    default:
        return TUI_ROLE_NORMAL;
    }
}

static void button_label(enum tui_action a, const char *word, char *buf, size_t bufsz)
{
    char key[16];
    struct tui_key k = tui_action_key(a);
    snprintf(buf, bufsz, "%s(%s)", word, tui_key_name(&k, key, sizeof key));
}

static void frame(WINDOW *win, int y, int x, int h, int w, enum tui_role role)
{
    attr_t old;
    short pair;
    wattr_get(win, &old, &pair, NULL);
    wattrset(win, (int)tui_role_attr(role));
    mvwaddch(win, y, x, ACS_ULCORNER);
    mvwhline(win, y, x + 1, ACS_HLINE, w - 2);
    mvwaddch(win, y, x + w - 1, ACS_URCORNER);
    mvwvline(win, y + 1, x, ACS_VLINE, h - 2);
    mvwvline(win, y + 1, x + w - 1, ACS_VLINE, h - 2);
    mvwaddch(win, y + h - 1, x, ACS_LLCORNER);
    mvwhline(win, y + h - 1, x + 1, ACS_HLINE, w - 2);
    mvwaddch(win, y + h - 1, x + w - 1, ACS_LRCORNER);
    wattr_set(win, old, pair, NULL);
}

void tui_dialog_draw(const struct tui_dialog *d, WINDOW *win)
{
    if (d->kind == TUI_DIALOG_NONE)
        return;
    int maxy = getmaxy(win), maxx = getmaxx(win);
    enum tui_role role = body_role(d);
    bool confirm = d->kind == TUI_DIALOG_CONFIRM;
    char ok[32], cancel[32];
    button_label(TUI_A_OPEN, "确定", ok, sizeof ok);
    button_label(TUI_A_BACK, "取消", cancel, sizeof cancel);
    /* "[确定(Enter)]  取消(Esc) ": the chosen button in brackets. */
    int buttons_w = tui_width(ok) + 2 + (confirm ? 2 + tui_width(cancel) + 2 : 0);

    /* As wide as the longest line of the text, within the window. */
    struct tui_wrap_line lines[MAX_LINES];
    int widest = 0, nat = tui_wrap(d->text, 1 << 20, lines, MAX_LINES);
    for (int i = 0; i < nat && i < MAX_LINES; i++)
        if (lines[i].cols > widest)
            widest = lines[i].cols;
    int inner = widest;
    if (inner < buttons_w)
        inner = buttons_w;
    if (inner < tui_width(d->title) + 4)
        inner = tui_width(d->title) + 4;
    if (inner < MIN_INNER)
        inner = MIN_INNER;
    if (inner > maxx - 2 - 2 * PAD)
        inner = maxx - 2 - 2 * PAD;
    if (inner < 1)
        return;
    int n = tui_wrap(d->text, inner, lines, MAX_LINES);
    if (n > MAX_LINES)
        n = MAX_LINES;
    if (n > maxy - 5)
        n = maxy - 5 > 0 ? maxy - 5 : 0;
    int h = n + 5, w = inner + 2 + 2 * PAD;
    int y0 = (maxy - h) / 2, x0 = (maxx - w) / 2;
    if (y0 < 0)
        y0 = 0;
    if (x0 < 0)
        x0 = 0;

    for (int r = 0; r < h; r++)
        tui_draw_field(win, y0 + r, x0, w, role, "");
    frame(win, y0, x0, h, w, confirm ? TUI_ROLE_BORDER : role);
    char title[80];
    snprintf(title, sizeof title, " %s ", d->title);
    tui_draw_text(win, y0, x0 + 2, w - 4, confirm ? TUI_ROLE_HEADING : role, title);
    for (int i = 0; i < n; i++) {
        char buf[sizeof d->text];
        size_t len = lines[i].len < sizeof buf - 1 ? lines[i].len : sizeof buf - 1;
        memcpy(buf, d->text + lines[i].start, len);
        buf[len] = '\0';
        /* A short message sits in the middle; a long one is left-aligned. */
        int x = n == 1 ? x0 + (w - lines[i].cols) / 2 : x0 + 1 + PAD;
        tui_draw_text(win, y0 + 2 + i, x, inner, role, buf);
    }
    int by = y0 + h - 2, bx = x0 + (w - buttons_w) / 2;
    enum tui_role on = confirm ? TUI_ROLE_KEY : role;
    char b[48];
    snprintf(b, sizeof b, d->button == 0 ? "[%s]" : " %s ", ok);
    bx += tui_draw_text(win, by, bx, w, d->button == 0 ? on : role, b);
    if (confirm) {
        bx += 2;
        snprintf(b, sizeof b, d->button == 1 ? "[%s]" : " %s ", cancel);
        tui_draw_text(win, by, bx, w, d->button == 1 ? on : role, b);
    }
}
