/* Writing a member's file (contract: records.h).  The SQL text is built here
 * from fixed pieces and parameter numbers only; every value is a parameter,
 * and the functions of sql/040_records.sql check and write. */
#include "db/records.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/error_table.h"

/* jsonb_build_object takes at most 100 arguments. */
#define MAX_PARAMS (2 * 5 * DJ_FIELDS_MAX + 8)
#define SQL_MAX    8192

struct call {
    char sql[SQL_MAX];
    size_t used;
    int n;
    const char *v[MAX_PARAMS];
    char nums[4][24];
    int nnums;
    bool overflow;
};

static void put(struct call *c, const char *text)
{
    size_t len = strlen(text);
    if (c->used + len >= sizeof c->sql) {
        c->overflow = true;
        return;
    }
    memcpy(c->sql + c->used, text, len + 1);
    c->used += len;
}

/* Appends "$n::type" for value. */
static void param(struct call *c, const char *value, const char *type)
{
    char ph[48];
    if (c->n >= MAX_PARAMS) {
        c->overflow = true;
        return;
    }
    c->v[c->n++] = value;
    snprintf(ph, sizeof ph, "$%d::%s", c->n, type);
    put(c, ph);
}

static void param_ll(struct call *c, long long v, const char *type)
{
    if (c->nnums >= 4) {
        c->overflow = true;
        return;
    }
    char *buf = c->nums[c->nnums++];
    snprintf(buf, sizeof c->nums[0], "%lld", v);
    param(c, buf, type);
}

/* Appends the fields as jsonb_build_object(name, value, ...), or NULL::jsonb. */
static void param_fields(struct call *c, const struct dj_fields *fs)
{
    if (fs == NULL) {
        put(c, "NULL::jsonb");
        return;
    }
    put(c, "jsonb_build_object(");
    for (int i = 0; i < fs->n; i++) {
        const struct dj_field *f = &fs->f[i];
        if (i > 0)
            put(c, ", ");
        param(c, f->name, "text");
        put(c, ", ");
        param(c, f->null || f->value[0] == '\0' ? NULL : f->value, "text");
    }
    put(c, ")");
}

static int refuse(struct dj_db_error *err, const char *message)
{
    memset(err, 0, sizeof *err);
    err->kind = DJ_DB_ERR_REFUSED;
    dj_db_error_set_message(err, message);
    return -1;
}

/* Runs the call; returns the result or NULL with err. */
static PGresult *run(struct dj_db *db, struct call *c, struct dj_db_error *err)
{
    if (c->overflow) {
        refuse(err, "填写的项目过多，无法保存");
        return NULL;
    }
    return dj_db_query(db, err, c->sql, c->n, c->v);
}

static int run_void(struct dj_db *db, struct call *c, struct dj_db_error *err)
{
    PGresult *res = run(db, c, err);
    if (res == NULL)
        return -1;
    PQclear(res);
    return 0;
}

/* Runs a call returning one bigint (or integer) into *out (may be NULL). */
static int run_ll(struct dj_db *db, struct call *c, long long *out, struct dj_db_error *err)
{
    PGresult *res = run(db, c, err);
    if (res == NULL)
        return -1;
    if (PQntuples(res) != 1 || PQgetisnull(res, 0, 0)) {
        PQclear(res);
        return refuse(err, "数据库没有返回结果，操作可能未完成，请刷新后核对");
    }
    if (out != NULL)
        *out = strtoll(PQgetvalue(res, 0, 0), NULL, 10);
    PQclear(res);
    return 0;
}

static const char *set_key(enum dj_recset set)
{
    return (unsigned)set < DJ_REC_COUNT ? dj_recsets[set].key : NULL;
}

/* ---- fields ---- */

void dj_fields_clear(struct dj_fields *fs)
{
    fs->n = 0;
}

int dj_fields_set(struct dj_fields *fs, const char *name, const char *value)
{
    if (name == NULL || strlen(name) >= DJ_FIELD_NAME_MAX ||
        (value != NULL && strlen(value) >= DJ_FIELD_VALUE_MAX))
        return -1;
    int i = 0;
    while (i < fs->n && strcmp(fs->f[i].name, name) != 0)
        i++;
    if (i == fs->n) {
        if (fs->n >= DJ_FIELDS_MAX)
            return -1;
        fs->n++;
    }
    struct dj_field *f = &fs->f[i];
    snprintf(f->name, sizeof f->name, "%s", name);
    snprintf(f->value, sizeof f->value, "%s", value ? value : "");
    f->null = value == NULL || value[0] == '\0';
    return 0;
}

const char *dj_fields_get(const struct dj_fields *fs, const char *name)
{
    for (int i = 0; i < fs->n; i++)
        if (strcmp(fs->f[i].name, name) == 0)
            return fs->f[i].null || fs->f[i].value[0] == '\0' ? NULL : fs->f[i].value;
    return NULL;
}

/* Reads (version, field, value) rows into out. */
static int read_fields(PGresult *res, struct dj_fields *out, int *version)
{
    int rows = PQntuples(res);
    dj_fields_clear(out);
    if (rows == 0)
        return 1;
    if (version != NULL)
        *version = atoi(PQgetvalue(res, 0, 0));
    for (int i = 0; i < rows; i++)
        if (dj_fields_set(out, PQgetvalue(res, i, 1),
                          PQgetisnull(res, i, 2) ? NULL : PQgetvalue(res, i, 2)) != 0)
            return -1;
    return 0;
}

static int load(struct dj_db *db, struct call *c, struct dj_fields *out, int *version,
                struct dj_db_error *err)
{
    PGresult *res = run(db, c, err);
    if (res == NULL)
        return -1;
    int rc = read_fields(res, out, version);
    PQclear(res);
    if (rc < 0)
        return refuse(err, "记录的内容超出了表单能容纳的长度");
    return rc;
}

/* ---- calls ---- */

int dj_form_check(struct dj_db *db, const char *form, const struct dj_fields *fs,
                  struct dj_db_error *err)
{
    struct call c;
    memset(&c, 0, sizeof c);
    put(&c, "SELECT app.form_check(");
    param(&c, form, "text");
    put(&c, ", ");
    param_fields(&c, fs);
    put(&c, ")");
    return run_void(db, &c, err);
}

int dj_member_add(struct dj_db *db, long long org_id, const struct dj_fields *person,
                  const struct dj_fields *membership, const struct dj_fields *education,
                  const struct dj_fields *job, const struct dj_fields *transfer, long long *new_id,
                  struct dj_db_error *err)
{
    struct call c;
    memset(&c, 0, sizeof c);
    if (person == NULL || membership == NULL)
        return refuse(err, "请填写基本信息和党籍信息");
    put(&c, "SELECT app.member_add(");
    param_ll(&c, org_id, "bigint");
    put(&c, ", ");
    param_fields(&c, person);
    put(&c, ", ");
    param_fields(&c, membership);
    put(&c, ", ");
    param_fields(&c, education);
    put(&c, ", ");
    param_fields(&c, job);
    put(&c, ", ");
    param_fields(&c, transfer);
    put(&c, ")");
    return run_ll(db, &c, new_id, err);
}

int dj_person_load(struct dj_db *db, long long id, struct dj_fields *out, int *version,
                   struct dj_db_error *err)
{
    struct call c;
    memset(&c, 0, sizeof c);
    put(&c, "SELECT version, field, value FROM app.person_get(");
    param_ll(&c, id, "bigint");
    put(&c, ")");
    return load(db, &c, out, version, err);
}

int dj_person_update(struct dj_db *db, long long id, int version, const struct dj_fields *fs,
                     int *new_version, struct dj_db_error *err)
{
    struct call c;
    memset(&c, 0, sizeof c);
    long long v = 0;
    put(&c, "SELECT app.person_update(");
    param_ll(&c, id, "bigint");
    put(&c, ", ");
    param_ll(&c, version, "integer");
    put(&c, ", ");
    param_fields(&c, fs);
    put(&c, ")");
    if (run_ll(db, &c, &v, err) != 0)
        return -1;
    if (new_version != NULL)
        *new_version = (int)v;
    return 0;
}

int dj_record_load(struct dj_db *db, enum dj_recset set, long long row_id, struct dj_fields *out,
                   int *version, struct dj_db_error *err)
{
    struct call c;
    memset(&c, 0, sizeof c);
    if (set_key(set) == NULL)
        return refuse(err, "未知的信息类别");
    put(&c, "SELECT version, field, value FROM app.record_get(");
    param(&c, set_key(set), "text");
    put(&c, ", ");
    param_ll(&c, row_id, "bigint");
    put(&c, ")");
    return load(db, &c, out, version, err);
}

int dj_record_add(struct dj_db *db, enum dj_recset set, long long person_id,
                  const struct dj_fields *fs, long long *new_id, struct dj_db_error *err)
{
    struct call c;
    memset(&c, 0, sizeof c);
    if (set_key(set) == NULL)
        return refuse(err, "未知的信息类别");
    put(&c, "SELECT app.record_add(");
    param(&c, set_key(set), "text");
    put(&c, ", ");
    param_ll(&c, person_id, "bigint");
    put(&c, ", ");
    param_fields(&c, fs);
    put(&c, ")");
    return run_ll(db, &c, new_id, err);
}

int dj_record_update(struct dj_db *db, enum dj_recset set, long long row_id, int version,
                     const struct dj_fields *fs, struct dj_db_error *err)
{
    struct call c;
    memset(&c, 0, sizeof c);
    if (set_key(set) == NULL)
        return refuse(err, "未知的信息类别");
    put(&c, "SELECT app.record_update(");
    param(&c, set_key(set), "text");
    put(&c, ", ");
    param_ll(&c, row_id, "bigint");
    put(&c, ", ");
    param_ll(&c, version, "integer");
    put(&c, ", ");
    param_fields(&c, fs);
    put(&c, ")");
    return run_ll(db, &c, NULL, err);
}

int dj_record_delete(struct dj_db *db, enum dj_recset set, long long row_id, int version,
                     struct dj_db_error *err)
{
    struct call c;
    memset(&c, 0, sizeof c);
    if (set_key(set) == NULL)
        return refuse(err, "未知的信息类别");
    put(&c, "SELECT app.record_delete(");
    param(&c, set_key(set), "text");
    put(&c, ", ");
    param_ll(&c, row_id, "bigint");
    put(&c, ", ");
    param_ll(&c, version, "integer");
    put(&c, ")");
    return run_void(db, &c, err);
}

int dj_member_leave(struct dj_db *db, long long id, int version, const char *on,
                    const char *exit_kind, const char *reason, struct dj_db_error *err)
{
    const char *sql =
        "SELECT app.member_leave($1::bigint, $2::integer, $3::text, $4::text, $5::text)";
    char ids[24], vs[24];
    snprintf(ids, sizeof ids, "%lld", id);
    snprintf(vs, sizeof vs, "%d", version);
    const char *p[] = {ids, vs, on, exit_kind, reason};
    return dj_db_exec(db, err, sql, 5, p);
}

int dj_member_death(struct dj_db *db, long long id, int version, const char *on, const char *reason,
                    struct dj_db_error *err)
{
    const char *sql = "SELECT app.member_death($1::bigint, $2::integer, $3::text, $4::text)";
    char ids[24], vs[24];
    snprintf(ids, sizeof ids, "%lld", id);
    snprintf(vs, sizeof vs, "%d", version);
    const char *p[] = {ids, vs, on, reason};
    return dj_db_exec(db, err, sql, 4, p);
}

int dj_member_suspend(struct dj_db *db, long long id, int version, const char *on,
                      const char *suspend_reason, const char *detail, struct dj_db_error *err)
{
    const char *sql =
        "SELECT app.member_suspend($1::bigint, $2::integer, $3::text, $4::text, $5::text)";
    char ids[24], vs[24];
    snprintf(ids, sizeof ids, "%lld", id);
    snprintf(vs, sizeof vs, "%d", version);
    const char *p[] = {ids, vs, on, suspend_reason, detail};
    return dj_db_exec(db, err, sql, 5, p);
}

int dj_member_restore(struct dj_db *db, long long id, int version, const char *reason,
                      struct dj_db_error *err)
{
    const char *sql = "SELECT app.member_restore($1::bigint, $2::integer, $3::text)";
    char ids[24], vs[24];
    snprintf(ids, sizeof ids, "%lld", id);
    snprintf(vs, sizeof vs, "%d", version);
    const char *p[] = {ids, vs, reason};
    return dj_db_exec(db, err, sql, 3, p);
}

bool dj_records_is_stale(const struct dj_db_error *err)
{
    return err != NULL && strcmp(err->sqlstate, DJ_SQLSTATE_STALE) == 0;
}

bool dj_records_bad_field(const struct dj_db_error *err, char *form, size_t form_len, char *field,
                          size_t field_len)
{
    static const struct {
        const char *constraint, *form, *field;
    } person[] = {
        {"person_id_number_key", "person", "id_number"},
        {"person_id_number_in_scope", "person", "id_number"},
        {"person_id_number_valid", "person", "id_number"},
        {"person_birth_date_matches_id", "person", "birth_date"},
        {"person_sex_matches_id", "person", "sex"},
    };
    if (form_len > 0)
        form[0] = '\0';
    if (field_len > 0)
        field[0] = '\0';
    if (err == NULL || err->constraint[0] == '\0')
        return false;
    if (strcmp(err->sqlstate, "DJ002") == 0) {
        /* The server names it "form.field". */
        const char *dot = strchr(err->constraint, '.');
        if (dot == NULL || dot == err->constraint || dot[1] == '\0')
            return false;
        snprintf(form, form_len, "%.*s", (int)(dot - err->constraint), err->constraint);
        snprintf(field, field_len, "%s", dot + 1);
        return true;
    }
    for (size_t i = 0; i < sizeof person / sizeof person[0]; i++)
        if (strcmp(err->constraint, person[i].constraint) == 0) {
            snprintf(form, form_len, "%s", person[i].form);
            snprintf(field, field_len, "%s", person[i].field);
            return true;
        }
    return false;
}
