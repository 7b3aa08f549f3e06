#include "db/stats.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char SQL_STATS[] = "SELECT dimension, code, name, n"
                                "  FROM app.stats_by($1::bigint, coalesce($2::date, current_date))";

/* A code the caller can see; without one the first scope organization, or the
 * city for a role that is not a clerk. */
static const char SQL_ORG[] =
    "SELECT o.id FROM app.org o"
    " WHERE ($1::text IS NOT NULL AND o.code = $1::text)"
    "    OR ($1::text IS NULL AND o.path_key = coalesce((SELECT app.my_scope_keys())[1],"
    "                                                   (SELECT c.path_key FROM app.org c"
    "                                                     WHERE c.parent_id IS NULL LIMIT 1)))"
    " LIMIT 1";

int dj_stats_org(struct dj_db *db, const char *code, long long *org_id, struct dj_db_error *err)
{
    const char *params[] = {code};
    PGresult *res = dj_db_query(db, err, SQL_ORG, 1, params);
    if (res == NULL)
        return -1;
    int rc = 1;
    if (PQntuples(res) == 1) {
        *org_id = strtoll(PQgetvalue(res, 0, 0), NULL, 10);
        rc = 0;
    }
    PQclear(res);
    return rc;
}

void dj_stats_free(struct dj_stats *s)
{
    for (size_t i = 0; i < s->count; i++) {
        free(s->rows[i].dimension);
        free(s->rows[i].code);
        free(s->rows[i].name);
    }
    free(s->rows);
    s->rows = NULL;
    s->count = 0;
}

int dj_stats_load(struct dj_db *db, long long org_id, const char *as_of, struct dj_stats *out,
                  struct dj_db_error *err)
{
    char id[32];
    snprintf(id, sizeof id, "%lld", org_id);
    const char *params[] = {id, as_of};
    out->rows = NULL;
    out->count = 0;
    PGresult *res = dj_db_query(db, err, SQL_STATS, 2, params);
    if (res == NULL)
        return -1;
    int n = PQntuples(res);
    if (n > 0) {
        out->rows = calloc((size_t)n, sizeof *out->rows);
        if (out->rows == NULL)
            goto nomem;
    }
    for (int i = 0; i < n; i++) {
        struct dj_stats_row *r = &out->rows[i];
        out->count++;
        r->dimension = strdup(PQgetvalue(res, i, 0));
        r->code = strdup(PQgetvalue(res, i, 1));
        r->name = strdup(PQgetvalue(res, i, 2));
        r->n = strtoll(PQgetvalue(res, i, 3), NULL, 10);
        if (r->dimension == NULL || r->code == NULL || r->name == NULL)
            goto nomem;
    }
    PQclear(res);
    return 0;
nomem:
    PQclear(res);
    dj_stats_free(out);
    memset(err, 0, sizeof *err);
    err->kind = DJ_DB_ERR_MEMORY;
    snprintf(err->message, sizeof err->message, "内存不足，无法读取统计结果");
    return -1;
}

const char *dj_stats_dimension_name(const char *dimension)
{
    static const struct {
        const char *dim, *name;
    } names[] = {{"total", "合计"},
                 {"sex", "性别"},
                 {"age", "年龄"},
                 {"education", "学历"},
                 {"stage", "发展阶段"}};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcmp(names[i].dim, dimension) == 0)
            return names[i].name;
    return dimension;
}
