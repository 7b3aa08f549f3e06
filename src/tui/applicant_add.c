/*
 * 新增 (manual 1.1): a new applicant in two steps, 基本信息 then 培养发展信息,
 * with F7 上一步 / F8 下一步 / F2 保存 / Esc 返回 and what was typed kept.
 * The ID number is checked strictly as it is typed ('#' when unknown; the
 * birth date then needs filling); the organization is chosen in the tree and
 * starts as the clerk's.  Saving goes through dj_dev_apply (dev_flow.c: the
 * warnings asked about, a refusal beside its field); success closes with
 * "申请入党人信息添加成功！" and the new person is a 申请者.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui/dev_screens.h"
#include "tui/form_id.h"
#include "tui/session.h"

static const struct tui_field_def basic[] = {
    {"name", "姓名", TUI_FIELD_TEXT, 21, 50, true, NULL, 0},
    {"sex", "性别", TUI_FIELD_CODE, 0, 0, true, "sex", 0},
    {"ethnicity", "民族", TUI_FIELD_CODE, 0, 0, false, "ethnicity", 0},
    {"id_number", "公民身份号码", TUI_FIELD_ID, 0, 0, true, NULL, 0},
    {"birth_date", "出生日期", TUI_FIELD_DATE, 0, 0, false, NULL, 0},
    {"native_place", "籍贯", TUI_FIELD_TEXT, 21, 50, false, NULL, 0},
    {"education", "学历", TUI_FIELD_CODE, 0, 0, false, "education", 0},
    {"political_status", "政治面貌", TUI_FIELD_CODE, 0, 0, false, "political_status", 0},
    {"joined_work_on", "参加工作日期", TUI_FIELD_DATE, 0, 0, false, NULL, 0},
    {"person_category", "工作岗位", TUI_FIELD_CODE, 0, 0, false, "person_category", 0},
    {"org", "所在党组织", TUI_FIELD_ORG, 0, 0, true, NULL, 0},
    {"phone", "联系电话", TUI_FIELD_TEXT, 21, 30, false, NULL, 0},
    {"address", "家庭住址", TUI_FIELD_TEXT, 41, 200, false, NULL, 0},
};
static const struct tui_field_def develop[] = {
    {"applied_on", "申请入党日期", TUI_FIELD_DATE, 0, 0, true, NULL, 0},
    {"talk_on", "谈话日期", TUI_FIELD_DATE, 0, 0, false, NULL, 0},
    {"talk_note", "谈话情况", TUI_FIELD_MULTILINE, 0, 500, false, NULL, 2},
};
static const struct tui_wizard_step steps[] = {
    {"基本信息", basic, (int)(sizeof basic / sizeof basic[0])},
    {"培养发展信息", develop, (int)(sizeof develop / sizeof develop[0])},
};

static int save(struct tui_dev_flow *fl, bool confirm, struct dj_dev_result *out,
                struct dj_db_error *err)
{
    struct dj_dev_applicant a = {
        .org_id = strtoll(tui_dev_value(fl, 0, "org"), NULL, 10),
        .name = tui_dev_value(fl, 0, "name"),
        .sex = tui_dev_value(fl, 0, "sex"),
        .ethnicity = tui_dev_value(fl, 0, "ethnicity"),
        .birth_date = tui_dev_value(fl, 0, "birth_date"),
        .id_number = tui_dev_value(fl, 0, "id_number"),
        .native_place = tui_dev_value(fl, 0, "native_place"),
        .education = tui_dev_value(fl, 0, "education"),
        .political_status = tui_dev_value(fl, 0, "political_status"),
        .joined_work_on = tui_dev_value(fl, 0, "joined_work_on"),
        .phone = tui_dev_value(fl, 0, "phone"),
        .address = tui_dev_value(fl, 0, "address"),
        .person_category = tui_dev_value(fl, 0, "person_category"),
        .applied_on = tui_dev_value(fl, 1, "applied_on"),
        .talk_on = tui_dev_value(fl, 1, "talk_on"),
        .talk_note = tui_dev_value(fl, 1, "talk_note"),
    };
    return dj_dev_apply(tui_session_db(), &a, confirm, out, err);
}

static int add_open(struct tui_screen *s, const void *arg, struct tui_ctx *ctx)
{
    const struct tui_dev_org_arg *a = arg;
    struct tui_dev_flow *fl = calloc(1, sizeof *fl);
    if (fl == NULL) {
        tui_ctx_message(ctx, TUI_MSG_ERROR, "内存不足，无法新增");
        return -1;
    }
    s->data = fl;
    snprintf(s->title, sizeof s->title, "%s", "新增入党申请人");
    if (tui_dev_flow_init(fl, "新增入党申请人", steps, 2, save, DJ_DEV_MSG_APPLY) < 0) {
        tui_ctx_message(ctx, TUI_MSG_ERROR, "内存不足，无法新增");
        return -1;
    }
    if (a && a->org_id > 0) {
        struct tui_form *f = tui_wizard_form(&fl->wiz, 0);
        int i = tui_form_find(f, "org");
        char id[24];
        snprintf(id, sizeof id, "%lld", a->org_id);
        tui_form_set_org(f, i, id, a->org_name ? a->org_name : id);
        tui_form_mark_clean(f); /* proposed, not typed: Esc leaves without asking */
    }
    return 0;
}

static unsigned add_handle(struct tui_screen *s, enum tui_action a, const struct tui_key *k,
                           struct tui_ctx *ctx)
{
    struct tui_dev_flow *fl = s->data;
    struct tui_form *basic = tui_wizard_form(&fl->wiz, 0);
    /* The birth date and sex the ID number gives must agree before the
     * clerk leaves the page; the database checks it again on saving. */
    if (fl->wiz.cur == 0 && (a == TUI_A_NEXT_STEP || a == TUI_A_SAVE)) {
        tui_form_fill_from_id(basic);
        if (!tui_form_id_agrees(basic))
            return TUI_R_HANDLED;
    }
    unsigned r = tui_dev_flow_handle(fl, a, k, ctx);
    if (fl->wiz.cur == 0)
        tui_form_fill_from_id(basic);
    return r;
}

const struct tui_screen_ops tui_applicant_add_ops = {
    .name = "applicant_add",
    .open = add_open,
    .draw = tui_dev_flow_screen_draw,
    .handle = add_handle,
    .close = tui_dev_flow_screen_close,
    .hints = tui_dev_flow_hints,
};
