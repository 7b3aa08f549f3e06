/* Member development workflows, lists and reminders (contract: development.h). */
#include "db/development.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/error_table.h"

/* Each workflow function returns one app.dev_result; unnest gives one row per
 * warning (or one row with NULL when there is none), so no array parsing. */
#define RESULT_OF(call)                                                                            \
    "SELECT r.person_id, r.done, w FROM " call                                                     \
    " AS r LEFT JOIN LATERAL unnest(r.warnings) WITH ORDINALITY AS u(w, n) ON true ORDER BY u.n"

static const char SQL_APPLY[] = RESULT_OF(
    "app.dev_apply($1::bigint, $2, $3, $4, $5::date, $6, $7, $8, $9, $10, $11::date, $12, $13,"
    " $14, $15::date, $16::date, $17, $18::boolean)");
static const char SQL_ACTIVIST[] = RESULT_OF(
    "app.dev_activist($1::bigint, $2::integer, $3::date, $4::date, $5::date, $6::bigint[],"
    " $7::text[], $8::boolean)");
static const char SQL_TARGET[] =
    RESULT_OF("app.dev_target($1::bigint, $2::integer, $3::date, $4::date, $5::date, $6::date,"
              " $7::integer, $8::integer, $9, $10::bigint[], $11::text[], $12::boolean)");
static const char SQL_ADMIT[] =
    RESULT_OF("app.dev_admit($1::bigint[], $2::integer[], $3::date, $4::date, $5::date, $6::date,"
              " $7::date, $8::date, $9::date, $10::bigint[], $11::text[], $12::boolean)");
static const char SQL_APPROVE[] =
    RESULT_OF("app.dev_approve($1::bigint, $2::integer, $3::date, $4::boolean)");
static const char SQL_CONFIRM[] = RESULT_OF(
    "app.dev_confirm($1::bigint, $2::integer, $3::date, $4::date, $5::date, $6, $7::boolean)");
static const char SQL_EXTEND[] =
    RESULT_OF("app.dev_extend($1::bigint, $2::integer, $3::date, $4::integer, $5, $6::boolean)");
static const char SQL_CANCEL[] =
    RESULT_OF("app.dev_cancel($1::bigint, $2::integer, $3::date, $4, $5::boolean)");
static const char SQL_STEP[] =
    RESULT_OF("app.dev_record_step($1::bigint, $2::integer, $3, $4::date, $5, $6::boolean)");

static const char SQL_PAGE[] =
    "SELECT id, version, name, sex, birth_date, stage_code, stage, org_id, org_name, applied_on,"
    "       talk_on, activist_on, target_on, id_number"
    "  FROM app.applicant_page($1::bigint, $2::boolean, $3::text, $4::bigint, $5::boolean,"
    "                          $6::integer)";
static const char SQL_COUNT[] = "SELECT app.applicant_count($1::bigint, $2::boolean, $3::integer)";
static const char SQL_STATUS[] =
    "SELECT person_id, version, name, stage_code, stage, historical, applied_on, talk_on,"
    "       activist_on, target_eligible_on, target_on, joined_on, approved_on, probation_end,"
    "       extended_until, full_on"
    "  FROM app.dev_status($1::bigint)";
static const char SQL_STEPS[] =
    "SELECT step, name, phase, step_date, detail FROM app.dev_steps($1::bigint)";
static const char SQL_REMIND[] =
    "SELECT kind, kind_name, person_id, name, org_id, org_name, due_on, note"
    "  FROM app.remind(coalesce($1::date, current_date))";

static const char *const REMIND_CODES[DJ_REMIND_KIND_COUNT] = {
    "talk", "activist_year", "probation_due", "probation_overdue", "approval_overdue",
};

const char *dj_remind_kind_code(enum dj_remind_kind kind)
{
    return (unsigned)kind < DJ_REMIND_KIND_COUNT ? REMIND_CODES[kind] : "";
}

/* Copies src, cutting a value too long for dst at a character boundary. */
static void copy_text(char *dst, size_t len, const char *src)
{
    size_t n = strlen(src);
    if (n >= len) {
        n = len - 1;
        while (n > 0 && ((unsigned char)src[n] & 0xC0) == 0x80)
            n--;
    }
    memcpy(dst, src, n);
    dst[n] = '\0';
}

static void get(char *dst, size_t len, const PGresult *res, int row, int col)
{
    copy_text(dst, len, PQgetisnull(res, row, col) ? "" : PQgetvalue(res, row, col));
}

static long long get_ll(const PGresult *res, int row, int col)
{
    return PQgetisnull(res, row, col) ? 0 : strtoll(PQgetvalue(res, row, col), NULL, 10);
}

static bool get_bool(const PGresult *res, int row, int col)
{
    return !PQgetisnull(res, row, col) && PQgetvalue(res, row, col)[0] == 't';
}

static int refuse(struct dj_db_error *err, enum dj_db_err_kind kind, const char *message)
{
    memset(err, 0, sizeof *err);
    err->kind = kind;
    dj_db_error_set_message(err, message);
    return -1;
}

/* "" is not given: SQL NULL. */
static const char *opt(const char *s)
{
    return s != NULL && s[0] != '\0' ? s : NULL;
}

/* Room for the text of numeric parameters. */
struct nums {
    char v[8][24];
    int used;
};

static const char *num(struct nums *n, long long value)
{
    char *s = n->v[n->used++];
    snprintf(s, sizeof n->v[0], "%lld", value);
    return s;
}

/* 0 means not given (NULL). */
static const char *num_opt(struct nums *n, long long value)
{
    return value != 0 ? num(n, value) : NULL;
}

/*
 * Array literals of the references: {1,NULL} and {"张三","李四"}.  Names are
 * quoted with " and \ escaped, so any text is one element.  Returns 0, or -1
 * when a buffer is too small (the caller refuses).
 */
struct ref_arrays {
    char ids[DJ_DEV_REF_MAX * 24 + 8];
    char names[DJ_DEV_REF_MAX * 420 + 8];
};

static int append(char *buf, size_t len, size_t *pos, const char *s)
{
    size_t n = strlen(s);
    if (*pos + n + 1 > len)
        return -1;
    memcpy(buf + *pos, s, n + 1);
    *pos += n;
    return 0;
}

static int ref_arrays(const struct dj_dev_ref *refs, int count, struct ref_arrays *out)
{
    size_t pi = 0, pn = 0;
    if (count < 0 || count > DJ_DEV_REF_MAX)
        return -1;
    if (append(out->ids, sizeof out->ids, &pi, "{") ||
        append(out->names, sizeof out->names, &pn, "{"))
        return -1;
    for (int i = 0; i < count; i++) {
        const char *sep = i > 0 ? "," : "";
        char id[24];
        if (refs[i].member_id > 0)
            snprintf(id, sizeof id, "%s%lld", sep, refs[i].member_id);
        else
            snprintf(id, sizeof id, "%sNULL", sep);
        if (append(out->ids, sizeof out->ids, &pi, id) ||
            append(out->names, sizeof out->names, &pn, sep))
            return -1;
        const char *name = opt(refs[i].name);
        if (name == NULL) {
            if (append(out->names, sizeof out->names, &pn, "NULL"))
                return -1;
            continue;
        }
        if (pn + 2 * strlen(name) + 4 > sizeof out->names)
            return -1;
        out->names[pn++] = '"';
        for (const char *c = name; *c; c++) {
            if (*c == '"' || *c == '\\')
                out->names[pn++] = '\\';
            out->names[pn++] = *c;
        }
        out->names[pn++] = '"';
        out->names[pn] = '\0';
    }
    if (append(out->ids, sizeof out->ids, &pi, "}") ||
        append(out->names, sizeof out->names, &pn, "}"))
        return -1;
    return 0;
}

/* Runs a workflow call and reads its result rows. */
static int run(struct dj_db *db, const char *sql, int nparams, const char *const *params,
               struct dj_dev_result *out, struct dj_db_error *err)
{
    memset(out, 0, sizeof *out);
    PGresult *res = dj_db_query(db, err, sql, nparams, params);
    if (res == NULL)
        return -1;
    int n = PQntuples(res);
    if (n < 1) {
        PQclear(res);
        return refuse(err, DJ_DB_ERR_REFUSED,
                      "数据库没有返回结果，请管理员执行 dangjian db migrate");
    }
    out->person_id = get_ll(res, 0, 0);
    out->done = get_bool(res, 0, 1);
    for (int i = 0; i < n; i++) {
        if (PQgetisnull(res, i, 2))
            continue;
        if (out->nwarnings == DJ_DEV_WARN_MAX) {
            /* The last slot says that more were cut. */
            copy_text(out->warnings[DJ_DEV_WARN_MAX - 1], DJ_DEV_WARN_BYTES, "……（还有其他提示）");
            break;
        }
        get(out->warnings[out->nwarnings++], DJ_DEV_WARN_BYTES, res, i, 2);
    }
    PQclear(res);
    return 0;
}

static const char *yes(bool b)
{
    return b ? "true" : "false";
}

int dj_dev_apply(struct dj_db *db, const struct dj_dev_applicant *a, bool confirm,
                 struct dj_dev_result *out, struct dj_db_error *err)
{
    struct nums n = {0};
    const char *v[18] = {
        num_opt(&n, a->org_id),
        opt(a->name),
        opt(a->sex),
        opt(a->ethnicity),
        opt(a->birth_date),
        opt(a->id_number),
        opt(a->native_place),
        opt(a->education),
        opt(a->degree),
        opt(a->political_status),
        opt(a->joined_work_on),
        opt(a->phone),
        opt(a->address),
        opt(a->person_category),
        opt(a->applied_on),
        opt(a->talk_on),
        opt(a->talk_note),
        yes(confirm),
    };
    return run(db, SQL_APPLY, 18, v, out, err);
}

int dj_dev_activist(struct dj_db *db, const struct dj_dev_activist *a, bool confirm,
                    struct dj_dev_result *out, struct dj_db_error *err)
{
    struct nums n = {0};
    struct ref_arrays r;
    if (ref_arrays(a->contacts, a->ncontacts, &r) != 0)
        return refuse(err, DJ_DB_ERR_REFUSED, "培养联系人太多或姓名太长");
    const char *v[8] = {
        num(&n, a->person_id),
        num_opt(&n, a->version),
        opt(a->activist_on),
        opt(a->filed_on),
        opt(a->talk_on),
        r.ids,
        r.names,
        yes(confirm),
    };
    return run(db, SQL_ACTIVIST, 8, v, out, err);
}

int dj_dev_target(struct dj_db *db, const struct dj_dev_target *t, bool confirm,
                  struct dj_dev_result *out, struct dj_db_error *err)
{
    struct nums n = {0};
    struct ref_arrays r;
    if (ref_arrays(t->sponsors, t->nsponsors, &r) != 0)
        return refuse(err, DJ_DB_ERR_REFUSED, "入党介绍人太多或姓名太长");
    const char *v[12] = {
        num(&n, t->person_id),
        num_opt(&n, t->version),
        opt(t->target_on),
        opt(t->filed_on),
        opt(t->review_on),
        opt(t->training_on),
        num_opt(&n, t->training_days),
        num_opt(&n, t->training_hours),
        opt(t->training_note),
        t->nsponsors > 0 ? r.ids : NULL,
        t->nsponsors > 0 ? r.names : NULL,
        yes(confirm),
    };
    return run(db, SQL_TARGET, 12, v, out, err);
}

int dj_dev_admit(struct dj_db *db, const struct dj_dev_admission *a, bool confirm,
                 struct dj_dev_result *out, struct dj_db_error *err)
{
    if (a->count < 1)
        return refuse(err, DJ_DB_ERR_REFUSED, "请先勾选要吸收的发展对象");
    if (a->count > DJ_DEV_ADMIT_MAX)
        return refuse(err, DJ_DB_ERR_REFUSED, "一次最多吸收 200 人，请分批办理");
    struct ref_arrays r;
    if (ref_arrays(a->sponsors, a->nsponsors, &r) != 0)
        return refuse(err, DJ_DB_ERR_REFUSED, "入党介绍人太多或姓名太长");
    size_t len = (size_t)a->count * 24 + 4;
    char *ids = malloc(len), *versions = malloc(len);
    if (ids == NULL || versions == NULL) {
        free(ids);
        free(versions);
        return refuse(err, DJ_DB_ERR_MEMORY, "内存不足，操作未完成");
    }
    size_t pi = 0, pv = 0;
    ids[pi++] = '{';
    versions[pv++] = '{';
    for (int i = 0; i < a->count; i++) {
        pi += (size_t)snprintf(ids + pi, len - pi, "%s%lld", i ? "," : "", a->person_ids[i]);
        if (a->versions != NULL && a->versions[i] > 0)
            pv += (size_t)snprintf(versions + pv, len - pv, "%s%d", i ? "," : "", a->versions[i]);
        else
            pv += (size_t)snprintf(versions + pv, len - pv, "%sNULL", i ? "," : "");
    }
    snprintf(ids + pi, len - pi, "}");
    snprintf(versions + pv, len - pv, "}");
    const char *v[12] = {
        ids,
        versions,
        opt(a->meeting_on),
        opt(a->approved_on),
        opt(a->branch_committee_on),
        opt(a->pre_review_on),
        opt(a->form_on),
        opt(a->upper_talk_on),
        opt(a->filed_on),
        a->nsponsors > 0 ? r.ids : NULL,
        a->nsponsors > 0 ? r.names : NULL,
        yes(confirm),
    };
    int rc = run(db, SQL_ADMIT, 12, v, out, err);
    free(ids);
    free(versions);
    return rc;
}

int dj_dev_approve(struct dj_db *db, long long person_id, int version, const char *approved_on,
                   bool confirm, struct dj_dev_result *out, struct dj_db_error *err)
{
    struct nums n = {0};
    const char *v[4] = {num(&n, person_id), num_opt(&n, version), opt(approved_on), yes(confirm)};
    return run(db, SQL_APPROVE, 4, v, out, err);
}

int dj_dev_confirm(struct dj_db *db, const struct dj_dev_full *f, bool confirm,
                   struct dj_dev_result *out, struct dj_db_error *err)
{
    struct nums n = {0};
    const char *v[7] = {
        num(&n, f->person_id), num_opt(&n, f->version), opt(f->full_on),
        opt(f->meeting_on),    opt(f->approved_on),     opt(f->note),
        yes(confirm),
    };
    return run(db, SQL_CONFIRM, 7, v, out, err);
}

int dj_dev_extend(struct dj_db *db, long long person_id, int version, const char *decided_on,
                  int months, const char *reason, bool confirm, struct dj_dev_result *out,
                  struct dj_db_error *err)
{
    struct nums n = {0};
    const char *v[6] = {
        num(&n, person_id), num_opt(&n, version), opt(decided_on),
        num(&n, months),    opt(reason),          yes(confirm),
    };
    return run(db, SQL_EXTEND, 6, v, out, err);
}

int dj_dev_cancel(struct dj_db *db, long long person_id, int version, const char *decided_on,
                  const char *reason, bool confirm, struct dj_dev_result *out,
                  struct dj_db_error *err)
{
    struct nums n = {0};
    const char *v[5] = {
        num(&n, person_id), num_opt(&n, version), opt(decided_on), opt(reason), yes(confirm),
    };
    return run(db, SQL_CANCEL, 5, v, out, err);
}

int dj_dev_record_step(struct dj_db *db, long long person_id, int version, int step,
                       const char *date, const char *detail, bool confirm,
                       struct dj_dev_result *out, struct dj_db_error *err)
{
    if (step < 1 || step > DJ_DEV_STEP_COUNT)
        return refuse(err, DJ_DB_ERR_REFUSED, "没有这一步骤（应为第1至25步）");
    struct nums n = {0};
    char code[4];
    snprintf(code, sizeof code, "%02d", step);
    const char *v[6] = {
        num(&n, person_id), num_opt(&n, version), code, opt(date), opt(detail), yes(confirm),
    };
    return run(db, SQL_STEP, 6, v, out, err);
}

/* ---- reading ---- */

void dj_applicant_key_of(const struct dj_applicant_row *row, struct dj_member_key *key)
{
    copy_text(key->name, sizeof key->name, row->name);
    key->id = row->id;
}

static void read_applicant(const PGresult *res, int i, struct dj_applicant_row *r)
{
    memset(r, 0, sizeof *r);
    r->id = get_ll(res, i, 0);
    r->version = (int)get_ll(res, i, 1);
    get(r->name, sizeof r->name, res, i, 2);
    get(r->sex, sizeof r->sex, res, i, 3);
    get(r->birth_date, sizeof r->birth_date, res, i, 4);
    get(r->stage_code, sizeof r->stage_code, res, i, 5);
    get(r->stage, sizeof r->stage, res, i, 6);
    r->org_id = get_ll(res, i, 7);
    get(r->org_name, sizeof r->org_name, res, i, 8);
    get(r->applied_on, sizeof r->applied_on, res, i, 9);
    get(r->talk_on, sizeof r->talk_on, res, i, 10);
    get(r->activist_on, sizeof r->activist_on, res, i, 11);
    get(r->target_on, sizeof r->target_on, res, i, 12);
    get(r->id_number, sizeof r->id_number, res, i, 13);
}

int dj_applicants_page(struct dj_db *db, long long org_id, bool subtree, enum dj_page_dir dir,
                       const struct dj_member_key *key, struct dj_applicant_row *rows,
                       int page_size, int *count, struct dj_db_error *err)
{
    *count = 0;
    if (page_size < 1 || page_size > DJ_PAGE_MAX)
        return refuse(err, DJ_DB_ERR_REFUSED, "每页行数超出范围");
    if (org_id <= 0)
        return refuse(err, DJ_DB_ERR_REFUSED, "请先选择党组织");
    bool keyed = dir == DJ_PAGE_NEXT || dir == DJ_PAGE_PREV;
    if (keyed && key == NULL)
        return refuse(err, DJ_DB_ERR_REFUSED, "翻页位置丢失，请回到第一页");
    struct nums n = {0};
    const char *v[6] = {
        num(&n, org_id),
        yes(subtree),
        keyed ? key->name : NULL,
        keyed ? num(&n, key->id) : NULL,
        yes(dir == DJ_PAGE_PREV || dir == DJ_PAGE_LAST),
        num(&n, page_size),
    };
    PGresult *res = dj_db_query(db, err, SQL_PAGE, 6, v);
    if (res == NULL)
        return -1;
    int rows_n = PQntuples(res);
    if (rows_n > page_size)
        rows_n = page_size;
    for (int i = 0; i < rows_n; i++)
        read_applicant(res, i, &rows[i]);
    PQclear(res);
    *count = rows_n;
    return 0;
}

long long dj_applicants_count(struct dj_db *db, long long org_id, bool subtree, long long cap,
                              struct dj_db_error *err)
{
    if (org_id <= 0)
        return refuse(err, DJ_DB_ERR_REFUSED, "请先选择党组织");
    if (cap < 0)
        cap = 0;
    if (cap > 2000000000LL)
        cap = 2000000000LL;
    struct nums n = {0};
    const char *v[3] = {num(&n, org_id), yes(subtree), num(&n, cap)};
    PGresult *res = dj_db_query(db, err, SQL_COUNT, 3, v);
    if (res == NULL)
        return -1;
    long long c = PQntuples(res) == 1 ? get_ll(res, 0, 0) : 0;
    PQclear(res);
    return c;
}

int dj_dev_status_load(struct dj_db *db, long long person_id, struct dj_dev_status *out,
                       struct dj_db_error *err)
{
    memset(out, 0, sizeof *out);
    struct nums n = {0};
    const char *v[1] = {num(&n, person_id)};
    PGresult *res = dj_db_query(db, err, SQL_STATUS, 1, v);
    if (res == NULL)
        return -1;
    if (PQntuples(res) != 1) {
        PQclear(res);
        return 1;
    }
    out->person_id = get_ll(res, 0, 0);
    out->version = (int)get_ll(res, 0, 1);
    get(out->name, sizeof out->name, res, 0, 2);
    get(out->stage_code, sizeof out->stage_code, res, 0, 3);
    get(out->stage, sizeof out->stage, res, 0, 4);
    out->historical = get_bool(res, 0, 5);
    get(out->applied_on, sizeof out->applied_on, res, 0, 6);
    get(out->talk_on, sizeof out->talk_on, res, 0, 7);
    get(out->activist_on, sizeof out->activist_on, res, 0, 8);
    get(out->target_eligible_on, sizeof out->target_eligible_on, res, 0, 9);
    get(out->target_on, sizeof out->target_on, res, 0, 10);
    get(out->joined_on, sizeof out->joined_on, res, 0, 11);
    get(out->approved_on, sizeof out->approved_on, res, 0, 12);
    get(out->probation_end, sizeof out->probation_end, res, 0, 13);
    get(out->extended_until, sizeof out->extended_until, res, 0, 14);
    get(out->full_on, sizeof out->full_on, res, 0, 15);
    PQclear(res);
    return 0;
}

int dj_dev_steps(struct dj_db *db, long long person_id,
                 struct dj_dev_step_row rows[DJ_DEV_STEP_COUNT], struct dj_db_error *err)
{
    memset(rows, 0, sizeof(struct dj_dev_step_row) * DJ_DEV_STEP_COUNT);
    struct nums n = {0};
    const char *v[1] = {num(&n, person_id)};
    PGresult *res = dj_db_query(db, err, SQL_STEPS, 1, v);
    if (res == NULL)
        return -1;
    int count = PQntuples(res);
    if (count == 0) {
        PQclear(res);
        return 1;
    }
    for (int i = 0; i < count && i < DJ_DEV_STEP_COUNT; i++) {
        struct dj_dev_step_row *r = &rows[i];
        r->step = (int)get_ll(res, i, 0);
        get(r->name, sizeof r->name, res, i, 1);
        get(r->phase, sizeof r->phase, res, i, 2);
        get(r->date, sizeof r->date, res, i, 3);
        get(r->detail, sizeof r->detail, res, i, 4);
    }
    PQclear(res);
    return 0;
}

static enum dj_remind_kind remind_kind(const char *code)
{
    for (int k = 0; k < DJ_REMIND_KIND_COUNT; k++)
        if (strcmp(code, REMIND_CODES[k]) == 0)
            return (enum dj_remind_kind)k;
    return DJ_REMIND_KIND_COUNT;
}

int dj_remind(struct dj_db *db, const char *as_of, struct dj_remind_row **out, size_t *count,
              struct dj_db_error *err)
{
    *out = NULL;
    *count = 0;
    const char *v[1] = {opt(as_of)};
    PGresult *res = dj_db_query(db, err, SQL_REMIND, 1, v);
    if (res == NULL)
        return -1;
    int n = PQntuples(res);
    struct dj_remind_row *list = calloc(n > 0 ? (size_t)n : 1, sizeof *list);
    if (list == NULL) {
        PQclear(res);
        return refuse(err, DJ_DB_ERR_MEMORY, "内存不足，操作未完成");
    }
    size_t used = 0;
    for (int i = 0; i < n; i++) {
        struct dj_remind_row *r = &list[used];
        r->kind = remind_kind(PQgetvalue(res, i, 0));
        if (r->kind == DJ_REMIND_KIND_COUNT)
            continue; /* a kind this program does not know yet */
        get(r->kind_name, sizeof r->kind_name, res, i, 1);
        r->person_id = get_ll(res, i, 2);
        get(r->name, sizeof r->name, res, i, 3);
        r->org_id = get_ll(res, i, 4);
        get(r->org_name, sizeof r->org_name, res, i, 5);
        get(r->due_on, sizeof r->due_on, res, i, 6);
        get(r->note, sizeof r->note, res, i, 7);
        used++;
    }
    PQclear(res);
    *out = list;
    *count = used;
    return 0;
}
