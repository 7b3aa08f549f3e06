#ifndef DJ_TUI_HELP_H
#define DJ_TUI_HELP_H
/*
 * F1 (help.c): every action of the one action list (actions.h) with its keys,
 * in three parts: the keys of the screen F1 was pressed on (its key hints, in
 * their order), then the keys that work everywhere, then the rest.  The loop
 * opens it with a tui_help_arg that outlives the help screen (the screen it
 * describes stays open beneath it).
 */
#include "tui/actions.h"

struct tui_help_arg {
    const char *title;            /* the screen's name ("党员管理"), or NULL */
    const enum tui_action *hints; /* its key hints, ending with TUI_A_NONE; may be NULL */
};

#endif
