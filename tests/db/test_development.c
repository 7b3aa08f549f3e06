/*
 * Member development through the C wrappers (src/db/development.h) against a
 * real server, in a scratch database of its own: a branch clerk walks an
 * applicant from 1.1 to 1.5 the way the screens will (warnings first, then
 * confirmed; versions from the list; refusals with the rule's words), each
 * call its own transaction whose audit rows share one txid and name the
 * clerk; a refused multi-select admission changes nothing; the applicants
 * list pages in pinyin order; reminders as of fixed days, through
 * dj_remind and through `dangjian remind` (plain lines and CSV, as a clerk
 * logging in).  Needs PG* variables naming a superuser (pg_virtualenv).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "db/db.h"
#include "db/development.h"
#include "db/migrate.h"

static char dbname[64];
static struct dj_db *super; /* to the server's default database */
static struct dj_db *db;    /* to the scratch database, as the superuser or a clerk */
static long long org_a, org_b, full1, full2, full3;

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

/* The first column of the first row as text ("" for none or NULL). */
static const char *value(const char *sql, int n, const char *const *params)
{
    static char buf[1024];
    struct dj_db_error err;
    PGresult *res = dj_db_query(db, &err, sql, n, params);
    if (res == NULL)
        fail_msg("%s: %s\n%s", sql, err.message, err.detail);
    snprintf(buf, sizeof buf, "%s", PQntuples(res) > 0 ? PQgetvalue(res, 0, 0) : "");
    PQclear(res);
    return buf;
}

static long long value_ll(const char *sql, int n, const char *const *params)
{
    return strtoll(value(sql, n, params), NULL, 10);
}

static void as_clerk(const char *suffix)
{
    char sql[160];
    /* The role names are built from the database name (letters, digits, _). */
    snprintf(sql, sizeof sql, "SET SESSION AUTHORIZATION %s_%s", dbname, suffix);
    exec_ok(db, sql, 0, NULL);
}

static void as_superuser(void)
{
    exec_ok(db, "RESET SESSION AUTHORIZATION", 0, NULL);
}

/* A valid ID number from its first 17 digits. */
static const char *idn(const char *body, char out[20])
{
    static const int w[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    int sum = 0;
    for (int i = 0; i < 17; i++)
        sum += (body[i] - '0') * w[i];
    snprintf(out, 20, "%s%c", body, "10X98765432"[sum % 11]);
    return out;
}

static long long insert_id(const char *sql, int n, const char *const *params)
{
    long long id = value_ll(sql, n, params);
    assert_true(id > 0);
    return id;
}

static void fill(void)
{
    long long d =
        insert_id("INSERT INTO app.org (parent_id, kind, name)"
                  " SELECT id, '2', 'D区' FROM app.org WHERE parent_id IS NULL RETURNING id",
                  0, NULL);
    char dt[24];
    snprintf(dt, sizeof dt, "%lld", d);
    const char *v[] = {dt};
    org_a =
        insert_id("INSERT INTO app.org (parent_id, kind, name) VALUES ($1::bigint, '6', 'D甲支部')"
                  " RETURNING id",
                  1, v);
    org_b =
        insert_id("INSERT INTO app.org (parent_id, kind, name) VALUES ($1::bigint, '6', 'D乙支部')"
                  " RETURNING id",
                  1, v);
    char a[24], b[24];
    snprintf(a, sizeof a, "%lld", org_a);
    snprintf(b, sizeof b, "%lld", org_b);
    const char *ab[] = {a, b};
    static const char full[] =
        "INSERT INTO app.person (name, sex, stage, org_id, joined_party_on, became_full_on)"
        " VALUES ($1, '1', '5', $2::bigint, '2000-01-01', '2001-01-01') RETURNING id";
    const char *f1[] = {"D联系人", a}, *f2[] = {"D介绍甲", a}, *f3[] = {"D介绍乙", a};
    full1 = insert_id(full, 2, f1);
    full2 = insert_id(full, 2, f2);
    full3 = insert_id(full, 2, f3);
    exec_ok(db,
            "DO $$DECLARE r text; BEGIN"
            " FOREACH r IN ARRAY ARRAY['t_dev_a', 't_dev_b'] LOOP"
            "   EXECUTE format('CREATE ROLE %I LOGIN PASSWORD %L', meta.role(r), 'Dev-pass-1');"
            "   EXECUTE format('GRANT %I, %I TO %I', meta.role('clerk'), meta.role('branch'),"
            "                  meta.role(r));"
            "   INSERT INTO app.clerk (role_name, level, must_change_password)"
            "   VALUES (meta.role(r), 'branch', false);"
            " END LOOP; END$$",
            0, NULL);
    exec_ok(db,
            "INSERT INTO app.clerk_scope (role_name, org_id)"
            " VALUES (meta.role('t_dev_a'), $1::bigint), (meta.role('t_dev_b'), $2::bigint)",
            2, ab);
}

/* Made by the first test that runs, so that without a server every test
 * fails on its own instead of the group silently running none. */
static void scratch(void)
{
    if (db != NULL) {
        as_superuser();
        return;
    }
    snprintf(dbname, sizeof dbname, "dj_test_dev_%ld", (long)getpid());
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

static const char *stage_of(long long id)
{
    char t[24];
    snprintf(t, sizeof t, "%lld", id);
    const char *v[] = {t};
    return value("SELECT stage FROM app.person WHERE id = $1::bigint", 1, v);
}

/* An applicant registered by clerk A (no warnings expected). */
static long long apply(const char *name, const char *id17, const char *applied, const char *talk)
{
    char num[20];
    struct dj_dev_applicant a = {
        .org_id = org_a,
        .name = name,
        .sex = "1",
        .ethnicity = "01",
        .id_number = idn(id17, num),
        .political_status = "13",
        .applied_on = applied,
        .talk_on = talk,
    };
    struct dj_dev_result r;
    struct dj_db_error err;
    if (dj_dev_apply(db, &a, false, &r, &err) != 0)
        fail_msg("apply %s: %s\n%s", name, err.message, err.detail);
    assert_true(r.done);
    return r.person_id;
}

static void activist(long long id, const char *on)
{
    struct dj_dev_activist a = {.person_id = id, .activist_on = on, .ncontacts = 1};
    a.contacts[0].member_id = full1;
    struct dj_dev_result r;
    struct dj_db_error err;
    if (dj_dev_activist(db, &a, true, &r, &err) != 0)
        fail_msg("activist: %s\n%s", err.message, err.detail);
    assert_true(r.done);
}

static void target(long long id, const char *on)
{
    struct dj_dev_target t = {
        .person_id = id, .target_on = on, .training_on = on, .training_days = 3};
    struct dj_dev_result r;
    struct dj_db_error err;
    if (dj_dev_target(db, &t, false, &r, &err) != 0)
        fail_msg("target: %s\n%s", err.message, err.detail);
    assert_true(r.done);
}

static void walk_from_applicant_to_full_member(void **state)
{
    (void)state;
    scratch();
    as_clerk("t_dev_a");
    long long first = apply("D先来", "11010119900101007", "2024-01-01", "2024-01-05");

    /* 1.1 with a talk a month and a day late: warned, nothing saved. */
    char num[20];
    struct dj_dev_applicant a = {
        .org_id = org_a,
        .name = "D王小明",
        .sex = "1",
        .id_number = idn("11010119950101015", num),
        .applied_on = "2024-01-10",
        .talk_on = "2024-02-11",
        .talk_note = "了解入党动机",
    };
    struct dj_dev_result r;
    struct dj_db_error err;
    assert_int_equal(dj_dev_apply(db, &a, false, &r, &err), 0);
    assert_false(r.done);
    assert_int_equal(r.nwarnings, 1);
    assert_non_null(strstr(r.warnings[0], "应在2024-02-10前谈话"));
    const char *nm[] = {"D王小明"};
    assert_string_equal(value("SELECT count(*) FROM app.person WHERE name = $1", 1, nm), "0");
    /* Confirmed: saved, and the accepted warning is in the audit log. */
    assert_int_equal(dj_dev_apply(db, &a, true, &r, &err), 0);
    assert_true(r.done);
    long long id = r.person_id;
    assert_true(id > first);
    assert_string_equal(stage_of(id), DJ_DEV_APPLICANT);

    as_superuser();
    char idt[24], firstt[24];
    snprintf(idt, sizeof idt, "%lld", id);
    snprintf(firstt, sizeof firstt, "%lld", first);
    const char *v[] = {idt, firstt};
    /* The person's INSERT, its steps and the note: one transaction, by the clerk. */
    const char *tx = value("SELECT txid FROM audit.log WHERE table_name = 'app.person'"
                           " AND action = 'INSERT' AND row_key = $1",
                           1, v);
    char txid[32];
    snprintf(txid, sizeof txid, "%s", tx);
    const char *t1[] = {txid};
    assert_string_equal(
        value("SELECT string_agg(DISTINCT action || ' ' || coalesce(table_name, '-'),"
              " ', ' ORDER BY action || ' ' || coalesce(table_name, '-'))"
              "  FROM audit.log WHERE txid = $1::bigint",
              1, t1),
        "INSERT app.dev_step, INSERT app.person, NOTE -");
    assert_string_equal(
        value("SELECT string_agg(DISTINCT clerk, ',') FROM audit.log WHERE txid = $1::bigint", 1,
              t1),
        value("SELECT meta.role('t_dev_a')", 0, NULL));
    assert_string_equal(value("SELECT note LIKE '%谈话日期是2024-02-11%' FROM audit.log"
                              " WHERE txid = $1::bigint AND action = 'NOTE'",
                              1, t1),
                        "t");
    const char *v2[] = {firstt, txid};
    assert_string_equal(value("SELECT count(*) FROM audit.log WHERE table_name = 'app.person'"
                              " AND row_key = $1 AND txid = $2::bigint",
                              2, v2),
                        "0"); /* the earlier applicant was another transaction */

    /* 1.2: one contact by id, one by name. */
    as_clerk("t_dev_a");
    struct dj_dev_activist act = {.person_id = id, .activist_on = "2024-03-01", .ncontacts = 2};
    act.contacts[0].member_id = full1;
    act.contacts[1].name = "王\"老师\\"; /* quotes and backslashes reach the array intact */
    assert_int_equal(dj_dev_activist(db, &act, false, &r, &err), 0);
    assert_true(r.done);
    assert_int_equal(r.nwarnings, 0);
    assert_string_equal(stage_of(id), DJ_DEV_ACTIVIST);
    assert_string_equal(value("SELECT string_agg(member_name, '|' ORDER BY member_name)"
                              "  FROM app.dev_contact WHERE person_id = $1::bigint",
                              1, v),
                        "D联系人|王\"老师\\");

    /* Moving the activist date back in psql to make the year: refused, in words. */
    assert_int_equal(dj_db_exec(db, &err,
                                "UPDATE app.dev_step SET step_date = '2023-01-01'"
                                " WHERE person_id = $1::bigint AND step = '03'",
                                1, v),
                     -1);
    assert_string_equal(err.message, "第03步由“申请人管理”的培养发展办理时记录，不能直接修改");
    assert_int_equal(
        dj_db_exec(db, &err, "UPDATE app.person SET stage = '3' WHERE id = $1::bigint", 1, v), -1);
    assert_string_equal(err.sqlstate, "42501");

    struct dj_dev_status st;
    assert_int_equal(dj_dev_status_load(db, id, &st, &err), 0);
    assert_string_equal(st.stage_code, "2");
    assert_string_equal(st.stage, "入党积极分子");
    assert_string_equal(st.applied_on, "2024-01-10");
    assert_string_equal(st.target_eligible_on, "2025-03-01");

    /* 1.3 a day early: refused with the rule's words, shown as the server says. */
    struct dj_dev_target tg = {.person_id = id, .version = st.version, .target_on = "2025-02-28"};
    assert_int_equal(dj_dev_target(db, &tg, false, &r, &err), -1);
    assert_int_equal(err.kind, DJ_DB_ERR_SQL);
    assert_string_equal(err.sqlstate, "P0001");
    assert_non_null(strstr(err.message, "入党积极分子须经过1年以上的培养教育考察"));
    assert_non_null(strstr(err.message, "2025-03-01起才能列为发展对象"));
    tg.target_on = "2025-03-01";
    tg.training_on = "2025-03-10";
    tg.training_hours = 24;
    tg.nsponsors = 2;
    tg.sponsors[0].member_id = full2;
    tg.sponsors[1].member_id = full3;
    assert_int_equal(dj_dev_target(db, &tg, false, &r, &err), 0);
    assert_true(r.done);
    assert_string_equal(stage_of(id), DJ_DEV_TARGET);

    /* 1.4 with the version the list shows; an outdated one is refused. */
    struct dj_applicant_row rows[10];
    int n;
    assert_int_equal(dj_applicants_page(db, org_a, false, DJ_PAGE_FIRST, NULL, rows, 10, &n, &err),
                     0);
    int version = 0;
    for (int i = 0; i < n; i++)
        if (rows[i].id == id) {
            version = rows[i].version;
            assert_string_equal(rows[i].stage, "发展对象");
            assert_string_equal(rows[i].target_on, "2025-03-01");
            assert_string_equal(rows[i].talk_on, "2024-02-11");
        }
    assert_true(version > 1);
    long long ids[1] = {id};
    int stale[1] = {version - 1};
    struct dj_dev_admission adm = {.person_ids = ids,
                                   .versions = stale,
                                   .count = 1,
                                   .meeting_on = "2025-06-01",
                                   .approved_on = "2025-07-01"};
    assert_int_equal(dj_dev_admit(db, &adm, false, &r, &err), -1);
    assert_non_null(strstr(err.message, "的信息已被"));
    int fresh[1] = {version};
    adm.versions = fresh;
    assert_int_equal(dj_dev_admit(db, &adm, false, &r, &err), 0);
    assert_true(r.done);
    assert_string_equal(stage_of(id), DJ_DEV_PROBATIONARY);

    /* 1.5: not before the year is out. */
    struct dj_dev_full fu = {.person_id = id, .full_on = "2026-05-31", .note = "表现良好"};
    assert_int_equal(dj_dev_confirm(db, &fu, false, &r, &err), -1);
    assert_non_null(strstr(err.message, "预备期未满，不能转正"));
    fu.full_on = "2026-06-01";
    assert_int_equal(dj_dev_confirm(db, &fu, false, &r, &err), 0);
    assert_true(r.done);
    assert_string_equal(stage_of(id), DJ_DEV_FULL);

    struct dj_dev_step_row steps[DJ_DEV_STEP_COUNT];
    assert_int_equal(dj_dev_steps(db, id, steps, &err), 0);
    assert_int_equal(steps[0].step, 1);
    assert_string_equal(steps[0].name, "递交入党申请书");
    assert_string_equal(steps[0].date, "2024-01-10");
    assert_string_equal(steps[1].detail, "了解入党动机");
    assert_string_equal(steps[14].date, "2025-06-01");
    assert_string_equal(steps[14].phase, "接收预备党员");
    assert_string_equal(steps[24].name, "材料归档");
    assert_string_equal(steps[24].date, "");
    /* Another branch's clerk sees nothing of them. */
    as_clerk("t_dev_b");
    assert_int_equal(dj_dev_steps(db, id, steps, &err), 1);
    assert_int_equal(dj_dev_status_load(db, id, &st, &err), 1);
    as_superuser();
}

static void refused_admission_changes_nothing(void **state)
{
    (void)state;
    scratch();
    as_clerk("t_dev_a");
    long long t1 = apply("D甲目标", "11010119900101023", "2022-01-01", "2022-01-05");
    long long t2 = apply("D乙目标", "11010119900101031", "2022-01-01", "2022-01-05");
    long long act = apply("D丙积极", "11010119900101049", "2022-01-01", "2022-01-05");
    activist(t1, "2022-03-01");
    activist(t2, "2022-03-01");
    activist(act, "2022-03-01");
    target(t1, "2023-03-01");
    target(t2, "2023-03-01");
    long long ids[3] = {t1, act, t2};
    struct dj_dev_admission adm = {.person_ids = ids,
                                   .count = 3,
                                   .meeting_on = "2023-06-01",
                                   .approved_on = "2023-06-10",
                                   .nsponsors = 2};
    adm.sponsors[0].member_id = full2;
    adm.sponsors[1].name = "外单位介绍人";
    struct dj_dev_result r;
    struct dj_db_error err;
    assert_int_equal(dj_dev_admit(db, &adm, true, &r, &err), -1);
    assert_non_null(strstr(err.message, "“D丙积极”现为入党积极分子，不是发展对象"));
    assert_non_null(strstr(err.message, "本次勾选的人员都没有吸收"));
    assert_string_equal(stage_of(t1), DJ_DEV_TARGET);
    assert_string_equal(stage_of(t2), DJ_DEV_TARGET);
    as_superuser();
    assert_string_equal(
        value("SELECT count(*) FROM app.standing s JOIN app.person p ON p.id = s.person_id"
              " WHERE p.name IN ('D甲目标', 'D乙目标')",
              0, NULL),
        "0");
    /* Without the activist both are admitted, in one call. */
    as_clerk("t_dev_a");
    long long two[2] = {t2, t1};
    adm.person_ids = two;
    adm.count = 2;
    assert_int_equal(dj_dev_admit(db, &adm, true, &r, &err), 0);
    assert_true(r.done);
    assert_string_equal(stage_of(t1), DJ_DEV_PROBATIONARY);
    assert_string_equal(stage_of(t2), DJ_DEV_PROBATIONARY);
    /* Extension once; cancel ends it. */
    assert_int_equal(dj_dev_extend(db, t1, 0, "2024-05-20", 6, "继续考察", false, &r, &err), 0);
    assert_int_equal(dj_dev_extend(db, t1, 0, "2024-11-20", 6, "再延长", false, &r, &err), -1);
    assert_non_null(strstr(err.message, "预备期只能延长一次"));
    assert_int_equal(dj_dev_cancel(db, t2, 0, "2024-01-01", "不具备党员条件", false, &r, &err), 0);
    assert_true(r.done);
    as_superuser();
}

static void applicants_page_in_pinyin_order(void **state)
{
    (void)state;
    scratch();
    as_clerk("t_dev_b");
    static const char *names[] = {"B张伟", "B李娜", "B王芳", "B欧阳修", "B陈静", "B赵磊", "B曾敏"};
    for (int i = 0; i < 7; i++) {
        char id17[18], num[20];
        snprintf(id17, sizeof id17, "11010119900102%03d", 1 + 2 * i);
        struct dj_dev_applicant a = {.org_id = org_b,
                                     .name = names[i],
                                     .sex = "1",
                                     .id_number = idn(id17, num),
                                     .applied_on = "2024-05-01"};
        struct dj_dev_result r;
        struct dj_db_error err;
        if (dj_dev_apply(db, &a, true, &r, &err) != 0)
            fail_msg("%s: %s", names[i], err.message);
    }
    struct dj_db_error err;
    assert_int_equal(dj_applicants_count(db, org_b, true, 100, &err), 7);
    assert_int_equal(dj_applicants_count(db, org_a, true, 100, &err), 0); /* not in scope */
    /* Forward by 3: every applicant once, in the database's pinyin order. */
    char seen[1024] = "";
    struct dj_applicant_row rows[3];
    struct dj_member_key key;
    int n, total = 0;
    enum dj_page_dir dir = DJ_PAGE_FIRST;
    for (;;) {
        assert_int_equal(dj_applicants_page(db, org_b, true, dir, &key, rows, 3, &n, &err), 0);
        if (n == 0)
            break;
        assert_true(n <= 3);
        for (int i = 0; i < n; i++) {
            strncat(seen, rows[i].name, sizeof seen - strlen(seen) - 2);
            strcat(seen, ",");
            assert_string_equal(rows[i].stage_code, "1");
            assert_string_equal(rows[i].applied_on, "2024-05-01");
        }
        total += n;
        dj_applicant_key_of(&rows[n - 1], &key);
        dir = DJ_PAGE_NEXT;
    }
    assert_int_equal(total, 7);
    as_superuser();
    assert_string_equal(seen,
                        value("SELECT string_agg(name, ',' ORDER BY name COLLATE \"zh-x-icu\", id)"
                              " || ',' FROM app.person WHERE name LIKE 'B%'",
                              0, NULL));
    /* Backward from the last page meets the same names. */
    as_clerk("t_dev_b");
    assert_int_equal(dj_applicants_page(db, org_b, true, DJ_PAGE_LAST, NULL, rows, 3, &n, &err), 0);
    assert_int_equal(n, 3);
    dj_applicant_key_of(&rows[0], &key);
    assert_int_equal(dj_applicants_page(db, org_b, true, DJ_PAGE_PREV, &key, rows, 3, &n, &err), 0);
    assert_int_equal(n, 3);
    as_superuser();
}

static char cli_err[4096];

static void slurp(const char *path, char *buf, size_t len)
{
    FILE *f = fopen(path, "r");
    size_t n = f ? fread(buf, 1, len - 1, f) : 0;
    buf[n] = '\0';
    if (f)
        fclose(f);
    unlink(path);
}

/* `dangjian remind ARGS` as clerk A, logging in with its password. */
static int run_remind(const char *args, char *out, size_t outlen)
{
    const char *bin = getenv("DJ_BIN") ? getenv("DJ_BIN") : "build/dangjian";
    if (access(bin, X_OK) != 0)
        fail_msg("the program %s is not built (set DJ_BIN)", bin);
    char conf[] = "/tmp/dj_test_dev_conf.XXXXXX", outf[] = "/tmp/dj_test_dev_out.XXXXXX",
         errf[] = "/tmp/dj_test_dev_err.XXXXXX";
    int fd1 = mkstemp(conf), fd2 = mkstemp(outf), fd3 = mkstemp(errf);
    assert_true(fd1 >= 0 && fd2 >= 0 && fd3 >= 0);
    close(fd1);
    close(fd2);
    close(fd3);
    char cmd[1024];
    snprintf(cmd, sizeof cmd,
             "PGDATABASE=%s PGUSER=%s_t_dev_a PGPASSWORD=Dev-pass-1 DANGJIAN_CONFIG=%s '%s' remind"
             " %s >%s 2>%s",
             dbname, dbname, conf, bin, args, outf, errf);
    int status = system(cmd);
    unlink(conf);
    slurp(outf, out, outlen);
    slurp(errf, cli_err, sizeof cli_err);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static void reminders_as_of_a_day(void **state)
{
    (void)state;
    scratch();
    as_clerk("t_dev_a");
    long long talk = apply("D待谈话", "11010119800101011", "2030-01-10", NULL);
    long long act = apply("D积极满年", "11010119800101029", "2030-01-01", "2030-01-02");
    activist(act, "2030-03-01");

    struct dj_remind_row *rows;
    size_t n;
    struct dj_db_error err;
    assert_int_equal(dj_remind(db, "2030-02-10", &rows, &n, &err), 0);
    for (size_t i = 0; i < n; i++)
        assert_true(strcmp(rows[i].name, "D待谈话") != 0);
    free(rows);
    assert_int_equal(dj_remind(db, "2031-02-01", &rows, &n, &err), 0);
    int talks = 0, years = 0;
    for (size_t i = 0; i < n; i++) {
        if (strcmp(rows[i].name, "D待谈话") == 0) {
            talks++;
            assert_int_equal(rows[i].kind, DJ_REMIND_TALK);
            assert_string_equal(rows[i].kind_name, "谈话逾期");
            assert_string_equal(rows[i].due_on, "2030-02-10");
            assert_string_equal(rows[i].org_name, "D甲支部");
            assert_int_equal(rows[i].org_id, org_a);
        } else if (strcmp(rows[i].name, "D积极满年") == 0) {
            years++;
            assert_int_equal(rows[i].kind, DJ_REMIND_ACTIVIST_YEAR);
            assert_string_equal(rows[i].due_on, "2031-03-01");
            assert_string_equal(dj_remind_kind_code(rows[i].kind), "activist_year");
        }
    }
    assert_int_equal(talks, 1);
    assert_int_equal(years, 1);
    free(rows);
    as_clerk("t_dev_b");
    assert_int_equal(dj_remind(db, "2031-02-01", &rows, &n, &err), 0);
    for (size_t i = 0; i < n; i++)
        assert_true(strncmp(rows[i].name, "D", 1) != 0); /* branch A's are not B's */
    free(rows);
    as_superuser();

    /* The command, as clerk A: plain lines and CSV. */
    char out[8192];
    assert_int_equal(run_remind("--as-of 2031-02-01", out, sizeof out), 0);
    assert_non_null(strstr(out,
                           "2030-02-10\t谈话逾期\tD待谈话\tD甲支部\t2030-01-10递交入党申请书，应在"
                           "2030-02-10前派人谈话，尚无谈话记录\n"));
    assert_non_null(strstr(out, "2031-03-01\t积极分子满一年\tD积极满年\tD甲支部\t"));
    assert_non_null(strstr(cli_err, "条提醒（按 2031-02-01 计算）"));
    assert_int_equal(run_remind("--as-of 2031-02-01 --csv", out, sizeof out), 0);
    static const char header[] = "due_on,kind,kind_name,person_id,name,org_id,org_name,note\n";
    assert_true(strncmp(out, header, strlen(header)) == 0);
    char line[256];
    snprintf(line, sizeof line, "\n2030-02-10,talk,谈话逾期,%lld,D待谈话,%lld,D甲支部,", talk,
             org_a);
    assert_non_null(strstr(out, line));
    assert_int_equal(run_remind("--as-of 2031-02-30", out, sizeof out), 2);
    assert_non_null(strstr(cli_err, "2031年2月只有28天"));
    assert_int_equal(run_remind("--bogus", out, sizeof out), 2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(walk_from_applicant_to_full_member),
        cmocka_unit_test(refused_admission_changes_nothing),
        cmocka_unit_test(applicants_page_in_pinyin_order),
        cmocka_unit_test(reminders_as_of_a_day),
    };
    return cmocka_run_group_tests_name("db development", tests, NULL, drop_scratch);
}
