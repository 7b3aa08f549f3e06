/* The installation's group roles checked before migrating (contract: role_guard.h). */
#include "db/role_guard.h"

#include <string.h>

#include "log.h"

/* The role prefix: meta.install's once installed, else what 001 will write
 * (the database's name folded to a safe identifier; keep the two alike). */
#define PREFIX_INSTALLED_SQL "SELECT role_prefix FROM meta.install"
#define PREFIX_NEW_SQL                                                                             \
    "SELECT left(regexp_replace(lower(current_database()), '[^a-z0-9_]', '_', 'g'), 40)"

/* One row per role that 001 must not adopt: its name and what is wrong, the
 * first problem found.  $1 is the prefix. */
static const char check_sql[] =
    "SELECT r.rolname,"
    "       CASE WHEN r.rolcanlogin THEN '可以登录（LOGIN）'"
    "            WHEN r.rolsuper THEN '是超级用户（SUPERUSER）'"
    "            WHEN r.rolcreatedb THEN '可以建数据库（CREATEDB）'"
    "            WHEN r.rolreplication THEN '可以复制（REPLICATION）'"
    "            WHEN r.rolbypassrls THEN '不受行级安全限制（BYPASSRLS）'"
    "            WHEN r.rolcreaterole AND g.n <> 'useradmin' THEN '可以建角色（CREATEROLE）'"
    "            ELSE '属于角色 ' || (SELECT string_agg(quote_ident(o.rolname), ', '"
    "                                                  ORDER BY o.rolname)"
    "                                   FROM pg_auth_members a JOIN pg_roles o ON o.oid = a.roleid"
    "                                  WHERE a.member = r.oid"
    "                                    AND NOT (g.in_clerk AND o.rolname = $1 || '_clerk'))"
    "       END"
    "  FROM (VALUES ('owner', false), ('useradmin', false), ('clerk', false),"
    "               ('branch', true), ('general_branch', true), ('committee', true),"
    "               ('district', true), ('city', true), ('auditor', true)) AS g (n, in_clerk)"
    "  JOIN pg_roles r ON r.rolname = $1 || '_' || g.n"
    " WHERE r.rolcanlogin OR r.rolsuper OR r.rolcreatedb OR r.rolreplication OR r.rolbypassrls"
    "    OR (r.rolcreaterole AND g.n <> 'useradmin')"
    "    OR EXISTS (SELECT 1 FROM pg_auth_members a JOIN pg_roles o ON o.oid = a.roleid"
    "                WHERE a.member = r.oid"
    "                  AND NOT (g.in_clerk AND o.rolname = $1 || '_clerk'))"
    " ORDER BY r.rolname";

int dj_role_guard_check(struct dj_db *db, struct dj_db_error *err)
{
    PGresult *res = dj_db_query(db, err, "SELECT to_regclass('meta.install') IS NOT NULL", 0, NULL);
    if (res == NULL)
        return -1;
    int installed = strcmp(PQgetvalue(res, 0, 0), "t") == 0;
    PQclear(res);
    res = dj_db_query(db, err, installed ? PREFIX_INSTALLED_SQL : PREFIX_NEW_SQL, 0, NULL);
    if (res == NULL)
        return -1;
    char prefix[128];
    snprintf(prefix, sizeof prefix, "%s", PQntuples(res) > 0 ? PQgetvalue(res, 0, 0) : "");
    PQclear(res);

    const char *params[] = {prefix};
    res = dj_db_query(db, err, check_sql, 1, params);
    if (res == NULL)
        return -1;
    if (PQntuples(res) == 0) {
        PQclear(res);
        return 0;
    }
    memset(err, 0, sizeof *err);
    err->kind = DJ_DB_ERR_REFUSED;
    snprintf(err->message, sizeof err->message,
             "角色 %s 已存在，但它%s，不是本程序为这个数据库建立的角色（共 %d 个这样的角色）。"
             "未执行任何迁移：请换一个数据库名，或由数据库管理员查明并删除或改名该角色",
             PQgetvalue(res, 0, 0), PQgetvalue(res, 0, 1), PQntuples(res));
    dj_log("迁移被拒绝：%s", err->message);
    PQclear(res);
    return -1;
}
