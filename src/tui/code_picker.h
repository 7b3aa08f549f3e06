#ifndef DJ_TUI_CODE_PICKER_H
#define DJ_TUI_CODE_PICKER_H
/*
 * Choosing a value from a code table (sex, ethnicity, education ...): a
 * modal list of "code name" pairs with a filter line that narrows it as the
 * clerk types (a code that starts with the text, or a name that contains it).
 * The table is an array the caller owns, in display order: the screens load
 * it from code.all_codes (kind, code, name, sort, in_use) for one kind, in
 * use only, ordered by sort.  Up/Down/PgUp/PgDn/Home/End choose, Enter
 * takes the value, Esc leaves it.  Nothing here refreshes.
 */
#include <curses.h>
#include <stdbool.h>
#include <stddef.h>

#include "tui/field_edit.h"
#include "tui/keys.h"

struct tui_code_item {
    const char *code;
    const char *name;
};

struct tui_code_table {
    const struct tui_code_item *items;
    size_t n;
};

enum tui_picker_answer {
    TUI_PICKER_PENDING = 0, /* took the key, still open */
    TUI_PICKER_CHOSEN,      /* closed: tui_code_picker_chosen() is the value */
    TUI_PICKER_CANCEL,      /* closed without a choice */
    TUI_PICKER_PASS,        /* not for the picker (F1, F10) */
};

struct tui_code_picker {
    bool open;
    char title[64];
    const struct tui_code_item *items;
    size_t n;
    struct tui_edit filter;
    int *match; /* indexes of the items the filter lets through */
    int nmatch;
    int sel, top, height;
    const struct tui_code_item *chosen;
};

/* Opens over items (which must outlive it) with the current value selected
 * and the filter set to text (NULL: empty).  Returns 0 or -1 (no memory). */
int tui_code_picker_open(struct tui_code_picker *p, const char *title,
                         const struct tui_code_table *table, const char *current_code,
                         const char *text);
void tui_code_picker_close(struct tui_code_picker *p);

enum tui_picker_answer tui_code_picker_handle(struct tui_code_picker *p, enum tui_action a,
                                              const struct tui_key *k);

/* The item taken with Enter, NULL before. */
static inline const struct tui_code_item *tui_code_picker_chosen(const struct tui_code_picker *p)
{
    return p->chosen;
}

/* Draws the picker centred in win. */
void tui_code_picker_draw(struct tui_code_picker *p, WINDOW *win);

/* The items that text lets through (code prefix, or name contains it;
 * ASCII letters without case): their indexes into out (room for n).
 * Returns how many. */
int tui_code_filter(const struct tui_code_table *table, const char *text, int *out);

/* The item with this code, NULL if none (or code is empty). */
const struct tui_code_item *tui_code_find(const struct tui_code_table *table, const char *code);

#endif
