#ifndef DJ_TUI_KEYS_H
#define DJ_TUI_KEYS_H
/*
 * Keys as wget_wch delivers them, and the bindings from keys to actions.
 * A key is either a character (code is a wchar_t) or a function key (code is
 * a curses KEY_* value); the two ranges overlap, hence the kind.
 * The default bindings come from the action list (actions.h) plus the aliases
 * in keys.c; the key names shown on screen are derived from the keys, so a
 * changed binding changes the hints and the help screen with it.
 */
#include <stdbool.h>
#include <stddef.h>

#include "tui/actions.h"

enum tui_key_kind { TUI_KEY_CHAR, TUI_KEY_FN };

struct tui_key {
    enum tui_key_kind kind;
    int code;
};

/* The action bound to k, or TUI_A_NONE. */
enum tui_action tui_key_action(const struct tui_key *k);

/* The default key of an action. */
struct tui_key tui_action_key(enum tui_action a);

/* The name of a key as the clerk sees it ("F10", "Enter", "Esc", "PgDn",
 * "Ctrl-L", or the character itself).  Writes into buf, returns buf. */
const char *tui_key_name(const struct tui_key *k, char *buf, size_t bufsz);

/* Every key bound to action a, joined by " / " ("Enter / KEY_ENTER" is not
 * repeated: keys with the same name are listed once). */
const char *tui_action_keys(enum tui_action a, char *buf, size_t bufsz);

#endif
