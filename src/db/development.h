#ifndef DJ_DB_DEVELOPMENT_H
#define DJ_DB_DEVELOPMENT_H
/*
 * Member development, applicant to full member (the manual's 1.1-1.5), through
 * the database functions of sql/030_development.sql; reminders through
 * app.remind (sql/031_remind.sql).
 *
 * - Each workflow call is one database function, one transaction, scoped to
 *   the clerk (a person or organization outside the scope is "不存在", like
 *   one that does not exist).  The rules live in the database; their numbers
 *   in app.setting.  A refusal comes back as -1 with err->message naming the
 *   rule and the dates (Chinese, shown as it is).
 * - Warnings: called with confirm false, a call that has warnings changes
 *   nothing and returns 0 with out->done false and the warnings in out; call
 *   again with confirm true to go on (the audit then notes which warnings were
 *   accepted).  A call without warnings is done at once (out->done true),
 *   confirm or not.
 * - version: the person's version as last read (dj_applicant_row.version,
 *   dj_member_detail.version, dj_dev_status.version); 0 skips the check.  When
 *   someone saved first the call is refused with who and when.
 * - Dates are "YYYY-MM-DD" text; NULL or "" means not given.  Codes (sex,
 *   ethnicity ...) are code-table codes.  Text pointers may be NULL.
 * - Messages the screens show on success (the manual's words):
 *   DJ_DEV_MSG_APPLY, DJ_DEV_MSG_DEVELOP, DJ_DEV_MSG_ADMIT, DJ_DEV_MSG_FULL.
 * - Direct writes that would skip a rule (a stage, the probation's start, the
 *   workflow steps 01 03 07 15, an extension) are refused to clerks; the other
 *   steps and the contacts stay editable in the 培养发展 tab.
 *
 * Measured on 300,000 generated people (17,204 in development), warm, as the
 * clerk of each level, at the database: applicants list first page 9-20 ms,
 * count 4-22 ms; reminders city 330-460 ms, district 80, committee 27,
 * branch 17 (sql/031_remind.sql says where the time goes).
 */
#include <stdbool.h>
#include <stddef.h>

#include "db/db.h"
#include "model/member.h"

#define DJ_DEV_MSG_APPLY   "申请入党人信息添加成功！"
#define DJ_DEV_MSG_DEVELOP "培养发展信息保存成功！"
#define DJ_DEV_MSG_ADMIT   "申请人已成功吸收为预备党员！"
#define DJ_DEV_MSG_FULL    "党员转正成功！"
#define DJ_DEV_MSG_EXTEND  "延长预备期保存成功！"
#define DJ_DEV_MSG_CANCEL  "取消预备党员资格保存成功！"

#define DJ_DEV_WARN_MAX   8
#define DJ_DEV_WARN_BYTES 512
#define DJ_DEV_REF_MAX    4   /* contacts or sponsors passed in one call */
#define DJ_DEV_ADMIT_MAX  200 /* people admitted in one call */
#define DJ_DEV_STEP_COUNT 25

/* Stage codes (code.stage). */
#define DJ_DEV_APPLICANT    "1" /* 入党申请人 (the manual's 申请者) */
#define DJ_DEV_ACTIVIST     "2" /* 入党积极分子 */
#define DJ_DEV_TARGET       "3" /* 发展对象 */
#define DJ_DEV_PROBATIONARY "4" /* 预备党员 */
#define DJ_DEV_FULL         "5" /* 正式党员 */

struct dj_dev_result {
    long long person_id; /* the new applicant's id (dj_dev_apply, when done), else the person's */
    bool done;           /* false: nothing changed, the warnings wait for confirmation */
    int nwarnings;
    char warnings[DJ_DEV_WARN_MAX][DJ_DEV_WARN_BYTES];
};

/* A cultivation contact (培养联系人) or sponsor (入党介绍人): a full member,
 * by id when in this registry (the database checks they are a full member and
 * fills in the name), else by name alone (member_id 0). */
struct dj_dev_ref {
    long long member_id;
    const char *name;
};

/* 1.1 新增: basic information (step one) and 培养发展 (step two). */
struct dj_dev_applicant {
    long long org_id; /* the branch the application was made to */
    const char *name;
    const char *sex; /* code.sex */
    const char *ethnicity;
    const char *birth_date; /* filled from the ID number when NULL */
    const char *id_number;  /* "#" or NULL: unknown (then birth_date is required) */
    const char *native_place;
    const char *education;
    const char *degree;
    const char *political_status;
    const char *joined_work_on;
    const char *phone;
    const char *address;
    const char *person_category; /* 工作岗位 */
    const char *applied_on;      /* 递交入党申请书 (required) */
    const char *talk_on;         /* 党组织派人谈话, if held already */
    const char *talk_note;
};
int dj_dev_apply(struct dj_db *db, const struct dj_dev_applicant *a, bool confirm,
                 struct dj_dev_result *out, struct dj_db_error *err);

/* 1.2 申请人转为积极分子. */
struct dj_dev_activist {
    long long person_id;
    int version;
    const char *activist_on; /* 列为入党积极分子日期 (required) */
    const char *filed_on;    /* 上级党委备案, if done */
    const char *talk_on;     /* the talk, when it was not recorded at 1.1 */
    int ncontacts;           /* 1..2 (app.setting dev.contacts_min/max) */
    struct dj_dev_ref contacts[DJ_DEV_REF_MAX];
};
int dj_dev_activist(struct dj_db *db, const struct dj_dev_activist *a, bool confirm,
                    struct dj_dev_result *out, struct dj_db_error *err);

/* 1.3 积极分子转为发展对象. */
struct dj_dev_target {
    long long person_id;
    int version;
    const char *target_on;     /* 列为发展对象日期 (required; a year after 1.2 at least) */
    const char *filed_on;      /* 报上级党委备案 */
    const char *review_on;     /* 政治审查 */
    const char *training_on;   /* 集中培训 (end date) */
    int training_days;         /* 0: not given */
    int training_hours;        /* 0: not given */
    const char *training_note; /* 培训情况 */
    int nsponsors;             /* 0, or dev.sponsors (2) */
    struct dj_dev_ref sponsors[DJ_DEV_REF_MAX];
};
int dj_dev_target(struct dj_db *db, const struct dj_dev_target *t, bool confirm,
                  struct dj_dev_result *out, struct dj_db_error *err);

/* 1.4 吸收: every person ticked, or none (the error names who and why). */
struct dj_dev_admission {
    const long long *person_ids;
    const int *versions;    /* same length, or NULL: unchecked */
    int count;              /* 1..DJ_DEV_ADMIT_MAX */
    const char *meeting_on; /* 支部大会讨论 (required): 入党日期, the probation's start */
    const char *approved_on; /* 上级党委审批, if given already (dj_dev_approve later) */
    const char *branch_committee_on; /* 支部委员会审查 */
    const char *pre_review_on;       /* 上级党委预审 */
    const char *form_on;             /* 填写入党志愿书 */
    const char *upper_talk_on;       /* 上级党委派人谈话 */
    const char *filed_on;            /* 再上一级党委组织部门备案 */
    int nsponsors;                   /* for those whose sponsors 1.3 did not record */
    struct dj_dev_ref sponsors[DJ_DEV_REF_MAX];
};
int dj_dev_admit(struct dj_db *db, const struct dj_dev_admission *a, bool confirm,
                 struct dj_dev_result *out, struct dj_db_error *err);

/* 上级党委审批 of an admission recorded without it (warned after 3 months). */
int dj_dev_approve(struct dj_db *db, long long person_id, int version, const char *approved_on,
                   bool confirm, struct dj_dev_result *out, struct dj_db_error *err);

/* 1.5 转正: full_on (转正日期) on or after the probation's end. */
struct dj_dev_full {
    long long person_id;
    int version;
    const char *full_on;     /* required */
    const char *meeting_on;  /* 支部大会讨论 */
    const char *approved_on; /* 上级党委审批 */
    const char *note;        /* 转正情况 */
};
int dj_dev_confirm(struct dj_db *db, const struct dj_dev_full *f, bool confirm,
                   struct dj_dev_result *out, struct dj_db_error *err);

/* 延长预备期: once only, months in dev.extension_min..max (6..12). */
int dj_dev_extend(struct dj_db *db, long long person_id, int version, const char *decided_on,
                  int months, const char *reason, bool confirm, struct dj_dev_result *out,
                  struct dj_db_error *err);

/* 取消预备党员资格: the person leaves the roll (历史党员, 出党方式 6). */
int dj_dev_cancel(struct dj_db *db, long long person_id, int version, const char *decided_on,
                  const char *reason, bool confirm, struct dj_dev_result *out,
                  struct dj_db_error *err);

/* Records one of the 25 steps that no workflow above records (02 谈话, 04,
 * 06, 08, 10, 11, 12-14, 16-25 ...) or corrects its date and detail; the
 * workflow steps 01, 03, 07, 15 are refused here.  step: 1..25. */
int dj_dev_record_step(struct dj_db *db, long long person_id, int version, int step,
                       const char *date, const char *detail, bool confirm,
                       struct dj_dev_result *out, struct dj_db_error *err);

/* ---- reading ---- */

/* 申请人管理: applicants, activists and development targets (current ones). */
struct dj_applicant_row {
    long long id;
    int version;
    char name[DJ_NAME_BYTES];
    char sex[DJ_CODE_NAME_BYTES];
    char birth_date[DJ_DATE_STRLEN];
    char stage_code[4];
    char stage[DJ_CODE_NAME_BYTES]; /* 入党申请人, 入党积极分子, 发展对象 */
    long long org_id;
    char org_name[DJ_NAME_BYTES];
    char applied_on[DJ_DATE_STRLEN];  /* 申请入党日期 */
    char talk_on[DJ_DATE_STRLEN];     /* 谈话日期 */
    char activist_on[DJ_DATE_STRLEN]; /* 列为积极分子日期 */
    char target_on[DJ_DATE_STRLEN];   /* 列为发展对象日期 */
    char id_number[DJ_ID_NUMBER_BYTES];
};

/* One page of org's applicants (subtree: and its subtree's), pinyin order,
 * keyset paging exactly as dj_members_page (key: name and id of the last or
 * first row shown, dj_applicant_key_of). */
int dj_applicants_page(struct dj_db *db, long long org_id, bool subtree, enum dj_page_dir dir,
                       const struct dj_member_key *key, struct dj_applicant_row *rows,
                       int page_size, int *count, struct dj_db_error *err);
long long dj_applicants_count(struct dj_db *db, long long org_id, bool subtree, long long cap,
                              struct dj_db_error *err);
void dj_applicant_key_of(const struct dj_applicant_row *row, struct dj_member_key *key);

/* A person's development: stage and the dates the rules compare. */
struct dj_dev_status {
    long long person_id;
    int version;
    char name[DJ_NAME_BYTES];
    char stage_code[4];
    char stage[DJ_CODE_NAME_BYTES];
    bool historical;
    char applied_on[DJ_DATE_STRLEN];
    char talk_on[DJ_DATE_STRLEN];
    char activist_on[DJ_DATE_STRLEN];
    char target_eligible_on[DJ_DATE_STRLEN]; /* activist_on + dev.activist_min */
    char target_on[DJ_DATE_STRLEN];
    char joined_on[DJ_DATE_STRLEN];     /* 支部大会 = 入党日期 */
    char approved_on[DJ_DATE_STRLEN];   /* 上级党委审批 of the admission */
    char probation_end[DJ_DATE_STRLEN]; /* with the extension, if any */
    char extended_until[DJ_DATE_STRLEN];
    char full_on[DJ_DATE_STRLEN];
};
/* 0, 1 when there is no such person in the clerk's scope, or -1 with err. */
int dj_dev_status_load(struct dj_db *db, long long person_id, struct dj_dev_status *out,
                       struct dj_db_error *err);

/* The 25 steps in order, each with its date ("" when not recorded yet). */
struct dj_dev_step_row {
    int step; /* 1..25 */
    char name[DJ_CODE_NAME_BYTES];
    char phase[DJ_CODE_NAME_BYTES]; /* 申请入党, 积极分子, 发展对象, 接收预备党员, 转正 */
    char date[DJ_DATE_STRLEN];
    char detail[DJ_NOTE_BYTES];
};
/* Fills rows[0..24].  0, 1 when the person is not in scope, or -1 with err. */
int dj_dev_steps(struct dj_db *db, long long person_id,
                 struct dj_dev_step_row rows[DJ_DEV_STEP_COUNT], struct dj_db_error *err);

/* ---- reminders (app.remind) ---- */
enum dj_remind_kind {
    DJ_REMIND_TALK = 0,          /* 谈话逾期: no talk a month after the application */
    DJ_REMIND_ACTIVIST_YEAR,     /* 积极分子满一年 (or within 30 days of it) */
    DJ_REMIND_PROBATION_DUE,     /* 预备期将满 (within 30 days) */
    DJ_REMIND_PROBATION_OVERDUE, /* 预备期已满未转正 */
    DJ_REMIND_APPROVAL_OVERDUE,  /* 接收预备党员审批逾期 */
    DJ_REMIND_KIND_COUNT
};
struct dj_remind_row {
    enum dj_remind_kind kind;
    char kind_name[DJ_CODE_NAME_BYTES]; /* the Chinese words above */
    long long person_id;
    char name[DJ_NAME_BYTES];
    long long org_id;
    char org_name[DJ_NAME_BYTES];
    char due_on[DJ_DATE_STRLEN]; /* the date that matters (deadline or anniversary) */
    char note[DJ_DEV_WARN_BYTES];
};
/* Reminders in the clerk's scope as of as_of (NULL or "": the server's
 * today), by date then name.  *out is malloc'd (free it), *count its length. */
int dj_remind(struct dj_db *db, const char *as_of, struct dj_remind_row **out, size_t *count,
              struct dj_db_error *err);
/* The English code of a kind (talk, activist_year, probation_due,
 * probation_overdue, approval_overdue), for CSV. */
const char *dj_remind_kind_code(enum dj_remind_kind kind);

#endif
