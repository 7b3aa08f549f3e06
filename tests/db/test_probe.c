/*
 * The escalation probe with real clerk logins (SECURITY.md, "Testing it"): from a
 * superuser session switching to a clerk always works, so these run as real
 * connections.  In a scratch database of its own (migrated here, dropped with
 * its roles at the end) the superuser builds a small tree and adds, with
 * dj_user_add (the password is hashed on the client), one clerk per level:
 * branch, general branch, committee and district in district 甲, the city, and
 * an auditor of district 乙.  Each logs in with its password and
 *   - sees exactly its subtree's organizations, people and record rows (counted
 *     by the superuser from the ltree paths), and nothing foreign by key;
 *   - cannot SET ROLE or SET SESSION AUTHORIZATION to another clerk, the owner,
 *     useradmin or the superuser, nor ALTER or GRANT itself more power;
 *   - cannot create tables in app or public, temporary tables, schemas;
 *   - reads no other clerk's app.clerk row, and audit.log only as its policy
 *     allows (a branch clerk not at all, a district clerk who is no
 *     administrator nothing, an auditor its own district's rows);
 *   - gets an error, not every row, after SET row_security = off;
 *   - changes nothing foreign with UPDATE or DELETE, truncates nothing.
 * Needs PG* variables naming a superuser (pg_virtualenv); fails without a server.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "db/db.h"
#include "db/migrate.h"
#include "db/user.h"

static char dbname[40];
static struct dj_db *super; /* to the server's default database */
static struct dj_db *db;    /* to the scratch database, as the superuser */

struct probe_clerk {
    const char *suffix;
    const char *level;
    const char *org;     /* the organization it is mapped to */
    const char *foreign; /* a branch outside its scope, or NULL (the city) */
    char name[64];       /* "<dbname>_<suffix>" */
    char code[32];       /* the organization's code */
};

static struct probe_clerk clerks[] = {
    {"p_branch", "branch", "甲一支部", "乙支部", "", ""},
    {"p_gb", "general_branch", "甲总支", "乙支部", "", ""},
    {"p_comm", "committee", "甲党委", "乙支部", "", ""},
    {"p_dist", "district", "甲区委", "乙支部", "", ""},
    {"p_city", "city", "上海市委", NULL, "", ""},
    {"p_aud", "auditor", "乙区委", "甲一支部", "", ""},
};
#define N_CLERKS (sizeof clerks / sizeof clerks[0])
#define PASSWORD "Probe-pass-1"

static struct dj_db *connect_as(const char *name, const char *user, const char *password,
                                struct dj_db_error *err)
{
    struct dj_config cfg = {0};
    size_t n = 0;
    if (name != NULL) {
        cfg.conn_keys[n] = "dbname";
        cfg.conn_vals[n++] = name;
    }
    if (user != NULL) {
        cfg.conn_keys[n] = "user";
        cfg.conn_vals[n++] = user;
        /* An explicit password wins over PGPASSWORD (the superuser's). */
        cfg.conn_keys[n] = "password";
        cfg.conn_vals[n++] = password;
    }
    cfg.conn_count = n;
    return dj_db_connect(&cfg, NULL, err);
}

static struct dj_db *login(const struct probe_clerk *c)
{
    struct dj_db_error err;
    struct dj_db *conn = connect_as(dbname, c->name, PASSWORD, &err);
    if (conn == NULL)
        fail_msg("%s cannot log in: %s\n%s", c->name, err.message, err.detail);
    return conn;
}

static void exec_ok(struct dj_db *c, const char *sql, int n, const char *const *params)
{
    struct dj_db_error err;
    if (dj_db_exec(c, &err, sql, n, params) != 0)
        fail_msg("%s: %s\n%s", sql, err.message, err.detail);
}

/* The first column of the first row (a static buffer); "" for no row. */
static const char *value(struct dj_db *c, const char *sql, int n, const char *const *params)
{
    static char buf[512];
    struct dj_db_error err;
    PGresult *res = dj_db_query(c, &err, sql, n, params);
    if (res == NULL)
        fail_msg("%s: %s\n%s", sql, err.message, err.detail);
    snprintf(buf, sizeof buf, "%s", PQntuples(res) > 0 ? PQgetvalue(res, 0, 0) : "");
    PQclear(res);
    return buf;
}

/* The rows an UPDATE or DELETE changed, as text; fails the test on an error. */
static const char *changed(struct dj_db *c, const char *who, const char *sql, int n,
                           const char *const *params)
{
    static char buf[32];
    struct dj_db_error err;
    PGresult *res = dj_db_query(c, &err, sql, n, params);
    if (res == NULL)
        fail_msg("%s: %s: %s\n%s", who, sql, err.message, err.detail);
    snprintf(buf, sizeof buf, "%s", PQcmdTuples(res));
    PQclear(res);
    return buf;
}

/* sql must fail with sqlstate. */
static void refused(struct dj_db *c, const char *who, const char *sql, const char *sqlstate)
{
    struct dj_db_error err;
    if (dj_db_exec(c, &err, sql, 0, NULL) == 0)
        fail_msg("%s: \"%s\" worked; it must be refused with %s", who, sql, sqlstate);
    if (strcmp(err.sqlstate, sqlstate) != 0)
        fail_msg("%s: \"%s\" failed with %s, not %s: %s", who, sql, err.sqlstate, sqlstate,
                 err.detail);
}

/* The scratch database, migrated, with its tree, people, record rows and clerks.
 * Made by the first test that runs, so that without a server every test fails
 * on its own. */
static void scratch(void)
{
    if (db != NULL)
        return;
    snprintf(dbname, sizeof dbname, "dj_test_probe_%ld", (long)getpid());
    struct dj_db_error err;
    super = connect_as(NULL, NULL, NULL, &err);
    if (super == NULL)
        fail_msg("cannot reach the test server (PGHOST=%s PGPORT=%s): %s\n%s",
                 getenv("PGHOST") ? getenv("PGHOST") : "", getenv("PGPORT") ? getenv("PGPORT") : "",
                 err.message, err.detail);
    char sql[256];
    snprintf(sql, sizeof sql,
             "CREATE DATABASE %s TEMPLATE template0 ENCODING 'UTF8' LOCALE 'C.UTF-8'", dbname);
    exec_ok(super, sql, 0, NULL);
    db = connect_as(dbname, NULL, NULL, &err);
    if (db == NULL)
        fail_msg("cannot reach %s: %s\n%s", dbname, err.message, err.detail);
    FILE *devnull = fopen("/dev/null", "w");
    assert_non_null(devnull);
    int rc = dj_migrate_run(db, dj_migrations, dj_migration_count, devnull, NULL, &err);
    fclose(devnull);
    if (rc != 0)
        fail_msg("migrate %s: %s\n%s", dbname, err.message, err.detail);

    /* 甲区委 > 甲党委 > 甲总支 > 甲一支部, and 甲二支部 straight under 甲党委;
     * 乙区委 > 乙党委 > 乙总支 > 乙支部.  Three people in each branch, one
     * education row each. */
    exec_ok(db,
            "DO $$DECLARE r record; BEGIN"
            " FOR r IN SELECT * FROM (VALUES (1, '上海市委', '2', '甲区委'), (2, '上海市委', '2', "
            "'乙区委'),"
            "   (3, '甲区委', '4', '甲党委'), (4, '乙区委', '4', '乙党委'), (5, '甲党委', '5', "
            "'甲总支'),"
            "   (6, '乙党委', '5', '乙总支'), (7, '甲总支', '6', '甲一支部'), (8, '甲党委', '6', "
            "'甲二支部'),"
            "   (9, '乙总支', '6', '乙支部')) AS v(o, p, k, n) ORDER BY o LOOP"
            "  INSERT INTO app.org (parent_id, kind, name)"
            "  VALUES ((SELECT id FROM app.org WHERE name = r.p), r.k, r.n);"
            " END LOOP; END$$",
            0, NULL);
    exec_ok(db,
            "INSERT INTO app.person (name, sex, stage, org_id)"
            " SELECT o.name || '党员' || i, '2', '1', o.id"
            "   FROM app.org o, generate_series(1, 3) i WHERE o.kind = '6'",
            0, NULL);
    exec_ok(db, "INSERT INTO app.education (person_id, education) SELECT id, '31' FROM app.person",
            0, NULL);

    for (size_t i = 0; i < N_CLERKS; i++) {
        struct probe_clerk *c = &clerks[i];
        snprintf(c->name, sizeof c->name, "%s_%s", dbname, c->suffix);
        const char *p[] = {c->org};
        snprintf(c->code, sizeof c->code, "%s",
                 value(db, "SELECT code FROM app.org WHERE name = $1", 1, p));
        if (dj_user_add(db, c->name, c->code, c->level, PASSWORD, false, &err) != 0)
            fail_msg("user_add %s: %s\n%s", c->name, err.message, err.detail);
    }
}

static int drop_scratch(void **state)
{
    (void)state;
    if (super == NULL)
        return 0;
    if (db != NULL)
        dj_db_close(db);
    char sql[256];
    snprintf(sql, sizeof sql, "DROP DATABASE IF EXISTS %s WITH (FORCE)", dbname);
    exec_ok(super, sql, 0, NULL);
    /* The clerks first, then the roles 001_meta made for this database. */
    const char *prefix[] = {dbname};
    exec_ok(super, "SELECT set_config('dj.test_prefix', $1, false)", 1, prefix);
    exec_ok(super,
            "DO $$DECLARE r text; BEGIN"
            " FOR r IN SELECT rolname FROM pg_roles"
            "          WHERE rolname LIKE current_setting('dj.test_prefix') || '\\_%'"
            "          ORDER BY rolcanlogin DESC, rolname LOOP"
            "   EXECUTE format('DROP ROLE %I', r);"
            " END LOOP; END$$",
            0, NULL);
    dj_db_close(super);
    return 0;
}

/* The truth, counted by the superuser from the ltree paths: rows of `what`
 * ("org", "person", "education") under the organization with code. */
static const char *truth(const char *what, const char *code)
{
    const char *p[] = {code};
    const char *sql =
        strcmp(what, "org") == 0
            ? "SELECT count(*) FROM app.org o"
              " WHERE o.path OPERATOR(ext.<@) (SELECT path FROM app.org WHERE code = $1)"
        : strcmp(what, "person") == 0
            ? "SELECT count(*) FROM app.person p JOIN app.org o ON o.id = p.org_id"
              " WHERE o.path OPERATOR(ext.<@) (SELECT path FROM app.org WHERE code = $1)"
            : "SELECT count(*) FROM app.education e JOIN app.person p ON p.id = e.person_id"
              " JOIN app.org o ON o.id = p.org_id"
              " WHERE o.path OPERATOR(ext.<@) (SELECT path FROM app.org WHERE code = $1)";
    return value(db, sql, 1, p);
}

/* The smallest person id in the branch named branch. */
static const char *person_in(const char *branch)
{
    static char buf[32];
    const char *p[] = {branch};
    snprintf(buf, sizeof buf, "%s",
             value(db,
                   "SELECT min(p.id) FROM app.person p JOIN app.org o ON o.id = p.org_id"
                   " WHERE o.name = $1",
                   1, p));
    return buf;
}

/* ---------------------------------------------------------------------------- */

static void clerks_see_exactly_their_subtree(void **state)
{
    (void)state;
    scratch();
    /* The truth itself is not trivial. */
    assert_string_equal(truth("person", clerks[2].code), "6");
    assert_string_equal(truth("person", clerks[1].code), "3");
    for (size_t i = 0; i < N_CLERKS; i++) {
        const struct probe_clerk *c = &clerks[i];
        struct dj_db *conn = login(c);
        assert_string_equal(value(conn, "SELECT session_user", 0, NULL), c->name);
        const char *what[][2] = {{"org", "SELECT count(*) FROM app.org"},
                                 {"person", "SELECT count(*) FROM app.person"},
                                 {"education", "SELECT count(*) FROM app.education"}};
        for (size_t w = 0; w < 3; w++) {
            char want[32];
            snprintf(want, sizeof want, "%s", truth(what[w][0], c->code));
            const char *seen = value(conn, what[w][1], 0, NULL);
            if (strcmp(seen, want) != 0)
                fail_msg("%s (%s) sees %s rows of %s, its subtree holds %s", c->name, c->level,
                         seen, what[w][0], want);
        }
        if (c->foreign != NULL) {
            const char *p[] = {person_in(c->foreign)};
            assert_string_equal(value(conn, "SELECT count(*) FROM app.person WHERE id = $1", 1, p),
                                "0");
            assert_string_equal(
                value(conn, "SELECT count(*) FROM app.education WHERE person_id = $1", 1, p), "0");
        }
        dj_db_close(conn);
    }
}

static void clerks_cannot_become_another_role(void **state)
{
    (void)state;
    scratch();
    char superuser[64], owner[80], useradmin[80];
    snprintf(superuser, sizeof superuser, "%s", value(db, "SELECT session_user", 0, NULL));
    snprintf(owner, sizeof owner, "%s", value(db, "SELECT meta.role('owner')", 0, NULL));
    snprintf(useradmin, sizeof useradmin, "%s",
             value(db, "SELECT meta.role('useradmin')", 0, NULL));
    for (size_t i = 0; i < N_CLERKS; i++) {
        const struct probe_clerk *c = &clerks[i];
        const struct probe_clerk *other = &clerks[(i + 1) % N_CLERKS];
        struct dj_db *conn = login(c);
        const char *targets[] = {other->name, owner, useradmin, superuser};
        char sql[256];
        for (size_t t = 0; t < sizeof targets / sizeof targets[0]; t++) {
            snprintf(sql, sizeof sql, "SET ROLE \"%s\"", targets[t]);
            refused(conn, c->name, sql, "42501");
            snprintf(sql, sizeof sql, "SET SESSION AUTHORIZATION \"%s\"", targets[t]);
            refused(conn, c->name, sql, "42501");
        }
        const char *powers[] = {"SUPERUSER", "BYPASSRLS", "CREATEDB", "CREATEROLE"};
        for (size_t p = 0; p < sizeof powers / sizeof powers[0]; p++) {
            snprintf(sql, sizeof sql, "ALTER ROLE \"%s\" %s", c->name, powers[p]);
            refused(conn, c->name, sql, "42501");
        }
        snprintf(sql, sizeof sql, "GRANT \"%s_city\" TO \"%s\"", dbname, c->name);
        refused(conn, c->name, sql, "42501");
        snprintf(sql, sizeof sql, "%s %s", c->name, c->name);
        assert_string_equal(value(conn, "SELECT session_user || ' ' || current_user", 0, NULL),
                            sql);
        dj_db_close(conn);
    }
}

static void clerks_cannot_create_objects(void **state)
{
    (void)state;
    scratch();
    const char *ddl[] = {
        "CREATE TABLE app.probe (x int)",
        "CREATE TABLE public.probe (x int)",
        "CREATE TABLE ext.probe (x int)",
        "CREATE TEMP TABLE probe (x int)",
        "CREATE FUNCTION pg_temp.probe() RETURNS int LANGUAGE sql AS 'SELECT 1'",
        "CREATE SCHEMA probe",
        "CREATE VIEW app.probe AS SELECT 1 AS x",
        "CREATE OR REPLACE FUNCTION app.my_level() RETURNS text LANGUAGE sql AS 'SELECT ''city'''",
    };
    for (size_t i = 0; i < N_CLERKS; i++) {
        struct dj_db *conn = login(&clerks[i]);
        for (size_t d = 0; d < sizeof ddl / sizeof ddl[0]; d++)
            refused(conn, clerks[i].name, ddl[d], "42501");
        dj_db_close(conn);
    }
}

static void clerks_read_only_their_own_clerk_row_and_audit_as_allowed(void **state)
{
    (void)state;
    scratch();
    /* The fixture's inserts left rows in the audit log of district 乙. */
    const char *aud_code[] = {clerks[5].code};
    assert_string_not_equal(
        value(db,
              "SELECT count(*) FROM audit.log l, app.org o WHERE o.code = $1"
              "   AND l.org_key >= o.path_key AND l.org_key < app.key_upper(o.path_key)",
              1, aud_code),
        "0");

    for (size_t i = 0; i < N_CLERKS; i++) {
        const struct probe_clerk *c = &clerks[i];
        struct dj_db *conn = login(c);
        assert_string_equal(
            value(conn, "SELECT string_agg(role_name, ',') FROM app.clerk", 0, NULL), c->name);
        assert_string_equal(value(conn, "SELECT count(*) FROM app.clerk_scope", 0, NULL), "1");
        if (strcmp(c->level, "auditor") == 0) {
            /* Only the log rows of its own district: their keys are all inside. */
            const char *seen = value(conn, "SELECT count(*) FROM audit.log", 0, NULL);
            assert_string_not_equal(seen, "0");
            const char *p[] = {c->code};
            assert_string_equal(value(conn,
                                      "SELECT count(*) FROM audit.log l, app.org o"
                                      " WHERE o.code = $1"
                                      "   AND NOT (l.org_key >= o.path_key"
                                      "            AND l.org_key < app.key_upper(o.path_key))"
                                      "   AND NOT coalesce(l.org_key_was >= o.path_key"
                                      "            AND l.org_key_was < app.key_upper(o.path_key),"
                                      "            false)",
                                      1, p),
                                "0");
        } else if (strcmp(c->level, "district") == 0 || strcmp(c->level, "city") == 0) {
            /* May read the table, but only administrators and auditors see rows. */
            assert_string_equal(value(conn, "SELECT count(*) FROM audit.log", 0, NULL), "0");
        } else {
            refused(conn, c->name, "SELECT count(*) FROM audit.log", "42501");
        }
        refused(conn, c->name, "UPDATE audit.log SET note = 'x'", "42501");
        refused(conn, c->name, "DELETE FROM audit.log", "42501");
        refused(conn, c->name, "TRUNCATE audit.log", "42501");
        dj_db_close(conn);
    }
}

static void row_security_off_is_an_error_not_every_row(void **state)
{
    (void)state;
    scratch();
    for (size_t i = 0; i < N_CLERKS; i++) {
        struct dj_db *conn = login(&clerks[i]);
        exec_ok(conn, "SET row_security = off", 0, NULL);
        refused(conn, clerks[i].name, "SELECT count(*) FROM app.person", "42501");
        refused(conn, clerks[i].name, "SELECT count(*) FROM app.org", "42501");
        refused(conn, clerks[i].name, "SELECT count(*) FROM app.education", "42501");
        dj_db_close(conn);
    }
}

static void foreign_rows_cannot_be_changed(void **state)
{
    (void)state;
    scratch();
    for (size_t i = 0; i < N_CLERKS; i++) {
        const struct probe_clerk *c = &clerks[i];
        if (c->foreign == NULL)
            continue;
        struct dj_db *conn = login(c);
        const char *p[] = {person_in(c->foreign)};
        const char *stmts[] = {
            "UPDATE app.person SET phone = '110' WHERE id = $1",
            "UPDATE app.education SET school = '某校' WHERE person_id = $1",
            "DELETE FROM app.education WHERE person_id = $1",
        };
        for (size_t s = 0; s < sizeof stmts / sizeof stmts[0]; s++) {
            if (strcmp(c->level, "auditor") == 0) {
                struct dj_db_error err;
                assert_int_equal(dj_db_exec(conn, &err, stmts[s], 1, p), -1);
                assert_string_equal(err.sqlstate, "42501");
            } else {
                assert_string_equal(changed(conn, c->name, stmts[s], 1, p), "0");
            }
        }
        refused(conn, c->name, "TRUNCATE app.education", "42501");
        refused(conn, c->name, "DELETE FROM app.person", "42501");
        dj_db_close(conn);
        /* And the rows are all still there, unchanged. */
        assert_string_equal(value(db,
                                  "SELECT count(*) FROM app.education e JOIN app.person p"
                                  "    ON p.id = e.person_id"
                                  " WHERE p.id = $1 AND p.phone IS NULL AND e.school IS NULL",
                                  1, p),
                            "1");
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(clerks_see_exactly_their_subtree),
        cmocka_unit_test(clerks_cannot_become_another_role),
        cmocka_unit_test(clerks_cannot_create_objects),
        cmocka_unit_test(clerks_read_only_their_own_clerk_row_and_audit_as_allowed),
        cmocka_unit_test(row_security_off_is_an_error_not_every_row),
        cmocka_unit_test(foreign_rows_cannot_be_changed),
    };
    return cmocka_run_group_tests(tests, NULL, drop_scratch);
}
