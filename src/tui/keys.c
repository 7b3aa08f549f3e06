#include "tui/keys.h"

#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <wchar.h>

#include "tui/width.h"

struct binding {
    struct tui_key key;
    enum tui_action action;
};

/* Default keys first (from the action list), then the aliases that terminals
 * send for the same key, and Ctrl-C, which clerks press to leave a program. */
static const struct binding bindings[] = {
#define TUI_ACTION_BINDING(id, kind, code, label, help) {{kind, code}, TUI_A_##id},
    TUI_ACTIONS(TUI_ACTION_BINDING)
#undef TUI_ACTION_BINDING
        {{TUI_KEY_FN, KEY_ENTER}, TUI_A_OPEN},
    {{TUI_KEY_CHAR, '\r'}, TUI_A_OPEN},
    {{TUI_KEY_CHAR, 'a'}, TUI_A_ADD},
    {{TUI_KEY_CHAR, 'C' - '@'}, TUI_A_QUIT},
};

static const struct tui_action_info infos[] = {{TUI_A_NONE, "NONE", "", ""},
#define TUI_ACTION_INFO(id, kind, code, label, help) {TUI_A_##id, #id, label, help},
                                               TUI_ACTIONS(TUI_ACTION_INFO)
#undef TUI_ACTION_INFO
};

const struct tui_action_info *tui_action_info(enum tui_action a)
{
    if (a <= TUI_A_NONE || a >= TUI_A_COUNT)
        return NULL;
    return &infos[a];
}

enum tui_action tui_key_action(const struct tui_key *k)
{
    for (size_t i = 0; i < sizeof bindings / sizeof bindings[0]; i++)
        if (bindings[i].key.kind == k->kind && bindings[i].key.code == k->code)
            return bindings[i].action;
    return TUI_A_NONE;
}

struct tui_key tui_action_key(enum tui_action a)
{
    for (size_t i = 0; i < sizeof bindings / sizeof bindings[0]; i++)
        if (bindings[i].action == a)
            return bindings[i].key;
    return (struct tui_key){TUI_KEY_CHAR, 0};
}

static const struct {
    int code;
    const char *name;
} fn_names[] = {
    {KEY_UP, "Up"},
    {KEY_DOWN, "Down"},
    {KEY_LEFT, "Left"},
    {KEY_RIGHT, "Right"},
    {KEY_PPAGE, "PgUp"},
    {KEY_NPAGE, "PgDn"},
    {KEY_HOME, "Home"},
    {KEY_END, "End"},
    {KEY_ENTER, "Enter"},
    {KEY_BTAB, "Shift-Tab"},
    {KEY_BACKSPACE, "Backspace"},
    {KEY_DC, "Del"},
    {KEY_IC, "Ins"},
};

const char *tui_key_name(const struct tui_key *k, char *buf, size_t bufsz)
{
    if (bufsz == 0)
        return buf;
    if (k->kind == TUI_KEY_FN) {
        if (k->code >= KEY_F(1) && k->code <= KEY_F(24)) {
            snprintf(buf, bufsz, "F%d", k->code - KEY_F0);
            return buf;
        }
        for (size_t i = 0; i < sizeof fn_names / sizeof fn_names[0]; i++)
            if (fn_names[i].code == k->code) {
                snprintf(buf, bufsz, "%s", fn_names[i].name);
                return buf;
            }
        snprintf(buf, bufsz, "%s", keyname(k->code) ? keyname(k->code) : "?");
        return buf;
    }
    switch (k->code) {
    case '\n':
    case '\r':
        snprintf(buf, bufsz, "Enter");
        return buf;
    case 27:
        snprintf(buf, bufsz, "Esc");
        return buf;
    case '\t':
        snprintf(buf, bufsz, "Tab");
        return buf;
    case ' ':
        snprintf(buf, bufsz, "Space");
        return buf;
    case 127:
    case 8:
        snprintf(buf, bufsz, "Backspace");
        return buf;
    }
    if (k->code > 0 && k->code < 32) {
        snprintf(buf, bufsz, "Ctrl-%c", k->code + '@');
        return buf;
    }
    char mb[MB_LEN_MAX + 1];
    mbstate_t st;
    memset(&st, 0, sizeof st);
    size_t n = wcrtomb(mb, (wchar_t)k->code, &st);
    if (n == (size_t)-1)
        n = 0;
    mb[n] = '\0';
    tui_width_sanitize(buf, bufsz, mb);
    return buf;
}

const char *tui_action_keys(enum tui_action a, char *buf, size_t bufsz)
{
    size_t len = 0;
    if (bufsz == 0)
        return buf;
    buf[0] = '\0';
    for (size_t i = 0; i < sizeof bindings / sizeof bindings[0]; i++) {
        if (bindings[i].action != a)
            continue;
        char name[32];
        tui_key_name(&bindings[i].key, name, sizeof name);
        /* Skip a name already listed (Enter and KEY_ENTER look the same). */
        bool seen = false;
        for (size_t j = 0; j < i; j++) {
            char other[32];
            if (bindings[j].action == a &&
                strcmp(tui_key_name(&bindings[j].key, other, sizeof other), name) == 0)
                seen = true;
        }
        if (seen)
            continue;
        int n = snprintf(buf + len, bufsz - len, "%s%s", len ? " / " : "", name);
        if (n < 0 || (size_t)n >= bufsz - len)
            break;
        len += (size_t)n;
    }
    return buf;
}
