/*
 * Member lists and searches (src/db/members.h) against a real server, in a
 * scratch database of its own, migrated and filled here: a district with
 * 2,670 people (one committee over 2,000, so the ordered walk is used, one
 * small branch sorted), another district, clerks of a branch and a district.
 * Paging forward and back meets every row exactly once in the database's
 * pinyin order, pages hold at most the page size, past the end there is
 * nothing; searches find exactly what SQL finds; a clerk finds exactly its
 * subtree's people.  Needs PG* variables naming a superuser (pg_virtualenv);
 * fails without a server.
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
#include "db/members.h"
#include "db/migrate.h"

static char dbname[64];
static struct dj_db *super; /* to the server's default database */
static struct dj_db *db;    /* to the scratch database, as the superuser */

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

/* The first column of every row as ids (the caller frees). */
static long long *ids_of(const char *sql, int n, const char *const *params, size_t *count)
{
    struct dj_db_error err;
    PGresult *res = dj_db_query(db, &err, sql, n, params);
    if (res == NULL)
        fail_msg("%s: %s\n%s", sql, err.message, err.detail);
    *count = (size_t)PQntuples(res);
    long long *ids = calloc(*count + 1, sizeof *ids);
    assert_non_null(ids);
    for (size_t i = 0; i < *count; i++)
        ids[i] = strtoll(PQgetvalue(res, (int)i, 0), NULL, 10);
    PQclear(res);
    return ids;
}

static char org_text[8][24]; /* org ids as text, by index below */
enum { D_A, C_A1, B_A11, B_A12, C_A2, B_A21, D_B, B_B11 };

static long long org(int which)
{
    return strtoll(org_text[which], NULL, 10);
}

static void as_role(const char *name)
{
    char sql[160];
    /* The role names are built below from the database name (letters, digits, _). */
    snprintf(sql, sizeof sql, "SET SESSION AUTHORIZATION %s_%s", dbname, name);
    exec_ok(db, sql, 0, NULL);
}

static void as_superuser(void)
{
    exec_ok(db, "RESET SESSION AUTHORIZATION", 0, NULL);
}

/* The tree and people.  Names repeat (ties are broken by id) and mix the
 * surnames of the manual's order example with 欧阳 and 曾. */
static void fill(void)
{
    static const struct {
        int self, parent;
        const char *kind, *name;
    } orgs[] = {
        {D_A, -1, "2", "M甲区"},         {C_A1, D_A, "4", "M甲1党委"},
        {B_A11, C_A1, "6", "M甲11支部"}, {B_A12, C_A1, "6", "M甲12支部"},
        {C_A2, D_A, "4", "M甲2党委"},    {B_A21, C_A2, "6", "M甲21支部"},
        {D_B, -1, "2", "M乙区"},         {B_B11, D_B, "6", "M乙11支部"},
    };
    for (size_t i = 0; i < sizeof orgs / sizeof orgs[0]; i++) {
        struct dj_db_error err;
        const char *v[] = {orgs[i].parent < 0 ? NULL : org_text[orgs[i].parent], orgs[i].kind,
                           orgs[i].name};
        PGresult *res = dj_db_query(
            db, &err,
            "INSERT INTO app.org (parent_id, kind, name)"
            " VALUES (coalesce($1::bigint, (SELECT id FROM app.org WHERE parent_id IS NULL)),"
            "         $2, $3) RETURNING id",
            3, v);
        if (res == NULL)
            fail_msg("org %s: %s\n%s", orgs[i].name, err.message, err.detail);
        snprintf(org_text[orgs[i].self], sizeof org_text[0], "%s", PQgetvalue(res, 0, 0));
        PQclear(res);
    }
    static const struct {
        int org, n;
    } people[] = {{B_A11, 2600}, {B_A12, 40}, {B_A21, 30}, {B_B11, 50}};
    for (size_t i = 0; i < sizeof people / sizeof people[0]; i++) {
        char n[16];
        snprintf(n, sizeof n, "%d", people[i].n);
        const char *v[] = {org_text[people[i].org], n};
        exec_ok(
            db,
            "INSERT INTO app.person (name, sex, stage, org_id, joined_party_on, became_full_on,"
            "                        history_reason, history_on)"
            " SELECT (ARRAY['张','李','王','欧阳','陈','赵','安','曾'])[1 + i % 8]"
            "        || (ARRAY['伟','娜','芳','静','敏','修','然','小红','三'])[1 + (i / 8) % 9]"
            "        || CASE WHEN i % 97 = 0 THEN '张' ELSE '' END,"
            "        (1 + i % 2)::text, st.s, $1::bigint,"
            "        CASE WHEN st.s IN ('4', '5') THEN date '2000-07-01' END,"
            "        CASE WHEN st.s = '5' THEN date '2001-07-01' END,"
            "        CASE WHEN i % 20 = 0 THEN '2' END,"
            "        CASE WHEN i % 20 = 0 THEN date '2020-01-01' END"
            "   FROM generate_series(1, $2::int) AS i,"
            "        LATERAL (SELECT (1 + i % 5)::text AS s) AS st",
            2, v);
    }
    /* One person with an ID number, details and record rows. */
    const char *v[] = {org_text[B_A21]};
    exec_ok(db,
            "INSERT INTO app.person (name, sex, ethnicity, stage, org_id, id_number,"
            "                        joined_party_on, became_full_on, education)"
            " VALUES ('张卫国', '1', '01', '5', $1, '310101198001010018', date '2001-07-01',"
            "         date '2002-07-01', '21')",
            1, v);
    exec_ok(
        db,
        "INSERT INTO app.education (person_id, education, school, full_time, from_date, to_date)"
        " SELECT id, '21', '华东师范大学, \"本部\"', true, date '1998-09-01', date '2002-07-01'"
        "   FROM app.person WHERE id_number = '310101198001010018'",
        0, NULL);
    exec_ok(db,
            "INSERT INTO app.appraisal (person_id, year, result)"
            " SELECT id, y, '1' FROM app.person, generate_series(2021, 2023) AS y"
            "  WHERE id_number = '310101198001010018'",
            0, NULL);
    exec_ok(db, "ANALYZE", 0, NULL);

    /* Clerks: the branch 甲21 and the district 甲. */
    const char *c[] = {org_text[B_A21], org_text[D_A]};
    exec_ok(db,
            "DO $$BEGIN"
            " PERFORM meta.ddl('CREATE ROLE {t_m_branch} LOGIN');"
            " PERFORM meta.ddl('GRANT {clerk}, {branch} TO {t_m_branch}');"
            " PERFORM meta.ddl('CREATE ROLE {t_m_district} LOGIN');"
            " PERFORM meta.ddl('GRANT {clerk}, {district} TO {t_m_district}');"
            " INSERT INTO app.clerk (role_name, level, must_change_password)"
            " VALUES (meta.role('t_m_branch'), 'branch', false),"
            "        (meta.role('t_m_district'), 'district', false);"
            " END$$",
            0, NULL);
    exec_ok(
        db,
        "INSERT INTO app.clerk_scope (role_name, org_id)"
        " VALUES (meta.role('t_m_branch'), $1::bigint), (meta.role('t_m_district'), $2::bigint)",
        2, c);
}

/* Made by the first test that runs, so that without a server every test
 * fails on its own instead of the group silently running none. */
static void scratch(void)
{
    if (db != NULL)
        return;
    snprintf(dbname, sizeof dbname, "dj_test_members_%ld", (long)getpid());
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

#define PAGE 50

/* Pages through q from the first page to past the last (forward) or from the
 * last to before the first (backward); returns the ids in ascending order and
 * checks every page's size on the way. */
static long long *scroll(const struct dj_member_query *q, int page, bool backward, size_t *count)
{
    size_t cap = 8192, n = 0;
    long long *ids = calloc(cap, sizeof *ids);
    struct dj_member_row *rows = calloc((size_t)page, sizeof *rows);
    assert_non_null(ids);
    assert_non_null(rows);
    struct dj_member_key key;
    struct dj_db_error err;
    int got, pages = 0;
    enum dj_page_dir dir = backward ? DJ_PAGE_LAST : DJ_PAGE_FIRST;
    for (;;) {
        if (dj_members_page(db, q, dir, pages == 0 ? NULL : &key, rows, page, &got, &err) != 0)
            fail_msg("page %d: %s\n%s", pages, err.message, err.detail);
        assert_true(got <= page);
        if (got == 0)
            break;
        pages++;
        assert_true(n + (size_t)got <= cap);
        if (backward) {
            memmove(ids + got, ids, n * sizeof *ids);
            for (int i = 0; i < got; i++)
                ids[i] = rows[i].id;
        } else {
            for (int i = 0; i < got; i++)
                ids[n + (size_t)i] = rows[i].id;
        }
        n += (size_t)got;
        dj_member_key_of(&rows[backward ? 0 : got - 1], &key);
        dir = backward ? DJ_PAGE_PREV : DJ_PAGE_NEXT;
        /* Only the page at the far end may be short. */
        if (got < page) {
            if (dj_members_page(db, q, dir, &key, rows, page, &got, &err) != 0)
                fail_msg("past the end: %s\n%s", err.message, err.detail);
            assert_int_equal(got, 0);
            break;
        }
    }
    free(rows);
    *count = n;
    return ids;
}

static void same_ids(const long long *got, size_t ngot, const long long *want, size_t nwant)
{
    assert_int_equal(ngot, nwant);
    for (size_t i = 0; i < nwant; i++)
        if (got[i] != want[i])
            fail_msg("row %zu: id %lld, want %lld", i, got[i], want[i]);
}

static const char TRUTH_SUBTREE[] = "SELECT p.id FROM app.person p, app.org o"
                                    " WHERE o.id = $1::bigint AND p.history_reason IS NULL"
                                    "   AND p.org_key >= o.path_key"
                                    "   AND p.org_key < app.key_upper(o.path_key)"
                                    " ORDER BY p.name, p.id";

static void subtree_pages_both_ways(int which, int page)
{
    struct dj_member_query q = {.org_id = org(which), .subtree = true};
    size_t nwant, nf, nb;
    const char *v[] = {org_text[which]};
    long long *want = ids_of(TRUTH_SUBTREE, 1, v, &nwant);
    assert_true(nwant > 0);
    long long *fwd = scroll(&q, page, false, &nf);
    same_ids(fwd, nf, want, nwant);
    long long *back = scroll(&q, page, true, &nb);
    same_ids(back, nb, want, nwant);
    free(want);
    free(fwd);
    free(back);
}

static void large_subtree_pages_forward_and_back(void **state)
{
    (void)state;
    scratch();
    /* 2,530 current people under 甲1党委: over 2,000, the walked form. */
    subtree_pages_both_ways(C_A1, PAGE);
    subtree_pages_both_ways(D_A, PAGE);
}

static void small_subtree_pages_forward_and_back(void **state)
{
    (void)state;
    scratch();
    subtree_pages_both_ways(B_A12, 7);
    subtree_pages_both_ways(C_A2, 4);
}

static void direct_members_and_filters(void **state)
{
    (void)state;
    scratch();
    struct dj_member_query q = {.org_id = org(B_A21), .subtree = false};
    size_t nwant, ngot;
    const char *v[] = {org_text[B_A21]};
    long long *want = ids_of("SELECT id FROM app.person WHERE org_id = $1::bigint"
                             " AND history_reason IS NULL ORDER BY name, id",
                             1, v, &nwant);
    long long *got = scroll(&q, 10, false, &ngot);
    same_ids(got, ngot, want, nwant);
    free(want);
    free(got);

    struct dj_db_error err;
    q.stages = DJ_STAGES_MEMBERS;
    assert_int_equal(dj_members_count(db, &q, 1000, &err),
                     value_ll("SELECT count(*) FROM app.person WHERE org_id = $1::bigint"
                              " AND history_reason IS NULL AND stage IN ('4', '5')",
                              1, v));
    q.stages = 0;
    q.history = DJ_HISTORY_ONLY;
    q.subtree = true;
    q.org_id = org(D_A);
    const char *d[] = {org_text[D_A]};
    long long historical = value_ll("SELECT count(*) FROM app.person p, app.org o"
                                    " WHERE o.id = $1::bigint AND p.history_reason IS NOT NULL"
                                    "   AND p.org_key >= o.path_key"
                                    "   AND p.org_key < app.key_upper(o.path_key)",
                                    1, d);
    assert_true(historical > 100);
    assert_int_equal(dj_members_count(db, &q, 100000, &err), historical);
    assert_int_equal(dj_members_count(db, &q, 10, &err), 11);

    /* A row as the list shows it. */
    struct dj_member_row rows[PAGE];
    int n;
    q = (struct dj_member_query){
        .org_id = org(B_A21), .search = DJ_SEARCH_ID_NUMBER, .text = "310101198001"};
    assert_int_equal(dj_members_page(db, &q, DJ_PAGE_FIRST, NULL, rows, PAGE, &n, &err), 0);
    assert_int_equal(n, 1);
    assert_string_equal(rows[0].name, "张卫国");
    assert_string_equal(rows[0].sex, "男");
    assert_string_equal(rows[0].birth_date, "1980-01-01");
    assert_string_equal(rows[0].joined_party_on, "2001-07-01");
    assert_string_equal(rows[0].became_full_on, "2002-07-01");
    assert_string_equal(rows[0].stage, "正式党员");
    assert_string_equal(rows[0].org_name, "M甲21支部");
    assert_string_equal(dj_member_cell(&rows[0], DJ_MCOL_ORG), "M甲21支部");
    assert_false(rows[0].historical);
}

/* Ids of a search, all pages, against the truth in SQL. */
static void search_matches(enum dj_member_search kind, const char *text, int which,
                           const char *truth)
{
    struct dj_member_query q = {.org_id = which < 0 ? 0 : org(which),
                                .subtree = true,
                                .search = kind,
                                .text = text,
                                .history = DJ_HISTORY_ANY};
    size_t nwant, ngot;
    const char *v[] = {which < 0 ? NULL : org_text[which], text};
    long long *want = ids_of(truth, 2, v, &nwant);
    assert_true(nwant > 0);
    long long *got = scroll(&q, 20, false, &ngot);
    same_ids(got, ngot, want, nwant);
    free(got);
    got = scroll(&q, 20, true, &ngot);
    same_ids(got, ngot, want, nwant);
    free(got);
    free(want);
}

static const char TRUTH_CONTAINS[] =
    "SELECT p.id FROM app.person p"
    " WHERE strpos(p.name, $2) > 0"
    "   AND ($1::bigint IS NULL OR EXISTS (SELECT 1 FROM app.org o WHERE o.id = $1::bigint"
    "        AND p.org_key >= o.path_key AND p.org_key < app.key_upper(o.path_key)))"
    " ORDER BY p.name, p.id";

static void searches_find_what_sql_finds(void **state)
{
    (void)state;
    scratch();
    search_matches(DJ_SEARCH_NAME, "张", D_A, TRUTH_CONTAINS);
    search_matches(DJ_SEARCH_NAME, "欧阳", -1, TRUTH_CONTAINS);
    search_matches(DJ_SEARCH_NAME, "伟张", C_A1, TRUTH_CONTAINS);
    search_matches(DJ_SEARCH_INITIALS, "zw", D_A,
                   "SELECT p.id FROM app.person p"
                   " WHERE (p.name LIKE '张伟%' OR p.name LIKE '曾伟%' OR p.name LIKE '赵伟%'"
                   "        OR p.name = '张卫国')"
                   "   AND EXISTS (SELECT 1 FROM app.org o WHERE o.id = $1::bigint"
                   "        AND p.org_key >= o.path_key AND p.org_key < app.key_upper(o.path_key))"
                   "   AND $2 = 'zw'"
                   " ORDER BY p.name, p.id");

    /* What a clerk typed wrongly comes back in Chinese. */
    struct dj_member_row rows[PAGE];
    int n;
    struct dj_db_error err;
    struct dj_member_query q = {.search = DJ_SEARCH_NAME, .text = "　 "};
    assert_int_equal(dj_members_page(db, &q, DJ_PAGE_FIRST, NULL, rows, PAGE, &n, &err), -1);
    assert_string_equal(err.message, "请输入要查询的姓名（可以只输入其中的一个字）");
    q = (struct dj_member_query){.search = DJ_SEARCH_ID_NUMBER, .text = "310"};
    assert_int_equal(dj_members_page(db, &q, DJ_PAGE_FIRST, NULL, rows, PAGE, &n, &err), -1);
    assert_non_null(strstr(err.message, "前6位"));
    q = (struct dj_member_query){.org_id = 0};
    assert_int_equal(dj_members_page(db, &q, DJ_PAGE_FIRST, NULL, rows, PAGE, &n, &err), -1);
    assert_string_equal(err.message, "请先选择党组织");
    assert_int_equal(dj_members_page(db, &q, DJ_PAGE_FIRST, NULL, rows, DJ_PAGE_MAX + 1, &n, &err),
                     -1);
}

/* A clerk's whole-scope search for 张 lists exactly its subtree's 张. */
static void clerk_finds_its_own(const char *role, int which)
{
    size_t nwant, ngot;
    const char *v[] = {org_text[which], "张"};
    long long *want = ids_of(TRUTH_CONTAINS, 2, v, &nwant);
    assert_true(nwant > 0);
    as_role(role);
    struct dj_member_query q = {
        .org_id = 0, .search = DJ_SEARCH_NAME, .text = "张", .history = DJ_HISTORY_ANY};
    long long *got = scroll(&q, PAGE, false, &ngot);
    struct dj_db_error err;
    long long counted = dj_members_count(db, &q, 100000, &err);
    /* Another district's subtree: nothing. */
    struct dj_member_query foreign = {.org_id = org(D_B), .subtree = true};
    struct dj_member_row rows[PAGE];
    int n = -1;
    int rc = dj_members_page(db, &foreign, DJ_PAGE_FIRST, NULL, rows, PAGE, &n, &err);
    as_superuser();
    same_ids(got, ngot, want, nwant);
    assert_int_equal(counted, (long long)nwant);
    assert_int_equal(rc, 0);
    assert_int_equal(n, 0);
    free(got);
    free(want);
}

static void clerks_search_their_subtree(void **state)
{
    (void)state;
    scratch();
    clerk_finds_its_own("t_m_branch", B_A21);
    clerk_finds_its_own("t_m_district", D_A);
}

static void details_and_records(void **state)
{
    (void)state;
    scratch();
    long long id =
        value_ll("SELECT id FROM app.person WHERE id_number = '310101198001010018'", 0, NULL);
    struct dj_member_detail d;
    struct dj_db_error err;
    as_role("t_m_branch");
    int rc = dj_member_detail_load(db, id, &d, &err);
    struct dj_recset_rows edu, appr, reward;
    int rc_edu = dj_member_records_load(db, id, DJ_REC_EDUCATION, &edu, &err);
    int rc_appr = dj_member_records_load(db, id, DJ_REC_APPRAISAL, &appr, &err);
    int rc_reward = dj_member_records_load(db, id, DJ_REC_REWARD, &reward, &err);
    /* Someone of another branch: not there for this clerk. */
    long long other =
        value_ll("SELECT min(id) FROM app.person WHERE org_id <> (SELECT org_id FROM app.person"
                 " WHERE id_number = '310101198001010018')",
                 0, NULL);
    struct dj_member_detail o;
    int rc_other = dj_member_detail_load(db, other, &o, &err);
    as_superuser();

    assert_int_equal(rc, 0);
    assert_string_equal(d.name, "张卫国");
    assert_string_equal(d.name_initials, "zwg");
    assert_string_equal(d.sex, "男");
    assert_string_equal(d.ethnicity, "汉族");
    assert_string_equal(d.birth_date, "1980-01-01");
    assert_string_equal(d.stage, "正式党员");
    assert_string_equal(d.org_name, "M甲21支部");
    assert_true(d.version >= 1);
    assert_true(strlen(d.education) > 0);
    assert_int_equal(rc_other, 1);

    assert_int_equal(rc_edu, 0);
    assert_int_equal(edu.nrows, 1);
    assert_string_equal(dj_recset_cell(&edu, 0, 2), "华东师范大学, \"本部\"");
    assert_string_equal(dj_recset_cell(&edu, 0, 4), "全日制");
    assert_string_equal(dj_recset_cell(&edu, 0, 5), "1998-09-01");
    assert_string_equal(dj_recset_cell(&edu, 0, 1), "");
    assert_int_equal(rc_appr, 0);
    assert_int_equal(appr.nrows, 3);
    assert_string_equal(dj_recset_cell(&appr, 0, 0), "2021");
    assert_string_equal(dj_recset_cell(&appr, 2, 1), "优秀");
    assert_int_equal(rc_reward, 0);
    assert_int_equal(reward.nrows, 0);
    dj_recset_rows_free(&edu);
    dj_recset_rows_free(&appr);
    dj_recset_rows_free(&reward);
    dj_recset_rows_free(&reward);

    /* The details' field table names real fields. */
    assert_true(dj_member_detail_field_count > 20);
    for (size_t i = 0; i < dj_member_detail_field_count; i++)
        assert_true(dj_member_detail_fields[i].offset + dj_member_detail_fields[i].size <=
                    sizeof(struct dj_member_detail));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(large_subtree_pages_forward_and_back),
        cmocka_unit_test(small_subtree_pages_forward_and_back),
        cmocka_unit_test(direct_members_and_filters),
        cmocka_unit_test(searches_find_what_sql_finds),
        cmocka_unit_test(clerks_search_their_subtree),
        cmocka_unit_test(details_and_records),
    };
    return cmocka_run_group_tests_name("db members", tests, NULL, drop_scratch);
}
