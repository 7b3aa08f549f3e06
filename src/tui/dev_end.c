/*
 * The three endings of a probation, from 党员管理 (manual 1.5 and the rules):
 *   转正            转正日期, 支部大会讨论日期, 上级党委审批日期, 转正情况
 *                   ("党员转正成功！");
 *   延长预备期      决定日期, 延长月数 (6-12, once only), 延长原因;
 *   取消预备党员资格 决定日期, 取消原因 (the person becomes a historical member).
 * The line under the title gives the name, 入党日期 and when the probation
 * ends.  Only a 预备党员 is offered the form; the database judges the dates
 * (dj_dev_confirm / dj_dev_extend / dj_dev_cancel through dev_flow.c).
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui/dev_screens.h"
#include "tui/session.h"

static const struct tui_field_def confirm_fields[] = {
    {"full_on", "转正日期", TUI_FIELD_DATE, 0, 0, true, NULL, 0},
    {"meeting_on", "支部大会讨论日期", TUI_FIELD_DATE, 0, 0, false, NULL, 0},
    {"approved_on", "上级党委审批日期", TUI_FIELD_DATE, 0, 0, false, NULL, 0},
    {"note", "转正情况", TUI_FIELD_MULTILINE, 0, 500, false, NULL, 3},
};
static const struct tui_field_def extend_fields[] = {
    {"decided_on", "决定日期", TUI_FIELD_DATE, 0, 0, true, NULL, 0},
    {"months", "延长月数", TUI_FIELD_TEXT, 5, 2, true, NULL, 0},
    {"reason", "延长原因", TUI_FIELD_MULTILINE, 0, 500, true, NULL, 3},
};
static const struct tui_field_def cancel_fields[] = {
    {"decided_on", "决定日期", TUI_FIELD_DATE, 0, 0, true, NULL, 0},
    {"reason", "取消原因", TUI_FIELD_MULTILINE, 0, 500, true, NULL, 3},
};
#define NF(a) ((int)(sizeof a / sizeof a[0]))
static const struct tui_wizard_step steps[] = {
    [TUI_DEV_END_CONFIRM] = {"转正", confirm_fields, NF(confirm_fields)},
    [TUI_DEV_END_EXTEND] = {"延长预备期", extend_fields, NF(extend_fields)},
    [TUI_DEV_END_CANCEL] = {"取消预备党员资格", cancel_fields, NF(cancel_fields)},
};

struct ending {
    enum tui_dev_end kind;
    struct dj_dev_status st;
};

static int save(struct tui_dev_flow *fl, bool confirm, struct dj_dev_result *out,
                struct dj_db_error *err)
{
    struct ending *en = fl->data;
    struct dj_db *db = tui_session_db();
    long long id = en->st.person_id;
    int ver = en->st.version;
    switch (en->kind) {
    case TUI_DEV_END_CONFIRM: {
        struct dj_dev_full f = {
            .person_id = id,
            .version = ver,
            .full_on = tui_dev_value(fl, 0, "full_on"),
            .meeting_on = tui_dev_value(fl, 0, "meeting_on"),
            .approved_on = tui_dev_value(fl, 0, "approved_on"),
            .note = tui_dev_value(fl, 0, "note"),
        };
        return dj_dev_confirm(db, &f, confirm, out, err);
    }
    case TUI_DEV_END_EXTEND: {
        const char *m = tui_dev_value(fl, 0, "months");
        for (const char *p = m; *p; p++)
            if (!isdigit((unsigned char)*p)) {
                memset(err, 0, sizeof *err);
                err->kind = DJ_DB_ERR_REFUSED;
                snprintf(err->message, sizeof err->message, "「延长月数」请填写整数，如 6");
                return -1;
            }
        return dj_dev_extend(db, id, ver, tui_dev_value(fl, 0, "decided_on"), atoi(m),
                             tui_dev_value(fl, 0, "reason"), confirm, out, err);
    }
    default:
        return dj_dev_cancel(db, id, ver, tui_dev_value(fl, 0, "decided_on"),
                             tui_dev_value(fl, 0, "reason"), confirm, out, err);
    }
}

static int en_open(struct tui_screen *s, const void *arg, struct tui_ctx *ctx)
{
    const struct tui_dev_end_arg *a = arg;
    struct tui_dev_flow *fl = calloc(1, sizeof *fl);
    struct ending *en = calloc(1, sizeof *en);
    if (fl == NULL || en == NULL) {
        free(fl);
        free(en);
        tui_ctx_message(ctx, TUI_MSG_ERROR, "内存不足");
        return -1;
    }
    s->data = fl;
    fl->data = en;
    en->kind = a->kind;
    const char *title = steps[a->kind].title;
    snprintf(s->title, sizeof s->title, "%s", title);
    struct dj_db_error e;
    int rc = dj_dev_status_load(tui_session_db(), a->person_id, &en->st, &e);
    if (rc < 0) {
        tui_session_fail_ctx(&e, ctx);
        return -1;
    }
    char msg[640];
    if (rc > 0 || en->st.historical) {
        tui_ctx_message(ctx, TUI_MSG_ERROR, "该人员不存在或不在您的管理范围内");
        return -1;
    }
    if (strcmp(en->st.stage_code, DJ_DEV_PROBATIONARY) != 0) {
        snprintf(msg, sizeof msg, "“%s”是%s，只有预备党员可以%s", en->st.name, en->st.stage, title);
        tui_ctx_message(ctx, TUI_MSG_ERROR, msg);
        return -1;
    }
    static const char *const msgs[] = {
        [TUI_DEV_END_CONFIRM] = DJ_DEV_MSG_FULL,
        [TUI_DEV_END_EXTEND] = DJ_DEV_MSG_EXTEND,
        [TUI_DEV_END_CANCEL] = DJ_DEV_MSG_CANCEL,
    };
    if (tui_dev_flow_init(fl, title, &steps[a->kind], 1, save, msgs[a->kind]) < 0) {
        tui_ctx_message(ctx, TUI_MSG_ERROR, "内存不足");
        return -1;
    }
    snprintf(fl->head, sizeof fl->head, "%s：%s入党，预备期%s满%s", en->st.name,
             en->st.joined_on[0] ? en->st.joined_on : "（未记录）",
             en->st.probation_end[0] ? en->st.probation_end : "（未知）",
             en->st.extended_until[0] ? "（已延长）" : "");
    return 0;
}

const struct tui_screen_ops tui_dev_end_ops = {
    .name = "dev_end",
    .open = en_open,
    .draw = tui_dev_flow_screen_draw,
    .handle = tui_dev_flow_screen_handle,
    .close = tui_dev_flow_screen_close,
    .hints = tui_dev_form_hints,
};
