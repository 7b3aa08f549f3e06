/* Member list columns, detail fields and record-set tabs (contract: member.h). */
#include "model/member.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const struct dj_column dj_member_columns[DJ_MCOL_COUNT] = {
    [DJ_MCOL_NAME] = {"姓名", 8},
    [DJ_MCOL_SEX] = {"性别", 4},
    [DJ_MCOL_BIRTH_DATE] = {"出生日期", 10},
    [DJ_MCOL_JOINED] = {"入党日期", 10},
    [DJ_MCOL_FULL] = {"转正日期", 10},
    [DJ_MCOL_STAGE] = {"人员类别", 12},
    [DJ_MCOL_EDUCATION] = {"学历", 12},
    [DJ_MCOL_ORG] = {"所在组织", 16},
    [DJ_MCOL_CATEGORY] = {"工作岗位", 16},
    [DJ_MCOL_ID_NUMBER] = {"身份证号", 18},
};

void dj_member_key_of(const struct dj_member_row *row, struct dj_member_key *key)
{
    snprintf(key->name, sizeof key->name, "%s", row->name);
    key->id = row->id;
}

const char *dj_member_cell(const struct dj_member_row *row, enum dj_member_col col)
{
    switch (col) {
    case DJ_MCOL_NAME:
        return row->name;
    case DJ_MCOL_SEX:
        return row->sex;
    case DJ_MCOL_BIRTH_DATE:
        return row->birth_date;
    case DJ_MCOL_JOINED:
        return row->joined_party_on;
    case DJ_MCOL_FULL:
        return row->became_full_on;
    case DJ_MCOL_STAGE:
        return row->stage;
    case DJ_MCOL_EDUCATION:
        return row->education;
    case DJ_MCOL_ORG:
        return row->org_name;
    case DJ_MCOL_CATEGORY:
        return row->person_category;
    case DJ_MCOL_ID_NUMBER:
        return row->id_number;
    case DJ_MCOL_COUNT:
        break;
    }
    return "";
}

#define FIELD(label, member)                                                                       \
    {                                                                                              \
        label, offsetof(struct dj_member_detail, member),                                          \
            sizeof(((struct dj_member_detail *)0)->member)                                         \
    }

const struct dj_detail_field dj_member_detail_fields[] = {
    FIELD("姓名", name),
    FIELD("拼音首字母", name_initials),
    FIELD("性别", sex),
    FIELD("民族", ethnicity),
    FIELD("出生日期", birth_date),
    FIELD("身份证号", id_number),
    FIELD("籍贯", native_place),
    FIELD("学历", education),
    FIELD("学位", degree),
    FIELD("政治面貌", political_status),
    FIELD("参加工作日期", joined_work_on),
    FIELD("联系电话", phone),
    FIELD("家庭住址", address),
    FIELD("工作岗位", person_category),
    FIELD("人员类别", stage),
    FIELD("所在组织", org_name),
    FIELD("组织代码", org_code),
    FIELD("入党日期", joined_party_on),
    FIELD("转正日期", became_full_on),
    FIELD("历史党员原因", history_reason),
    FIELD("转为历史党员日期", history_on),
    FIELD("出党方式", exit_kind),
    FIELD("停止党籍原因", suspend_reason),
    FIELD("情况说明", history_detail),
    FIELD("组织关系转出日期", transit_since),
    FIELD("转往党组织", transit_dest),
    FIELD("最后修改时间", updated_at),
    FIELD("最后修改人", updated_by),
};
const size_t dj_member_detail_field_count =
    sizeof dj_member_detail_fields / sizeof dj_member_detail_fields[0];

/* The columns are those app.member_records returns for each set, in order. */
const struct dj_recset_def dj_recsets[DJ_REC_COUNT] = {
    [DJ_REC_EDUCATION] = {"education",
                          "学历学位",
                          7,
                          {{"学历", 12},
                           {"学位", 12},
                           {"毕业院校", 20},
                           {"专业", 16},
                           {"学习形式", 8},
                           {"入学日期", 10},
                           {"毕业日期", 10}}},
    [DJ_REC_JOB] = {"job",
                    "工作岗位",
                    6,
                    {{"工作单位", 24},
                     {"单位性质", 12},
                     {"工作岗位", 16},
                     {"职务", 12},
                     {"开始日期", 10},
                     {"结束日期", 10}}},
    [DJ_REC_POST] = {"post",
                     "职务信息",
                     6,
                     {{"党内职务", 14},
                      {"任职组织", 24},
                      {"任职日期", 10},
                      {"免职日期", 10},
                      {"批准文号", 14},
                      {"备注", 20}}},
    [DJ_REC_TECH_TITLE] = {"tech_title",
                           "技术职务",
                           5,
                           {{"专业技术职务", 16},
                            {"取得资格日期", 12},
                            {"聘任单位", 24},
                            {"聘任起始", 10},
                            {"聘任终止", 10}}},
    [DJ_REC_STANDING] = {"standing",
                         "党籍信息",
                         6,
                         {{"事项", 16},
                          {"日期", 10},
                          {"截止日期", 10},
                          {"批准日期", 10},
                          {"批准文号", 14},
                          {"说明", 20}}},
    [DJ_REC_ORG_RELATION] =
        {"org_relation",
         "组织关系",
         5,
         {{"党组织", 24}, {"转入日期", 10}, {"转出日期", 10}, {"转接类型", 16}, {"备注", 20}}},
    [DJ_REC_DEV_STEP] = {"dev_step", "培养发展", 3, {{"步骤", 24}, {"日期", 10}, {"说明", 30}}},
    [DJ_REC_APPRAISAL] = {"appraisal",
                          "民主评议",
                          3,
                          {{"年度", 6}, {"评议结果", 10}, {"备注", 30}}},
    [DJ_REC_REWARD] = {"reward",
                       "奖惩",
                       6,
                       {{"类别", 14},
                        {"名称", 20},
                        {"日期", 10},
                        {"事由", 24},
                        {"批准机关", 16},
                        {"批准文号", 14}}},
};

void dj_recset_rows_free(struct dj_recset_rows *r)
{
    free(r->text);
    free(r->cells);
    free(r->ids);
    r->text = NULL;
    r->cells = NULL;
    r->ids = NULL;
    r->nrows = 0;
}
