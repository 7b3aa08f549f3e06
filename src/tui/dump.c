#include "tui/dump.h"

#include <curses.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <wchar.h>

/* Line-drawing cells hold a letter of the VT100 alternate character set. */
static wchar_t unalt(wchar_t c)
{
    switch (c) {
    case 'x':
        return 0x2502; /* │ */
    case 'q':
        return 0x2500; /* ─ */
    case 'l':
        return 0x250c;
    case 'k':
        return 0x2510;
    case 'm':
        return 0x2514;
    case 'j':
        return 0x2518;
    case 't':
        return 0x251c;
    case 'u':
        return 0x2524;
    case 'w':
        return 0x252c;
    case 'v':
        return 0x2534;
    case 'n':
        return 0x253c;
    default:
        return c;
    }
}

/* Appends the multibyte form of wc to line; returns the new length. */
static size_t put_wc(char *line, size_t len, size_t cap, wchar_t wc)
{
    char mb[MB_LEN_MAX];
    mbstate_t st;
    memset(&st, 0, sizeof st);
    size_t n = wcrtomb(mb, wc, &st);
    if (n == (size_t)-1) {
        mb[0] = '?';
        n = 1;
    }
    if (len + n >= cap)
        return len;
    memcpy(line + len, mb, n);
    return len + n;
}

int tui_dump_screen(const char *path, char *err, size_t errlen)
{
    FILE *fp = fopen(path, "w");
    if (fp == NULL) {
        snprintf(err, errlen, "无法写入屏幕文件 %s：%s", path, strerror(errno));
        return -1;
    }
    int rows = getmaxy(curscr), cols = getmaxx(curscr);
    for (int y = 0; y < rows; y++) {
        char line[8192];
        size_t len = 0, kept = 0; /* kept: length up to the last non-space */
        for (int x = 0; x < cols;) {
            cchar_t cell;
            wchar_t wch[CCHARW_MAX + 1];
            attr_t attrs = 0;
            short pair = 0;
            if (mvwin_wch(curscr, y, x, &cell) == ERR ||
                getcchar(&cell, wch, &attrs, &pair, NULL) == ERR || wch[0] == L'\0') {
                wch[0] = L' ';
                wch[1] = L'\0';
                attrs = 0;
            }
            if (attrs & A_ALTCHARSET)
                wch[0] = unalt(wch[0]);
            int w = wcwidth(wch[0]);
            for (int i = 0; wch[i] != L'\0' && i < CCHARW_MAX; i++)
                len = put_wc(line, len, sizeof line, wch[i]);
            if (wch[0] != L' ')
                kept = len;
            x += w > 1 ? w : 1; /* the next cell of a wide character repeats it */
        }
        fprintf(fp, "%.*s\n", (int)kept, line);
    }
    if (fclose(fp) != 0) {
        snprintf(err, errlen, "无法写入屏幕文件 %s：%s", path, strerror(errno));
        return -1;
    }
    return 0;
}
