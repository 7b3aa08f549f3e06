/* The migration runner (contract: migrate.h). */
#include "db/migrate.h"

#include <stdlib.h>
#include <string.h>

#include "db/error_table.h"
#include "db/role_guard.h"
#include "log.h"

/* Advisory locks are per database: consoles on other databases do not wait. */
#define LOCK_KEY DJ_MIGRATE_LOCK_SQL_ARGS

#define CHECKSUM_SQL "encode(sha256(convert_to($1, 'UTF8')), 'hex')"

static int checksum(struct dj_db *db, const char *text, char out[65], struct dj_db_error *err)
{
    const char *params[] = {text};
    PGresult *res = dj_db_query(db, err, "SELECT " CHECKSUM_SQL, 1, params);
    if (res == NULL)
        return -1;
    snprintf(out, 65, "%s", PQgetvalue(res, 0, 0));
    PQclear(res);
    return 0;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(((const struct dj_migration_status *)a)->name,
                  ((const struct dj_migration_status *)b)->name);
}

int dj_migrate_status(struct dj_db *db, const struct dj_migration *list, size_t n,
                      struct dj_migration_status **out, size_t *count, struct dj_db_error *err)
{
    *out = NULL;
    *count = 0;
    PGresult *exists =
        dj_db_query(db, err, "SELECT to_regclass('meta.schema_migration') IS NOT NULL", 0, NULL);
    if (exists == NULL)
        return -1;
    int have_table = strcmp(PQgetvalue(exists, 0, 0), "t") == 0;
    PQclear(exists);

    PGresult *rows = NULL;
    int nrows = 0;
    if (have_table) {
        rows = dj_db_query(db, err,
                           "SELECT name, checksum, to_char(applied_at, 'YYYY-MM-DD HH24:MI:SS')"
                           " FROM meta.schema_migration ORDER BY name",
                           0, NULL);
        if (rows == NULL)
            return -1;
        nrows = PQntuples(rows);
    }

    struct dj_migration_status *st = calloc(n + (size_t)nrows + 1, sizeof *st);
    if (st == NULL) {
        PQclear(rows);
        err->kind = DJ_DB_ERR_MEMORY;
        snprintf(err->message, sizeof err->message, "内存不足");
        return -1;
    }
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        struct dj_migration_status *s = &st[k++];
        snprintf(s->name, sizeof s->name, "%s", list[i].name);
        s->state = DJ_MIGRATION_PENDING;
        for (int r = 0; r < nrows; r++) {
            if (strcmp(PQgetvalue(rows, r, 0), list[i].name) != 0)
                continue;
            char sum[65];
            if (checksum(db, list[i].sql, sum, err) != 0) {
                PQclear(rows);
                free(st);
                return -1;
            }
            s->state = strcmp(sum, PQgetvalue(rows, r, 1)) == 0 ? DJ_MIGRATION_APPLIED
                                                                : DJ_MIGRATION_CHANGED;
            snprintf(s->applied_at, sizeof s->applied_at, "%s", PQgetvalue(rows, r, 2));
        }
    }
    for (int r = 0; r < nrows; r++) {
        size_t i = 0;
        while (i < n && strcmp(PQgetvalue(rows, r, 0), list[i].name) != 0)
            i++;
        if (i < n)
            continue;
        struct dj_migration_status *s = &st[k++];
        snprintf(s->name, sizeof s->name, "%s", PQgetvalue(rows, r, 0));
        s->state = DJ_MIGRATION_UNKNOWN;
        snprintf(s->applied_at, sizeof s->applied_at, "%s", PQgetvalue(rows, r, 2));
    }
    PQclear(rows);
    qsort(st, k, sizeof *st, by_name);
    *out = st;
    *count = k;
    return 0;
}

static int refuse(struct dj_db_error *err, const char *fmt, const char *a, const char *b)
{
    memset(err, 0, sizeof *err);
    err->kind = DJ_DB_ERR_REFUSED;
    snprintf(err->message, sizeof err->message, fmt, a, b);
    dj_log("迁移被拒绝：%s", err->message);
    return -1;
}

/* Refuses when the database is not in a state this program may build on. */
static int check_state(const struct dj_migration_status *st, size_t count, struct dj_db_error *err)
{
    for (size_t i = 0; i < count; i++)
        if (st[i].state == DJ_MIGRATION_CHANGED)
            return refuse(err,
                          "迁移 %s 已于 %s 执行，但本程序中它的内容已被修改（校验和不同）。"
                          "未执行任何迁移：已执行的迁移不能修改，改动应写成新的迁移文件",
                          st[i].name, st[i].applied_at);
    for (size_t i = 0; i < count; i++)
        if (st[i].state == DJ_MIGRATION_UNKNOWN)
            return refuse(err,
                          "数据库中有本程序不认识的迁移 %s（%s 执行，可能来自更新版本的程序）。"
                          "未执行任何迁移，请使用更新版本的 dangjian",
                          st[i].name, st[i].applied_at);
    /* st is sorted by name: a pending entry before an applied one is a gap. */
    for (size_t i = 0; i < count; i++) {
        if (st[i].state != DJ_MIGRATION_PENDING)
            continue;
        for (size_t j = i + 1; j < count; j++)
            if (st[j].state == DJ_MIGRATION_APPLIED)
                return refuse(err,
                              "迁移 %s 排在已执行的迁移 %s 之前，不能补做。"
                              "未执行任何迁移，请把它改为排在最后的编号",
                              st[i].name, st[j].name);
    }
    return 0;
}

static int apply_one(struct dj_db *db, const struct dj_migration *m, struct dj_db_error *err)
{
    const char *params[] = {m->name, m->sql};
    if (dj_db_begin(db, err) != 0)
        return -1;
    if (dj_db_exec_script(db, m->sql, err) != 0 ||
        dj_db_exec(db, err, "SELECT meta.hand_to_owner()", 0, NULL) != 0 ||
        dj_db_exec(db, err,
                   "INSERT INTO meta.schema_migration (name, checksum)"
                   " VALUES ($1, encode(sha256(convert_to($2, 'UTF8')), 'hex'))",
                   2, params) != 0 ||
        dj_db_commit(db, err) != 0) {
        dj_db_rollback(db);
        return -1;
    }
    return 0;
}

/* "迁移 X 失败：<message>（<the server's first line>）": the console's user is
 * the administrator, who needs the server's words to fix a migration. */
static void blame(struct dj_db_error *err, const char *name)
{
    char msg[sizeof err->message + 512];
    int len = (int)strcspn(err->detail, "\n");
    if (len > 300)
        len = 300;
    if (err->kind == DJ_DB_ERR_SQL && len > 0)
        snprintf(msg, sizeof msg, "迁移 %s 失败：%s（%.*s）", name, err->message, len, err->detail);
    else
        snprintf(msg, sizeof msg, "迁移 %s 失败：%s", name, err->message);
    dj_db_error_set_message(err, msg);
}

int dj_migrate_run(struct dj_db *db, const struct dj_migration *list, size_t n, FILE *out,
                   FILE *msg, struct dj_db_error *err)
{
    /* The files' own NOTICEs ("already exists, skipping") are noise here. */
    if (dj_db_exec(db, err, "SET client_min_messages = warning", 0, NULL) != 0)
        return -1;
    PGresult *got = dj_db_query(db, err, "SELECT pg_try_advisory_lock(" LOCK_KEY ")", 0, NULL);
    if (got == NULL)
        return -1;
    int locked = strcmp(PQgetvalue(got, 0, 0), "t") == 0;
    PQclear(got);
    if (!locked) {
        if (msg != NULL) {
            fprintf(msg, "另一个控制台正在对这个数据库执行迁移，等待它完成……\n");
            fflush(msg);
        }
        if (dj_db_exec(db, err, "SELECT pg_advisory_lock(" LOCK_KEY ")", 0, NULL) != 0)
            return -1;
    }

    int rc = -1;
    struct dj_migration_status *st = NULL;
    size_t count = 0;
    if (dj_db_exec(db, err, "CREATE SCHEMA IF NOT EXISTS meta", 0, NULL) != 0 ||
        dj_db_exec(db, err,
                   "CREATE TABLE IF NOT EXISTS meta.schema_migration ("
                   " name text PRIMARY KEY,"
                   " checksum text NOT NULL,"
                   " applied_at timestamptz NOT NULL DEFAULT now(),"
                   " applied_by text NOT NULL DEFAULT session_user)",
                   0, NULL) != 0 ||
        dj_migrate_status(db, list, n, &st, &count, err) != 0 || check_state(st, count, err) != 0 ||
        dj_role_guard_check(db, err) != 0)
        goto done;

    size_t applied = 0;
    for (size_t i = 0; i < n; i++) {
        int pending = 0;
        for (size_t j = 0; j < count; j++)
            if (strcmp(st[j].name, list[i].name) == 0)
                pending = st[j].state == DJ_MIGRATION_PENDING;
        if (!pending)
            continue;
        if (apply_one(db, &list[i], err) != 0) {
            blame(err, list[i].name);
            goto done;
        }
        dj_log("已执行迁移 %s", list[i].name);
        fprintf(out, "已执行迁移 %s (applied)\n", list[i].name);
        fflush(out);
        applied++;
    }
    if (applied == 0)
        fprintf(out, "没有待执行的迁移 (nothing pending)\n");
    rc = 0;

done:
    free(st);
    if (PQstatus(dj_db_conn(db)) == CONNECTION_OK) {
        struct dj_db_error ignored;
        dj_db_exec(db, &ignored, "SELECT pg_advisory_unlock(" LOCK_KEY ")", 0, NULL);
    }
    return rc;
}
