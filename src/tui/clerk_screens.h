#ifndef DJ_TUI_CLERK_SCREENS_H
#define DJ_TUI_CLERK_SCREENS_H
/*
 * The read-only screens of organizations and members, and the password
 * change, one file each (their contracts are at the top of each file).
 * Screens open one another through tui_ctx_open with these arguments; an
 * argument is copied by the screen's open, so the caller may pass a local.
 */
#include <stdbool.h>

#include "tui/screen.h"

/* Which people a member list shows. */
enum tui_member_scope {
    TUI_MEMBERS_OF_ORG,     /* the organization's own people */
    TUI_MEMBERS_OF_SUBTREE, /* the organization and everything under it */
    TUI_MEMBERS_OF_CLERK,   /* the clerk's whole scope (every scope organization's subtree) */
};

struct tui_member_list_arg {
    enum tui_member_scope scope;
    long long org_id;     /* for ORG and SUBTREE */
    const char *org_name; /* for the heading (copied) */
    bool historical;      /* 历史党员 instead of the current roll */
    const char *title;    /* the screen's title: the menu function's name, or NULL */
};

struct tui_org_arg {
    long long org_id;
};

struct tui_person_arg {
    long long person_id;
};

extern const struct tui_screen_ops tui_org_tree_ops;        /* org_tree.c: 组织管理 */
extern const struct tui_screen_ops tui_org_detail_ops;      /* org_detail.c: arg tui_org_arg */
extern const struct tui_screen_ops tui_member_list_ops;     /* member_list.c: tui_member_list_arg */
extern const struct tui_screen_ops tui_member_detail_ops;   /* member_detail.c: tui_person_arg */
extern const struct tui_screen_ops tui_password_change_ops; /* password_change.c: F9 */

#endif
