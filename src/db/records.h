#ifndef DJ_DB_RECORDS_H
#define DJ_DB_RECORDS_H
/*
 * Writing a member's file (manual 1.9): the add-member wizard in one call,
 * the tabs' rows, 基本信息, and the ways off the active roll (出党, 死亡,
 * 停止党籍) with the administrator's restore.
 *
 * Values travel as struct dj_fields: (field name, text value) pairs, the
 * field names those of src/model/record_form.h (a form's columns), the values
 * as typed: dates YYYY-MM-DD, codes as code.<kind> codes, booleans t/f, ""
 * or NULL for empty.  Every value is a parameter; the SQL functions of
 * sql/040_records.sql check every field and name it in their message, so a
 * refused save says what to fix.  Each call is one transaction: nothing is
 * half written.
 *
 * Concurrency: every change of an existing row carries the version the clerk
 * loaded.  When someone saved the row in between, the call fails with
 * err->sqlstate DJ_SQLSTATE_STALE (dj_records_is_stale) and a message naming
 * who saved and when (local time to the minute); nothing is written, and the
 * form should stay open with what was typed.
 *
 * An ID number registered to another person is refused with
 * DJ_SQLSTATE_ID_TAKEN; outside the clerk's scope the message says only that
 * it is registered and to contact the organization department.
 *
 * Rights: row-level security decides (a row outside the clerk's scope is "not
 * found").  组织关系 rows are read-only here (transfer workflows write them);
 * a person is never deleted; restore is for administrators only.
 */
#include <stdbool.h>

#include "db/db.h"
#include "model/member.h"
#include "model/record_form.h"

#define DJ_SQLSTATE_STALE    "DJ001" /* someone else saved first */
#define DJ_SQLSTATE_ID_TAKEN "23505" /* with constraint person_id_number_key */

#define DJ_FIELDS_MAX      24
#define DJ_FIELD_NAME_MAX  32
#define DJ_FIELD_VALUE_MAX DJ_NOTE_BYTES

struct dj_field {
    char name[DJ_FIELD_NAME_MAX];
    char value[DJ_FIELD_VALUE_MAX];
    bool null; /* empty (NULL): also when value is "" */
};

/* A form's values.  Plain data: copy it, keep it in a form, zero it to empty. */
struct dj_fields {
    int n;
    struct dj_field f[DJ_FIELDS_MAX];
};

/* Sets name to value (NULL or "" = empty), replacing an earlier value of the
 * same name.  Returns 0, or -1 when the set is full or a name/value is too long. */
int dj_fields_set(struct dj_fields *fs, const char *name, const char *value);
/* The value of name, or NULL when absent or empty. */
const char *dj_fields_get(const struct dj_fields *fs, const char *name);
void dj_fields_clear(struct dj_fields *fs);

/* Checks one page of a form without writing anything (the wizard's 下一步):
 * form is a record_form key ("person", "membership", "transfer", or a record
 * set's key).  0 when good, -1 with err naming the first bad field. */
int dj_form_check(struct dj_db *db, const char *form, const struct dj_fields *fs,
                  struct dj_db_error *err);

/* 新增党员 (1.9.1.1): the wizard's pages, in one transaction: app.person from
 * person + membership (stage 4 or 5, 入党日期, 转正日期), the 学历学位 row from
 * education, the 工作岗位 row from job, the 党籍信息 rows (接收为预备党员, and
 * 转为正式党员 when full), and the open 组织关系 row in org_id, with what
 * transfer says (may be NULL or empty).  education and job may be NULL to skip.
 * On success *new_id is the person's id.  Returns 0 or -1 with err. */
int dj_member_add(struct dj_db *db, long long org_id, const struct dj_fields *person,
                  const struct dj_fields *membership, const struct dj_fields *education,
                  const struct dj_fields *job, const struct dj_fields *transfer, long long *new_id,
                  struct dj_db_error *err);

/* 基本信息 as stored (codes, not names) for the edit form, with its version.
 * Returns 0, 1 when there is no such person in the clerk's scope, or -1. */
int dj_person_load(struct dj_db *db, long long id, struct dj_fields *out, int *version,
                   struct dj_db_error *err);

/* Saves 基本信息 (the fields present in fs; a field absent is left as it is;
 * present and empty clears it).  version: as loaded.  On success *new_version
 * (may be NULL) is the row's new version. */
int dj_person_update(struct dj_db *db, long long id, int version, const struct dj_fields *fs,
                     int *new_version, struct dj_db_error *err);

/* One row of a record set as stored, for its edit form.  0, 1 when not found
 * (or outside the scope), -1 with err. */
int dj_record_load(struct dj_db *db, enum dj_recset set, long long row_id, struct dj_fields *out,
                   int *version, struct dj_db_error *err);

/* 添加 / 修改 / 删除 a row of a tab.  DJ_REC_ORG_RELATION is refused (transfer
 * workflows only).  update: the fields present; version as loaded. */
int dj_record_add(struct dj_db *db, enum dj_recset set, long long person_id,
                  const struct dj_fields *fs, long long *new_id, struct dj_db_error *err);
int dj_record_update(struct dj_db *db, enum dj_recset set, long long row_id, int version,
                     const struct dj_fields *fs, struct dj_db_error *err);
int dj_record_delete(struct dj_db *db, enum dj_recset set, long long row_id, int version,
                     struct dj_db_error *err);

/* The ways off the roll; the person becomes a 历史党员 with the date and
 * reason.  on: YYYY-MM-DD.  version: the person's, as loaded.
 *   出党     exit_kind: code.exit_kind; reason optional (情况说明)
 *   死亡     reason optional
 *   停止党籍 suspend_reason: code.suspend_reason; detail optional
 *   恢复     administrators only; reason required (it goes to the audit log) */
int dj_member_leave(struct dj_db *db, long long id, int version, const char *on,
                    const char *exit_kind, const char *reason, struct dj_db_error *err);
int dj_member_death(struct dj_db *db, long long id, int version, const char *on, const char *reason,
                    struct dj_db_error *err);
int dj_member_suspend(struct dj_db *db, long long id, int version, const char *on,
                      const char *suspend_reason, const char *detail, struct dj_db_error *err);
int dj_member_restore(struct dj_db *db, long long id, int version, const char *reason,
                      struct dj_db_error *err);

/* err is the refusal of a stale version (someone else saved first). */
bool dj_records_is_stale(const struct dj_db_error *err);

/* Which field a refusal is about, so the form can put the cursor there: the
 * form key ("person", "membership", "transfer", a record set's key, or
 * "history" for the 出党/死亡/停止党籍/恢复 dialogs, whose fields are
 * history_on, exit_kind, suspend_reason, history_detail) and the field name.
 * True when err names one (DJ002 refusals, and the ID-number, birth-date and
 * sex checks of app.person); false otherwise (then both are ""). */
bool dj_records_bad_field(const struct dj_db_error *err, char *form, size_t form_len, char *field,
                          size_t field_len);

#endif
