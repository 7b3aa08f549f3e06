/*
 * The migration runner against a real server, in a scratch database of its
 * own: migrate, migrate again (nothing), refuse a changed or unknown
 * migration, roll back a failing one, hand new objects to the owner role.
 * Needs PG* variables naming a superuser (pg_virtualenv); fails without a server.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "db/db.h"
#include "db/migrate.h"

static char dbname[64];
static struct dj_db *super; /* to the server's default database */
static struct dj_db *db;    /* to the scratch database */

static struct dj_db *connect_to(const char *name)
{
    struct dj_config cfg = {0};
    if (name != NULL) {
        cfg.conn_keys[0] = "dbname";
        cfg.conn_vals[0] = name;
        cfg.conn_count = 1;
    }
    struct dj_db_error err;
    struct dj_db *c = dj_db_connect(&cfg, NULL, &err);
    if (c == NULL)
        fail_msg("cannot reach the test server: %s\n%s", err.message, err.detail);
    return c;
}

static void exec_ok(struct dj_db *c, const char *sql, int n, const char *const *params)
{
    struct dj_db_error err;
    if (dj_db_exec(c, &err, sql, n, params) != 0)
        fail_msg("%s: %s\n%s", sql, err.message, err.detail);
}

/* The first column of every row, joined with '|' (a static buffer). */
static const char *rows(struct dj_db *c, const char *sql, int n, const char *const *params)
{
    static char buf[8192];
    struct dj_db_error err;
    PGresult *res = dj_db_query(c, &err, sql, n, params);
    if (res == NULL)
        fail_msg("%s: %s\n%s", sql, err.message, err.detail);
    buf[0] = '\0';
    size_t used = 0;
    for (int i = 0; i < PQntuples(res) && used < sizeof buf; i++)
        used += (size_t)snprintf(buf + used, sizeof buf - used, "%s%s", i ? "|" : "",
                                 PQgetvalue(res, i, 0));
    PQclear(res);
    return buf;
}

/* Made by the first test that runs, so that without a server every test
 * fails on its own instead of the group silently running none. */
static void scratch(void)
{
    if (db != NULL)
        return;
    snprintf(dbname, sizeof dbname, "dj_test_migrate_%ld", (long)getpid());
    super = connect_to(NULL);
    /* CREATE DATABASE takes no parameters; the name is made of digits above. */
    char sql[256];
    snprintf(sql, sizeof sql,
             "CREATE DATABASE %s TEMPLATE template0 ENCODING 'UTF8' LOCALE 'C.UTF-8'", dbname);
    exec_ok(super, sql, 0, NULL);
    db = connect_to(dbname);
}

static int drop_scratch(void **state)
{
    (void)state;
    if (super == NULL)
        return 0;
    dj_db_close(db);
    char sql[256];
    snprintf(sql, sizeof sql, "DROP DATABASE IF EXISTS %s WITH (FORCE)", dbname);
    exec_ok(super, sql, 0, NULL);
    /* The roles 001_meta made for this database (prefix = its name). */
    const char *prefix[] = {dbname};
    exec_ok(super, "SELECT set_config('dj.test_prefix', $1, false)", 1, prefix);
    exec_ok(super,
            "DO $$DECLARE r text; BEGIN"
            " FOR r IN SELECT rolname FROM pg_roles"
            "          WHERE rolname LIKE current_setting('dj.test_prefix') || '\\_%' LOOP"
            "   EXECUTE format('DROP ROLE %I', r);"
            " END LOOP; END$$",
            0, NULL);
    dj_db_close(super);
    return 0;
}

/* Runs the migrations of list into a string (what `db migrate` prints). */
static int run(const struct dj_migration *list, size_t n, char *out, size_t outlen,
               struct dj_db_error *err)
{
    FILE *f = tmpfile();
    assert_non_null(f);
    int rc = dj_migrate_run(db, list, n, f, NULL, err);
    rewind(f);
    size_t got = fread(out, 1, outlen - 1, f);
    out[got] = '\0';
    fclose(f);
    return rc;
}

/* The compiled-in list plus `extra` at the end. */
static struct dj_migration *list_plus(const struct dj_migration *extra, size_t *n)
{
    struct dj_migration *l = calloc(dj_migration_count + 1, sizeof *l);
    assert_non_null(l);
    memcpy(l, dj_migrations, dj_migration_count * sizeof *l);
    l[dj_migration_count] = *extra;
    *n = dj_migration_count + 1;
    return l;
}

static void migrate_then_nothing_pending(void **state)
{
    (void)state;
    scratch();
    char out[8192];
    struct dj_db_error err;
    assert_true(dj_migration_count >= 1);
    assert_string_equal(dj_migrations[0].name, "001_meta");

    /* Before: every migration pending, and status changes nothing. */
    struct dj_migration_status *st;
    size_t count;
    assert_int_equal(dj_migrate_status(db, dj_migrations, dj_migration_count, &st, &count, &err),
                     0);
    assert_int_equal(count, dj_migration_count);
    for (size_t i = 0; i < count; i++)
        assert_int_equal(st[i].state, DJ_MIGRATION_PENDING);
    free(st);
    assert_string_equal(rows(db, "SELECT to_regclass('meta.schema_migration') IS NULL", 0, NULL),
                        "t");

    if (run(dj_migrations, dj_migration_count, out, sizeof out, &err) != 0)
        fail_msg("%s\n%s", err.message, err.detail);
    for (size_t i = 0; i < dj_migration_count; i++) {
        char line[200];
        snprintf(line, sizeof line, "已执行迁移 %s (applied)\n", dj_migrations[i].name);
        assert_non_null(strstr(out, line));
    }
    char before[8192];
    snprintf(before, sizeof before, "%s",
             rows(db,
                  "SELECT name || ' ' || checksum || ' ' || applied_at || ' ' || applied_by"
                  " FROM meta.schema_migration ORDER BY name",
                  0, NULL));

    /* Again: nothing pending, nothing changed. */
    assert_int_equal(run(dj_migrations, dj_migration_count, out, sizeof out, &err), 0);
    assert_string_equal(out, "没有待执行的迁移 (nothing pending)\n");
    assert_string_equal(rows(db,
                             "SELECT name || ' ' || checksum || ' ' || applied_at || ' ' ||"
                             " applied_by FROM meta.schema_migration ORDER BY name",
                             0, NULL),
                        before);

    assert_int_equal(dj_migrate_status(db, dj_migrations, dj_migration_count, &st, &count, &err),
                     0);
    assert_int_equal(count, dj_migration_count);
    for (size_t i = 0; i < count; i++) {
        assert_int_equal(st[i].state, DJ_MIGRATION_APPLIED);
        assert_int_equal(strlen(st[i].applied_at), 19);
    }
    free(st);

    /* The checksum is the sha256 of the file's text. */
    const char *text[] = {dj_migrations[0].sql};
    assert_string_equal(rows(db,
                             "SELECT checksum = encode(sha256(convert_to($1, 'UTF8')), 'hex')"
                             " FROM meta.schema_migration WHERE name = '001_meta'",
                             1, text),
                        "t");
}

static void objects_go_to_the_owner_role(void **state)
{
    (void)state;
    scratch();
    char want[128];
    snprintf(want, sizeof want, "%s_owner", dbname);
    assert_string_equal(rows(db, "SELECT meta.role('owner')", 0, NULL), want);
    const char *owner[] = {want};
    /* Made by the superuser in 001 and by the runner: all handed over. */
    assert_string_equal(rows(db,
                             "SELECT count(*) FROM pg_class c"
                             " WHERE c.oid IN ('meta.install'::regclass,"
                             "                 'meta.schema_migration'::regclass)"
                             "   AND pg_get_userbyid(c.relowner) = $1",
                             1, owner),
                        "2");
    assert_string_equal(
        rows(db, "SELECT pg_get_userbyid(nspowner) FROM pg_namespace WHERE nspname = 'meta'", 0,
             NULL),
        want);
    assert_string_equal(rows(db,
                             "SELECT pg_get_userbyid(proowner) FROM pg_proc"
                             " WHERE oid = 'meta.hand_to_owner()'::regprocedure",
                             0, NULL),
                        want);
    /* ext holds extensions: it stays with the superuser. */
    assert_string_equal(rows(db,
                             "SELECT pg_get_userbyid(nspowner) <> $1 FROM pg_namespace"
                             " WHERE nspname = 'ext'",
                             1, owner),
                        "t");
}

static void failing_migration_changes_nothing(void **state)
{
    (void)state;
    scratch();
    struct dj_migration bad = {"998_test_fails", "CREATE TABLE meta.half_done (x int);\n"
                                                 "SELECT meta.no_such_function();\n"};
    size_t n;
    struct dj_migration *l = list_plus(&bad, &n);
    char out[4096];
    struct dj_db_error err;
    assert_int_equal(run(l, n, out, sizeof out, &err), -1);
    assert_non_null(strstr(err.message, "998_test_fails"));
    assert_string_equal(rows(db, "SELECT to_regclass('meta.half_done') IS NULL", 0, NULL), "t");
    assert_string_equal(
        rows(db, "SELECT count(*) FROM meta.schema_migration WHERE name = '998_test_fails'", 0,
             NULL),
        "0");
    free(l);
}

static void new_migration_applies_alone(void **state)
{
    (void)state;
    scratch();
    struct dj_migration more = {"999_test_more", "CREATE TABLE meta.later (x int);\n"
                                                 "CREATE TYPE meta.later_kind AS ENUM ('a');\n"};
    size_t n;
    struct dj_migration *l = list_plus(&more, &n);
    char out[4096];
    struct dj_db_error err;
    if (run(l, n, out, sizeof out, &err) != 0)
        fail_msg("%s", err.message);
    assert_string_equal(out, "已执行迁移 999_test_more (applied)\n");
    char want[128];
    snprintf(want, sizeof want, "%s_owner", dbname);
    assert_string_equal(rows(db,
                             "SELECT pg_get_userbyid(relowner) FROM pg_class"
                             " WHERE oid = 'meta.later'::regclass",
                             0, NULL),
                        want);
    assert_string_equal(rows(db,
                             "SELECT pg_get_userbyid(typowner) FROM pg_type"
                             " WHERE oid = 'meta.later_kind'::regtype",
                             0, NULL),
                        want);

    /* The program without 999: the database knows a migration it does not. */
    assert_int_equal(run(dj_migrations, dj_migration_count, out, sizeof out, &err), -1);
    assert_int_equal(err.kind, DJ_DB_ERR_REFUSED);
    assert_non_null(strstr(err.message, "999_test_more"));
    assert_string_equal(out, "");

    /* A pending migration that sorts before an applied one is a gap. */
    struct dj_migration gap = {"998_test_gap", "CREATE TABLE meta.gap (x int);\n"};
    struct dj_migration *l2 = calloc(n + 1, sizeof *l2);
    memcpy(l2, l, n * sizeof *l2);
    l2[n] = l2[n - 1];
    l2[n - 1] = gap;
    assert_int_equal(run(l2, n + 1, out, sizeof out, &err), -1);
    assert_non_null(strstr(err.message, "998_test_gap"));
    assert_string_equal(rows(db, "SELECT to_regclass('meta.gap') IS NULL", 0, NULL), "t");
    free(l2);

    exec_ok(db, "DELETE FROM meta.schema_migration WHERE name = '999_test_more'", 0, NULL);
    exec_ok(db, "DROP TABLE meta.later", 0, NULL);
    exec_ok(db, "DROP TYPE meta.later_kind", 0, NULL);
    free(l);
}

static void changed_migration_is_refused(void **state)
{
    (void)state;
    scratch();
    exec_ok(db, "UPDATE meta.schema_migration SET checksum = 'tampered' WHERE name = '001_meta'", 0,
            NULL);
    struct dj_migration more = {"999_test_more", "CREATE TABLE meta.should_not_exist (x int);\n"};
    size_t n;
    struct dj_migration *l = list_plus(&more, &n);
    char out[4096];
    struct dj_db_error err;
    assert_int_equal(run(l, n, out, sizeof out, &err), -1);
    assert_int_equal(err.kind, DJ_DB_ERR_REFUSED);
    assert_non_null(strstr(err.message, "001_meta"));
    assert_non_null(strstr(err.message, "校验和不同"));
    assert_string_equal(out, "");
    assert_string_equal(rows(db, "SELECT to_regclass('meta.should_not_exist') IS NULL", 0, NULL),
                        "t");

    struct dj_migration_status *st;
    size_t count;
    assert_int_equal(dj_migrate_status(db, l, n, &st, &count, &err), 0);
    assert_int_equal(st[0].state, DJ_MIGRATION_CHANGED);
    assert_int_equal(st[count - 1].state, DJ_MIGRATION_PENDING);
    free(st);
    free(l);
}

static void *unlock_later(void *arg)
{
    struct dj_db *holder = arg;
    sleep(1);
    struct dj_db_error err;
    dj_db_exec(holder, &err, "SELECT pg_advisory_unlock(" DJ_MIGRATE_LOCK_SQL_ARGS ")", 0, NULL);
    return NULL;
}

static void second_console_waits_for_the_first(void **state)
{
    (void)state;
    scratch();
    struct dj_db *other = connect_to(dbname);
    exec_ok(other, "SELECT pg_advisory_lock(" DJ_MIGRATE_LOCK_SQL_ARGS ")", 0, NULL);
    pthread_t t;
    assert_int_equal(pthread_create(&t, NULL, unlock_later, other), 0);

    FILE *out = tmpfile(), *msg = tmpfile();
    struct dj_db_error err;
    int rc = dj_migrate_run(db, dj_migrations, dj_migration_count, out, msg, &err);
    pthread_join(t, NULL);
    char said[512] = "";
    rewind(msg);
    size_t n = fread(said, 1, sizeof said - 1, msg);
    said[n] = '\0';
    fclose(out);
    fclose(msg);
    dj_db_close(other);
    if (rc != 0)
        fail_msg("%s", err.message);
    assert_non_null(strstr(said, "另一个控制台正在对这个数据库执行迁移"));
}

/* 001 reuses a role of the installation's names that already exists: one that
 * can log in, or that belongs to something else, is someone else's and must
 * not be adopted.  In a database of its own, whose name fixes the prefix. */
static void foreign_roles_are_refused(void **state)
{
    (void)state;
    scratch();
    char other[80], owner[128], clerk[128], sql[512];
    snprintf(other, sizeof other, "%s_guard", dbname);
    snprintf(owner, sizeof owner, "%s_owner", other);
    snprintf(clerk, sizeof clerk, "%s_clerk", other);
    snprintf(sql, sizeof sql,
             "CREATE DATABASE %s TEMPLATE template0 ENCODING 'UTF8' LOCALE 'C.UTF-8'", other);
    exec_ok(super, sql, 0, NULL);
    /* Names made of digits and letters above: no quoting needed. */
    snprintf(sql, sizeof sql, "CREATE ROLE %s LOGIN", owner);
    exec_ok(super, sql, 0, NULL);

    struct dj_db *keep = db;
    db = connect_to(other);
    char out[4096];
    struct dj_db_error err;
    int rc = run(dj_migrations, dj_migration_count, out, sizeof out, &err);
    const char *installed = rows(db, "SELECT to_regclass('meta.install') IS NOT NULL", 0, NULL);
    assert_int_equal(rc, -1);
    assert_int_equal(err.kind, DJ_DB_ERR_REFUSED);
    assert_non_null(strstr(err.message, owner));
    assert_non_null(strstr(err.message, "LOGIN"));
    assert_string_equal(out, "");
    assert_string_equal(installed, "f");

    /* Not a login any more, but a member of a role 001 never grants. */
    snprintf(sql, sizeof sql, "ALTER ROLE %s NOLOGIN", owner);
    exec_ok(super, sql, 0, NULL);
    snprintf(sql, sizeof sql, "CREATE ROLE %s NOLOGIN IN ROLE pg_read_all_data", clerk);
    exec_ok(super, sql, 0, NULL);
    rc = run(dj_migrations, dj_migration_count, out, sizeof out, &err);
    assert_int_equal(rc, -1);
    assert_non_null(strstr(err.message, clerk));
    assert_non_null(strstr(err.message, "pg_read_all_data"));
    assert_string_equal(rows(db, "SELECT to_regclass('meta.install') IS NULL", 0, NULL), "t");

    /* Roles as 001 leaves them (a database dropped and made again) are reused. */
    snprintf(sql, sizeof sql, "REVOKE pg_read_all_data FROM %s", clerk);
    exec_ok(super, sql, 0, NULL);
    if (run(dj_migrations, dj_migration_count, out, sizeof out, &err) != 0)
        fail_msg("%s", err.message);
    /* Once installed, a role turned into a login later stops the next migrate. */
    snprintf(sql, sizeof sql, "ALTER ROLE %s LOGIN", clerk);
    exec_ok(super, sql, 0, NULL);
    assert_int_equal(run(dj_migrations, dj_migration_count, out, sizeof out, &err), -1);
    assert_non_null(strstr(err.message, clerk));

    dj_db_close(db);
    db = keep;
    snprintf(sql, sizeof sql, "DROP DATABASE %s WITH (FORCE)", other);
    exec_ok(super, sql, 0, NULL);
    const char *prefix[] = {other};
    exec_ok(super, "SELECT set_config('dj.test_prefix', $1, false)", 1, prefix);
    exec_ok(super,
            "DO $$DECLARE r text; BEGIN"
            " FOR r IN SELECT rolname FROM pg_roles"
            "          WHERE rolname LIKE current_setting('dj.test_prefix') || '\\_%' LOOP"
            "   EXECUTE format('DROP ROLE %I', r);"
            " END LOOP; END$$",
            0, NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(migrate_then_nothing_pending),
        cmocka_unit_test(objects_go_to_the_owner_role),
        cmocka_unit_test(failing_migration_changes_nothing),
        cmocka_unit_test(new_migration_applies_alone),
        cmocka_unit_test(second_console_waits_for_the_first),
        cmocka_unit_test(changed_migration_is_refused),
        cmocka_unit_test(foreign_roles_are_refused),
    };
    return cmocka_run_group_tests_name("db migrate", tests, NULL, drop_scratch);
}
