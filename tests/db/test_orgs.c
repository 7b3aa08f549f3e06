/*
 * The organization tree (src/db/orgs.h) against a real server, in a scratch
 * database of its own, migrated and filled here: two districts, a committee
 * with 12 branches, a party group, a dissolved branch, people in one branch.
 * The tops of a clerk's tree, children paged by code both ways, finding by
 * code and name, details; what a branch clerk may not see is not there.
 * Needs PG* variables naming a superuser (pg_virtualenv); fails without a
 * server.
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
#include "db/orgs.h"

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

static void exec_ok(struct dj_db *c, const char *sql, int n, const char *const *params)
{
    struct dj_db_error err;
    if (dj_db_exec(c, &err, sql, n, params) != 0)
        fail_msg("%s: %s\n%s", sql, err.message, err.detail);
}

static long long value_ll(const char *sql, int n, const char *const *params)
{
    struct dj_db_error err;
    PGresult *res = dj_db_query(db, &err, sql, n, params);
    if (res == NULL)
        fail_msg("%s: %s\n%s", sql, err.message, err.detail);
    long long v = PQntuples(res) > 0 ? strtoll(PQgetvalue(res, 0, 0), NULL, 10) : -1;
    PQclear(res);
    return v;
}

static long long org_id(const char *name)
{
    const char *v[] = {name};
    return value_ll("SELECT id FROM app.org WHERE name = $1", 1, v);
}

static void fill(void)
{
    exec_ok(
        db,
        "DO $$DECLARE r record; BEGIN"
        " FOR r IN SELECT * FROM (VALUES (1, '上海市委', '2', 'O甲区'), (2, '上海市委', '2', "
        "'O乙区'),"
        "     (3, 'O甲区', '4', 'O甲1党委'), (4, 'O乙区', '6', 'O乙1支部')) AS v(o, p, k, n)"
        "     ORDER BY o LOOP"
        "   INSERT INTO app.org (parent_id, kind, name)"
        "   VALUES ((SELECT id FROM app.org WHERE name = r.p), r.k, r.n);"
        " END LOOP;"
        " FOR i IN 1 .. 12 LOOP"
        "   INSERT INTO app.org (parent_id, kind, name)"
        "   VALUES ((SELECT id FROM app.org WHERE name = 'O甲1党委'), '6', 'O甲1支部' || i);"
        " END LOOP;"
        " INSERT INTO app.org (parent_id, kind, name)"
        " VALUES ((SELECT id FROM app.org WHERE name = 'O甲1支部1'), '7', 'O甲1支部1第一党小组');"
        " UPDATE app.org SET state = 'dissolved', dissolved_on = current_date"
        "  WHERE name = 'O甲1支部12';"
        " INSERT INTO app.person (name, sex, stage, org_id, joined_party_on, became_full_on)"
        " SELECT '成员' || i, '1', CASE WHEN i <= 4 THEN '5' ELSE '1' END,"
        "        (SELECT id FROM app.org WHERE name = 'O甲1支部1'),"
        "        CASE WHEN i <= 4 THEN date '2000-01-01' END,"
        "        CASE WHEN i <= 4 THEN date '2001-01-01' END"
        "   FROM generate_series(1, 6) AS i;"
        " UPDATE app.org SET unit_name = '上海某某公司', secretary = '王书记', founded_on = date "
        "'1999-10-01'"
        "  WHERE name = 'O甲1支部1';"
        " PERFORM meta.ddl('CREATE ROLE {t_o_branch} LOGIN');"
        " PERFORM meta.ddl('GRANT {clerk}, {branch} TO {t_o_branch}');"
        " INSERT INTO app.clerk (role_name, level, must_change_password)"
        " VALUES (meta.role('t_o_branch'), 'branch', false);"
        " INSERT INTO app.clerk_scope (role_name, org_id)"
        " SELECT meta.role('t_o_branch'), id FROM app.org WHERE name = 'O甲1支部1';"
        " END$$",
        0, NULL);
}

static void scratch(void)
{
    if (db != NULL)
        return;
    snprintf(dbname, sizeof dbname, "dj_test_orgs_%ld", (long)getpid());
    super = connect_to(NULL);
    char sql[256];
    snprintf(sql, sizeof sql,
             "CREATE DATABASE %s TEMPLATE template0 ENCODING 'UTF8' LOCALE 'C.UTF-8'", dbname);
    exec_ok(super, sql, 0, NULL);
    db = connect_to(dbname);
    FILE *out = tmpfile();
    assert_non_null(out);
    struct dj_db_error err;
    if (dj_migrate_run(db, dj_migrations, dj_migration_count, out, NULL, &err) != 0)
        fail_msg("migrate: %s\n%s", err.message, err.detail);
    fclose(out);
    fill();
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

static void as_branch_clerk(void)
{
    char sql[160];
    snprintf(sql, sizeof sql, "SET SESSION AUTHORIZATION %s_t_o_branch", dbname);
    exec_ok(db, sql, 0, NULL);
}

static void roots_of_the_superuser_and_a_clerk(void **state)
{
    (void)state;
    scratch();
    struct dj_org_row rows[DJ_ORG_MAX_ROOTS];
    int n;
    struct dj_db_error err;
    assert_int_equal(dj_orgs_roots(db, false, rows, &n, &err), 0);
    assert_int_equal(n, 1);
    assert_string_equal(rows[0].code, "001");
    assert_string_equal(rows[0].kind_name, "市委");
    assert_int_equal(rows[0].depth, 1);
    assert_int_equal(rows[0].parent_id, 0);
    assert_true(rows[0].has_children);

    as_branch_clerk();
    int rc = dj_orgs_roots(db, false, rows, &n, &err);
    exec_ok(db, "RESET SESSION AUTHORIZATION", 0, NULL);
    assert_int_equal(rc, 0);
    assert_int_equal(n, 1);
    assert_string_equal(rows[0].name, "O甲1支部1");
    assert_string_equal(rows[0].kind_name, "党支部");
    assert_int_equal(rows[0].members, 4);
    assert_int_equal(rows[0].people, 6);
    assert_true(rows[0].has_children);
}

/* Pages through the committee's children by 5, forward and back. */
static void children_page_by_code(void **state)
{
    (void)state;
    scratch();
    long long committee = org_id("O甲1党委");
    struct dj_org_row rows[5];
    char seen[20][DJ_ORG_CODE_BYTES];
    int total = 0, n;
    struct dj_db_error err;
    char key[DJ_ORG_CODE_BYTES] = "";
    enum dj_page_dir dir = DJ_PAGE_FIRST;
    for (;;) {
        assert_int_equal(dj_orgs_children(db, committee, false, dir, key, rows, 5, &n, &err), 0);
        if (n == 0)
            break;
        for (int i = 0; i < n; i++) {
            assert_true(total < 20);
            snprintf(seen[total++], sizeof seen[0], "%s", rows[i].code);
            assert_string_equal(rows[i].kind_name, "党支部");
            assert_false(rows[i].dissolved);
        }
        snprintf(key, sizeof key, "%s", rows[n - 1].code);
        dir = DJ_PAGE_NEXT;
    }
    assert_int_equal(total, 11); /* the dissolved twelfth is left out */
    for (int i = 1; i < total; i++)
        assert_true(strcmp(seen[i - 1], seen[i]) < 0);

    /* Backwards from the end meets the same codes. */
    int back = total;
    dir = DJ_PAGE_LAST;
    for (;;) {
        assert_int_equal(dj_orgs_children(db, committee, false, dir, key, rows, 5, &n, &err), 0);
        if (n == 0)
            break;
        for (int i = n - 1; i >= 0; i--)
            assert_string_equal(rows[i].code, seen[--back]);
        snprintf(key, sizeof key, "%s", rows[0].code);
        dir = DJ_PAGE_PREV;
    }
    assert_int_equal(back, 0);

    assert_int_equal(dj_orgs_children(db, committee, true, DJ_PAGE_FIRST, NULL, rows, 5, &n, &err),
                     0);
    assert_int_equal(dj_orgs_children(db, committee, true, DJ_PAGE_LAST, NULL, rows, 5, &n, &err),
                     0);
    assert_true(rows[n - 1].dissolved);
    assert_int_equal(dj_orgs_children(db, committee, false, DJ_PAGE_NEXT, NULL, rows, 5, &n, &err),
                     -1);
}

static void find_by_code_and_name(void **state)
{
    (void)state;
    scratch();
    struct dj_org_row rows[20];
    int n;
    struct dj_db_error err;
    const char *v[] = {"O甲1支部1"};
    PGresult *res = dj_db_query(db, &err, "SELECT code FROM app.org WHERE name = $1", 1, v);
    assert_non_null(res);
    char code[DJ_ORG_CODE_BYTES];
    snprintf(code, sizeof code, "%s", PQgetvalue(res, 0, 0));
    PQclear(res);

    assert_int_equal(dj_orgs_find(db, DJ_ORG_FIND_CODE, code, false, NULL, rows, 20, &n, &err), 0);
    /* 支部1, its party group, and 支部10 and 支部11 whose codes start alike. */
    assert_true(n >= 2);
    assert_string_equal(rows[0].name, "O甲1支部1");
    assert_string_equal(rows[1].name, "O甲1支部1第一党小组");
    assert_int_equal(rows[1].depth, rows[0].depth + 1);

    assert_int_equal(
        dj_orgs_find(db, DJ_ORG_FIND_NAME, " 党小组　", false, NULL, rows, 20, &n, &err), 0);
    assert_int_equal(n, 1);
    assert_string_equal(rows[0].name, "O甲1支部1第一党小组");

    /* Pages in tree order. */
    assert_int_equal(dj_orgs_find(db, DJ_ORG_FIND_NAME, "O甲1支部", false, NULL, rows, 4, &n, &err),
                     0);
    assert_int_equal(n, 4);
    char after[DJ_ORG_KEY_BYTES];
    snprintf(after, sizeof after, "%s", rows[3].path_key);
    int total = n;
    while (n > 0) {
        assert_int_equal(
            dj_orgs_find(db, DJ_ORG_FIND_NAME, "O甲1支部", false, after, rows, 4, &n, &err), 0);
        for (int i = 0; i < n; i++)
            assert_true(strcmp(after, rows[i].path_key) < 0);
        if (n > 0)
            snprintf(after, sizeof after, "%s", rows[n - 1].path_key);
        total += n;
    }
    assert_int_equal(total, 12); /* 11 branches and the party group */

    assert_int_equal(dj_orgs_find(db, DJ_ORG_FIND_NAME, "　", false, NULL, rows, 20, &n, &err), -1);
    assert_string_equal(err.message, "请输入组织名称中的字");

    as_branch_clerk();
    int rc = dj_orgs_find(db, DJ_ORG_FIND_NAME, "O甲1支部", false, NULL, rows, 20, &n, &err);
    exec_ok(db, "RESET SESSION AUTHORIZATION", 0, NULL);
    assert_int_equal(rc, 0);
    assert_int_equal(n, 2); /* its branch and its party group */
}

static void details(void **state)
{
    (void)state;
    scratch();
    struct dj_org_detail d;
    struct dj_db_error err;
    long long branch = org_id("O甲1支部1");
    assert_int_equal(dj_org_detail_load(db, branch, &d, &err), 0);
    assert_string_equal(d.name, "O甲1支部1");
    assert_string_equal(d.kind, "党支部");
    assert_string_equal(d.parent_name, "O甲1党委");
    assert_string_equal(d.district_name, "O甲区");
    assert_string_equal(d.unit_name, "上海某某公司");
    assert_string_equal(d.secretary, "王书记");
    assert_string_equal(d.founded_on, "1999-10-01");
    assert_string_equal(d.state, "正常");
    assert_int_equal(d.children, 1);
    assert_int_equal(d.members, 4);
    assert_int_equal(d.people, 6);

    assert_int_equal(dj_org_detail_load(db, org_id("O甲1支部12"), &d, &err), 0);
    assert_string_equal(d.state, "已撤销");

    long long foreign = org_id("O乙1支部");
    as_branch_clerk();
    int rc_own = dj_org_detail_load(db, branch, &d, &err);
    int rc_foreign = dj_org_detail_load(db, foreign, &d, &err);
    exec_ok(db, "RESET SESSION AUTHORIZATION", 0, NULL);
    assert_int_equal(rc_own, 0);
    assert_int_equal(rc_foreign, 1);
    assert_int_equal(dj_org_detail_load(db, 999999999, &d, &err), 1);

    for (size_t i = 0; i < dj_org_detail_field_count; i++)
        assert_true(dj_org_detail_fields[i].offset + dj_org_detail_fields[i].size <=
                    sizeof(struct dj_org_detail));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(roots_of_the_superuser_and_a_clerk),
        cmocka_unit_test(children_page_by_code),
        cmocka_unit_test(find_by_code_and_name),
        cmocka_unit_test(details),
    };
    return cmocka_run_group_tests_name("db orgs", tests, NULL, drop_scratch);
}
