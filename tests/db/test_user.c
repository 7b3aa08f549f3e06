/*
 * Clerks end to end, with real logins and passwords, in a scratch database of
 * its own (migrated here, dropped with its roles at the end): the superuser
 * adds a district administrator; it logs in with its first password (and must
 * change it), adds a branch clerk inside its district and is refused outside,
 * changes its own password, lists only its subtree's clerks, disables a clerk
 * who then cannot log in; a real clerk login cannot SET ROLE or SET SESSION
 * AUTHORIZATION to another role; `dangjian user` itself adds and lists.
 * Needs PG* variables naming a superuser (pg_virtualenv); fails without a server.
 * Clerk names carry the scratch database's name, so two runs in one cluster
 * never collide.
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

#include "db/clerk_info.h"
#include "db/db.h"
#include "db/migrate.h"
#include "db/user.h"

static char dbname[40];
static struct dj_db *super; /* to the server's default database */
static struct dj_db *db;    /* to the scratch database, as the superuser */
static char code_a[32], code_a1[32], code_b1[32];

/* name: a clerk's login role, "<dbname>_<suffix>" (a static buffer per slot). */
static const char *clerk(int slot, const char *suffix)
{
    static char names[8][64];
    snprintf(names[slot], sizeof names[slot], "%s_%s", dbname, suffix);
    return names[slot];
}
#define ADMIN    clerk(0, "dist_admin")
#define BRANCH_A clerk(1, "branch_a")
#define BRANCH_B clerk(2, "branch_b")
#define CLI_ONE  clerk(3, "cli_one")
#define CLI_TWO  clerk(4, "cli_two")

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

static struct dj_db *login(const char *user, const char *password)
{
    struct dj_db_error err;
    struct dj_db *c = connect_as(dbname, user, password, &err);
    if (c == NULL)
        fail_msg("%s cannot log in: %s\n%s", user, err.message, err.detail);
    return c;
}

static void exec_ok(struct dj_db *c, const char *sql, int n, const char *const *params)
{
    struct dj_db_error err;
    if (dj_db_exec(c, &err, sql, n, params) != 0)
        fail_msg("%s: %s\n%s", sql, err.message, err.detail);
}

/* The first column of the first row (a static buffer). */
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

/* The scratch database, migrated, with districts A and B and a branch in each.
 * Made by the first test that runs, so that without a server every test fails
 * on its own. */
static void scratch(void)
{
    if (db != NULL)
        return;
    snprintf(dbname, sizeof dbname, "dj_test_user_%ld", (long)getpid());
    struct dj_db_error err;
    super = connect_as(NULL, NULL, NULL, &err);
    if (super == NULL)
        fail_msg("cannot reach the test server: %s\n%s", err.message, err.detail);
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
    exec_ok(db,
            "INSERT INTO app.org (parent_id, kind, name)"
            " SELECT id, '2', n FROM app.org, unnest(ARRAY['甲区委', '乙区委']) AS n"
            "  WHERE parent_id IS NULL",
            0, NULL);
    exec_ok(db,
            "INSERT INTO app.org (parent_id, kind, name)"
            " SELECT id, '6', left(name, 1) || '支部' FROM app.org WHERE kind = '2'",
            0, NULL);
    snprintf(code_a, sizeof code_a, "%s",
             value(db, "SELECT code FROM app.org WHERE name = '甲区委'", 0, NULL));
    snprintf(code_a1, sizeof code_a1, "%s",
             value(db, "SELECT code FROM app.org WHERE name = '甲支部'", 0, NULL));
    snprintf(code_b1, sizeof code_b1, "%s",
             value(db, "SELECT code FROM app.org WHERE name = '乙支部'", 0, NULL));
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

/* The names in user_list, sorted, joined with '|'. */
static const char *listed(struct dj_db *c)
{
    static char buf[1024];
    struct dj_user *u;
    size_t n;
    struct dj_db_error err;
    if (dj_user_list(c, &u, &n, &err) != 0)
        fail_msg("user_list: %s\n%s", err.message, err.detail);
    buf[0] = '\0';
    size_t used = 0;
    for (size_t i = 0; i < n && used < sizeof buf; i++)
        used += (size_t)snprintf(buf + used, sizeof buf - used, "%s%s", i ? "|" : "", u[i].name);
    free(u);
    return buf;
}

static bool must_change(struct dj_db *c, const char *name)
{
    struct dj_user *u;
    size_t n;
    struct dj_db_error err;
    if (dj_user_list(c, &u, &n, &err) != 0)
        fail_msg("user_list: %s\n%s", err.message, err.detail);
    bool found = false, must = false;
    for (size_t i = 0; i < n; i++)
        if (strcmp(u[i].name, name) == 0) {
            found = true;
            must = u[i].must_change_password;
        }
    free(u);
    if (!found)
        fail_msg("%s is not in the list", name);
    return must;
}

/* ---------------------------------------------------------------------------- */

/* No server needed: what the command checks before it connects. */
static void first_passwords_levels_and_password_rules(void **state)
{
    (void)state;
    char pw[DJ_USER_RANDOM_LENGTH + 1], first[sizeof pw];
    assert_int_equal(dj_user_random_password(pw, sizeof pw - 1), -1);
    bool differs = false;
    for (int i = 0; i < 200; i++) {
        assert_int_equal(dj_user_random_password(pw, sizeof pw), 0);
        assert_int_equal(strlen(pw), DJ_USER_RANDOM_LENGTH);
        /* No 0/O/o or 1/l/I/i, nothing but letters and digits. */
        assert_int_equal(strspn(pw, "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"),
                         DJ_USER_RANDOM_LENGTH);
        assert_null(dj_user_password_problem(pw));
        if (i == 0)
            memcpy(first, pw, sizeof pw);
        else if (strcmp(first, pw) != 0)
            differs = true;
    }
    assert_true(differs);

    assert_string_equal(dj_user_level_parse("支部"), "branch");
    assert_string_equal(dj_user_level_parse("总支"), "general_branch");
    assert_string_equal(dj_user_level_parse("党委"), "committee");
    assert_string_equal(dj_user_level_parse("大口委办"), "district");
    assert_string_equal(dj_user_level_parse("区县委/大口委办"), "district");
    assert_string_equal(dj_user_level_parse("市委"), "city");
    assert_string_equal(dj_user_level_parse("审计"), "auditor");
    assert_string_equal(dj_user_level_parse("general_branch"), "general_branch");
    assert_null(dj_user_level_parse("owner"));
    assert_null(dj_user_level_parse("Branch"));
    assert_null(dj_user_level_parse(NULL));

    assert_non_null(dj_user_password_problem("short7!"));
    assert_null(dj_user_password_problem("八个汉字的密码呀"));
    assert_non_null(dj_user_password_problem("with\ttab-inside"));
    assert_non_null(dj_user_password_problem("bad-utf8-\xff\xfe"));
}

static void superuser_adds_an_administrator(void **state)
{
    (void)state;
    scratch();
    struct dj_db_error err;
    if (dj_user_add(db, ADMIN, code_a, "district", "Dist-pass-1", true, &err) != 0)
        fail_msg("user_add: %s\n%s", err.message, err.detail);
    const char *p[] = {ADMIN};
    assert_string_equal(value(db,
                              "SELECT rolcanlogin::text || ' ' || rolsuper::text || ' ' ||"
                              "       left(rolpassword, 14)"
                              "  FROM pg_authid WHERE rolname = $1",
                              1, p),
                        "true false SCRAM-SHA-256$");
}

static void administrator_logs_in_and_must_change_its_password(void **state)
{
    (void)state;
    scratch();
    struct dj_db *admin = login(ADMIN, "Dist-pass-1");
    assert_string_equal(value(admin, "SELECT session_user", 0, NULL), ADMIN);
    assert_true(must_change(admin, ADMIN));
    dj_db_close(admin);

    struct dj_db_error err;
    struct dj_db *wrong = connect_as(dbname, ADMIN, "not-the-password", &err);
    assert_null(wrong);
    assert_int_equal(err.kind, DJ_DB_ERR_PASSWORD);
}

static void administrator_adds_inside_its_district_only(void **state)
{
    (void)state;
    scratch();
    struct dj_db *admin = login(ADMIN, "Dist-pass-1");
    struct dj_db_error err;
    if (dj_user_add(admin, BRANCH_A, code_a1, "branch", "Branch-pass-1", false, &err) != 0)
        fail_msg("user_add inside: %s\n%s", err.message, err.detail);

    assert_int_equal(dj_user_add(admin, BRANCH_B, code_b1, "branch", "Branch-pass-1", false, &err),
                     -1);
    char want[128];
    snprintf(want, sizeof want, "党组织“%s”不存在", code_b1);
    assert_string_equal(err.message, want);

    /* A further organization for its clerk: only inside its district, once. */
    assert_int_equal(dj_user_add_scope(admin, BRANCH_A, code_b1, &err), -1);
    assert_string_equal(err.message, want);
    assert_int_equal(dj_user_add_scope(admin, BRANCH_A, code_a1, &err), -1);
    assert_non_null(strstr(err.message, "已经管理"));

    /* Above its own level: refused whatever the organization. */
    assert_int_equal(dj_user_add(admin, BRANCH_B, "001", "city", "City-pass-1", false, &err), -1);
    assert_non_null(strstr(err.message, "不能添加级别高于自己的用户"));
    dj_db_close(admin);

    const char *p[] = {BRANCH_B};
    assert_string_equal(value(db, "SELECT count(*) FROM pg_roles WHERE rolname = $1", 1, p), "0");
}

static void administrator_changes_its_own_password(void **state)
{
    (void)state;
    scratch();
    struct dj_db *admin = login(ADMIN, "Dist-pass-1");
    struct dj_db_error err;
    if (dj_clerk_change_password(admin, "Dist-pass-2", &err) != 0)
        fail_msg("change password: %s\n%s", err.message, err.detail);
    dj_db_close(admin);

    assert_null(connect_as(dbname, ADMIN, "Dist-pass-1", &err));
    assert_int_equal(err.kind, DJ_DB_ERR_PASSWORD);
    admin = login(ADMIN, "Dist-pass-2");
    assert_false(must_change(admin, ADMIN));
    dj_db_close(admin);
}

static void administrator_lists_only_its_subtree(void **state)
{
    (void)state;
    scratch();
    struct dj_db_error err;
    if (dj_user_add(db, BRANCH_B, code_b1, "branch", "Branch-pass-1", false, &err) != 0)
        fail_msg("user_add (superuser, district B): %s\n%s", err.message, err.detail);

    struct dj_db *admin = login(ADMIN, "Dist-pass-2");
    char want[256];
    /* By organization path: the district first, then its branch. */
    snprintf(want, sizeof want, "%s|%s", ADMIN, BRANCH_A);
    assert_string_equal(listed(admin), want);
    dj_db_close(admin);

    snprintf(want, sizeof want, "%s|%s|%s", ADMIN, BRANCH_A, BRANCH_B);
    assert_string_equal(listed(db), want);
}

static void real_clerk_login_cannot_become_another_role(void **state)
{
    (void)state;
    scratch();
    struct dj_db *c = login(BRANCH_A, "Branch-pass-1");
    char sql[256];
    char superuser[64];
    snprintf(superuser, sizeof superuser, "%s", value(db, "SELECT session_user", 0, NULL));
    const char *targets[] = {ADMIN, BRANCH_B, superuser};
    struct dj_db_error err;
    for (size_t i = 0; i < sizeof targets / sizeof targets[0]; i++) {
        snprintf(sql, sizeof sql, "SET ROLE \"%s\"", targets[i]);
        assert_int_equal(dj_db_exec(c, &err, sql, 0, NULL), -1);
        assert_string_equal(err.sqlstate, "42501");
        snprintf(sql, sizeof sql, "SET SESSION AUTHORIZATION \"%s\"", targets[i]);
        assert_int_equal(dj_db_exec(c, &err, sql, 0, NULL), -1);
        assert_string_equal(err.sqlstate, "42501");
    }
    snprintf(sql, sizeof sql, "SET ROLE %s_useradmin", dbname);
    assert_int_equal(dj_db_exec(c, &err, sql, 0, NULL), -1);
    assert_string_equal(err.sqlstate, "42501");
    assert_int_equal(dj_db_exec(c, &err, "CREATE TEMP TABLE t (x int)", 0, NULL), -1);
    assert_string_equal(err.sqlstate, "42501");
    assert_int_equal(dj_db_exec(c, &err, "CREATE ROLE x_evil SUPERUSER", 0, NULL), -1);
    assert_string_equal(err.sqlstate, "42501");
    snprintf(sql, sizeof sql, "%s %s", BRANCH_A, BRANCH_A);
    assert_string_equal(value(c, "SELECT session_user || ' ' || current_user", 0, NULL), sql);

    /* And the user functions refuse a clerk who is not an administrator. */
    assert_int_equal(dj_user_add(c, CLI_TWO, code_a1, "branch", "Branch-pass-9", false, &err), -1);
    assert_string_equal(err.message, "只有管理员才能添加用户");
    assert_int_equal(dj_user_disable(c, ADMIN, &err), -1);
    assert_string_equal(err.message, "只有管理员才能停用用户");
    dj_db_close(c);
}

static void disabled_clerk_cannot_log_in(void **state)
{
    (void)state;
    scratch();
    struct dj_db *admin = login(ADMIN, "Dist-pass-2");
    struct dj_db_error err;
    assert_int_equal(dj_user_disable(admin, BRANCH_B, &err), -1); /* district B's */
    char want[128];
    snprintf(want, sizeof want, "用户“%s”不存在", BRANCH_B);
    assert_string_equal(err.message, want);
    if (dj_user_disable(admin, BRANCH_A, &err) != 0)
        fail_msg("user_disable: %s\n%s", err.message, err.detail);
    dj_db_close(admin);

    assert_null(connect_as(dbname, BRANCH_A, "Branch-pass-1", &err));
    assert_int_equal(err.kind, DJ_DB_ERR_CONNECT);
    assert_string_equal(err.sqlstate, "28000");
    /* Who did it is in the audit log, under the administrator's name. */
    const char *p[] = {BRANCH_A};
    assert_string_equal(value(db,
                              "SELECT clerk FROM audit.log WHERE table_name = 'app.clerk'"
                              "   AND row_key = $1 AND action = 'UPDATE'"
                              "   AND (after ->> 'disabled')::boolean",
                              1, p),
                        ADMIN);
}

static char cli_err[4096]; /* the last run's stderr */

static void slurp(const char *path, char *buf, size_t len)
{
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    size_t n = fread(buf, 1, len - 1, f);
    buf[n] = '\0';
    fclose(f);
    unlink(path);
}

/* Runs `dangjian user ARGS` against the scratch database as the superuser,
 * feeding stdin_text (may be NULL); its stdout goes into out, its stderr into
 * cli_err.  Fails the test unless it exits with want. */
static void run_cli(const char *args, const char *stdin_text, int want, char *out, size_t outlen)
{
    const char *bin = getenv("DJ_BIN") ? getenv("DJ_BIN") : "build/dangjian";
    if (access(bin, X_OK) != 0)
        fail_msg("the program %s is not built (set DJ_BIN)", bin);
    char conf[] = "/tmp/dj_test_user_conf.XXXXXX", outf[] = "/tmp/dj_test_user_out.XXXXXX",
         errf[] = "/tmp/dj_test_user_err.XXXXXX";
    int fd1 = mkstemp(conf), fd2 = mkstemp(outf), fd3 = mkstemp(errf);
    assert_true(fd1 >= 0 && fd2 >= 0 && fd3 >= 0);
    close(fd1);
    close(fd2);
    close(fd3);
    char cmd[1024];
    snprintf(cmd, sizeof cmd, "PGDATABASE=%s DANGJIAN_CONFIG=%s '%s' user %s >%s 2>%s", dbname,
             conf, bin, args, outf, errf);
    FILE *p = popen(cmd, "w");
    assert_non_null(p);
    if (stdin_text != NULL)
        fputs(stdin_text, p);
    int status = pclose(p);
    unlink(conf);
    slurp(outf, out, outlen);
    slurp(errf, cli_err, sizeof cli_err);
    int rc = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    if (rc != want)
        fail_msg("dangjian user %s: exit %d, not %d\n%s%s", args, rc, want, out, cli_err);
}

static void the_command_adds_and_lists(void **state)
{
    (void)state;
    scratch();
    char out[4096], args[256];

    snprintf(args, sizeof args, "add %s --org %s --level 支部 --password-stdin", CLI_ONE, code_a1);
    run_cli(args, "Cli-pass-1\n", 0, out, sizeof out);
    assert_string_equal(out, "");
    dj_db_close(login(CLI_ONE, "Cli-pass-1"));

    /* A generated first password: printed once, on stdout, 12 characters. */
    snprintf(args, sizeof args, "add %s --org %s --level branch", CLI_TWO, code_a1);
    run_cli(args, NULL, 0, out, sizeof out);
    assert_non_null(strstr(cli_err, "初始密码如下，只显示这一次"));
    out[strcspn(out, "\n")] = '\0';
    assert_int_equal(strlen(out), DJ_USER_RANDOM_LENGTH);
    dj_db_close(login(CLI_TWO, out));

    snprintf(args, sizeof args, "add %s_x --org %s --level branch", dbname, code_a);
    run_cli(args, NULL, 1, out, sizeof out);
    assert_non_null(strstr(cli_err, "“支部”级别的用户只能设在党支部或党小组，“甲区委”不是"));
    run_cli("add onlyname", NULL, 2, out, sizeof out);
    run_cli("frobnicate", NULL, 2, out, sizeof out);
    run_cli("add x --org 001 --level owner", NULL, 2, out, sizeof out);

    run_cli("list", NULL, 0, out, sizeof out);
    char line[256];
    snprintf(line, sizeof line, "\n%s,branch,%s,%s,甲支部,no,no,yes,", CLI_ONE,
             dj_clerk_level_name("branch"), code_a1);
    if (strstr(out, line) == NULL)
        fail_msg("no line \"%s\" in:\n%s", line + 1, out);
    assert_true(strncmp(out, "name,level,level_name,org_code,org_name,", 40) == 0);

    /* --org twice: one clerk of two branches; a refused second organization
     * leaves no role behind. */
    snprintf(args, sizeof args, "add %s_multi --org %s --org %s --level branch --password-stdin",
             dbname, code_a1, code_b1);
    run_cli(args, "Cli-pass-3\n", 0, out, sizeof out);
    run_cli("list", NULL, 0, out, sizeof out);
    const char *codes[] = {code_a1, code_b1};
    for (int i = 0; i < 2; i++) {
        snprintf(line, sizeof line, "\n%s_multi,branch,%s,%s,", dbname,
                 dj_clerk_level_name("branch"), codes[i]);
        if (strstr(out, line) == NULL)
            fail_msg("no line \"%s\" in:\n%s", line + 1, out);
    }
    snprintf(args, sizeof args, "add %s_half --org %s --org %s --level branch --password-stdin",
             dbname, code_a1, code_a);
    run_cli(args, "Cli-pass-4\n", 1, out, sizeof out);
    assert_non_null(strstr(cli_err, "“支部”级别的用户只能设在党支部或党小组，“甲区委”不是"));
    char half[64];
    snprintf(half, sizeof half, "%s_half", dbname);
    const char *p[] = {half};
    assert_string_equal(value(db, "SELECT count(*) FROM pg_roles WHERE rolname = $1", 1, p), "0");
}

int main(void)
{
    /* In this order: each step builds on the ones before. */
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(first_passwords_levels_and_password_rules),
        cmocka_unit_test(superuser_adds_an_administrator),
        cmocka_unit_test(administrator_logs_in_and_must_change_its_password),
        cmocka_unit_test(administrator_adds_inside_its_district_only),
        cmocka_unit_test(administrator_changes_its_own_password),
        cmocka_unit_test(administrator_lists_only_its_subtree),
        cmocka_unit_test(real_clerk_login_cannot_become_another_role),
        cmocka_unit_test(disabled_clerk_cannot_log_in),
        cmocka_unit_test(the_command_adds_and_lists),
    };
    return cmocka_run_group_tests(tests, NULL, drop_scratch);
}
