/*
 * Writing a member's file (src/db/records.h) against a real server, in a
 * scratch database of its own: the wizard through the C call, the tabs, the
 * ways off the roll and the administrator's restore; the messages a clerk
 * reads (a field named, an ID number elsewhere not placed, also when the
 * unique index itself refuses); and two clerks on two connections editing one
 * member, one after the other and truly at once (the second waits on the
 * first's lock, then is refused naming the first).  The forms' field table
 * in C agrees with the database's.  Needs PG* variables naming a superuser
 * (pg_virtualenv); fails without a server.
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
#include <time.h>
#include <unistd.h>

#include "db/db.h"
#include "db/members.h"
#include "db/migrate.h"
#include "db/records.h"

static char dbname[64];
static struct dj_db *super; /* to the server's default database */
static struct dj_db *db;    /* the scratch database; clerk A1 or the superuser */
static char org_a1[24], org_a2[24], org_b1[24];

static struct dj_db *try_connect(const char *name, struct dj_db_error *err)
{
    struct dj_config cfg = {0};
    if (name != NULL) {
        cfg.conn_keys[0] = "dbname";
        cfg.conn_vals[0] = name;
        cfg.conn_count = 1;
    }
    return dj_db_connect(&cfg, NULL, err);
}

static struct dj_db *connect_to(const char *name)
{
    struct dj_db_error err;
    struct dj_db *c = try_connect(name, &err);
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

/* The first value of the first row as text into buf ("" for none). */
static void value(struct dj_db *c, char *buf, size_t len, const char *sql, int n,
                  const char *const *params)
{
    struct dj_db_error err;
    PGresult *res = dj_db_query(c, &err, sql, n, params);
    if (res == NULL)
        fail_msg("%s: %s\n%s", sql, err.message, err.detail);
    snprintf(buf, len, "%s", PQntuples(res) > 0 ? PQgetvalue(res, 0, 0) : "");
    PQclear(res);
}

static int as_role(struct dj_db *c, const char *name, struct dj_db_error *err)
{
    char sql[160];
    snprintf(sql, sizeof sql, "SET SESSION AUTHORIZATION %s_%s", dbname, name);
    return dj_db_exec(c, err, sql, 0, NULL);
}

static void as(struct dj_db *c, const char *name)
{
    struct dj_db_error err;
    if (as_role(c, name, &err) != 0)
        fail_msg("as %s: %s", name, err.message);
}

static void role_name(char *buf, size_t len, const char *name)
{
    snprintf(buf, len, "%s_%s", dbname, name);
}

static void fill(void)
{
    static const struct {
        char *id;
        const char *parent, *kind, *name;
    } orgs[] = {
        {NULL, NULL, "2", "R甲区委"},        {NULL, "R甲区委", "6", "R甲一支部"},
        {NULL, "R甲区委", "6", "R甲二支部"}, {NULL, NULL, "2", "R乙区委"},
        {NULL, "R乙区委", "6", "R乙一支部"},
    };
    for (size_t i = 0; i < sizeof orgs / sizeof orgs[0]; i++) {
        const char *v[] = {orgs[i].parent, orgs[i].kind, orgs[i].name};
        exec_ok(db,
                "INSERT INTO app.org (parent_id, kind, name)"
                " VALUES (coalesce((SELECT id FROM app.org WHERE name = $1),"
                "                  (SELECT id FROM app.org WHERE parent_id IS NULL)), $2, $3)",
                3, v);
    }
    value(db, org_a1, sizeof org_a1, "SELECT id FROM app.org WHERE name = 'R甲一支部'", 0, NULL);
    value(db, org_a2, sizeof org_a2, "SELECT id FROM app.org WHERE name = 'R甲二支部'", 0, NULL);
    value(db, org_b1, sizeof org_b1, "SELECT id FROM app.org WHERE name = 'R乙一支部'", 0, NULL);
    exec_ok(
        db,
        "DO $$DECLARE r record; BEGIN"
        " FOR r IN SELECT * FROM (VALUES ('t_r_a', 'branch', 'R甲一支部', false),"
        "   ('t_r_b', 'branch', 'R乙一支部', false), ('t_r_admin', 'district', 'R甲区委', true),"
        "   ('t_r_other', 'branch', 'R甲一支部', false)) AS v(n, lvl, org, adm) LOOP"
        "  PERFORM meta.ddl(format('CREATE ROLE {%s} LOGIN', r.n));"
        "  PERFORM meta.ddl(format('GRANT {clerk}, {%s} TO {%s}', r.lvl, r.n));"
        "  INSERT INTO app.clerk (role_name, level, is_admin, must_change_password)"
        "  VALUES (meta.role(r.n), r.lvl, r.adm, false);"
        "  INSERT INTO app.clerk_scope (role_name, org_id)"
        "  SELECT meta.role(r.n), id FROM app.org WHERE name = r.org;"
        " END LOOP; END$$",
        0, NULL);
}

static void scratch(void)
{
    if (db != NULL)
        return;
    snprintf(dbname, sizeof dbname, "dj_test_records_%ld", (long)getpid());
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

/* A valid ID number from its first 17 digits. */
static void id18(char out[19], const char *first17)
{
    static const int w[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    int sum = 0;
    for (int i = 0; i < 17; i++)
        sum += (first17[i] - '0') * w[i];
    snprintf(out, 19, "%.17s%c", first17, "10X98765432"[sum % 11]);
}

static void set(struct dj_fields *fs, const char *name, const char *v)
{
    assert_int_equal(dj_fields_set(fs, name, v), 0);
}

/* A full member added by the wizard as the current role; returns the id. */
static long long add_member(const char *org, const char *name, const char *sex, const char *id,
                            struct dj_db_error *err)
{
    struct dj_fields person = {0}, membership = {0}, education = {0}, job = {0}, transfer = {0};
    set(&person, "name", name);
    set(&person, "sex", sex);
    set(&person, "id_number", id);
    set(&person, "ethnicity", "01");
    set(&membership, "stage", "5");
    set(&membership, "joined_party_on", "2001-06-01");
    set(&membership, "became_full_on", "2002-06-01");
    set(&education, "education", "21");
    set(&education, "school", "复旦大学");
    set(&job, "unit_name", "甲区教育局");
    set(&transfer, "org_name", "某大学党委");
    set(&transfer, "from_date", "2003-01-01");
    long long new_id = 0;
    if (dj_member_add(db, strtoll(org, NULL, 10), &person, &membership, &education, &job, &transfer,
                      &new_id, err) != 0)
        return -1;
    return new_id;
}

static int person_version(struct dj_db *c, long long id)
{
    struct dj_fields f;
    int version = 0;
    struct dj_db_error err;
    if (dj_person_load(c, id, &f, &version, &err) != 0)
        fail_msg("load %lld: %s", id, err.message);
    return version;
}

/* ---- the forms ---- */

static void c_forms_match_the_database(void **state)
{
    (void)state;
    scratch();
    static const char *const kinds[] = {"text", "date", "code", "choice",
                                        "bool", "int",  "org",  "id_number"};
    size_t total = 0;
    for (size_t i = 0; i < dj_form_count; i++) {
        const struct dj_form_def *form = &dj_forms[i];
        assert_ptr_equal(dj_form_find(form->key), form);
        for (size_t j = 0; j < form->nfields; j++) {
            const struct dj_form_field *f = &form->fields[j];
            char sort[24], got[512];
            snprintf(sort, sizeof sort, "%zu", j + 1);
            const char *v[] = {form->key, f->name};
            value(db, got, sizeof got,
                  "SELECT concat_ws('|', sort, label, kind, code_kind, choices, required,"
                  "                 max_chars, multiline, future_ok)"
                  "  FROM app.form_field WHERE form = $1 AND field = $2",
                  2, v);
            char want[512];
            snprintf(want, sizeof want, "%s|%s|%s%s%s%s%s|%s|%d|%s|%s", sort, f->label,
                     kinds[f->kind], f->code_kind ? "|" : "", f->code_kind ? f->code_kind : "",
                     f->choices ? "|" : "", f->choices ? f->choices : "", f->required ? "t" : "f",
                     f->max_chars, f->multiline ? "t" : "f", f->future_ok ? "t" : "f");
            if (strcmp(got, want) != 0)
                fail_msg("%s.%s: database %s, C %s", form->key, f->name, got, want);
            total++;
        }
    }
    char n[16];
    value(db, n, sizeof n, "SELECT count(*) FROM app.form_field", 0, NULL);
    assert_int_equal(strtoll(n, NULL, 10), (long long)total);
    assert_null(dj_form_find("nothing"));
    assert_string_equal(dj_form_find("post")->saved, "工作职务信息保存成功！");
}

/* ---- the wizard and its messages ---- */

static void wizard_saves_and_refuses_in_words(void **state)
{
    (void)state;
    scratch();
    char id_m[19], id_f[19];
    id18(id_m, "31010119800101001");
    id18(id_f, "31010119850505002");
    struct dj_db_error err;

    as(db, "t_r_a");
    long long m1 = add_member(org_a1, "R张伟", "1", id_m, &err);
    if (m1 <= 0)
        fail_msg("add: %s\n%s", err.message, err.detail);

    /* Read back as the edit form sees it. */
    struct dj_fields f;
    int version = 0;
    assert_int_equal(dj_person_load(db, m1, &f, &version, &err), 0);
    assert_int_equal(version, 1);
    assert_string_equal(dj_fields_get(&f, "name"), "R张伟");
    assert_string_equal(dj_fields_get(&f, "birth_date"), "1980-01-01");
    assert_string_equal(dj_fields_get(&f, "education"), "21");
    assert_string_equal(dj_fields_get(&f, "stage"), "5");
    assert_null(dj_fields_get(&f, "phone"));

    /* A wrong page is refused naming the field, and nothing is written. */
    struct dj_fields page = {0};
    set(&page, "school", "某校");
    set(&page, "from_date", "2010-09-01");
    set(&page, "to_date", "2006-07-01");
    assert_int_equal(dj_form_check(db, "education", &page, &err), -1);
    assert_string_equal(err.message, "毕业日期（2006-07-01）不能早于入学日期（2010-09-01）");
    assert_string_equal(err.sqlstate, "DJ002");
    char form[32], field[32];
    assert_true(dj_records_bad_field(&err, form, sizeof form, field, sizeof field));
    assert_string_equal(form, "education");
    assert_string_equal(field, "to_date");

    assert_int_equal(add_member(org_a1, "R半途", "2", id_m, &err), -1);
    assert_string_equal(err.message, "性别与身份证号不符：身份证号第17位表示男");
    assert_true(dj_records_bad_field(&err, form, sizeof form, field, sizeof field));
    assert_string_equal(form, "person");
    assert_string_equal(field, "sex");
    char n[16];
    value(db, n, sizeof n, "SELECT count(*) FROM app.person WHERE name = 'R半途'", 0, NULL);
    assert_string_equal(n, "0");

    /* The same number from a clerk of another district: registered, nowhere. */
    as(db, "t_r_b");
    assert_int_equal(add_member(org_b1, "R重号", "1", id_m, &err), -1);
    assert_string_equal(err.sqlstate, DJ_SQLSTATE_ID_TAKEN);
    assert_string_equal(err.message, "该身份证号码已在系统中登记，请与组织部门联系");
    assert_true(dj_records_bad_field(&err, form, sizeof form, field, sizeof field));
    assert_string_equal(field, "id_number");
    assert_null(strstr(err.detail, "R甲"));
    assert_null(strstr(err.detail, "R张伟"));

    /* The unique index's own refusal (two saves racing past the trigger) reads
     * the same and names nothing either. */
    exec_ok(db, "RESET SESSION AUTHORIZATION", 0, NULL);
    exec_ok(db, "ALTER TABLE app.person DISABLE TRIGGER b15_id_unique", 0, NULL);
    as(db, "t_r_b");
    const char *v[] = {org_b1, id_m};
    assert_int_equal(dj_db_exec(db, &err,
                                "INSERT INTO app.person (name, sex, stage, org_id, id_number)"
                                " VALUES ('R重号', '1', '1', $1::bigint, $2)",
                                2, v),
                     -1);
    assert_string_equal(err.constraint, "person_id_number_key");
    assert_string_equal(err.message, "该身份证号码已在系统中登记，请与组织部门联系");
    assert_null(strstr(err.detail, "R甲"));
    assert_null(strstr(err.detail, "R张伟"));
    exec_ok(db, "RESET SESSION AUTHORIZATION", 0, NULL);
    exec_ok(db, "ALTER TABLE app.person ENABLE TRIGGER b15_id_unique", 0, NULL);

    /* Within the administrator's own scope the message names the person. */
    as(db, "t_r_admin");
    assert_int_equal(add_member(org_a2, "R重号", "1", id_m, &err), -1);
    assert_string_equal(err.message, "该身份证号码已登记在“R张伟”（R甲一支部）名下，请勿重复登记");

    /* A second member for the later tests, by clerk A1. */
    as(db, "t_r_a");
    long long m2 = add_member(org_a1, "R王芳", "2", id_f, &err);
    assert_true(m2 > m1);
    exec_ok(db, "RESET SESSION AUTHORIZATION", 0, NULL);
}

/* ---- the tabs ---- */

static void tabs_add_change_delete(void **state)
{
    (void)state;
    scratch();
    char id[24];
    struct dj_db_error err;
    value(db, id, sizeof id, "SELECT id FROM app.person WHERE name = 'R张伟'", 0, NULL);
    long long m1 = strtoll(id, NULL, 10);
    as(db, "t_r_a");

    struct dj_fields fs = {0};
    set(&fs, "party_post", "06");
    set(&fs, "org_id", org_a1);
    set(&fs, "from_date", "2020-01-01");
    long long row = 0;
    assert_int_equal(dj_record_add(db, DJ_REC_POST, m1, &fs, &row, &err), 0);
    assert_true(row > 0);

    struct dj_fields got;
    int version = 0;
    assert_int_equal(dj_record_load(db, DJ_REC_POST, row, &got, &version, &err), 0);
    assert_string_equal(dj_fields_get(&got, "org_name"), "R甲一支部");
    assert_string_equal(dj_fields_get(&got, "party_post"), "06");

    struct dj_fields change = {0};
    set(&change, "to_date", "2019-01-01");
    assert_int_equal(dj_record_update(db, DJ_REC_POST, row, version, &change, &err), -1);
    assert_string_equal(err.message, "免职日期（2019-01-01）不能早于任职日期（2020-01-01）");
    set(&change, "to_date", "2023-01-01");
    assert_int_equal(dj_record_update(db, DJ_REC_POST, row, version, &change, &err), 0);
    /* The old version again: stale. */
    assert_int_equal(dj_record_delete(db, DJ_REC_POST, row, version, &err), -1);
    assert_true(dj_records_is_stale(&err));
    char form[32], field[32];
    assert_false(dj_records_bad_field(&err, form, sizeof form, field, sizeof field));
    assert_string_equal(field, "");
    assert_int_equal(dj_record_delete(db, DJ_REC_POST, row, version + 1, &err), 0);
    assert_int_equal(dj_record_load(db, DJ_REC_POST, row, &got, &version, &err), 1);

    /* 组织关系: shown, never written here. */
    char rel[24];
    const char *p[] = {id};
    value(db, rel, sizeof rel, "SELECT id FROM app.org_relation WHERE person_id = $1::bigint", 1,
          p);
    assert_int_equal(
        dj_record_load(db, DJ_REC_ORG_RELATION, strtoll(rel, NULL, 10), &got, &version, &err), 0);
    assert_string_equal(dj_fields_get(&got, "from_date"), "2003-01-01");
    assert_int_equal(dj_record_add(db, DJ_REC_ORG_RELATION, m1, &fs, &row, &err), -1);
    assert_string_equal(err.message,
                        "组织关系只能通过组织关系转接办理，不能在这里添加、修改或删除");

    /* Another clerk's person is not there. */
    as(db, "t_r_b");
    assert_int_equal(dj_record_add(db, DJ_REC_POST, m1, &fs, &row, &err), -1);
    assert_string_equal(err.message,
                        "该人员不存在或不在您的管理范围内（可能已被他人删除），请刷新后再试");
    exec_ok(db, "RESET SESSION AUTHORIZATION", 0, NULL);

    char audited[64];
    value(db, audited, sizeof audited,
          "SELECT string_agg(action, ',' ORDER BY id) FROM audit.log WHERE table_name = 'app.post'",
          0, NULL);
    assert_string_equal(audited, "INSERT,UPDATE,DELETE");
}

/* ---- two clerks, one member ---- */

static void two_clerks_one_after_the_other(void **state)
{
    (void)state;
    scratch();
    char id[24];
    value(db, id, sizeof id, "SELECT id FROM app.person WHERE name = 'R张伟'", 0, NULL);
    long long m1 = strtoll(id, NULL, 10);
    struct dj_db *other = connect_to(dbname);
    as(db, "t_r_a");
    as(other, "t_r_other");

    /* Both open the form. */
    int va = person_version(db, m1), vb = person_version(other, m1);
    assert_int_equal(va, vb);

    struct dj_fields a = {0}, b = {0};
    set(&a, "phone", "13800000001");
    set(&b, "phone", "13900000002");
    set(&b, "address", "乙路二号");
    int newer = 0;
    struct dj_db_error err;
    assert_int_equal(dj_person_update(db, m1, va, &a, &newer, &err), 0);
    assert_int_equal(newer, va + 1);

    struct dj_fields typed = b;
    assert_int_equal(dj_person_update(other, m1, vb, &b, NULL, &err), -1);
    assert_true(dj_records_is_stale(&err));
    char when[32], who[128], want[512];
    const char *p[] = {id};
    value(other, when, sizeof when,
          "SELECT to_char(updated_at, 'YYYY-MM-DD HH24:MI') FROM app.person WHERE id = $1::bigint",
          1, p);
    role_name(who, sizeof who, "t_r_a");
    snprintf(want, sizeof want, "“R张伟”的信息已由 %s 于 %s 修改并保存，", who, when);
    if (strncmp(err.message, want, strlen(want)) != 0)
        fail_msg("message: %s\nwanted it to start with: %s", err.message, want);
    /* What the second clerk typed is untouched, ready to try again. */
    assert_memory_equal(&typed, &b, sizeof b);
    char phone[32];
    value(other, phone, sizeof phone, "SELECT phone FROM app.person WHERE id = $1::bigint", 1, p);
    assert_string_equal(phone, "13800000001");

    /* Reloaded, the second save goes through. */
    assert_int_equal(dj_person_update(other, m1, person_version(other, m1), &b, NULL, &err), 0);
    exec_ok(db, "RESET SESSION AUTHORIZATION", 0, NULL);
    dj_db_close(other);
}

/* The second clerk, in a child process with its own connection, saves while
 * the first one's save is not yet committed: it waits for the row, then is
 * refused.  It reports its result through the pipe. */
static void second_clerk(int fd, long long id, int version)
{
    struct dj_db_error err;
    char line[1024];
    struct dj_db *c = try_connect(dbname, &err);
    if (c == NULL || as_role(c, "t_r_other", &err) != 0) {
        snprintf(line, sizeof line, "connect: %s", err.message);
    } else {
        struct dj_fields b = {0};
        dj_fields_set(&b, "phone", "13700000003");
        if (dj_person_update(c, id, version, &b, NULL, &err) == 0)
            snprintf(line, sizeof line, "saved");
        else
            snprintf(line, sizeof line, "%s %s", err.sqlstate, err.message);
    }
    if (c != NULL)
        dj_db_close(c);
    ssize_t ignored = write(fd, line, strlen(line));
    (void)ignored;
    close(fd);
    _exit(0);
}

static void two_clerks_at_the_same_time(void **state)
{
    (void)state;
    scratch();
    char id[24];
    value(db, id, sizeof id, "SELECT id FROM app.person WHERE name = 'R王芳'", 0, NULL);
    long long m2 = strtoll(id, NULL, 10);
    struct dj_db_error err;
    as(db, "t_r_a");
    int v = person_version(db, m2);

    /* Clerk A's save, its transaction still open. */
    assert_int_equal(dj_db_begin(db, &err), 0);
    struct dj_fields a = {0};
    set(&a, "phone", "13600000004");
    assert_int_equal(dj_person_update(db, m2, v, &a, NULL, &err), 0);

    int fds[2];
    assert_int_equal(pipe(fds), 0);
    fflush(NULL);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        close(fds[0]);
        second_clerk(fds[1], m2, v);
    }
    close(fds[1]);

    /* Wait until the child's save is blocked on the row lock. */
    struct dj_db *watch = connect_to(dbname);
    const char *p[] = {dbname};
    char waiting[16] = "0";
    for (int i = 0; i < 200 && strcmp(waiting, "0") == 0; i++) {
        struct timespec ts = {0, 25 * 1000 * 1000};
        nanosleep(&ts, NULL);
        value(watch, waiting, sizeof waiting,
              "SELECT count(*) FROM pg_stat_activity"
              " WHERE datname = $1 AND wait_event_type = 'Lock'"
              "   AND query LIKE '%person_update%'",
              1, p);
    }
    dj_db_close(watch);
    assert_string_equal(waiting, "1");

    assert_int_equal(dj_db_commit(db, &err), 0);
    char line[1024] = "";
    size_t used = 0;
    ssize_t got;
    while ((got = read(fds[0], line + used, sizeof line - 1 - used)) > 0)
        used += (size_t)got;
    line[used] = '\0';
    close(fds[0]);
    int status = 0;
    waitpid(pid, &status, 0);

    char who[128], want[512];
    role_name(who, sizeof who, "t_r_a");
    snprintf(want, sizeof want, "DJ001 “R王芳”的信息已由 %s 于 ", who);
    if (strncmp(line, want, strlen(want)) != 0)
        fail_msg("the second clerk got: %s\nwanted it to start with: %s", line, want);
    char phone[32];
    const char *q[] = {id};
    value(db, phone, sizeof phone, "SELECT phone FROM app.person WHERE id = $1::bigint", 1, q);
    assert_string_equal(phone, "13600000004");
    exec_ok(db, "RESET SESSION AUTHORIZATION", 0, NULL);
}

/* ---- off the roll and back ---- */

static void leave_and_restore(void **state)
{
    (void)state;
    scratch();
    char id[24];
    value(db, id, sizeof id, "SELECT id FROM app.person WHERE name = 'R王芳'", 0, NULL);
    long long m2 = strtoll(id, NULL, 10);
    struct dj_db_error err;
    as(db, "t_r_a");
    int v = person_version(db, m2);
    assert_int_equal(dj_member_leave(db, m2, v, "2024-05-01", NULL, "x", &err), -1);
    assert_string_equal(err.message, "出党方式是必填项，请选择");
    char form[32], field[32];
    assert_true(dj_records_bad_field(&err, form, sizeof form, field, sizeof field));
    assert_string_equal(form, "history");
    assert_string_equal(field, "exit_kind");
    assert_int_equal(dj_member_suspend(db, m2, v, "2999-01-01", "1", NULL, &err), -1);
    assert_string_equal(err.message, "停止党籍日期“2999-01-01”晚于今天，请核对");
    assert_int_equal(dj_member_suspend(db, m2, v, "2024-05-01", "1", "定居国外", &err), 0);
    assert_int_equal(dj_member_death(db, m2, v + 1, "2024-06-01", NULL, &err), -1);
    assert_string_equal(err.message, "“R王芳”已是历史党员（停止党籍，2024-05-01），不能再办理死亡");

    struct dj_member_query q = {.org_id = strtoll(org_a1, NULL, 10), .history = DJ_HISTORY_ONLY};
    struct dj_member_row rows[10];
    int count = 0;
    /* The 历史党员 list shows them. */
    assert_int_equal(dj_members_page(db, &q, DJ_PAGE_FIRST, NULL, rows, 10, &count, &err), 0);
    assert_int_equal(count, 1);
    assert_string_equal(rows[0].name, "R王芳");
    assert_true(rows[0].historical);

    assert_int_equal(dj_member_restore(db, m2, v + 1, "误操作", &err), -1);
    assert_string_equal(err.sqlstate, "42501");
    as(db, "t_r_admin");
    assert_int_equal(dj_member_restore(db, m2, v + 1, "", &err), -1);
    assert_string_equal(err.message, "恢复的原因是必填项，请填写");
    assert_int_equal(dj_member_restore(db, m2, v + 1, "经核实，未定居国外", &err), 0);
    exec_ok(db, "RESET SESSION AUTHORIZATION", 0, NULL);
    char note[512];
    value(
        db, note, sizeof note,
        "SELECT clerk || ' ' || note FROM audit.log WHERE action = 'NOTE' ORDER BY id DESC LIMIT 1",
        0, NULL);
    char who[128];
    role_name(who, sizeof who, "t_r_admin");
    assert_non_null(strstr(note, who));
    assert_non_null(strstr(note, "经核实，未定居国外"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(c_forms_match_the_database),
        cmocka_unit_test(wizard_saves_and_refuses_in_words),
        cmocka_unit_test(tabs_add_change_delete),
        cmocka_unit_test(two_clerks_one_after_the_other),
        cmocka_unit_test(two_clerks_at_the_same_time),
        cmocka_unit_test(leave_and_restore),
    };
    return cmocka_run_group_tests_name("db records", tests, NULL, drop_scratch);
}
