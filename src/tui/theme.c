#include "tui/theme.h"

#include <stdlib.h>

struct scheme_entry {
    short fg, bg; /* -1: the terminal's default */
    attr_t color_attr;
    attr_t mono_attr;
};

/* Party red for the title, the manual's blue for success, red for errors. */
static const struct scheme_entry scheme[TUI_ROLE_COUNT] = {
    [TUI_ROLE_NORMAL] = {-1, -1, A_NORMAL, A_NORMAL},
    [TUI_ROLE_TITLE] = {COLOR_YELLOW, COLOR_RED, A_BOLD, A_REVERSE | A_BOLD},
    [TUI_ROLE_MENU_HEAD] = {COLOR_RED, -1, A_BOLD, A_BOLD | A_UNDERLINE},
    [TUI_ROLE_MENU_ITEM] = {-1, -1, A_NORMAL, A_NORMAL},
    [TUI_ROLE_MENU_SEL] = {COLOR_WHITE, COLOR_RED, A_BOLD, A_REVERSE},
    [TUI_ROLE_MENU_SEL_IDLE] = {COLOR_RED, -1, A_BOLD | A_UNDERLINE, A_BOLD | A_UNDERLINE},
    [TUI_ROLE_HEADING] = {COLOR_RED, -1, A_BOLD, A_BOLD | A_UNDERLINE},
    [TUI_ROLE_BORDER] = {-1, -1, A_NORMAL, A_NORMAL},
    [TUI_ROLE_SUCCESS] = {COLOR_WHITE, COLOR_BLUE, A_BOLD, A_REVERSE},
    [TUI_ROLE_ERROR] = {COLOR_WHITE, COLOR_RED, A_BOLD, A_BOLD | A_UNDERLINE},
    [TUI_ROLE_KEY] = {COLOR_BLACK, COLOR_CYAN, A_NORMAL, A_REVERSE},
    [TUI_ROLE_HINT] = {-1, -1, A_NORMAL, A_NORMAL},
    [TUI_ROLE_NOTICE] = {COLOR_YELLOW, -1, A_BOLD, A_BOLD},
};

static attr_t role_attrs[TUI_ROLE_COUNT];

bool tui_theme_wants_color(void)
{
    if (getenv("NO_COLOR") != NULL)
        return false;
    /* COLORS is known only after start_color; the terminfo entry says it now. */
    return has_colors() && tigetnum("colors") >= 8;
}

bool tui_theme_init(void)
{
    bool color = tui_theme_wants_color();
    if (color && (start_color() == ERR || COLORS < 8))
        color = false;
    /* Without default colours, black stands for "the terminal's default". */
    short dflt_fg = COLOR_WHITE, dflt_bg = COLOR_BLACK;
    if (color && use_default_colors() == OK)
        dflt_fg = dflt_bg = -1;
    for (int r = 0; r < TUI_ROLE_COUNT; r++) {
        const struct scheme_entry *e = &scheme[r];
        if (!color) {
            role_attrs[r] = e->mono_attr;
            continue;
        }
        if (e->fg == -1 && e->bg == -1) {
            role_attrs[r] = e->color_attr;
            continue;
        }
        short pair = (short)r; /* pair 0 is fixed; roles start at 1 */
        init_pair(pair, e->fg == -1 ? dflt_fg : e->fg, e->bg == -1 ? dflt_bg : e->bg);
        role_attrs[r] = e->color_attr | (attr_t)COLOR_PAIR(pair);
    }
    return color;
}

attr_t tui_role_attr(enum tui_role role)
{
    if ((int)role < 0 || role >= TUI_ROLE_COUNT)
        return A_NORMAL;
    return role_attrs[role];
}
