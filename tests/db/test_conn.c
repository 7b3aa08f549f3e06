/*
 * src/db against a real server: connecting (unreachable, wrong password), the
 * result funnel's messages, notices, and a connection killed under us.
 * Needs PGHOST/PGPORT/PGUSER/PGPASSWORD/PGDATABASE naming a superuser with
 * password authentication (pg_virtualenv); fails when no server answers.
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
#include "db/error_table.h"
#include "log.h"

#define PW_ROLE  "dj_test_conn_pw"
#define PW_RIGHT "正确的-password-1"

static char logpath[128];

/* The superuser from the environment: no config file, only PG* variables. */
static struct dj_db *super_connect(void)
{
    struct dj_config cfg = {0};
    struct dj_db_error err;
    struct dj_db *db = dj_db_connect(&cfg, NULL, &err);
    if (db == NULL)
        fail_msg("cannot reach the test server (PGHOST=%s PGPORT=%s): %s\n%s",
                 getenv("PGHOST") ? getenv("PGHOST") : "", getenv("PGPORT") ? getenv("PGPORT") : "",
                 err.message, err.detail);
    return db;
}

static void exec_ok(struct dj_db *db, const char *sql)
{
    struct dj_db_error err;
    if (dj_db_exec(db, &err, sql, 0, NULL) != 0)
        fail_msg("%s: %s\n%s", sql, err.message, err.detail);
}

static char *slurp(const char *path)
{
    static char buf[65536];
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    buf[n] = '\0';
    fclose(f);
    return buf;
}

static int open_log(void **state)
{
    (void)state;
    char err[256];
    snprintf(logpath, sizeof logpath, "/tmp/dj_test_conn.%ld.log", (long)getpid());
    unlink(logpath);
    assert_int_equal(dj_log_open(logpath, err, sizeof err), 0);
    return 0;
}

static int close_log(void **state)
{
    (void)state;
    dj_log_close();
    unlink(logpath);
    return 0;
}

static void unreachable_server_is_one_clear_line(void **state)
{
    (void)state;
    char dir[] = "/tmp/dj_test_nosrv.XXXXXX";
    assert_non_null(mkdtemp(dir));
    struct dj_config cfg = {0};
    cfg.conn_keys[0] = "host";
    cfg.conn_vals[0] = dir;
    cfg.conn_keys[1] = "port";
    cfg.conn_vals[1] = "1";
    cfg.conn_count = 2;

    struct dj_db_error err;
    assert_null(dj_db_connect(&cfg, NULL, &err));
    rmdir(dir);
    assert_int_equal(err.kind, DJ_DB_ERR_UNREACHABLE);
    char want[256];
    snprintf(want, sizeof want, "无法连接数据库服务器（%s:1）：服务器未运行或拒绝连接", dir);
    assert_string_equal(err.message, want);
    /* libpq's own words stay off the screen, and are in the log. */
    assert_null(strchr(err.message, '\n'));
    assert_non_null(strstr(err.detail, ".s.PGSQL.1"));
    assert_non_null(strstr(slurp(logpath), ".s.PGSQL.1"));
}

struct pw_script {
    const char *answers[4]; /* what the "clerk" types, in turn */
    int calls;
    bool again[4];
};

static int type_password(void *ctx, const char *user, bool again, char *buf, size_t len)
{
    struct pw_script *s = ctx;
    assert_string_equal(user, PW_ROLE);
    if (s->calls >= 4 || s->answers[s->calls] == NULL)
        return -1;
    s->again[s->calls] = again;
    snprintf(buf, len, "%s", s->answers[s->calls]);
    s->calls++;
    return 0;
}

static char *saved_password;

/* The role's password comes only from the hook: not from the superuser's
 * PGPASSWORD, nor from a ~/.pgpass.  The teardown puts the superuser's back
 * even when the test fails half-way. */
static int hide_password(void **state)
{
    (void)state;
    struct dj_db *su = super_connect();
    exec_ok(su, "DROP ROLE IF EXISTS " PW_ROLE);
    exec_ok(su, "CREATE ROLE " PW_ROLE " LOGIN PASSWORD '" PW_RIGHT "'");
    dj_db_close(su);
    saved_password = getenv("PGPASSWORD") ? strdup(getenv("PGPASSWORD")) : NULL;
    unsetenv("PGPASSWORD");
    setenv("PGPASSFILE", "/nonexistent/pgpass", 1);
    return 0;
}

static int restore_password(void **state)
{
    (void)state;
    if (saved_password != NULL)
        setenv("PGPASSWORD", saved_password, 1);
    free(saved_password);
    saved_password = NULL;
    unsetenv("PGPASSFILE");
    struct dj_db *su = super_connect();
    exec_ok(su, "DROP ROLE IF EXISTS " PW_ROLE);
    dj_db_close(su);
    return 0;
}

static void wrong_password_is_recognised(void **state)
{
    (void)state;
    struct dj_config cfg = {0};
    cfg.conn_keys[0] = "user";
    cfg.conn_vals[0] = PW_ROLE;
    cfg.conn_keys[1] = "dbname";
    cfg.conn_vals[1] = "postgres";
    cfg.conn_count = 2;
    struct dj_db_error err;

    /* Always wrong: asked DJ_DB_PASSWORD_TRIES times, then told so. */
    struct pw_script wrong = {.answers = {"nope", "nope", "nope", "nope"}};
    struct dj_db_hooks hooks = {.password = type_password, .password_ctx = &wrong};
    assert_null(dj_db_connect(&cfg, &hooks, &err));
    assert_int_equal(err.kind, DJ_DB_ERR_PASSWORD);
    assert_string_equal(err.sqlstate, "28P01");
    assert_string_equal(err.message, "用户名或密码错误");
    assert_int_equal(wrong.calls, DJ_DB_PASSWORD_TRIES);
    assert_false(wrong.again[0]); /* first asked because the server wanted one */
    assert_true(wrong.again[1]);

    /* Wrong, then right: connected, and the second question said "again". */
    struct pw_script retry = {.answers = {"nope", PW_RIGHT}};
    hooks.password_ctx = &retry;
    struct dj_db *db = dj_db_connect(&cfg, &hooks, &err);
    if (db == NULL)
        fail_msg("%s\n%s", err.message, err.detail);
    assert_int_equal(retry.calls, 2);
    assert_true(retry.again[1]);
    dj_db_close(db);

    /* Nobody to ask: the server wanted a password and got none. */
    assert_null(dj_db_connect(&cfg, NULL, &err));
    assert_int_equal(err.kind, DJ_DB_ERR_NO_PASSWORD);
}

static void funnel_maps_sqlstate_and_constraint(void **state)
{
    (void)state;
    struct dj_db *db = super_connect();
    struct dj_db_error err;

    /* Success hands the result over. */
    const char *one[] = {"党员"};
    PGresult *res = dj_db_query(db, &err, "SELECT $1::text || '管理'", 1, one);
    assert_non_null(res);
    assert_string_equal(PQgetvalue(res, 0, 0), "党员管理");
    PQclear(res);

    /* A unique violation: SQLSTATE, constraint and the table's words. */
    exec_ok(db, "CREATE TEMP TABLE t (code text CONSTRAINT t_code_key UNIQUE)");
    const char *code[] = {"001.031"};
    assert_int_equal(dj_db_exec(db, &err, "INSERT INTO t VALUES ($1)", 1, code), 0);
    assert_null(dj_db_query(db, &err, "INSERT INTO t VALUES ($1)", 1, code));
    assert_int_equal(err.kind, DJ_DB_ERR_SQL);
    assert_string_equal(err.sqlstate, "23505");
    assert_string_equal(err.constraint, "t_code_key");
    assert_string_equal(err.message, "该记录已存在，不能重复登记");
    assert_false(err.connection_lost);
    assert_non_null(strstr(err.detail, "t_code_key")); /* the server's text, for the log */
    assert_non_null(strstr(slurp(logpath), "INSERT INTO t VALUES ($1)"));

    /* Our own SQL raises Chinese: passed through as the server said it. */
    assert_int_equal(dj_db_exec(db, &err,
                                "DO $$BEGIN RAISE EXCEPTION '该党员正在转出，不能修改'; END$$", 0,
                                NULL),
                     -1);
    assert_string_equal(err.sqlstate, "P0001");
    assert_string_equal(err.message, "该党员正在转出，不能修改");

    /* Invalid UTF-8 in a parameter. */
    const char *bad[] = {"\xe5\x85"};
    assert_null(dj_db_query(db, &err, "SELECT $1::text", 1, bad));
    assert_string_equal(err.sqlstate, "22021");
    assert_non_null(strstr(err.message, "UTF-8"));

    /* No privilege. */
    exec_ok(db, "DROP ROLE IF EXISTS dj_test_conn_nobody");
    exec_ok(db, "CREATE ROLE dj_test_conn_nobody NOLOGIN");
    exec_ok(db, "SET ROLE dj_test_conn_nobody");
    assert_null(dj_db_query(db, &err, "SELECT * FROM pg_authid", 0, NULL));
    assert_string_equal(err.sqlstate, "42501");
    assert_non_null(strstr(err.message, "没有权限"));
    exec_ok(db, "RESET ROLE");
    exec_ok(db, "DROP ROLE dj_test_conn_nobody");

    /* A failed statement inside a transaction: COMMIT must not pass for success. */
    assert_int_equal(dj_db_begin(db, &err), 0);
    assert_int_equal(dj_db_exec(db, &err, "INSERT INTO t VALUES ($1)", 1, code), -1);
    assert_int_equal(dj_db_commit(db, &err), -1);
    assert_string_equal(err.sqlstate, "25P02");
    assert_int_equal(PQtransactionStatus(dj_db_conn(db)), PQTRANS_IDLE);

    /* An unknown code: the fallback names it. */
    assert_int_equal(dj_db_exec(db, &err,
                                "DO $$BEGIN RAISE SQLSTATE 'DJ999' USING MESSAGE = 'x'; END$$", 0,
                                NULL),
                     -1);
    assert_string_equal(err.sqlstate, "DJ999");
    assert_non_null(strstr(err.message, "DJ999"));
    dj_db_close(db);
}

struct notices {
    int count;
    char severity[32];
    char message[256];
};

static void on_notice(void *ctx, const char *severity, const char *message)
{
    struct notices *n = ctx;
    n->count++;
    snprintf(n->severity, sizeof n->severity, "%s", severity);
    snprintf(n->message, sizeof n->message, "%s", message);
}

static void notices_reach_the_hook(void **state)
{
    (void)state;
    struct notices seen = {0};
    struct dj_db_hooks hooks = {.notice = on_notice, .notice_ctx = &seen};
    struct dj_config cfg = {0};
    struct dj_db_error err;
    struct dj_db *db = dj_db_connect(&cfg, &hooks, &err);
    if (db == NULL)
        fail_msg("%s", err.message);
    exec_ok(db, "DO $$BEGIN RAISE NOTICE '已有 3 名党员待转入'; END$$");
    assert_int_equal(seen.count, 1);
    assert_string_equal(seen.severity, "NOTICE");
    assert_string_equal(seen.message, "已有 3 名党员待转入");
    dj_db_close(db);
}

static void killed_backend_is_a_lost_connection(void **state)
{
    (void)state;
    struct dj_db *victim = super_connect();
    struct dj_db *killer = super_connect();
    struct dj_db_error err;
    char pid[16];
    snprintf(pid, sizeof pid, "%d", PQbackendPID(dj_db_conn(victim)));
    const char *params[] = {pid};
    /* With a timeout, pg_terminate_backend waits until the backend is gone. */
    PGresult *res =
        dj_db_query(killer, &err, "SELECT pg_terminate_backend($1::int, 10000)", 1, params);
    assert_non_null(res);
    assert_string_equal(PQgetvalue(res, 0, 0), "t");
    PQclear(res);

    assert_null(dj_db_query(victim, &err, "SELECT 1", 0, NULL));
    assert_int_equal(err.kind, DJ_DB_ERR_LOST);
    assert_true(err.connection_lost);
    assert_string_equal(err.message, "与数据库的连接已断开");

    /* One reset brings it back. */
    assert_int_equal(dj_db_reset(victim, &err), 0);
    res = dj_db_query(victim, &err, "SELECT 41 + 1", 0, NULL);
    assert_non_null(res);
    assert_string_equal(PQgetvalue(res, 0, 0), "42");
    PQclear(res);
    dj_db_close(victim);
    dj_db_close(killer);
}

/* The real table (src/db/error_table.c) is well formed, whoever edits it. */
static void error_table_is_well_formed(void **state)
{
    (void)state;
    for (size_t i = 0; i < dj_db_error_rule_count; i++) {
        const struct dj_db_error_rule *r = &dj_db_error_rules[i];
        size_t len = strlen(r->sqlstate);
        assert_true(len == 2 || len == 5);
        assert_true(r->message != NULL || (r->flags & DJ_ERR_PRIMARY));
        if (r->message != NULL)
            assert_null(strstr(r->message, "{field}"));
        if (r->with_field != NULL)
            assert_non_null(strstr(r->with_field, "{field}"));
        assert_true(r->constraint == NULL || len == 5);
    }
    for (const struct dj_db_field_label *l = dj_db_field_labels; l->name != NULL; l++)
        assert_non_null(l->label);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(error_table_is_well_formed),
        cmocka_unit_test(unreachable_server_is_one_clear_line),
        cmocka_unit_test_setup_teardown(wrong_password_is_recognised, hide_password,
                                        restore_password),
        cmocka_unit_test(funnel_maps_sqlstate_and_constraint),
        cmocka_unit_test(notices_reach_the_hook),
        cmocka_unit_test(killed_backend_is_a_lost_connection),
    };
    return cmocka_run_group_tests_name("db connection", tests, open_log, close_log);
}
