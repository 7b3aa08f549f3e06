/*
 * SQLSTATE and constraint name -> what the clerk reads.  Lookup order:
 * sqlstate + constraint, then sqlstate alone, then its two-character class,
 * then a fallback naming the code (the full text is in the log).
 *
 * To give a constraint its own words, add a line to the first block, e.g.
 *     {"23505", "member_id_number_key", "该身份证号已登记；如有疑问请联系市委组织部", NULL, 0},
 * and to name a field in the generic messages, add its label at the end:
 *     {"person.nation", "民族"},  (serves person_nation_fkey, NOT NULL, ...)
 */
#include "db/error_table.h"

const struct dj_db_error_rule dj_db_error_rules[] = {
    /* ---- one constraint, its own words (later issues add theirs here) ---- */

    /* ---- our own SQL functions raise Chinese messages: show them as they are ---- */
    {"P0001", NULL, NULL, NULL, DJ_ERR_PRIMARY},

    /* ---- integrity ---- */
    {"23505", NULL, "该记录已存在，不能重复登记", "{field}已存在，不能重复登记", 0},
    {"23503", NULL, "所填代码不存在，请从列表中选择", "{field}代码不存在，请从列表中选择", 0},
    {"23514", NULL, "所填内容不符合要求，请检查后再保存", "{field}不符合要求，请检查后再保存", 0},
    {"23502", NULL, "有必填项没有填写", "{field}是必填项，请填写", 0},
    {"23P01", NULL, "与已有记录冲突（时间或范围重叠）", "{field}与已有记录冲突（时间或范围重叠）",
     0},
    {"23", NULL, "数据不符合完整性要求，未保存", NULL, 0},

    /* ---- data ---- */
    {"22001", NULL, "内容过长，请缩短后再保存", "{field}过长，请缩短后再保存", 0},
    {"22021", NULL, "内容含有无效的字符编码；请把终端的字符集设为 UTF-8 后重新输入", NULL, 0},
    {"22P05", NULL, "内容含有数据库不能保存的字符，请删去后再保存", NULL, 0},
    {"22P02", NULL, "所填内容格式不正确", "{field}格式不正确", 0},
    {"22007", NULL, "日期格式不正确，应为 年-月-日", "{field}格式不正确，应为 年-月-日", 0},
    {"22008", NULL, "日期不存在或超出范围", "{field}不存在或超出范围", 0},
    {"22003", NULL, "数值超出允许的范围", "{field}超出允许的范围", 0},
    {"22", NULL, "所填数据不正确，未保存", NULL, 0},

    /* ---- rights ---- */
    {"42501", NULL, "没有权限进行此操作；如需办理，请联系上级组织的管理员", NULL, 0},

    /* ---- another session got there first ---- */
    {"40001", NULL, "与他人同时操作发生冲突，请重试", NULL, DJ_ERR_RETRY},
    {"40P01", NULL, "与他人同时操作发生冲突，请重试", NULL, DJ_ERR_RETRY},
    {"55P03", NULL, "记录正被他人修改，请稍后重试", NULL, DJ_ERR_RETRY},
    {"40", NULL, "操作未完成，已撤销，请重试", NULL, DJ_ERR_RETRY},
    {"25P02", NULL, "前一步操作已出错，本次操作已撤销，请重试", NULL, 0},
    {"57014", NULL, "操作已取消或超时", NULL, 0},

    /* ---- the program and the database disagree ---- */
    {"42P01", NULL, "数据库结构与本程序版本不一致，请管理员执行 dangjian db migrate", NULL, 0},
    {"42703", NULL, "数据库结构与本程序版本不一致，请管理员执行 dangjian db migrate", NULL, 0},
    {"42883", NULL, "数据库结构与本程序版本不一致，请管理员执行 dangjian db migrate", NULL, 0},
    {"3F000", NULL, "数据库结构与本程序版本不一致，请管理员执行 dangjian db migrate", NULL, 0},

    /* ---- logging in (connection time) ---- */
    {"28P01", NULL, "用户名或密码错误", NULL, 0},
    {"28000", NULL, "数据库不允许该用户登录（可能已停用，或不允许从这台电脑登录）", NULL, 0},
    {"3D000", NULL, "要连接的数据库不存在，请检查配置文件中的 dbname", NULL, 0},
    {"53300", NULL, "数据库服务器的连接数已满，请稍后再试", NULL, 0},
    {"57P03", NULL, "数据库服务器正在启动或关闭，请稍后再试", NULL, 0},

    /* ---- the connection is gone ---- */
    {"57P01", NULL, "与数据库的连接已断开", NULL, DJ_ERR_LOST},
    {"57P02", NULL, "与数据库的连接已断开", NULL, DJ_ERR_LOST},
    {"08", NULL, "与数据库的连接已断开", NULL, DJ_ERR_LOST},

    /* ---- the rest ---- */
    {"53", NULL, "数据库服务器资源不足，请稍后再试", NULL, 0},
    {"XX", NULL, "数据库内部错误，请联系管理员（详情已写入日志）", NULL, 0},

    /* ---- issue 5 (sql/030): a development step written directly, not through its workflow ---- */
    {"42501", "dev_direct_write", NULL, NULL, DJ_ERR_PRIMARY},
    /* issue 6, member records (sql/040_records.sql): an ID number registered
     * elsewhere never says where; within the clerk's scope the server names the
     * person; the ID-number trigger's own words; the member file's refusals
     * (DJ001 stale version, DJ002 a field, DJ003 a rule, DJ004 not found). */
    {"23505", "person_id_number_key", "该身份证号码已在系统中登记，请与组织部门联系", NULL, 0},
    {"23505", "person_id_number_in_scope", "该身份证号码已登记，请勿重复登记", NULL,
     DJ_ERR_PRIMARY},
    {"23514", "person_id_number_valid", "身份证号不正确，请逐位核对", NULL, DJ_ERR_PRIMARY},
    {"23514", "person_birth_date_matches_id", "出生日期与身份证号不符", NULL, DJ_ERR_PRIMARY},
    {"23514", "person_sex_matches_id", "性别与身份证号不符", NULL, DJ_ERR_PRIMARY},
    {"23514", "person_in_transit_frozen", "该党员的组织关系正在转接，暂不能修改", NULL,
     DJ_ERR_PRIMARY},
    {"DJ001", NULL, "该记录已被他人修改并保存，您的修改没有保存", NULL, DJ_ERR_PRIMARY},
    {"DJ002", NULL, "填写的内容有误，请检查后再保存", NULL, DJ_ERR_PRIMARY},
    {"DJ003", NULL, "这项操作不能办理", NULL, DJ_ERR_PRIMARY},
    {"DJ004", NULL, "记录不存在或不在您的管理范围内，请刷新后再试", NULL, DJ_ERR_PRIMARY},
};
const size_t dj_db_error_rule_count = sizeof dj_db_error_rules / sizeof dj_db_error_rules[0];

/* Field labels for the {field} messages: "table.column" (or a constraint name
 * when one constraint needs its own).  Later issues add their forms' fields here. */
const struct dj_db_field_label dj_db_field_labels[] = {
    /* issue 6, member records */
    {"person.name", "姓名"},
    {"person.sex", "性别"},
    {"person.ethnicity", "民族"},
    {"person.birth_date", "出生日期"},
    {"person.id_number", "身份证号"},
    {"person.native_place", "籍贯"},
    {"person.education", "学历"},
    {"person.degree", "学位"},
    {"person.political_status", "政治面貌"},
    {"person.joined_work_on", "参加工作日期"},
    {"person.phone", "联系电话"},
    {"person.address", "家庭住址"},
    {"person.person_category", "工作岗位"},
    {"person.stage", "人员类别"},
    {"person.joined_party_on", "入党日期"},
    {"person.became_full_on", "转正日期"},
    {"person.history_detail", "情况说明"},
    {"person.exit_kind", "出党方式"},
    {"person.suspend_reason", "停止党籍原因"},
    {"person_member_has_join_date", "党员的入党日期"},
    {"person_join_date_only_members", "入党日期（只有党员才填）"},
    {"person_full_date_only_full", "转正日期（只有正式党员才填）"},
    {"person_full_after_join", "转正日期（不能早于入党日期）"},
    {"person_join_after_birth", "入党日期（应晚于出生日期）"},
    {"person_work_after_birth", "参加工作日期（应晚于出生日期）"},
    {"education.education", "学历"},
    {"education.degree", "学位"},
    {"education.school", "毕业院校"},
    {"education.major", "专业"},
    {"education_has_level", "学历学位（至少填写一项）"},
    {"education_dates_ordered", "毕业日期（不能早于入学日期）"},
    {"job.unit_name", "工作单位"},
    {"job.unit_nature", "单位性质"},
    {"job.person_category", "工作岗位"},
    {"job.post", "职务"},
    {"job_dates_ordered", "结束日期（不能早于开始日期）"},
    {"post.party_post", "党内职务"},
    {"post.org_id", "任职组织"},
    {"post.org_name", "任职组织名称"},
    {"post.approval_doc", "批准文号"},
    {"post.note", "备注"},
    {"post_dates_ordered", "免职日期（不能早于任职日期）"},
    {"tech_title.title", "专业技术职务"},
    {"tech_title.unit_name", "聘任单位"},
    {"tech_title_dates_ordered", "聘任终止日期（不能早于起始日期）"},
    {"standing.event", "事项"},
    {"standing.approval_doc", "批准文号"},
    {"standing.note", "说明"},
    {"standing_once", "该党籍事项（只能登记一次）"},
    {"standing_extend_has_end", "截止日期（只有延长预备期才填，且必须填）"},
    {"standing_dates_ordered", "截止日期（应晚于日期）"},
    {"standing_approved_after_event", "批准日期（不能早于日期）"},
    {"dev_step.step", "发展步骤"},
    {"dev_step.detail", "说明"},
    {"dev_step_once", "该发展步骤（每步只登记一次）"},
    {"appraisal.result", "评议结果"},
    {"appraisal.note", "备注"},
    {"appraisal_year_range", "年度"},
    {"appraisal_once_a_year", "该年度的民主评议结果"},
    {"reward.kind", "奖惩类别"},
    {"reward.title", "名称"},
    {"reward.reason", "事由"},
    {"reward.approved_by", "批准机关"},
    {"reward.approval_doc", "批准文号"},
    {NULL, NULL},
};
