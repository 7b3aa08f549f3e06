/* The one result funnel, and the calls built on it (contract: db.h). */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "db/db.h"
#include "db/db_internal.h"
#include "db/error_table.h"
#include "log.h"

/* Queries slower than this are logged with their time. */
#define SLOW_MS 1000.0

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

static void field(char *dst, size_t len, const PGresult *res, int code)
{
    const char *v = res ? PQresultErrorField(res, code) : NULL;
    snprintf(dst, len, "%s", v ? v : "");
}

int dj_db_check(struct dj_db *db, PGresult *res, const char *sql, struct dj_db_error *err)
{
    memset(err, 0, sizeof *err);
    switch (res ? PQresultStatus(res) : PGRES_FATAL_ERROR) {
    case PGRES_COMMAND_OK:
    case PGRES_TUPLES_OK:
    case PGRES_EMPTY_QUERY:
    case PGRES_COPY_IN:
    case PGRES_COPY_OUT:
    case PGRES_COPY_BOTH:
    case PGRES_SINGLE_TUPLE:
        return 0;
    default:
        break;
    }

    err->kind = DJ_DB_ERR_SQL;
    field(err->sqlstate, sizeof err->sqlstate, res, PG_DIAG_SQLSTATE);
    field(err->constraint, sizeof err->constraint, res, PG_DIAG_CONSTRAINT_NAME);
    const char *full = res ? PQresultErrorMessage(res) : "";
    if (full[0] == '\0')
        full = PQerrorMessage(db->conn);
    snprintf(err->detail, sizeof err->detail, "%s", full);
    dj_db_error_explain(err, err->sqlstate,
                        res ? PQresultErrorField(res, PG_DIAG_CONSTRAINT_NAME) : NULL,
                        res ? PQresultErrorField(res, PG_DIAG_TABLE_NAME) : NULL,
                        res ? PQresultErrorField(res, PG_DIAG_COLUMN_NAME) : NULL,
                        res ? PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) : NULL);

    /* A dead connection shows up as class 08, as the FATAL a terminated
     * backend sends (57P01), or as no SQLSTATE at all with the connection
     * gone; the status is the last word. */
    if (PQstatus(db->conn) == CONNECTION_BAD) {
        err->kind = DJ_DB_ERR_LOST;
        err->connection_lost = true;
        err->retry = false;
        snprintf(err->message, sizeof err->message, "与数据库的连接已断开");
    } else if (res == NULL) {
        err->kind = DJ_DB_ERR_MEMORY;
        snprintf(err->message, sizeof err->message, "内存不足，操作未完成");
    }
    dj_log("数据库错误 %s%s%s%s：%s\n语句：%s", err->sqlstate[0] ? err->sqlstate : "(无 SQLSTATE)",
           err->connection_lost ? "（连接已断开）" : "", err->constraint[0] ? " 约束 " : "",
           err->constraint, err->detail, sql ? sql : "(未记录)");
    PQclear(res);
    return -1;
}

PGresult *dj_db_query(struct dj_db *db, struct dj_db_error *err, const char *sql, int nparams,
                      const char *const *params)
{
    double start = now_ms();
    PGresult *res = PQexecParams(db->conn, sql, nparams, NULL, params, NULL, NULL, 0);
    double took = now_ms() - start;
    if (took >= SLOW_MS)
        dj_log("慢查询 %.0f ms：%s", took, sql);
    if (dj_db_check(db, res, sql, err) != 0)
        return NULL;
    return res;
}

int dj_db_exec(struct dj_db *db, struct dj_db_error *err, const char *sql, int nparams,
               const char *const *params)
{
    PGresult *res = dj_db_query(db, err, sql, nparams, params);
    if (res == NULL)
        return -1;
    PQclear(res);
    return 0;
}

int dj_db_exec_script(struct dj_db *db, const char *script, struct dj_db_error *err)
{
    /* PQexec, not PQexecParams: a migration holds many statements, which only
     * the simple protocol accepts.  The text is compiled into the program
     * (sql/NNN_*.sql); no user input ever reaches this call. */
    double start = now_ms();
    PGresult *res = PQexec(db->conn, script);
    dj_log("脚本执行 %.0f ms", now_ms() - start);
    if (dj_db_check(db, res, "(迁移脚本)", err) != 0)
        return -1;
    PQclear(res);
    return 0;
}

int dj_db_begin(struct dj_db *db, struct dj_db_error *err)
{
    return dj_db_exec(db, err, "BEGIN", 0, NULL);
}

int dj_db_commit(struct dj_db *db, struct dj_db_error *err)
{
    PGresult *res = dj_db_query(db, err, "COMMIT", 0, NULL);
    if (res == NULL)
        return -1;
    /* COMMIT of a transaction that already failed succeeds as a ROLLBACK:
     * the caller must not believe its work was saved. */
    int rolled_back = strcmp(PQcmdStatus(res), "ROLLBACK") == 0;
    PQclear(res);
    if (rolled_back) {
        err->kind = DJ_DB_ERR_SQL;
        snprintf(err->sqlstate, sizeof err->sqlstate, "25P02");
        dj_db_error_explain(err, "25P02", NULL, NULL, NULL, NULL);
        dj_log("COMMIT 变成了 ROLLBACK：事务中先前的语句已出错");
        return -1;
    }
    return 0;
}

void dj_db_rollback(struct dj_db *db)
{
    if (PQstatus(db->conn) != CONNECTION_OK || PQtransactionStatus(db->conn) == PQTRANS_IDLE)
        return;
    struct dj_db_error ignored;
    dj_db_exec(db, &ignored, "ROLLBACK", 0, NULL);
}
