/* Member lists, searches, details and record sets (contract: members.h). */
#include "db/members.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/error_table.h"

static const char SQL_PAGE[] =
    "SELECT id, name, sex, birth_date, joined_party_on, became_full_on, person_category,"
    "       education, stage, org_id, org_name, id_number, historical, in_transit"
    "  FROM app.member_page($1::bigint, $2::boolean, $3::text, $4::text, $5::text[],"
    "                       $6::boolean, $7::text, $8::bigint, $9::boolean, $10::integer)";

static const char SQL_COUNT[] = "SELECT app.member_count($1::bigint, $2::boolean, $3::text,"
                                " $4::text, $5::text[], $6::boolean, $7::integer)";

static const char SQL_DETAIL[] =
    "SELECT id, version, name, name_initials, sex, ethnicity, birth_date, id_number,"
    "       native_place, education, degree, political_status, joined_work_on, phone,"
    "       address, person_category, stage, org_id, org_code, org_name, joined_party_on,"
    "       became_full_on, history_reason, history_on, history_detail, exit_kind,"
    "       suspend_reason, in_transit, transit_since, transit_dest, updated_at, updated_by"
    "  FROM app.member_detail($1::bigint)";

static const char SQL_RECORDS[] = "SELECT id, cells FROM app.member_records($1::bigint, $2::text)";

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

static int refuse(struct dj_db_error *err, const char *message)
{
    memset(err, 0, sizeof *err);
    err->kind = DJ_DB_ERR_REFUSED;
    dj_db_error_set_message(err, message);
    return -1;
}

/* The query's parameters $1..$6, as text, in the buffers of p. */
struct query_params {
    char org[24];
    char stages[24];
    const char *v[10];
};

static const char *search_kind(enum dj_member_search s)
{
    switch (s) {
    case DJ_SEARCH_NAME:
        return "name";
    case DJ_SEARCH_INITIALS:
        return "initials";
    case DJ_SEARCH_ID_NUMBER:
        return "id";
    case DJ_SEARCH_NONE:
        break;
    }
    return NULL;
}

static int query_params(const struct dj_member_query *q, struct query_params *p,
                        struct dj_db_error *err)
{
    memset(p, 0, sizeof *p);
    if (q->search == DJ_SEARCH_NONE && q->org_id <= 0 && !q->subtree)
        return refuse(err, "请先选择党组织");
    if (q->search != DJ_SEARCH_NONE && q->text == NULL)
        return refuse(err, "请输入要查询的内容");
    if (q->org_id > 0) {
        snprintf(p->org, sizeof p->org, "%lld", q->org_id);
        p->v[0] = p->org;
    }
    p->v[1] = q->subtree ? "t" : "f";
    p->v[2] = search_kind(q->search);
    p->v[3] = q->search == DJ_SEARCH_NONE ? NULL : q->text;
    /* An array literal of the stage codes: digits only, so nothing to quote. */
    if (q->stages != 0) {
        size_t used = 0;
        p->stages[used++] = '{';
        for (int code = 1; code <= 9; code++)
            if (q->stages & DJ_STAGE(code)) {
                if (used > 1)
                    p->stages[used++] = ',';
                p->stages[used++] = (char)('0' + code);
            }
        p->stages[used++] = '}';
        p->stages[used] = '\0';
        p->v[4] = p->stages;
    }
    p->v[5] = q->history == DJ_HISTORY_CURRENT ? "f" : q->history == DJ_HISTORY_ONLY ? "t" : NULL;
    return 0;
}

static void read_row(const PGresult *res, int i, struct dj_member_row *r)
{
    memset(r, 0, sizeof *r);
    r->id = get_ll(res, i, 0);
    get(r->name, sizeof r->name, res, i, 1);
    get(r->sex, sizeof r->sex, res, i, 2);
    get(r->birth_date, sizeof r->birth_date, res, i, 3);
    get(r->joined_party_on, sizeof r->joined_party_on, res, i, 4);
    get(r->became_full_on, sizeof r->became_full_on, res, i, 5);
    get(r->person_category, sizeof r->person_category, res, i, 6);
    get(r->education, sizeof r->education, res, i, 7);
    get(r->stage, sizeof r->stage, res, i, 8);
    r->org_id = get_ll(res, i, 9);
    get(r->org_name, sizeof r->org_name, res, i, 10);
    get(r->id_number, sizeof r->id_number, res, i, 11);
    r->historical = get_bool(res, i, 12);
    r->in_transit = get_bool(res, i, 13);
}

int dj_members_page(struct dj_db *db, const struct dj_member_query *q, enum dj_page_dir dir,
                    const struct dj_member_key *key, struct dj_member_row *rows, int page_size,
                    int *count, struct dj_db_error *err)
{
    *count = 0;
    if (page_size < 1 || page_size > DJ_PAGE_MAX)
        return refuse(err, "每页行数超出范围");
    bool keyed = dir == DJ_PAGE_NEXT || dir == DJ_PAGE_PREV;
    if (keyed && key == NULL)
        return refuse(err, "翻页位置丢失，请回到第一页");
    struct query_params p;
    if (query_params(q, &p, err) != 0)
        return -1;
    char key_id[24], page[16];
    if (keyed) {
        snprintf(key_id, sizeof key_id, "%lld", key->id);
        p.v[6] = key->name;
        p.v[7] = key_id;
    }
    p.v[8] = dir == DJ_PAGE_PREV || dir == DJ_PAGE_LAST ? "t" : "f";
    snprintf(page, sizeof page, "%d", page_size);
    p.v[9] = page;

    PGresult *res = dj_db_query(db, err, SQL_PAGE, 10, p.v);
    if (res == NULL)
        return -1;
    int n = PQntuples(res);
    if (n > page_size)
        n = page_size;
    for (int i = 0; i < n; i++)
        read_row(res, i, &rows[i]);
    PQclear(res);
    *count = n;
    return 0;
}

long long dj_members_count(struct dj_db *db, const struct dj_member_query *q, long long cap,
                           struct dj_db_error *err)
{
    struct query_params p;
    if (query_params(q, &p, err) != 0)
        return -1;
    char cap_text[24];
    if (cap < 0)
        cap = 0;
    if (cap > 2000000000LL)
        cap = 2000000000LL;
    snprintf(cap_text, sizeof cap_text, "%lld", cap);
    p.v[6] = cap_text;
    PGresult *res = dj_db_query(db, err, SQL_COUNT, 7, p.v);
    if (res == NULL)
        return -1;
    long long n = PQntuples(res) == 1 ? get_ll(res, 0, 0) : 0;
    PQclear(res);
    return n;
}

int dj_member_detail_load(struct dj_db *db, long long id, struct dj_member_detail *out,
                          struct dj_db_error *err)
{
    memset(out, 0, sizeof *out);
    char id_text[24];
    snprintf(id_text, sizeof id_text, "%lld", id);
    const char *v[] = {id_text};
    PGresult *res = dj_db_query(db, err, SQL_DETAIL, 1, v);
    if (res == NULL)
        return -1;
    if (PQntuples(res) != 1) {
        PQclear(res);
        return 1;
    }
    out->id = get_ll(res, 0, 0);
    out->version = (int)get_ll(res, 0, 1);
    get(out->name, sizeof out->name, res, 0, 2);
    get(out->name_initials, sizeof out->name_initials, res, 0, 3);
    get(out->sex, sizeof out->sex, res, 0, 4);
    get(out->ethnicity, sizeof out->ethnicity, res, 0, 5);
    get(out->birth_date, sizeof out->birth_date, res, 0, 6);
    get(out->id_number, sizeof out->id_number, res, 0, 7);
    get(out->native_place, sizeof out->native_place, res, 0, 8);
    get(out->education, sizeof out->education, res, 0, 9);
    get(out->degree, sizeof out->degree, res, 0, 10);
    get(out->political_status, sizeof out->political_status, res, 0, 11);
    get(out->joined_work_on, sizeof out->joined_work_on, res, 0, 12);
    get(out->phone, sizeof out->phone, res, 0, 13);
    get(out->address, sizeof out->address, res, 0, 14);
    get(out->person_category, sizeof out->person_category, res, 0, 15);
    get(out->stage, sizeof out->stage, res, 0, 16);
    out->org_id = get_ll(res, 0, 17);
    get(out->org_code, sizeof out->org_code, res, 0, 18);
    get(out->org_name, sizeof out->org_name, res, 0, 19);
    get(out->joined_party_on, sizeof out->joined_party_on, res, 0, 20);
    get(out->became_full_on, sizeof out->became_full_on, res, 0, 21);
    get(out->history_reason, sizeof out->history_reason, res, 0, 22);
    get(out->history_on, sizeof out->history_on, res, 0, 23);
    get(out->history_detail, sizeof out->history_detail, res, 0, 24);
    get(out->exit_kind, sizeof out->exit_kind, res, 0, 25);
    get(out->suspend_reason, sizeof out->suspend_reason, res, 0, 26);
    out->in_transit = get_bool(res, 0, 27);
    get(out->transit_since, sizeof out->transit_since, res, 0, 28);
    get(out->transit_dest, sizeof out->transit_dest, res, 0, 29);
    get(out->updated_at, sizeof out->updated_at, res, 0, 30);
    get(out->updated_by, sizeof out->updated_by, res, 0, 31);
    PQclear(res);
    return 0;
}

/*
 * A text[] in PostgreSQL's output form, {a,"b c",NULL}, split into ncols
 * cells written one after another (each with its NUL) at *pos in text.
 * Elements are quoted when they hold a separator, quote, backslash or blank,
 * with \ escaping inside quotes; an unquoted NULL is SQL NULL ("").
 * Returns 0, or -1 when the value is not such a literal.
 */
static int split_array(const char *lit, int ncols, char *text, size_t *pos, char **cells)
{
    const char *s = lit;
    if (*s++ != '{')
        return -1;
    for (int c = 0; c < ncols; c++) {
        cells[c] = text + *pos;
        if (*s == '"') {
            s++;
            while (*s != '"') {
                if (*s == '\0')
                    return -1;
                if (*s == '\\' && s[1] != '\0')
                    s++;
                text[(*pos)++] = *s++;
            }
            s++;
        } else {
            const char *start = s;
            while (*s != ',' && *s != '}' && *s != '\0')
                s++;
            size_t len = (size_t)(s - start);
            if (!(len == 4 && strncmp(start, "NULL", 4) == 0)) {
                memcpy(text + *pos, start, len);
                *pos += len;
            }
        }
        text[(*pos)++] = '\0';
        if (c < ncols - 1) {
            if (*s != ',')
                return -1;
            s++;
        } else if (*s != '}') {
            return -1;
        }
    }
    return 0;
}

int dj_member_records_load(struct dj_db *db, long long person_id, enum dj_recset set,
                           struct dj_recset_rows *out, struct dj_db_error *err)
{
    memset(out, 0, sizeof *out);
    out->set = set;
    if ((int)set < 0 || set >= DJ_REC_COUNT)
        return refuse(err, "没有这一类记录");
    char id_text[24];
    snprintf(id_text, sizeof id_text, "%lld", person_id);
    const char *v[] = {id_text, dj_recsets[set].key};
    PGresult *res = dj_db_query(db, err, SQL_RECORDS, 2, v);
    if (res == NULL)
        return -1;

    size_t n = (size_t)PQntuples(res);
    int ncols = dj_recsets[set].ncols;
    size_t bytes = 1;
    for (size_t i = 0; i < n; i++)
        bytes += (size_t)PQgetlength(res, (int)i, 1) + 1;
    out->ids = calloc(n + 1, sizeof *out->ids);
    out->cells = calloc(n * (size_t)ncols + 1, sizeof *out->cells);
    out->text = malloc(bytes);
    if (out->ids == NULL || out->cells == NULL || out->text == NULL) {
        PQclear(res);
        dj_recset_rows_free(out);
        memset(err, 0, sizeof *err);
        err->kind = DJ_DB_ERR_MEMORY;
        dj_db_error_set_message(err, "内存不足，操作未完成");
        return -1;
    }
    /* Each cell is shorter than the literal it came from, plus its NUL; the
     * literal's braces and separators pay for those. */
    size_t pos = 0;
    for (size_t i = 0; i < n; i++) {
        out->ids[i] = get_ll(res, (int)i, 0);
        if (split_array(PQgetvalue(res, (int)i, 1), ncols, out->text, &pos,
                        out->cells + i * (size_t)ncols) != 0) {
            PQclear(res);
            dj_recset_rows_free(out);
            return refuse(err, "记录格式与本程序版本不一致，请管理员执行 dangjian db migrate");
        }
    }
    out->nrows = n;
    PQclear(res);
    return 0;
}
