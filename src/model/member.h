#ifndef DJ_MODEL_MEMBER_H
#define DJ_MODEL_MEMBER_H
/*
 * People as the read-only screens show them: a list row (the manual's member
 * list columns), the details of one person, and the rows of the record-set
 * tabs.  Every field is display text already (codes resolved to their names,
 * dates as YYYY-MM-DD, "" when empty), filled by src/db/members.h.  The
 * buffers are sized by the schema's limits (a character is at most 4 bytes),
 * so nothing a valid row holds is cut.
 *
 * Column metadata: label and a width in display columns (a CJK character
 * counts two) that fits the usual content; screens may widen the last column.
 */
#include <stdbool.h>
#include <stddef.h>

#include "model/date.h"

#define DJ_NAME_BYTES      204  /* 姓名, 组织名称: 50 characters */
#define DJ_LONG_NAME_BYTES 408  /* 组织全称, 单位, 地址: 100 characters (200: 804) */
#define DJ_CODE_NAME_BYTES 128  /* a code's name */
#define DJ_ID_NUMBER_BYTES 20   /* 18 characters */
#define DJ_SHORT_BYTES     128  /* 电话, 籍贯, initials (50 characters at most) */
#define DJ_NOTE_BYTES      2004 /* 500 characters */

/* Stage filter: bits of code.stage codes 1..9; 0 means every stage. */
#define DJ_STAGE(code)       (1u << (code))
#define DJ_STAGES_APPLICANTS (DJ_STAGE(1) | DJ_STAGE(2) | DJ_STAGE(3))
#define DJ_STAGES_MEMBERS    (DJ_STAGE(4) | DJ_STAGE(5))

/* Which people by their standing: current (history_reason NULL), the
 * manual's 历史党员 (left the roll: 出党, 死亡, 停止党籍, 转出本市), or both. */
enum dj_history {
    DJ_HISTORY_CURRENT = 0,
    DJ_HISTORY_ONLY,
    DJ_HISTORY_ANY,
};

/* Which page of a keyset-paged list: the first, the one after a key, the one
 * before a key, the last.  Pages always come back in ascending order. */
enum dj_page_dir {
    DJ_PAGE_FIRST,
    DJ_PAGE_NEXT,
    DJ_PAGE_PREV,
    DJ_PAGE_LAST,
};

#define DJ_PAGE_MAX 500 /* the largest page the database serves */

/* Where a page is in a list ordered by (name in pinyin order, id). */
struct dj_member_key {
    char name[DJ_NAME_BYTES];
    long long id;
};

struct dj_member_row {
    long long id;
    char name[DJ_NAME_BYTES];
    char sex[DJ_CODE_NAME_BYTES];
    char birth_date[DJ_DATE_STRLEN];
    char joined_party_on[DJ_DATE_STRLEN]; /* 入党日期 */
    char became_full_on[DJ_DATE_STRLEN];  /* 转正日期 */
    char person_category[DJ_CODE_NAME_BYTES];
    char education[DJ_CODE_NAME_BYTES];
    char stage[DJ_CODE_NAME_BYTES];
    long long org_id;
    char org_name[DJ_NAME_BYTES];
    char id_number[DJ_ID_NUMBER_BYTES];
    bool historical;
    bool in_transit;
};

/* The key of a row, for the page after (or before) it. */
void dj_member_key_of(const struct dj_member_row *row, struct dj_member_key *key);

/* A column of a list or table. */
struct dj_column {
    const char *label;
    int width;
};

/* The member list, in the manual's order: 姓名 性别 出生日期 入党日期 转正日期
 * 人员类别 (the stage: 正式党员, 入党积极分子 ...) 学历 所在组织, then for wider
 * screens 工作岗位 (code.person_category) and 身份证号. */
enum dj_member_col {
    DJ_MCOL_NAME,
    DJ_MCOL_SEX,
    DJ_MCOL_BIRTH_DATE,
    DJ_MCOL_JOINED,
    DJ_MCOL_FULL,
    DJ_MCOL_STAGE,
    DJ_MCOL_EDUCATION,
    DJ_MCOL_ORG,
    DJ_MCOL_CATEGORY,
    DJ_MCOL_ID_NUMBER,
    DJ_MCOL_COUNT
};
extern const struct dj_column dj_member_columns[DJ_MCOL_COUNT];

/* The text of one cell of a row. */
const char *dj_member_cell(const struct dj_member_row *row, enum dj_member_col col);

/* 基本信息: one person, every field. */
struct dj_member_detail {
    long long id;
    int version;
    char name[DJ_NAME_BYTES];
    char name_initials[DJ_SHORT_BYTES];
    char sex[DJ_CODE_NAME_BYTES];
    char ethnicity[DJ_CODE_NAME_BYTES];
    char birth_date[DJ_DATE_STRLEN];
    char id_number[DJ_ID_NUMBER_BYTES];
    char native_place[DJ_NAME_BYTES];
    char education[DJ_CODE_NAME_BYTES];
    char degree[DJ_CODE_NAME_BYTES];
    char political_status[DJ_CODE_NAME_BYTES];
    char joined_work_on[DJ_DATE_STRLEN];
    char phone[DJ_SHORT_BYTES];
    char address[804];
    char person_category[DJ_CODE_NAME_BYTES];
    char stage[DJ_CODE_NAME_BYTES];
    long long org_id;
    char org_code[64];
    char org_name[DJ_NAME_BYTES];
    char joined_party_on[DJ_DATE_STRLEN];
    char became_full_on[DJ_DATE_STRLEN];
    char history_reason[DJ_CODE_NAME_BYTES];
    char history_on[DJ_DATE_STRLEN];
    char history_detail[DJ_NOTE_BYTES];
    char exit_kind[DJ_CODE_NAME_BYTES];
    char suspend_reason[DJ_CODE_NAME_BYTES];
    bool in_transit;
    char transit_since[DJ_DATE_STRLEN];
    char transit_dest[DJ_LONG_NAME_BYTES];
    char updated_at[24];
    char updated_by[72];
};

/* The text fields of the details in screen order, for a generic read-only
 * form: label, offset and size of the char array in struct dj_member_detail. */
struct dj_detail_field {
    const char *label;
    size_t offset;
    size_t size;
};
extern const struct dj_detail_field dj_member_detail_fields[];
extern const size_t dj_member_detail_field_count;

/* The record-set tabs (the manual's 1.9.1.2 plus 奖惩), in tab order. */
enum dj_recset {
    DJ_REC_EDUCATION,
    DJ_REC_JOB,
    DJ_REC_POST,
    DJ_REC_TECH_TITLE,
    DJ_REC_STANDING,
    DJ_REC_ORG_RELATION,
    DJ_REC_DEV_STEP,
    DJ_REC_APPRAISAL,
    DJ_REC_REWARD,
    DJ_REC_COUNT
};

#define DJ_RECSET_MAX_COLS 8

struct dj_recset_def {
    const char *key;   /* the set's name for app.member_records */
    const char *title; /* the tab's label */
    int ncols;
    struct dj_column cols[DJ_RECSET_MAX_COLS];
};
extern const struct dj_recset_def dj_recsets[DJ_REC_COUNT];

/* The rows of one set: cell(r, c) for r < nrows, c < the set's ncols. */
struct dj_recset_rows {
    enum dj_recset set;
    size_t nrows;
    long long *ids;
    char **cells; /* nrows * ncols pointers into text; "" when empty */
    char *text;   /* one block holding every cell */
};

static inline const char *dj_recset_cell(const struct dj_recset_rows *r, size_t row, int col)
{
    return r->cells[row * (size_t)dj_recsets[r->set].ncols + (size_t)col];
}

/* Frees what the rows hold and empties them (safe on an emptied struct). */
void dj_recset_rows_free(struct dj_recset_rows *r);

#endif
