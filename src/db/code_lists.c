/* A kind's codes for the pickers (contract: code_lists.h). */
#include "db/code_lists.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char SQL_CODES[] = "SELECT code, name FROM code.all_codes"
                                " WHERE kind = $1::text AND in_use ORDER BY sort, code";

int dj_code_list_load(struct dj_db *db, const char *kind, struct dj_code_entry **out, size_t *n,
                      struct dj_db_error *err)
{
    *out = NULL;
    *n = 0;
    const char *params[1] = {kind};
    PGresult *res = dj_db_query(db, err, SQL_CODES, 1, params);
    if (res == NULL)
        return -1;
    int rows = PQntuples(res);
    if (rows > 0) {
        *out = calloc((size_t)rows, sizeof **out);
        if (*out == NULL) {
            PQclear(res);
            memset(err, 0, sizeof *err);
            err->kind = DJ_DB_ERR_MEMORY;
            snprintf(err->message, sizeof err->message, "内存不足，无法读取代码表");
            return -1;
        }
    }
    for (int i = 0; i < rows; i++) {
        snprintf((*out)[i].code, sizeof(*out)[i].code, "%s", PQgetvalue(res, i, 0));
        snprintf((*out)[i].name, sizeof(*out)[i].name, "%s", PQgetvalue(res, i, 1));
    }
    *n = (size_t)rows;
    PQclear(res);
    return 0;
}
