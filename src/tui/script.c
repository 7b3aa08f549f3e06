#include "tui/script.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <wchar.h>

struct tui_script {
    FILE *fp;
    char path[512];
    unsigned lineno;
    char *line;
    size_t cap;
    const char *pos; /* keys of the current line not yet returned; NULL: read a line */
};

static const struct {
    const char *name;
    struct tui_key key;
} key_names[] = {
    {"Enter", {TUI_KEY_CHAR, '\n'}},   {"Esc", {TUI_KEY_CHAR, 27}},
    {"Tab", {TUI_KEY_CHAR, '\t'}},     {"BTab", {TUI_KEY_FN, KEY_BTAB}},
    {"Space", {TUI_KEY_CHAR, ' '}},    {"Backspace", {TUI_KEY_FN, KEY_BACKSPACE}},
    {"Del", {TUI_KEY_FN, KEY_DC}},     {"Ins", {TUI_KEY_FN, KEY_IC}},
    {"Up", {TUI_KEY_FN, KEY_UP}},      {"Down", {TUI_KEY_FN, KEY_DOWN}},
    {"Left", {TUI_KEY_FN, KEY_LEFT}},  {"Right", {TUI_KEY_FN, KEY_RIGHT}},
    {"PgUp", {TUI_KEY_FN, KEY_PPAGE}}, {"PgDn", {TUI_KEY_FN, KEY_NPAGE}},
    {"Home", {TUI_KEY_FN, KEY_HOME}},  {"End", {TUI_KEY_FN, KEY_END}},
    {"Lt", {TUI_KEY_CHAR, '<'}},       {"Colon", {TUI_KEY_CHAR, ':'}},
    {"Hash", {TUI_KEY_CHAR, '#'}},
};

struct tui_script *tui_script_open(const char *path, char *err, size_t errlen)
{
    struct tui_script *sc = calloc(1, sizeof *sc);
    if (sc == NULL) {
        snprintf(err, errlen, "内存不足 (out of memory)");
        return NULL;
    }
    sc->fp = fopen(path, "r");
    if (sc->fp == NULL) {
        snprintf(err, errlen, "无法打开脚本文件 %s：%s", path, strerror(errno));
        free(sc);
        return NULL;
    }
    snprintf(sc->path, sizeof sc->path, "%s", path);
    return sc;
}

void tui_script_close(struct tui_script *sc)
{
    if (sc == NULL)
        return;
    if (sc->fp)
        fclose(sc->fp);
    free(sc->line);
    free(sc);
}

int tui_script_parse_size(const char *s, int *cols, int *rows)
{
    char *end;
    errno = 0;
    long c = strtol(s, &end, 10);
    if (end == s || (*end != 'x' && *end != 'X') || errno)
        return -1;
    const char *r_start = end + 1;
    long r = strtol(r_start, &end, 10);
    if (end == r_start || *end != '\0' || errno || c < 1 || c > 9999 || r < 1 || r > 9999)
        return -1;
    *cols = (int)c;
    *rows = (int)r;
    return 0;
}

static void fail(struct tui_script *sc, struct tui_event *ev, const char *what, const char *detail)
{
    ev->kind = TUI_EV_ERROR;
    snprintf(ev->error, sizeof ev->error, "脚本 %.300s 第 %u 行：%s%s%.200s", sc->path, sc->lineno,
             what, detail ? "：" : "", detail ? detail : "");
    sc->pos = NULL;
}

/* Parses the <Name> at p (p points at '<'); returns the bytes used or 0. */
static size_t parse_named_key(const char *p, struct tui_key *k)
{
    const char *close = strchr(p, '>');
    if (close == NULL)
        return 0;
    size_t len = (size_t)(close - p - 1);
    char name[32];
    if (len == 0 || len >= sizeof name)
        return 0;
    memcpy(name, p + 1, len);
    name[len] = '\0';
    for (size_t i = 0; i < sizeof key_names / sizeof key_names[0]; i++)
        if (strcasecmp(name, key_names[i].name) == 0) {
            *k = key_names[i].key;
            return len + 2;
        }
    if ((name[0] == 'F' || name[0] == 'f') && isdigit((unsigned char)name[1])) {
        char *end;
        long n = strtol(name + 1, &end, 10);
        if (*end == '\0' && n >= 1 && n <= 24) {
            *k = (struct tui_key){TUI_KEY_FN, KEY_F((int)n)};
            return len + 2;
        }
    }
    if (len == 3 && (name[0] == 'C' || name[0] == 'c') && name[1] == '-' &&
        isalpha((unsigned char)name[2])) {
        *k = (struct tui_key){TUI_KEY_CHAR, toupper((unsigned char)name[2]) - '@'};
        return len + 2;
    }
    return 0;
}

/* The next key of the current line, if any. */
static bool next_key(struct tui_script *sc, struct tui_event *ev)
{
    const char *p = sc->pos;
    if (p == NULL || *p == '\0') {
        sc->pos = NULL;
        return false;
    }
    if (*p == '<') {
        size_t n = parse_named_key(p, &ev->key);
        if (n == 0) {
            char name[48];
            snprintf(name, sizeof name, "%.40s", p);
            char *gt = strchr(name, '>');
            if (gt)
                gt[1] = '\0';
            fail(sc, ev, "无法识别的按键 (unknown key)", name);
            return true;
        }
        ev->kind = TUI_EV_KEY;
        sc->pos = p + n;
        return true;
    }
    mbstate_t st;
    memset(&st, 0, sizeof st);
    wchar_t wc;
    size_t n = mbrtowc(&wc, p, strlen(p), &st);
    if (n == (size_t)-1 || n == (size_t)-2 || n == 0) {
        fail(sc, ev, "不是有效的 UTF-8 (invalid UTF-8)", NULL);
        return true;
    }
    ev->kind = TUI_EV_KEY;
    ev->key = (struct tui_key){TUI_KEY_CHAR, (int)wc};
    sc->pos = p + n;
    return true;
}

static void command(struct tui_script *sc, char *line, struct tui_event *ev)
{
    char *arg = line + strcspn(line, " \t");
    if (*arg) {
        *arg++ = '\0';
        arg += strspn(arg, " \t");
    }
    if (strcmp(line, ":save-screen") == 0) {
        if (*arg == '\0') {
            fail(sc, ev, ":save-screen 需要文件名 (needs a path)", NULL);
            return;
        }
        ev->kind = TUI_EV_SAVE_SCREEN;
        snprintf(ev->path, sizeof ev->path, "%s", arg);
    } else if (strcmp(line, ":save-stats") == 0) {
        if (*arg == '\0') {
            fail(sc, ev, ":save-stats 需要文件名 (needs a path)", NULL);
            return;
        }
        ev->kind = TUI_EV_SAVE_STATS;
        snprintf(ev->path, sizeof ev->path, "%s", arg);
    } else if (strcmp(line, ":resize") == 0) {
        if (tui_script_parse_size(arg, &ev->cols, &ev->rows) < 0) {
            fail(sc, ev, ":resize 需要 宽x高，例如 80x24 (needs COLSxROWS)", arg);
            return;
        }
        ev->kind = TUI_EV_SET_SIZE;
    } else if (strcmp(line, ":wait") == 0) {
        ev->kind = TUI_EV_WAIT;
    } else {
        fail(sc, ev, "无法识别的命令 (unknown command)", line);
    }
}

void tui_script_next(struct tui_script *sc, struct tui_event *ev)
{
    memset(ev, 0, sizeof *ev);
    for (;;) {
        if (next_key(sc, ev))
            return;
        ssize_t n = getline(&sc->line, &sc->cap, sc->fp);
        if (n < 0) {
            ev->kind = TUI_EV_END;
            return;
        }
        sc->lineno++;
        while (n > 0 && (sc->line[n - 1] == '\n' || sc->line[n - 1] == '\r'))
            sc->line[--n] = '\0';
        if (n == 0 || sc->line[0] == '#')
            continue;
        if (sc->line[0] == ':') {
            /* Trailing blanks are not part of a path. */
            while (n > 0 && (sc->line[n - 1] == ' ' || sc->line[n - 1] == '\t'))
                sc->line[--n] = '\0';
            command(sc, sc->line, ev);
            return;
        }
        sc->pos = sc->line;
    }
}
