/*
 * The member file's buttons on the member lists (manual 1.9): 新增 (Ins or
 * a), 修改 (e: the tabs), 出党 (c), 死亡 (s), 停止党籍 (t) on 党员管理, and
 * 恢复 (h) on 历史党员.  Each opens its screen (record_screens.h); the list
 * reloads when it closes.
 */
#include "tui/member_actions.h"
#include "tui/record_screens.h"

static void run_add(const struct tui_member_action_arg *a, struct tui_ctx *ctx)
{
    static struct tui_member_add_arg arg; /* copied by the screen's open */
    arg.org_id = a->org_id;
    tui_ctx_open(ctx, &tui_member_add_ops, &arg);
}

static void run_edit(const struct tui_member_action_arg *a, struct tui_ctx *ctx)
{
    static struct tui_member_edit_arg arg;
    arg.person_id = a->person_id;
    tui_ctx_open(ctx, &tui_member_edit_ops, &arg);
}

static void run_end(enum tui_member_end kind, const struct tui_member_action_arg *a,
                    struct tui_ctx *ctx)
{
    static struct tui_member_end_arg arg;
    arg = (struct tui_member_end_arg){kind, a->person_id, a->name};
    tui_ctx_open(ctx, &tui_member_end_ops, &arg);
}

static void run_leave(const struct tui_member_action_arg *a, struct tui_ctx *ctx)
{
    run_end(TUI_END_LEAVE, a, ctx);
}

static void run_death(const struct tui_member_action_arg *a, struct tui_ctx *ctx)
{
    run_end(TUI_END_DEATH, a, ctx);
}

static void run_suspend(const struct tui_member_action_arg *a, struct tui_ctx *ctx)
{
    run_end(TUI_END_SUSPEND, a, ctx);
}

static void run_restore(const struct tui_member_action_arg *a, struct tui_ctx *ctx)
{
    run_end(TUI_END_RESTORE, a, ctx);
}

const struct tui_member_action tui_member_actions_record[] = {
    {TUI_A_ADD, TUI_MA_CURRENT, false, run_add},
    {TUI_A_EDIT, TUI_MA_CURRENT, true, run_edit},
    {TUI_A_LEAVE, TUI_MA_CURRENT, true, run_leave},
    {TUI_A_DEATH, TUI_MA_CURRENT, true, run_death},
    {TUI_A_SUSPEND, TUI_MA_CURRENT, true, run_suspend},
    {TUI_A_RESTORE, TUI_MA_HISTORICAL, true, run_restore},
    {TUI_A_NONE, 0, false, NULL},
};
