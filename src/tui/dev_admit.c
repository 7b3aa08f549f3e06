/*
 * 吸收 (manual 1.4): the admission dialog for the development targets ticked
 * in 申请人管理.  The line under the title names them; the form asks the
 * branch meeting date (支部大会讨论, the 入党日期 and the start of the
 * probation), the upper committee's approval, the other steps of stage four
 * if already done, and the two sponsors for those whose sponsors were not
 * recorded at 1.3.  F2 确定 admits every one of them or none
 * (dj_dev_admit): a refusal names who and why and changes nothing.  Success
 * closes with "申请人已成功吸收为预备党员！".
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui/dev_screens.h"
#include "tui/session.h"

static const struct tui_field_def fields[] = {
    {"meeting_on", "支部大会讨论日期", TUI_FIELD_DATE, 0, 0, true, NULL, 0},
    {"approved_on", "上级党委审批日期", TUI_FIELD_DATE, 0, 0, false, NULL, 0},
    {"sponsor1", "入党介绍人一", TUI_FIELD_TEXT, 21, 50, false, NULL, 0},
    {"sponsor2", "入党介绍人二", TUI_FIELD_TEXT, 21, 50, false, NULL, 0},
    {"branch_committee_on", "支部委员会审查日期", TUI_FIELD_DATE, 0, 0, false, NULL, 0},
    {"pre_review_on", "上级党委预审日期", TUI_FIELD_DATE, 0, 0, false, NULL, 0},
    {"form_on", "填写入党志愿书日期", TUI_FIELD_DATE, 0, 0, false, NULL, 0},
    {"upper_talk_on", "上级党委派人谈话日期", TUI_FIELD_DATE, 0, 0, false, NULL, 0},
    {"filed_on", "再上一级党委备案日期", TUI_FIELD_DATE, 0, 0, false, NULL, 0},
};
static const struct tui_wizard_step step[] = {
    {"吸收为预备党员", fields, (int)(sizeof fields / sizeof fields[0])}};

struct admit {
    int n;
    long long *ids;
    int *versions;
};

static int save(struct tui_dev_flow *fl, bool confirm, struct dj_dev_result *out,
                struct dj_db_error *err)
{
    struct admit *ad = fl->data;
    struct dj_dev_admission a = {
        .person_ids = ad->ids,
        .versions = ad->versions,
        .count = ad->n,
        .meeting_on = tui_dev_value(fl, 0, "meeting_on"),
        .approved_on = tui_dev_value(fl, 0, "approved_on"),
        .branch_committee_on = tui_dev_value(fl, 0, "branch_committee_on"),
        .pre_review_on = tui_dev_value(fl, 0, "pre_review_on"),
        .form_on = tui_dev_value(fl, 0, "form_on"),
        .upper_talk_on = tui_dev_value(fl, 0, "upper_talk_on"),
        .filed_on = tui_dev_value(fl, 0, "filed_on"),
    };
    const char *names[2] = {tui_dev_value(fl, 0, "sponsor1"), tui_dev_value(fl, 0, "sponsor2")};
    for (int i = 0; i < 2; i++)
        if (names[i][0])
            a.sponsors[a.nsponsors++] = (struct dj_dev_ref){0, names[i]};
    return dj_dev_admit(tui_session_db(), &a, confirm, out, err);
}

/* Reads who they are (names for the line under the title, versions for the
 * save).  Returns 0 or -1 with the status line set. */
static int load(struct tui_dev_flow *fl, struct admit *ad, struct tui_ctx *ctx)
{
    size_t len = 0;
    int shown = 0;
    len = (size_t)snprintf(fl->head, sizeof fl->head, "吸收 %d 人：", ad->n);
    struct dj_dev_status *st = malloc(sizeof *st);
    if (st == NULL) {
        tui_ctx_message(ctx, TUI_MSG_ERROR, "内存不足");
        return -1;
    }
    for (int i = 0; i < ad->n; i++) {
        struct dj_db_error e;
        int rc = dj_dev_status_load(tui_session_db(), ad->ids[i], st, &e);
        if (rc < 0) {
            tui_session_fail_ctx(&e, ctx);
            free(st);
            return -1;
        }
        if (rc > 0) {
            tui_ctx_message(ctx, TUI_MSG_ERROR, "勾选的人员中有人不存在或不在您的管理范围内");
            free(st);
            return -1;
        }
        ad->versions[i] = st->version;
        /* Names while they fit; the count says how many there are. */
        size_t need = strlen(st->name) + 8;
        if (len + need < sizeof fl->head - 8) {
            len += (size_t)snprintf(fl->head + len, sizeof fl->head - len, "%s%s",
                                    shown ? "、" : "", st->name);
            shown++;
        } else if (shown == i) {
            len += (size_t)snprintf(fl->head + len, sizeof fl->head - len, "……");
        }
    }
    free(st);
    return 0;
}

static int ad_open(struct tui_screen *s, const void *arg, struct tui_ctx *ctx)
{
    const struct tui_dev_admit_arg *a = arg;
    if (a->count < 1) {
        tui_ctx_message(ctx, TUI_MSG_ERROR, "请先用空格键勾选要吸收的发展对象");
        return -1;
    }
    if (a->count > DJ_DEV_ADMIT_MAX) {
        char msg[128];
        snprintf(msg, sizeof msg, "一次最多吸收 %d 人，请少勾选一些", DJ_DEV_ADMIT_MAX);
        tui_ctx_message(ctx, TUI_MSG_ERROR, msg);
        return -1;
    }
    struct tui_dev_flow *fl = calloc(1, sizeof *fl);
    struct admit *ad = calloc(1, sizeof *ad);
    if (fl == NULL || ad == NULL || (ad->ids = calloc((size_t)a->count, sizeof *ad->ids)) == NULL ||
        (ad->versions = calloc((size_t)a->count, sizeof *ad->versions)) == NULL) {
        if (ad)
            free(ad->ids);
        free(ad);
        free(fl);
        tui_ctx_message(ctx, TUI_MSG_ERROR, "内存不足，无法吸收");
        return -1;
    }
    s->data = fl;
    fl->data = ad;
    ad->n = a->count;
    memcpy(ad->ids, a->ids, (size_t)a->count * sizeof *ad->ids);
    snprintf(s->title, sizeof s->title, "%s", "吸收");
    if (tui_dev_flow_init(fl, "吸收为预备党员", step, 1, save, DJ_DEV_MSG_ADMIT) < 0) {
        tui_ctx_message(ctx, TUI_MSG_ERROR, "内存不足，无法吸收");
        return -1;
    }
    return load(fl, ad, ctx);
}

static void ad_close(struct tui_screen *s)
{
    struct tui_dev_flow *fl = s->data;
    struct admit *ad = fl ? fl->data : NULL;
    if (ad) {
        free(ad->ids);
        free(ad->versions);
    }
    tui_dev_flow_screen_close(s);
}

const struct tui_screen_ops tui_admit_ops = {
    .name = "admit",
    .open = ad_open,
    .draw = tui_dev_flow_screen_draw,
    .handle = tui_dev_flow_screen_handle,
    .close = ad_close,
    .hints = tui_dev_form_hints,
};
