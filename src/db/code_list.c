/* One kind's codes for the pickers (contract: code_list.h). */
#include "db/code_list.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/error_table.h"

static const char SQL_CODES[] = "SELECT code, name, 0 FROM code.all_codes"
                                " WHERE kind = $1 AND in_use ORDER BY sort, code";
static const char SQL_ORGS[] = "SELECT code, name, id FROM app.org WHERE state = 'active'"
                               " ORDER BY path_key LIMIT $1::integer";

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

static int load(struct dj_db *db, const char *sql, const char *param, struct dj_code_list *out,
                struct dj_db_error *err)
{
    out->rows = NULL;
    out->n = 0;
    const char *params[] = {param};
    PGresult *res = dj_db_query(db, err, sql, 1, params);
    if (res == NULL)
        return -1;
    int n = PQntuples(res);
    if (n > 0) {
        out->rows = calloc((size_t)n, sizeof *out->rows);
        if (out->rows == NULL) {
            PQclear(res);
            memset(err, 0, sizeof *err);
            err->kind = DJ_DB_ERR_MEMORY;
            dj_db_error_set_message(err, "内存不足，无法读取代码表");
            return -1;
        }
    }
    for (int i = 0; i < n; i++) {
        copy_text(out->rows[i].code, sizeof out->rows[i].code, PQgetvalue(res, i, 0));
        copy_text(out->rows[i].name, sizeof out->rows[i].name, PQgetvalue(res, i, 1));
        out->rows[i].id = strtoll(PQgetvalue(res, i, 2), NULL, 10);
    }
    out->n = (size_t)n;
    PQclear(res);
    return 0;
}

int dj_code_list_load(struct dj_db *db, const char *kind, struct dj_code_list *out,
                      struct dj_db_error *err)
{
    return load(db, SQL_CODES, kind, out, err);
}

int dj_code_list_orgs(struct dj_db *db, int max, struct dj_code_list *out, struct dj_db_error *err)
{
    char limit[16];
    snprintf(limit, sizeof limit, "%d", max > 0 ? max : 1);
    return load(db, SQL_ORGS, limit, out, err);
}

void dj_code_list_free(struct dj_code_list *l)
{
    free(l->rows);
    l->rows = NULL;
    l->n = 0;
}
