/* Who is signed in, and changing one's own password (contract: clerk_info.h). */
#include "db/clerk_info.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/error_table.h"
#include "log.h"

static const char SQL_WHO[] = "SELECT session_user::text, r.rolsuper"
                              "  FROM pg_catalog.pg_roles r WHERE r.rolname = session_user";

/* The clerk's own row (the clerks' policy lets each read its own). */
static const char SQL_CLERK[] = "SELECT c.level, c.is_admin, c.disabled, c.must_change_password"
                                "  FROM app.clerk c WHERE c.role_name = session_user::text";

/* The organizations whose subtrees the clerk sees, outermost first. */
static const char SQL_SCOPES[] = "SELECT o.id, o.code, o.name, o.full_name"
                                 "  FROM app.org o"
                                 " WHERE o.id IN (SELECT app.my_orgs())"
                                 " ORDER BY o.path_key"
                                 " LIMIT 4";

/* The superuser sees everything: start from the root. */
static const char SQL_ROOT[] = "SELECT o.id, o.code, o.name, o.full_name"
                               "  FROM app.org o WHERE o.parent_id IS NULL";

static const char SQL_CHANGE[] = "SELECT app.change_my_password($1)";

static void copy(char *dst, size_t len, const PGresult *res, int row, int col)
{
    snprintf(dst, len, "%s", PQgetisnull(res, row, col) ? "" : PQgetvalue(res, row, col));
}

static bool flag(const PGresult *res, int row, int col)
{
    return !PQgetisnull(res, row, col) && PQgetvalue(res, row, col)[0] == 't';
}

static int load_scopes(struct dj_db *db, struct dj_clerk_info *info, const char *sql,
                       struct dj_db_error *err)
{
    PGresult *res = dj_db_query(db, err, sql, 0, NULL);
    if (res == NULL)
        return -1;
    int n = PQntuples(res);
    for (int i = 0; i < n && i < DJ_CLERK_MAX_SCOPES; i++) {
        struct dj_clerk_scope *s = &info->scopes[i];
        s->org_id = strtoll(PQgetvalue(res, i, 0), NULL, 10);
        copy(s->code, sizeof s->code, res, i, 1);
        copy(s->name, sizeof s->name, res, i, 2);
        copy(s->full_name, sizeof s->full_name, res, i, 3);
        info->n_scopes++;
    }
    PQclear(res);
    return 0;
}

int dj_clerk_info_load(struct dj_db *db, struct dj_clerk_info *info, struct dj_db_error *err)
{
    memset(info, 0, sizeof *info);
    PGresult *res = dj_db_query(db, err, SQL_WHO, 0, NULL);
    if (res == NULL)
        return -1;
    if (PQntuples(res) != 1) {
        PQclear(res);
        memset(err, 0, sizeof *err);
        err->kind = DJ_DB_ERR_REFUSED;
        dj_db_error_set_message(err, "无法确认登录用户的身份");
        return -1;
    }
    copy(info->login, sizeof info->login, res, 0, 0);
    info->superuser = flag(res, 0, 1);
    PQclear(res);

    res = dj_db_query(db, err, SQL_CLERK, 0, NULL);
    if (res == NULL) {
        /* A role with no rights in this database is simply not one of its clerks. */
        if (strcmp(err->sqlstate, "42501") != 0)
            return -1;
        memset(err, 0, sizeof *err);
    } else {
        if (PQntuples(res) == 1) {
            info->is_clerk = true;
            copy(info->level, sizeof info->level, res, 0, 0);
            info->is_admin = flag(res, 0, 1);
            info->disabled = flag(res, 0, 2);
            info->must_change_password = flag(res, 0, 3);
        }
        PQclear(res);
    }

    if (info->superuser)
        return load_scopes(db, info, SQL_ROOT, err);
    if (info->is_clerk && !info->disabled)
        return load_scopes(db, info, SQL_SCOPES, err);
    return 0;
}

const char *dj_clerk_level_name(const char *level)
{
    static const struct {
        const char *level, *name;
    } names[] = {
        {"branch", "支部"},    {"general_branch", "总支"},
        {"committee", "党委"}, {"district", "区县委/大口委办"},
        {"city", "市委"},      {"auditor", "审计"},
    };
    for (size_t i = 0; level && i < sizeof names / sizeof names[0]; i++)
        if (strcmp(level, names[i].level) == 0)
            return names[i].name;
    return "";
}

int dj_clerk_change_password(struct dj_db *db, const char *new_password, struct dj_db_error *err)
{
    PGconn *c = dj_db_conn(db);
    /* SCRAM whatever the server's password_encryption says: app.change_my_password
     * accepts nothing else. */
    char *hash = PQencryptPasswordConn(c, new_password, PQuser(c), "scram-sha-256");
    if (hash == NULL) {
        memset(err, 0, sizeof *err);
        err->kind = PQstatus(c) == CONNECTION_BAD ? DJ_DB_ERR_LOST : DJ_DB_ERR_REFUSED;
        err->connection_lost = err->kind == DJ_DB_ERR_LOST;
        snprintf(err->detail, sizeof err->detail, "%s", PQerrorMessage(c));
        dj_log("无法计算密码的散列值：%s", PQerrorMessage(c));
        dj_db_error_set_message(err, err->connection_lost ? "与数据库的连接已断开"
                                                          : "无法计算新密码的散列值，密码未修改");
        return -1;
    }
    const char *params[1] = {hash};
    int rc = dj_db_exec(db, err, SQL_CHANGE, 1, params);
    explicit_bzero(hash, strlen(hash));
    PQfreemem(hash);
    return rc;
}
