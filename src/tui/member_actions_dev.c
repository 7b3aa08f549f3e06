/*
 * The development buttons of 党员管理 (member_actions.h): z 转正, y 延长预备期,
 * q 取消预备党员资格, each on the current row; the forms are dev_end.c's.
 */
#include "tui/dev_screens.h"
#include "tui/member_actions.h"

static void open_end(enum tui_dev_end kind, const struct tui_member_action_arg *a,
                     struct tui_ctx *ctx)
{
    static struct tui_dev_end_arg arg; /* copied by the form's open */
    arg.kind = kind;
    arg.person_id = a->person_id;
    tui_ctx_open(ctx, &tui_dev_end_ops, &arg);
}

static void run_confirm(const struct tui_member_action_arg *a, struct tui_ctx *ctx)
{
    open_end(TUI_DEV_END_CONFIRM, a, ctx);
}

static void run_extend(const struct tui_member_action_arg *a, struct tui_ctx *ctx)
{
    open_end(TUI_DEV_END_EXTEND, a, ctx);
}

static void run_cancel(const struct tui_member_action_arg *a, struct tui_ctx *ctx)
{
    open_end(TUI_DEV_END_CANCEL, a, ctx);
}

const struct tui_member_action tui_member_actions_dev[] = {
    {TUI_A_CONFIRM, TUI_MA_CURRENT, true, run_confirm},
    {TUI_A_EXTEND, TUI_MA_CURRENT, true, run_extend},
    {TUI_A_CANCEL_PROB, TUI_MA_CURRENT, true, run_cancel},
    {TUI_A_NONE, 0, false, NULL},
};
