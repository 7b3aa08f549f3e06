/*
 * Statistics (src/db/stats.h) against a real server, in a scratch database of
 * its own: a district with a branch of five people (and one historical), a
 * second district with one person.  The district's figures by sex, age band,
 * education and stage as the superuser and as the district's clerk (from the
 * summary), a branch's (counted directly), ages as of a chosen day, the
 * organization by code or the clerk's own, and nothing for the other
 * district.  Needs PG* variables naming a superuser (pg_virtualenv).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "db/db.h"
#include "db/migrate.h"
#include "db/stats.h"

static char dbname[64];
static struct dj_db *super;
static struct dj_db *db;

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

static void exec_ok(struct dj_db *c, const char *sql)
{
    struct dj_db_error err;
    if (dj_db_exec(c, &err, sql, 0, NULL) != 0)
        fail_msg("%s: %s\n%s", sql, err.message, err.detail);
}

static void scratch(void)
{
    if (db != NULL)
        return;
    snprintf(dbname, sizeof dbname, "dj_test_stats_%ld", (long)getpid());
    super = connect_to(NULL);
    char sql[256];
    snprintf(sql, sizeof sql,
             "CREATE DATABASE %s TEMPLATE template0 ENCODING 'UTF8' LOCALE 'C.UTF-8'", dbname);
    exec_ok(super, sql);
    db = connect_to(dbname);
    FILE *out = tmpfile();
    assert_non_null(out);
    struct dj_db_error err;
    if (dj_migrate_run(db, dj_migrations, dj_migration_count, out, NULL, &err) != 0)
        fail_msg("migrate: %s\n%s", err.message, err.detail);
    fclose(out);
    exec_ok(db,
            "DO $$BEGIN"
            " INSERT INTO app.org (parent_id, kind, name)"
            " VALUES ((SELECT id FROM app.org WHERE parent_id IS NULL), '2', 'S甲区'),"
            "        ((SELECT id FROM app.org WHERE parent_id IS NULL), '2', 'S乙区');"
            " INSERT INTO app.org (parent_id, kind, name)"
            " VALUES ((SELECT id FROM app.org WHERE name = 'S甲区'), '6', 'S甲1支部');"
            " INSERT INTO app.person (name, sex, stage, org_id, birth_date, education,"
            "                         joined_party_on, became_full_on, history_reason, history_on)"
            " SELECT v.n, v.s, v.st, (SELECT id FROM app.org WHERE name = v.o), v.b, v.e,"
            "        CASE WHEN v.st = '5' THEN date '2000-07-01' END,"
            "        CASE WHEN v.st = '5' THEN date '2001-07-01' END, v.h,"
            "        CASE WHEN v.h IS NOT NULL THEN date '2020-01-01' END"
            "   FROM (VALUES ('赵敏', '2', '5', 'S甲1支部', date '1990-12-31', '21', NULL),"
            "                ('张伟', '1', '5', 'S甲1支部', date '1960-01-01', '14', NULL),"
            "                ('李娜', '2', '1', 'S甲1支部', date '2000-05-05', '31', NULL),"
            "                ('王芳', '2', '2', 'S甲区', NULL, NULL, NULL),"
            "                ('陈老', '1', '5', 'S甲1支部', date '1930-01-01', '21', '2'),"
            "                ('安然', '1', '5', 'S乙区', date '1980-01-01', '21', NULL))"
            "        AS v (n, s, st, o, b, e, h);"
            " PERFORM meta.ddl('CREATE ROLE {t_s_district} LOGIN');"
            " PERFORM meta.ddl('GRANT {clerk}, {district} TO {t_s_district}');"
            " INSERT INTO app.clerk (role_name, level, must_change_password)"
            " VALUES (meta.role('t_s_district'), 'district', false);"
            " INSERT INTO app.clerk_scope (role_name, org_id)"
            " SELECT meta.role('t_s_district'), id FROM app.org WHERE name = 'S甲区';"
            " END$$");
}

static int drop_scratch(void **state)
{
    (void)state;
    if (super == NULL)
        return 0;
    dj_db_close(db);
    char sql[512];
    snprintf(sql, sizeof sql, "DROP DATABASE IF EXISTS %s WITH (FORCE)", dbname);
    exec_ok(super, sql);
    snprintf(sql, sizeof sql,
             "DO $$DECLARE r text; BEGIN FOR r IN SELECT rolname FROM pg_roles"
             " WHERE rolname LIKE '%s\\_%%' LOOP EXECUTE format('DROP ROLE %%I', r);"
             " END LOOP; END$$",
             dbname);
    exec_ok(super, sql);
    dj_db_close(super);
    return 0;
}

/* n of one category, -1 when absent. */
static long long n_of(const struct dj_stats *s, const char *dim, const char *code)
{
    for (size_t i = 0; i < s->count; i++)
        if (strcmp(s->rows[i].dimension, dim) == 0 && strcmp(s->rows[i].code, code) == 0)
            return s->rows[i].n;
    return -1;
}

static long long org(const char *code)
{
    long long id = 0;
    struct dj_db_error err;
    int rc = dj_stats_org(db, code, &id, &err);
    if (rc < 0)
        fail_msg("dj_stats_org: %s\n%s", err.message, err.detail);
    return rc == 0 ? id : 0;
}

static void district_figures(void **state)
{
    (void)state;
    scratch();
    struct dj_stats s;
    struct dj_db_error err;
    long long city = org(NULL);
    assert_true(city > 0);
    assert_int_equal(dj_stats_load(db, city, "2026-06-30", &s, &err), 0);
    assert_int_equal(n_of(&s, "total", ""), 5);
    dj_stats_free(&s);

    long long district = org("001.001");
    assert_true(district > 0);
    assert_int_equal(dj_stats_load(db, district, "2026-06-30", &s, &err), 0);
    assert_string_equal(s.rows[0].dimension, "total");
    assert_string_equal(s.rows[0].name, "合计");
    assert_int_equal(n_of(&s, "total", ""), 4);
    assert_int_equal(n_of(&s, "sex", "1"), 1);
    assert_int_equal(n_of(&s, "sex", "2"), 3);
    assert_int_equal(n_of(&s, "age", "00"), 1); /* 2000: 26 in 2026 */
    assert_int_equal(n_of(&s, "age", "31"), 0);
    assert_int_equal(n_of(&s, "age", "36"), 1); /* 1990: 36 */
    assert_int_equal(n_of(&s, "age", "61"), 1); /* 1960: 66 */
    assert_int_equal(n_of(&s, "age", "99"), 1); /* unknown */
    assert_int_equal(n_of(&s, "education", "10"), 1);
    assert_int_equal(n_of(&s, "education", "20"), 1);
    assert_int_equal(n_of(&s, "education", "30"), 1);
    assert_int_equal(n_of(&s, "education", ""), 1);
    assert_int_equal(n_of(&s, "stage", "5"), 2);
    assert_int_equal(n_of(&s, "stage", "1"), 1);
    assert_int_equal(n_of(&s, "stage", "2"), 1);
    assert_int_equal(n_of(&s, "stage", "3"), 0);
    assert_string_equal(dj_stats_dimension_name("age"), "年龄");
    dj_stats_free(&s);

    /* 1990-12-31 is 35 in 2025. */
    assert_int_equal(dj_stats_load(db, district, "2025-01-01", &s, &err), 0);
    assert_int_equal(n_of(&s, "age", "31"), 1);
    assert_int_equal(n_of(&s, "age", "36"), 0);
    dj_stats_free(&s);
}

static void a_branch_counted_directly(void **state)
{
    (void)state;
    scratch();
    struct dj_stats s;
    struct dj_db_error err;
    long long branch = org("001.001.001");
    assert_true(branch > 0);
    assert_int_equal(dj_stats_load(db, branch, NULL, &s, &err), 0);
    assert_int_equal(n_of(&s, "total", ""), 3);
    assert_int_equal(n_of(&s, "sex", "2"), 2);
    dj_stats_free(&s);
}

static void the_district_clerk(void **state)
{
    (void)state;
    scratch();
    char sql[160];
    snprintf(sql, sizeof sql, "SET SESSION AUTHORIZATION %s_t_s_district", dbname);
    exec_ok(db, sql);
    struct dj_stats s;
    struct dj_db_error err;
    long long own = org(NULL);
    long long other = org("001.002");
    int rc = dj_stats_load(db, own, "2026-06-30", &s, &err);
    exec_ok(db, "RESET SESSION AUTHORIZATION");
    assert_int_equal(rc, 0);
    assert_int_equal(n_of(&s, "total", ""), 4);
    dj_stats_free(&s);
    assert_int_equal(other, 0); /* the other district is not the clerk's to see */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(district_figures),
        cmocka_unit_test(a_branch_counted_directly),
        cmocka_unit_test(the_district_clerk),
    };
    return cmocka_run_group_tests(tests, NULL, drop_scratch);
}
