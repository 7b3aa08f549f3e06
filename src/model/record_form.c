/* The member file's forms (contract: record_form.h).  Keep in step with
 * app.form_field in sql/040_records.sql. */
#include "model/record_form.h"

#include <string.h>

#define TEXT(n, l, req, max)                                                                       \
    {                                                                                              \
        n, l, DJ_FK_TEXT, NULL, NULL, req, max, false, false                                       \
    }
#define NOTE(n, l, max)                                                                            \
    {                                                                                              \
        n, l, DJ_FK_TEXT, NULL, NULL, false, max, true, false                                      \
    }
#define DATE(n, l, req)                                                                            \
    {                                                                                              \
        n, l, DJ_FK_DATE, NULL, NULL, req, 0, false, false                                         \
    }
#define LATER(n, l, req)                                                                           \
    {                                                                                              \
        n, l, DJ_FK_DATE, NULL, NULL, req, 0, false, true                                          \
    }
#define CODE(n, l, kind, req)                                                                      \
    {                                                                                              \
        n, l, DJ_FK_CODE, kind, NULL, req, 0, false, false                                         \
    }
#define COUNT(a) (sizeof a / sizeof a[0])

static const struct dj_form_field person[] = {
    TEXT("name", "姓名", true, 50),
    CODE("sex", "性别", "sex", true),
    CODE("ethnicity", "民族", "ethnicity", false),
    DATE("birth_date", "出生日期", false),
    {"id_number", "身份证号", DJ_FK_ID_NUMBER, NULL, NULL, false, 18, false, false},
    TEXT("native_place", "籍贯", false, 50),
    CODE("education", "学历", "education", false),
    CODE("degree", "学位", "degree", false),
    CODE("political_status", "政治面貌", "political_status", false),
    DATE("joined_work_on", "参加工作日期", false),
    TEXT("phone", "联系电话", false, 30),
    TEXT("address", "家庭住址", false, 200),
    CODE("person_category", "工作岗位", "person_category", false),
};

static const struct dj_form_field membership[] = {
    CODE("stage", "人员类别", "stage", true),
    DATE("joined_party_on", "入党日期", true),
    DATE("became_full_on", "转正日期", false),
    TEXT("approval_doc", "批准文号", false, 50),
    NOTE("note", "说明", 500),
};

static const struct dj_form_field transfer[] = {
    TEXT("org_name", "原所在党组织", false, 100),
    DATE("from_date", "转入日期", false),
    CODE("transfer_kind", "转接类型", "transfer_kind", false),
    NOTE("note", "备注", 200),
};

static const struct dj_form_field education[] = {
    CODE("education", "学历", "education", false),
    CODE("degree", "学位", "degree", false),
    TEXT("school", "毕业院校", false, 100),
    TEXT("major", "专业", false, 100),
    {"full_time", "学习形式", DJ_FK_BOOL, NULL, "t=全日制;f=在职", false, 0, false, false},
    DATE("from_date", "入学日期", false),
    DATE("to_date", "毕业日期", false),
};

static const struct dj_form_field job[] = {
    TEXT("unit_name", "工作单位", true, 100),
    CODE("unit_nature", "单位性质", "unit_nature", false),
    CODE("person_category", "工作岗位", "person_category", false),
    TEXT("post", "职务", false, 50),
    DATE("from_date", "开始日期", false),
    DATE("to_date", "结束日期", false),
};

static const struct dj_form_field post[] = {
    CODE("party_post", "党内职务", "party_post", true),
    {"org_id", "任职组织", DJ_FK_ORG, NULL, NULL, false, 0, false, false},
    TEXT("org_name", "任职组织名称", false, 100),
    DATE("from_date", "任职日期", true),
    DATE("to_date", "免职日期", false),
    TEXT("approval_doc", "批准文号", false, 50),
    NOTE("note", "备注", 200),
};

static const struct dj_form_field tech_title[] = {
    CODE("title", "专业技术职务", "tech_title", true),
    DATE("qualified_on", "取得资格日期", false),
    TEXT("unit_name", "聘任单位", false, 100),
    DATE("from_date", "聘任起始", false),
    DATE("to_date", "聘任终止", false),
};

static const struct dj_form_field standing[] = {
    {"event", "事项", DJ_FK_CHOICE, NULL,
     "join=接收为预备党员;full=转为正式党员;extend=延长预备期;cancel=取消预备党员资格;"
     "suspend=停止党籍;restore=恢复党籍;note=其他党籍说明",
     true, 0, false, false},
    DATE("event_date", "日期", true),
    LATER("until_date", "截止日期", false),
    DATE("approved_on", "批准日期", false),
    TEXT("approval_doc", "批准文号", false, 50),
    NOTE("note", "说明", 500),
};

static const struct dj_form_field org_relation[] = {
    TEXT("org_name", "党组织", true, 100),
    DATE("from_date", "转入日期", true),
    DATE("to_date", "转出日期", false),
    CODE("transfer_kind", "转接类型", "transfer_kind", false),
    NOTE("note", "备注", 200),
};

static const struct dj_form_field dev_step[] = {
    CODE("step", "步骤", "dev_step", true),
    DATE("step_date", "日期", true),
    NOTE("detail", "说明", 500),
};

static const struct dj_form_field appraisal[] = {
    {"year", "年度", DJ_FK_INT, NULL, NULL, true, 0, false, false},
    CODE("result", "评议结果", "appraisal", true),
    NOTE("note", "备注", 200),
};

static const struct dj_form_field reward[] = {
    CODE("kind", "类别", "reward_kind", true),   TEXT("title", "名称", false, 100),
    DATE("reward_date", "日期", true),           NOTE("reason", "事由", 500),
    TEXT("approved_by", "批准机关", false, 100), TEXT("approval_doc", "批准文号", false, 50),
};

#define FORM(k, t, s, ro, a)                                                                       \
    {                                                                                              \
        k, t, s, ro, COUNT(a), a                                                                   \
    }

const struct dj_form_def dj_forms[] = {
    FORM("person", "基本信息", "基本信息保存成功！", false, person),
    FORM("membership", "党籍", "党籍信息保存成功！", false, membership),
    FORM("transfer", "组织关系", "组织关系信息保存成功！", false, transfer),
    FORM("education", "学历学位", "学历学位信息保存成功！", false, education),
    FORM("job", "工作岗位", "工作岗位信息保存成功！", false, job),
    FORM("post", "职务信息", "工作职务信息保存成功！", false, post),
    FORM("tech_title", "技术职务", "技术职务信息保存成功！", false, tech_title),
    FORM("standing", "党籍信息", "党籍信息保存成功！", false, standing),
    FORM("org_relation", "组织关系", "组织关系信息保存成功！", true, org_relation),
    FORM("dev_step", "培养发展", "培养发展信息保存成功！", false, dev_step),
    FORM("appraisal", "民主评议", "民主评议信息保存成功！", false, appraisal),
    FORM("reward", "奖惩", "奖惩信息保存成功！", false, reward),
};
const size_t dj_form_count = COUNT(dj_forms);

const struct dj_form_def *dj_form_find(const char *key)
{
    for (size_t i = 0; key != NULL && i < dj_form_count; i++)
        if (strcmp(dj_forms[i].key, key) == 0)
            return &dj_forms[i];
    return NULL;
}

const struct dj_form_field *dj_form_field_find(const struct dj_form_def *form, const char *name)
{
    for (size_t i = 0; form != NULL && name != NULL && i < form->nfields; i++)
        if (strcmp(form->fields[i].name, name) == 0)
            return &form->fields[i];
    return NULL;
}
