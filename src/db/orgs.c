/* The organization tree and details (contract: orgs.h). */
#include "db/orgs.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/error_table.h"

#define ORG_COLS                                                                                   \
    "SELECT id, code, name, full_name, kind, kind_name, state, parent_id, district_id,"            \
    "       path_key, depth, members, people, has_children"

static const char SQL_ROOTS[] = ORG_COLS " FROM app.org_roots($1::boolean)";
static const char SQL_CHILDREN[] =
    ORG_COLS " FROM app.org_children($1::bigint, $2::boolean, $3::text, $4::boolean, $5::integer)";
static const char SQL_FIND[] =
    ORG_COLS " FROM app.org_find($1::text, $2::text, $3::boolean, $4::text, $5::integer)";
static const char SQL_DETAIL[] =
    "SELECT id, version, code, name, full_name, kind, category, unit_name, unit_nature,"
    "       unit_relation, founded_on, founding_doc, secretary, contact, phone, state,"
    "       dissolved_on, dissolved_reason, parent_id, parent_name, district_name, path_key,"
    "       district_id, children, members, people"
    "  FROM app.org_detail($1::bigint)";

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

static void read_row(const PGresult *res, int i, struct dj_org_row *r)
{
    memset(r, 0, sizeof *r);
    r->id = get_ll(res, i, 0);
    get(r->code, sizeof r->code, res, i, 1);
    get(r->name, sizeof r->name, res, i, 2);
    get(r->full_name, sizeof r->full_name, res, i, 3);
    get(r->kind, sizeof r->kind, res, i, 4);
    get(r->kind_name, sizeof r->kind_name, res, i, 5);
    r->dissolved = strcmp(PQgetvalue(res, i, 6), "dissolved") == 0;
    r->parent_id = get_ll(res, i, 7);
    r->district_id = get_ll(res, i, 8);
    get(r->path_key, sizeof r->path_key, res, i, 9);
    r->depth = (int)get_ll(res, i, 10);
    r->members = get_ll(res, i, 11);
    r->people = get_ll(res, i, 12);
    r->has_children = get_bool(res, i, 13);
}

/* Runs sql and reads at most max rows. */
static int read_rows(struct dj_db *db, const char *sql, int nparams, const char *const *v,
                     struct dj_org_row *rows, int max, int *count, struct dj_db_error *err)
{
    PGresult *res = dj_db_query(db, err, sql, nparams, v);
    if (res == NULL)
        return -1;
    int n = PQntuples(res);
    if (n > max)
        n = max;
    for (int i = 0; i < n; i++)
        read_row(res, i, &rows[i]);
    PQclear(res);
    *count = n;
    return 0;
}

int dj_orgs_roots(struct dj_db *db, bool with_dissolved, struct dj_org_row *rows, int *count,
                  struct dj_db_error *err)
{
    *count = 0;
    const char *v[] = {with_dissolved ? "t" : "f"};
    return read_rows(db, SQL_ROOTS, 1, v, rows, DJ_ORG_MAX_ROOTS, count, err);
}

int dj_orgs_children(struct dj_db *db, long long parent_id, bool with_dissolved,
                     enum dj_page_dir dir, const char *key_code, struct dj_org_row *rows,
                     int page_size, int *count, struct dj_db_error *err)
{
    *count = 0;
    if (page_size < 1 || page_size > DJ_PAGE_MAX)
        return refuse(err, "每页行数超出范围");
    bool keyed = dir == DJ_PAGE_NEXT || dir == DJ_PAGE_PREV;
    if (keyed && key_code == NULL)
        return refuse(err, "翻页位置丢失，请回到第一页");
    char parent[24], page[16];
    snprintf(parent, sizeof parent, "%lld", parent_id);
    snprintf(page, sizeof page, "%d", page_size);
    const char *v[] = {parent, with_dissolved ? "t" : "f", keyed ? key_code : NULL,
                       dir == DJ_PAGE_PREV || dir == DJ_PAGE_LAST ? "t" : "f", page};
    return read_rows(db, SQL_CHILDREN, 5, v, rows, page_size, count, err);
}

int dj_orgs_find(struct dj_db *db, enum dj_org_find by, const char *text, bool with_dissolved,
                 const char *after_path, struct dj_org_row *rows, int page_size, int *count,
                 struct dj_db_error *err)
{
    *count = 0;
    if (page_size < 1 || page_size > DJ_PAGE_MAX)
        return refuse(err, "每页行数超出范围");
    /* Blanks around the text (ASCII, and the full-width one IMEs type) go. */
    char q[DJ_NAME_BYTES * 2];
    const char *s = text == NULL ? "" : text;
    for (;;) {
        if (*s == ' ' || *s == '\t')
            s++;
        else if (strncmp(s, "\xe3\x80\x80", 3) == 0)
            s += 3;
        else
            break;
    }
    copy_text(q, sizeof q, s);
    size_t n = strlen(q);
    for (;;) {
        if (n > 0 && (q[n - 1] == ' ' || q[n - 1] == '\t'))
            n--;
        else if (n >= 3 && memcmp(q + n - 3, "\xe3\x80\x80", 3) == 0)
            n -= 3;
        else
            break;
    }
    q[n] = '\0';
    if (n == 0)
        return refuse(err, by == DJ_ORG_FIND_CODE ? "请输入组织代码（可以只输入前几位）"
                                                  : "请输入组织名称中的字");
    char page[16];
    snprintf(page, sizeof page, "%d", page_size);
    const char *v[] = {by == DJ_ORG_FIND_CODE ? "code" : "name", q, with_dissolved ? "t" : "f",
                       after_path, page};
    return read_rows(db, SQL_FIND, 5, v, rows, page_size, count, err);
}

int dj_org_detail_load(struct dj_db *db, long long id, struct dj_org_detail *out,
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
    get(out->code, sizeof out->code, res, 0, 2);
    get(out->name, sizeof out->name, res, 0, 3);
    get(out->full_name, sizeof out->full_name, res, 0, 4);
    get(out->kind, sizeof out->kind, res, 0, 5);
    get(out->category, sizeof out->category, res, 0, 6);
    get(out->unit_name, sizeof out->unit_name, res, 0, 7);
    get(out->unit_nature, sizeof out->unit_nature, res, 0, 8);
    get(out->unit_relation, sizeof out->unit_relation, res, 0, 9);
    get(out->founded_on, sizeof out->founded_on, res, 0, 10);
    get(out->founding_doc, sizeof out->founding_doc, res, 0, 11);
    get(out->secretary, sizeof out->secretary, res, 0, 12);
    get(out->contact, sizeof out->contact, res, 0, 13);
    get(out->phone, sizeof out->phone, res, 0, 14);
    get(out->state, sizeof out->state, res, 0, 15);
    get(out->dissolved_on, sizeof out->dissolved_on, res, 0, 16);
    get(out->dissolved_reason, sizeof out->dissolved_reason, res, 0, 17);
    out->parent_id = get_ll(res, 0, 18);
    get(out->parent_name, sizeof out->parent_name, res, 0, 19);
    get(out->district_name, sizeof out->district_name, res, 0, 20);
    get(out->path_key, sizeof out->path_key, res, 0, 21);
    out->district_id = get_ll(res, 0, 22);
    out->children = get_ll(res, 0, 23);
    out->members = get_ll(res, 0, 24);
    out->people = get_ll(res, 0, 25);
    PQclear(res);
    return 0;
}
