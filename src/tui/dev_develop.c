/*
 * 培养发展 (manual 1.2, 1.3): one form whose fields follow the person's
 * category.  A 申请者 is listed as 入党积极分子 (the date, one or two
 * cultivation contacts, the filing with the upper committee, the talk if it
 * was not recorded); an 入党积极分子 as 发展对象 (the date, filing, political
 * review, training: end date, days or class hours, 培训情况, and the two
 * sponsors).  A 发展对象 is told to use 吸收 instead.  The line under the
 * title says who it is and the dates the rules compare.  F2 确定 saves
 * (dj_dev_activist / dj_dev_target through dev_flow.c); success closes with
 * "培养发展信息保存成功！".
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui/dev_screens.h"
#include "tui/session.h"

static const struct tui_field_def activist[] = {
    {"activist_on", "列为入党积极分子日期", TUI_FIELD_DATE, 0, 0, true, NULL, 0},
    {"contact1", "培养联系人一", TUI_FIELD_TEXT, 21, 50, true, NULL, 0},
    {"contact2", "培养联系人二", TUI_FIELD_TEXT, 21, 50, false, NULL, 0},
    {"filed_on", "上级党委备案日期", TUI_FIELD_DATE, 0, 0, false, NULL, 0},
    {"talk_on", "谈话日期", TUI_FIELD_DATE, 0, 0, false, NULL, 0},
};
static const struct tui_field_def target[] = {
    {"target_on", "列为发展对象日期", TUI_FIELD_DATE, 0, 0, true, NULL, 0},
    {"filed_on", "报上级党委备案日期", TUI_FIELD_DATE, 0, 0, false, NULL, 0},
    {"review_on", "政治审查日期", TUI_FIELD_DATE, 0, 0, false, NULL, 0},
    {"training_on", "集中培训结束日期", TUI_FIELD_DATE, 0, 0, false, NULL, 0},
    {"training_days", "培训天数", TUI_FIELD_TEXT, 5, 3, false, NULL, 0},
    {"training_hours", "培训学时", TUI_FIELD_TEXT, 5, 4, false, NULL, 0},
    {"training_note", "培训情况", TUI_FIELD_MULTILINE, 0, 500, false, NULL, 2},
    {"sponsor1", "入党介绍人一", TUI_FIELD_TEXT, 21, 50, false, NULL, 0},
    {"sponsor2", "入党介绍人二", TUI_FIELD_TEXT, 21, 50, false, NULL, 0},
};
static const struct tui_wizard_step activist_step[] = {
    {"列为入党积极分子", activist, (int)(sizeof activist / sizeof activist[0])}};
static const struct tui_wizard_step target_step[] = {
    {"列为发展对象", target, (int)(sizeof target / sizeof target[0])}};

struct develop {
    struct dj_dev_status st;
};

static int refuse(struct dj_db_error *err, const char *msg)
{
    memset(err, 0, sizeof *err);
    err->kind = DJ_DB_ERR_REFUSED;
    snprintf(err->message, sizeof err->message, "%s", msg);
    return -1;
}

/* A whole number of a field, 0 when empty; -1 (with err) when not a number. */
static int whole(struct tui_dev_flow *fl, const char *name, const char *label, int *out,
                 struct dj_db_error *err)
{
    const char *v = tui_dev_value(fl, 0, name);
    *out = 0;
    for (const char *p = v; *p; p++)
        if (!isdigit((unsigned char)*p)) {
            char msg[128];
            snprintf(msg, sizeof msg, "「%s」请填写整数，如 3", label);
            return refuse(err, msg);
        }
    *out = atoi(v);
    return 0;
}

/* The names typed into fields a and b, as references by name. */
static int refs(struct tui_dev_flow *fl, const char *a, const char *b, struct dj_dev_ref *out)
{
    int n = 0;
    const char *names[2] = {tui_dev_value(fl, 0, a), tui_dev_value(fl, 0, b)};
    for (int i = 0; i < 2; i++)
        if (names[i][0])
            out[n++] = (struct dj_dev_ref){0, names[i]};
    return n;
}

static int save_activist(struct tui_dev_flow *fl, bool confirm, struct dj_dev_result *out,
                         struct dj_db_error *err)
{
    struct develop *d = fl->data;
    struct dj_dev_activist a = {
        .person_id = d->st.person_id,
        .version = d->st.version,
        .activist_on = tui_dev_value(fl, 0, "activist_on"),
        .filed_on = tui_dev_value(fl, 0, "filed_on"),
        .talk_on = tui_dev_value(fl, 0, "talk_on"),
    };
    a.ncontacts = refs(fl, "contact1", "contact2", a.contacts);
    return dj_dev_activist(tui_session_db(), &a, confirm, out, err);
}

static int save_target(struct tui_dev_flow *fl, bool confirm, struct dj_dev_result *out,
                       struct dj_db_error *err)
{
    struct develop *d = fl->data;
    struct dj_dev_target t = {
        .person_id = d->st.person_id,
        .version = d->st.version,
        .target_on = tui_dev_value(fl, 0, "target_on"),
        .filed_on = tui_dev_value(fl, 0, "filed_on"),
        .review_on = tui_dev_value(fl, 0, "review_on"),
        .training_on = tui_dev_value(fl, 0, "training_on"),
        .training_note = tui_dev_value(fl, 0, "training_note"),
    };
    if (whole(fl, "training_days", "培训天数", &t.training_days, err) < 0 ||
        whole(fl, "training_hours", "培训学时", &t.training_hours, err) < 0)
        return -1;
    t.nsponsors = refs(fl, "sponsor1", "sponsor2", t.sponsors);
    return dj_dev_target(tui_session_db(), &t, confirm, out, err);
}

/* Who it is and the dates the rules compare, short enough for 80 columns. */
static void describe(struct tui_dev_flow *fl, const struct dj_dev_status *st)
{
    if (strcmp(st->stage_code, DJ_DEV_ACTIVIST) == 0)
        snprintf(fl->head, sizeof fl->head, "%s：%s列为积极分子，%s满一年", st->name,
                 st->activist_on[0] ? st->activist_on : "（未记录）",
                 st->target_eligible_on[0] ? st->target_eligible_on : "（未知）");
    else
        snprintf(fl->head, sizeof fl->head, "%s：%s递交申请书，%s%s", st->name,
                 st->applied_on[0] ? st->applied_on : "（未记录）", st->talk_on,
                 st->talk_on[0] ? "谈话" : "尚未谈话");
}

static int dv_open(struct tui_screen *s, const void *arg, struct tui_ctx *ctx)
{
    const struct tui_dev_person_arg *a = arg;
    struct tui_dev_flow *fl = calloc(1, sizeof *fl);
    struct develop *d = calloc(1, sizeof *d);
    if (fl == NULL || d == NULL) {
        free(fl);
        free(d);
        tui_ctx_message(ctx, TUI_MSG_ERROR, "内存不足，无法打开培养发展");
        return -1;
    }
    s->data = fl;
    fl->data = d;
    snprintf(s->title, sizeof s->title, "%s", "培养发展");
    struct dj_db_error e;
    int rc = dj_dev_status_load(tui_session_db(), a->person_id, &d->st, &e);
    if (rc < 0) {
        tui_session_fail_ctx(&e, ctx);
        return -1;
    }
    if (rc > 0 || d->st.historical) {
        tui_ctx_message(ctx, TUI_MSG_ERROR, "该人员不存在或不在您的管理范围内");
        return -1;
    }
    const char *sc = d->st.stage_code;
    char msg[640];
    if (strcmp(sc, DJ_DEV_TARGET) == 0) {
        snprintf(msg, sizeof msg, "“%s”已是发展对象：请在列表中勾选（空格）后按 x 吸收为预备党员",
                 d->st.name);
        tui_ctx_message(ctx, TUI_MSG_ERROR, msg);
        return -1;
    }
    if (strcmp(sc, DJ_DEV_APPLICANT) != 0 && strcmp(sc, DJ_DEV_ACTIVIST) != 0) {
        snprintf(msg, sizeof msg, "“%s”是%s，培养发展只用于申请者和入党积极分子", d->st.name,
                 d->st.stage);
        tui_ctx_message(ctx, TUI_MSG_ERROR, msg);
        return -1;
    }
    bool to_activist = strcmp(sc, DJ_DEV_APPLICANT) == 0;
    if (tui_dev_flow_init(fl, to_activist ? "培养发展：列为入党积极分子" : "培养发展：列为发展对象",
                          to_activist ? activist_step : target_step, 1,
                          to_activist ? save_activist : save_target, DJ_DEV_MSG_DEVELOP) < 0) {
        tui_ctx_message(ctx, TUI_MSG_ERROR, "内存不足，无法打开培养发展");
        return -1;
    }
    tui_wizard_set_labels(&fl->wiz, "保存", "返回");
    describe(fl, &d->st);
    return 0;
}

const struct tui_screen_ops tui_develop_ops = {
    .name = "develop",
    .open = dv_open,
    .draw = tui_dev_flow_screen_draw,
    .handle = tui_dev_flow_screen_handle,
    .close = tui_dev_flow_screen_close,
    .hints = tui_dev_form_hints,
};
