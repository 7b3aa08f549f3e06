/* COPY FROM STDIN, streamed (contract: copy.h). */
#include "db/copy.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/db_internal.h"
#include "log.h"

struct dj_copy {
    struct dj_db *db;
    char *buf;
    size_t used, cap;
    bool row_open; /* a field was written in the current row */
    char sql[256]; /* for the log */
};

static bool reserve(struct dj_copy *c, size_t more)
{
    if (c->used + more <= c->cap)
        return true;
    size_t cap = c->cap * 2;
    while (cap < c->used + more)
        cap *= 2;
    char *b = realloc(c->buf, cap);
    if (b == NULL)
        return false;
    c->buf = b;
    c->cap = cap;
    return true;
}

static void sep(struct dj_copy *c)
{
    if (c->row_open)
        c->buf[c->used++] = '\t';
    c->row_open = true;
}

struct dj_copy *dj_copy_begin(struct dj_db *db, const char *sql, struct dj_db_error *err)
{
    PGresult *res = PQexec(db->conn, sql);
    if (dj_db_check(db, res, sql, err) != 0)
        return NULL;
    ExecStatusType st = PQresultStatus(res);
    PQclear(res);
    if (st != PGRES_COPY_IN) {
        memset(err, 0, sizeof *err);
        err->kind = DJ_DB_ERR_REFUSED;
        snprintf(err->message, sizeof err->message, "服务器没有进入 COPY 状态");
        dj_log("COPY 没有开始（状态 %d）：%s", (int)st, sql);
        return NULL;
    }
    struct dj_copy *c = calloc(1, sizeof *c);
    if (c != NULL)
        c->buf = malloc(DJ_COPY_CHUNK + 4096);
    if (c == NULL || c->buf == NULL) {
        free(c);
        PQputCopyEnd(db->conn, "out of memory");
        while ((res = PQgetResult(db->conn)) != NULL)
            PQclear(res);
        memset(err, 0, sizeof *err);
        err->kind = DJ_DB_ERR_MEMORY;
        snprintf(err->message, sizeof err->message, "内存不足，操作未完成");
        return NULL;
    }
    c->db = db;
    c->cap = DJ_COPY_CHUNK + 4096;
    snprintf(c->sql, sizeof c->sql, "%s", sql);
    return c;
}

void dj_copy_text(struct dj_copy *c, const char *s)
{
    if (s == NULL) {
        dj_copy_null(c);
        return;
    }
    size_t n = strlen(s);
    if (!reserve(c, 2 * n + 2))
        return;
    sep(c);
    for (size_t i = 0; i < n; i++) {
        char ch = s[i];
        switch (ch) {
        case '\\':
            c->buf[c->used++] = '\\';
            c->buf[c->used++] = '\\';
            break;
        case '\t':
            c->buf[c->used++] = '\\';
            c->buf[c->used++] = 't';
            break;
        case '\n':
            c->buf[c->used++] = '\\';
            c->buf[c->used++] = 'n';
            break;
        case '\r':
            c->buf[c->used++] = '\\';
            c->buf[c->used++] = 'r';
            break;
        default:
            c->buf[c->used++] = ch;
        }
    }
}

void dj_copy_int(struct dj_copy *c, int64_t v)
{
    if (!reserve(c, 24))
        return;
    sep(c);
    c->used += (size_t)snprintf(c->buf + c->used, 23, "%" PRId64, v);
}

void dj_copy_date(struct dj_copy *c, struct dj_date d)
{
    if (d.y == 0) {
        dj_copy_null(c);
        return;
    }
    if (!reserve(c, 12))
        return;
    sep(c);
    /* YYYY-MM-DD by hand: millions of dates, and snprintf is the slow part. */
    char *p = c->buf + c->used;
    unsigned y = (unsigned)d.y % 10000u, m = (unsigned)d.m % 100u, dd = (unsigned)d.d % 100u;
    p[0] = (char)('0' + y / 1000);
    p[1] = (char)('0' + y / 100 % 10);
    p[2] = (char)('0' + y / 10 % 10);
    p[3] = (char)('0' + y % 10);
    p[4] = '-';
    p[5] = (char)('0' + m / 10);
    p[6] = (char)('0' + m % 10);
    p[7] = '-';
    p[8] = (char)('0' + dd / 10);
    p[9] = (char)('0' + dd % 10);
    c->used += 10;
}

void dj_copy_bool(struct dj_copy *c, bool v)
{
    if (!reserve(c, 2))
        return;
    sep(c);
    c->buf[c->used++] = v ? 't' : 'f';
}

void dj_copy_null(struct dj_copy *c)
{
    if (!reserve(c, 3))
        return;
    sep(c);
    c->buf[c->used++] = '\\';
    c->buf[c->used++] = 'N';
}

static int lost(struct dj_copy *c, struct dj_db_error *err)
{
    /* PQputCopyData fails only when the connection does: the funnel says so
     * (it reads the connection's state). */
    return dj_db_check(c->db, NULL, c->sql, err);
}

static int flush(struct dj_copy *c, struct dj_db_error *err)
{
    if (c->used == 0)
        return 0;
    if (PQputCopyData(c->db->conn, c->buf, (int)c->used) != 1)
        return lost(c, err);
    c->used = 0;
    return 0;
}

int dj_copy_row(struct dj_copy *c, struct dj_db_error *err)
{
    if (!reserve(c, 1)) {
        memset(err, 0, sizeof *err);
        err->kind = DJ_DB_ERR_MEMORY;
        snprintf(err->message, sizeof err->message, "内存不足，操作未完成");
        return -1;
    }
    c->buf[c->used++] = '\n';
    c->row_open = false;
    return c->used >= DJ_COPY_CHUNK ? flush(c, err) : 0;
}

int dj_copy_end(struct dj_copy *c, int64_t *rows, struct dj_db_error *err)
{
    int rc = flush(c, err);
    if (rc == 0 && PQputCopyEnd(c->db->conn, NULL) != 1)
        rc = lost(c, err);
    /* Every result of the COPY; the first failure is the one reported. */
    PGresult *res;
    while ((res = PQgetResult(c->db->conn)) != NULL) {
        if (rc != 0) {
            PQclear(res);
            continue;
        }
        if (rows != NULL && PQresultStatus(res) == PGRES_COMMAND_OK)
            *rows = strtoll(PQcmdTuples(res), NULL, 10);
        if (dj_db_check(c->db, res, c->sql, err) != 0)
            rc = -1;
        else
            PQclear(res);
    }
    free(c->buf);
    free(c);
    return rc;
}

void dj_copy_abort(struct dj_copy *c)
{
    if (c == NULL)
        return;
    PQputCopyEnd(c->db->conn, "dangjian: load abandoned");
    PGresult *res;
    while ((res = PQgetResult(c->db->conn)) != NULL)
        PQclear(res);
    free(c->buf);
    free(c);
}
