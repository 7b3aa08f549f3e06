#ifndef DJ_TUI_MEMBER_ACTIONS_H
#define DJ_TUI_MEMBER_ACTIONS_H
/*
 * The manual's buttons on the member lists (党员管理 and 历史党员): 新增,
 * 修改, 转正, 出党 ... Each workflow lives in its own file and lists its
 * buttons in a table; the member list looks an action up here, shows the
 * buttons that apply in its key-hint line and runs the one pressed.  A run
 * opens the workflow's dialog or form (tui_ctx_open) or says why it cannot
 * (tui_ctx_message); the list reloads when that screen closes (its resume).
 * The database decides what is allowed; a button only saves a round trip.
 */
#include <stdbool.h>

#include "tui/screen.h"

/* Which list a button belongs to. */
enum {
    TUI_MA_CURRENT = 1 << 0,    /* 党员管理 and an organization's people */
    TUI_MA_HISTORICAL = 1 << 1, /* 历史党员 */
};

/* What the list knows when a button is pressed. */
struct tui_member_action_arg {
    long long person_id; /* the current row; 0 on an empty list */
    long long org_id;    /* the organization listed (the clerk's first scope organization) */
    const char *name;    /* the current row's name, "" on an empty list */
    int nchecked;        /* rows ticked with Space, their person ids */
    const long long *checked;
};

struct tui_member_action {
    enum tui_action action; /* TUI_A_NONE ends a table */
    unsigned lists;         /* TUI_MA_* */
    bool needs_row;         /* refused on an empty list */
    void (*run)(const struct tui_member_action_arg *a, struct tui_ctx *ctx);
};

/* The tables, one per workflow file. */
extern const struct tui_member_action tui_member_actions_dev[]; /* member_actions_dev.c: 转正 ... */
extern const struct tui_member_action
    tui_member_actions_record[]; /* member_actions_record.c: 新增, 出党 ... */

/* The button for action on a list of kind list (TUI_MA_*), or NULL. */
const struct tui_member_action *tui_member_action_find(enum tui_action action, unsigned list);

/* Writes the actions of list kind list into out (at most max - 1, then
 * TUI_A_NONE), for the key-hint line.  Returns how many. */
int tui_member_action_hints(unsigned list, enum tui_action *out, int max);

#endif
